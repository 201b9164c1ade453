from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "inburgering.partners"
    label = "partners"
    verbose_name = _("Ketenpartners")

    def ready(self) -> None:
        from inburgering.dossiers.bewaren import registreer_opschoning
        from inburgering.dossiers.signalen import dossier_bijgewerkt
        from inburgering.traject.haken import plaatsing_gewijzigd

        from . import haken, opschonen, soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
        # Involvement follows the records (docs/adr/0027): traject sends, partners listens.
        plaatsing_gewijzigd.connect(haken.volg_plaatsing, dispatch_uid="partners.plaatsing")
        # A move out ends the involvements of this gemeente's partners (need-to-know).
        dossier_bijgewerkt.connect(haken.na_verhuizing, dispatch_uid="partners.verhuizing")
        registreer_opschoning("partners", opschonen.opschonen)  # retention, Besluit 9.9
