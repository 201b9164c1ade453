"""DUO's request for the college's advice on a bijzondere ontheffing (signal SS140) becomes a
task with a deadline in the werkvoorraad (`werkvoorraad.services.TAAKREGELS`)."""

from __future__ import annotations

from django.urls import reverse

from inburgering import wet
from inburgering.dossiers.models import DossierEvent
from inburgering.werkvoorraad.services import Taak, registreer_taak

ADVIESVERZOEK = "SS140"


def adviestaak(event: DossierEvent) -> Taak:
    uiterlijk = wet.ontheffing_advies_uiterlijk(event.datum).waarde
    url = reverse("termijn:termijn", kwargs={"uuid": event.dossier.uuid}) + "#kop-advies"
    return Taak(uiterlijk, url)


def registreer() -> None:
    registreer_taak(ADVIESVERZOEK, adviestaak)
