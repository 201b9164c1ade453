"""Receivers of the one-way hooks of other apps (docs/adr/0027): an involvement starts and
ends with the record that causes it, in that record's transaction.

The pattern for a new cause (ontzorgen, maatschappelijke begeleiding): the owning app defines
a `Signal` in its own `haken.py` and sends it from its service after saving; a receiver here
calls `koppel`/`ontkoppel` with `bron=f"<record>:<pk>"`. The owning app never imports partners.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.traject.models import LOPEND, Plaatsing

from .models import Grond, Organisatie
from .services import beeindig_alle, koppel, ontkoppel


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


def koppel_lopende_plaatsingen(organisatie: Organisatie) -> int:
    """Involve a language school in the running placements it already has (a school whose
    portal the gemeente opens later, the demo data): the same receiver as a new placement."""
    if organisatie.aanbieder_id is None:
        return 0
    plaatsingen = Plaatsing.objects.filter(
        contract__product__aanbieder=organisatie.aanbieder_id, status__in=LOPEND
    ).select_related("contract__product", "dossier")
    aantal = 0
    with transaction.atomic():
        for plaatsing in plaatsingen:
            volg_plaatsing(None, plaatsing=plaatsing, datum=plaatsing.aangemeld_op)
            aantal += 1
    return aantal


def na_verhuizing(sender: Any, dossier: Any, events: list[Any], **_kwargs: Any) -> None:
    """Receiver of `dossier_bijgewerkt`: the person moved out (the dossier closed with reason
    "verhuisd", by the consulent's transfer or DUO's report). The partners of this gemeente
    no longer need to know: every open involvement ends on the day of the move (the new
    gemeente involves its own partners). Cheap for every other write: the events in memory."""
    for event in events:
        if (
            event.soort == Soort.DOSSIER_AFGESLOTEN
            and (event.gegevens or {}).get("reden") == Afsluitreden.VERHUISD
        ):
            beeindig_alle(dossier, einde=event.datum)
