"""The portal against the stand-in provider on a port (real HTTP for the broker's side), and a
citizen's walk through the login with Django's test client."""

from __future__ import annotations

import datetime as dt
import re
import threading
from html import unescape
from urllib.parse import parse_qs, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import requests
from django.urls import reverse
from django.utils import timezone

from inburgering.intake.afspraken import plan_afspraak
from inburgering.koppelingen.oidc_standin import Standin, burger, standaard_gebruikers
from tests.conftest import maak_dossier

CLIENT_ID, CLIENT_SECRET = "portaal", "portaal-geheim-voor-tests"
BSN_ZONDER_DOSSIER = "999999990"


class _Stil(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def standin():
    server = make_server("127.0.0.1", 0, lambda e, s: app(e, s), handler_class=_Stil)
    issuer = f"http://127.0.0.1:{server.server_port}"
    app = Standin(
        issuer,
        {CLIENT_ID: (CLIENT_SECRET, [])},
        standaard_gebruikers(),
        burgers=[],
        burgerclients={CLIENT_ID},
    )
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    yield app
    server.shutdown()
    server.server_close()


@pytest.fixture
def portaal_aan(settings, standin):
    settings.PORTAAL_OIDC_ISSUER = standin.issuer
    settings.PORTAAL_OIDC_CLIENT_ID = CLIENT_ID
    settings.PORTAAL_OIDC_CLIENT_SECRET = CLIENT_SECRET
    return standin


def maak_burger(standin: Standin, bsn: str, naam: str = "Test Burger") -> str:
    """Offer this person on the stand-in's page; returns their `sub`."""
    b = burger(bsn, naam)
    standin.burgers[b.sub] = b
    return b.sub


def naar_broker(client) -> tuple[str, dict[str, str]]:
    """Our login → the broker's page: (its form action, the hidden fields)."""
    antwoord = client.get(reverse("portaal:inloggen"))
    assert antwoord.status_code == 302, antwoord
    pagina = requests.get(antwoord["Location"], timeout=10)
    assert pagina.status_code == 200, pagina.text
    velden = {
        unescape(n): unescape(v)
        for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', pagina.text)
    }
    return pagina.url.split("/authorize")[0] + "/authorize", velden


def kies_bij_broker(actie: str, velden: dict[str, str], sub: str) -> str:
    """The citizen chooses their account; the broker answers with a redirect to our callback."""
    antwoord = requests.post(actie, data={**velden, "sub": sub}, allow_redirects=False, timeout=10)
    assert antwoord.status_code == 302, antwoord.text
    return antwoord.headers["Location"]


def terug_pad(location: str) -> str:
    delen = urlsplit(location)
    return f"{delen.path}?{delen.query}"


def log_in(client, standin: Standin, bsn: str):
    sub = maak_burger(standin, bsn)
    actie, velden = naar_broker(client)
    return client.get(terug_pad(kies_bij_broker(actie, velden, sub)))


def code_uit(location: str) -> str:
    return parse_qs(urlsplit(location).query)["code"][0]


@pytest.fixture
def burgerdossier(gemeente_a, consulent_a):
    """A person with an open dossier, a consulent and an appointment tomorrow."""
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, actor=consulent_a, telefoon="0612345678"
    )
    plan_afspraak(
        dossier,
        medewerker=consulent_a,
        soort="intake",
        vorm="op_locatie",
        begin=timezone.now() + dt.timedelta(days=1),
        locatie="Stadskantoor",
    )
    return dossier


@pytest.fixture
def met_plan_en_les(portaal_aan, gemeente_a, consulent_a, settings, client):
    """A dossier with a PIP in force, a placement that started, hours, logged in."""
    from inburgering.koppelingen.duo import client as duo_client
    from tests.traject.factories import (
        geplaatst,
        klaar_voor_plaatsing,
        maak_contract,
        met_uren,
    )

    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a)
    vandaag = timezone.localdate()
    plaatsing = geplaatst(
        dossier,
        maak_contract(gemeente_a),
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(days=90),
        gestart_op=vandaag - dt.timedelta(days=60),
    )
    eerste = (vandaag - dt.timedelta(days=60)).replace(day=1)
    met_uren(plaatsing, consulent_a, [(eerste, 40, 30)])
    log_in(client, portaal_aan, dossier.inburgeraar.bsn)
    yield dossier, client
    duo_client._simulator.cache_clear()


@pytest.fixture
def duo_simulator(settings):
    """DUO in memory (a PIP set is delivered to DUO through the outbox)."""
    from inburgering.koppelingen.duo import client as duo_client

    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    yield
    duo_client._simulator.cache_clear()


def met_alle_brieven(gemeente, consulent) -> dict:
    """A person with a letter from every app that writes to them, made through the services:
    an appointment reminder marked as sent and one that was not, the PIP beschikking (set
    195 days ago), a fine case with its voornemen and beschikking, and a newer fine case that
    has no letter yet. Needs DUO (the `duo_simulator` fixture)."""
    from inburgering.dossiers.persoonsgegevens import wijzig_persoonsgegevens
    from inburgering.intake.brieven import maak_brief, markeer_verzonden
    from inburgering.intake.models import Briefsoort, Kanaal
    from inburgering.pip.models import PipVersie
    from tests.handhaving.factories import signaal, tot_beschikking
    from tests.traject.factories import klaar_voor_plaatsing

    dossier = klaar_voor_plaatsing(gemeente, consulent)
    wijzig_persoonsgegevens(
        dossier,
        {
            "post_straat": "Lange Nieuwstraat 7",
            "post_postcode": "3512 PE",
            "post_plaats": "Utrecht",
        },
        actor=consulent,
    )
    herinnering = maak_brief(
        dossier, Briefsoort.HERINNERING_AFSPRAAK, kanaal=Kanaal.EMAIL, actor=consulent
    )
    markeer_verzonden(herinnering, kanaal=Kanaal.EMAIL, datum=timezone.localdate(), actor=consulent)
    niet_verzonden = maak_brief(
        dossier, Briefsoort.HERINNERING_AFSPRAAK, kanaal=Kanaal.EMAIL, actor=consulent
    )
    zaak = tot_beschikking(dossier, consulent)
    zonder_brief = signaal(dossier, consulent, dagen_geleden=5)
    dossier.refresh_from_db()
    return {
        "dossier": dossier,
        "herinnering": herinnering,
        "niet_verzonden": niet_verzonden,
        "pip": PipVersie.objects.get(pip__dossier=dossier),
        "zaak": zaak,
        "zaak_zonder_brief": zonder_brief,
    }
