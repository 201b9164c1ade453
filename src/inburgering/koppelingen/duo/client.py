"""Client for DUO's M2M APIs (Digikoppeling REST: headers bron, doel, berichtId; mutual TLS).

The client speaks through a *transport* (`request(methode, url, headers, body)`):
`HttpsTransport` for DUO itself (urllib with the PKIoverheid client certificate from settings),
or `SimulatorTransport` for the built-in DUO simulator, in the same process and without network.
Which one is used follows from `DUO_BASE_URL` (see `standaard_transport`).
"""

from __future__ import annotations

import json
import logging
import re
import ssl
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from django.conf import settings

from . import schemas
from .simulator.app import Simulator
from .simulator.opslag import BestandOpslag, Opslag

logger = logging.getLogger(__name__)
SIMULATOR_SCHEMA = "simulator"


#: A BSN as a path segment, removed before a path is logged.
BSN_IN_PAD = re.compile(r"/\d{9}(?=/|$)")


@dataclass
class Antwoord:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class Transport(Protocol):
    def request(
        self, methode: str, url: str, headers: dict[str, str], body: bytes | None
    ) -> Antwoord: ...


class DuoOnbereikbaar(Exception):
    """Network or TLS failure: temporary, the outbox retries."""


class GeenAfzender(DuoOnbereikbaar):
    """No OIN to send as `bron` (the gemeente has none and DUO_AFNEMER_OIN is empty): nothing
    leaves, the outbox keeps the message and retries once the OIN is set."""

    def __init__(self) -> None:
        super().__init__(
            "Geen OIN als afzender: stel de OIN van de gemeente in (beheer) of DUO_AFNEMER_OIN."
        )


class DuoFout(Exception):
    """DUO answered with an error status. `teksten` holds DUO's fouttekst values."""

    def __init__(self, status: int, teksten: list[str], *, authenticatie: bool = False):
        self.status = status
        self.teksten = teksten
        #: DUO refused our identity, not this message: the worker pauses (see outbox.py).
        self.authenticatie = authenticatie
        super().__init__(f"DUO antwoordde {status}: {'; '.join(teksten) or '(geen toelichting)'}")

    @property
    def tijdelijk(self) -> bool:
        return self.status >= 500 or self.status == 429


class HttpsTransport:
    """HTTPS with mutual TLS (PKIoverheid client certificate) through the standard library."""

    def __init__(
        self,
        cert: str | None = None,
        key: str | None = None,
        ca_bundle: str | None = None,
        timeout: float = 30,
    ):
        self.timeout = timeout
        self.context = ssl.create_default_context(cafile=ca_bundle or None)
        if cert:
            for pad in filter(None, [cert, key]):
                if not Path(pad).is_file():
                    raise FileNotFoundError(f"DUO-certificaatbestand ontbreekt: {pad}")
            self.context.load_cert_chain(cert, key or None)

    def request(self, methode, url, headers, body) -> Antwoord:
        verzoek = urllib.request.Request(  # noqa: S310 - base URL from settings
            url, data=body, headers=headers, method=methode
        )
        try:
            with urllib.request.urlopen(  # noqa: S310 - scheme is https from settings
                verzoek, timeout=self.timeout, context=self.context
            ) as r:
                return Antwoord(r.status, dict(r.headers), r.read())
        except urllib.error.HTTPError as fout:
            return Antwoord(fout.code, dict(fout.headers), fout.read())
        except (urllib.error.URLError, OSError) as fout:
            raise DuoOnbereikbaar(str(fout)) from fout


class SimulatorTransport:
    """Calls the DUO simulator in this process (tests, demo, benchmark)."""

    def __init__(self, simulator: Simulator):
        self.simulator = simulator

    def request(self, methode, url, headers, body) -> Antwoord:
        deel = urlsplit(url)
        pad = deel.path + (f"?{deel.query}" if deel.query else "")
        antwoord = self.simulator.verwerk(methode, pad, headers, body)
        return Antwoord(antwoord.status, antwoord.headers, antwoord.inhoud)


@cache
def _simulator(staat: str) -> Simulator:
    opslag = Opslag() if staat == ":memory:" else BestandOpslag(staat)
    return Simulator(opslag, duo_oin=settings.DUO_OIN)


def gedeelde_simulator() -> Simulator:
    """The simulator behind `DUO_BASE_URL=simulator://...`, state from `DUO_SIMULATOR_STATE`."""
    return _simulator(str(settings.DUO_SIMULATOR_STATE))


def standaard_transport() -> Transport:
    if urlsplit(settings.DUO_BASE_URL).scheme == SIMULATOR_SCHEMA:
        return SimulatorTransport(gedeelde_simulator())
    return HttpsTransport(
        settings.DUO_CLIENT_CERT, settings.DUO_CLIENT_KEY, settings.DUO_CA_BUNDLE,
        timeout=settings.DUO_TIMEOUT,
    )  # fmt: skip


class DuoClient:
    """One gemeente's view of DUO: `bron` is the gemeente's OIN, `doel` DUO's OIN."""

    def __init__(
        self,
        bron_oin: str,
        *,
        transport: Transport | None = None,
        base_url: str | None = None,
        doel_oin: str | None = None,
    ):
        self.bron_oin = bron_oin
        self.doel_oin = doel_oin or settings.DUO_OIN
        self.base_url = (base_url or settings.DUO_BASE_URL).rstrip("/")
        self.transport = transport or standaard_transport()

    def headers(self, bericht_id: uuid.UUID | None = None) -> dict[str, str]:
        return {
            "bron": self.bron_oin,
            "doel": self.doel_oin,
            "berichtId": str(bericht_id or uuid.uuid4()),
            "Accept": "application/json",
            "Content-Type": "application/json",
        }

    def verzoek(
        self, methode: str, pad: str, inhoud: Any = None, *, bericht_id: uuid.UUID | None = None
    ) -> Antwoord:
        if not self.bron_oin:
            raise GeenAfzender
        body = None if inhoud is None else json.dumps(inhoud).encode()
        antwoord = self.transport.request(
            methode, self.base_url + pad, self.headers(bericht_id), body
        )
        # Log the API, never the path itself: DUO's paths carry the BSN (anywhere in the path).
        logger.debug("DUO %s %s -> %s", methode, BSN_IN_PAD.sub("/…", pad), antwoord.status)
        return antwoord

    def _raadpleeg(self, pad: str, schema: dict | None = None) -> Any:
        antwoord = self.verzoek("GET", pad)
        if antwoord.status == 404:
            return None
        if antwoord.status != 200:
            raise DuoFout(antwoord.status, foutteksten(antwoord),
                          authenticatie=is_authenticatiefout(antwoord))  # fmt: skip
        data = antwoord.json()
        if schema is not None and (fouten := schemas.fouten(schema, data)):
            raise DuoFout(502, [f"Antwoord van DUO wijkt af van het contract: {fouten[0]}"])
        return data

    # Raadplegen (per person; `bsn` goes into DUO's path as its contract requires)
    def inburgeringsplicht(self, bsn: str) -> dict | None:
        return self._raadpleeg(f"/personen/{bsn}/inburgeringsplicht", schemas.INBURGERINGSPLICHT)

    def doelgroep(self, bsn: str) -> dict | None:
        return self._raadpleeg(f"/personen/{bsn}/doelgroep", schemas.DOELGROEP)

    def inburgeringstermijn(self, bsn: str) -> dict | None:
        return self._raadpleeg(f"/personen/{bsn}/inburgeringstermijn", schemas.INBURGERINGSTERMIJN)

    def lbt_examennummer(self, bsn: str) -> dict | None:
        return self._raadpleeg(f"/personen/{bsn}/lbt/examennummer")

    def lbt_resultaten(self, bsn: str) -> list:
        return self._raadpleeg(f"/personen/{bsn}/lbt/resultaten", schemas.LBT_RESULTATEN) or []

    def vrijstellingen(self, bsn: str) -> list:
        return self._raadpleeg(f"/personen/{bsn}/vrijstellingen") or []

    def ontheffingen(self, bsn: str) -> list:
        return self._raadpleeg(f"/personen/{bsn}/ontheffingen") or []

    def pip(self, bsn: str) -> dict | None:
        return self._raadpleeg(f"/personen/{bsn}/PIP", schemas.PIP_GEMEENTE)

    def examenresultaten(self, bsn: str) -> list:
        return (
            self._raadpleeg(f"/personen/{bsn}/examens/resultaten", schemas.EXAMENRESULTATEN) or []
        )

    def gratis_examenpogingen(self, bsn: str) -> list:
        """Examen API: the free attempts the person has left per component."""
        return (
            self._raadpleeg(f"/personen/{bsn}/examens/gratispogingen", schemas.GRATIS_POGINGEN)
            or []
        )

    def uren(self, bsn: str) -> list:
        return self._raadpleeg(f"/personen/{bsn}/uren") or []

    def map(self, bsn: str) -> dict | None:
        return self._raadpleeg(f"/personen/{bsn}/map")

    def pvt(self, bsn: str) -> dict | None:
        return self._raadpleeg(f"/personen/{bsn}/pvt")

    def instellingen(self) -> list:
        return self._raadpleeg("/instellingen") or []

    def contactpersoon_opvoeren(self, gegevens: dict) -> dict:
        antwoord = self.verzoek("POST", "/contactpersonen", gegevens)
        if antwoord.status != 201:
            raise DuoFout(antwoord.status, foutteksten(antwoord))
        return antwoord.json()

    def contactpersoon_koppelen(self, contactpersoon_id: int, bsn: str) -> None:
        antwoord = self.verzoek("POST", f"/contactpersonen/{contactpersoon_id}/personen/{bsn}")
        if antwoord.status != 201:
            raise DuoFout(antwoord.status, foutteksten(antwoord))


def foutteksten(antwoord: Antwoord) -> list[str]:
    """DUO's error texts. The contract's 403 body is an array of `Foutmelding`
    (`{"fouttekst": ...}`, at most 50); the Notificatie API answers a single object; a 400 has
    no body in the contract. Anything else (an HTML page from a proxy) gives no texts."""
    try:
        data = antwoord.json()
    except ValueError:
        return []
    if isinstance(data, dict):
        data = [data]
    if isinstance(data, list):
        teksten = (str(d.get("fouttekst") or "").strip() for d in data if isinstance(d, dict))
        return [t for t in teksten if t]
    return []


def heeft_api_versie(antwoord: Antwoord) -> bool:
    return any(k.lower() == "api-version" for k in antwoord.headers)


def is_authenticatiefout(antwoord: Antwoord) -> bool:
    """Whether DUO refused *us* rather than this message: every further call would fail alike.

    * 401: always (DUO's APIs do not answer 401 themselves; the Digikoppeling gateway does
      when the client certificate is missing, expired or not trusted).
    * 403 *without* the `API-Version` header: DUO's contract requires that header on every
      answer of its APIs, including their functional 403 ("Niet geautoriseerd" with an array of
      Foutmelding). A 403 without it comes from the gateway in front of the APIs: the OIN in
      the certificate or in `bron` is not authorised. A 403 *with* the header, with or without
      a body, is DUO refusing this one message.
    """
    if antwoord.status == 401:
        return True
    return antwoord.status == 403 and not heeft_api_versie(antwoord)


def reden_weigering(antwoord: Antwoord) -> str:
    """A Dutch reason for DUO's refusal, also when DUO gave no body."""
    teksten = foutteksten(antwoord)
    if teksten:
        return "; ".join(teksten)
    if is_authenticatiefout(antwoord):
        return (
            f"DUO weigerde de verbinding ({antwoord.status}): certificaat of OIN niet "
            "geaccepteerd; het versturen is gepauzeerd."
        )
    return f"DUO weigerde het bericht ({antwoord.status}) zonder toelichting."


def client_voor(gemeente, *, transport: Transport | None = None) -> DuoClient:
    """The DUO client acting for `gemeente` (its OIN as bron, or the configured afnemer OIN)."""
    return DuoClient(gemeente.oin or settings.DUO_AFNEMER_OIN, transport=transport)
