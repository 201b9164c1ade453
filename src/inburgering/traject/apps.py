from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectConfig(AppConfig):
    name = "inburgering.traject"
    label = "traject"
    verbose_name = _("Leerroute: aanbieders, plaatsingen en uren")

    def ready(self) -> None:
        from inburgering.dossiers.bewaren import registreer_opschoning
        from inburgering.dossiers.signalen import dossier_bijgewerkt

        from . import opschonen, services, soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
        registreer_opschoning("traject", opschonen.opschonen)  # retention, Besluit 9.9
        # A move out ends the running placements (services.beeindig_bij_verhuizing).
        dossier_bijgewerkt.connect(services.na_verhuizing, dispatch_uid="traject.verhuizing")
