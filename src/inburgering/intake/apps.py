from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "inburgering.intake"
    label = "intake"
    verbose_name = _("Contact, oproepen en brede intake")

    def ready(self) -> None:
        from . import soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
