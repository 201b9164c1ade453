"""Progress conversations planned over the termijn, and recording one."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers import deadlines
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort

from ..models import (
    PipVersie,
    Voortgangsgesprek,
)
from .basis import PipFout, toestand_van


def plan_gesprekken(versie: PipVersie) -> list[Voortgangsgesprek]:
    """Spread the PIP's number of progress conversations evenly over the termijn; conversations
    already held stay as they are, unheld ones are re-planned."""
    pip = versie.pip
    toestand = toestand_van(pip.dossier)
    termijn = deadlines.inburgeringstermijn(toestand)
    aantal = versie.aantal_voortgangsgesprekken or 0
    if termijn is None:
        return []
    start, einde = termijn.waarde.start, termijn.waarde.einde
    bestaand = {g.volgnummer: g for g in pip.voortgangsgesprekken.all()}
    for nummer, gesprek in bestaand.items():
        if nummer > aantal and gesprek.gehouden_op is None:
            gesprek.delete()
    for i in range(1, aantal + 1):
        datum = start + (einde - start) * i / (aantal + 1)
        gesprek = bestaand.get(i)
        if gesprek is None:
            Voortgangsgesprek.objects.create(pip=pip, volgnummer=i, gepland_op=datum)
        elif gesprek.gehouden_op is None and gesprek.gepland_op != datum:
            gesprek.gepland_op = datum
            gesprek.save(update_fields=["gepland_op"])
    return list(pip.voortgangsgesprekken.all())


def leg_gesprek_vast(
    gesprek: Voortgangsgesprek, *, gehouden_op: dt.date, verslag: str, actor: Gebruiker
) -> Voortgangsgesprek:
    if gesprek.gehouden_op:
        raise PipFout(_("Dit gesprek is al vastgelegd."))
    if gehouden_op > timezone.localdate():
        raise PipFout(_("Een gesprek in de toekomst kan nog niet gehouden zijn."))
    dossier = gesprek.pip.dossier
    if dossier.pip_dagtekening and gehouden_op < dossier.pip_dagtekening:
        raise PipFout(_("Het gesprek ligt vóór de vaststelling van het PIP."))
    if not verslag.strip():
        raise PipFout(_("Schrijf een kort verslag van het gesprek."))
    with transaction.atomic():
        gesprek.gehouden_op, gesprek.verslag, gesprek.vastgelegd_door = gehouden_op, verslag, actor
        gesprek.save(update_fields=["gehouden_op", "verslag", "vastgelegd_door"])
        registreer(
            dossier,
            Soort.CONTACT,
            gehouden_op,
            actor=actor,
            gegevens={
                "kanaal": "persoonlijk",
                "pip": "voortgangsgesprek",
                "volgnummer_gesprek": gesprek.volgnummer,
            },
            toelichting=_("Voortgangsgesprek %(n)s: %(v)s")
            % {"n": gesprek.volgnummer, "v": verslag},
        )
    return gesprek
