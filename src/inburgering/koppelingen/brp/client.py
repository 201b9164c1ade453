"""Client for the BRP API Personen (Haal Centraal, v2): one person by BSN.

The API has one operation, `POST /personen`, with a `type` and a required `fields` list: we ask
only for what a new dossier needs (need-to-know; the gemeente's BRP provider authorises per
field). Errors come as `application/problem+json`. The client speaks through the same kind of
transport as the DUO client: HTTPS with an API key and/or a client certificate for the
gemeente's BRP provider, or the local simulator (`BRP_API_URL=simulator://brp`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation

from inburgering.dossiers.referentie import LANDEN

from ..duo.client import Antwoord, DuoOnbereikbaar, HttpsTransport, Transport
from ..duo.client import gedeelde_simulator as gedeelde_duo_simulator
from .datum import BrpDatum
from .simulator import BrpSimulator

logger = logging.getLogger(__name__)

#: What a new dossier takes from the BRP (`fields` of the request).
VELDEN = [
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "geboorte.datum",
    "geboorte.land",
    "geslacht",
]
#: The BRP's sex codes (tabel 'Geslacht'): M, V and O (onbekend) -> ours.
GESLACHT = {"M": "M", "V": "V", "O": "X"}


class BrpOnbereikbaar(Exception):
    """Network, TLS or a 5xx/429: temporary, the caller may retry later."""


class BrpFout(Exception):
    """The BRP refused the request (problem+json's title and detail in the message)."""

    def __init__(self, status: int, titel: str = "", detail: str = ""):
        self.status = status
        tekst = " — ".join(filter(None, [titel, detail])) or "geen toelichting"
        super().__init__(f"De BRP antwoordde {status}: {tekst}")


@dataclass(frozen=True)
class BrpPersoon:
    bsn: str
    voornamen: str
    voorvoegsel: str
    geslachtsnaam: str
    geboortedatum: BrpDatum
    geslacht: str  # M, V, X
    geboorteland: str  # ISO 3166 alpha-2 where we know the BRP's name of the country, else XX


def geboorteland(waarde: dict | None) -> str:
    """The BRP gives a country from its table 'Landen' (a four-digit code and the Dutch name);
    ours is ISO 3166. Matched on the Dutch name of our list; unknown countries become XX."""
    naam = ((waarde or {}).get("omschrijving") or "").strip().lower()
    with translation.override("nl"):
        for code, label in LANDEN.items():
            if str(label).lower() == naam:
                return code
    return "XX"


def lees_persoon(persoon: dict) -> BrpPersoon:
    naam = persoon.get("naam") or {}
    geboorte = persoon.get("geboorte") or {}
    return BrpPersoon(
        bsn=persoon.get("burgerservicenummer", ""),
        voornamen=naam.get("voornamen", ""),
        voorvoegsel=naam.get("voorvoegsel", ""),
        geslachtsnaam=naam.get("geslachtsnaam", ""),
        geboortedatum=BrpDatum.uit_api(geboorte.get("datum")),
        geslacht=GESLACHT.get((persoon.get("geslacht") or {}).get("code", "O"), "X"),
        geboorteland=geboorteland(geboorte.get("land")),
    )


class BrpClient:
    def __init__(self, base_url: str, transport: Transport, api_key: str = ""):
        self.base_url = base_url.rstrip("/")
        self.transport = transport
        self.api_key = api_key

    def verzoek_raadpleeg(self, bsn: str) -> dict:
        return {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [bsn],
                "fields": VELDEN}  # fmt: skip

    def raadpleeg(self, bsn: str) -> BrpPersoon | None:
        """The person with this BSN, or None when the BRP does not know them."""
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if self.api_key:
            headers["X-API-KEY"] = self.api_key
        body = json.dumps(self.verzoek_raadpleeg(bsn)).encode()
        try:
            antwoord = self.transport.request("POST", f"{self.base_url}/personen", headers, body)
        except DuoOnbereikbaar as fout:  # the shared HTTPS transport's network error
            raise BrpOnbereikbaar(f"BRP onbereikbaar: {fout}") from fout
        if antwoord.status >= 500 or antwoord.status == 429:
            raise BrpOnbereikbaar(f"BRP onbereikbaar: antwoord {antwoord.status}.")
        if antwoord.status != 200:
            raise BrpFout(antwoord.status, *_probleem(antwoord))
        personen = (antwoord.json() or {}).get("personen") or []
        return lees_persoon(personen[0]) if personen else None


def _probleem(antwoord: Antwoord) -> tuple[str, str]:
    try:
        probleem = antwoord.json() or {}
    except ValueError:
        return "", ""
    return str(probleem.get("title", "")), str(probleem.get("detail", ""))


class SimulatorTransport:
    def __init__(self, simulator: BrpSimulator):
        self.simulator = simulator

    def request(self, methode, url, headers, body) -> Antwoord:
        antwoord = self.simulator.verwerk(methode, urlsplit(url).path, headers, body)
        return Antwoord(antwoord.status, antwoord.headers, antwoord.inhoud)


def gedeelde_simulator() -> BrpSimulator:
    """The BRP behind `BRP_API_URL=simulator://brp`: the people of the DUO simulator's state,
    so a person DUO signals is known to the BRP too, as in reality."""
    return BrpSimulator(gedeelde_duo_simulator().opslag)


def brp_client() -> BrpClient:
    url = settings.BRP_API_URL
    if url.startswith("simulator:"):
        return BrpClient("simulator://brp", SimulatorTransport(gedeelde_simulator()))
    transport = HttpsTransport(
        cert=settings.BRP_CLIENT_CERT or None,
        key=settings.BRP_CLIENT_KEY or None,
        ca_bundle=settings.BRP_CA_BUNDLE or None,
        timeout=settings.BRP_TIMEOUT,
    )
    return BrpClient(url, transport, api_key=settings.BRP_API_KEY)
