"""Backup and restore, tested end to end on the database the suite runs on: data made through
the services, a backup with the database's own tool (pg_dump on PostgreSQL, SQLite's online
backup API on SQLite), `scripts/herstel` into a NEW database, then the same dossier phases and
monitoring figures read back; and `scripts/herstel` refusing a database that is not empty."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from inburgering.dossiers.models import Dossier
from inburgering.monitoring.models import MijlpalenProjectie
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db(transaction=True)

HERSTEL = Path(__file__).resolve().parents[1] / "scripts" / "herstel"


def _vragen() -> dict[str, str]:
    """What must survive: the phase of every dossier, and figures the monitoring reads."""
    dossiers = Dossier._meta.db_table
    return {
        "fasen": f"SELECT uuid, fase, fase_sinds FROM {dossiers} ORDER BY uuid",  # noqa: S608
        "mijlpalen": f"SELECT count(*) FROM {MijlpalenProjectie._meta.db_table}",  # noqa: S608
        "per_gemeente": f"SELECT gemeente_id, count(*) FROM {dossiers} "  # noqa: S608
        "GROUP BY gemeente_id ORDER BY gemeente_id",
    }


def _lees(cursor) -> dict[str, list]:
    uitkomst = {}
    for naam, sql in _vragen().items():
        cursor.execute(sql)
        uitkomst[naam] = [tuple(str(w) for w in rij) for rij in cursor.fetchall()]
    return uitkomst


def _herstel(backup: Path, doel: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [str(HERSTEL), str(backup), doel], capture_output=True, text=True, check=False
    )


@pytest.fixture
def gegevens(gemeente_a, gemeente_b, consulent_a, consulent_b):
    dossiers = [maak_dossier(gemeente_a, consulent=consulent_a) for _ in range(3)]
    dossiers.append(maak_dossier(gemeente_b, consulent=consulent_b))
    return dossiers


def _pg_url(naam: str) -> str:
    s = connection.settings_dict
    wachtwoord = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return (
        f"postgres://{s['USER']}{wachtwoord}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{naam}"
    )


def test_backup_and_restore_into_a_new_database(gegevens, tmp_path):
    with connection.cursor() as cursor:
        voor = _lees(cursor)
    assert len(voor["fasen"]) == 4
    assert all(fase for _uuid, fase, _sinds in voor["fasen"])

    if connection.vendor == "postgresql":
        bron = _pg_url(connection.settings_dict["NAME"])
        backup = tmp_path / "inburgering.dump"
        with backup.open("wb") as uit:
            subprocess.run(  # noqa: S603
                [shutil.which("pg_dump"), "--format=custom", "--no-owner", bron],
                stdout=uit,
                check=True,
            )
        nieuw = f"{connection.settings_dict['NAME']}_herstel"
        beheer = _pg_url("postgres")
        with psycopg.connect(beheer, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{nieuw}"')
            c.execute(f'CREATE DATABASE "{nieuw}"')
        try:
            hersteld = _herstel(backup, _pg_url(nieuw))
            assert hersteld.returncode == 0, hersteld.stderr
            with psycopg.connect(_pg_url(nieuw)) as c, c.cursor() as cursor:
                assert _lees(cursor) == voor
            # Again into the same, now filled, database: refused with one line.
            weigering = _herstel(backup, _pg_url(nieuw))
        finally:
            with psycopg.connect(beheer, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{nieuw}" WITH (FORCE)')
    else:
        # SQLite (the embedded demo): the online backup API, safe while the server runs.
        backup = tmp_path / "backup.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(backup) as doel:
            connection.connection.backup(doel)
        nieuw = tmp_path / "hersteld.sqlite3"
        hersteld = _herstel(backup, str(nieuw))
        assert hersteld.returncode == 0, hersteld.stderr
        with sqlite3.connect(nieuw) as c:
            assert _lees(c.cursor()) == voor
        weigering = _herstel(backup, str(nieuw))

    assert weigering.returncode == 1
    assert weigering.stderr.startswith("Herstel geweigerd: doeldatabase")
    assert len(weigering.stderr.strip().splitlines()) == 1


def test_restore_refuses_a_missing_backup(tmp_path):
    uitkomst = _herstel(tmp_path / "bestaat-niet.dump", str(tmp_path / "nieuw.sqlite3"))
    assert uitkomst.returncode == 1
    assert (
        uitkomst.stderr.strip()
        == f"Herstel geweigerd: backup {tmp_path}/bestaat-niet.dump bestaat niet."
    )
