"""The stand-in OpenID Connect provider over HTTP, for the demo (koppelingen/oidc_standin).

    manage.py oidc_standin --port 8090 [--client-id inburgering --client-secret ...]
                           [--redirect-uri http://localhost:8000/account/oidc/terug/]
                           [--gebruikers accounts.json]

Then run the application with OIDC_ISSUER=http://127.0.0.1:8090 and the same client id and
secret (docs/deployment.md, "Inloggen via de identity provider"). --gebruikers: a JSON list of
{"sub": ..., "claims": {...}}; without it the demo accounts (one per role).
"""

from __future__ import annotations

import json
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIServer, make_server

from django.core.management.base import BaseCommand, CommandError

from inburgering.koppelingen.oidc_standin import Standin, StandinGebruiker


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class Command(BaseCommand):
    help = "Stand-in OpenID Connect-provider voor demo en tests (geen echte identiteiten)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8090)
        parser.add_argument("--issuer", help="Eigen basis-URL; standaard http://host:port.")
        parser.add_argument("--client-id", default="inburgering")
        parser.add_argument("--client-secret", default="standin-geheim")
        parser.add_argument("--redirect-uri", action="append", default=[])
        parser.add_argument("--gebruikers", help="JSON-bestand met accounts en hun claims.")

    def handle(self, *args, **opties):
        gebruikers = None
        if opties["gebruikers"]:
            try:
                data = json.loads(Path(opties["gebruikers"]).read_text(encoding="utf-8"))
                gebruikers = [StandinGebruiker(g["sub"], g.get("claims", {})) for g in data]
            except (OSError, ValueError, KeyError, TypeError) as fout:
                raise CommandError(f"--gebruikers onleesbaar: {fout}") from None
        issuer = opties["issuer"] or f"http://{opties['host']}:{opties['port']}"
        standin = Standin(
            issuer,
            {opties["client_id"]: (opties["client_secret"], opties["redirect_uri"])},
            gebruikers,
        )
        with make_server(opties["host"], opties["port"], standin, server_class=_Server) as s:
            self.stdout.write(f"OIDC stand-in op {issuer} (client {opties['client_id']})")
            s.serve_forever()
