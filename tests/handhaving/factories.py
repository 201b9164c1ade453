"""Test data builders for fine cases, through `inburgering.handhaving.services` only: a case
in each state of the procedure, with its events and letters."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from inburgering.handhaving import services as s
from tests.conftest import maak_dossier

__all__ = ["dossier_met_adres", "signaal", "tot_beschikking", "tot_voornemen"]


def dossier_met_adres(gemeente, consulent, *, doelgroep="gezinsmigrant_overig", **extra):
    return maak_dossier(
        gemeente,
        consulent=consulent,
        actor=consulent,
        doelgroep=doelgroep,
        kennisgeving=timezone.localdate() - dt.timedelta(days=400),
        post_straat="Lange Nieuwstraat 7",
        post_postcode="3512 PE",
        post_plaats="Utrecht",
        **extra,
    )


def signaal(dossier, actor, *, artikel="23", dagen_geleden=60, **extra):
    extra.setdefault("verwijtbaarheid", "opzet" if artikel == "23" else "")
    return s.open_zaak(
        dossier,
        artikel=artikel,
        constatering=timezone.localdate() - dt.timedelta(days=dagen_geleden),
        gedraging=extra.pop("gedraging", "Niet verschenen bij de taalles op drie dinsdagen."),
        actor=actor,
        **extra,
    )


def tot_voornemen(dossier, actor, *, dagen_geleden=30, kanaal="post", **extra):
    """A case whose voornemen went out `dagen_geleden` days ago (assessed first when required)."""
    zaak = signaal(dossier, actor, dagen_geleden=dagen_geleden + 10, **extra)
    datum = timezone.localdate() - dt.timedelta(days=dagen_geleden)
    if dossier.doelgroep == "asielstatushouder":
        zaak = s.leg_beoordeling_vast(
            zaak,
            datum=datum,
            beoordelaar="A. Beoordelaar",
            afwegingen="Geen bijzondere omstandigheden; herhaald verzuim zonder reden.",
            boete_passend=True,
            actor=actor,
        )
    return s.stuur_voornemen(zaak, datum=datum, kanaal=kanaal, actor=actor)


def tot_beschikking(dossier, actor, *, bedrag_cents=None, dagen_geleden=30, **extra):
    zaak = tot_voornemen(dossier, actor, dagen_geleden=dagen_geleden, **extra)
    return s.neem_beschikking(
        zaak,
        datum=timezone.localdate(),
        bedrag_cents=bedrag_cents if bedrag_cents is not None else zaak.voorgesteld_cents,
        motivering="Geen zienswijze ontvangen; de boete is passend.",
        kanaal="post",
        actor=actor,
    )
