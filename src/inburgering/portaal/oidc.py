"""The citizen's login through the gemeente's DigiD broker (OpenID Connect), docs/adr/0025.

The protocol is Authlib's Django client (`DjangoOAuth2App`), which needs a session but no
Django user: discovery, the authorization code flow with PKCE (S256), state and nonce kept in
the session, the code exchange, the ID token's signature against the broker's JWKS (fetched
again when a key id is unknown) and its claims (`iss`, `aud`, `exp`, `iat`, `nonce`, `azp`,
`at_hash`; joserfc underneath), and the logout URL at the broker's `end_session_endpoint`.

Ours: the configuration per installation (settings `PORTAAL_OIDC_*`: the stand-in and the real
broker differ only in issuer, client id and secret, and perhaps the BSN claim's name), the
discovery document cached and its issuer checked against the configured one, RS256 only, the
claims the ID token must carry (our client id as `aud`, the `acr` of `PORTAAL_OIDC_ACR_WAARDEN`
when set), a started login valid for `INLOG_GELDIG` seconds, and the BSN from the claim
`PORTAAL_OIDC_CLAIM_BSN`, which selects the person (`services.dossier_bij_bsn`) and is never
kept. Anything wrong is `Geweigerd`, logged without detail of the person.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import requests
from authlib.integrations.base_client import FrameworkIntegration, OAuthError
from authlib.integrations.django_client import DjangoOAuth2App
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from joserfc.errors import JoseError

from inburgering.bsn import valideer_bsn

logger = logging.getLogger(__name__)

#: Authlib's name for this client: a started login is in the session under `_state_portaal_…`.
NAAM = "portaal"
#: How long a started login may take at the broker (seconds).
INLOG_GELDIG = 600
DISCOVERY_CACHE_SECONDEN = 3600
#: Clock skew allowed on `exp` and `iat` (seconds).
SPELING = 30
#: The ID token's signature algorithms we accept, whatever the broker advertises.
ALGORITMEN = ["RS256"]


class Geweigerd(Exception):
    """The login is refused (forged, expired or incomplete answer); never shown in detail."""


def ingeschakeld() -> bool:
    return bool(settings.PORTAAL_OIDC_ISSUER)


class _Sessieopslag(FrameworkIntegration):  # type: ignore[misc]
    """State, nonce, PKCE verifier and redirect URI of a started login, in the citizen's
    session (Authlib's storage without a cache), valid for `INLOG_GELDIG` seconds."""

    expires_in = INLOG_GELDIG

    def get_state_data(self, session: Any, state: str | None) -> Any:
        opgeslagen = session.get(f"_state_{self.name}_{state}")
        if not opgeslagen or float(opgeslagen.get("exp", 0)) < time.time():
            return None
        return super().get_state_data(session, state)

    def update_token(self, token: Any, refresh_token: Any = None, access_token: Any = None) -> None:
        """No tokens are kept: the login needs the ID token once."""


class _Broker(DjangoOAuth2App):  # type: ignore[misc]
    def load_server_metadata(self) -> dict[str, Any]:
        """The discovery document, from the cache for an hour; its issuer must be ours."""
        if "_loaded_at" in self.server_metadata:
            return self.server_metadata  # type: ignore[no-any-return]
        issuer = settings.PORTAAL_OIDC_ISSUER
        sleutel = f"portaal-oidc-discovery:{issuer}"
        document = cache.get(sleutel)
        if document is None:
            document = dict(super().load_server_metadata())
            if str(document.get("issuer", "")).rstrip("/") != issuer:
                raise Geweigerd("discovery: issuer differs")
            document["id_token_signing_alg_values_supported"] = ALGORITMEN
            cache.set(sleutel, document, DISCOVERY_CACHE_SECONDEN)
        self.server_metadata.update(document)
        return self.server_metadata  # type: ignore[no-any-return]


def _broker() -> _Broker:
    """A client for the configured broker (settings are read at every login)."""
    return _Broker(
        _Sessieopslag(NAAM),
        name=NAAM,
        client_id=settings.PORTAAL_OIDC_CLIENT_ID,
        client_secret=settings.PORTAAL_OIDC_CLIENT_SECRET,
        server_metadata_url=f"{settings.PORTAAL_OIDC_ISSUER}/.well-known/openid-configuration",
        client_kwargs={
            "scope": settings.PORTAAL_OIDC_SCOPES,
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": "client_secret_post",
            "default_timeout": settings.PORTAAL_OIDC_TIMEOUT,
        },
    )


def terug_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("portaal:terug"))


def begin(request: HttpRequest, taal: str) -> str:
    """The broker's authorization URL; Authlib keeps state, nonce and the PKCE verifier in the
    session."""
    broker = _broker()
    try:
        gegevens = broker.create_authorization_url(terug_url(request), ui_locales=taal)
    except RuntimeError:
        raise Geweigerd("discovery has no authorization endpoint") from None
    broker.save_authorize_data(request, redirect_uri=terug_url(request), **gegevens)
    return str(gegevens["url"])


def _claims_eisen(issuer: str) -> dict[str, dict[str, Any]]:
    """What the ID token must say beyond Authlib's own checks (signature, `exp`, `iat`,
    `nonce`, `azp`): the broker as issuer, our client among the audience, the DigiD level."""
    eisen: dict[str, dict[str, Any]] = {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": settings.PORTAAL_OIDC_CLIENT_ID},
    }
    if settings.PORTAAL_OIDC_ACR_WAARDEN:
        eisen["acr"] = {"essential": True, "values": list(settings.PORTAAL_OIDC_ACR_WAARDEN)}
    return eisen


def afronden(request: HttpRequest) -> str:
    """The broker sent the citizen back: Authlib checks the state, exchanges the code (with the
    PKCE verifier) and verifies the ID token; we return the BSN. `Geweigerd` for anything
    wrong; an unreachable discovery document raises `requests.RequestException`."""
    broker = _broker()
    issuer = str(broker.load_server_metadata()["issuer"])
    try:
        token = broker.authorize_access_token(
            request, claims_options=_claims_eisen(issuer), leeway=SPELING
        )
    except (OAuthError, JoseError) as fout:
        reden = getattr(fout, "claim", "") or getattr(fout, "error", "")
        raise Geweigerd(f"{type(fout).__name__} {reden}".strip()) from None
    except (requests.RequestException, ValueError, RuntimeError) as fout:
        raise Geweigerd(f"token or keys unavailable: {type(fout).__name__}") from None
    claims = token.get("userinfo")
    if not claims:
        raise Geweigerd("the broker answered without an ID token")
    return bsn_uit(dict(claims))


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
        uitloggen = _broker().create_logout_url(
            post_logout_redirect_uri=terug, client_id=settings.PORTAAL_OIDC_CLIENT_ID
        )
    except (requests.RequestException, ValueError, RuntimeError, Geweigerd):
        return None
    return str(uitloggen["url"])
