"""Caseload panels that are the same for everyone with the same gemeenten (the workload per
consulent, the DUO wave notices): kept for a minute, and renewed as soon as a dossier of one
of those gemeenten changes.

Every gemeente has a version in the cache, renewed after each commit that changed one of its
dossiers (`dossier_bijgewerkt`); a panel's key holds the versions of the user's gemeenten. With
the default cache per process (local memory), another process sees a change after at most
BEWAARTIJD seconds; with a shared cache (CACHES in the settings, e.g. Redis) at once.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

BEWAARTIJD = 60
T = TypeVar("T")

#: Panels other apps put on the caseload's first page, by their name in the template (the DUO
#: waves of `koppelingen`): a function of the user that returns the panel's rows, registered
#: from the app's AppConfig.ready (`registreer_paneel`), so the caseload imports no app above
#: it.
PANELEN: dict[str, Callable[[Any], list]] = {}


def registreer_paneel(naam: str, maak: Callable[[Any], list]) -> None:
    PANELEN[naam] = maak


def _versie(gemeente_id: int) -> str:
    return f"caseload:versie:{gemeente_id}"


#: In this process: (naam, gemeenten, extra) -> (until, generation, value), for `vasthouden`.
_IN_PROCES: dict[tuple, tuple[float, int, Any]] = {}
_IN_PROCES_MAX = 64
#: Raised by every `gemeente_gewijzigd` in this process: what it held is then stale.
_generatie = 0


def bewaard(
    naam: str,
    gemeente_ids: Sequence[int],
    extra: tuple,
    maak: Callable[[], T],
    *,
    vasthouden: float = 0.0,
) -> T:
    """The panel `naam` for these gemeenten (and `extra`, e.g. scope and team), from the cache
    or made by `maak()` and kept. One cache round trip: the panel is kept with the gemeente
    versions it was made at and read together with the current ones (every page reads the
    work-queue counts this way, docs/performance.md).

    `vasthouden` seconds: this process also holds what it read, and uses it again for that
    long without asking the cache (the versions of a large werkgebied are a hundred keys),
    unless this process changed a gemeente in between; another process's change then shows
    up to that much later (the API's lists, ADR 0040)."""
    if vasthouden:
        eigen = (naam, tuple(gemeente_ids), extra)
        gehouden = _IN_PROCES.get(eigen)
        if gehouden is not None and gehouden[1] == _generatie and gehouden[0] > time.monotonic():
            return gehouden[2]
        generatie = _generatie
    delen = [naam, *map(str, extra), *map(str, gemeente_ids)]
    sleutel = "caseload:paneel:" + hashlib.sha256("|".join(delen).encode()).hexdigest()
    versie_sleutels = [_versie(g) for g in gemeente_ids]
    gelezen = cache.get_many([sleutel, *versie_sleutels])
    versies = tuple(gelezen.get(v, 0) for v in versie_sleutels)
    gevonden = gelezen.get(sleutel)
    if isinstance(gevonden, tuple) and len(gevonden) == 2 and gevonden[0] == versies:
        waarde = gevonden[1]
    else:
        waarde = maak()
        cache.set(sleutel, (versies, waarde), BEWAARTIJD)
    if vasthouden:
        if len(_IN_PROCES) >= _IN_PROCES_MAX:
            _IN_PROCES.clear()
        _IN_PROCES[eigen] = (time.monotonic() + vasthouden, generatie, waarde)
    return waarde


#: In how many steps `per_gemeente` spreads the lifetimes.
_SPREIDING = 8


def _deel_kop(naam: str, extra: tuple) -> str:
    return (
        "caseload:deel:" + hashlib.sha256("|".join([naam, *map(str, extra)]).encode()).hexdigest()
    )


def _bewaar_delen(kop: str, gemaakt: dict[int, Any], versies: dict[int, Any], bewaartijd: int):
    per_tijd: dict[int, dict] = {}
    for g, waarde in gemaakt.items():
        tijd = bewaartijd + bewaartijd * (g % _SPREIDING) // _SPREIDING
        per_tijd.setdefault(tijd, {})[f"{kop}:{g}"] = (versies[g], waarde)
    for tijd, nieuw in per_tijd.items():
        cache.set_many(nieuw, tijd)


def per_gemeente(
    naam: str,
    gemeente_ids: Sequence[int],
    extra: tuple,
    maak: Callable[[list[int]], dict[int, T]],
    bewaartijd: int,
) -> dict[int, T]:
    """A value per gemeente (`naam` and `extra` as for `bewaard`), each kept under its own
    gemeente's version: after a fact in one gemeente only its value is made again. One cache
    round trip reads every value with the current versions; `maak(gemeenten)` makes the
    missing and stale ones at once. Kept `bewaartijd` seconds (longer than a panel: the values
    of the other gemeenten are what makes this worth it) up to twice that, spread over the
    gemeenten, so values made together do not all run out together."""
    kop = _deel_kop(naam, extra)
    sleutels = {g: f"{kop}:{g}" for g in gemeente_ids}
    gelezen = cache.get_many([*sleutels.values(), *(_versie(g) for g in gemeente_ids)])
    versies = {g: gelezen.get(_versie(g), 0) for g in gemeente_ids}
    waarden: dict[int, T] = {}
    ontbrekend = []
    for g, sleutel in sleutels.items():
        gevonden = gelezen.get(sleutel)
        if isinstance(gevonden, tuple) and len(gevonden) == 2 and gevonden[0] == versies[g]:
            waarden[g] = gevonden[1]
        else:
            ontbrekend.append(g)
    if ontbrekend:
        # The versions read before making: a fact committed meanwhile leaves the value stale.
        gemaakt = maak(ontbrekend)
        _bewaar_delen(kop, gemaakt, versies, bewaartijd)
        waarden |= gemaakt
    return waarden


def opgeteld(
    naam: str,
    gemeente_ids: Sequence[int],
    extra: tuple,
    maak: Callable[[list[int]], dict[int, T]],
    bewaartijd: int,
    leeg: Callable[[], Any],
    voeg_toe: Callable[[Any, T, int], None],
) -> Any:
    """The sum of the values `per_gemeente` keeps (`voeg_toe(som, waarde, 1)` into `leeg()`),
    kept itself with the versions it holds. After a fact only its gemeente's value is made
    again, and the sum renewed by taking its old value out (`voeg_toe(som, oud, -1)`) and
    putting the new one in: the other gemeenten's values are not even read. Without the sum,
    or without a stale gemeente's old value, the sum is made from all values."""
    kop = _deel_kop(naam, extra)
    som_sleutel = f"{kop}:som:" + hashlib.sha256(repr(tuple(gemeente_ids)).encode()).hexdigest()
    gelezen = cache.get_many([som_sleutel, *(_versie(g) for g in gemeente_ids)])
    versies = {g: gelezen.get(_versie(g), 0) for g in gemeente_ids}
    gevonden = gelezen.get(som_sleutel)
    if isinstance(gevonden, tuple) and len(gevonden) == 2:
        oud, som = gevonden
        oud_versies = dict(zip(gemeente_ids, oud, strict=True))
        verouderd = [g for g in gemeente_ids if oud_versies[g] != versies[g]]
        if not verouderd:
            return som
        oude = cache.get_many([f"{kop}:{g}" for g in verouderd])
        oude_waarden = {g: oude.get(f"{kop}:{g}") for g in verouderd}
        if all(
            isinstance(w, tuple) and len(w) == 2 and w[0] == oud_versies[g]
            for g, w in oude_waarden.items()
        ):
            gemaakt = maak(verouderd)
            for g in verouderd:
                voeg_toe(som, oude_waarden[g][1], -1)
                voeg_toe(som, gemaakt[g], 1)
            _bewaar_delen(kop, gemaakt, versies, bewaartijd)
            cache.set(som_sleutel, (tuple(versies.values()), som), bewaartijd)
            return som
    waarden = per_gemeente(naam, gemeente_ids, extra, maak, bewaartijd)
    som = leeg()
    for waarde in waarden.values():
        voeg_toe(som, waarde, 1)
    # With the versions read first: a value made since under a newer one shows as stale.
    cache.set(som_sleutel, (tuple(versies.values()), som), bewaartijd)
    return som


def vergeet_in_proces() -> None:
    """Forget what this process holds (`vasthouden`): a test starts with an empty cache."""
    _IN_PROCES.clear()


def gemeente_gewijzigd(gemeente_id: int) -> None:
    global _generatie
    _generatie += 1
    cache.set(_versie(gemeente_id), uuid.uuid4().hex, None)


def gewijzigd_na_commit(gemeente_id: int) -> None:
    """This gemeente's panels are stale once the current transaction commits (at once outside
    one): for a change that writes no fact, such as a partner's involvement (ADR 0040)."""
    transaction.on_commit(lambda: gemeente_gewijzigd(gemeente_id))


def bij_dossier_bijgewerkt(sender, dossier, **kwargs) -> None:
    """Receiver of `dossier_bijgewerkt`: after the commit, this gemeente's panels are stale."""
    gewijzigd_na_commit(dossier.gemeente_id)
