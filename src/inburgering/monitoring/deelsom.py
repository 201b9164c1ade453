"""A large selection without filters as the sum of kept per-gemeente partials (ADR 0047).

Every statement the dashboard runs over the relation (`sql.Vast`) returns groups with counts
and sums (day histograms included, from which the tables take their percentiles), and those add
up over disjoint sets of dossiers. So for a national or regional selection that only chooses
gemeenten (today; any population, cohort basis and cut-off), the rows of each statement are
kept per gemeente under that gemeente's version (`panelen.per_gemeente`, the invalidation of
the kept dashboard, ADR 0037), and the selection's rows are their sums, kept as well: after a
fact only its gemeente is computed again, and the sum renewed by taking its old partial out and
putting the new one in (`panelen.opgeteld`, `voeg_toe`). The tables are built from the summed
rows by the same code (`sql.rijen_uit`), so they are the tables of one relation, which the
tests check.

The missing and stale partials are computed together: one relation of those gemeenten, on
which the table code runs once while every statement runs grouped by gemeente first
(`Vast.per_gemeente`) and its rows are split per gemeente (`_Opname`). So the partials hold the
rows of exactly the statements the tables read, without a list to keep in step.

Filters (doelgroep, consulent, cohort period, `bekend_op`) and a past peildatum keep the
relation of the whole selection: they would need partials of their own per value.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone

from inburgering.dossiers import panelen

from . import extractie as ex
from . import relatie as rel
from .definities import STAND, VERLOOP
from .models import MijlpalenPeil
from .sql import Vast, rijen_uit

#: Raised when the kept rows change shape, so older partials are not summed with newer ones.
VERSIE = 2

Sleutel = tuple[str, str, tuple]
#: A partial: {(kind of relation, statement, arguments): (summed columns or None without
#: rows, rows)}.
Deel = dict[Sleutel, tuple[int | None, list[tuple]]]
#: The sum of partials: {key: (summed columns, {group: [sums..., partials with the group]})}.
Som = dict[Sleutel, tuple[int | None, dict[tuple, list]]]


def toepasbaar(sel: ex.Selectie) -> bool:
    """Whether the selection is computed from partials: several gemeenten, today, and no
    filter but the population, the cohort basis and the cut-off (which the partials are kept
    under)."""
    zonder_filters = dataclasses.replace(
        ex.Selectie(sel.gemeente_ids, timezone.localdate()),
        populatie=sel.populatie,
        cohortbasis=sel.cohortbasis,
        cesuur_evaluatie=sel.cesuur_evaluatie,
    )
    return len(sel.gemeente_ids) > 1 and sel == zonder_filters


def voeg_toe(som: Som, deel: Deel, teken: int = 1) -> None:
    """Add a partial to the sum (`teken` 1), or take it out again (-1). Each group counts the
    partials that hold it, so a group none holds any more is gone, as in the one relation
    (where a group of zeros can exist: a gemeente's row of filtered counts)."""
    for sleutel, (sommen, rijen) in deel.items():
        bestaand = som.get(sleutel)
        if bestaand is None or bestaand[0] is None:
            bestaand = som[sleutel] = (sommen, bestaand[1] if bestaand else {})
        if not rijen:
            continue
        assert sommen is not None
        per = bestaand[1]
        for rij in rijen:
            groep = rij[: len(rij) - sommen]
            if (totaal := per.get(groep)) is None:
                totaal = per[groep] = [0] * (sommen + 1)
            for i, w in enumerate(rij[len(rij) - sommen :]):
                totaal[i] += teken * w
            totaal[-1] += teken
            if not totaal[-1]:
                del per[groep]


def _rijen(statement: Vast, per: dict[tuple, list]) -> list[tuple]:
    rijen = [(*groep, *totaal[:-1]) for groep, totaal in per.items()]
    return statement.ordenen(rijen) if statement.ordenen and rijen else rijen


class _Bron:
    """Where the table code's statements read their rows during one computation, per kind of
    relation (`naar_stand` switches, as `Relatie.stand` narrows); each statement once."""

    def __init__(self):
        self.soort = VERLOOP
        self.gedaan: dict[tuple, list[tuple]] = {}

    def naar_stand(self) -> None:
        self.soort = STAND

    def __call__(self, statement: Vast, args: tuple) -> list[tuple]:
        sleutel = (self.soort, statement.naam, args)
        if sleutel not in self.gedaan:
            self.gedaan[sleutel] = self.lees(sleutel, statement, args)
        return self.gedaan[sleutel]

    def lees(self, sleutel: tuple, statement: Vast, args: tuple) -> list[tuple]:
        raise NotImplementedError


class _Som(_Bron):
    """The rows of a statement for the whole selection, from the sum of the gemeenten's
    partials."""

    def __init__(self, som: Som):
        super().__init__()
        self.som = som

    def lees(self, sleutel: tuple, statement: Vast, args: tuple) -> list[tuple]:
        # A statement the partials lack raises (KeyError) rather than miss rows.
        return _rijen(statement, self.som[sleutel][1])


class _Opname(_Bron):
    """Records the partials of `gemeenten` while the tables are computed on their relation:
    each statement runs grouped by gemeente first, its rows are split per gemeente, and the
    table code gets their sum (the statement's own rows)."""

    def __init__(self, gemeenten: list[int]):
        super().__init__()
        self.delen: dict[int, Deel] = {g: {} for g in gemeenten}

    def lees(self, sleutel: tuple, statement: Vast, args: tuple) -> list[tuple]:
        per: dict[int, list[tuple]] = {g: [] for g in self.delen}
        for g, *rij in statement.per_gemeente(*args):
            per[g].append(tuple(rij))
        som: Som = {}
        for g, rijen in per.items():
            sommen = statement.sommen(len(rijen[0])) if rijen else None
            self.delen[g][sleutel] = (sommen, rijen)
            voeg_toe(som, {sleutel: (sommen, rijen)})
        return _rijen(statement, som[sleutel][1])


def bereken(
    sel: ex.Selectie, gemeenten: list[int], tabellen: Callable[[rel.Relatie], object]
) -> dict[int, Deel]:
    """The partials of these gemeenten: the rows of every statement that `tabellen` (the
    dashboard's tables of a relation) reads, per gemeente, from one relation of them all."""
    opname = _Opname(gemeenten)
    deel = dataclasses.replace(sel, gemeente_ids=tuple(gemeenten))
    with rel.relatie(deel) as r, rijen_uit(opname):
        tabellen(dataclasses.replace(r, naar_stand=opname.naar_stand))
    return opname.delen


@contextmanager
def relatie(sel: ex.Selectie, tabellen: Callable[[rel.Relatie], object]) -> Iterator[rel.Relatie]:
    """The relation of the selection (`toepasbaar`) from the kept partials of its gemeenten;
    the missing and stale ones are computed first (`bereken`, with `tabellen`)."""
    extra = (VERSIE, sel.peildatum, sel.populatie, sel.cohortbasis, sel.cesuur_evaluatie)
    opgeteld = panelen.opgeteld(
        "monitoring",
        sel.gemeente_ids,
        extra,
        lambda ontbrekend: bereken(sel, ontbrekend, tabellen),
        # As long as a national computation is kept ahead (ADR 0042): placements change
        # without a fact, and show that much later at most.
        settings.MONITORING_VOORAF_MINUTEN * 60,
        dict,
        voeg_toe,
    )
    som = _Som(opgeteld)
    with rijen_uit(som):
        yield rel.Relatie(
            MijlpalenPeil.objects.none(), sel, naar_stand=som.naar_stand, zonder_tabel=True
        )
