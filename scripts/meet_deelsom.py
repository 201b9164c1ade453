#!/usr/bin/env python
"""Time the national dashboard computed from one relation against the sum of kept
per-gemeente partials (`monitoring.deelsom`, ADR 0047), and check that the tables are equal.

Usage (PostgreSQL with the national profile loaded; read-only apart from the temporary tables
and filling missing projection rows, as the dashboard does; the partials are kept in this
process's cache):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering_150k \
        .venv/bin/python scripts/meet_deelsom.py [-n 3]

Per round, in turn: the one relation (today's path for a filtered selection), the partials
cold (none kept: every gemeente computed), warm with one gemeente stale (its version renewed,
as a fact does: the largest gemeente, the worst case), and warm with none stale. Prints the
median of each over the rounds, with the load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inburgering.conf.dev")
os.environ["DEBUG"] = "0"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.db.models import Count

    from inburgering.accounts.models import Gemeente
    from inburgering.dossiers import panelen
    from inburgering.dossiers.models import Dossier
    from inburgering.monitoring.definities import Populatie
    from inburgering.monitoring.extractie import Selectie
    from inburgering.monitoring.tabellen import tabellen

    ids = tuple(Gemeente.objects.order_by("pk").values_list("pk", flat=True))
    sel = Selectie(ids, dt.date.today(), populatie=Populatie.PLICHTIG)
    grootste = (
        Dossier.objects.values("gemeente_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("gemeente_id", "n")
        .first()
    )
    assert grootste is not None
    print(f"{len(ids)} gemeenten, {Dossier.objects.count()} dossiers; stale: {grootste}")

    def keer(maak) -> tuple[float, list]:
        begin = time.perf_counter()
        uit = maak()
        return time.perf_counter() - begin, uit

    tabellen(sel, deelsommen=False)  # warm up: statements compiled, projection filled
    tijden: dict[str, list[float]] = {"een": [], "koud": [], "een_oud": [], "warm": []}
    for ronde in range(args.n):
        t, een = keer(lambda: tabellen(sel, deelsommen=False))
        tijden["een"].append(t)
        cache.clear()
        t, koud = keer(lambda: tabellen(sel))
        tijden["koud"].append(t)
        panelen.gemeente_gewijzigd(grootste[0])
        t, _oud = keer(lambda: tabellen(sel))
        tijden["een_oud"].append(t)
        t, _warm = keer(lambda: tabellen(sel))
        tijden["warm"].append(t)
        if ronde == 0:
            verschil = [a.sleutel for a, b in zip(een, koud, strict=True) if a != b]
            print("tables equal:", not verschil, verschil)
    for naam, lijst in tijden.items():
        print(f"{naam:8} median {statistics.median(lijst):7.3f} s  {[round(x, 3) for x in lijst]}")
    print("load average:", os.getloadavg())
    return 0


if __name__ == "__main__":
    sys.exit(main())
