#!/usr/bin/env python
"""Benchmark the partners' API: one bulk call of 10,000 hour records, and placement-list reads.

Usage (any migrated database; SQLite when DATABASE_URL is unset; the lead's 150K set on
PostgreSQL):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering_bench \
        .venv/bin/python scripts/benchmark_api.py [-n 200] [--plaatsingen 400]

The script makes its own data inside ONE transaction that it rolls back at the end (a
benchmark gemeente, people and dossiers, a language school with a contract, started placements,
the school's involvement and an API key), so the database is left as it was and every run
starts the same. Requests go in-process through django.test.Client (server time: middleware,
authentication, throttle, queries, access log, JSON), without network.

Targets: the bulk call < 5 s; placement-list reads (page of 100) at 100/s, p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inburgering.conf.dev")
os.environ["DEBUG"] = "0"
os.environ["ALLOWED_HOSTS"] = "localhost,127.0.0.1,testserver"
os.environ.setdefault("API_LIMIET", "1000000/min")

DOEL_BULK_S = 5.0
DOEL_P95_MS = 100.0
DOEL_PER_S = 100.0
UREN = 10_000


def percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, max(0, round(p / 100 * len(geordend) + 0.5) - 1))]


class Terugdraaien(Exception):
    pass


def maak_data(aantal: int):
    from django.utils import timezone

    from inburgering.accounts.models import Gemeente
    from inburgering.api.models import Sleutel
    from inburgering.dossiers.models import Dossier, Inburgeraar
    from inburgering.partners.models import Betrokkenheid, Grond, Organisatie
    from inburgering.traject.models import Aanbieder, Contract, Plaatsing, Product

    vandaag = timezone.localdate()
    gemeente = Gemeente.objects.create(cbs_code="9997", naam="Benchmarkstad")
    personen = Inburgeraar.objects.bulk_create(
        [
            Inburgeraar(gemeente=gemeente, bsn=f"97{i:07d}", voornamen="Test",
                        geslachtsnaam=f"Persoon {i}", geslacht="O", land_van_herkomst="SY")
            for i in range(aantal)
        ]
    )  # fmt: skip
    dossiers = Dossier.objects.bulk_create(
        [
            Dossier(inburgeraar=p, gemeente=gemeente, regime="wi2021",
                    doelgroep="asielstatushouder", fase="in_leerroute")
            for p in personen
        ]
    )  # fmt: skip
    aanbieder = Aanbieder.objects.create(naam="Benchmark-taalschool", kvk_nummer="99999997")
    product = Product.objects.create(aanbieder=aanbieder, soort="b1", naam="B1", uren_per_week=12)
    contract = Contract.objects.create(
        gemeente=gemeente, product=product, kenmerk="BENCH-1", begin=vandaag - dt.timedelta(400),
        einde=vandaag + dt.timedelta(400), prijs_per_uur=10, capaciteit=10**6,
        max_wachttijd_weken=6,
    )  # fmt: skip
    start = vandaag - dt.timedelta(days=7 * 40)
    plaatsingen = Plaatsing.objects.bulk_create(
        [
            Plaatsing(dossier=d, contract=contract, status="gestart",
                      aangemeld_op=start - dt.timedelta(30), gestart_op=start, uren_per_week=12)
            for d in dossiers
        ]
    )  # fmt: skip
    school = Organisatie.objects.create(naam="Benchmark-taalschool", soort="taalaanbieder",
                                        aanbieder=aanbieder)  # fmt: skip
    school.gemeenten.add(gemeente)
    Betrokkenheid.objects.bulk_create(
        [
            Betrokkenheid(organisatie=school, dossier=d, grond=Grond.PLAATSING,
                          bron=f"plaatsing:{p.pk}", begin=start)
            for d, p in zip(dossiers, plaatsingen, strict=True)
        ]
    )  # fmt: skip
    _rij, sleutel = Sleutel.maak(school, "benchmark")
    return plaatsingen, sleutel, start


def records(plaatsingen, start: dt.date) -> list[dict]:
    from django.utils import timezone

    vandaag = timezone.localdate()
    maandag = start - dt.timedelta(days=start.weekday())
    weken = []
    while maandag + dt.timedelta(days=6) < vandaag:
        weken.append(maandag)
        maandag += dt.timedelta(days=7)
    uit = []
    for week in weken:
        for p in plaatsingen:
            uit.append(
                {
                    "plaatsing": p.pk,
                    "periodesoort": "week",
                    "periodeBegin": week.isoformat(),
                    "aangeboden": 12,
                    "aanwezig": 10.5,
                }
            )
            if len(uit) == UREN:
                return uit
    raise SystemExit(f"Te weinig plaatsingen voor {UREN} records; gebruik --plaatsingen hoger.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200, help="placement-list reads")
    parser.add_argument("--plaatsingen", type=int, default=400)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    print(f"Database: {connection.vendor}; Python {platform.python_version()}; "
          f"load {os.getloadavg()[0]:.1f}")  # fmt: skip
    try:
        with transaction.atomic():
            t0 = time.perf_counter()
            plaatsingen, sleutel, start = maak_data(args.plaatsingen)
            print(f"Data: {len(plaatsingen)} placements in {time.perf_counter() - t0:.1f} s")
            kop = {"HTTP_AUTHORIZATION": f"Bearer {sleutel}"}
            # Reads: the first page (100) of the school's placements, after a warm-up.
            for _ in range(5):
                assert client.get("/api/v1/plaatsingen", **kop).status_code == 200
            tijden = []
            cpu = time.process_time()
            begin = time.perf_counter()
            for i in range(args.n):
                t = time.perf_counter()
                antwoord = client.get(f"/api/v1/plaatsingen?page={i % 4 + 1}", **kop)
                tijden.append((time.perf_counter() - t) * 1000)
                assert antwoord.status_code == 200, antwoord.content[:300]
            totaal = time.perf_counter() - begin
            cpu_ms = (time.process_time() - cpu) * 1000 / args.n
            per_s = args.n / totaal
            p50, p95 = statistics.median(tijden), percentiel(tijden, 95)
            print(f"Placement list (page of 100), n={args.n}: {per_s:.0f}/s sequential, "
                  f"p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                  f"(targets {DOEL_PER_S:.0f}/s, p95 < {DOEL_P95_MS:.0f} ms); "
                  f"CPU of this process {cpu_ms:.1f} ms per read")  # fmt: skip
            with CaptureQueriesContext(connection) as vragen:
                client.get("/api/v1/plaatsingen?page=2", **kop)
            print(f"  queries per list read: {len(vragen)}")
            # Bulk: 10,000 records in one call.
            body = json.dumps({"uren": records(plaatsingen, start)})
            t, cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as vragen:
                antwoord = client.post("/api/v1/uren", body, content_type="application/json", **kop)
            duur, cpu_s = time.perf_counter() - t, time.process_time() - cpu
            assert antwoord.status_code == 201, antwoord.content[:500]
            aantal = antwoord.json()["aantal"]
            print(
                f"Bulk hours: {aantal} records ({len(body):,} bytes) in {duur:.2f} s "
                f"(target < {DOEL_BULK_S:.0f} s), {len(vragen)} queries, "
                f"CPU of this process {cpu_s:.2f} s"
            )
            raise Terugdraaien
    except Terugdraaien:
        print("Rolled back: the database is as it was.")


if __name__ == "__main__":
    main()
