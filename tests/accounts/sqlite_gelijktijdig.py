"""Run on its own (a subprocess of test_sqlite_gelijktijdig.py) against a SQLite *file*: the
test database of pytest-django lives in memory, where two connections cannot lock each other.

    python tests/accounts/sqlite_gelijktijdig.py <scenario> <database file> [oud]

Prints one JSON object. `oud` replaces the connection options with those before the change
(WAL only), to show what the scenario measures."""

import json
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path

WORTEL = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(WORTEL / "src"), str(WORTEL)]


def opzetten(bestand: str, oud: bool) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{bestand}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inburgering.conf.test")
    from django.conf import settings

    if oud:
        settings.DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;"}
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()  # "testserver" as an allowed host, as in the suite


def migreren(bestand: str) -> dict:
    opzetten(bestand, False)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return {"klaar": True}


def twee_schrijvers(bestand: str, oud: bool) -> dict:
    """Two threads, each its own connection, each a few times: read, think, write, in one
    transaction (what a form view does: read the dossier, then record a step)."""
    opzetten(bestand, oud)
    from django.db import OperationalError, connection, transaction

    from inburgering.accounts.models import Gemeente

    fouten, gelukt = [], []
    start = threading.Barrier(2)

    def schrijver(naam: str) -> None:
        start.wait()
        for i in range(5):
            try:
                with transaction.atomic():
                    Gemeente.objects.count()
                    time.sleep(0.05)
                    Gemeente.objects.create(cbs_code=f"{naam}{i}", naam=f"{naam} {i}")
                gelukt.append((naam, i))
            except OperationalError as fout:
                fouten.append(str(fout))
        connection.close()

    draden = [threading.Thread(target=schrijver, args=(n,)) for n in ("A", "B")]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    return {"gelukt": len(gelukt), "fouten": fouten, "rijen": Gemeente.objects.count()}


def verzoek_tijdens_slot(bestand: str, oud: bool) -> dict:
    """A consulent posts a new dossier while another connection holds the write lock."""
    opzetten(bestand, oud)
    import datetime as dt

    from django.test import Client

    from inburgering.accounts.models import Gebruiker, Gemeente, Rol
    from inburgering.dossiers.models import Dossier, DossierEvent, Inburgeraar

    gemeente = Gemeente.objects.create(cbs_code="0344", naam="Utrecht")
    gebruiker = Gebruiker.objects.create_user(username="anna", password="x", rol=Rol.CONSULENT)
    gebruiker.gemeenten.set([gemeente])
    client = Client()
    client.force_login(gebruiker)
    gegevens = {
        "bsn": "999990019",
        "voornamen": "Amal",
        "geslachtsnaam": "Haddad",
        "geboortedatum": "1990-05-17",
        "geslacht": "V",
        "land_van_herkomst": "SY",
        "talen": ["ar"],
        "regime": "wi2021",
        "doelgroep": "asielstatushouder",
        "gemeente": gemeente.pk,
        "kennisgeving_datum": (dt.date.today() - dt.timedelta(days=3)).isoformat(),
    }
    houder = sqlite3.connect(bestand, isolation_level=None)
    houder.execute("BEGIN IMMEDIATE")
    houder.execute("UPDATE accounts_gemeente SET naam = 'Utrecht (bezet)'")
    begin = time.monotonic()
    tijdens = client.post("/dossiers/nieuw/", gegevens)
    duur = time.monotonic() - begin
    houder.execute("ROLLBACK")
    houder.close()
    opgeslagen = [m.objects.count() for m in (Inburgeraar, Dossier, DossierEvent)]
    daarna = client.post("/dossiers/nieuw/", gegevens)
    # A page that only reads, but writes the access log (outside a transaction).
    houder = sqlite3.connect(bestand, isolation_level=None)
    houder.execute("BEGIN IMMEDIATE")
    houder.execute("UPDATE accounts_gemeente SET naam = 'Utrecht (bezet)'")
    lezen = client.get("/caseload/?scope=gemeente")
    houder.execute("ROLLBACK")
    houder.close()
    return {
        "status_lezen": lezen.status_code,
        "lezen_inhoud": lezen.content.decode(),
        "status": tijdens.status_code,
        "inhoud": tijdens.content.decode(),
        "retry_after": tijdens.headers.get("Retry-After"),
        "duur": duur,
        "opgeslagen_tijdens": opgeslagen,
        "status_daarna": daarna.status_code,
        "opgeslagen_daarna": [m.objects.count() for m in (Inburgeraar, Dossier, DossierEvent)],
    }


if __name__ == "__main__":
    scenario, bestand = sys.argv[1], sys.argv[2]
    oud = "oud" in sys.argv[3:]
    uitkomst = {
        "migreren": lambda: migreren(bestand),
        "twee_schrijvers": lambda: twee_schrijvers(bestand, oud),
        "verzoek_tijdens_slot": lambda: verzoek_tijdens_slot(bestand, oud),
    }[scenario]()
    print(json.dumps(uitkomst))
