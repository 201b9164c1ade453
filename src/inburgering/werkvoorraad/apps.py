from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkvoorraadConfig(AppConfig):
    name = "inburgering.werkvoorraad"
    label = "werkvoorraad"
    verbose_name = _("Werkvoorraad")

    def ready(self) -> None:
        from . import soorten

        soorten.registreer()  # its event types (dossiers/gebeurtenissen.py)

        from django.db.models.signals import post_save

        from inburgering.intake.models import Afspraak
        from inburgering.koppelingen.models import InkomendBericht

        from .tellers import bij_afspraak, bij_bericht

        # Appointments and kept notifications change no event log: their counts in the
        # navigation are renewed from here (the rest through `dossier_bijgewerkt`).
        post_save.connect(bij_afspraak, sender=Afspraak, dispatch_uid="werkvoorraad_afspraak")
        post_save.connect(bij_bericht, sender=InkomendBericht, dispatch_uid="werkvoorraad_bericht")
