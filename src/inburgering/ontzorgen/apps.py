from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OntzorgenConfig(AppConfig):
    name = "inburgering.ontzorgen"
    label = "ontzorgen"
    verbose_name = _("Ontzorgen en maatschappelijke begeleiding")

    def ready(self) -> None:
        from inburgering.dossiers.bewaren import registreer_opschoning
        from inburgering.monitoring.tabellen import registreer_tabel
        from inburgering.partners.secties import registreer_sectie
        from inburgering.partners.toegang import Gegeven
        from inburgering.werkvoorraad.services import registreer_signaalbron

        from . import monitoring, opschonen, signalen, soorten, views

        soorten.registreer()
        registreer_signaalbron(signalen.signalen)
        registreer_tabel(monitoring.tabel)
        registreer_sectie(Gegeven.ONTZORGEN_STATUS, views.status_voor_partner)
        registreer_opschoning("ontzorgen", opschonen.opschonen)  # retention, Besluit 9.9
