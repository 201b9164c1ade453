from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelingenConfig(AppConfig):
    name = "inburgering.koppelingen"
    label = "koppelingen"
    verbose_name = _("Koppelingen (DUO)")

    def ready(self) -> None:
        from inburgering.dossiers.bewaren import registreer_opschoning
        from inburgering.dossiers.panelen import registreer_paneel

        from . import golven, opschonen, soorten
        from .duo import contactpersoon

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
        registreer_opschoning("berichten", opschonen.opschonen)  # retention, Besluit 9.9
        contactpersoon.registreer()  # the consulent as contact person at DUO
        registreer_paneel("golven", golven.golven_paneel)  # the caseload's DUO waves
