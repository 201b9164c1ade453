"""Letters through the real services: a summons letter, a letterhead saved by a beheerder."""

import datetime as dt

from django.utils import timezone

from inburgering.brieven import services
from inburgering.intake import oproepen


def oproepbrief(dossier, actor):
    vandaag = timezone.localdate()
    return oproepen.stuur_oproep(
        dossier,
        kanaal="post",
        periode_van=vandaag,
        periode_tot=vandaag + dt.timedelta(days=14),
        datum=vandaag,
        actor=actor,
    )


def briefhoofd(gemeente, door, **velden):
    gegevens = {
        "afdeling": "Team Inburgering",
        "postadres": "Postbus 16200\n3500 CE Utrecht",
        "telefoon": "14 030",
        "email": "inburgering@utrecht.example",
        "bezwaar_adres": "College van B&W, t.a.v. bezwaarschriften\nPostbus 16200\n3500 CE Utrecht",
        "ondertekening": "Het college van burgemeester en wethouders",
    } | velden
    return services.bewaar_briefhoofd(gemeente, gegevens, door=door)
