from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandhavingConfig(AppConfig):
    name = "inburgering.handhaving"
    label = "handhaving"
    verbose_name = _("Handhaving: boetes op grond van de Wet inburgering")

    def ready(self) -> None:
        from inburgering.brieven.verzonden import registreer_briefbron
        from inburgering.dossiers.bewaren import registreer_opschoning
        from inburgering.werkvoorraad.services import registreer_signaalbron

        from . import opschonen, overdracht, services, signalen, soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
        registreer_signaalbron(signalen.signalen)  # decisions due, on the work queue
        overdracht.registreer()  # the fines travel in the transfer package on a move
        registreer_opschoning("handhaving", opschonen.opschonen)  # retention, Besluit 9.9
        registreer_briefbron("handhaving", services.verzonden)  # the fine letters, for the portal
