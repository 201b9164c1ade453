#!/usr/bin/env python
"""Benchmark the learning route (issue 15): a provider's hours file and the caseload filters.

Usage (PostgreSQL, on a database with the landelijk profile loaded, e.g. by
scripts/benchmark_caseload.py or `manage.py demo_data --profiel landelijk`):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering_bench \\
        .venv/bin/python scripts/benchmark_traject.py [-n 100] [--gemeente 0363] [--rijen 5000]

(a) Hours upload. For one large gemeente (default: the one with the most started placements)
and its provider with the most placements there, the script builds a monthly hours file of
`--rijen` rows (default 5,000; the running month first, then earlier months) for placements
the uploading user may see, as CSV and as XLSX in the provider's layout. Each file goes through
`traject.uren.verwerk_bestand`, the service the upload view calls: every row checked, all rows
stored in one transaction, the absence signals updated and the hour totals queued for DUO.
The hours the generator already stored for those periods are removed first, so the file is a
first report and not a correction; all of it runs in a transaction that is rolled back, so
the database stays as loaded. Timed: validation alone, and validation + storing; checked: every
row stored. Target: < 10 s for 5,000 rows.

(b) Caseload. p95 of the caseload list with each route filter (`caseload.ROUTE_SIGNALEN`), for
the consulent (scope mijn) and the teamleider (gemeente view, Utrecht), measured like
scripts/benchmark_caseload.py: in-process through django.test.Client after a warm-up, -n
requests each. Target: p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchmark_caseload as bc  # sets the settings module and DEBUG=0

DOEL_UPLOAD_S = 10.0


class Terugdraaien(Exception):
    """Raised at the end of a measured upload to roll its transaction back."""


def kies_gemeente(code: str | None):
    from django.db.models import Count, Q

    from inburgering.accounts.models import Gemeente

    if code:
        return Gemeente.objects.get(cbs_code=code)
    gestart = Q(dossiers__plaatsingen__status="gestart")
    return (
        Gemeente.objects.annotate(n=Count("dossiers__plaatsingen", filter=gestart))
        .order_by("-n", "cbs_code")
        .first()
    )


def uploader(gemeente):
    """A user of the gemeente with a dossier role: a teamleider when there is one (sees the
    whole gemeente), otherwise a consulent."""
    from inburgering.accounts.models import Gebruiker, Rol

    gebruikers = Gebruiker.objects.filter(gemeenten=gemeente, is_active=True)
    return (
        gebruikers.filter(rol=Rol.TEAMLEIDER).order_by("pk").first()
        or gebruikers.filter(rol=Rol.CONSULENT).order_by("pk").first()
    )


def maanden_terug(vandaag: dt.date, aantal: int) -> list[dt.date]:
    uit, d = [], vandaag.replace(day=1)
    for _ in range(aantal):
        uit.append(d)
        d = (d - dt.timedelta(days=1)).replace(day=1)
    return uit


def bouw_rijen(gemeente, gebruiker, aantal: int):
    """(provider, file layout, rows): a row per placement per month, the running month first,
    within each placement's running time; only placements the user may see."""
    from django.db.models import Count
    from django.utils import timezone

    from inburgering.dossiers.toegang import dossiers_voor
    from inburgering.traject import uren
    from inburgering.traject.models import Aanbieder, Bestandsindeling, Plaatsing

    vandaag = timezone.localdate()
    zichtbaar = dossiers_voor(gebruiker).filter(gemeente=gemeente)
    plaatsingen = Plaatsing.objects.filter(dossier__in=zichtbaar, gestart_op__isnull=False)
    aanbieder = Aanbieder.objects.get(
        pk=plaatsingen.values("contract__product__aanbieder")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("contract__product__aanbieder", flat=True)[0]
    )
    indeling = Bestandsindeling.objects.filter(aanbieder=aanbieder).order_by("pk").first()
    eigen = list(
        plaatsingen.filter(contract__product__aanbieder=aanbieder)
        .select_related("dossier__inburgeraar")
        .order_by("pk")
    )
    rijen = []
    for maand in maanden_terug(vandaag, 60):
        begin, einde = uren.periode("maand", maand)
        for p in eigen:
            tot = p.beeindigd_op or vandaag
            if p.gestart_op > einde or tot < begin:
                continue
            aangeboden = (p.uren_per_week or 12) * 4
            rijen.append(
                (p, p.dossier.inburgeraar.bsn, begin, einde, aangeboden, round(aangeboden * 0.9))
            )
            if len(rijen) == aantal:
                return aanbieder, indeling, rijen
    return aanbieder, indeling, rijen


def kop(indeling) -> list[str]:
    return [
        indeling.kolom_bsn,
        indeling.kolom_begin,
        indeling.kolom_einde,
        indeling.kolom_aangeboden,
        indeling.kolom_aanwezig,
        indeling.kolom_correctie,
    ]


def als_csv(indeling, rijen) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";")
    schrijver.writerow(kop(indeling))
    for _p, bsn, begin, einde, aangeboden, aanwezig in rijen:
        schrijver.writerow(
            [bsn, f"{begin:%d-%m-%Y}", f"{einde:%d-%m-%Y}", aangeboden, aanwezig, "nee"]
        )
    return uit.getvalue().encode("utf-8")


def als_xlsx(indeling, rijen) -> bytes:
    from openpyxl import Workbook

    boek = Workbook(write_only=True)
    blad = boek.create_sheet()
    blad.append(kop(indeling))
    for _p, bsn, begin, einde, aangeboden, aanwezig in rijen:
        blad.append([bsn, begin, einde, aangeboden, aanwezig, "nee"])
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def meet_upload(inhoud: bytes, naam: str, indeling, gebruiker, rijen) -> dict:
    """Validate alone, then validate + store, inside a transaction that is rolled back."""
    from django.db import transaction

    from inburgering.traject import uren
    from inburgering.traject.models import Uren

    uitkomst: dict = {}
    try:
        with transaction.atomic():
            # The file is a first report: remove what the generator stored for its periods.
            Uren.objects.filter(
                plaatsing_id__in={r[0].pk for r in rijen},
                periode_begin__in={r[2] for r in rijen},
            ).delete()
            voor = Uren.objects.count()
            begin_t = time.perf_counter()
            verslag = uren.valideer_bestand(inhoud, naam, indeling, gebruiker)
            uitkomst["valideren"] = time.perf_counter() - begin_t
            uitkomst["fouten"] = [f for r in verslag.ongeldig for f in r.fouten][:3]
            uitkomst["fouten"] += verslag.bestandsfouten
            begin_t = time.perf_counter()
            verslag = uren.verwerk_bestand(inhoud, naam, indeling, gebruiker)
            uitkomst["totaal"] = time.perf_counter() - begin_t
            uitkomst["opgeslagen"] = verslag.opgeslagen
            uitkomst["in_database"] = Uren.objects.count() - voor
            raise Terugdraaien
    except Terugdraaien:
        pass
    return uitkomst


def upload(gemeente_code: str | None, aantal: int) -> bool:
    gemeente = kies_gemeente(gemeente_code)
    gebruiker = uploader(gemeente)
    if gebruiker is None:
        print(f"Geen gebruiker met een dossierrol in {gemeente}.")
        return False
    aanbieder, indeling, rijen = bouw_rijen(gemeente, gebruiker, aantal)
    print(
        f"(a) Urenbestand: {gemeente.naam} ({gemeente.cbs_code}), aanbieder {aanbieder.naam}, "
        f"indeling '{indeling.naam}', gebruiker {gebruiker.username}; {len(rijen)} regels"
        + ("" if len(rijen) == aantal else f" (gevraagd {aantal}: niet meer plaatsingen/maanden)")
    )
    print("\n| file | rows | validate | validate + store | stored | < 10 s |")
    print("|---|---|---|---|---|---|")
    goed = True
    for naam, inhoud in (
        ("uren.csv", als_csv(indeling, rijen)),
        ("uren.xlsx", als_xlsx(indeling, rijen)),
    ):
        u = meet_upload(inhoud, naam, indeling, gebruiker, rijen)
        alles = u["opgeslagen"] == u["in_database"] == len(rijen)
        ok = alles and u["totaal"] < DOEL_UPLOAD_S
        goed &= ok
        print(
            f"| {naam} ({len(inhoud) // 1024} KB) | {len(rijen)} | {u['valideren']:.2f} s | "
            f"{u['totaal']:.2f} s | {u['in_database']}{'' if alles else ' FAIL'} | "
            f"{'pass' if ok else 'FAIL'} |"
        )
        if u["fouten"]:
            print(f"  fouten: {u['fouten']}")
    return goed


def caseload(n: int) -> bool:
    from django.db.models import Exists
    from django.test import Client
    from django.utils import timezone

    from inburgering.accounts.models import Gebruiker
    from inburgering.dossiers import caseload as cl
    from inburgering.dossiers.models import Dossier

    vandaag = timezone.localdate()
    print(f"\n(b) Caseload met routefilters, n = {n} per meting\n")
    print("| scenario | filter | hits | median | p95 | queries | page DB time | p95 < 100 ms |")
    print("|---|---|---|---|---|---|---|---|")
    goed = True
    for username, scope in (("consulent", "mijn"), ("teamleider", "gemeente")):
        gebruiker = Gebruiker.objects.get(username=username)
        client = Client()
        client.force_login(gebruiker)
        basis = cl.caseload(gebruiker, cl.Filters(scope=scope))
        for signaal in ["", *cl.ROUTE_SIGNALEN]:
            url = f"/caseload/?scope={scope}" + (f"&route={signaal}" if signaal else "")
            hits = (
                basis.filter(Exists(cl._route_signaal(signaal, vandaag))) if signaal else basis
            ).count()
            tijden, info = bc.meet(bc.pagina(client, url), n)
            p95 = bc.percentiel(tijden, 95)
            ok = p95 < bc.DOEL_P95_MS
            goed &= ok
            print(
                f"| {username} ({scope}) | {signaal or '(none)'} | {hits} | "
                f"{statistics.median(tijden):.1f} ms | {p95:.1f} ms | {info['queries']} | "
                f"{info['db_mediaan']:.1f} ms | {'pass' if ok else 'FAIL'} |"
            )
    print(f"\nOpen dossiers: {Dossier.objects.exclude(fase='afgerond').count()}")
    return goed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=100, help="requests per caseload measurement")
    parser.add_argument("--gemeente", help="CBS code of the gemeente of the hours file")
    parser.add_argument("--rijen", type=int, default=5_000, help="rows in the hours file")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("DATABASE_URL must point at a PostgreSQL database")

    import django

    django.setup()
    from inburgering.traject.models import Plaatsing

    if not Plaatsing.objects.filter(contract__kenmerk__startswith="LANDELIJK-").exists():
        print("Laad eerst het landelijke profiel: manage.py demo_data --profiel landelijk")
        return 2
    print(f"Machine: {bc.machine()}")
    goed = upload(args.gemeente, args.rijen)
    goed &= caseload(args.n)
    return 0 if goed else 1


if __name__ == "__main__":
    sys.exit(main())
