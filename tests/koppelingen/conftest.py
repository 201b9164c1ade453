"""DUO fixtures: a fresh in-memory DUO simulator per test, gemeenten with an OIN, and a way to
deliver the simulator's notifications to our endpoint (in-process, through the real view)."""

import itertools

import pytest
from django.urls import reverse

from inburgering.koppelingen.duo import client as duo_client
from inburgering.koppelingen.duo.simulator import Scenarios
from inburgering.koppelingen.outbox import verwerk_alles

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
