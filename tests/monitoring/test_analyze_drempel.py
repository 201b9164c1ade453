"""The temporary table gets statistics on its dossier ids only from `ANALYZE_VANAF` rows on
(PostgreSQL; below it the planner's guess is good enough and the ANALYZE the larger cost), and
the tables are the same either way."""

import dataclasses
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inburgering.monitoring import relatie as relatie_
from inburgering.monitoring.definities import Populatie
from inburgering.monitoring.extractie import Mijlpalen, Selectie
from inburgering.monitoring.tabellen import tabellen
from tests.monitoring.helpers import traject

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate()


@pytest.fixture
def zes(gemeente_a, consulent_a):
    start = VANDAAG - dt.timedelta(days=400)
    for i in range(6):
        traject(gemeente_a, start + dt.timedelta(days=i * 9), consulent=consulent_a, pip=60 + i)
    return Selectie((gemeente_a.pk,), VANDAAG, populatie=Populatie.ALLE)


def _statistieken() -> bool | None:
    """Whether PostgreSQL holds statistics on the temporary table's dossier ids (None on SQLite,
    which keeps none for a temporary table)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stats WHERE tablename = %s AND attname = 'dossier_id'",
            [relatie_.MijlpalenPeil._meta.db_table],
        )
        return cursor.fetchone()[0] > 0


def _in_relatie(sel) -> tuple[int, bool | None, int]:
    """Rows of the relation, whether it has statistics, and how many ANALYZE statements ran."""
    with CaptureQueriesContext(connection) as ctx, relatie_.relatie(sel) as r:
        rijen = r.rijen.count()
        statistieken = _statistieken()
    analyze = sum(q["sql"].startswith("ANALYZE") for q in ctx.captured_queries)
    return rijen, statistieken, analyze


def test_statistics_from_the_threshold_on(zes, monkeypatch):
    op_postgresql = connection.vendor == "postgresql"
    monkeypatch.setattr(relatie_, "ANALYZE_VANAF", 6)
    assert _in_relatie(zes) == (6, True if op_postgresql else None, 1 if op_postgresql else 0)
    monkeypatch.setattr(relatie_, "ANALYZE_VANAF", 7)
    assert _in_relatie(zes) == (6, False if op_postgresql else None, 0)


def test_rows_written_by_copy_count_towards_the_threshold(monkeypatch):
    """The path from the event log writes its rows itself (COPY on PostgreSQL)."""
    mijlpalen = [Mijlpalen(i, 1, "", None, kennisgeving=dt.date(2024, 1, i)) for i in range(1, 4)]
    for drempel, verwacht in ((3, True), (4, False)):
        monkeypatch.setattr(relatie_, "ANALYZE_VANAF", drempel)
        with relatie_.van_rijen(Selectie((), dt.date(2025, 1, 1)), mijlpalen) as r:
            assert r.rijen.count() == 3
            assert _statistieken() == (verwacht if connection.vendor == "postgresql" else None)


def test_the_tables_are_the_same_with_and_without_statistics(zes, monkeypatch):
    uitkomsten = []
    for drempel in (0, 10**9):
        monkeypatch.setattr(relatie_, "ANALYZE_VANAF", drempel)
        uitkomsten.append([dataclasses.asdict(t) for t in tabellen(zes)])
    assert uitkomsten[0] == uitkomsten[1]
    assert any(rij for tabel in uitkomsten[0] for rij in tabel["rijen"])
