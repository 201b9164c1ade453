"""SQLite under concurrent writers, on a real database file (tests/accounts/sqlite_gelijktijdig.py
runs each scenario in a subprocess; the suite's own SQLite test database lives in memory).

These run on the PostgreSQL pass of the suite too: they do not use the suite's database."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("sqlite_gelijktijdig.py")


def _draai(scenario: str, bestand: Path, *extra: str, timeout: str = "20") -> dict:
    omgeving = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    omgeving |= {"DJANGO_SETTINGS_MODULE": "inburgering.conf.test", "SQLITE_TIMEOUT": timeout}
    uit = subprocess.run(  # noqa: S603 - our own script with fixed arguments
        [sys.executable, str(SCRIPT), scenario, str(bestand), *extra],
        capture_output=True,
        text=True,
        env=omgeving,
        timeout=120,
        check=False,
    )
    assert uit.returncode == 0, uit.stderr[-3000:]
    return json.loads(uit.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def gemigreerd(tmp_path_factory) -> Path:
    bestand = tmp_path_factory.mktemp("sqlite") / "leeg.sqlite3"
    _draai("migreren", bestand)
    return bestand


@pytest.fixture
def database(gemigreerd, tmp_path) -> Path:
    kopie = tmp_path / "db.sqlite3"
    shutil.copy(gemigreerd, kopie)
    return kopie


def test_two_writers_at_once_both_succeed(database):
    uitkomst = _draai("twee_schrijvers", database)
    assert uitkomst["fouten"] == []
    assert uitkomst["gelukt"] == 10
    assert uitkomst["rijen"] == 10


def test_with_the_old_settings_the_same_writers_lose_the_lock(database):
    """What the settings fix: a transaction that read first cannot get the write lock after
    another one committed, and waiting does not help (SQLite says so at once)."""
    uitkomst = _draai("twee_schrijvers", database, "oud")
    assert uitkomst["fouten"], uitkomst
    assert all("database is locked" in f for f in uitkomst["fouten"])
    assert uitkomst["rijen"] == uitkomst["gelukt"] < 10


def test_a_write_that_cannot_get_the_lock_answers_503_and_saves_nothing(database):
    uitkomst = _draai("verzoek_tijdens_slot", database, timeout="0.5")
    assert uitkomst["status"] == 503
    assert "Het systeem is even druk; probeer het opnieuw" in uitkomst["inhoud"]
    assert uitkomst["retry_after"] == "5"
    assert uitkomst["duur"] >= 0.5  # it waited for the lock first
    assert uitkomst["opgeslagen_tijdens"] == [0, 0, 0]
    assert uitkomst["status_daarna"] == 302
    assert uitkomst["opgeslagen_daarna"][:2] == [1, 1]
    # A page that reads and then writes its access log line: the same page, not a 500.
    assert uitkomst["status_lezen"] == 503
    assert "Het systeem is even druk; probeer het opnieuw" in uitkomst["lezen_inhoud"]


def test_a_lock_that_surfaces_outside_a_view_is_the_busy_page_too(rf):
    """handler500 (a middleware that writes, e.g. a session save, met the lock): 503 with the
    message; any other error stays Django's 500."""
    from django.db import OperationalError

    from inburgering.drukte import server_error

    try:
        raise OperationalError("database is locked")
    except OperationalError:
        antwoord = server_error(rf.get("/caseload/"))
    assert antwoord.status_code == 503
    assert "Het systeem is even druk; probeer het opnieuw" in antwoord.content.decode()
    try:
        raise OperationalError("no such table: x")
    except OperationalError:
        assert server_error(rf.get("/caseload/")).status_code == 500
