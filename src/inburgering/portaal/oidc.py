"""The citizen's login through the gemeente's DigiD broker (OpenID Connect), docs/adr/0025.

Authorization code flow with PKCE (S256), state and nonce, like the staff login
(accounts/oidc.py), but without a Django user: the result is the BSN from the ID token, which
selects the person (`services.dossier_bij_bsn`). mozilla-django-oidc is built around a user
model and `auth.login`; here the small protocol is written out with requests and PyJWT
(signature against the broker's JWKS, `iss`, `aud`, `exp`, `iat`, `nonce`, optional `acr`).

Configuration per installation (settings `PORTAAL_OIDC_*`): the stand-in and the real broker
differ only in issuer, client id and secret, and perhaps the BSN claim's name.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import time
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from inburgering.bsn import valideer_bsn

logger = logging.getLogger(__name__)

SESSIE_SLEUTEL = "portaal_oidc"
#: How long a started login may take at the broker (seconds).
INLOG_GELDIG = 600
DISCOVERY_CACHE_SECONDEN = 3600


class Geweigerd(Exception):
    """The login is refused (forged, expired or incomplete answer); never shown in detail."""


def ingeschakeld() -> bool:
    return bool(settings.PORTAAL_OIDC_ISSUER)


def discovery() -> dict[str, Any]:
    issuer = settings.PORTAAL_OIDC_ISSUER
    sleutel = f"portaal-oidc-discovery:{issuer}"
    document = cache.get(sleutel)
    if document is None:
        antwoord = requests.get(
            f"{issuer}/.well-known/openid-configuration", timeout=settings.PORTAAL_OIDC_TIMEOUT
        )
        antwoord.raise_for_status()
        document = antwoord.json()
        if str(document.get("issuer", "")).rstrip("/") != issuer:
            raise Geweigerd("discovery: issuer differs")
        cache.set(sleutel, document, DISCOVERY_CACHE_SECONDEN)
    return document


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def terug_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("portaal:terug"))


def begin(request: HttpRequest, taal: str) -> str:
    """The broker's authorization URL; state, nonce and the PKCE verifier go in the session."""
    document = discovery()
    verifier = secrets.token_urlsafe(64)
    staat = {
        "state": secrets.token_urlsafe(24),
        "nonce": secrets.token_urlsafe(24),
        "verifier": verifier,
        "sinds": time.time(),
    }
    request.session[SESSIE_SLEUTEL] = staat
    parameters = {
        "client_id": settings.PORTAAL_OIDC_CLIENT_ID,
        "response_type": "code",
        "scope": settings.PORTAAL_OIDC_SCOPES,
        "redirect_uri": terug_url(request),
        "state": staat["state"],
        "nonce": staat["nonce"],
        "code_challenge": _b64url(hashlib.sha256(verifier.encode()).digest()),
        "code_challenge_method": "S256",
        "ui_locales": taal,
    }
    return f"{document['authorization_endpoint']}?{urlencode(parameters)}"


def afronden(request: HttpRequest) -> str:
    """The broker sent the citizen back: check state, exchange the code (with the PKCE
    verifier), verify the ID token and return the BSN. `Geweigerd` for anything wrong."""
    staat = request.session.pop(SESSIE_SLEUTEL, None)
    if not staat or time.time() - float(staat.get("sinds", 0)) > INLOG_GELDIG:
        raise Geweigerd("no login started in this session, or started too long ago")
    if not secrets.compare_digest(str(request.GET.get("state", "")), str(staat["state"])):
        raise Geweigerd("state differs")
    if request.GET.get("error") or not request.GET.get("code"):
        raise Geweigerd(f"broker answered {request.GET.get('error', 'without a code')}")
    document = discovery()
    try:
        antwoord = requests.post(
            document["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": request.GET["code"],
                "redirect_uri": terug_url(request),
                "client_id": settings.PORTAAL_OIDC_CLIENT_ID,
                "client_secret": settings.PORTAAL_OIDC_CLIENT_SECRET,
                "code_verifier": staat["verifier"],
            },
            timeout=settings.PORTAAL_OIDC_TIMEOUT,
        )
    except requests.RequestException as fout:
        raise Geweigerd(f"token endpoint unreachable: {type(fout).__name__}") from None
    if antwoord.status_code != 200:
        raise Geweigerd(f"token endpoint answered {antwoord.status_code}")
    id_token = str(antwoord.json().get("id_token", ""))
    claims = controleer_id_token(id_token, document["jwks_uri"], nonce=str(staat["nonce"]))
    return bsn_uit(claims)


def controleer_id_token(id_token: str, jwks_uri: str, *, nonce: str) -> dict[str, Any]:
    """Signature (the broker's JWKS), issuer, audience, expiry, issue time and nonce."""
    try:
        sleutel = jwt.PyJWKClient(jwks_uri, timeout=int(settings.PORTAAL_OIDC_TIMEOUT))
        claims: dict[str, Any] = jwt.decode(
            id_token,
            sleutel.get_signing_key_from_jwt(id_token).key,
            algorithms=["RS256"],
            audience=settings.PORTAAL_OIDC_CLIENT_ID,
            issuer=settings.PORTAAL_OIDC_ISSUER,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            leeway=30,
        )
    except jwt.PyJWTError as fout:
        raise Geweigerd(f"ID token refused: {type(fout).__name__}") from None
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise Geweigerd("ID token nonce differs")
    acr = settings.PORTAAL_OIDC_ACR_WAARDEN
    if acr and claims.get("acr") not in acr:
        raise Geweigerd("ID token acr too low")
    return claims


def bsn_uit(claims: dict[str, Any]) -> str:
    bsn = str(claims.get(settings.PORTAAL_OIDC_CLAIM_BSN, "")).strip()
    try:
        valideer_bsn(bsn)
    except ValidationError:
        raise Geweigerd("ID token has no valid BSN claim") from None
    return bsn


def uitlog_url(terug: str) -> str | None:
    """The broker's end_session endpoint (logout there too), when it has one."""
    try:
        eind = discovery().get("end_session_endpoint")
    except (requests.RequestException, ValueError, Geweigerd):
        return None
    if not eind:
        return None
    parameters = {"post_logout_redirect_uri": terug, "client_id": settings.PORTAAL_OIDC_CLIENT_ID}
    return f"{eind}?{urlencode(parameters)}"
