"""Every page of the application sends an anonymous visitor to the login page (302 with
?next=), found by walking the whole URLconf: a new page is covered without touching this test.
Only the small allow-list below answers without a login."""

import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

#: Public on purpose: the login page, the language switch (on the login page too) and DUO's
#: machine-to-machine notification endpoint (its own authentication). Static files never reach
#: the URLconf (WhiteNoise).
OPENBAAR = {
    "account/inloggen/",
    "i18n/setlang/",
    "api/duo/v1/notificaties",
    # Login through the identity provider (404 while OIDC_ISSUER is empty, as in the tests).
    "account/oidc/inloggen/",
    "account/oidc/terug/",
    # The platform's probes (inburgering/gezond.py): no personal data.
    "gezond/leeft",
    "gezond/klaar",
}

#: The inburgeraar's portal has its own login (DigiD through the broker, ADR 0025): its public
#: pages answer without one, every other portal page sends the visitor to the portal's start
#: page, never to the staff login.
PORTAAL_OPENBAAR = {
    "portaal/",
    "portaal/inloggen/",
    "portaal/inloggen/terug/",
    "portaal/geen-dossier/",
    "portaal/uitloggen/",
    "portaal/uitgelogd/",
    "portaal/taal/",
}
#: The partners' API authenticates every request itself (API key or certificate OIN, ADR
#: 0028): without one it answers 401 (an unknown path 404) as problem+json, never a login page.
API = "api/v1/"

_CONVERTERS = {"uuid": lambda: str(uuid.uuid4()), "int": lambda: "1", "path": lambda: "x/y"}


def _vul_in(route: str) -> str:
    """A concrete path for a route: uuid → a random uuid, int → 1, slug/str → 'x'."""
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: _CONVERTERS.get(m.group(1), lambda: "x")(), route)


def _regex_voorbeeld(regex: str) -> str:
    """The admin's regex patterns (app index, catch-all): a plausible concrete path."""
    pad = regex.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
    pad = re.sub(r"\(\?P<app_label>[^)]*\)", "accounts", pad)
    return re.sub(r"\(\?P<\w+>[^)]*\)", "x", pad)


def _routes(patronen, voorvoegsel=""):
    """Every route of the URLconf, recursively, converters still in it (stable test ids)."""
    for patroon in patronen:
        stuk = str(patroon.pattern)
        if not hasattr(patroon.pattern, "_route"):
            stuk = _regex_voorbeeld(stuk)
        if isinstance(patroon, URLResolver):
            yield from _routes(patroon.url_patterns, voorvoegsel + stuk)
        elif isinstance(patroon, URLPattern):
            yield voorvoegsel + stuk


ALLE_PADEN = sorted(set(_routes(get_resolver().url_patterns)))


def test_the_walk_finds_the_pages_of_every_app():
    assert len(ALLE_PADEN) > 40
    for voorbeeld in ("caseload/", "monitoring/", "koppelingen/duo/berichten/", "beheer/"):
        assert voorbeeld in ALLE_PADEN
    assert "monitoring/export/<slug:sleutel>.<str:formaat>" in ALLE_PADEN
    assert "dossiers/<uuid:uuid>/pip/<int:nummer>/beschikking.pdf" in ALLE_PADEN
    assert set(ALLE_PADEN) >= OPENBAAR | PORTAAL_OPENBAAR


def _eigen_inlog(route: str) -> bool:
    return route.startswith(("portaal/", API))


@pytest.mark.parametrize(
    "route", [p for p in ALLE_PADEN if p not in OPENBAAR and not _eigen_inlog(p)]
)
def test_anonymous_is_sent_to_the_login_page(client, route):
    url = "/" + _vul_in(route)
    for methode in (client.get, client.post):
        antwoord = methode(url)
        assert antwoord.status_code == 302, f"{methode.__name__} {url}: {antwoord.status_code}"
        if urlsplit(antwoord.url).path == reverse("admin:login"):
            # The admin sends to its own login URL, which hands over to ours (next kept).
            antwoord = client.get(antwoord.url)
            assert antwoord.status_code == 302
        doel = urlsplit(antwoord.url)
        assert doel.path == reverse("accounts:login"), f"{url} → {antwoord.url}"
        verwacht = "/beheer/" if route == "beheer/login/" else url
        assert parse_qs(doel.query)["next"] == [verwacht]


@pytest.mark.parametrize(
    "route", [p for p in ALLE_PADEN if p.startswith("portaal/") and p not in PORTAAL_OPENBAAR]
)
def test_anonymous_in_the_portal_is_sent_to_the_portals_start_page(client, route):
    url = "/" + _vul_in(route)
    for methode in (client.get, client.post):
        antwoord = methode(url)
        assert antwoord.status_code == 302, f"{methode.__name__} {url}: {antwoord.status_code}"
        assert urlsplit(antwoord.url).path == reverse("portaal:start"), f"{url} → {antwoord.url}"


@pytest.mark.parametrize("route", [p for p in ALLE_PADEN if p.startswith(API)])
def test_the_api_without_credentials_answers_401_as_a_problem(client, route):
    url = "/" + _vul_in(route)
    for methode in (client.get, client.post):
        antwoord = methode(url)
        assert antwoord.status_code in (401, 404), f"{methode.__name__} {url}"
        assert antwoord["Content-Type"].startswith("application/problem+json")


def test_the_public_endpoints_answer_without_a_login(client):
    assert client.get(reverse("accounts:login")).status_code == 200
    taal = client.post(reverse("set_language"), {"language": "en", "next": "/account/inloggen/"})
    assert taal.status_code == 302 and taal.url == "/account/inloggen/"
    assert client.post(reverse("koppelingen:duo-notificaties")).status_code == 401


def test_an_authenticated_user_without_the_role_still_gets_403(client, consulent_a):
    client.force_login(consulent_a)
    for url in ("/monitoring/", "/monitoring/cbs/levering.csv", "/koppelingen/duo/berichten/"):
        assert client.get(url).status_code == 403, url
    assert client.get(reverse("accounts:inzagelog")).status_code == 403
