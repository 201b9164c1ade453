from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "inburgering.dossiers"
    label = "dossiers"
    verbose_name = _("Inburgeraars en dossiers")

    def ready(self) -> None:
        from . import soorten
        from .panelen import bij_dossier_bijgewerkt
        from .signalen import dossier_bijgewerkt

        soorten.registreer()  # its event types (gebeurtenissen.py)
        dossier_bijgewerkt.connect(bij_dossier_bijgewerkt, dispatch_uid="dossiers.panelen")
