"""Staff login through the gemeente's identity provider (OpenID Connect), with
mozilla-django-oidc (docs/adr/0017-inloggen-via-openid-connect.md).

The library does the protocol: the authorization request with state, nonce and PKCE (S256),
the code exchange, the RS256 signature against the provider's JWKS, userinfo. This module adds
what the library leaves to its user:

* the endpoints from the provider's discovery document (`OIDC_ISSUER`/.well-known/...), unless
  set one by one;
* the ID token's `iss` and `aud` checked (the library checks only signature, expiry and nonce),
  and the userinfo's `sub` equal to the ID token's;
* the claims mapped to role and gemeenten (`koppel_claims`, settings `OIDC_CLAIM_ROLLEN`,
  `OIDC_ROLMAPPING`, `OIDC_CLAIM_GEMEENTEN`, `OIDC_GEMEENTEMAPPING`), every login again: the
  identity provider is the source of truth for these users;
* optionally the strength of the login (`OIDC_ACR_WAARDEN`, `OIDC_AMR_WAARDEN`): the second
  factor of these users is the provider's;
* a refusal with its reason on the login page instead of the library's silent redirect;
* the session re-checked at the provider when the ID token expires (`SessieVernieuwen`, the
  library's SessionRefresh: `prompt=none`, silent while the provider's session lives, else
  the login page), and logout at the provider (`eind_sessie_url`, RP-initiated logout).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import LogoutView
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.middleware import SessionRefresh
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from .beveiliging import SESSIE_VIA_IDP
from .models import Gebruiker, Gemeente, Rol

logger = logging.getLogger(__name__)

#: Library setting → field of the discovery document.
DISCOVERY_VELDEN = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
DISCOVERY_CACHE_SECONDEN = 3600


def ingeschakeld() -> bool:
    return bool(getattr(settings, "OIDC_ISSUER", ""))


def discovery() -> dict[str, Any]:
    """The provider's discovery document (cached for an hour); its `issuer` must be ours."""
    issuer = settings.OIDC_ISSUER
    sleutel = f"oidc-discovery:{issuer}"
    document = cache.get(sleutel)
    if document is None:
        antwoord = requests.get(
            f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
        )
        antwoord.raise_for_status()
        document = antwoord.json()
        if document.get("issuer", "").rstrip("/") != issuer:
            raise ImproperlyConfigured(
                f"OIDC discovery: issuer {document.get('issuer')!r} is niet {issuer!r}."
            )
        cache.set(sleutel, document, DISCOVERY_CACHE_SECONDEN)
    return document


def instelling(attr: str, *args):
    """The library's settings, the endpoints from discovery when not set one by one."""
    if attr in DISCOVERY_VELDEN and not getattr(settings, attr, ""):
        if not ingeschakeld():
            return ""
        return discovery()[DISCOVERY_VELDEN[attr]]
    return import_from_settings(attr, *args)


class Geweigerd(Exception):
    """A login the application refuses; the message (Dutch, translated) is shown to the user."""


@dataclass(frozen=True)
class Koppeling:
    rol: str
    cbs_codes: tuple[str, ...]


def _als_lijst(waarde: Any) -> list[str]:
    if waarde is None:
        return []
    if isinstance(waarde, str):
        return [w for w in waarde.replace(",", " ").split() if w]
    if isinstance(waarde, (list, tuple)):
        return [str(w) for w in waarde]
    return [str(waarde)]


def koppel_claims(claims: dict[str, Any]) -> Koppeling:
    """Role and gemeenten from the claims, or `Geweigerd` with the reason.

    * role: the values of claim `OIDC_CLAIM_ROLLEN` through `OIDC_ROLMAPPING` (value → role;
      without a mapping the role's own name); exactly one role must result (two distinct roles
      are refused: which one applies is the provider's to decide, not ours);
    * gemeenten: the values of claim `OIDC_CLAIM_GEMEENTEN` through `OIDC_GEMEENTEMAPPING`
      (value → CBS code; without a mapping the CBS code itself); at least one, each known here.
    """
    rolclaim, gemeenteclaim = settings.OIDC_CLAIM_ROLLEN, settings.OIDC_CLAIM_GEMEENTEN
    rolmapping = settings.OIDC_ROLMAPPING or {r: r for r in Rol.values}
    rollen = {rolmapping[w] for w in _als_lijst(claims.get(rolclaim)) if w in rolmapping}
    if not rollen:
        raise Geweigerd(
            _(
                "Inloggen geweigerd: de identity provider gaf geen rol voor deze applicatie "
                "(claim '%(claim)s'). Vraag de functioneel beheerder u een rol te geven."
            )
            % {"claim": rolclaim}
        )
    if len(rollen) > 1:
        raise Geweigerd(
            _(
                "Inloggen geweigerd: de identity provider gaf meer dan één rol (%(rollen)s). "
                "Vraag de functioneel beheerder u één rol te geven."
            )
            % {"rollen": ", ".join(sorted(rollen))}
        )
    gemeentemapping = settings.OIDC_GEMEENTEMAPPING
    codes = tuple(
        sorted({gemeentemapping.get(w, w) for w in _als_lijst(claims.get(gemeenteclaim))})
    )
    if not codes:
        raise Geweigerd(
            _(
                "Inloggen geweigerd: de identity provider gaf geen gemeente voor u "
                "(claim '%(claim)s'). Vraag de functioneel beheerder u een gemeente te geven."
            )
            % {"claim": gemeenteclaim}
        )
    bekend = set(Gemeente.objects.filter(cbs_code__in=codes).values_list("cbs_code", flat=True))
    onbekend = [c for c in codes if c not in bekend]
    if onbekend:
        raise Geweigerd(
            _("Inloggen geweigerd: gemeente %(codes)s is in deze installatie niet bekend.")
            % {"codes": ", ".join(onbekend)}
        )
    return Koppeling(rollen.pop(), codes)


def controleer_sterkte(id_claims: dict[str, Any]) -> None:
    """The second factor of OIDC users is the provider's: when configured, the ID token's `acr`
    must be one of `OIDC_ACR_WAARDEN` and its `amr` must hold one of `OIDC_AMR_WAARDEN`."""
    acr_waarden, amr_waarden = settings.OIDC_ACR_WAARDEN, settings.OIDC_AMR_WAARDEN
    if acr_waarden and id_claims.get("acr") not in acr_waarden:
        raise Geweigerd(
            _(
                "Inloggen geweigerd: de identity provider meldt geen inlog met een tweede "
                "factor (acr). Log opnieuw in met uw tweede factor."
            )
        )
    if amr_waarden and not set(_als_lijst(id_claims.get("amr"))) & set(amr_waarden):
        raise Geweigerd(
            _(
                "Inloggen geweigerd: de identity provider meldt geen inlog met een tweede "
                "factor (amr). Log opnieuw in met uw tweede factor."
            )
        )


#: What a provider that cannot be reached or answers nonsense raises here.
PROVIDERFOUTEN = (requests.RequestException, ValueError, KeyError, ImproperlyConfigured)


class GemeenteOIDCBackend(OIDCAuthenticationBackend):
    """Users are found by their `sub` at the provider (`Gebruiker.oidc_subject`), never by
    e-mail or username: a local account with the same name is not taken over."""

    get_settings = staticmethod(instelling)

    def __init__(self, *args, **kwargs):
        # Django makes every backend for every login, local passwords included: the library's
        # __init__ would read the endpoints (discovery, over the network) each time. Here they
        # are read only for a login that comes back from the provider (`authenticate`).
        self.UserModel = Gebruiker

    def authenticate(self, request, **kwargs):
        if not ingeschakeld() or request is None or "code" not in request.GET:
            return None
        try:
            super().__init__()
            return super().authenticate(request, **kwargs)
        except Geweigerd as reden:
            logger.info("OIDC: inloggen geweigerd: %s", reden)
            request.oidc_weigering = str(reden)
        except SuspiciousOperation as fout:
            logger.warning("OIDC: token of antwoord afgekeurd: %s", fout)
        except PROVIDERFOUTEN as fout:
            logger.warning("OIDC: provider niet bereikbaar of onjuist antwoord: %s", fout)
            request.oidc_weigering = _(
                "Inloggen via de identity provider lukt nu niet. Probeer het later opnieuw "
                "of neem contact op met de servicedesk."
            )
        return None

    def get_payload_data(self, token, key):
        """Signature (the library), and issuer, audience and expiry (here)."""
        payload = super().get_payload_data(token, key)
        try:
            jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                options={"require": ["iss", "aud", "exp", "sub"]},
            )
        except jwt.PyJWTError as fout:
            raise SuspiciousOperation(f"ID token refused: {fout}") from None
        self.id_claims = payload
        # The session is re-checked at the provider when this ID token expires.
        self.request.oidc_id_token_exp = payload.get("exp")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        user_info = self.get_userinfo(access_token, id_token, payload)
        if user_info.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo sub differs from the ID token's")
        controleer_sterkte(payload)
        koppeling = koppel_claims(user_info)
        return self.bewaar(payload["sub"], user_info, koppeling)

    @transaction.atomic
    def bewaar(self, sub: str, claims: dict[str, Any], koppeling: Koppeling) -> Gebruiker:
        gebruiker = Gebruiker.objects.filter(oidc_subject=sub).first()
        if gebruiker is None:
            gebruiker = Gebruiker(oidc_subject=sub, username=self._vrije_naam(claims, sub))
            gebruiker.set_unusable_password()
        elif not gebruiker.is_active:
            raise Geweigerd(_("Inloggen geweigerd: uw account in deze applicatie is uitgezet."))
        gebruiker.first_name = str(claims.get("given_name", ""))[:150]
        gebruiker.last_name = str(claims.get("family_name", ""))[:150]
        gebruiker.email = str(claims.get("email", ""))[:254]
        gebruiker.rol = koppeling.rol
        gebruiker.save()
        gebruiker.gemeenten.set(Gemeente.objects.filter(cbs_code__in=koppeling.cbs_codes))
        if gebruiker.team_id and gebruiker.team.gemeente.cbs_code not in koppeling.cbs_codes:
            gebruiker.team = None
            gebruiker.save(update_fields=["team"])
        return gebruiker

    @staticmethod
    def _vrije_naam(claims: dict[str, Any], sub: str) -> str:
        naam = str(claims.get("preferred_username") or "")[:150]
        if naam and not Gebruiker.objects.filter(username=naam).exists():
            return naam
        return f"oidc-{sub}"[:150]

    def get_user(self, user_id):
        try:
            return Gebruiker.objects.get(pk=user_id)
        except Gebruiker.DoesNotExist:
            return None


def _provider_onbereikbaar(request, fout: Exception) -> HttpResponseRedirect:
    logger.error("OIDC: provider niet bereikbaar of onjuist geconfigureerd: %s", fout)
    messages.error(
        request,
        _(
            "Inloggen via de identity provider lukt nu niet. Probeer het later opnieuw "
            "of neem contact op met de servicedesk."
        ),
    )
    return HttpResponseRedirect(reverse("accounts:login"))


class InloggenView(OIDCAuthenticationRequestView):
    """Step 1: to the provider's login page (state, nonce, PKCE by the library)."""

    get_settings = staticmethod(instelling)

    def __init__(self, *args, **kwargs):
        # The library reads the endpoints here: from discovery, which may fail.
        self.providerfout = None
        try:
            super().__init__(*args, **kwargs)
        except PROVIDERFOUTEN as fout:
            self.providerfout = fout

    def get(self, request):
        if not ingeschakeld():
            raise Http404
        if self.providerfout is not None:
            return _provider_onbereikbaar(request, self.providerfout)
        return super().get(request)


class TerugView(OIDCAuthenticationCallbackView):
    """Step 2: the provider sends the user back with a code; refused logins return to our
    login page with the reason."""

    get_settings = staticmethod(instelling)

    def get(self, request):
        if not ingeschakeld():
            raise Http404
        return super().get(request)

    @property
    def failure_url(self):
        return reverse("accounts:login")

    def login_failure(self):
        # A refused session refresh (account switched off, role taken away at the provider)
        # ends the session here too: the library only logs out on an error from the provider.
        if self.request.user.is_authenticated:
            auth.logout(self.request)
        reden = getattr(self.request, "oidc_weigering", None)
        if reden is None and self.request.GET.get("error") == "login_required":
            reden = _(
                "Uw sessie bij de identity provider is verlopen of beëindigd. Log opnieuw in."
            )
        messages.error(
            self.request,
            reden or _("Inloggen via de identity provider is niet gelukt. Probeer het opnieuw."),
        )
        return HttpResponseRedirect(self.failure_url)

    def login_success(self):
        antwoord = super().login_success()
        self.request.session[SESSIE_VIA_IDP] = True
        # The library re-checks after OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS; sooner when the
        # ID token expires sooner.
        exp = getattr(self.request, "oidc_id_token_exp", None)
        if isinstance(exp, (int, float)):
            sessie = self.request.session
            sessie["oidc_id_token_expiration"] = min(sessie["oidc_id_token_expiration"], exp)
        return antwoord

    @property
    def success_url(self):
        # The library checked "next" against this host when the login started; "/" sends
        # every role to its own start page.
        return self.request.session.get("oidc_login_next") or reverse("start")


class SessieVernieuwen(SessionRefresh):
    """A session that came through the provider is re-checked there when its ID token expires:
    a GET goes to the provider with `prompt=none` and comes back through `TerugView`, silently
    while the provider's session lives (claims mapped again), to the login page when not.

    The library's middleware reads the endpoints when the process starts; this one only when a
    session needs it (discovery may be down at start-up, local accounts never need it)."""

    get_settings = staticmethod(instelling)

    def __init__(self, get_response):
        MiddlewareMixin.__init__(self, get_response)

    def __getattr__(self, naam: str):
        # OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_RP_CLIENT_ID, ...: read when used.
        if naam.startswith("OIDC_"):
            standaard = {
                "OIDC_EXEMPT_URLS": [],
                "OIDC_STATE_SIZE": 32,
                "OIDC_RP_SCOPES": "openid email",
                "OIDC_USE_NONCE": True,
                "OIDC_NONCE_SIZE": 32,
                "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:oidc_terug",
            }
            return instelling(naam, *([standaard[naam]] if naam in standaard else []))
        raise AttributeError(naam)

    @cached_property
    def exempt_urls(self):
        return {
            reverse("accounts:oidc_inloggen"),
            reverse("accounts:oidc_terug"),
            reverse("accounts:logout"),
        }

    def process_request(self, request):
        if not ingeschakeld() or not request.session.get(SESSIE_VIA_IDP):
            return None
        try:
            return super().process_request(request)
        except PROVIDERFOUTEN as fout:
            # Provider unreachable: the session is not extended; log in again later.
            auth.logout(request)
            return _provider_onbereikbaar(request, fout)


def eind_sessie_url(request) -> str | None:
    """Where logout continues at the provider (RP-initiated logout), or None: the discovery's
    `end_session_endpoint` with the ID token as hint and our login page to come back to.
    Called before the local logout (the session still holds the ID token)."""
    id_token = request.session.get("oidc_id_token")
    if not ingeschakeld() or not request.session.get(SESSIE_VIA_IDP) or not id_token:
        return None
    try:
        eindpunt = settings.OIDC_OP_LOGOUT_ENDPOINT or discovery().get("end_session_endpoint")
    except PROVIDERFOUTEN as fout:
        logger.warning("OIDC: uitloggen bij de provider niet mogelijk: %s", fout)
        return None
    if not eindpunt:
        return None
    terug = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
    parameters = {
        "id_token_hint": id_token,
        "post_logout_redirect_uri": terug,
        "client_id": settings.OIDC_RP_CLIENT_ID,
    }
    scheiding = "&" if "?" in eindpunt else "?"
    return eindpunt + scheiding + urlencode(parameters)


class UitloggenView(LogoutView):
    """Logout here, and for a session that came through the provider also there: through our
    own page (the CSP's form-action allows no redirect of a form to another site)."""

    def post(self, request, *args, **kwargs):
        bij_provider = eind_sessie_url(request)
        antwoord = super().post(request, *args, **kwargs)
        if not bij_provider:
            return antwoord
        return render(request, "accounts/uitgelogd.html", {"bij_provider": bij_provider})
