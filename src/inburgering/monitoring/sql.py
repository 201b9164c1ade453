"""Portable SQL pieces for the indicator tables (PostgreSQL and SQLite)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache, wraps

from django.db import connection
from django.db.models import Count, F, Func, IntegerField, QuerySet, Value


class Dagen(Func):
    """Whole days from the first date to the second (PostgreSQL: date subtraction; SQLite:
    Julian day numbers)."""

    output_field = IntegerField()
    arity = 2

    def _delen(self, compiler):
        (van, van_params), (tot, tot_params) = (
            compiler.compile(e) for e in self.source_expressions
        )
        return van, tot, [*tot_params, *van_params]

    def as_sql(self, compiler, connection, **extra):
        van, tot, params = self._delen(compiler)
        return f"({tot} - {van})", params

    def as_sqlite(self, compiler, connection, **extra):
        van, tot, params = self._delen(compiler)
        return f"CAST(julianday({tot}) - julianday({van}) AS INTEGER)", params


#: Where the statements' rows come from instead of the database: a function of (statement,
#: arguments), set by `rijen_uit` for a computation from kept partials (`deelsom.py`).
_bron: ContextVar[Callable[[Vast, tuple], list[tuple]] | None] = ContextVar(
    "monitoring_bron", default=None
)
#: Set while a statement is built grouped by gemeente first (`Vast.per_gemeente`).
_per_gemeente: ContextVar[bool] = ContextVar("monitoring_per_gemeente", default=False)


@contextmanager
def rijen_uit(bron: Callable[[Vast, tuple], list[tuple]]) -> Iterator[None]:
    """Every `vast` statement run inside returns `bron(statement, args)` instead of running:
    the tables are then built from rows kept elsewhere, or recorded, by the same code."""
    token = _bron.set(bron)
    try:
        yield
    finally:
        _bron.reset(token)


class Vast:
    """A statement over the relation's temporary table (`relatie.py`), built by `bouw` (a
    queryset, or its SQL and parameters written out) from hashable arguments (the peildatum,
    or none): its SQL depends on nothing else, so it is built and compiled once per process,
    database and arguments (the ORM needs as long for that as the database for running it on
    a municipality), and run as is.

    The rows are the values as the database driver returns them, without Django's per-row
    converters (thousands of rows for a histogram): group by text, numbers and booleans only
    (SQLite returns a boolean as 0 or 1, so test it for truth, not identity).

    The last columns are counts or sums (`sommen`), the columns before them the group: rows
    of disjoint sets of dossiers add up per group (`deelsom.py`). `ordenen` puts added-up rows in
    the order the statement's ORDER BY gives, if it has one."""

    def __init__(self, bouw, sommen: int, groep: int | None, ordenen):
        self.bouw, self.ordenen = bouw, ordenen
        self._sommen, self._groep = sommen, groep
        self.naam = f"{bouw.__module__}.{bouw.__qualname__}"
        wraps(bouw)(self)
        self._gecompileerd = lru_cache(maxsize=256)(self._compileer)

    def _compileer(self, vendor: str, per_gemeente: bool, *args) -> tuple[str, tuple]:
        token = _per_gemeente.set(per_gemeente)
        try:
            gebouwd = self.bouw(*args)
        finally:
            _per_gemeente.reset(token)
        if isinstance(gebouwd, tuple):  # written out already (`dagen_per_stap`)
            return gebouwd
        return gebouwd.query.sql_with_params()

    def _voer_uit(self, per_gemeente: bool, args: tuple) -> list[tuple]:
        sql, params = self._gecompileerd(connection.vendor, per_gemeente, *args)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def sommen(self, breedte: int) -> int:
        """How many of the last of `breedte` columns are summed."""
        return self._sommen if self._groep is None else breedte - self._groep

    def __call__(self, *args) -> list[tuple]:
        bron = _bron.get()
        if bron is not None:
            return bron(self, args)
        return self._voer_uit(False, args)

    def per_gemeente(self, *args) -> list[tuple]:
        """The rows with the gemeente as an extra first group column (`gemeente_eerst`)."""
        return self._voer_uit(True, args)


def vast(bouw=None, *, sommen: int = 1, groep: int | None = None, ordenen=None):
    """Decorator making a `Vast` statement: `@vast` (a count last), `@vast(sommen=n)` (the
    last n columns summed) or `@vast(groep=n)` (every column after the first n summed)."""
    if bouw is None:
        return lambda b: Vast(b, sommen, groep, ordenen)
    return Vast(bouw, sommen, groep, ordenen)


def gemeente_eerst(rijen: QuerySet, namen: list, veld: str = "gemeente_id") -> tuple:
    """`rijen` and the group columns `namen`, with the gemeente (`veld`) in front while a
    statement is built for `Vast.per_gemeente`; as they are otherwise."""
    if not _per_gemeente.get():
        return rijen, list(namen)
    return rijen.annotate(_gemeente=F(veld)), ["_gemeente", *namen]


def groepen(rijen: QuerySet, *groep) -> QuerySet:
    """Rows per combination of the `groep` fields or expressions, the count last."""
    benoemd = {f"_g{i}": g for i, g in enumerate(groep) if not isinstance(g, str)}
    namen = [g if isinstance(g, str) else f"_g{i}" for i, g in enumerate(groep)]
    rijen, namen = gemeente_eerst(rijen.annotate(**benoemd), namen)
    return rijen.values_list(*namen).annotate(_n=Count("pk")).order_by()


def aantallen(rijen: list[tuple]) -> dict[tuple, int]:
    """The rows of a `groepen` statement as {combination: count}."""
    return {tuple(sleutel): n for *sleutel, n in rijen}


def optellen(per: dict[tuple, int], *plaatsen: int) -> Counter:
    """Counts of `aantallen` added up over every key part except those at `plaatsen`: several
    tables from one scan."""
    totaal: Counter = Counter()
    for sleutel, n in per.items():
        totaal[tuple(sleutel[p] for p in plaatsen)] += n
    return totaal


def dagen(rijen: QuerySet, van: str, tot: str, *groep) -> QuerySet:
    """Per group: how many dossiers took how many days from `van` to `tot`, for those that
    reached both, in this order (`histogram` reads the rows)."""
    gefilterd = rijen.filter(**{f"{van}__isnull": False, f"{tot}__gte": F(van)})
    return groepen(gefilterd.annotate(_dagen=Dagen(van, tot)), *groep, "_dagen")


def histogram(rijen: list[tuple]) -> dict[tuple, Counter]:
    """The rows of a `dagen` statement as {group: Counter(days: dossiers)}."""
    per: dict[tuple, Counter] = {}
    for *sleutel, aantal_dagen, n in rijen:
        per.setdefault(tuple(sleutel), Counter())[aantal_dagen] = n
    return per


def dagen_per_stap(rijen: QuerySet, stappen: list[tuple[str, str]]) -> QuerySet | tuple[str, tuple]:
    """`dagen` of every (van, tot) step of all `rijen` (unfiltered), without groups, in one
    statement: rows (step: its index in `stappen`, days, dossiers). On PostgreSQL one scan with
    a grouping set per step (the days NULL where the row did not reach both steps in this
    order; that group is left out), 2.5x faster than a scan per step; elsewhere one branch per
    step (UNION ALL)."""
    if connection.vendor == "postgresql":
        q = connection.ops.quote_name
        tabel = q(rijen.model._meta.db_table)
        verschillen = ", ".join(
            f"CASE WHEN {q(tot)} >= {q(van)} THEN {q(tot)} - {q(van)} END AS d{i}"
            for i, (van, tot) in enumerate(stappen)
        )
        kolommen = ", ".join(f"d{i}" for i in range(len(stappen)))
        # GROUPING() sets a bit for every column outside the row's grouping set, the first
        # column the highest: the set of step i leaves out every bit but its own.
        alle = 2 ** len(stappen) - 1
        stap = " ".join(
            f"WHEN {alle - 2 ** (len(stappen) - 1 - i)} THEN {i}" for i in range(len(stappen))
        )
        # For `Vast.per_gemeente` the gemeente is in every set (and GROUPING() of the days
        # unchanged).
        gemeente = "_gemeente, " if _per_gemeente.get() else ""
        bron = f"{q('gemeente_id')} AS _gemeente, " if gemeente else ""
        sets = ", ".join(f"({gemeente}d{i})" for i in range(len(stappen)))
        # Constants and quoted field names only.
        sql = (
            f"SELECT {gemeente}CASE GROUPING({kolommen}) {stap} END, COALESCE({kolommen}), "  # noqa: S608
            f"COUNT(*) FROM (SELECT {bron}{verschillen} FROM {tabel}) AS stappen "
            f"GROUP BY GROUPING SETS ({sets}) HAVING COALESCE({kolommen}) IS NOT NULL"
        )
        return sql, ()
    delen = [
        dagen(rijen.annotate(_stap=Value(i)), van, tot, "_stap")
        for i, (van, tot) in enumerate(stappen)
    ]
    return delen[0].union(*delen[1:], all=True)


@dataclass
class Spreiding:
    """Count, median and 80th/95th percentile (nearest rank, as PostgreSQL's
    percentile_disc: the smallest value with at least p% of the values at or below it)."""

    n: int
    mediaan: int | None
    p80: int | None
    p95: int | None

    @classmethod
    def uit_histogram(cls, histogram: Counter) -> Spreiding:
        n = sum(histogram.values())
        return cls(n, *(rang(histogram, n, p) for p in (50, 80, 95)))


def rang(histogram: Counter, n: int, p: float):
    """The nearest-rank p-th percentile of the `n` values counted in `histogram`."""
    if not n:
        return None
    nodig = max(1, math.ceil(p / 100 * n))
    gezien = 0
    for waarde in sorted(histogram):
        gezien += histogram[waarde]
        if gezien >= nodig:
            return waarde
    return None
