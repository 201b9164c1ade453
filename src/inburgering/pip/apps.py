from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipConfig(AppConfig):
    name = "inburgering.pip"
    label = "pip"
    verbose_name = _("Persoonlijk plan inburgering en participatie (PIP)")

    def ready(self) -> None:
        from inburgering.brieven.verzonden import registreer_briefbron
        from inburgering.dossiers.bewaren import registreer_opschoning

        from . import documenten, opschonen, soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
        registreer_opschoning("pip", opschonen.opschonen)  # retention, Besluit 9.9
        registreer_briefbron("pip", documenten.verzonden)  # the beschikkingen, for the portal
