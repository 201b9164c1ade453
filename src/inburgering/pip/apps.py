from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipConfig(AppConfig):
    name = "inburgering.pip"
    label = "pip"
    verbose_name = _("Persoonlijk plan inburgering en participatie (PIP)")

    def ready(self) -> None:
        from . import soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
