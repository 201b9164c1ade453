"""The Notify stand-in as a WSGI application (see the package docstring)."""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import jwt

#: Notify refuses a token whose `iat` is further than this from its clock.
KLOKMARGE_SECONDEN = 30
_PLAATSHOUDER = re.compile(r"\(\(([^)]+)\)\)")
_TELEFOON = re.compile(r"^\+?[0-9]{9,15}$")


@dataclass(frozen=True)
class Sjabloon:
    """A template at the service: its type, and the subject and body with ((placeholders))."""

    id: str
    soort: str  # "sms" or "email"
    tekst: str
    onderwerp: str = ""

    def velden(self) -> set[str]:
        return set(_PLAATSHOUDER.findall(self.onderwerp + " " + self.tekst))

    def vul(self, waarden: dict[str, Any], tekst: str) -> str:
        return _PLAATSHOUDER.sub(lambda m: str(waarden.get(m.group(1), "")), tekst)


@dataclass
class NotifyStandin:
    """One service with one API key. `ontvangen` holds what was accepted; `storingen` makes
    the next N requests answer 500 (a provider that is down)."""

    api_key: str
    sjablonen: list[Sjabloon]
    ontvangen: list[dict[str, Any]] = field(default_factory=list)
    storingen: int = 0
    _slot: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def service_id(self) -> str:
        return self.api_key[-73:-37]

    @property
    def geheim(self) -> str:
        return self.api_key[-36:]

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        status, inhoud = self._antwoord(environ)
        tekst = json.dumps(inhoud).encode()
        start_response(
            status, [("Content-Type", "application/json"), ("Content-Length", str(len(tekst)))]
        )
        return [tekst]

    def _antwoord(self, environ: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        pad = environ.get("PATH_INFO", "")
        soort = {"/v2/notifications/sms": "sms", "/v2/notifications/email": "email"}.get(pad)
        if soort is None:
            return _fout(404, "ResourceNotFound", "No result found")
        if environ.get("REQUEST_METHOD") != "POST":
            return _fout(405, "MethodNotAllowed", "The method is not allowed")
        weigering = self._controleer_token(environ.get("HTTP_AUTHORIZATION", ""))
        if weigering:
            return _fout(403, "AuthError", weigering)
        with self._slot:
            if self.storingen > 0:
                self.storingen -= 1
                return _fout(500, "Exception", "Internal server error")
        try:
            lengte = int(environ.get("CONTENT_LENGTH") or 0)
            verzoek = json.loads(environ["wsgi.input"].read(lengte) or b"{}")
        except (ValueError, KeyError):
            return _fout(400, "BadRequestError", "Invalid JSON supplied in POST data")
        if not isinstance(verzoek, dict):
            return _fout(400, "BadRequestError", "Invalid JSON supplied in POST data")
        return self._verstuur(soort, verzoek, _basis(environ))

    def _controleer_token(self, kop: str) -> str:
        if not kop.startswith("Bearer "):
            return "Unauthorized: authentication token must be provided"
        token = kop.removeprefix("Bearer ").strip()
        try:
            claims = jwt.decode(
                token, self.geheim, algorithms=["HS256"], options={"require": ["iss", "iat"]}
            )
        except jwt.InvalidTokenError:
            return "Invalid token: signature, api token not found"
        if claims.get("iss") != self.service_id:
            return "Invalid token: service not found"
        if abs(time.time() - float(claims["iat"])) > KLOKMARGE_SECONDEN:
            return "Error: Your system clock must be accurate to within 30 seconds"
        return ""

    def _verstuur(
        self, soort: str, verzoek: dict[str, Any], basis: str
    ) -> tuple[str, dict[str, Any]]:
        ontvanger_veld = "phone_number" if soort == "sms" else "email_address"
        ontbreekt = [v for v in (ontvanger_veld, "template_id") if not verzoek.get(v)]
        if ontbreekt:
            return _fout(400, "ValidationError", f"{ontbreekt[0]} is a required property")
        ontvanger = str(verzoek[ontvanger_veld])
        if soort == "sms" and not _TELEFOON.match(re.sub(r"[\s().-]", "", ontvanger)):
            return _fout(400, "ValidationError", "phone_number Not a valid phone number")
        if soort == "email" and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", ontvanger):
            return _fout(400, "ValidationError", "email_address Not a valid email address")
        sjabloon = next(
            (s for s in self.sjablonen if s.id == verzoek["template_id"] and s.soort == soort),
            None,
        )
        if sjabloon is None:
            return _fout(400, "BadRequestError", "Template not found")
        waarden = verzoek.get("personalisation") or {}
        if not isinstance(waarden, dict):
            return _fout(400, "ValidationError", "personalisation is not of type object")
        missend = sorted(sjabloon.velden() - set(waarden))
        if missend:
            return _fout(400, "BadRequestError", f"Missing personalisation: {', '.join(missend)}")
        kenmerk = str(uuid.uuid4())
        inhoud: dict[str, Any] = {"body": sjabloon.vul(waarden, sjabloon.tekst)}
        if soort == "sms":
            inhoud["from_number"] = "Gemeente"
        else:
            inhoud["subject"] = sjabloon.vul(waarden, sjabloon.onderwerp)
            inhoud["from_email"] = "noreply@gemeente.example"
        with self._slot:
            self.ontvangen.append(
                {"id": kenmerk, "soort": soort, "aan": ontvanger, **inhoud, "verzoek": verzoek}
            )
        return "201 Created", {
            "id": kenmerk,
            "reference": verzoek.get("reference"),
            "content": inhoud,
            "uri": f"{basis}/v2/notifications/{kenmerk}",
            "template": {
                "id": sjabloon.id,
                "version": 1,
                "uri": f"{basis}/v2/template/{sjabloon.id}",
            },
        }


_REDENEN = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    500: "Internal Server Error",
}


def _fout(code: int, soort: str, melding: str) -> tuple[str, dict[str, Any]]:
    return f"{code} {_REDENEN[code]}", {
        "status_code": code,
        "errors": [{"error": soort, "message": melding}],
    }


def _basis(environ: dict[str, Any]) -> str:
    host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}"
