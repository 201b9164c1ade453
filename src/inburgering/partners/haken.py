"""Receivers of the one-way hooks of other apps (docs/adr/0027): an involvement starts and
ends with the record that causes it, in that record's transaction.

The pattern for a new cause (ontzorgen, maatschappelijke begeleiding): the owning app defines
a `Signal` in its own `haken.py` and sends it from its service after saving; a receiver here
calls `koppel`/`ontkoppel` with `bron=f"<record>:<pk>"`. The owning app never imports partners.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from inburgering.traject.models import LOPEND, Plaatsing

from .models import Grond, Organisatie
from .services import koppel, ontkoppel


def bron_van(plaatsing: Plaatsing) -> str:
    return f"plaatsing:{plaatsing.pk}"


def volg_plaatsing(sender: Any, *, plaatsing: Plaatsing, datum: dt.date, **_kwargs: Any) -> None:
    """A running placement (aangemeld, intake, gestart) involves the provider's partner
    organisation from the aanmelding; an ended one (afgerond, uitgevallen, geannuleerd) ends
    the involvement on the day it ended (inclusive: no access the next day)."""
    aanbieder_id = plaatsing.contract.product.aanbieder_id
    organisatie = Organisatie.objects.filter(aanbieder_id=aanbieder_id, actief=True).first()
    if plaatsing.status in LOPEND:
        if organisatie is None:
            return
        if not organisatie.gemeenten.filter(pk=plaatsing.dossier.gemeente_id).exists():
            return  # the school has no portal for this gemeente: nothing to open
        koppel(
            organisatie,
            plaatsing.dossier,
            Grond.PLAATSING,
            bron=bron_van(plaatsing),
            begin=plaatsing.aangemeld_op,
        )
    else:
        ontkoppel(plaatsing.dossier, bron=bron_van(plaatsing), einde=datum)
