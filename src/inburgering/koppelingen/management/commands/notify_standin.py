"""The Notify stand-in over HTTP, for the demo (koppelingen/notify_standin, docs/adr/0031).

    manage.py notify_standin --port 8091 [--api-key naam-<uuid>-<uuid>]
                             [--sjabloon-sms <uuid>] [--sjabloon-email <uuid>]

Then run the application with PORTAAL_BERICHTEN_GATEWAY=inburgering.portaal.gateways.NotifyGateway
(or SmtpEnNotifyGateway), PORTAAL_NOTIFY_URL=http://127.0.0.1:8091 and the same key and
template ids (printed at start). Every accepted message is printed (channel and text only).
"""

from __future__ import annotations

import uuid
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.core.management.base import BaseCommand

from inburgering.koppelingen.notify_standin import NotifyStandin, Sjabloon


class _Stil(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class Command(BaseCommand):
    help = "Start de stand-in van de Notify-API (sms en e-mail) voor de demo."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8091)
        parser.add_argument("--api-key", default=f"demo-{uuid.uuid4()}-{uuid.uuid4()}")
        parser.add_argument("--sjabloon-sms", default=str(uuid.uuid4()))
        parser.add_argument("--sjabloon-email", default=str(uuid.uuid4()))

    def handle(self, *args, **opties):
        standin = NotifyStandin(
            opties["api_key"],
            [
                Sjabloon(opties["sjabloon_sms"], "sms", "((tekst))"),
                Sjabloon(opties["sjabloon_email"], "email", "((tekst))", "((onderwerp))"),
            ],
        )
        gezien = 0

        def app(environ, start_response):
            nonlocal gezien
            antwoord = standin(environ, start_response)
            for bericht in standin.ontvangen[gezien:]:
                self.stdout.write(f"{bericht['soort']}: {bericht['body']}")
            gezien = len(standin.ontvangen)
            return antwoord

        server = make_server("127.0.0.1", opties["port"], app, handler_class=_Stil)
        self.stdout.write(
            f"Notify-stand-in op http://127.0.0.1:{opties['port']}\n"
            f"PORTAAL_NOTIFY_API_KEY={opties['api_key']}\n"
            f"PORTAAL_NOTIFY_SJABLOON_SMS={opties['sjabloon_sms']}\n"
            f"PORTAAL_NOTIFY_SJABLOON_EMAIL={opties['sjabloon_email']}"
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
