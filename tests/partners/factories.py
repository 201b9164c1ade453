"""Test data builders for partner organisations, their staff and their involvement."""

from __future__ import annotations

import datetime as dt

from inburgering.accounts.models import Gemeente, Rol
from inburgering.partners import services
from inburgering.partners.models import Betrokkenheid, Grond, Medewerker, Organisatie
from tests.conftest import maak_gebruiker

__all__ = ["betrokken", "maak_medewerker", "maak_organisatie"]


def maak_organisatie(
    soort: str, *gemeenten: Gemeente, naam: str | None = None, **velden
) -> Organisatie:
    organisatie = Organisatie.objects.create(
        naam=naam or f"Partner ({soort})", soort=soort, **velden
    )
    organisatie.gemeenten.set(gemeenten)
    return organisatie


def maak_medewerker(username: str, organisatie: Organisatie):
    gebruiker = maak_gebruiker(username, Rol.PARTNER)
    Medewerker.objects.create(gebruiker=gebruiker, organisatie=organisatie)
    return gebruiker


def betrokken(
    organisatie: Organisatie,
    dossier,
    grond: str = Grond.PLAATSING,
    *,
    bron: str = "test:1",
    begin: dt.date = dt.date(2026, 1, 1),
) -> Betrokkenheid:
    return services.koppel(organisatie, dossier, Grond(grond), bron=bron, begin=begin)
