from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandhavingConfig(AppConfig):
    name = "inburgering.handhaving"
    label = "handhaving"
    verbose_name = _("Handhaving: boetes op grond van de Wet inburgering")

    def ready(self) -> None:
        from . import soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
