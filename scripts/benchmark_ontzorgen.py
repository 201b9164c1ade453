#!/usr/bin/env python
"""Benchmark the monthly ontzorgen batch: 2,000 households with four fixed costs each (8,000
payments), the pain.001 file built with sepaxml and validated against the ISO 20022 schema,
the CSV built, and all stored in one transaction. Target: < 5 s.

Usage (a database of your own; it is migrated, the data lives in one transaction that is
rolled back at the end, so nothing stays behind):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering_ontzorgen \
        .venv/bin/python scripts/benchmark_ontzorgen.py [--huishoudens 2000] [-n 3]

The households are bulk-loaded (setup, not timed); `ontzorgen.services.maak_batch` is timed
whole, and separately a second validation of the stored XML against the schema.
"""

from __future__ import annotations

import argparse
import datetime as dt
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

DOEL_S = 5.0


class Terugdraaien(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--huishoudens", type=int, default=2000)
    parser.add_argument("-n", type=int, default=3, help="runs (each a new month)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from inburgering.accounts.models import Gebruiker, Gemeente, Rol
    from inburgering.dossiers.models import Doelgroep, Dossier, Inburgeraar, Regime
    from inburgering.ontzorgen import bestanden, services
    from inburgering.ontzorgen.models import Ontzorgbeleid, Ontzorging, VasteLast

    ibans = ["NL91ABNA0417164300", "NL63TRIO0212345678", "NL39RABO0300065264", "NL44RABO0123456789"]
    soorten = ["huur", "energie", "water", "zorgverzekering"]
    start = dt.date(2026, 1, 1)
    tijden, validatie = [], []
    try:
        with transaction.atomic():
            gemeente = Gemeente.objects.create(cbs_code="9999", naam="Benchmarkstad")
            Ontzorgbeleid.objects.create(
                gemeente=gemeente,
                rekeninghouder="Gemeente Benchmarkstad",
                iban="NL20INGB0001234567",
            )
            gebruiker = Gebruiker.objects.create_user(
                username="bench_ontzorgen", password=None, rol=Rol.CONSULENT
            )
            t0 = time.perf_counter()
            personen = Inburgeraar.objects.bulk_create(
                [
                    Inburgeraar(
                        gemeente=gemeente,
                        bsn=f"9{i:08d}",
                        voornamen=f"Bench{i}",
                        geslachtsnaam="Huishouden",
                        geboortedatum=dt.date(1990, 1, 1),
                        geslacht="V",
                        land_van_herkomst="SY",
                    )
                    for i in range(args.huishoudens)
                ],
                batch_size=1000,
            )
            dossiers = Dossier.objects.bulk_create(
                [
                    Dossier(
                        inburgeraar=p,
                        gemeente=gemeente,
                        regime=Regime.WI2021,
                        doelgroep=Doelgroep.ASIELSTATUSHOUDER,
                    )
                    for p in personen
                ],
                batch_size=1000,
            )
            ontzorgingen = Ontzorging.objects.bulk_create(
                [
                    Ontzorging(
                        dossier=d,
                        verblijfsgrond="asiel_bepaalde_tijd",
                        recht_op_bijstand_vanaf=start,
                        einde=dt.date(2026, 6, 30),
                    )
                    for d in dossiers
                ],
                batch_size=1000,
            )
            VasteLast.objects.bulk_create(
                [
                    VasteLast(
                        ontzorging=o,
                        soort=s,
                        begunstigde=f"Begunstigde {s}",
                        iban=iban,
                        bedrag_cents=10000 + o.pk % 5000,
                        kenmerk=f"{s[:4].upper()}-{o.pk}",
                        vanaf=start,
                    )
                    for o in ontzorgingen
                    for s, iban in zip(soorten, ibans, strict=True)
                ],
                batch_size=2000,
            )
            opzet = time.perf_counter() - t0
            bestanden.xsd()  # the schema is parsed once per process (about 0.3 s)
            for run in range(args.n):
                maand = dt.date(2026, 2 + run, 1)
                t = time.perf_counter()
                batch = services.maak_batch(gemeente, maand, actor=gebruiker)
                tijden.append(time.perf_counter() - t)
                t = time.perf_counter()
                fouten = bestanden.valideer_pain001(batch.pain001)
                validatie.append(time.perf_counter() - t)
                assert not fouten, fouten
                assert batch.aantal == 4 * args.huishoudens
            raise Terugdraaien
    except Terugdraaien:
        pass
    print(
        f"database: {connection.vendor}; python {platform.python_version()}; {os.cpu_count()} cores"
    )
    print(f"households: {args.huishoudens}, payments per batch: {4 * args.huishoudens}")
    print(f"setup (bulk load, not timed): {opzet:.2f} s")
    print(
        "batch (query + pain.001 + XSD + CSV + store): "
        + ", ".join(f"{t:.2f}" for t in tijden)
        + f" s; median {statistics.median(tijden):.2f} s"
    )
    print(
        "second XSD validation of the stored file: "
        + ", ".join(f"{t:.2f}" for t in validatie)
        + " s"
    )
    print(f"target < {DOEL_S:.0f} s: {'met' if max(tijden) < DOEL_S else 'NOT met'}")


if __name__ == "__main__":
    main()
