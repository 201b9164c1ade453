"""Security headers: Content-Security-Policy and Permissions-Policy on every response, and
no-store on every response that is not a static file (pages, exports, the login page)."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.monitoring.helpers import traject

pytestmark = pytest.mark.django_db


def _csp(antwoord) -> dict[str, str]:
    richtlijnen = (r.strip().split(" ", 1) for r in antwoord["Content-Security-Policy"].split(";"))
    return {r[0]: (r[1] if len(r) > 1 else "") for r in richtlijnen if r[0]}


def _geen_cache(antwoord) -> None:
    assert "no-store" in antwoord["Cache-Control"], antwoord.get("Cache-Control")
    assert antwoord["Pragma"] == "no-cache"


def test_csp_allows_no_inline_script_no_framing_and_no_plugins(client):
    csp = _csp(client.get(reverse("accounts:login")))
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["form-action"] == "'self'"
    assert csp["base-uri"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert "unsafe-inline" not in str(csp)


def test_permissions_policy_switches_off_devices(client):
    beleid = client.get(reverse("accounts:login"))["Permissions-Policy"]
    for functie in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{functie}=()" in beleid


def test_pages_of_a_logged_in_user_are_not_cached(client, consulent_a, dossier_a):
    client.force_login(consulent_a)
    for url in (
        reverse("dossiers:caseload"),
        reverse("dossiers:dossier", args=[dossier_a.uuid]),
        reverse("intake:contact", args=[dossier_a.uuid]),
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 200, url
        _geen_cache(antwoord)
        assert "Content-Security-Policy" in antwoord


def test_login_page_and_redirects_are_not_cached(client):
    _geen_cache(client.get(reverse("accounts:login")))
    _geen_cache(client.get(reverse("dossiers:caseload")))


def test_monitoring_and_cbs_exports_are_not_cached(client, teamleider_a, gemeente_a):
    traject(gemeente_a, dt.date(2024, 3, 4), lbt=(35, 15), pip=30, route="b1")
    client.force_login(teamleider_a)
    for url in (
        "/monitoring/export/lbt_route.csv?peildatum=2025-01-01",
        "/monitoring/export/lbt_route.xlsx?peildatum=2025-01-01",
        f"/monitoring/cbs/levering.csv?jaar=2024&kwartaal=1&gemeente={gemeente_a.pk}",
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 200, url
        _geen_cache(antwoord)


def test_static_files_keep_their_caching_and_get_the_policies(client):
    antwoord = client.get("/static/inburgering/app.css")
    assert antwoord.status_code == 200
    assert "no-store" not in antwoord.get("Cache-Control", "")
    assert "Pragma" not in antwoord
    assert "Content-Security-Policy" in antwoord and "Permissions-Policy" in antwoord
