"""Portable SQL pieces for the indicator tables (PostgreSQL and SQLite)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
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


def vast(bouw: Callable[..., QuerySet | tuple[str, tuple]]) -> Callable[..., list[tuple]]:
    """Decorator for a function that builds a statement over the relation's temporary table
    (`relatie.py`), or writes its SQL and parameters out, from hashable arguments (the
    peildatum, or none): the statement's SQL
    depends on nothing else, so it is built and compiled once per process, database and
    arguments (the ORM needs as long for that as the database for running it on a
    municipality), and run as is.

    The rows are the values as the database driver returns them, without Django's per-row
    converters (thousands of rows for a histogram): group by text, numbers and booleans only
    (SQLite returns a boolean as 0 or 1, so test it for truth, not identity)."""

    @lru_cache(maxsize=256)
    def gecompileerd(vendor: str, *args) -> tuple[str, tuple]:
        gebouwd = bouw(*args)
        if isinstance(gebouwd, tuple):  # written out already (`dagen_per_stap`)
            return gebouwd
        return gebouwd.query.sql_with_params()

    @wraps(bouw)
    def uitvoeren(*args) -> list[tuple]:
        sql, params = gecompileerd(connection.vendor, *args)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return uitvoeren


def groepen(rijen: QuerySet, *groep) -> QuerySet:
    """Rows per combination of the `groep` fields or expressions, the count last."""
    benoemd = {f"_g{i}": g for i, g in enumerate(groep) if not isinstance(g, str)}
    namen = [g if isinstance(g, str) else f"_g{i}" for i, g in enumerate(groep)]
    return rijen.annotate(**benoemd).values_list(*namen).annotate(_n=Count("pk")).order_by()


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
        sets = ", ".join(f"(d{i})" for i in range(len(stappen)))
        # Constants and quoted field names only.
        sql = (
            f"SELECT CASE GROUPING({kolommen}) {stap} END, COALESCE({kolommen}), COUNT(*) "  # noqa: S608
            f"FROM (SELECT {verschillen} FROM {tabel}) AS stappen "
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
