from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortaalConfig(AppConfig):
    name = "inburgering.portaal"
    verbose_name = _("Portaal voor de inburgeraar")

    def ready(self) -> None:
        from inburgering.dossiers.bewaren import registreer_opschoning
        from inburgering.monitoring.tabellen import registreer_tabel

        from . import monitoring, opschonen, signals, soorten

        soorten.registreer()
        signals.verbind()
        registreer_opschoning("portaal", opschonen.opschonen)  # retention, Besluit 9.9
        registreer_tabel(monitoring.tabel)  # experience questionnaire (issue 19 item 7)
