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

Behind gunicorn (`--gunicorn`, PostgreSQL only, e.g. the 150K landelijk set; Redis running):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering_150k \
        .venv/bin/python scripts/benchmark_api.py --gunicorn [--per-s 100] [--duur 60] \
        [--workers 4] [--aanbieder "ROC van Twente"]

1. Prepares, on the database itself and through the product's services (additive and
   idempotent: a second run reuses what the first made): the provider with the most running
   placements (or `--aanbieder`), a functional beheerder for the benchmark
   (`benchmark-api-beheer`, no password) who creates the provider's partner organisation for
   the gemeenten it has contracts with (`partners.services.bewaar_organisatie`, in the trail of
   configuration changes), the involvements for its running placements
   (`partners.haken.koppel_lopende_plaatsingen`, the hook every placement goes through) and a
   fresh API key (`Sleutel.maak`, as the admin makes one; the previous benchmark key is
   revoked).
2. Starts gunicorn (`--workers` sync workers, or gthread with `--threads` > 1 as deploy/start
   runs it) with `scripts/belasting_instellingen.py` (DEBUG off, the cache in Redis as in
   production; `API_LIMIET` set explicitly, `--limiet`, by default twice the asked rate per
   minute: the throttle counts every read but refuses none; the installation's default of
   600/min would refuse most of the run, ADR 0045; `DB_PREPARE_THRESHOLD` from the
   environment, unset by default) and locust in a subprocess: `--gebruikers` clients, each at a
   constant throughput, together `--per-s` reads per second of `GET /api/v1/plaatsingen?page=N`
   (pages of 100, N uniform over all pages of the provider's list, as a client that
   synchronises the whole list).
3. Reports the achieved reads/s, errors, p50/p95/p99 (every request's own time) and the CPU
   seconds of each process group (gunicorn, PostgreSQL, Redis, the load generator) per read.

In-process on the same provider (`--organisatie`, PostgreSQL; prepares as above, then reads
through django.test.Client with the gunicorn run's settings, cache in Redis):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering_150k \
        .venv/bin/python scripts/benchmark_api.py --organisatie -n 300 [--profiel]

reads `-n` random pages one after another and reports per read the CPU of this process, the
CPU of its PostgreSQL backend and the time in queries, and once the read that renews the kept
list of the provider's placements (ADR 0040); `--profiel` prints the top of a cProfile of the
reads.
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
    parser.add_argument(
        "--alleen-lezen", action="store_true", help="in-process: the reads only, not the bulk"
    )
    parser.add_argument("--gunicorn", action="store_true", help="reads over HTTP (see above)")
    parser.add_argument("--per-s", type=float, default=DOEL_PER_S, help="reads per second")
    parser.add_argument("--duur", type=float, default=60.0, help="measured seconds")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per gunicorn worker (1: sync workers, a connection per request; more: "
        "gthread with keep-alive, as deploy/start runs it)",
    )
    parser.add_argument(
        "--limiet",
        help="API_LIMIET for the run (default: twice the asked rate per minute, so the "
        "throttle runs for every read as in production but never refuses one; ADR 0045)",
    )
    parser.add_argument("--gebruikers", type=int, default=20, help="locust clients")
    parser.add_argument("--aanbieder", help="the provider's name (default: the largest)")
    parser.add_argument("--poort", type=int, default=8771)
    parser.add_argument(
        "--organisatie", action="store_true", help="in-process reads of the prepared provider"
    )
    parser.add_argument("--profiel", action="store_true", help="with --organisatie: cProfile")
    # The load generator's own invocation (a subprocess of this script).
    parser.add_argument("--genereer", help=argparse.SUPPRESS)
    parser.add_argument("--uit", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # Explicit, whatever the environment says: the installation's default (600/min) would
    # refuse most of a run at 100 reads/s from one organisation.
    os.environ["API_LIMIET"] = args.limiet or f"{round(args.per_s * 60 * 2)}/min"
    if args.genereer:
        genereer(args)
        return
    if args.gunicorn:
        sys.exit(achter_gunicorn(args))
    if args.organisatie:
        sys.exit(in_proces(args))

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
            if args.alleen_lezen:
                raise Terugdraaien
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


# --------------------------------------------------------------------------------------------
# Behind gunicorn (--gunicorn): the provider's organisation, key and involvements on the
# database itself; a constant rate of list reads over HTTP
# --------------------------------------------------------------------------------------------

BEHEERDER = "benchmark-api-beheer"
SLEUTELNAAM = "benchmark-api"


def bereid_server_voor(aanbieder_naam: str | None) -> dict:
    """The provider's partner organisation, its involvements and a fresh API key, through the
    services (committed: the gunicorn workers read them). Idempotent."""
    import django

    django.setup()
    from django.db.models import Count

    from inburgering.accounts.models import Gebruiker, Gemeente, Rol
    from inburgering.api import services as api_services
    from inburgering.api.models import Sleutel
    from inburgering.partners import services as partner_services
    from inburgering.partners.haken import koppel_lopende_plaatsingen
    from inburgering.partners.models import Betrokkenheid, Grond, Organisatie, Organisatiesoort
    from inburgering.traject.models import LOPEND, Aanbieder, Contract, Plaatsing

    lopend = Plaatsing.objects.filter(status__in=LOPEND)
    if aanbieder_naam:
        aanbieder = Aanbieder.objects.get(naam=aanbieder_naam)
    else:
        grootste = (
            lopend.values("contract__product__aanbieder")
            .annotate(n=Count("pk"))
            .order_by("-n", "contract__product__aanbieder")
            .first()
        )
        if grootste is None:
            raise SystemExit("Geen lopende plaatsingen in deze database / no running placements")
        aanbieder = Aanbieder.objects.get(pk=grootste["contract__product__aanbieder"])
    gemeenten = list(
        Gemeente.objects.filter(
            pk__in=Contract.objects.filter(product__aanbieder=aanbieder).values("gemeente_id")
        ).order_by("pk")
    )
    beheerder, nieuw = Gebruiker.objects.get_or_create(
        username=BEHEERDER,
        defaults={"rol": Rol.BEHEERDER, "first_name": "Benchmark", "last_name": "API"},
    )
    if nieuw:
        beheerder.set_unusable_password()
        beheerder.save()
    beheerder.gemeenten.add(*gemeenten)
    organisatie = Organisatie.objects.filter(aanbieder=aanbieder).first()
    if organisatie is None or not set(gemeenten) <= set(organisatie.gemeenten.all()):
        organisatie = partner_services.bewaar_organisatie(
            beheerder,
            organisatie
            or Organisatie(
                naam=aanbieder.naam,
                soort=Organisatiesoort.TAALAANBIEDER,
                kvk_nummer=aanbieder.kvk_nummer,
                aanbieder=aanbieder,
                actief=True,
            ),
            gemeenten,
        )
    if not organisatie.actief:
        raise SystemExit(f"{organisatie} is niet actief / is not active")
    t = time.perf_counter()
    open_ = Betrokkenheid.objects.filter(
        organisatie=organisatie, grond=Grond.PLAATSING, einde__isnull=True
    ).count()
    te_koppelen = lopend.filter(
        contract__product__aanbieder=aanbieder, dossier__gemeente__in=gemeenten
    ).count()
    gekoppeld = koppel_lopende_plaatsingen(organisatie) if open_ < te_koppelen else 0
    if gekoppeld:
        # Thousands of rows in tables that were empty: the planner's statistics now, as
        # autovacuum would make them a while later (it chose nested loops over 9,000 rows).
        from django.db import connection

        tabellen = [Betrokkenheid._meta.db_table, Organisatie.gemeenten.through._meta.db_table]
        with connection.cursor() as cursor:
            for tabel in tabellen:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(tabel)}")
    koppelduur = time.perf_counter() - t
    for oud in Sleutel.objects.filter(
        organisatie=organisatie, naam=SLEUTELNAAM, ingetrokken_op__isnull=True
    ):
        oud.trek_in()
    _rij, sleutel = Sleutel.maak(organisatie, SLEUTELNAAM)
    plaatsingen = api_services.plaatsingen_van(organisatie).count()
    return {
        "aanbieder": aanbieder.naam,
        "organisatie": organisatie.pk,
        "gemeenten": len(gemeenten),
        "gekoppeld": gekoppeld,
        "koppelduur": koppelduur,
        "plaatsingen": plaatsingen,
        "paginas": max(1, -(-plaatsingen // 100)),
        "sleutel": sleutel,
    }


def _zoals_gunicorn() -> None:
    """The environment of the gunicorn run: its settings, the cache in Redis."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must point at PostgreSQL (the 150K set)")
    sys.path.insert(0, str(ROOT / "scripts"))
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/6")
    os.environ.setdefault("CACHE_KEY_PREFIX", "benchmark-api")
    os.environ["DJANGO_SETTINGS_MODULE"] = "belasting_instellingen"


def in_proces(args) -> int:
    """`--organisatie`: the gunicorn run's reads, one after another in this process, with the
    CPU of this process and of its PostgreSQL backend per read (no HTTP, no load generator)."""
    import random

    import psutil

    _zoals_gunicorn()
    voorbereid = bereid_server_voor(args.aanbieder)
    from django.db import connection
    from django.test import Client

    from inburgering.dossiers import panelen
    from inburgering.partners.models import Organisatie

    print(
        f"{voorbereid['aanbieder']}: {voorbereid['plaatsingen']} placements = "
        f"{voorbereid['paginas']} pages; load {os.getloadavg()[0]:.1f}"
    )
    client = Client()
    kop = {"HTTP_AUTHORIZATION": f"Bearer {voorbereid['sleutel']}"}
    rng = random.Random(1)
    in_vragen = [0.0]

    def meet(execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            in_vragen[0] += time.perf_counter() - t

    def lees(pagina: int) -> float:
        t = time.perf_counter()
        antwoord = client.get(f"/api/v1/plaatsingen?page={pagina}", **kop)
        assert antwoord.status_code == 200, antwoord.content[:300]
        return (time.perf_counter() - t) * 1000

    for _ in range(5):
        lees(rng.randint(1, voorbereid["paginas"]))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = psutil.Process(cursor.fetchone()[0])

    def backend_cpu() -> float:
        t = backend.cpu_times()
        return t.user + t.system

    # The read that renews the kept list: after a change in one of its gemeenten.
    organisatie = Organisatie.objects.get(pk=voorbereid["organisatie"])
    for gemeente_id in organisatie.gemeenten.values_list("pk", flat=True)[:1]:
        panelen.gemeente_gewijzigd(gemeente_id)
    cpu, pg = time.process_time(), backend_cpu()
    with connection.execute_wrapper(meet):
        vernieuwd = lees(1)
    print(
        f"Read that renews the kept list: {vernieuwd:.1f} ms (CPU here "
        f"{(time.process_time() - cpu) * 1000:.1f} ms, PostgreSQL {(backend_cpu() - pg) * 1000:.1f}"
        f" ms, in queries {in_vragen[0] * 1000:.1f} ms)"
    )
    paginas = [rng.randint(1, voorbereid["paginas"]) for _ in range(args.n)]
    profiel = None
    if args.profiel:
        import cProfile

        profiel = cProfile.Profile(time.process_time)
    in_vragen[0] = 0.0
    tijden = []
    cpu, pg = time.process_time(), backend_cpu()
    with connection.execute_wrapper(meet):
        if profiel:
            profiel.enable()
        for pagina in paginas:
            tijden.append(lees(pagina))
        if profiel:
            profiel.disable()
    cpu_ms = (time.process_time() - cpu) * 1000 / args.n
    pg_ms = (backend_cpu() - pg) * 1000 / args.n
    print(
        f"Placement list (page of 100, random pages), n={args.n}: p50 "
        f"{statistics.median(tijden):.1f} ms, p95 {percentiel(tijden, 95):.1f} ms; per read: "
        f"CPU of this process {cpu_ms:.1f} ms, PostgreSQL backend {pg_ms:.1f} ms, in queries "
        f"{in_vragen[0] * 1000 / args.n:.1f} ms"
    )
    if profiel:
        import pstats

        pstats.Stats(profiel).sort_stats("cumulative").print_stats(int(os.environ.get("TOP", "45")))
    return 0


def genereer(args) -> None:
    """The load generator (a subprocess: locust patches the standard library with gevent):
    `--gebruikers` clients at a constant throughput, together `--per-s` reads per second."""
    import random

    import gevent
    from locust import FastHttpUser, constant_throughput, task
    from locust.env import Environment

    plan = json.loads(Path(args.genereer).read_text())
    tijden: list[float] = []
    fouten: dict[str, int] = {}
    meten = {"aan": False}

    def bij_verzoek(request_type, name, response_time, response_length, exception=None, **kw):
        if not meten["aan"]:
            return
        tijden.append(response_time)
        if exception is not None:
            fouten[str(exception)[:60]] = fouten.get(str(exception)[:60], 0) + 1

    kop = {"Authorization": f"Bearer {plan['sleutel']}"}
    teller = {"i": 0}

    class Partner(FastHttpUser):
        wait_time = constant_throughput(args.per_s / args.gebruikers)
        host = plan["host"]

        def on_start(self):
            teller["i"] += 1
            self.rng = random.Random(teller["i"])

        @task
        def lijst(self):
            pagina = self.rng.randint(1, plan["paginas"])
            with self.client.get(
                f"/api/v1/plaatsingen?page={pagina}",
                name="plaatsingen",
                headers=kop,
                catch_response=True,
            ) as r:
                if r.status_code != 200:
                    r.failure(f"{r.status_code}")

    env = Environment(user_classes=[Partner], host=plan["host"])
    env.events.request.add_listener(bij_verzoek)
    runner = env.create_local_runner()
    runner.start(args.gebruikers, spawn_rate=args.gebruikers)
    gevent.sleep(OPWARMEN_S)  # all clients running, the workers warm: not measured
    meten["aan"] = True
    begin = time.monotonic()
    gevent.sleep(args.duur)
    meten["aan"] = False
    gemeten = time.monotonic() - begin
    runner.quit()
    Path(args.uit).write_text(json.dumps({"tijden": tijden, "fouten": fouten, "duur": gemeten}))


OPWARMEN_S = 8.0


def cpu_per_proces(gunicorn_pid: int, generator_pid: int, database: str) -> dict[int, tuple]:
    """CPU seconds (user + system) so far per process, with its group: the gunicorn master and
    workers, the PostgreSQL backends of this database (their process title names it; the
    workers keep their connections), the rest of PostgreSQL (background processes, other
    databases: a shared machine), Redis (shared too) and the load generator."""
    import psutil

    uit: dict[int, tuple] = {}
    try:
        master = psutil.Process(gunicorn_pid)
        for p in [master, *master.children(recursive=True)]:
            t = p.cpu_times()
            uit[p.pid] = ("gunicorn", t.user + t.system)
    except psutil.NoSuchProcess:
        pass
    for p in psutil.process_iter(["name", "cmdline"]):
        try:
            naam = p.info["name"] or ""
            if naam.startswith("postgres"):
                titel = " ".join(p.info["cmdline"] or [])
                eigen = f" {database} " in f"{titel} "
                groep = "postgresql (this database)" if eigen else "postgresql (rest)"
            elif naam.startswith("redis"):
                groep = "redis"
            elif p.pid == generator_pid:
                groep = "generator"
            else:
                continue
            t = p.cpu_times()
            uit[p.pid] = (groep, t.user + t.system)
        except psutil.NoSuchProcess:
            continue
    return uit


GROEPEN = ["gunicorn", "postgresql (this database)", "postgresql (rest)", "redis", "generator"]


def cpu_verschil(voor: dict[int, tuple], na: dict[int, tuple]) -> dict[str, float]:
    """CPU seconds per group between the two samples: per process that still runs (one that
    started in between counts from zero; one that ended in between is not counted)."""
    uit = dict.fromkeys(GROEPEN, 0.0)
    for pid, (groep, seconden) in na.items():
        uit[groep] += seconden - (voor[pid][1] if pid in voor else 0.0)
    return uit


def achter_gunicorn(args) -> int:
    import signal
    import subprocess
    import tempfile

    url = os.environ.get("DATABASE_URL", "")
    _zoals_gunicorn()
    scripts = ROOT / "scripts"
    from benchmark_belasting import wacht_op_server

    host = f"http://127.0.0.1:{args.poort}"
    database = url.rsplit("/", 1)[-1].split("?")[0]

    t = time.perf_counter()
    voorbereid = bereid_server_voor(args.aanbieder)
    print(
        f"Prepared in {time.perf_counter() - t:.1f} s: {voorbereid['aanbieder']} "
        f"(organisation {voorbereid['organisatie']}, {voorbereid['gemeenten']} gemeenten), "
        f"{voorbereid['gekoppeld']} placements linked now "
        f"({voorbereid['koppelduur']:.1f} s; 0 = already linked), "
        f"{voorbereid['plaatsingen']} placements in its list = {voorbereid['paginas']} pages"
    )
    plan = Path(tempfile.mkstemp(suffix=".json")[1])
    plan.write_text(json.dumps({**voorbereid, "host": host}))
    log = open(Path(tempfile.gettempdir()) / "benchmark_api_gunicorn.log", "w")  # noqa: SIM115
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "inburgering.wsgi",
            "--workers",
            str(args.workers),
            *(["--threads", str(args.threads)] if args.threads > 1 else []),
            "--bind",
            f"127.0.0.1:{args.poort}",
            "--pythonpath",
            f"{ROOT / 'src'},{scripts}",
        ],
        env={**os.environ},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    uit = Path(tempfile.mkstemp(suffix=".json")[1])
    try:
        wacht_op_server(host)
        print(
            f"gunicorn: {args.workers} workers x {args.threads} threads; {os.cpu_count()} "
            f"cores; locust: {args.gebruikers} clients, together {args.per_s:.0f} reads/s; "
            f"API_LIMIET {os.environ['API_LIMIET']}; DB_PREPARE_THRESHOLD "
            f"{os.environ.get('DB_PREPARE_THRESHOLD') or 'unset'}; load average "
            f"{os.getloadavg()[0]:.1f}"
        )
        generator = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                __file__,
                "--genereer",
                str(plan),
                "--uit",
                str(uit),
                "--per-s",
                str(args.per_s),
                "--gebruikers",
                str(args.gebruikers),
                "--duur",
                str(args.duur),
            ],
            env={**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{scripts}"},
        )
        time.sleep(OPWARMEN_S + 0.5)
        voor = cpu_per_proces(gunicorn.pid, generator.pid, database)
        begin = time.monotonic()
        time.sleep(args.duur - 1.0)
        na = cpu_per_proces(gunicorn.pid, generator.pid, database)
        venster = time.monotonic() - begin
        generator.wait()
        resultaat = json.loads(uit.read_text())
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        plan.unlink()
        uit.unlink(missing_ok=True)
    tijden = resultaat["tijden"]
    aantal = len(tijden)
    fouten = sum(resultaat["fouten"].values())
    per_s = aantal / resultaat["duur"]
    if not tijden:
        print("No reads measured.")
        return 1
    p50, p95, p99 = statistics.median(tijden), percentiel(tijden, 95), percentiel(tijden, 99)
    print(
        f"\nPlacement list over HTTP: {per_s:.1f} reads/s achieved (asked {args.per_s:.0f}), "
        f"{aantal} reads in {resultaat['duur']:.0f} s, {fouten} errors "
        f"{resultaat['fouten'] or ''}; p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    cpu = cpu_verschil(voor, na)
    delen = ", ".join(
        f"{k} {v / venster * 100:.0f}% ({v / max(1.0, per_s * venster) * 1000:.1f} ms/read)"
        for k, v in cpu.items()
    )
    print(f"CPU of {os.cpu_count()} cores x 100%: {delen}")
    eigen = sum(v for k, v in cpu.items() if k != "postgresql (rest)")
    print(
        f"  per read: {eigen / max(1.0, per_s * venster) * 1000:.1f} ms of CPU "
        "(gunicorn + this database's backends + Redis + generator)"
    )
    goed = per_s >= 0.95 * args.per_s and p95 < DOEL_P95_MS and fouten == 0
    print(
        f"Target ({DOEL_PER_S:.0f} reads/s, p95 < {DOEL_P95_MS:.0f} ms, 0 errors): "
        f"{'met' if goed else 'NOT met'}"
    )
    return 0 if goed else 1


if __name__ == "__main__":
    main()
