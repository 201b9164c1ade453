"""The citizen's login through OpenID Connect against the stand-in broker: the whole protocol
(PKCE, state, nonce, RS256 ID token with a BSN claim), the refusals, the session's limits."""

from __future__ import annotations

import time

import jwt
import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from inburgering.accounts.models import Inzagelog
from inburgering.portaal import oidc
from inburgering.portaal.models import Portaalprofiel
from inburgering.portaal.sessie import SLEUTEL
from tests.conftest import WACHTWOORD

from .conftest import (
    BSN_ZONDER_DOSSIER,
    kies_bij_broker,
    log_in,
    maak_burger,
    naar_broker,
    terug_pad,
)

pytestmark = pytest.mark.django_db


def test_volledige_inlog_toont_het_eigen_dossier(portaal_aan, burgerdossier, client):
    bsn = burgerdossier.inburgeraar.bsn
    sub = maak_burger(portaal_aan, bsn)
    actie, velden = naar_broker(client)
    assert velden["code_challenge_method"] == "S256"
    assert velden["state"] and velden["nonce"] and velden["code_challenge"]
    assert velden["client_id"] == "portaal"
    location = kies_bij_broker(actie, velden, sub)
    antwoord = client.get(terug_pad(location))
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("portaal:overzicht")
    pagina = client.get(reverse("portaal:overzicht"))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert burgerdossier.inburgeraar.voornamen in tekst
    assert burgerdossier.consulent.get_full_name() in tekst
    # The BSN is nowhere: not in the page, not in the session, not in a URL we sent.
    assert bsn not in tekst
    assert bsn not in str(dict(client.session.items()))
    assert bsn not in location and bsn not in antwoord["Location"]
    assert client.session[SLEUTEL]["dossier"] == burgerdossier.pk
    assert SESSION_KEY not in client.session
    assert Portaalprofiel.objects.filter(inburgeraar=burgerdossier.inburgeraar).exists()
    assert Inzagelog.objects.filter(dossier=burgerdossier, doel="portaal: overzicht").exists()


def test_de_stand_in_geeft_portaalburgers_niet_aan_de_stafclient(portaal_aan):
    """The portal's client sees citizens; the staff's client (any other) never does."""
    maak_burger(portaal_aan, "999990019")
    assert portaal_aan._accounts("portaal") == portaal_aan.burgers
    assert portaal_aan._accounts("inburgering") == portaal_aan.gebruikers


def test_bsn_zonder_dossier_krijgt_een_vriendelijke_pagina_in_de_gekozen_taal(
    portaal_aan, burgerdossier, client
):
    client.cookies["portaal_taal"] = "en"
    antwoord = log_in(client, portaal_aan, BSN_ZONDER_DOSSIER)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("portaal:geen_dossier")
    pagina = client.get(antwoord["Location"])
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert 'lang="en"' in tekst
    assert "We cannot show anything" in tekst
    assert BSN_ZONDER_DOSSIER not in tekst
    # Not logged in: the portal's pages send this browser back to the start.
    assert client.get(reverse("portaal:overzicht"))["Location"] == reverse("portaal:start")


def test_een_vervalst_id_token_wordt_geweigerd(portaal_aan, burgerdossier, client, settings):
    """A token signed with another key than the broker's JWKS is refused."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    # The stand-in keeps publishing its own key, but signs with another one (same kid).
    gepubliceerd = portaal_aan.jwks()
    portaal_aan.jwks = lambda: gepubliceerd
    portaal_aan.sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    antwoord = log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    assert antwoord.status_code == 403
    assert SLEUTEL not in client.session


def test_een_verlopen_id_token_wordt_geweigerd(portaal_aan, burgerdossier, monkeypatch):
    sleutel = portaal_aan.sleutel
    nu = int(time.time())
    token = jwt.encode(
        {
            "iss": portaal_aan.issuer,
            "aud": "portaal",
            "sub": "x",
            "iat": nu - 3600,
            "exp": nu - 600,
            "nonce": "n",
            "bsn": burgerdossier.inburgeraar.bsn,
        },
        sleutel,
        algorithm="RS256",
        headers={"kid": portaal_aan.kid},
    )
    with pytest.raises(oidc.Geweigerd, match="ExpiredSignature"):
        oidc.controleer_id_token(token, f"{portaal_aan.issuer}/jwks", nonce="n")


@pytest.mark.parametrize(
    "wijziging, reden",
    [
        ({"aud": "een-andere-client"}, "InvalidAudience"),
        ({"iss": "https://elders.example"}, "InvalidIssuer"),
        ({"nonce": "andere-nonce"}, "nonce"),
    ],
)
def test_id_token_van_een_andere_client_uitgever_of_inlog_wordt_geweigerd(
    portaal_aan, wijziging, reden
):
    nu = int(time.time())
    claims = {
        "iss": portaal_aan.issuer,
        "aud": "portaal",
        "sub": "x",
        "iat": nu,
        "exp": nu + 300,
        "nonce": "n",
        "bsn": "999990019",
        **wijziging,
    }
    token = jwt.encode(
        claims, portaal_aan.sleutel, algorithm="RS256", headers={"kid": portaal_aan.kid}
    )
    with pytest.raises(oidc.Geweigerd, match=reden):
        oidc.controleer_id_token(token, f"{portaal_aan.issuer}/jwks", nonce="n")


def test_token_zonder_geldig_bsn_wordt_geweigerd(settings):
    with pytest.raises(oidc.Geweigerd, match="BSN"):
        oidc.bsn_uit({"bsn": "123456789"})
    with pytest.raises(oidc.Geweigerd, match="BSN"):
        oidc.bsn_uit({})
    settings.PORTAAL_OIDC_CLAIM_BSN = "nl:bsn"
    assert oidc.bsn_uit({"nl:bsn": "999990019"}) == "999990019"


def test_andere_state_of_hergebruikte_code_wordt_geweigerd(portaal_aan, burgerdossier, client):
    sub = maak_burger(portaal_aan, burgerdossier.inburgeraar.bsn)
    actie, velden = naar_broker(client)
    location = kies_bij_broker(actie, {**velden, "state": "vervalst"}, sub)
    assert client.get(terug_pad(location)).status_code == 403
    # A second start, completed; the same callback used twice is refused the second time.
    actie, velden = naar_broker(client)
    location = kies_bij_broker(actie, velden, sub)
    assert client.get(terug_pad(location)).status_code == 302
    andere = Client()
    assert andere.get(terug_pad(location)).status_code == 403


def test_pkce_verifier_is_nodig_bij_de_broker(portaal_aan, burgerdossier, client):
    """The stand-in refuses the code without the right verifier (the protocol, not us)."""
    sub = maak_burger(portaal_aan, burgerdossier.inburgeraar.bsn)
    actie, velden = naar_broker(client)
    location = kies_bij_broker(actie, velden, sub)
    from .conftest import code_uit

    antwoord = requests.post(
        f"{portaal_aan.issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code_uit(location),
            "redirect_uri": velden["redirect_uri"],
            "client_id": "portaal",
            "client_secret": "portaal-geheim-voor-tests",
            "code_verifier": "geraden",
        },
        timeout=10,
    )
    assert antwoord.status_code == 400 and "PKCE" in antwoord.text


def test_sessie_verloopt_na_inactiviteit(portaal_aan, burgerdossier, client, settings):
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    assert client.get(reverse("portaal:overzicht")).status_code == 200
    sessie = client.session
    gegevens = sessie[SLEUTEL]
    gegevens["laatst"] = time.time() - settings.PORTAAL_SESSIE_SECONDEN - 1
    sessie[SLEUTEL] = gegevens
    sessie.save()
    antwoord = client.get(reverse("portaal:overzicht"))
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("portaal:start")


def test_sessie_is_kort_ingesteld(portaal_aan, burgerdossier, client, settings):
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    assert client.session.get_expiry_age() == settings.PORTAAL_SESSIE_SECONDEN == 900


def test_uitloggen_beeindigt_alle_sessies_van_de_persoon(portaal_aan, burgerdossier):
    telefoon, laptop = Client(), Client()
    log_in(telefoon, portaal_aan, burgerdossier.inburgeraar.bsn)
    log_in(laptop, portaal_aan, burgerdossier.inburgeraar.bsn)
    assert laptop.get(reverse("portaal:overzicht")).status_code == 200
    antwoord = telefoon.post(reverse("portaal:uitloggen"))
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("portaal:uitgelogd") + "?broker=1"
    # Our own page sends the browser on to the broker's end_session endpoint, and back.
    pagina = telefoon.get(antwoord["Location"]).content.decode()
    assert f'content="0;url={portaal_aan.issuer}/logout?' in pagina
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Fportaal%2Fuitgelogd%2F" in pagina
    assert 'http-equiv="refresh"' not in telefoon.get(reverse("portaal:uitgelogd")).content.decode()
    assert telefoon.get(reverse("portaal:overzicht")).status_code == 302
    assert laptop.get(reverse("portaal:overzicht")).status_code == 302


def test_te_veel_inlogpogingen_worden_afgeremd(portaal_aan, client, settings):
    settings.PORTAAL_INLOG_LIMIET = 3
    statussen = [client.get(reverse("portaal:inloggen")).status_code for _ in range(5)]
    assert statussen == [302, 302, 302, 429, 429]
    assert "Te vaak geprobeerd" in client.get(reverse("portaal:inloggen")).content.decode()


def test_zonder_broker_configuratie_geen_inlog(client, settings):
    settings.PORTAAL_OIDC_ISSUER = ""
    assert client.get(reverse("portaal:inloggen")).status_code == 404
    assert client.get(reverse("portaal:start")).status_code == 200


def test_stafinlog_in_dezelfde_browser_laat_de_burgersessie_vallen(
    portaal_aan, burgerdossier, client, consulent_a
):
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    assert (
        client.post(
            reverse("accounts:login"), {"username": consulent_a.username, "password": WACHTWOORD}
        ).status_code
        == 302
    )
    assert SLEUTEL not in client.session
    assert client.get(reverse("portaal:overzicht"))["Location"] == reverse("portaal:start")


def test_burgerinlog_beeindigt_een_stafsessie_in_dezelfde_browser(
    portaal_aan, burgerdossier, client, consulent_a
):
    client.force_login(consulent_a)
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    assert SESSION_KEY not in client.session
    antwoord = client.get(reverse("dossiers:caseload"))
    assert antwoord.status_code == 302 and reverse("accounts:login") in antwoord["Location"]


def test_te_veel_paginas_per_persoon_worden_afgeremd(portaal_aan, burgerdossier, client, settings):
    """Issue 19 item 6 (rate limits): pages, PDF letters included, per logged-in person."""
    from django.core.cache import cache

    cache.clear()
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    settings.PORTAAL_PAGINA_LIMIET = 3
    settings.PORTAAL_PAGINA_VENSTER = 3600
    for _ in range(3):
        assert client.get(reverse("portaal:brieven")).status_code == 200
    antwoord = client.get(reverse("portaal:overzicht"))
    assert antwoord.status_code == 429
    assert antwoord["Retry-After"] == "3600"
    assert "Wacht een minuut" in antwoord.content.decode()
    assert burgerdossier.inburgeraar.naam not in antwoord.content.decode()
