"""Large selections computed ahead (ADR 0042): the national or a large regional dashboard.

The dashboard keeps its tables per selection and gemeente version (ADR 0037): renewed at the
next request after a fact in one of the selected gemeenten. For a selection of a few gemeenten
that is rare and the computation is short. For the whole country (338 gemeenten, a million
dossiers) a fact arrives somewhere every few seconds, so every request would compute anew,
and that takes seconds (docs/performance.md). A selection whose computation took at least
`MONITORING_VOORAF_DREMPEL` seconds is therefore kept as it is, at most
`MONITORING_VOORAF_MINUTEN` minutes old, and the planner renews every such selection someone
asked for in the last day (`manage.py bereken_monitoring`, every few minutes), so nobody
waits for it. The page says when the figures were computed and that they are a few minutes
behind (the figures are trends; no one reads a national count to the minute).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from . import extractie as ex
from .tabel import Tabel

_GEVRAAGD = "monitoring:vooraf:gevraagd"
#: How long someone's question keeps a selection renewed by the planner.
GEVRAAGD_BEWAREN = dt.timedelta(days=1)


@dataclass(frozen=True)
class Vooraf:
    berekend: dt.datetime
    tabellen: list[Tabel]


def _leeftijd() -> dt.timedelta:
    return dt.timedelta(minutes=settings.MONITORING_VOORAF_MINUTEN)


def _sleutel(taal: str, sel: ex.Selectie) -> str:
    return "monitoring:vooraf:" + hashlib.sha256(f"{taal}|{sel!r}".encode()).hexdigest()


def bewaard(sel: ex.Selectie) -> Vooraf | None:
    """The kept tables of this large selection in the current language, if not older than
    `MONITORING_VOORAF_MINUTEN`; the question is noted, so the planner keeps renewing it."""
    taal = translation.get_language()
    waarde = cache.get(_sleutel(taal, sel))
    if waarde is None or waarde.berekend < timezone.now() - _leeftijd():
        return None
    _noteer(taal, sel)
    return waarde


def bewaar(sel: ex.Selectie, berekend: dt.datetime, tabellen: list[Tabel], duur: float) -> None:
    """Keep the tables of a selection whose computation took `duur` seconds, when that is at
    least the threshold (a small selection is renewed after each fact instead, ADR 0037)."""
    if duur < settings.MONITORING_VOORAF_DREMPEL:
        return
    taal = translation.get_language()
    _zet(taal, sel, Vooraf(berekend, tabellen))
    _noteer(taal, sel)


def _zet(taal: str, sel: ex.Selectie, waarde: Vooraf) -> None:
    # Twice the age: an expired value is read once more and refused by its `berekend`.
    cache.set(_sleutel(taal, sel), waarde, int(_leeftijd().total_seconds()) * 2)


def _noteer(taal: str, sel: ex.Selectie) -> None:
    """Note that someone asked for this selection now (once an hour is enough)."""
    gevraagd: dict = cache.get(_GEVRAAGD) or {}
    nu = timezone.now()
    vorige = gevraagd.get((taal, sel))
    if vorige is not None and vorige > nu - dt.timedelta(hours=1):
        return
    gevraagd[(taal, sel)] = nu
    cache.set(_GEVRAAGD, gevraagd, None)


def gevraagde_selecties() -> list[tuple[str, ex.Selectie]]:
    """The selections someone asked for in the last day, for today's peildatum (a past
    peildatum's kept tables are left to run out)."""
    grens = timezone.now() - GEVRAAGD_BEWAREN
    vandaag = timezone.localdate()
    gevraagd: dict = cache.get(_GEVRAAGD) or {}
    actueel = {k: v for k, v in gevraagd.items() if v >= grens}
    if len(actueel) != len(gevraagd):
        cache.set(_GEVRAAGD, actueel, None)
    return [(taal, sel) for (taal, sel) in actueel if sel.peildatum == vandaag]


def vernieuw(bereken: Callable[[ex.Selectie], list[Tabel]]) -> list[tuple[ex.Selectie, float]]:
    """Compute every selection asked for (`gevraagde_selecties`) anew with `bereken` and keep
    it, whatever its duration: what the planner runs. Returns each selection with its seconds."""
    gedaan = []
    for taal, sel in gevraagde_selecties():
        with translation.override(taal):
            begin, berekend = time.monotonic(), timezone.now()
            tabellen = bereken(sel)
            duur = time.monotonic() - begin
            _zet(taal, sel, Vooraf(berekend, tabellen))
        gedaan.append((sel, duur))
    return gedaan
