"""ORM queries compiled once per process and run again with new parameters.

An API read is small (one key, 100 rows), and turning its querysets into SQL cost more CPU
than PostgreSQL took to run them: the key's query with its joins, the page's rows with the
access condition, about 3.5 ms of a read's 12 (docs/performance.md "Partner API"). A
`VasteQuery` builds its queryset once per shape with stand-in values for its parameters, keeps
the SQL and where each stand-in went, and from then on only executes that SQL with the real
values; the rows come back through the same compiler's converters, so they are what the
queryset would give. The queryset stays the one definition (the access condition is not
written twice).

The queryset is a `values()` (annotations included); the rows come back as its dicts. A
parameter is a scalar (an int, a date or a string) or a list of ints (an `__in`). The shape is
the number of elements of each list: one compiled SQL per shape (a page of 100 ids and the
last page's fewer). An empty list means no rows (`__in` of nothing), without a query.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import QuerySet

#: Stand-ins: values no real parameter has (ids are positive; dates from the year 1000).
_INT_BASIS = -7_000_000_000
_DATUM_BASIS = dt.date(1000, 1, 1)
_MAX_VORMEN = 64
#: In a template: the whole list as one array parameter (PostgreSQL).
LIJST = -1
_PLAATSHOUDER = re.compile(r"%s|%%")


class VasteQuery:
    def __init__(self, maak: Callable[..., QuerySet]) -> None:
        """`maak(**parameters)` returns the queryset (`values()` or `values_list()`)."""
        self.maak = maak
        self._vormen: dict[tuple, tuple[str, list[tuple], Any, str, list[str], Any]] = {}

    def _compileer(self, vorm: tuple, waarden: dict[str, Any]) -> tuple:
        teller = itertools.count(1)
        #: stand-in as the SQL's parameter -> (name, index in its list or None, as text)
        plaatsen: dict[Any, tuple[str, int | None, bool]] = {}
        voorbeeld: dict[str, Any] = {}
        for naam, waarde in waarden.items():
            if isinstance(waarde, list | tuple):
                voorbeeld[naam] = []
                for i in range(len(waarde)):
                    getal = _INT_BASIS - next(teller)
                    plaatsen[getal] = (naam, i, False)
                    voorbeeld[naam].append(getal)
            elif isinstance(waarde, dt.date):
                datum = _DATUM_BASIS + dt.timedelta(days=next(teller))
                plaatsen[datum] = (naam, None, False)
                plaatsen[datum.isoformat()] = (naam, None, True)  # SQLite passes dates as text
                voorbeeld[naam] = datum
            elif isinstance(waarde, int) and not isinstance(waarde, bool):
                getal = _INT_BASIS - next(teller)
                plaatsen[getal] = (naam, None, False)
                voorbeeld[naam] = getal
            elif isinstance(waarde, str):
                tekst = f"\x00vast-{next(teller)}"
                plaatsen[tekst] = (naam, None, False)
                voorbeeld[naam] = tekst
            else:
                raise TypeError(f"{naam}: {type(waarde).__name__}")
        qs = self.maak(**voorbeeld)
        compiler = qs.query.get_compiler(using=qs.db)
        sql, params = compiler.as_sql()
        sjabloon: list[tuple] = []
        for param in params:
            plaats = None
            if isinstance(param, int | str | dt.date) and not isinstance(param, bool):
                plaats = plaatsen.get(param)
            sjabloon.append(plaats if plaats is not None else (None, param, False))
        ontbreekt = set(waarden) - {naam for naam, _i, _tekst in sjabloon if naam}
        if ontbreekt:
            raise ValueError(f"parameters not in the SQL: {sorted(ontbreekt)}")
        if connections[qs.db].vendor == "postgresql":
            sql, sjabloon = _als_arrays(sql, sjabloon, waarden)
        if len(self._vormen) >= _MAX_VORMEN:
            self._vormen.clear()
        query = qs.query
        namen = [*query.extra_select, *query.values_select, *query.annotation_select]
        # The converters once per shape too (`results_iter` looked them up for every read);
        # None: a composite field, which only `results_iter` turns into tuples.
        velden = [s[0] for s in compiler.select[0 : compiler.col_count]]
        converters = (
            None if compiler.has_composite_fields(velden) else compiler.get_converters(velden)
        )
        self._vormen[vorm] = (sql, sjabloon, compiler, qs.db, namen, converters)
        return self._vormen[vorm]

    def rijen(self, **waarden: Any) -> list[dict[str, Any]]:
        """The rows of the queryset for these parameters, as `values()` gives them."""
        vorm = []
        for naam, waarde in sorted(waarden.items()):
            if isinstance(waarde, list | tuple):
                if not waarde:
                    return []
                vorm.append((naam, len(waarde)))
            else:
                vorm.append((naam, type(waarde).__name__))
        sleutel = tuple(vorm)
        sql, sjabloon, compiler, alias, namen, converters = self._vormen.get(
            sleutel
        ) or self._compileer(sleutel, waarden)
        params = []
        for naam, plaats, als_tekst in sjabloon:
            if naam is None:
                params.append(plaats)  # a constant of the query itself
                continue
            if plaats == LIJST:
                # As the array's text ('{1,2,3}', cast in the SQL): psycopg dumping a list of
                # 100 ints element by element cost more than PostgreSQL's read of the page.
                params.append(als_array(waarden[naam]))
                continue
            waarde = waarden[naam] if plaats is None else waarden[naam][plaats]
            params.append(waarde.isoformat() if als_tekst else waarde)
        with _cursor(alias) as cursor:
            cursor.execute(sql, params)
            rijen = cursor.fetchall()
        if converters is None:
            rijen = compiler.results_iter(results=[rijen], tuple_expected=True)
        elif converters:
            rijen = compiler.apply_converters(rijen, converters)
        return [dict(zip(namen, rij, strict=True)) for rij in rijen]


def als_array(getallen) -> str:
    """A list of ids as PostgreSQL's array text, for a parameter cast with `::bigint[]`."""
    return "{" + ",".join(str(int(getal)) for getal in getallen) + "}"


def voorbereiden(alias: str) -> bool:
    """Whether this database prepares statements on the server: PostgreSQL with
    `prepare_threshold` in its OPTIONS (the deployment's choice, `DB_PREPARE_THRESHOLD`;
    docs/adr/0045). Django turns them off by default because a pooler in transaction mode
    (PgBouncer) hands the next transaction another backend, where the statement does not
    exist."""
    verbinding = connections[alias]
    return (
        verbinding.vendor == "postgresql"
        and verbinding.settings_dict["OPTIONS"].get("prepare_threshold") is not None
    )


def _cursor(alias: str):
    """Django's cursor; when the database prepares statements, one that binds its parameters
    on the server (psycopg's `Cursor`: Django's own binds them on the client, and a
    client-bound statement is never prepared), through the same wrapper, so query logging and
    execute wrappers still see it. The kept SQL is then planned once per connection: planning
    the page's rows was about half of PostgreSQL's time for a read (docs/performance.md)."""
    verbinding = connections[alias]
    if not voorbereiden(alias):
        return verbinding.cursor()
    import psycopg

    verbinding.ensure_connection()
    ruw = psycopg.Cursor(verbinding.connection)
    if verbinding.queries_logged:
        return verbinding.make_debug_cursor(ruw)
    return verbinding.make_cursor(ruw)


def _als_arrays(sql: str, sjabloon: list[tuple], waarden: dict[str, Any]) -> tuple[str, list]:
    """PostgreSQL: every `IN (%s, ..., %s)` of a list parameter as `= ANY(%s::bigint[])`, one
    parameter instead of one per element. psycopg interpolates the parameters into the text on
    the client, and parsed a query with 200 placeholders again on every read (it keeps only
    short queries), which cost more than the query itself. A list in any other form stays as
    it is."""
    teksten: list[str] = []
    begin = 0
    for treffer in _PLAATSHOUDER.finditer(sql):
        if treffer.group() == "%s":
            teksten.append(sql[begin : treffer.start()])
            begin = treffer.end()
    teksten.append(sql[begin:])
    assert len(teksten) == len(sjabloon) + 1
    uit = [teksten[0]]
    nieuw: list[tuple] = []
    i = 0
    while i < len(sjabloon):
        naam, plaats, _tekst = sjabloon[i]
        lengte = len(waarden[naam]) if naam and plaats == 0 else 0
        reeks = sjabloon[i : i + lengte]
        if (
            lengte
            and [p[:2] for p in reeks] == [(naam, k) for k in range(lengte)]
            and uit[-1].endswith(" IN (")
            and all(t == ", " for t in teksten[i + 1 : i + lengte])
            and teksten[i + lengte].startswith(")")
        ):
            uit[-1] = uit[-1][: -len(" IN (")] + " = ANY(%s::bigint[]"
            nieuw.append((naam, LIJST, False))
            uit.append(teksten[i + lengte])
            i += lengte
            continue
        nieuw.append(sjabloon[i])
        uit.append("%s")
        uit.append(teksten[i + 1])
        i += 1
    return "".join(uit), nieuw
