"""The partner API's lean path (`api.middleware.ApiMiddleware`, ADR 0045): no session, user,
CSRF, language or messages middleware under /api/v1/, the same security headers as a browser
page, the request id in the access log, a write still in one transaction; every other page
keeps the full middleware."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from inburgering.accounts.models import Gebruiker, Inzagelog
from inburgering.api.middleware import API_PAD, api_resolver
from inburgering.traject.models import Uren
from tests.api.conftest import Api
from tests.api.test_schrijven import UREN, _record

pytestmark = pytest.mark.django_db

#: The headers every response of the product carries, set by the middleware above the API's
#: short cut (and X-Frame-Options by the short cut itself).
BEVEILIGING = [
    "Content-Security-Policy",
    "Permissions-Policy",
    "Cache-Control",
    "Pragma",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
]


def _csp(waarde: str) -> set[str]:
    return {deel.strip() for deel in waarde.split(";")}


def test_api_antwoord_heeft_dezelfde_beveiligingskoppen_als_een_pagina(school_api, wereld):
    pagina = Client().get(reverse("accounts:login"))
    assert pagina.status_code == 200
    for antwoord in (
        school_api.get(reverse("api:plaatsingen")),
        school_api.get(API_PAD + "bestaat-niet"),
        Api(None).get(reverse("api:plaatsingen")),
    ):
        for kop in BEVEILIGING:
            assert kop in antwoord, kop
            if kop == "Content-Security-Policy":
                assert _csp(antwoord[kop]) == _csp(pagina[kop])
            else:
                assert antwoord[kop] == pagina[kop], kop
        assert "no-store" in antwoord["Cache-Control"]
        assert antwoord["X-Frame-Options"] == "DENY"
        assert antwoord["Content-Length"] == str(len(antwoord.content))
        assert antwoord["API-Version"] == "1.0.0"
        assert antwoord["Content-Language"] == "nl"
        assert "X-Verzoek-Id" in antwoord
        # Nothing below the short cut ran: no session, no user from a middleware, no cookie.
        assert not hasattr(antwoord.wsgi_request, "session")
        assert not antwoord.cookies
        assert "Vary" not in antwoord  # the answer does not depend on a cookie


def test_sessiecookie_authenticeert_geen_api_aanroep(school_api, wereld, beheerder):
    # The organisation's own API user, logged in through a session: still no access.
    assert school_api.get(reverse("api:plaatsingen")).status_code == 200
    api_gebruiker = Gebruiker.objects.get(username=f"api-{wereld['school'].pk}")
    for gebruiker in (api_gebruiker, beheerder):
        browser = Client()
        browser.force_login(gebruiker)
        sessies = Session.objects.count()
        antwoord = browser.get(reverse("api:plaatsingen"))
        assert antwoord.status_code == 401
        assert antwoord["Content-Type"] == "application/problem+json"
        assert isinstance(antwoord.wsgi_request.user, AnonymousUser)
        assert Session.objects.count() == sessies
        assert not antwoord.cookies


def test_toegangslog_draagt_het_verzoek_id(school_api, wereld):
    antwoord = school_api.get(reverse("api:plaatsingen"))
    assert antwoord.status_code == 200
    rij = Inzagelog.objects.get(doel="api", dossier=wereld["dossier"])
    assert str(rij.verzoek_id) == antwoord["X-Verzoek-Id"]


def test_schrijven_in_een_transactie(school_api, wereld):
    """A POST still runs its view in one transaction (`drukte.DrukteMiddleware.process_view`,
    kept on the short cut): the savepoint (the test's transaction is around it) opens before
    the view reads the key, and is released after its last write."""
    plaatsing = wereld["plaatsing"]
    with CaptureQueriesContext(connection) as vragen:
        antwoord = school_api.post(UREN, {"uren": [_record(plaatsing, 2)]})
    assert antwoord.status_code == 201, antwoord.content
    assert Uren.objects.filter(plaatsing=plaatsing).count() == 1
    sql = [q["sql"] for q in vragen.captured_queries]
    assert sql[0].startswith("SAVEPOINT"), sql[:2]
    assert sql[-1].startswith("RELEASE SAVEPOINT"), sql[-2:]


def test_browserpagina_houdt_de_volledige_middleware(db):
    browser = Client(enforce_csrf_checks=True)
    pagina = browser.get(reverse("accounts:login"))
    assert "csrftoken" in pagina.cookies
    assert hasattr(pagina.wsgi_request, "session") and hasattr(pagina.wsgi_request, "user")
    zonder_token = browser.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert zonder_token.status_code == 403  # CSRF still enforced on a form POST


def test_alleen_onder_api_v1(client):
    # Just outside the prefix: the full stack (an anonymous browser is sent to the login page).
    antwoord = client.get("/api/v1")
    assert hasattr(antwoord.wsgi_request, "session")


@pytest.mark.parametrize(
    "pad",
    [
        "/api/v1/plaatsingen",
        "/api/v1/plaatsingen/12",
        "/api/v1/plaatsingen/12/intakeresultaten",
        "/api/v1/dossiers/7b8f5a56-2f55-4a43-9a55-3b3c2b8d6d11/mb-rapportages",
        "/api/v1/uren",
        "/api/v1/iets/anders",
    ],
)
def test_korte_weg_vindt_dezelfde_view_als_de_urlconf(pad):
    korte_weg, volledig = api_resolver().resolve(pad), resolve(pad)
    assert korte_weg.func is volledig.func
    assert (korte_weg.view_name, korte_weg.kwargs) == (volledig.view_name, volledig.kwargs)
