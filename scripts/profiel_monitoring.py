#!/usr/bin/env python
"""Time every SQL statement of one dashboard computation (`monitoring.tabellen.tabellen`).

Usage (PostgreSQL with the national profile loaded; read-only apart from filling missing
projection rows, as the dashboard does):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering_150k \
        .venv/bin/python scripts/profiel_monitoring.py --gemeente 0344,0363 [-n 3]
    DATABASE_URL=... .venv/bin/python scripts/profiel_monitoring.py --landelijk

The selection is the dashboard's default for today (population "inburgeringsplichtig op de
peildatum"). The computation runs once to warm up (statements compiled, caches filled), then
`n` times with every statement timed; per statement group (the function in this code base that
issued it) the median over the runs of its summed time and its count are printed, largest
first, with the total wall time, the time in SQL and the CPU time of this process and of its
PostgreSQL backend (read from /proc when the server runs on this machine: unlike wall time it
hardly grows when other processes share the cores).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inburgering.conf.dev")
os.environ["DEBUG"] = "0"

#: Frames that only pass a statement on (the group is the function that asked for it).
_DOORGEEF = ("monitoring/sql.py", "/django/", "/contextlib.py", "profiel_monitoring.py")
#: Methods of the relation that run a shared statement for the function that asked first.
_GEDEELD = {"gedeeld", "groepen"}


def _groep() -> str:
    for frame in reversed(traceback.extract_stack()[:-2]):
        pad = frame.filename.replace(os.sep, "/")
        if frame.name in _GEDEELD and pad.endswith("monitoring/relatie.py"):
            continue
        if "/inburgering/" in pad and not any(d in pad for d in _DOORGEEF):
            module = pad.rsplit("/inburgering/", 1)[1].removesuffix(".py").replace("/", ".")
            return f"{module}.{frame.name}"
    return "?"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gemeente", default="0344", help="CBS codes, comma-separated")
    parser.add_argument("--landelijk", action="store_true", help="every gemeente")
    parser.add_argument("-n", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from inburgering.accounts.models import Gemeente
    from inburgering.dossiers.models import Dossier
    from inburgering.monitoring.definities import Populatie
    from inburgering.monitoring.extractie import Selectie
    from inburgering.monitoring.tabellen import tabellen

    gemeenten = Gemeente.objects.all()
    if not args.landelijk:
        gemeenten = gemeenten.filter(cbs_code__in=args.gemeente.split(","))
    ids = tuple(gemeenten.values_list("pk", flat=True))
    sel = Selectie(ids, dt.date.today(), populatie=Populatie.PLICHTIG)
    aantal = Dossier.objects.filter(gemeente_id__in=ids).count()

    metingen: list[dict[str, list[float]]] = []

    def timer(execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            metingen[-1][_groep()].append(time.perf_counter() - begin)

    tabellen(sel)  # warm-up: statements compiled, rules memoised
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    wand, python_cpu, postgres_cpu = [], [], []
    for _ in range(args.n):
        metingen.append(defaultdict(list))
        begin, cpu, server = time.perf_counter(), time.process_time(), _cpu(backend)
        with connection.execute_wrapper(timer):
            tabellen(sel)
        wand.append(time.perf_counter() - begin)
        python_cpu.append(time.process_time() - cpu)
        if server is not None:
            postgres_cpu.append(_cpu(backend) - server)

    groepen = {g for m in metingen for g in m}
    rijen = sorted(
        (
            (
                statistiek_median([sum(m.get(g, [])) for m in metingen]),
                statistiek_median([len(m.get(g, [])) for m in metingen]),
                g,
            )
            for g in groepen
        ),
        reverse=True,
    )
    db = sum(t for t, _n, _g in rijen)
    print(
        f"{len(ids)} gemeente(n), {aantal} dossiers, peildatum {sel.peildatum}, n={args.n}: "
        f"wall {statistics.median(wand) * 1000:.0f} ms, in SQL {db * 1000:.0f} ms "
        f"in {sum(n for _t, n, _g in rijen):.0f} statements"
    )
    # CPU time does not grow with other processes' load as wall time does (a shared machine).
    cpu = f"CPU: this process {statistics.median(python_cpu) * 1000:.0f} ms"
    if postgres_cpu:
        cpu += f", its PostgreSQL backend {statistics.median(postgres_cpu) * 1000:.0f} ms"
    print(cpu)
    for t, n, g in rijen:
        print(f"{t * 1000:9.1f} ms {n:4.0f}x  {g}")
    return 0


def _cpu(pid: int) -> float | None:
    """CPU seconds (user + system) of a local process, None when it is not readable here."""
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def statistiek_median(waarden):
    return statistics.median(waarden) if waarden else 0.0


if __name__ == "__main__":
    sys.exit(main())
