from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "inburgering.intake"
    label = "intake"
    verbose_name = _("Contact, oproepen en brede intake")

    def ready(self) -> None:
        from inburgering.brieven.verzonden import registreer_briefbron
        from inburgering.dossiers.bewaren import registreer_opschoning
        from inburgering.dossiers.bulk import registreer_actie

        from . import brieven, oproepen, opschonen, soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
        registreer_opschoning("intake", opschonen.opschonen)  # retention, Besluit 9.9
        registreer_actie("uitnodigen", oproepen.oproep_in_bulk)  # the caseload's bulk summons
        registreer_briefbron("intake", brieven.verzonden)  # sent letters, for the portal
