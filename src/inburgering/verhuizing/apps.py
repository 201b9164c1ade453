from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerhuizingConfig(AppConfig):
    name = "inburgering.verhuizing"
    label = "verhuizing"
    verbose_name = _("Verhuizing: overdracht van het dossier")

    def ready(self) -> None:
        from inburgering.dossiers.bewaren import registreer_opschoning
        from inburgering.dossiers.signalen import dossier_bijgewerkt

        from . import opschonen, services, soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
        # A move that DUO reported (SS120/SS121) opens the new dossier in koppelingen; the
        # transfer package for it is prepared here (services.na_vestiging_door_duo).
        dossier_bijgewerkt.connect(
            services.na_vestiging_door_duo, dispatch_uid="verhuizing.vestiging_door_duo"
        )
        registreer_opschoning("verhuizing", opschonen.opschonen)  # retention, Besluit 9.9
