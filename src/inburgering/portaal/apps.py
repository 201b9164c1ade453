from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortaalConfig(AppConfig):
    name = "inburgering.portaal"
    verbose_name = _("Portaal voor de inburgeraar")

    def ready(self) -> None:
        from inburgering.dossiers.bewaren import registreer_opschoning

        from . import opschonen, signals, soorten

        soorten.registreer()
        signals.verbind()
        registreer_opschoning("portaal", opschonen.opschonen)  # retention, Besluit 9.9
