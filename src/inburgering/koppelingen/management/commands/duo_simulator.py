"""The DUO simulator from the command line.

    manage.py duo_simulator nieuwe-statushouder --gemeente 0344 [--verwerk]
    manage.py duo_simulator golf --gemeente 0344 --aantal 50
    manage.py duo_simulator verkeerde-wet-correctie --gemeente 0344 [--bsn ...]
    manage.py duo_simulator lbt-resultaat | termijn-start | examenresultaat --gemeente 0344
    manage.py duo_simulator serve --port 8001        (DUO's APIs over HTTP under /v1)

Without --bsn a scenario acts on the person the simulator added last. Notifications go to our
endpoint in this process, or over HTTP with --url http://localhost:8000/api/duo/v1/notificaties.
"""

from __future__ import annotations

import urllib.request
from wsgiref.simple_server import make_server

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import reverse

from inburgering.accounts.models import Gemeente
from inburgering.dossiers.models import Inburgeraar
from inburgering.koppelingen.duo.client import gedeelde_simulator
from inburgering.koppelingen.duo.simulator import Scenarios, verstuur
from inburgering.koppelingen.outbox import verwerk_alles

SCENARIOS = ["nieuwe-statushouder", "golf", "verkeerde-wet-correctie", "lbt-resultaat",
             "termijn-start", "examenresultaat", "serve"]  # fmt: skip


def post_in_proces(headers: dict[str, str], body: bytes) -> int:
    client = Client(HTTP_HOST=(settings.ALLOWED_HOSTS or ["localhost"])[0])
    meta = {f"HTTP_{k.upper()}": v for k, v in headers.items() if k.lower() != "content-type"}
    meta["HTTP_AUTHORIZATION"] = f"Bearer {settings.DUO_NOTIFICATIE_TOKEN}"
    return client.post(
        reverse("koppelingen:duo-notificaties"), body, content_type="application/json", **meta
    ).status_code


def post_http(url: str):
    def post(headers: dict[str, str], body: bytes) -> int:
        kop = {**headers, "Authorization": f"Bearer {settings.DUO_NOTIFICATIE_TOKEN}"}
        verzoek = urllib.request.Request(url, data=body, headers=kop, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(verzoek, timeout=30) as r:  # noqa: S310 - operator URL
                return r.status
        except urllib.error.HTTPError as fout:
            return fout.code

    return post


class Command(BaseCommand):
    help = "DUO-simulator: scenario's die notificaties sturen, of de API's via HTTP aanbieden."

    def add_arguments(self, parser):
        parser.add_argument("scenario", choices=SCENARIOS)
        parser.add_argument("--gemeente", help="CBS-code van de gemeente (met OIN).")
        parser.add_argument("--aantal", type=int, default=50)
        parser.add_argument("--bsn", help="Test-BSN; standaard de laatst toegevoegde persoon.")
        parser.add_argument("--url", help="URL van ons notificatie-endpoint (anders in-proces).")
        parser.add_argument("--verwerk", action="store_true", help="Daarna de worker draaien.")
        parser.add_argument("--port", type=int, default=8001)

    def handle(self, *args, scenario, gemeente, aantal, bsn, url, verwerk, port, **opties):
        simulator = gedeelde_simulator()
        if scenario == "serve":
            self.stdout.write(f"DUO-simulator op http://127.0.0.1:{port}/v1 (Ctrl+C stopt)")
            make_server("127.0.0.1", port, simulator.wsgi_app).serve_forever()
            return
        if not gemeente:
            raise CommandError("Geef --gemeente <CBS-code>.")
        g = Gemeente.objects.filter(cbs_code=gemeente).first()
        if g is None or not g.oin:
            raise CommandError("Onbekende gemeente, of de gemeente heeft geen OIN.")
        sc = Scenarios(simulator)
        sc.registreer_gemeente(g.oin, g.cbs_code)
        if scenario in ("nieuwe-statushouder", "golf"):
            bezet = lambda b: Inburgeraar.objects.filter(bsn=b).exists()  # noqa: E731
            aantal = 1 if scenario == "nieuwe-statushouder" else aantal
            notificaties = sc.golf(g.oin, aantal, bezet=bezet)
        else:
            bsn = bsn or self._laatste(simulator)
            notificaties = {
                "verkeerde-wet-correctie": lambda: [sc.verkeerde_wet_correctie(bsn, g.oin)],
                "lbt-resultaat": lambda: sc.lbt_resultaat(bsn, g.oin),
                "termijn-start": lambda: [sc.termijn_start(bsn, g.oin)],
                "examenresultaat": lambda: [sc.examenresultaat(bsn, g.oin)],
            }[scenario]()
        statussen = verstuur(notificaties, post_http(url) if url else post_in_proces)
        self.stdout.write(
            f"{len(notificaties)} notificatie(s) verstuurd: "
            + ", ".join(f"{n.body['gebeurtenisId']}→{s}" for n, s in zip(notificaties, statussen,
                                                                        strict=True))
        )  # fmt: skip
        if verwerk:
            telling = verwerk_alles()
            self.stdout.write(f"Verwerkt: {telling.verwerkt}, mislukt: {telling.mislukt}")

    @staticmethod
    def _laatste(simulator) -> str:
        personen = list(simulator.opslag.lees()["personen"])
        if not personen:
            raise CommandError("De simulator kent nog niemand; draai eerst nieuwe-statushouder.")
        return personen[-1]
