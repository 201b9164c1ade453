"""Every explanation the rules package can produce renders in English (issue 14, ADR 0019).

The walk calls every registered rule (`inburgering.wet.REGELS`, so a new rule is walked
without being listed here) with values drawn from its parameter types: every member of an
enum, both booleans, dates on both sides of the legal cut-off dates, small and large numbers,
sets of exam parts, and the dataclasses the rules take, built the same way. Inputs a rule
rejects (ValueError/TypeError) are skipped; every other outcome's sentence must be fully
covered by the phrase table in `dossiers/uitleg.py` under the English locale. A sentence it
does not cover fails the test with the sentence itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import inspect
import random
import types
import typing
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import Enum

import pytest
from django.utils import translation

from inburgering.dossiers import uitleg
from inburgering.wet import Beleidskeuzes
from inburgering.wet.regels import REGELS
from inburgering.wet.typen import Examenonderdeel

#: Dates around the rules' turning points: Wi 2021 in force, the LBT cut-off change
#: (12-04-2023), the LBT exemption (21-10-2025), a weekend, a public holiday.
DATUMS = [
    dt.date(2020, 6, 1),
    dt.date(2022, 1, 1),
    dt.date(2022, 3, 1),
    dt.date(2023, 1, 10),
    dt.date(2023, 6, 1),
    dt.date(2024, 6, 1),
    dt.date(2025, 3, 15),
    dt.date(2025, 11, 1),
    dt.date(2026, 2, 28),
    dt.date(2026, 12, 25),
    dt.date(2027, 6, 30),
]
GETALLEN = [0, 1, 2, 3, 6, 12, 14, 28, 31, 40, 100, 450, 600, 25_000, 80_000, 240_000]
ONDERDEELSETS = [
    frozenset(),
    frozenset({Examenonderdeel.KNM}),
    frozenset({Examenonderdeel.SPREKEN}),
    frozenset({Examenonderdeel.LEZEN, Examenonderdeel.LUISTEREN, Examenonderdeel.SCHRIJVEN}),
    frozenset(Examenonderdeel),
]
#: Parameters whose meaning a type does not tell.
EIGEN = {
    "artikel": ["22", "23"],
    "resultaat": ["Geslaagd", "Gezakt", "Geen"],
    "reden_geen_resultaat": ["", "Nietverwijtbaar", "Afgemeld"],
}
PER_REGEL = 400


def _waarde(rng: random.Random, naam: str, soort) -> object:
    if naam in EIGEN:
        return rng.choice(EIGEN[naam])
    oorsprong, args = typing.get_origin(soort), typing.get_args(soort)
    if oorsprong in (typing.Union, types.UnionType):
        return _waarde(rng, naam, rng.choice(args))
    if soort is type(None):
        return None
    if soort is bool:
        return rng.random() < 0.5
    if soort is int:
        return rng.choice(GETALLEN)
    if soort is Decimal:
        return Decimal(rng.choice(GETALLEN)) + rng.choice([Decimal(0), Decimal("0.5")])
    if soort is str:
        return rng.choice(["", "A. Beoordelaar", "Gesproken; geen bijzondere omstandigheden."])
    if soort is dt.date:
        return rng.choice(DATUMS)
    if soort is Beleidskeuzes:
        return Beleidskeuzes()
    if inspect.isclass(soort) and issubclass(soort, Enum):
        return rng.choice(list(soort))
    if oorsprong is frozenset:
        return rng.choice(ONDERDEELSETS)
    if oorsprong in (tuple, Sequence, Iterable, list):
        element = args[0]
        return tuple(_waarde(rng, naam, element) for _ in range(rng.randint(0, 3)))
    if dataclasses.is_dataclass(soort):
        return _maak(rng, soort)
    raise AssertionError(f"geen voorbeeldwaarde voor {naam}: {soort!r}")


def _maak(rng: random.Random, functie):
    """Call `functie` (a rule or a dataclass) with drawn values (defaults left out at times)."""
    hints = typing.get_type_hints(functie)
    args, kwargs = [], {}
    for param in inspect.signature(functie).parameters.values():
        if param.default is not param.empty and rng.random() < 0.3:
            continue
        waarde = _waarde(rng, param.name, hints[param.name])
        if param.kind is param.POSITIONAL_OR_KEYWORD and param.default is param.empty:
            args.append(waarde)
        else:
            kwargs[param.name] = waarde
    return functie(*args, **kwargs)


@functools.cache
def _zinnen(naam: str) -> frozenset[str]:
    rng = random.Random(naam)
    zinnen = set()
    for _ in range(PER_REGEL):
        try:
            uitkomst = _maak(rng, REGELS[naam].functie)
        except (ValueError, TypeError):
            continue  # input the rule rejects
        zinnen.add(uitkomst.uitleg)
    return frozenset(zinnen)


def test_every_rule_is_walked_and_says_something():
    assert len(REGELS) >= 60
    stil = [naam for naam in REGELS if not _zinnen(naam)]
    assert not stil, f"no explanation drawn for: {stil}"


def test_every_explanation_the_rules_produce_renders_in_english():
    nederlands = {}
    with translation.override("en"):
        for naam in sorted(REGELS):
            for zin in _zinnen(naam):
                tekst = uitleg.in_taal(zin)
                if tekst.taal != "en":
                    nederlands.setdefault(naam, zin)
    assert not nederlands, "\n".join(f"{n}: {z}" for n, z in nederlands.items())


def test_english_amounts_and_words_inside_a_sentence():
    with translation.override("en"):
        tekst = uitleg.in_taal(
            "Opgelegd € 1.250,50 van ten hoogste € 2.400; nog € 1.149,50 ruimte."
        )
        assert tekst == uitleg.Tekst(
            "Imposed € 1,250.50 of at most € 2,400; € 1,149.50 left.", "en"
        )
        route = uitleg.in_taal(
            "Het college past het PIP aan het besluit aan: de leerroute (de Z-route in plaats "
            "van de B1-route)."
        )
        assert route.tekst == (
            "The municipality adapts the PIP to the decision: the learning route (the Z route "
            "instead of the B1 route)."
        )
        # A sentence with one unknown part stays Dutch as a whole.
        half = uitleg.in_taal("De brede intake is nog niet volledig: een onbekend onderdeel.")
        assert half.taal == "nl"


@pytest.mark.django_db
def test_the_termijn_tab_explains_in_english(client, gemeente_a, consulent_a):
    """A page that showed the rules' sentences raw now renders them through the phrase table."""
    from django.urls import reverse
    from django.utils import timezone

    from tests.termijn.factories import dagtekening_voor_einde, met_pip

    einde = timezone.localdate() + dt.timedelta(days=200)
    dossier = met_pip(gemeente_a, consulent_a, dagtekening_voor_einde(einde))
    client.force_login(consulent_a)
    url = reverse("termijn:termijn", kwargs={"uuid": dossier.uuid})
    nederlands = client.get(url).content.decode()
    assert "De inburgeringstermijn loopt van" in nederlands
    client.cookies["django_language"] = "en"
    engels = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The integration period runs from" in engels
    assert "An extension can be applied for from" in engels
    assert "De inburgeringstermijn loopt van" not in engels
    assert "Een aanvraag tot verlenging" not in engels
