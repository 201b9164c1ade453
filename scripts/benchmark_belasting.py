#!/usr/bin/env python
"""Load benchmark: many staff at once against gunicorn + PostgreSQL (+ Redis) on the 150K set.

Usage (PostgreSQL with the landelijk profile loaded and migrated; Redis running):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/inburgering_bench \
        .venv/bin/python scripts/benchmark_belasting.py [--gebruikers 50,100,200] [--duur 60]

What it does, in this order, in ONE run so every number shares the same machine state:

1. Prepares the simulated users: consulenten (each with their own caseload and dossiers),
   teamleiders (their gemeente's views with filters) and kwaliteitsmedewerkers (monitoring of
   their gemeente), each logged in ONCE before the run (a session made the way the login makes
   it), plus DUO's notification endpoint. Nothing is mocked: the requests go over HTTP to
   gunicorn (`--workers` sync workers, default 5) with `scripts/belasting_instellingen.py`.
2. The ceiling: the authenticated layout-only page (`/_vloer/`) without think time.
3. The mix with think time 1-3 s at each user count in `--gebruikers`.
4. The mix without think time (saturated; `--verzadigd` users), to compare with the ceiling.

Each stage: ramp-up, then `--duur` seconds measured. Reported per stage: throughput, errors,
p50/p95/p99 per kind of request (own timing of every request, not locust's rounded buckets),
and the CPU seconds each process group used (gunicorn workers, PostgreSQL, Redis, the load
generator) with the CPU per request. The load generator (locust, gevent, FastHttpUser) runs on
the same machine, so its CPU is taken from the same cores: it is reported, not hidden.

Targets (issue 22): at 100 users p95 < 250 ms and 0 errors; the saturated mixed throughput
>= 40% of the ceiling measured in the same run.

The mix (weights in MIX, per simulated role) writes: contacts on the consulent's own dossiers
and DUO notifications (stored; the worker is not run). Run it on a copy you may change.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
PYTHON = sys.executable
DOEL_P95_MS_100 = 250.0
DOEL_AANDEEL_PLAFOND = 0.40

#: The simulated users: share of all users per role, and per role the requests with weights.
#: A consulent's day: the caseload, a dossier, its PIP, its contact tab, recording a contact.
ROLLEN = {"consulent": 0.8, "teamleider": 0.12, "kwaliteit": 0.04, "duo": 0.04}
MIX = {
    "consulent": {
        "caseload": 25,
        "dossier": 30,
        "pip": 12,
        "contact": 13,
        "contact vastleggen": 10,
    },
    "teamleider": {"gemeente": 40, "gemeente met filters": 40, "dossier": 20},
    "kwaliteit": {"monitoring gemeente": 100},
    "duo": {"DUO-notificatie": 100},
}
FILTERS = [
    "scope=gemeente&fase=in_leerroute&sorteer=naam&pagina=2",
    "scope=gemeente&deadline=verlopen",
    "scope=gemeente&fase=brede_intake",
    "scope=gemeente&sorteer=naam",
]


# --------------------------------------------------------------------------------------------
# 1. Preparation (Django, in this process, before gunicorn starts)
# --------------------------------------------------------------------------------------------


def bereid_voor(aantal: int, pad: Path) -> dict:
    """Pick users and dossiers, log each user in once, and write the plan the load generator
    reads. The sessions go where gunicorn reads them (the same settings, Redis and database)."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from inburgering.accounts.models import Gebruiker, Gemeente, Rol
    from inburgering.dossiers.models import Dossier
    from inburgering.koppelingen.duo.simulator.scenarios import elfproef

    rng = random.Random(7)
    per_rol = {rol: max(1, round(aantal * deel)) for rol, deel in ROLLEN.items()}
    gebruikers: list[dict] = []

    def sessie(user) -> dict:
        client = Client()
        client.force_login(user)
        csrf = secrets.token_hex(16)  # an unmasked 32-character secret, as Django accepts it
        return {
            "cookie": f"{settings.SESSION_COOKIE_NAME}="
            f"{client.cookies[settings.SESSION_COOKIE_NAME].value}; "
            f"{settings.CSRF_COOKIE_NAME}={csrf}",
            "csrf": csrf,
        }

    consulenten = list(
        Gebruiker.objects.filter(rol=Rol.CONSULENT, is_active=True)
        .exclude(username="consulent")
        .order_by("pk")
    )
    rng.shuffle(consulenten)
    gekozen = 0
    for user in consulenten:
        dossiers = list(
            Dossier.objects.filter(consulent=user)
            .exclude(fase="afgerond")
            .values_list("uuid", flat=True)[:40]
        )
        if len(dossiers) < 5:
            continue
        gebruikers.append(
            {"rol": "consulent", "dossiers": [str(u) for u in dossiers], **sessie(user)}
        )
        gekozen += 1
        if gekozen == per_rol["consulent"]:
            break
    for rol, soort in (("teamleider", Rol.TEAMLEIDER), ("kwaliteit", Rol.KWALITEIT)):
        kandidaten = list(Gebruiker.objects.filter(rol=soort, is_active=True).order_by("pk"))
        for i in range(per_rol[rol]):
            user = kandidaten[i % len(kandidaten)]
            gemeente = user.gemeenten.order_by("pk").first()
            dossiers = list(
                Dossier.objects.filter(gemeente=gemeente)
                .exclude(fase="afgerond")
                .values_list("uuid", flat=True)[:40]
            )
            gebruikers.append(
                {
                    "rol": rol,
                    "gemeente": gemeente.pk,
                    "dossiers": [str(u) for u in dossiers],
                    **sessie(user),
                }
            )
    utrecht = Gemeente.objects.get(cbs_code="0344")
    oin = utrecht.oin or "00000001001234567000"
    # DUO attention signals (SS137) for valid BSNs nobody has here: stored and answered 201.
    bsns = [b for b in (f"{999_000_000 + i:09d}" for i in range(20_000)) if elfproef(b)][:1000]
    notificaties = [
        {"bsn": bsn, "bron": settings.DUO_OIN, "doel": oin, "gebeurtenis": "SS137"} for bsn in bsns
    ]
    for _ in range(per_rol["duo"]):
        gebruikers.append({"rol": "duo", "token": settings.DUO_NOTIFICATIE_TOKEN})
    plan = {"gebruikers": gebruikers, "notificaties": notificaties, "filters": FILTERS}
    pad.write_text(json.dumps(plan))
    return {rol: sum(1 for g in gebruikers if g["rol"] == rol) for rol in ROLLEN}


# --------------------------------------------------------------------------------------------
# 2. The load generator (a subprocess: locust patches the standard library with gevent)
# --------------------------------------------------------------------------------------------


def genereer(
    plan_pad: str,
    host: str,
    gebruikers: int,
    duur: float,
    denktijd: bool,
    alleen_vloer: bool,
    uit: str,
) -> None:
    """Run one stage with locust in this process and write every request's time to `uit`."""
    import gevent
    from locust import FastHttpUser, between, constant, task
    from locust.env import Environment

    plan = json.loads(Path(plan_pad).read_text())
    rng = random.Random(11)
    wachten = between(1, 3) if denktijd else constant(0)
    tijden: dict[str, list[float]] = {}
    fouten: dict[str, int] = {}
    meten = {"aan": False}

    def bij_verzoek(request_type, name, response_time, response_length, exception=None, **kw):
        if not meten["aan"]:
            return
        tijden.setdefault(name, []).append(response_time)
        if exception is not None:
            fouten[name] = fouten.get(name, 0) + 1

    wachtrij = list(plan["gebruikers"])
    rng.shuffle(wachtrij)
    if alleen_vloer:
        wachtrij = [g for g in wachtrij if g["rol"] != "duo"]
    teller = {"i": 0}

    class Medewerker(FastHttpUser):
        wait_time = wachten
        host_ = host

        def on_start(self):
            self.g = wachtrij[teller["i"] % len(wachtrij)]
            teller["i"] += 1
            self.kop = {"Cookie": self.g.get("cookie", "")}
            self.rng = random.Random(teller["i"])
            if not alleen_vloer:
                soorten = MIX[self.g["rol"]]
                self.soorten = list(soorten)
                self.gewichten = list(soorten.values())

        def _get(self, url: str, naam: str):
            with self.client.get(url, name=naam, headers=self.kop, catch_response=True) as r:
                if r.status_code != 200:
                    r.failure(f"{r.status_code}")

        @task
        def werk(self):
            if alleen_vloer:
                return self._get("/_vloer/", "vloer (alleen opmaak)")
            soort = self.rng.choices(self.soorten, self.gewichten)[0]
            g = self.g
            dossier = self.rng.choice(g["dossiers"]) if g.get("dossiers") else None
            if soort == "caseload":
                self._get("/caseload/?scope=mijn", soort)
            elif soort == "dossier":
                self._get(f"/dossiers/{dossier}/", soort)
            elif soort == "pip":
                self._get(f"/dossiers/{dossier}/pip/", soort)
            elif soort == "contact":
                self._get(f"/dossiers/{dossier}/contact/", soort)
            elif soort == "contact vastleggen":
                gegevens = {
                    "csrfmiddlewaretoken": g["csrf"],
                    "actie": "contact",
                    "datum": time.strftime("%Y-%m-%d"),
                    "kanaal": "telefoon",
                    "samenvatting": "Gebeld over de voortgang (belastingtest).",
                }
                with self.client.post(
                    f"/dossiers/{dossier}/contact/",
                    data=gegevens,
                    name=soort,
                    headers=self.kop,
                    allow_redirects=False,
                    catch_response=True,
                ) as r:
                    if r.status_code != 302:
                        r.failure(f"{r.status_code}")
            elif soort == "gemeente":
                self._get("/caseload/?scope=gemeente", soort)
            elif soort == "gemeente met filters":
                self._get("/caseload/?" + self.rng.choice(plan["filters"]), soort)
            elif soort == "monitoring gemeente":
                self._get(f"/monitoring/?gemeente={g['gemeente']}", soort)
            elif soort == "DUO-notificatie":
                n = self.rng.choice(plan["notificaties"])
                kop = {
                    "bron": n["bron"],
                    "doel": n["doel"],
                    "berichtId": str(uuid.uuid4()),  # each message is a new one from DUO
                    "Content-Type": "application/json",
                    "Authorization": f"Bearer {g['token']}",
                }
                body = {
                    "registratieDatumTijd": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
                    "bsn": n["bsn"],
                    "gebeurtenisId": n["gebeurtenis"],
                }
                with self.client.post(
                    "/api/duo/v1/notificaties",
                    data=json.dumps(body),
                    name=soort,
                    headers=kop,
                    catch_response=True,
                ) as r:
                    if r.status_code != 201:
                        r.failure(f"{r.status_code}")

    Medewerker.host = host
    env = Environment(user_classes=[Medewerker], host=host)
    env.events.request.add_listener(bij_verzoek)
    runner = env.create_local_runner()
    runner.start(gebruikers, spawn_rate=max(10, gebruikers / 5))
    gevent.sleep(max(5.0, gebruikers / 10) + 3.0)  # ramp-up and settle, not measured
    meten["aan"] = True
    begin = time.monotonic()
    gevent.sleep(duur)
    meten["aan"] = False
    gemeten = time.monotonic() - begin
    runner.quit()
    Path(uit).write_text(json.dumps({"tijden": tijden, "fouten": fouten, "duur": gemeten}))


# --------------------------------------------------------------------------------------------
# 3. The run: gunicorn, the stages, CPU per process group, the report
# --------------------------------------------------------------------------------------------


def percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    index = min(len(geordend) - 1, max(0, round(p / 100 * len(geordend) + 0.5) - 1))
    return geordend[index]


def cpu_per_proces(gunicorn_pid: int, generator_pid: int | None) -> dict[tuple[str, int], float]:
    """CPU seconds (user + system) used so far by each process, by (group, pid)."""
    import psutil

    stand: dict[tuple[str, int], float] = {}
    try:
        master = psutil.Process(gunicorn_pid)
        for p in [master, *master.children(recursive=True)]:
            t = p.cpu_times()
            stand["gunicorn", p.pid] = t.user + t.system
    except psutil.NoSuchProcess:
        pass
    for p in psutil.process_iter(["name"]):
        try:
            naam = p.info["name"] or ""
            groep = (
                "postgresql"
                if naam.startswith("postgres")
                else "redis"
                if naam.startswith("redis")
                else "generator"
                if generator_pid and p.pid == generator_pid
                else None
            )
            if groep:
                t = p.cpu_times()
                stand[groep, p.pid] = t.user + t.system
        except psutil.NoSuchProcess:
            continue
    return stand


def cpu_per_groep(voor: dict[tuple[str, int], float], na: dict[tuple[str, int], float]) -> dict:
    """CPU seconds per group between two samples, per process: a process that started in
    between counts from zero, one that exited in between is left out (its last part is not
    seen; summing the groups instead made a backend that exited count negative)."""
    groepen = {"gunicorn": 0.0, "postgresql": 0.0, "redis": 0.0, "generator": 0.0}
    for (groep, pid), tijd in na.items():
        groepen[groep] += tijd - voor.get((groep, pid), 0.0)
    return groepen


def wacht_op_server(host: str, tijd: float = 60.0) -> None:
    import urllib.error
    import urllib.request

    einde = time.monotonic() + tijd
    while time.monotonic() < einde:
        try:
            urllib.request.urlopen(host + "/gezond/leeft", timeout=2)  # noqa: S310
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    raise SystemExit("gunicorn antwoordt niet / gunicorn does not answer")


def stage(
    naam: str,
    args,
    plan: Path,
    gunicorn,
    gebruikers: int,
    denktijd: bool,
    alleen_vloer: bool = False,
    profiel: Path | None = None,
) -> dict:
    import psutil

    uit = Path(tempfile.mkstemp(suffix=".json")[1])
    proces = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            __file__,
            "--genereer",
            str(plan),
            "--host",
            args.host,
            "--duur",
            str(args.duur),
            "--aantal",
            str(gebruikers),
            "--uit",
            str(uit),
        ]
        + (["--denktijd"] if denktijd else [])
        + (["--alleen-vloer"] if alleen_vloer else []),
        env={**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{SCRIPTS}"},
    )
    # Measure CPU over the measured window only: the generator reports when it starts
    # measuring implicitly after its ramp-up; we sample at the same moments.
    ramp = max(5.0, gebruikers / 10) + 3.0
    time.sleep(ramp + 0.5)
    voor = cpu_per_proces(gunicorn.pid, proces.pid)
    begin = time.monotonic()
    spion = None
    if profiel is not None:
        # Sample the workers while they hold the GIL (running Python, not waiting on a socket).
        spion = subprocess.Popen(  # noqa: S603
            [
                str(Path(PYTHON).parent / "py-spy"),
                "record",
                "--subprocesses",
                "--format",
                "raw",
                "--rate",
                "200",
                "--duration",
                str(int(args.duur - 2)),
                "--output",
                str(profiel),
                "--pid",
                str(gunicorn.pid),
                "--nonblocking",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    time.sleep(args.duur - 1.0)
    na = cpu_per_proces(gunicorn.pid, proces.pid)
    if spion is not None:
        spion.wait()
    venster = time.monotonic() - begin
    proces.wait()
    resultaat = json.loads(uit.read_text())
    uit.unlink()
    cpu = cpu_per_groep(voor, na)
    totaal = sum(len(v) for v in resultaat["tijden"].values())
    return {
        "naam": naam,
        "gebruikers": gebruikers,
        "per_s": totaal / resultaat["duur"],
        "totaal": totaal,
        "fouten": sum(resultaat["fouten"].values()),
        "tijden": resultaat["tijden"],
        "fouten_per_soort": resultaat["fouten"],
        "cpu": cpu,
        "cpu_venster": venster,
        "load": os.getloadavg()[0],
        "kernen": psutil.cpu_count(),
    }


#: Where a request's CPU goes: categories of stack frames (inclusive: a sample counts for every
#: category its stack contains), read from py-spy's collapsed stacks.
CATEGORIEEN = [
    ("request in Django (get_response)", "handlers/base.py"),
    ("  view functions (inburgering)", "inburgering/"),
    ("  template rendering", "django/template/"),
    ("    context processors", "context_processors"),
    ("  ORM: compiling and running queries", "sql/compiler.py"),
    ("  ORM: model instances from rows", "django/db/models/base.py"),
    ("  psycopg (sending, waiting, reading)", "psycopg/"),
    ("  redis client (session, cache)", "redis/"),
    ("  session middleware", "contrib/sessions/"),
    ("  authentication (get_user)", "contrib/auth/__init__.py"),
    ("  access log (log_inzage)", "log_inzage"),
    ("  forms", "django/forms/"),
    ("  translation (gettext)", "utils/translation/"),
    ("  url reverse", "django/urls/"),
    ("  logging", "logging/"),
    ("gunicorn (HTTP parsing, writing)", "gunicorn/"),
]


def profiel_tabel(pad: Path) -> None:
    if not pad.exists() or not pad.stat().st_size:
        print("\n(no profile: is py-spy installed in the virtualenv?)")
        return
    totaal, per, blad = 0, dict.fromkeys([c for c, _ in CATEGORIEEN], 0), {}
    for regel in pad.read_text().splitlines():
        stapel, _, n = regel.rpartition(" ")
        if not stapel or not n.isdigit():
            continue
        totaal += int(n)
        for naam, patroon in CATEGORIEEN:
            if patroon in stapel:
                per[naam] += int(n)
        laatste = stapel.split(";")[-1]
        blad[laatste] = blad.get(laatste, 0) + int(n)
    print(f"\n### Where the workers' CPU goes (py-spy, {totaal} samples, inclusive)\n")
    print("| part | share of worker CPU |\n|---|---:|")
    for naam, _ in CATEGORIEEN:
        inspringing = len(naam) - len(naam.lstrip())
        print(f"| {'· ' * (inspringing // 2)}{naam.strip()} | {per[naam] / max(1, totaal):.0%} |")
    print("\nHottest frames (self time):")
    for frame, n in sorted(blad.items(), key=lambda kv: -kv[1])[:12]:
        print(f"- {n / max(1, totaal):.1%} {frame[:120]}")


def druk_af(s: dict) -> None:
    print(
        f"\n### {s['naam']}: {s['gebruikers']} users, {s['per_s']:.1f} req/s, "
        f"{s['totaal']} requests, {s['fouten']} errors (load average {s['load']:.1f})\n"
    )
    print("| kind | requests | errors | p50 | p95 | p99 |")
    print("|---|---:|---:|---:|---:|---:|")
    alle: list[float] = []
    for soort, tijden in sorted(s["tijden"].items()):
        alle += tijden
        print(
            f"| {soort} | {len(tijden)} | {s['fouten_per_soort'].get(soort, 0)} | "
            f"{statistics.median(tijden):.0f} ms | {percentiel(tijden, 95):.0f} ms | "
            f"{percentiel(tijden, 99):.0f} ms |"
        )
    if alle:
        print(
            f"| **all** | {len(alle)} | {s['fouten']} | {statistics.median(alle):.0f} ms | "
            f"{percentiel(alle, 95):.0f} ms | {percentiel(alle, 99):.0f} ms |"
        )
    venster = s["cpu_venster"]
    delen = ", ".join(
        f"{k} {v / venster * 100:.0f}% ({v / max(1, s['per_s'] * venster) * 1000:.1f} ms/req)"
        for k, v in s["cpu"].items()
    )
    print(f"\nCPU of {s['kernen']} cores x 100%: {delen}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gebruikers", default="50,100,200")
    parser.add_argument("--duur", type=float, default=60.0, help="measured seconds per stage")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (> 1: gthread, as deploy/start)"
    )
    parser.add_argument("--verzadigd", type=int, default=20, help="users without think time")
    parser.add_argument("--poort", type=int, default=8765)
    parser.add_argument(
        "--profiel",
        action="store_true",
        help="sample the workers with py-spy during the saturated stage (pip install py-spy)",
    )
    # The load generator's own invocation (a subprocess of this script).
    parser.add_argument("--genereer", help=argparse.SUPPRESS)
    parser.add_argument("--host", help=argparse.SUPPRESS)
    parser.add_argument("--aantal", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--uit", help=argparse.SUPPRESS)
    parser.add_argument("--denktijd", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--alleen-vloer", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.genereer:
        genereer(
            args.genereer,
            args.host,
            args.aantal,
            args.duur,
            args.denktijd,
            args.alleen_vloer,
            args.uit,
        )
        return 0

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        parser.error("DATABASE_URL must point at a PostgreSQL database with the landelijk set")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/5")
    os.environ["DJANGO_SETTINGS_MODULE"] = "belasting_instellingen"
    os.environ["DEBUG"] = "0"
    sys.path[:0] = [str(ROOT / "src"), str(SCRIPTS)]
    aantallen = [int(x) for x in args.gebruikers.split(",")]
    args.host = f"http://127.0.0.1:{args.poort}"

    plan = Path(tempfile.mkstemp(suffix=".json")[1])
    rollen = bereid_voor(max([*aantallen, args.verzadigd]), plan)
    print(f"Simulated users prepared (logged in once): {rollen}")
    log = open(Path(tempfile.gettempdir()) / "belasting_gunicorn.log", "w")  # noqa: SIM115
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "inburgering.wsgi",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--bind",
            f"127.0.0.1:{args.poort}",
            "--pythonpath",
            f"{ROOT / 'src'},{SCRIPTS}",
            "--access-logfile",
            "-",
        ],
        env={**os.environ},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wacht_op_server(args.host)
        soort = f"gthread, {args.threads} threads each" if args.threads > 1 else "sync"
        print(f"gunicorn: {args.workers} workers ({soort}); {os.cpu_count()} cores on this machine")
        resultaten = [
            stage(
                "ceiling: layout-only page, no think time",
                args,
                plan,
                gunicorn,
                args.verzadigd,
                denktijd=False,
                alleen_vloer=True,
            )
        ]
        for n in aantallen:
            resultaten.append(stage("mix, think time 1-3 s", args, plan, gunicorn, n, True))
        profiel = Path(tempfile.gettempdir()) / "belasting_profiel.txt" if args.profiel else None
        resultaten.append(
            stage(
                "mix, no think time (saturated)",
                args,
                plan,
                gunicorn,
                args.verzadigd,
                False,
                profiel=profiel,
            )
        )
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        plan.unlink()
    for s in resultaten:
        druk_af(s)
    if args.profiel:
        profiel_tabel(Path(tempfile.gettempdir()) / "belasting_profiel.txt")
    plafond = resultaten[0]["per_s"]
    verzadigd = resultaten[-1]["per_s"]
    honderd = next(
        (s for s in resultaten if s["gebruikers"] == 100 and s is not resultaten[-1]), None
    )
    print("\n### Targets\n")
    ok = True
    if honderd:
        alle = [t for v in honderd["tijden"].values() for t in v]
        p95 = percentiel(alle, 95)
        goed = p95 < DOEL_P95_MS_100 and honderd["fouten"] == 0
        ok &= goed
        print(
            f"- 100 users: p95 {p95:.0f} ms, {honderd['fouten']} errors "
            f"(target < {DOEL_P95_MS_100:.0f} ms, 0 errors): {'met' if goed else 'NOT met'}"
        )
    aandeel = verzadigd / plafond
    goed = aandeel >= DOEL_AANDEEL_PLAFOND
    ok &= goed
    print(
        f"- saturated mix {verzadigd:.1f} req/s = {aandeel:.0%} of the ceiling "
        f"{plafond:.1f} req/s (target >= {DOEL_AANDEEL_PLAFOND:.0%}): "
        f"{'met' if goed else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
