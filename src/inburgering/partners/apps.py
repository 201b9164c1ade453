from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "inburgering.partners"
    label = "partners"
    verbose_name = _("Ketenpartners")

    def ready(self) -> None:
        from inburgering.traject.haken import plaatsing_gewijzigd

        from . import haken, soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)
        # Involvement follows the records (docs/adr/0027): traject sends, partners listens.
        plaatsing_gewijzigd.connect(haken.volg_plaatsing, dispatch_uid="partners.plaatsing")
