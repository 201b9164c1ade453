#!/usr/bin/env python
"""CPU per page kind of the load mix, in process: what a gunicorn worker spends on each request.

Usage (PostgreSQL with the landelijk profile loaded; Redis running, as for the load benchmark):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering_150k \
        .venv/bin/python scripts/benchmark_pagina_cpu.py [-n 40] [--gebruikers 8] \
        [--profiel dossier]

The requests of `benchmark_belasting.py`'s mix (same kinds, weights, filters) go through Django's
test Client with the load settings (`belasting_instellingen.py`: DEBUG off, sessions and cache in
Redis), each by a user of the set logged in once. Per kind: the median process CPU per request
(`time.process_time`: this process only, i.e. without PostgreSQL's and Redis's own CPU) and the
median number of queries per request, over `-n` requests after a warm-up, cycling over
`--gebruikers` users per role and their dossiers; then the mix's weighted mean, which is what a
worker spends per mixed request (compare with the load benchmark's "gunicorn CPU/req"; the
client and the WSGI server are not in it). The writing kinds (a contact, a DUO notification)
run inside a transaction that is rolled back, so the set is not changed. `--profiel KIND`
prints cProfile's largest entries over the kind's requests instead, timed in process CPU
(waiting for PostgreSQL or Redis is not the worker's): `--sorteer tottime` orders them by
their own time, `--filter inburgering/` keeps the project's functions. `--soort KIND`
(repeatable) times only those kinds, without the weighted mix.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"


class Terugdraaien(Exception):
    """Raised inside the transaction of a writing request to roll it back."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=40, help="measured requests per kind")
    parser.add_argument("--gebruikers", type=int, default=8, help="users per role")
    parser.add_argument("--profiel", help="profile this kind (cProfile) instead of timing")
    parser.add_argument(
        "--sorteer", default="cumulative", help="order of the profile (cumulative, tottime)"
    )
    parser.add_argument("--filter", help="only the profile's entries whose file matches")
    parser.add_argument("--soort", action="append", help="time only this kind (repeatable)")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        parser.error("DATABASE_URL must point at a PostgreSQL database with the landelijk set")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")
    os.environ["DJANGO_SETTINGS_MODULE"] = "belasting_instellingen"
    os.environ["DEBUG"] = "0"
    sys.path[:0] = [str(ROOT / "src"), str(SCRIPTS)]
    import django

    django.setup()
    from benchmark_belasting import FILTERS, MIX, ROLLEN
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client

    from inburgering.accounts.models import Gebruiker, Gemeente, Rol
    from inburgering.dossiers.models import Dossier
    from inburgering.koppelingen.duo.simulator.scenarios import elfproef

    def ingelogd(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    # The users: consulenten with open dossiers of their own, teamleiders and kwaliteit with
    # their first gemeente, as the load benchmark picks them.
    per_rol: dict[str, list[tuple[Client, list[str], int | None]]] = {}
    consulenten = (
        Gebruiker.objects.filter(rol=Rol.CONSULENT, is_active=True)
        .exclude(username="consulent")
        .order_by("pk")
    )
    for user in consulenten:
        dossiers = [
            str(u)
            for u in Dossier.objects.filter(consulent=user)
            .exclude(fase="afgerond")
            .values_list("uuid", flat=True)[:40]
        ]
        if len(dossiers) >= 5:
            per_rol.setdefault("consulent", []).append((ingelogd(user), dossiers, None))
        if len(per_rol.get("consulent", [])) == args.gebruikers:
            break
    for rol, soort in (("teamleider", Rol.TEAMLEIDER), ("kwaliteit", Rol.KWALITEIT)):
        for user in Gebruiker.objects.filter(rol=soort, is_active=True).order_by("pk")[
            : args.gebruikers
        ]:
            gemeente = user.gemeenten.order_by("pk").first()
            dossiers = [
                str(u)
                for u in Dossier.objects.filter(gemeente=gemeente)
                .exclude(fase="afgerond")
                .values_list("uuid", flat=True)[:40]
            ]
            per_rol.setdefault(rol, []).append((ingelogd(user), dossiers, gemeente.pk))
    # A login changes the user (last_login), which marks its cache entry for a moment
    # (accounts/sessiegebruiker.py): wait until every user can be kept again.
    time.sleep(2.5)
    oin = Gemeente.objects.get(cbs_code="0344").oin or "00000001001234567000"
    bsns = [b for b in (f"{999_000_000 + i:09d}" for i in range(2_000)) if elfproef(b)]
    anoniem = Client()

    def teruggedraaid(verzoek: Callable[[], object]) -> object:
        try:
            with transaction.atomic():
                antwoord = verzoek()
                raise Terugdraaien(antwoord)
        except Terugdraaien as t:
            return t.args[0]

    def verzoek(soort: str, i: int) -> tuple[object, int]:
        """The i-th request of this kind: (response, expected status)."""
        rol = next(r for r, kinds in MIX.items() if soort in kinds) if soort != "vloer" else None
        gebruikers = per_rol["consulent" if rol in (None, "duo") else rol]
        client, dossiers, gemeente = gebruikers[i % len(gebruikers)]
        dossier = dossiers[(i // len(gebruikers)) % len(dossiers)] if dossiers else None
        if soort == "vloer":
            return client.get("/_vloer/"), 200
        if soort == "caseload":
            return client.get("/caseload/?scope=mijn"), 200
        if soort == "dossier":
            return client.get(f"/dossiers/{dossier}/"), 200
        if soort == "pip":
            return client.get(f"/dossiers/{dossier}/pip/"), 200
        if soort == "contact":
            return client.get(f"/dossiers/{dossier}/contact/"), 200
        if soort == "contact vastleggen":
            gegevens = {
                "actie": "contact",
                "datum": time.strftime("%Y-%m-%d"),
                "kanaal": "telefoon",
                "samenvatting": "Gebeld over de voortgang (meting).",
            }
            pad = f"/dossiers/{dossier}/contact/"
            return teruggedraaid(lambda: client.post(pad, gegevens)), 302
        if soort == "gemeente":
            return client.get("/caseload/?scope=gemeente"), 200
        if soort == "gemeente met filters":
            return client.get("/caseload/?" + FILTERS[i % len(FILTERS)]), 200
        if soort == "monitoring gemeente":
            return client.get(f"/monitoring/?gemeente={gemeente}"), 200
        if soort == "DUO-notificatie":
            body = {
                "registratieDatumTijd": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
                "bsn": bsns[i % len(bsns)],
                "gebeurtenisId": "SS137",
            }
            return teruggedraaid(
                lambda: anoniem.post(
                    "/api/duo/v1/notificaties",
                    data=json.dumps(body),
                    content_type="application/json",
                    headers={
                        "bron": settings.DUO_OIN,
                        "doel": oin,
                        "berichtId": str(uuid.uuid4()),
                        "Authorization": f"Bearer {settings.DUO_NOTIFICATIE_TOKEN}",
                    },
                )
            ), 201
        raise ValueError(soort)

    soorten = ["vloer", *dict.fromkeys(s for kinds in MIX.values() for s in kinds)]
    if args.profiel:
        soorten = [args.profiel]
    elif args.soort:
        soorten = args.soort
    resultaat: dict[str, tuple[float, float, float, float]] = {}
    queries = {"n": 0}

    def tel(execute, sql, params, many, context):
        queries["n"] += 1
        return execute(sql, params, many, context)

    for soort in soorten:
        for i in range(max(4, args.gebruikers)):  # warm-up: templates, caches, connections
            antwoord, verwacht = verzoek(soort, i)
            assert antwoord.status_code == verwacht, (soort, antwoord.status_code)
        if args.profiel:
            # Process CPU, not wall time: waiting for PostgreSQL or Redis is not the worker's CPU.
            profiel = cProfile.Profile(time.process_time)
            profiel.enable()
            for i in range(args.n):
                verzoek(soort, i)
            profiel.disable()
            uit = io.StringIO()
            beperking = [args.filter, 60] if args.filter else [60]
            pstats.Stats(profiel, stream=uit).sort_stats(args.sorteer).print_stats(*beperking)
            print(uit.getvalue())
            return 0
        cpu, wand, aantal = [], [], []
        for i in range(args.n):
            queries["n"] = 0
            with connection.execute_wrapper(tel):
                begin_cpu, begin = time.process_time(), time.perf_counter()
                antwoord, verwacht = verzoek(soort, i)
                cpu.append((time.process_time() - begin_cpu) * 1000)
                wand.append((time.perf_counter() - begin) * 1000)
            assert antwoord.status_code == verwacht, (soort, antwoord.status_code)
            aantal.append(queries["n"])
        resultaat[soort] = (
            statistics.median(cpu),
            statistics.median(wand),
            statistics.median(aantal),
            # The lower quartile: other processes on the machine only ever add CPU time (cache
            # misses, preemption), so it moves less with them than the median does.
            statistics.quantiles(cpu, n=4)[0],
        )

    print(f"\n{args.n} requests per kind, {args.gebruikers} users per role\n")
    print("| kind | CPU median | CPU lower quartile | wall median | queries |")
    print("|---|---:|---:|---:|---:|")
    for soort, (c, w, q, k) in resultaat.items():
        print(f"| {soort} | {c:.1f} ms | {k:.1f} ms | {w:.1f} ms | {q:g} |")
    if args.soort:
        return 0
    gewogen = kwartiel = totaal = 0.0
    for rol, deel in ROLLEN.items():
        som = sum(MIX[rol].values())
        for soort, gewicht in MIX[rol].items():
            gewogen += deel * gewicht / som * resultaat[soort][0]
            kwartiel += deel * gewicht / som * resultaat[soort][3]
            totaal += deel * gewicht / som
    print(
        f"\nmix (weighted as in benchmark_belasting.py): {gewogen / totaal:.1f} ms CPU/request "
        f"(lower quartiles weighted: {kwartiel / totaal:.1f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
