#!/usr/bin/env python
"""Benchmark the inburgeraar's portal: logins through the stand-in DigiD broker, and the
portal's home page (`/portaal/overzicht/`) for logged-in citizens.

Usage (any migrated database; SQLite when DATABASE_URL is unset; the 150K set on PostgreSQL):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering_bench \
        .venv/bin/python scripts/benchmark_portaal.py [-n 200]

The script makes its own people inside ONE transaction that it rolls back at the end (a
benchmark gemeente, a consulent, `n` dossiers through the services, each with an appointment),
so the database is left as it was. The stand-in provider runs on a free local port (real HTTP:
discovery, authorize, token with PKCE, JWKS); our side runs in-process through
django.test.Client, one client (and one IP address) per citizen, as citizens log in from their
own phones. Every login is the whole code flow: our redirect, the broker's page, the choice,
the callback with the token exchange and the ID token's checks.

Targets (issue 19): 200 logins per minute without errors; home page p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import sys
import threading
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit
from wsgiref.simple_server import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inburgering.conf.dev")
os.environ["DEBUG"] = "0"
os.environ["ALLOWED_HOSTS"] = "localhost,127.0.0.1,testserver"

DOEL_PER_MINUUT = 200
DOEL_P95_MS = 100.0
CLIENT_ID, GEHEIM = "portaal", "benchmark-geheim"


def percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, max(0, round(p / 100 * len(geordend) + 0.5) - 1))]


class Terugdraaien(Exception):
    pass


class _Stil(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def maak_data(aantal: int) -> list[str]:
    """`aantal` citizens with an open dossier, a consulent and an appointment; their BSNs."""
    from django.utils import timezone

    from inburgering.accounts.models import Gebruiker, Gemeente, Rol
    from inburgering.bsn import elfproef
    from inburgering.dossiers.models import Doelgroep, Inburgeraar, Regime
    from inburgering.dossiers.services import NieuwDossier, open_dossier
    from inburgering.dossiers.workflow import Soort
    from inburgering.intake.afspraken import plan_afspraak

    gemeente = Gemeente.objects.create(cbs_code="9996", naam="Portaalstad")
    consulent = Gebruiker.objects.create_user(
        username="benchmark-portaal-consulent", rol=Rol.CONSULENT, first_name="Bea",
        last_name="Consulent", email="bea@portaalstad.example",
    )  # fmt: skip
    consulent.gemeenten.add(gemeente)
    bsns: list[str] = []
    kandidaat = 960_000_000
    while len(bsns) < aantal:
        kandidaat += 1
        bsn = f"{kandidaat:09d}"
        if elfproef(bsn) and not Inburgeraar.objects.filter(bsn=bsn).exists():
            bsns.append(bsn)
    morgen = timezone.now() + dt.timedelta(days=1)
    for i, bsn in enumerate(bsns):
        dossier = open_dossier(
            Inburgeraar(bsn=bsn, voornamen="Test", geslachtsnaam=f"Burger {i}",
                        geboortedatum=dt.date(1990, 1, 1), geslacht="V",
                        land_van_herkomst="SY", talen=["ar"], voorkeurstaal="ar"),
            NieuwDossier(gemeente=gemeente, regime=Regime.WI2021,
                         doelgroep=Doelgroep.ASIELSTATUSHOUDER,
                         eerste_soort=Soort.SIGNAAL_ONTVANGEN,
                         eerste_datum=timezone.localdate() - dt.timedelta(days=20), gegevens={}),
            actor=None, consulent=consulent,
        )  # fmt: skip
        plan_afspraak(dossier, medewerker=consulent, soort="intake", vorm="op_locatie",
                      begin=morgen, locatie="Stadskantoor")  # fmt: skip
    return bsns


def start_broker(bsns: list[str]):
    from inburgering.koppelingen.oidc_standin import Standin, burger, standaard_gebruikers

    server = make_server("127.0.0.1", 0, lambda e, s: app(e, s), handler_class=_Stil)
    issuer = f"http://127.0.0.1:{server.server_port}"
    app = Standin(
        issuer,
        {CLIENT_ID: (GEHEIM, [])},
        standaard_gebruikers(),
        burgers=[burger(b, f"Burger {i}") for i, b in enumerate(bsns)],
        burgerclients={CLIENT_ID},
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, app


def log_in(client, bsn: str) -> bool:
    """The whole code flow for one citizen; True when the portal's overview follows."""
    import requests
    from django.urls import reverse

    from inburgering.koppelingen.oidc_standin import burger

    antwoord = client.get(reverse("portaal:inloggen"))
    if antwoord.status_code != 302:
        return False
    pagina = requests.get(antwoord["Location"], timeout=10)
    velden = {
        unescape(n): unescape(v)
        for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', pagina.text)
    }
    actie = pagina.url.split("/authorize")[0] + "/authorize"
    keuze = requests.post(
        actie, data={**velden, "sub": burger(bsn, "").sub}, allow_redirects=False, timeout=10
    )
    if keuze.status_code != 302:
        return False
    terug = urlsplit(keuze.headers["Location"])
    antwoord = client.get(f"{terug.path}?{terug.query}")
    return antwoord.status_code == 302 and "/portaal/" in antwoord["Location"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="citizens (logins and page views)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse

    settings.PORTAAL_INLOG_LIMIET = 10**6  # one IP per citizen below; the limit is tested apart
    print(f"Database: {connection.vendor}; Python {platform.python_version()}; "
          f"load {os.getloadavg()[0]:.1f}")  # fmt: skip
    try:
        with transaction.atomic():
            begin = time.perf_counter()
            bsns = maak_data(args.n)
            print(f"Data: {args.n} dossiers with an appointment in "
                  f"{time.perf_counter() - begin:.1f} s")  # fmt: skip
            server, app = start_broker(bsns)
            settings.PORTAAL_OIDC_ISSUER = app.issuer
            settings.PORTAAL_OIDC_CLIENT_ID, settings.PORTAAL_OIDC_CLIENT_SECRET = CLIENT_ID, GEHEIM
            clients = [
                Client(REMOTE_ADDR=f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}")
                for i in range(args.n)
            ]
            begin = time.perf_counter()
            gelukt = sum(log_in(c, b) for c, b in zip(clients, bsns, strict=True))
            duur = time.perf_counter() - begin
            per_minuut = args.n / duur * 60
            fouten = args.n - gelukt
            print(
                f"Logins: {gelukt} of {args.n} in {duur:.1f} s = {per_minuut:.0f}/min "
                f"sequential, {fouten} errors (target {DOEL_PER_MINUUT}/min, 0 errors)"
            )
            tijden = []
            cpu_begin = time.process_time()
            for c in clients:
                t = time.perf_counter()
                antwoord = c.get(reverse("portaal:overzicht"))
                tijden.append((time.perf_counter() - t) * 1000)
                assert antwoord.status_code == 200, antwoord.status_code
            cpu = (time.process_time() - cpu_begin) / len(clients) * 1000
            print(f"Home page (/portaal/overzicht/), n={len(tijden)}: p50 "
                  f"{statistics.median(tijden):.1f} ms, p95 {percentiel(tijden, 95):.1f} ms "
                  f"(target p95 < {DOEL_P95_MS:.0f} ms); CPU {cpu:.1f} ms per view")  # fmt: skip
            server.shutdown()
            raise Terugdraaien
    except Terugdraaien:
        print("Rolled back: the database is as it was.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
