"""Test data builders for the learning route, through `inburgering.traject.services` and
`inburgering.traject.uren`: providers, contracts, placements (with their events and outbox
rows) and hours.

`geplaatst` needs a dossier with a vastgesteld PIP (`klaar_voor_plaatsing`), which registers the
gemeente with the DUO simulator: a test needs the in-memory simulator (tests/traject/conftest.py
sets it for this package)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from inburgering.traject import services, uren
from inburgering.traject.models import (
    Aanbieder,
    Bestandsindeling,
    Contract,
    Keurmerk,
    Plaatsing,
    Product,
)
from tests.pip.factories import dossier_klaar, vastgestelde_pip

_kvk = itertools.count(10000001)

__all__ = [
    "geplaatst",
    "klaar_voor_plaatsing",
    "maak_aanbieder",
    "maak_contract",
    "maak_indeling",
    "met_uren",
]


def maak_aanbieder(naam="Taalhuis Voorbeeld", *, instellingsnummer="0000012345", **velden):
    return services.bewaar(
        Aanbieder(
            naam=naam,
            kvk_nummer=str(next(_kvk)),
            instellingsnummer=instellingsnummer,
            keurmerk=velden.pop("keurmerk", Keurmerk.BLIK_OP_WERK),
            **velden,
        )
    )


def maak_contract(
    gemeente,
    aanbieder=None,
    *,
    soort="b1",
    capaciteit=10,
    norm_weken=6,
    startmomenten=(),
    kenmerk=None,
    uren_per_week=12,
    duur_weken=52,
):
    aanbieder = aanbieder or maak_aanbieder()
    product = services.bewaar(
        Product(
            aanbieder=aanbieder,
            soort=soort,
            naam=f"Product {soort}",
            uren_per_week=uren_per_week,
            duur_weken=duur_weken,
        )
    )
    vandaag = timezone.localdate()
    return services.bewaar(
        Contract(
            gemeente=gemeente,
            product=product,
            kenmerk=kenmerk or f"C-{gemeente.cbs_code}-{product.pk}",
            begin=vandaag - dt.timedelta(days=400),
            einde=vandaag + dt.timedelta(days=400),
            prijs_per_uur=Decimal("12.50"),
            capaciteit=capaciteit,
            startmomenten=[d.isoformat() for d in startmomenten],
            max_wachttijd_weken=norm_weken,
        )
    )


def klaar_voor_plaatsing(gemeente, consulent, *, dagen_geleden=200, **route):
    """A dossier whose PIP has its dagtekening `dagen_geleden - 5` days ago."""
    dossier = dossier_klaar(gemeente, consulent, dagen_geleden=dagen_geleden, **route)
    dagtekening = timezone.localdate() - dt.timedelta(days=dagen_geleden - 5)
    vastgestelde_pip(dossier, consulent, dagtekening=dagtekening)
    dossier.refresh_from_db()
    return dossier


def geplaatst(dossier, contract, actor, *, aangemeld_op=None, gestart_op=None) -> Plaatsing:
    vandaag = timezone.localdate()
    plaatsing = services.plaats(
        dossier, contract, aangemeld_op=aangemeld_op or vandaag, actor=actor
    )
    if gestart_op:
        plaatsing = services.wijzig_status(plaatsing, "gestart", datum=gestart_op, actor=actor)
    dossier.refresh_from_db()
    return plaatsing


def met_uren(plaatsing, actor, maanden: list[tuple[dt.date, int, int]]):
    """Monthly hours (first day, offered, attended) as the consulent enters them."""
    return [
        uren.registreer_uren(
            plaatsing,
            periodesoort="maand",
            periode_begin=begin,
            aangeboden=Decimal(a),
            aanwezig=Decimal(b),
            actor=actor,
        )
        for begin, a, b in maanden
    ]


def maak_indeling(aanbieder, **kolommen) -> Bestandsindeling:
    standaard = {
        "naam": "Maandstaat",
        "kolom_bsn": "BSN",
        "kolom_begin": "Van",
        "kolom_einde": "Tot",
        "kolom_aangeboden": "Aangeboden",
        "kolom_aanwezig": "Aanwezig",
        "kolom_correctie": "Correctie",
        "periodesoort": "maand",
    }
    standaard.update(kolommen)
    return services.bewaar(Bestandsindeling(aanbieder=aanbieder, **standaard))
