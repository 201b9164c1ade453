"""Staff login through the identity provider (OpenID Connect) against the stand-in provider:
the whole flow over HTTP (a live server and the stand-in on a port), the claim mapping, the
refusals with their message, and the stand-in's own protocol checks."""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import time
from html import unescape
from wsgiref.simple_server import WSGIRequestHandler, make_server

import jwt
import pytest
import requests
from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse

from inburgering.accounts import oidc
from inburgering.accounts.models import Gebruiker, Gemeente, Rol
from inburgering.koppelingen.oidc_standin import Standin, StandinGebruiker, standaard_gebruikers
from tests.conftest import WACHTWOORD, maak_gebruiker

CLIENT_ID, CLIENT_SECRET = "inburgering", "standin-geheim-voor-tests"
BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "inburgering.accounts.oidc.GemeenteOIDCBackend",
]


class _Stil(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def standin():
    server = make_server("127.0.0.1", 0, lambda e, s: app(e, s), handler_class=_Stil)
    issuer = f"http://127.0.0.1:{server.server_port}"
    gebruikers = [
        *standaard_gebruikers(),
        StandinGebruiker(
            "idp-050",
            {
                "preferred_username": "twee.rollen",
                "roles": ["consulent", "teamleider"],
                "gemeenten": ["0344"],
                "amr": ["pwd"],
            },
        ),
    ]
    app = Standin(issuer, {CLIENT_ID: (CLIENT_SECRET, [])}, gebruikers)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    yield app
    server.shutdown()
    server.server_close()


@pytest.fixture
def oidc_aan(settings, standin, transactional_db):
    Gemeente.objects.create(cbs_code="0344", naam="Utrecht")
    Gemeente.objects.create(cbs_code="0150", naam="Deventer")
    settings.OIDC_ISSUER = standin.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.AUTHENTICATION_BACKENDS = BACKENDS
    return standin


def _inloggen(live_server, sub: str, volgende: str = "") -> requests.Response:
    """The browser's walk: our login link → the provider's page → choose the account →
    back to our callback (which exchanges the code) → the start page."""
    sessie = requests.Session()
    url = (
        live_server.url
        + reverse("accounts:oidc_inloggen")
        + (f"?next={volgende}" if volgende else "")
    )
    pagina = sessie.get(url, timeout=10)
    assert pagina.status_code == 200 and "Stand-in identity provider" in pagina.text
    velden = {
        unescape(n): unescape(v)
        for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', pagina.text)
    }
    assert velden["code_challenge_method"] == "S256" and velden["nonce"] and velden["state"]
    actie = pagina.url.split("/authorize")[0] + "/authorize"
    antwoord = sessie.post(actie, data={**velden, "sub": sub}, timeout=10)
    antwoord.sessie = sessie
    return antwoord


def test_volledige_inlog_maakt_consulent_met_rol_en_gemeente(oidc_aan, live_server, settings):
    settings.OTP_VERPLICHT = True  # the provider's second factor counts; no TOTP step here
    antwoord = _inloggen(live_server, "idp-001")
    assert antwoord.status_code == 200
    assert antwoord.url == live_server.url + reverse("dossiers:caseload")
    gebruiker = Gebruiker.objects.get(oidc_subject="idp-001")
    assert gebruiker.username == "olga.consulent"
    assert gebruiker.rol == Rol.CONSULENT
    assert [g.cbs_code for g in gebruiker.gemeenten.all()] == ["0344"]
    assert gebruiker.email == "olga.consulent@gemeente.example"
    assert not gebruiker.has_usable_password()
    # Logged in: a second page works in the same session without any code page.
    assert antwoord.sessie.get(
        live_server.url + reverse("dossiers:nieuw"), timeout=10
    ).url.endswith(reverse("dossiers:nieuw"))


def test_volgende_pagina_en_rol_beheerder_met_twee_gemeenten(oidc_aan, live_server):
    antwoord = _inloggen(live_server, "idp-003", volgende=reverse("koppelingen:berichten"))
    assert antwoord.url == live_server.url + reverse("koppelingen:berichten")
    gebruiker = Gebruiker.objects.get(oidc_subject="idp-003")
    assert gebruiker.rol == Rol.BEHEERDER
    assert sorted(g.cbs_code for g in gebruiker.gemeenten.all()) == ["0150", "0344"]


def test_inlog_zonder_claims_geweigerd_met_melding(oidc_aan, live_server):
    antwoord = _inloggen(live_server, "idp-099")
    assert antwoord.url.startswith(live_server.url + reverse("accounts:login"))
    assert "de identity provider gaf geen rol voor deze applicatie" in unescape(antwoord.text)
    assert not Gebruiker.objects.filter(oidc_subject="idp-099").exists()
    # Not logged in: a page still sends to the login page.
    pagina = antwoord.sessie.get(live_server.url + reverse("dossiers:caseload"), timeout=10)
    assert pagina.url.startswith(live_server.url + reverse("accounts:login"))


def test_twee_rollen_geweigerd(oidc_aan, live_server):
    antwoord = _inloggen(live_server, "idp-050")
    assert "meer dan één rol (consulent, teamleider)" in unescape(antwoord.text)


def test_acr_vereist_weigert_inlog_zonder_tweede_factor(oidc_aan, live_server, settings):
    settings.OIDC_ACR_WAARDEN = ["urn:gemeente:loa:substantieel"]
    antwoord = _inloggen(live_server, "idp-001")
    assert "geen inlog met een tweede factor (acr)" in unescape(antwoord.text)
    settings.OIDC_ACR_WAARDEN = []
    settings.OIDC_AMR_WAARDEN = ["otp", "hwk"]
    assert _inloggen(live_server, "idp-001").url.endswith(reverse("dossiers:caseload"))


def test_lokaal_account_met_dezelfde_naam_wordt_niet_overgenomen(oidc_aan, live_server):
    lokaal = Gebruiker.objects.create_user("olga.consulent", password="x" * 16, rol=Rol.BEHEERDER)
    _inloggen(live_server, "idp-001")
    nieuw = Gebruiker.objects.get(oidc_subject="idp-001")
    assert nieuw.pk != lokaal.pk and nieuw.username == "oidc-idp-001"
    lokaal.refresh_from_db()
    assert lokaal.rol == Rol.BEHEERDER and lokaal.oidc_subject is None


def test_tweede_inlog_volgt_de_claims_en_uitgezet_account_blijft_buiten(oidc_aan, live_server):
    _inloggen(live_server, "idp-001")
    gebruiker = Gebruiker.objects.get(oidc_subject="idp-001")
    oidc_aan.gebruikers["idp-001"] = StandinGebruiker(
        "idp-001", {**oidc_aan.gebruikers["idp-001"].claims, "roles": ["teamleider"]}
    )
    _inloggen(live_server, "idp-001")
    gebruiker.refresh_from_db()
    assert gebruiker.rol == Rol.TEAMLEIDER
    gebruiker.is_active = False
    gebruiker.save()
    antwoord = _inloggen(live_server, "idp-001")
    assert "uw account in deze applicatie is uitgezet" in unescape(antwoord.text)


def test_uit_zonder_issuer_404(client, db):
    assert client.get(reverse("accounts:oidc_inloggen")).status_code == 404
    assert client.get(reverse("accounts:oidc_terug") + "?code=x&state=y").status_code == 404
    assert "Inloggen via uw gemeente" not in client.get(reverse("accounts:login")).content.decode()


def test_loginpagina_toont_knop_als_oidc_aan(client, oidc_aan):
    assert "Inloggen via uw gemeente" in client.get(reverse("accounts:login")).content.decode()


def test_onbekende_state_of_fout_van_provider_geeft_melding(client, oidc_aan):
    antwoord = client.get(reverse("accounts:oidc_terug") + "?error=access_denied&state=x")
    assert antwoord.url == reverse("accounts:login")
    assert "niet gelukt" in " ".join(str(m) for m in get_messages(antwoord.wsgi_request))


# -- the mapping, without HTTP -------------------------------------------------------------


@pytest.fixture
def gemeenten(db):
    for code, naam in (("0344", "Utrecht"), ("0150", "Deventer")):
        Gemeente.objects.create(cbs_code=code, naam=naam)


@override_settings(
    OIDC_ROLMAPPING={"GG-Inburgering-Consulent": "consulent", "GG-Inburgering-Beheer": "beheerder"},
    OIDC_GEMEENTEMAPPING={"utrecht": "0344", "deventer": "0150"},
    OIDC_CLAIM_ROLLEN="groups",
    OIDC_CLAIM_GEMEENTEN="gemeente",
)
def test_koppeling_met_mapping(gemeenten):
    k = oidc.koppel_claims(
        {"groups": ["Iedereen", "GG-Inburgering-Consulent"], "gemeente": "utrecht deventer"}
    )
    assert k == oidc.Koppeling("consulent", ("0150", "0344"))
    # Without the mapping a role name is not enough: only mapped values count.
    with pytest.raises(oidc.Geweigerd, match="geen rol"):
        oidc.koppel_claims({"groups": ["consulent"], "gemeente": "utrecht"})


def test_koppeling_zonder_mapping_en_weigeringen(gemeenten):
    assert oidc.koppel_claims({"roles": "privacy", "gemeenten": ["0344"]}).rol == "privacy"
    with pytest.raises(oidc.Geweigerd, match="geen gemeente"):
        oidc.koppel_claims({"roles": ["consulent"]})
    with pytest.raises(oidc.Geweigerd, match="gemeente 9999 is in deze installatie niet bekend"):
        oidc.koppel_claims({"roles": ["consulent"], "gemeenten": ["0344", "9999"]})
    with pytest.raises(oidc.Geweigerd, match="geen rol"):
        oidc.koppel_claims({"roles": ["directeur"], "gemeenten": ["0344"]})


# -- the stand-in speaks the protocol --------------------------------------------------------


def test_standin_discovery_jwks_en_pkce(standin):
    doc = requests.get(standin.issuer + "/.well-known/openid-configuration", timeout=10).json()
    assert doc["issuer"] == standin.issuer
    assert doc["code_challenge_methods_supported"] == ["S256"]
    sleutel = requests.get(doc["jwks_uri"], timeout=10).json()["keys"][0]
    assert sleutel["kty"] == "RSA" and sleutel["alg"] == "RS256" and sleutel["kid"]
    verifier = "v" * 50
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    verzoek = {
        "client_id": CLIENT_ID, "redirect_uri": "http://rp.example/terug", "response_type": "code",
        "scope": "openid", "state": "s1", "code_challenge": challenge.decode(),
        "code_challenge_method": "S256", "sub": "idp-001",
    }  # fmt: skip
    zonder_pkce = {k: v for k, v in verzoek.items() if not k.startswith("code_challenge")}
    assert (
        requests.get(doc["authorization_endpoint"], params=zonder_pkce, timeout=10).status_code
        == 400
    )

    def code() -> str:
        r = requests.post(
            doc["authorization_endpoint"], data=verzoek, allow_redirects=False, timeout=10
        )
        return re.search(r"code=([^&]+)", r.headers["Location"]).group(1)

    token = {"grant_type": "authorization_code", "redirect_uri": "http://rp.example/terug",
             "client_id": CLIENT_ID}  # fmt: skip
    fout_geheim = requests.post(
        doc["token_endpoint"], data={**token, "code": code(), "client_secret": "nee",
                                     "code_verifier": verifier}, timeout=10)  # fmt: skip
    assert fout_geheim.status_code == 401
    fout_verifier = requests.post(
        doc["token_endpoint"], data={**token, "code": code(), "client_secret": CLIENT_SECRET,
                                     "code_verifier": "w" * 50}, timeout=10)  # fmt: skip
    assert fout_verifier.json()["error_description"] == "PKCE verification failed"
    goed = requests.post(
        doc["token_endpoint"], data={**token, "code": code(), "client_secret": CLIENT_SECRET,
                                     "code_verifier": verifier}, timeout=10).json()  # fmt: skip
    claims = jwt.decode(
        goed["id_token"], jwt.PyJWK(sleutel), algorithms=["RS256"], audience=CLIENT_ID,
        issuer=standin.issuer,
    )  # fmt: skip
    assert claims["sub"] == "idp-001"
    info = requests.get(
        doc["userinfo_endpoint"], headers={"Authorization": f"Bearer {goed['access_token']}"},
        timeout=10,
    ).json()  # fmt: skip
    assert info["roles"] == ["consulent"] and info["gemeenten"] == ["0344"]


def test_provider_onbereikbaar_geeft_melding_geen_fout(client, db, settings):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    settings.OIDC_ISSUER = f"http://127.0.0.1:{poort}"
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.AUTHENTICATION_BACKENDS = BACKENDS
    settings.OIDC_TIMEOUT = 2
    antwoord = client.get(reverse("accounts:oidc_inloggen"), follow=True)
    assert antwoord.redirect_chain[-1][0] == reverse("accounts:login")
    assert "lukt nu niet" in antwoord.content.decode()
    # A callback meanwhile: the same message, no error page.
    terug = client.get(reverse("accounts:oidc_terug") + "?code=c&state=s", follow=True)
    assert terug.status_code == 200 and "niet gelukt" in terug.content.decode()
    # Local accounts keep working while the provider is down (no discovery for them).
    lokaal = maak_gebruiker("lokale_lia", Rol.CONSULENT)
    antwoord = client.post(
        reverse("accounts:login"), {"username": lokaal.username, "password": WACHTWOORD}
    )
    assert antwoord.status_code == 302 and antwoord.url == reverse("dossiers:caseload")


# -- session refresh and logout at the provider ------------------------------------------------


def _id_token_verlopen(sessie: requests.Session) -> None:
    """Time passes: the ID token of this browser's session at the application has expired."""
    from django.contrib.sessions.backends.db import SessionStore

    opslag = SessionStore(sessie.cookies["sessionid"])
    assert opslag["oidc_id_token_expiration"] > time.time()
    opslag["oidc_id_token_expiration"] = time.time() - 1
    opslag.save()


def test_id_token_verloopt_vernieuwd_op_de_achtergrond(oidc_aan, live_server):
    sessie = _inloggen(live_server, "idp-001").sessie
    gebruiker = Gebruiker.objects.get(oidc_subject="idp-001")
    # Meanwhile the provider made her teamleider: the refresh maps the claims again.
    oidc_aan.gebruikers["idp-001"] = StandinGebruiker(
        "idp-001", {**oidc_aan.gebruikers["idp-001"].claims, "roles": ["teamleider"]}
    )
    _id_token_verlopen(sessie)
    pagina = sessie.get(live_server.url + reverse("dossiers:nieuw"), timeout=10)
    stappen = [r.url for r in pagina.history]
    assert any("/authorize?" in u and "prompt=none" in u for u in stappen)
    assert pagina.status_code == 200 and pagina.url == live_server.url + reverse("dossiers:nieuw")
    gebruiker.refresh_from_db()
    assert gebruiker.rol == Rol.TEAMLEIDER
    # Refreshed: the next page goes straight through.
    assert not sessie.get(live_server.url + reverse("dossiers:nieuw"), timeout=10).history


def test_id_token_verloopt_zonder_providersessie_naar_inloggen(oidc_aan, live_server):
    sessie = _inloggen(live_server, "idp-001").sessie
    assert oidc_aan.beeindig_sessies("idp-001") == 1  # e.g. an idle timeout at the provider
    _id_token_verlopen(sessie)
    pagina = sessie.get(live_server.url + reverse("dossiers:caseload"), timeout=10)
    assert pagina.url.startswith(live_server.url + reverse("accounts:login"))
    assert "Uw sessie bij de identity provider is verlopen" in unescape(pagina.text)
    # Logged out here too: no page without a new login.
    opnieuw = sessie.get(live_server.url + reverse("dossiers:caseload"), timeout=10)
    assert opnieuw.url.startswith(live_server.url + reverse("accounts:login"))


def test_vernieuwen_geweigerd_als_rol_weg_bij_provider(oidc_aan, live_server):
    sessie = _inloggen(live_server, "idp-001").sessie
    oidc_aan.gebruikers["idp-001"] = StandinGebruiker(
        "idp-001", {**oidc_aan.gebruikers["idp-001"].claims, "roles": []}
    )
    _id_token_verlopen(sessie)
    pagina = sessie.get(live_server.url + reverse("dossiers:caseload"), timeout=10)
    assert "de identity provider gaf geen rol" in unescape(pagina.text)
    opnieuw = sessie.get(live_server.url + reverse("dossiers:caseload"), timeout=10)
    assert opnieuw.url.startswith(live_server.url + reverse("accounts:login"))


def test_uitloggen_beeindigt_de_sessie_bij_de_provider(oidc_aan, live_server):
    sessie = _inloggen(live_server, "idp-001").sessie
    assert len(oidc_aan.sessies) == 1
    pagina = sessie.get(live_server.url + reverse("dossiers:caseload"), timeout=10)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina.text).group(1)
    uit = sessie.post(
        live_server.url + reverse("accounts:logout"),
        data={"csrfmiddlewaretoken": csrf},
        headers={"Referer": live_server.url + "/"},
        timeout=10,
    )
    # Our page (a form may not redirect to another site) sends on to the provider.
    naar_provider = unescape(re.search(r'href="([^"]*/logout\?[^"]+)"', uit.text).group(1))
    assert naar_provider.startswith(oidc_aan.issuer + "/logout?id_token_hint=")
    assert "post_logout_redirect_uri=" in naar_provider
    terug = sessie.get(naar_provider, timeout=10)
    assert terug.url == live_server.url + reverse("accounts:login")
    assert oidc_aan.sessies == {}
    # The provider's session is gone: a silent login attempt is answered login_required.
    stil = sessie.get(
        oidc_aan.issuer + "/authorize",
        params={"client_id": CLIENT_ID, "redirect_uri": "http://rp.example/terug",
                "response_type": "code", "scope": "openid", "state": "s",
                "code_challenge": "c" * 43, "code_challenge_method": "S256", "prompt": "none"},
        allow_redirects=False, timeout=10,
    )  # fmt: skip
    assert "error=login_required" in stil.headers["Location"]
    assert sessie.get(live_server.url + reverse("dossiers:caseload"), timeout=10).url.startswith(
        live_server.url + reverse("accounts:login")
    )


def test_lokaal_account_uitloggen_blijft_lokaal(client, oidc_aan):
    gebruiker = maak_gebruiker("lokale_lia", Rol.CONSULENT)
    client.force_login(gebruiker)
    antwoord = client.post(reverse("accounts:logout"))
    assert antwoord.url == reverse("accounts:login")


def test_standin_uitloggen_controleert_hint_en_adres(standin):
    standin.uitlog_uris = {CLIENT_ID: ["http://rp.example/uit"]}
    hint = jwt.encode(
        {"iss": standin.issuer, "aud": CLIENT_ID, "sub": "idp-001", "exp": 1},
        standin.sleutel,
        algorithm="RS256",
    )
    vreemd = jwt.encode({"iss": standin.issuer, "aud": CLIENT_ID}, "x" * 32, algorithm="HS256")
    url = standin.issuer + "/logout"

    def uit(**p):
        return requests.get(url, params=p, allow_redirects=False, timeout=10)

    assert uit(id_token_hint=vreemd).status_code == 400
    assert (
        uit(id_token_hint=hint, post_logout_redirect_uri="http://evil.example/").status_code == 400
    )
    assert uit(post_logout_redirect_uri="http://rp.example/uit").status_code == 400  # no client
    # An expired hint is accepted (the spec's advice); state travels back.
    goed = uit(id_token_hint=hint, post_logout_redirect_uri="http://rp.example/uit", state="z")
    assert goed.status_code == 302 and goed.headers["Location"] == "http://rp.example/uit?state=z"
