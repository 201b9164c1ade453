"""The relation every indicator table aggregates: one row per dossier (`models.MijlpalenVelden`).

A row holds the dossier's milestones on the peildatum (`extractie.Mijlpalen`), the values the
rules package derives from them (PIP deadline, LBT conform, end of the termijn, follow-up
dates) and a summary of its outcome events (`uitkomsten.Uitkomst`). `kolommen` is the only
place that builds a row, so the two sources below hold the same values by construction:

* today and later (no `bekend_op`): the stored projection (`projectie.py`), kept current by
  the writers;
* a past peildatum or `bekend_op`: the rows computed from the event log for that moment
  (`extractie.uit_log`, `uitkomsten.uit_log`), put in a temporary table for one computation.

Either way a computation first puts the selection's rows in a temporary table (one per
connection; one computation at a time per connection), with the dossier's and person's current
grouping values as columns. The tables themselves (`indicatoren`, `uitkomsten`) are SQL
aggregates over that table through the ORM, so the same code runs on PostgreSQL and SQLite and
the database does the counting; because the table holds only the selection, each statement
depends on the peildatum alone and is compiled once (`sql.vast`). Percentiles come from
per-group day histograms (`sql.Spreiding.uit_histogram`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from . import extractie as ex
from . import indicatoren as ind
from . import projectie, stand, statistiek
from . import uitkomsten as uk
from .definities import STAND, VERLOOP, in_cohort, populatie_q
from .kolommen import GROEPEN, kolommen
from .models import MijlpalenPeil, MijlpalenProjectie
from .sql import gemeente_eerst, vast

_KOLOMMEN = [f.name for f in MijlpalenProjectie._meta.concrete_fields if f.name != "dossier"]
#: Column order of the temporary table: the grouping values first, because PostgreSQL reads a
#: row's columns up to the last one a query needs, and every table groups by one of these.
_VOLGORDE = ["dossier_id", *GROEPEN, *_KOLOMMEN]


@dataclass(frozen=True)
class Relatie:
    """The selection's rows on `peildatum` (`rijen`: a queryset over the temporary table, for
    ad-hoc use; the tables' statements read that table directly)."""

    rijen: QuerySet
    sel: ex.Selectie
    #: Which rows of the population the table holds (`definities`): VERLOOP (open and closed)
    #: until `stand()` narrows it to the people counted on the peildatum.
    soort: str = VERLOOP
    #: The rows of the statements several tables share (`gedeeld`).
    _gedeeld: dict = field(default_factory=dict, compare=False, repr=False)
    #: For a relation from kept per-gemeente partials (`deelsom.py`): `stand()` calls it to
    #: switch to the partials of the narrowed rows (or to record them).
    naar_stand: Callable[[], None] | None = field(default=None, compare=False, repr=False)
    #: The sum of partials has no temporary table to narrow.
    zonder_tabel: bool = False

    def stand(self) -> Relatie:
        """The relation narrowed to the population on the peildatum (`definities.STAND`): the
        rows outside it are deleted from the temporary table, so compute every VERLOOP table
        first. A new object, so the shared scans are computed again for the narrowed rows."""
        if self.soort == STAND:
            return self
        if self.naar_stand is not None:
            self.naar_stand()
        if not self.zonder_tabel:
            _beperk(self.sel, STAND)
        return Relatie(
            self.rijen, self.sel, STAND, naar_stand=self.naar_stand, zonder_tabel=self.zonder_tabel
        )

    @property
    def peildatum(self) -> dt.date:
        return self.sel.peildatum

    def gedeeld(self, statement: Callable[..., list[tuple]], *args) -> list[tuple]:
        """The rows of a `sql.vast` statement that several tables read, run once per relation
        (one scan where each table had its own)."""
        sleutel = (statement, args)
        if sleutel not in self._gedeeld:
            self._gedeeld[sleutel] = statement(*args)
        return self._gedeeld[sleutel]

    # Scans several tables share, each run once (on first use) per computation.

    @cached_property
    def per_gemeente(self) -> dict[int, dict]:
        """The additive counts per gemeente (`indicatoren.tellingen`, `uitkomsten.tellingen`)."""
        namen = list(_tellingen(self.peildatum))
        # int(): PostgreSQL sums bigints as numeric.
        return {
            gemeente: {naam: int(w) for naam, w in zip(namen, waarden, strict=True)}
            for gemeente, *waarden in _per_gemeente(self.peildatum)
        }

    @cached_property
    def totalen(self) -> dict:
        """The same counts for the whole selection, added up."""
        totaal = dict.fromkeys(_tellingen(self.peildatum), 0)
        for telling in self.per_gemeente.values():
            for naam, waarde in telling.items():
                totaal[naam] += waarde
        return totaal

    @cached_property
    def lbt(self) -> dict[tuple, int]:
        return ind.lbt(self)

    @cached_property
    def lbt_consulent_jaar(self) -> dict[tuple, int]:
        return ind.lbt_consulent_jaar(self)

    @cached_property
    def routes(self) -> dict[tuple, int]:
        return ind.routes_persoon(self)


def _tellingen(peildatum: dt.date) -> dict:
    return ind.tellingen(peildatum) | uk.tellingen(peildatum)


@vast(groep=1)
def _per_gemeente(peildatum: dt.date):
    rijen, namen = gemeente_eerst(ind.relatie_rijen(), ["gemeente_id"])
    return rijen.values_list(*namen).annotate(**_tellingen(peildatum)).order_by()


@contextmanager
def relatie(sel: ex.Selectie):
    """The relation for the selection: a temporary table of its rows, inside one transaction
    with the planner settings. Each table then scans a few thousand (or for the whole country
    150K) narrow rows without joins."""
    with statistiek.zonder_gc(), ex.sql_instellingen(sel):
        populatie = populatie_q(sel.populatie, VERLOOP)
        if projectie.bruikbaar(sel):
            projectie.vul(sel)
            # Only the population's rows are copied (`_beperk` in the copy), and the rows
            # newer than the peildatum, which the check below needs.
            nieuwer = Q(laatste_datum__gt=sel.peildatum)
            alleen = None if populatie is None else populatie | nieuwer
            with _tijdelijke_tabel(projectie.in_selectie(sel), alleen=alleen) as rijen:
                # A row newer than the peildatum (only possible for today) does not describe
                # it; then the whole selection is read from the log below.
                actueel = not rijen.filter(nieuwer).exists()
                if actueel:
                    yield Relatie(rijen, sel)
            if actueel:
                return
        if stand.bruikbaar(sel):
            # A past quarter end: the projection's rows that describe it, and stored rows for
            # the dossiers whose log goes on after it (`stand.py`); the population's only.
            projectie.vul(ex.Selectie(sel.gemeente_ids, timezone.localdate()))
            stand.vul(sel)
            with _tijdelijke_tabel(*stand.in_selectie(sel), alleen=populatie) as rijen:
                yield Relatie(rijen, sel)
            return
        # The event queries apply the whole selection (gemeenten, filters, cohort).
        mijlpalen = ex.met_persoonskenmerken(sel, ex.uit_log(sel))
        with _tijdelijke_tabel(mijlpalen=mijlpalen, uitkomsten=uk.uit_log(sel, mijlpalen)) as rijen:
            _beperk(sel, VERLOOP)
            yield Relatie(rijen, sel)


def _beperk(sel: ex.Selectie, soort: str) -> None:
    """Delete the rows outside the selection's population for this kind of table (a copy of
    stored rows applies the same condition itself; the cohort period is applied where the rows
    are read)."""
    q = populatie_q(sel.populatie, soort)
    if q is not None:
        MijlpalenPeil.objects.exclude(q).delete()


@contextmanager
def van_rijen(sel: ex.Selectie, mijlpalen: list, uitkomsten: dict | None = None):
    """The relation of milestones folded elsewhere (hand-built in tests, for example), with
    their outcomes (dossier id -> `uitkomsten.Uitkomst`)."""
    mijlpalen = [m for m in mijlpalen if in_cohort(sel, m)]
    with (
        ex.sql_instellingen(sel),
        _tijdelijke_tabel(mijlpalen=mijlpalen, uitkomsten=uitkomsten or {}) as rijen,
    ):
        _beperk(sel, VERLOOP)
        yield Relatie(rijen, sel)


_TABEL = connection.ops.quote_name(MijlpalenPeil._meta.db_table)
#: From this many rows the temporary table gets statistics on its dossier ids (PostgreSQL).
#: Below it the placements are planned the same with or without them, so the ANALYZE would be
#: a pure cost; measured on the 150K set it breaks even at ~5,300 rows and gains 10-40 ms from
#: ~6,600 on (docs/performance.md, "Caseload lists: the total in the page statement", ADR 0046).
ANALYZE_VANAF = 5_000


@contextmanager
def _tijdelijke_tabel(*opgeslagen: QuerySet, mijlpalen=(), uitkomsten=None, alleen=None):
    """A temporary table (per connection, so concurrent requests do not see each other's) with
    the stored rows of the querysets `opgeslagen` and the current grouping values (only those
    that meet `alleen`, a condition on the relation's columns), or else with the rows of
    `mijlpalen` and `uitkomsten`; dropped afterwards. Call it in a transaction."""
    bron = MijlpalenProjectie.objects.filter(dossier__isnull=True)  # no rows: only the columns
    delen = []
    for qs in opgeslagen or (bron,):
        qs = qs.annotate(**{k: F(v) for k, v in GROEPEN.items()})
        if alleen is not None:
            qs = qs.filter(alleen)
        delen.append(qs.values(*_VOLGORDE))
    namen = ", ".join(connection.ops.quote_name(k) for k in _VOLGORDE)
    aantal = 0
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_TABEL}")
        # The table name is a model constant; the selects are the ORM's, with their parameters.
        for i, deel in enumerate(delen):
            sql, params = deel.query.sql_with_params()
            if i == 0:
                cursor.execute(f"CREATE TEMPORARY TABLE {_TABEL} AS {sql}", params)
            else:
                cursor.execute(f"INSERT INTO {_TABEL} ({namen}) {sql}", params)
            aantal += max(cursor.rowcount, 0)
    if mijlpalen:
        aantal += _schrijf(_rij(m, uitkomsten.get(m.dossier_id)) for m in mijlpalen)
    if connection.vendor == "postgresql" and aantal >= ANALYZE_VANAF:
        # Without statistics PostgreSQL assumes 200 distinct dossiers in a new table and joins
        # the placements (`aanvullend.uitval_plaatsingen`) by one index lookup per dossier:
        # 3 s for the 150K set, against 0.7 s with a hash join (the ANALYZE itself: 0.14 s).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {_TABEL} (dossier_id)")
    yield MijlpalenPeil.objects.all()
    # Not in a `finally`: after an error the surrounding transaction (`sql_instellingen`) rolls
    # back, and the table with it (PostgreSQL refuses any statement until then).
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_TABEL}")


def _rij(m: ex.Mijlpalen, uitkomst: uk.Uitkomst | None) -> tuple:
    waarden = kolommen(m, uitkomst) | {k: getattr(m, k) for k in GROEPEN}
    return (m.dossier_id, *(waarden[k] for k in _VOLGORDE[1:]))


def _schrijf(rijen) -> int:
    """Insert rows (tuples in `_VOLGORDE`) into the temporary table: with COPY on PostgreSQL
    (150K rows of 70 columns: seconds, where `bulk_create` took a minute), else executemany.
    Returns how many."""
    namen = ", ".join(connection.ops.quote_name(k) for k in _VOLGORDE)
    aantal = 0
    if connection.vendor == "postgresql":
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {_TABEL} ({namen}) FROM STDIN") as copy,
        ):
            for rij in rijen:
                copy.write_row(rij)
                aantal += 1
        return aantal
    plaatsen = ", ".join(["%s"] * len(_VOLGORDE))
    waarden = [[w.isoformat() if isinstance(w, dt.date) else w for w in rij] for rij in rijen]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {_TABEL} ({namen}) VALUES ({plaatsen})",  # noqa: S608 (constants)
            waarden,
        )
    return len(waarden)
