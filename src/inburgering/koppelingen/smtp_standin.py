"""A stand-in SMTP server for the demo and the tests (no Django): the part of RFC 5321 a
mail client uses to hand over a message (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), on a
local port, keeping what it received in `berichten`. `storingen` makes the next N
transactions answer `451` (a mail server that is temporarily unavailable).

    with SmtpStandin() as smtp:        # smtp.poort: the port it listens on
        ...
"""

from __future__ import annotations

import email
import email.policy
import socketserver
import threading
from email.message import EmailMessage
from typing import Any


class _Sessie(socketserver.StreamRequestHandler):
    server: _Server

    def _zeg(self, regel: str) -> None:
        self.wfile.write(regel.encode("ascii") + b"\r\n")

    def handle(self) -> None:
        standin = self.server.standin
        self._zeg("220 smtp-standin ESMTP")
        afzender: str | None = None
        ontvangers: list[str] = []
        while True:
            regel = self.rfile.readline(4096)
            if not regel:
                return
            opdracht = regel.decode("ascii", "replace").strip()
            woord = opdracht[:4].upper()
            if woord == "EHLO":
                self._zeg("250-smtp-standin")
                self._zeg("250-8BITMIME")
                self._zeg("250 SMTPUTF8")
            elif woord == "HELO":
                self._zeg("250 smtp-standin")
            elif woord == "MAIL":
                if standin.neem_storing():
                    self._zeg("451 4.3.0 Tijdelijke storing, probeer het later")
                    continue
                afzender, ontvangers = _adres(opdracht), []
                self._zeg("250 2.1.0 OK")
            elif woord == "RCPT":
                if afzender is None:
                    self._zeg("503 5.5.1 MAIL first")
                    continue
                ontvangers.append(_adres(opdracht))
                self._zeg("250 2.1.5 OK")
            elif woord == "DATA":
                if afzender is None or not ontvangers:
                    self._zeg("503 5.5.1 RCPT first")
                    continue
                self._zeg("354 End data with <CR><LF>.<CR><LF>")
                standin.bewaar(afzender, ontvangers, self._lees_data())
                afzender, ontvangers = None, []
                self._zeg("250 2.0.0 OK: queued")
            elif woord == "RSET":
                afzender, ontvangers = None, []
                self._zeg("250 2.0.0 OK")
            elif woord == "NOOP":
                self._zeg("250 2.0.0 OK")
            elif woord == "QUIT":
                self._zeg("221 2.0.0 Bye")
                return
            else:
                self._zeg("502 5.5.2 Command not implemented")

    def _lees_data(self) -> bytes:
        regels = []
        while True:
            regel = self.rfile.readline(1 << 20)
            if not regel or regel in (b".\r\n", b".\n"):
                break
            regels.append(regel[1:] if regel.startswith(b"..") else regel)
        return b"".join(regels)


def _adres(opdracht: str) -> str:
    deel = opdracht.split(":", 1)[1] if ":" in opdracht else ""
    return deel.strip().split(" ")[0].strip("<>")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    standin: SmtpStandin


class SmtpStandin:
    def __init__(self, host: str = "127.0.0.1", poort: int = 0) -> None:
        self.berichten: list[dict[str, Any]] = []
        self.storingen = 0
        self._slot = threading.Lock()
        self._server = _Server((host, poort), _Sessie)
        self._server.standin = self
        self.host, self.poort = self._server.server_address[:2]
        self._draad: threading.Thread | None = None

    def neem_storing(self) -> bool:
        with self._slot:
            if self.storingen > 0:
                self.storingen -= 1
                return True
            return False

    def bewaar(self, afzender: str, ontvangers: list[str], data: bytes) -> None:
        bericht = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(bericht, EmailMessage)
        with self._slot:
            self.berichten.append({"van": afzender, "aan": ontvangers, "bericht": bericht})

    def start(self) -> SmtpStandin:
        self._draad = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._draad.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> SmtpStandin:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
