"""DUO fixtures: a fresh in-memory DUO simulator per test, gemeenten with an OIN, and a way to
deliver the simulator's notifications to our endpoint (in-process, through the real view)."""

import itertools
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from inburgering.koppelingen.brp import client as brp_client
from inburgering.koppelingen.duo import client as duo_client
from inburgering.koppelingen.duo.simulator import Scenarios
from inburgering.koppelingen.outbox import verwerk_alles

from . import openapi

TOKEN = "test-token"
OIN_A = "00000001001234567000"
OIN_B = "00000001007654321000"
_teller = itertools.count()


@pytest.fixture(autouse=True)
def duo_instellingen(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    settings.DUO_NOTIFICATIE_TOKEN = TOKEN
    settings.DUO_NOTIFICATIE_CERT_OIN_HEADER = ""
    settings.DUO_MAX_POGINGEN = 4
    settings.DUO_BACKOFF_BASIS_SECONDEN = 30
    duo_client._simulator.cache_clear()
    yield settings
    duo_client._simulator.cache_clear()


@pytest.fixture
def gem_a(gemeente_a):
    gemeente_a.oin = OIN_A
    gemeente_a.save()
    return gemeente_a


@pytest.fixture
def gem_b(gemeente_b):
    gemeente_b.oin = OIN_B
    gemeente_b.save()
    return gemeente_b


@pytest.fixture
def sim():
    return duo_client.gedeelde_simulator()


@pytest.fixture
def scenarios(sim, gem_a, gem_b):
    sc = Scenarios(sim)
    sc.registreer_gemeente(OIN_A, gem_a.cbs_code)
    sc.registreer_gemeente(OIN_B, gem_b.cbs_code)
    return sc


def post_notificatie(client, headers: dict, body, *, token: str | None = TOKEN):
    meta = {
        f"HTTP_{k.upper().replace('-', '_')}": v
        for k, v in headers.items()
        if k.lower() != "content-type"
    }
    if token is not None:
        meta["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    data = body if isinstance(body, bytes | str) else __import__("json").dumps(body)
    return client.post(reverse("koppelingen:duo-notificaties"), data,
                       content_type="application/json", **meta)  # fmt: skip


@pytest.fixture
def stuur(client):
    """Deliver notifications to our endpoint and (optionally) run the worker."""

    def stuur(notificaties, verwerk: bool = True):
        if not isinstance(notificaties, list):
            notificaties = [notificaties]
        for n in notificaties:
            antwoord = post_notificatie(client, n.headers, n.body)
            assert antwoord.status_code == 201, antwoord.content
        return verwerk_alles() if verwerk else None

    return stuur


#: Exchanges validated in this process, per contract (shown at the end of a serial run).
GETELD = {"DUO": 0, "BRP": 0}


def pytest_terminal_summary(terminalreporter):
    if any(GETELD.values()):
        terminalreporter.write_line(
            f"Contract: {sum(GETELD.values())} uitwisselingen gevalideerd met openapi-core "
            f"(DUO {GETELD['DUO']}, BRP {GETELD['BRP']})."
        )


class Opname:
    """Every exchange between our clients and the simulators in one test, validated against the
    published contracts (DUO's files per API, the BRP API Personen) with openapi-core."""

    def __init__(self):
        self.alle: list[tuple[str, openapi.Uitwisseling]] = []  # (API, exchange)
        self.geforceerd: list[openapi.Uitwisseling] = []  # fault injection: request checked only
        self._fouten: list[str] = []
        self._verwacht: dict[tuple[str, ...], int] = {}

    def verwacht(self, *delen: str) -> None:
        """A test that sends a request outside the contract on purpose declares it: a violation
        containing all `delen` is then expected (and must be found) instead of failing."""
        self._verwacht[delen] = 0

    def duo(self, u: openapi.Uitwisseling, geforceerd: bool) -> None:
        try:
            api, fouten = openapi.duo_uitwisseling(u)
        except Exception as fout:  # never let the check pose as a network error
            self._fouten.append(f"{u.methode} {u.pad}: validatie mislukt: {fout!r}")
            return
        if geforceerd:  # a forced answer (sim.storing) plays a gateway or an outage, not DUO
            self.geforceerd.append(u)
            fouten = [f for f in fouten if f.startswith("verzoek")]
        self.alle.append((api, u))
        GETELD["DUO"] += 1
        self._fouten += [f"{u.methode} {u.pad} -> {u.status}: {f}" for f in fouten]

    def brp(self, u: openapi.Uitwisseling) -> None:
        self.alle.append(("BRP", u))
        GETELD["BRP"] += 1
        try:
            fouten = openapi.brp_uitwisseling(u)
        except Exception as fout:  # never let the check pose as a network error
            fouten = [f"validatie mislukt: {fout!r}"]
        self._fouten += [f"BRP {u.pad} -> {u.status}: {f}" for f in fouten]

    def fouten(self) -> list[str]:
        uit = []
        for fout in self._fouten:
            delen = next((d for d in self._verwacht if all(x in fout for x in d)), None)
            if delen is None:
                uit.append(fout)
            else:
                self._verwacht[delen] += 1
        uit += [f"verwachte afwijking niet gevonden: {d}" for d, n in self._verwacht.items()
                if not n]  # fmt: skip
        return uit


@pytest.fixture(autouse=True)
def duo_opname(monkeypatch):
    """Validates every request our DUO and BRP clients send to the simulators, and every answer
    they give, in every test of this folder; a violation fails the test at teardown."""
    opname = Opname()
    duo_request = duo_client.SimulatorTransport.request
    brp_request = brp_client.SimulatorTransport.request

    def duo(self, methode, url, headers, body):
        voor = sum(s.aantal for s in self.simulator.storingen)
        antwoord = duo_request(self, methode, url, headers, body)
        geforceerd = sum(s.aantal for s in self.simulator.storingen) < voor
        pad = urlsplit(url).path.removeprefix(urlsplit(duo_client.settings.DUO_BASE_URL).path)
        u = openapi.Uitwisseling(methode, pad, dict(headers), body, antwoord.status,
                                 dict(antwoord.headers), antwoord.body)  # fmt: skip
        opname.duo(u, geforceerd)
        return antwoord

    def brp(self, methode, url, headers, body):
        antwoord = brp_request(self, methode, url, headers, body)
        opname.brp(openapi.Uitwisseling(methode, urlsplit(url).path.removeprefix("/brp"),
                                        dict(headers), body, antwoord.status,
                                        dict(antwoord.headers), antwoord.body))  # fmt: skip
        return antwoord

    monkeypatch.setattr(duo_client.SimulatorTransport, "request", duo)
    monkeypatch.setattr(brp_client.SimulatorTransport, "request", brp)
    yield opname
    fouten = opname.fouten()
    assert not fouten, "Afwijkingen van de specificatie / contract violations:\n" + "\n".join(
        fouten[:20]
    )
