from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "inburgering.accounts"
    label = "accounts"
    verbose_name = _("Gebruikers, gemeenten en inzagelog")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from inburgering.dbinstellingen import bij_nieuwe_verbinding

        from . import beveiliging, signals  # noqa: F401  (connects the receivers)

        connection_created.connect(bij_nieuwe_verbinding, dispatch_uid="dbinstellingen")
