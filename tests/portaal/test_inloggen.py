"""The citizen's login through OpenID Connect against the stand-in broker: the whole protocol
(PKCE, state, nonce, RS256 ID token with a BSN claim), the refusals, the session's limits."""

from __future__ import annotations

import logging
import time
from types import SimpleNamespace

import jwt
import pytest
import requests
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from inburgering.accounts.models import Inzagelog
from inburgering.koppelingen.oidc_standin import server as standin_server
from inburgering.portaal import oidc
from inburgering.portaal.models import Portaalprofiel
from inburgering.portaal.sessie import SLEUTEL
from tests.conftest import WACHTWOORD

from .conftest import (
    BSN_ZONDER_DOSSIER,
    code_uit,
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


def _stand_in_geeft_id_token(
    monkeypatch, *, anders=None, weg=(), sleutel=None, algoritme="RS256", kop=None
):
    """The stand-in's token endpoint hands out an ID token changed as a broken or hostile broker
    would: claims changed (`anders`) or left out (`weg`), another key, algorithm or header."""
    echt = jwt.encode

    def encode(claims, key, algorithm, headers):
        claims = {k: v for k, v in {**claims, **(anders or {})}.items() if k not in weg}
        return echt(
            claims,
            key if sleutel is None else sleutel,
            algorithm=algoritme,
            headers={**headers, **(kop or {})},
        )

    nep = SimpleNamespace(encode=encode, decode=jwt.decode, PyJWTError=jwt.PyJWTError)
    monkeypatch.setattr(standin_server, "jwt", nep)


NU = int(time.time())


def _andere_sleutel():
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.mark.parametrize(
    "wijziging, reden",
    [
        ({"anders": {"aud": "een-andere-client"}}, "InvalidClaimError aud"),
        # Several audiences: OpenID Connect demands `azp` naming us.
        ({"anders": {"aud": ["portaal", "een-andere-client"]}}, "MissingClaimError azp"),
        ({"anders": {"iss": "https://elders.example"}}, "InvalidClaimError iss"),
        ({"anders": {"iat": NU - 3600, "exp": NU - 600}}, "ExpiredTokenError exp"),
        ({"anders": {"iat": NU + 3600}}, "InvalidClaimError iat"),
        ({"anders": {"nonce": "andere-nonce"}}, "InvalidClaimError nonce"),
        ({"weg": ("nonce",)}, "MissingClaimError nonce"),
        ({"weg": ("exp",)}, "MissingClaimError exp"),
        ({"weg": ("sub",)}, "MissingClaimError sub"),
        # Signed with a key the broker's JWKS does not have (Authlib fetches the JWKS again).
        ({"sleutel": _andere_sleutel(), "kop": {"kid": "onbekend"}}, "InvalidKeyIdError"),
        # Algorithm confusion: HMAC with the client secret, or no signature at all.
        pytest.param(
            {"sleutel": "portaal-geheim-voor-tests", "algoritme": "HS256"},
            "UnsupportedAlgorithmError",
            marks=pytest.mark.filterwarnings("ignore:The HMAC key"),
        ),
        ({"sleutel": "", "algoritme": "none"}, "UnsupportedAlgorithmError"),
    ],
)
def test_een_id_token_dat_niet_klopt_wordt_geweigerd(
    portaal_aan, burgerdossier, client, monkeypatch, caplog, wijziging, reden
):
    _stand_in_geeft_id_token(monkeypatch, **wijziging)
    bsn = burgerdossier.inburgeraar.bsn
    with caplog.at_level(logging.INFO, logger="inburgering.portaal"):
        antwoord = log_in(client, portaal_aan, bsn)
    assert antwoord.status_code == 403
    assert "Inloggen is niet gelukt" in antwoord.content.decode()
    assert SLEUTEL not in client.session
    assert client.get(reverse("portaal:overzicht"))["Location"] == reverse("portaal:start")
    geweigerd = [r.getMessage() for r in caplog.records if "geweigerd" in r.getMessage()]
    assert len(geweigerd) == 1 and reden in geweigerd[0], geweigerd
    assert bsn not in caplog.text


def test_acr_wordt_geeist_als_ingesteld(portaal_aan, burgerdossier, client, settings):
    """DigiD level: refused below the configured values, accepted at them."""
    settings.PORTAAL_OIDC_ACR_WAARDEN = ["urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"]
    assert log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn).status_code == 403
    settings.PORTAAL_OIDC_ACR_WAARDEN = [
        "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
    ]
    antwoord = log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse("portaal:overzicht")


def test_een_te_lang_geleden_begonnen_inlog_wordt_geweigerd(
    portaal_aan, burgerdossier, client, caplog
):
    """A started login lives INLOG_GELDIG seconds; after that the code is not even exchanged."""
    sub = maak_burger(portaal_aan, burgerdossier.inburgeraar.bsn)
    actie, velden = naar_broker(client)
    location = kies_bij_broker(actie, velden, sub)
    with (
        time_machine.travel(time.time() + oidc.INLOG_GELDIG + 5, tick=False),
        caplog.at_level(logging.INFO, logger="inburgering.portaal"),
    ):
        antwoord = client.get(terug_pad(location))
    assert antwoord.status_code == 403
    assert "MismatchingStateError" in caplog.text
    assert code_uit(location) in portaal_aan._codes  # never sent to the token endpoint


def test_een_broker_met_een_ander_issuer_wordt_niet_gebruikt(portaal_aan, client, settings):
    """The discovery document must name the configured issuer (same server, other name)."""
    settings.PORTAAL_OIDC_ISSUER = portaal_aan.issuer.replace("127.0.0.1", "localhost")
    antwoord = client.get(reverse("portaal:inloggen"))
    assert antwoord.status_code == 503


def test_na_het_inloggen_staat_er_geen_inlogstaat_meer_in_de_sessie(
    portaal_aan, burgerdossier, client
):
    naar_broker(client)
    assert any(k.startswith("_state_portaal_") for k, _ in client.session.items())
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    assert not any(k.startswith("_state_") for k, _ in client.session.items())
    assert SLEUTEL in client.session


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
