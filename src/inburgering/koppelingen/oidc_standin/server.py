"""The stand-in identity provider as a WSGI application: `Standin(...)` is callable by any WSGI
server (the management command uses wsgiref; the tests run it in a thread)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

#: How long an authorization code and an access token live (seconds).
CODE_GELDIG = 60
TOKEN_GELDIG = 300
#: How long a login at the stand-in lasts (its own session, a cookie in the browser).
SESSIE_GELDIG = 8 * 3600
SESSIECOOKIE = "standin_sessie"


@dataclass(frozen=True)
class StandinGebruiker:
    """An account at the stand-in: `sub` and the claims it hands out (roles, gemeenten, ...)."""

    sub: str
    claims: dict[str, Any] = field(default_factory=dict)

    @property
    def omschrijving(self) -> str:
        return self.claims.get("name") or self.claims.get("preferred_username") or self.sub


def standaard_gebruikers() -> list[StandinGebruiker]:
    """The demo's accounts: one per role for Utrecht (0344), one for the BUCH gemeenten, and one
    without the claims the application requires (to see the refusal)."""

    def g(sub, naam, gebruikersnaam, rollen, gemeenten, **extra):
        return StandinGebruiker(
            sub,
            {
                "name": naam,
                "given_name": naam.split()[0],
                "family_name": naam.split(" ", 1)[-1],
                "preferred_username": gebruikersnaam,
                "email": f"{gebruikersnaam}@gemeente.example",
                "roles": rollen,
                "gemeenten": gemeenten,
                "acr": "urn:inburgering:standin:mfa",
                "amr": ["pwd", "otp"],
                **extra,
            },
        )

    return [
        g("idp-001", "Olga Oidc", "olga.consulent", ["consulent"], ["0344"]),
        g("idp-002", "Teun Oidc", "teun.teamleider", ["teamleider"], ["0344"]),
        g("idp-003", "Bea Oidc", "bea.beheerder", ["beheerder"], ["0344", "0150"]),
        g(
            "idp-004",
            "Kees Oidc",
            "kees.kwaliteit",
            ["kwaliteit"],
            ["0373", "0450", "0383", "0399"],
        ),
        StandinGebruiker(
            "idp-099",
            {"name": "Zonder Rol", "preferred_username": "zonder.rol", "amr": ["pwd"]},
        ),
    ]


def burger(bsn: str, naam: str) -> StandinGebruiker:
    """A citizen as a DigiD broker hands them out: a pseudonymous `sub`, the BSN in claim
    `bsn`, and the assurance level of DigiD Substantieel in `acr` (portaal, docs/adr/0025)."""
    sub = "burger-" + hashlib.sha256(f"standin:{bsn}".encode()).hexdigest()[:16]
    return StandinGebruiker(
        sub,
        {
            "name": naam,
            "bsn": bsn,
            "acr": "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
        },
    )


#: Claims of a citizen that also go into the ID token (a DigiD broker puts the BSN there).
ID_TOKEN_CLAIMS = ("acr", "amr", "name", "bsn")


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _int_b64(n: int) -> str:
    return _b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))


class Standin:
    """The provider. `issuer` is its own base URL (e.g. http://127.0.0.1:8090); clients are
    {client_id: (secret, [redirect URIs])}; an empty redirect list accepts any.

    `burgers` (citizens with a BSN claim, see `burger`) are offered to the clients named in
    `burgerclients` (the portal) instead of the staff accounts: as a DigiD broker serves the
    portal and the gemeente's own provider serves the staff."""

    def __init__(
        self,
        issuer: str,
        clients: dict[str, tuple[str, list[str]]],
        gebruikers: list[StandinGebruiker] | None = None,
        *,
        burgers: list[StandinGebruiker] | None = None,
        burgerclients: frozenset[str] | set[str] = frozenset(),
        uitlog_uris: dict[str, list[str]] | None = None,
    ):
        self.issuer = issuer.rstrip("/")
        self.clients = clients
        self.gebruikers = {g.sub: g for g in (gebruikers or standaard_gebruikers())}
        self.burgers = {b.sub: b for b in (burgers or [])}
        self.burgerclients = frozenset(burgerclients)
        #: {client_id: [post_logout_redirect_uri, ...]}; a client not named accepts any (demo).
        self.uitlog_uris = uitlog_uris or {}
        #: The provider's sessions: {session id: (sub, expiry)}.
        self.sessies: dict[str, tuple[str, float]] = {}
        self.sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(8)
        self._codes: dict[str, dict[str, Any]] = {}
        self._tokens: dict[str, tuple[str, float]] = {}
        self._slot = threading.Lock()

    # -- the documents -------------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        i = self.issuer
        return {
            "issuer": i,
            "authorization_endpoint": f"{i}/authorize",
            "token_endpoint": f"{i}/token",
            "userinfo_endpoint": f"{i}/userinfo",
            "jwks_uri": f"{i}/jwks",
            "end_session_endpoint": f"{i}/logout",
            "response_types_supported": ["code"],
            "prompt_values_supported": ["none", "login"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "profile", "email", "roles"],
            "ui_locales_supported": ["nl", "en"],
            "claims_supported": [
                "sub",
                "name",
                "preferred_username",
                "email",
                "roles",
                "gemeenten",
                "acr",
                "amr",
                "bsn",
            ],
        }

    def jwks(self) -> dict[str, Any]:
        publiek = self.sleutel.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "alg": "RS256",
                    "kid": self.kid,
                    "n": _int_b64(publiek.n),
                    "e": _int_b64(publiek.e),
                }
            ]
        }

    # -- WSGI ----------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        pad = environ.get("PATH_INFO", "")
        methode = environ.get("REQUEST_METHOD", "GET")
        routes = {
            ("GET", "/.well-known/openid-configuration"): lambda: self._json(self.discovery()),
            ("GET", "/jwks"): lambda: self._json(self.jwks()),
            ("GET", "/authorize"): lambda: self._authorize_pagina(environ),
            ("POST", "/authorize"): lambda: self._authorize_keuze(environ),
            ("POST", "/token"): lambda: self._token(environ),
            ("GET", "/userinfo"): lambda: self._userinfo(environ),
            ("GET", "/logout"): lambda: self._logout(environ, self._query(environ)),
            ("POST", "/logout"): lambda: self._logout(environ, self._formulier(environ)),
        }
        behandel = routes.get((methode, pad))
        if behandel is None:
            status, kop, body = self._fout(HTTPStatus.NOT_FOUND, "not_found", pad)
        else:
            status, kop, body = behandel()
        start_response(f"{status.value} {status.phrase}", kop)
        return [body]

    @staticmethod
    def _json(data: dict, status: HTTPStatus = HTTPStatus.OK, extra=()):
        body = json.dumps(data).encode()
        kop = [("Content-Type", "application/json"), ("Cache-Control", "no-store"), *extra]
        return status, kop, body

    def _fout(self, status: HTTPStatus, fout: str, omschrijving: str = "", extra=()):
        return self._json({"error": fout, "error_description": omschrijving}, status, extra)

    @staticmethod
    def _redirect(url: str):
        return HTTPStatus.FOUND, [("Location", url), ("Cache-Control", "no-store")], b""

    @staticmethod
    def _query(environ) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}

    @staticmethod
    def _formulier(environ) -> dict[str, str]:
        lengte = int(environ.get("CONTENT_LENGTH") or 0)
        data = environ["wsgi.input"].read(lengte).decode() if lengte else ""
        return {k: v[0] for k, v in parse_qs(data).items()}

    # -- authorization -------------------------------------------------------------------

    def _controleer_verzoek(self, p: dict[str, str]) -> str | None:
        """The reason an authorization request is refused, or None."""
        client = self.clients.get(p.get("client_id", ""))
        if client is None:
            return "unknown client_id"
        uris = client[1]
        if not p.get("redirect_uri") or (uris and p["redirect_uri"] not in uris):
            return "redirect_uri not registered for this client"
        if p.get("response_type") != "code":
            return "only response_type=code is supported"
        if "openid" not in p.get("scope", "").split():
            return "scope must contain openid"
        if not p.get("code_challenge") or p.get("code_challenge_method") != "S256":
            return "PKCE with code_challenge_method=S256 is required"
        return None

    def _accounts(self, client_id: str) -> dict[str, StandinGebruiker]:
        """The accounts this client's users choose from: citizens for the portal."""
        return self.burgers if client_id in self.burgerclients else self.gebruikers

    # -- the provider's own session -------------------------------------------------------

    def _sessie_uit(self, environ) -> tuple[str, str] | None:
        """The browser's live session at the stand-in, (id, sub), or None."""
        koek = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        sessie = koek[SESSIECOOKIE].value if SESSIECOOKIE in koek else None
        with self._slot:
            waarde = self.sessies.get(sessie or "")
        if sessie is None or waarde is None or waarde[1] < time.time():
            return None
        return sessie, waarde[0]

    def _nieuwe_sessie(self, sub: str) -> tuple[str, str]:
        sessie = secrets.token_urlsafe(24)
        with self._slot:
            self.sessies[sessie] = (sub, time.time() + SESSIE_GELDIG)
        return ("Set-Cookie", f"{SESSIECOOKIE}={sessie}; Path=/; HttpOnly; SameSite=Lax")

    def beeindig_sessies(self, sub: str) -> int:
        """End every session of `sub` (as an idle timeout or an administrator would)."""
        with self._slot:
            weg = [s for s, (wie, _) in self.sessies.items() if wie == sub]
            for s in weg:
                del self.sessies[s]
        return len(weg)

    def _met_code(self, p: dict[str, str], gebruiker: StandinGebruiker, extra=()):
        """Back to the client with a fresh authorization code."""
        code = secrets.token_urlsafe(24)
        with self._slot:
            self._codes[code] = {
                "sub": gebruiker.sub,
                "client_id": p["client_id"],
                "redirect_uri": p["redirect_uri"],
                "code_challenge": p["code_challenge"],
                "nonce": p.get("nonce"),
                "verloopt": time.time() + CODE_GELDIG,
            }
        return self._terug(p, {"code": code, "state": p.get("state", "")}, extra)

    def _terug(self, p: dict[str, str], velden: dict[str, str], extra=()):
        scheiding = "&" if urlsplit(p["redirect_uri"]).query else "?"
        status, kop, body = self._redirect(p["redirect_uri"] + scheiding + urlencode(velden))
        return status, [*kop, *extra], body

    def _authorize_pagina(self, environ):
        p = self._query(environ)
        reden = self._controleer_verzoek(p)
        if reden:
            return self._fout(HTTPStatus.BAD_REQUEST, "invalid_request", reden)
        if p.get("prompt") == "none":
            # OpenID Connect Core 3.1.2.6: no page; a code while the session lives, else
            # login_required (the client's silent session refresh).
            sessie = self._sessie_uit(environ)
            gebruiker = None
            if sessie is not None:
                gebruiker = self._accounts(p["client_id"]).get(sessie[1])
            if gebruiker is None:
                return self._terug(p, {"error": "login_required", "state": p.get("state", "")})
            return self._met_code(p, gebruiker)
        verborgen = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in p.items()
        )
        knoppen = "".join(
            f'<li><button type="submit" name="sub" value="{html.escape(g.sub)}">'
            f"{html.escape(g.omschrijving)}</button> "
            f"<code>{html.escape(json.dumps(g.claims, ensure_ascii=False))}</code></li>"
            for g in self._accounts(p["client_id"]).values()
        )
        body = (
            '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
            "<title>Stand-in identity provider</title></head><body><main>"
            "<h1>Stand-in identity provider (demo)</h1>"
            "<p>Kies een account. Alleen voor demo en tests: geen wachtwoord.</p>"
            f'<form method="post" action="/authorize">{verborgen}<ul>{knoppen}</ul></form>'
            "</main></body></html>"
        ).encode()
        return HTTPStatus.OK, [("Content-Type", "text/html; charset=utf-8")], body

    def _authorize_keuze(self, environ):
        p = self._formulier(environ)
        reden = self._controleer_verzoek(p)
        if reden:
            return self._fout(HTTPStatus.BAD_REQUEST, "invalid_request", reden)
        gebruiker = self._accounts(p["client_id"]).get(p.get("sub", ""))
        if gebruiker is None:
            return self._terug(p, {"error": "access_denied", "state": p.get("state", "")})
        return self._met_code(p, gebruiker, [self._nieuwe_sessie(gebruiker.sub)])

    # -- token and userinfo --------------------------------------------------------------

    def _client_uit(self, environ, p: dict[str, str]) -> tuple[str, str]:
        kop = environ.get("HTTP_AUTHORIZATION", "")
        if kop.startswith("Basic "):
            client_id, _, secret = base64.b64decode(kop[6:]).decode().partition(":")
            return client_id, secret
        return p.get("client_id", ""), p.get("client_secret", "")

    def _token(self, environ):
        p = self._formulier(environ)
        client_id, secret = self._client_uit(environ, p)
        client = self.clients.get(client_id)
        if client is None or not secrets.compare_digest(client[0], secret):
            return self._fout(HTTPStatus.UNAUTHORIZED, "invalid_client", "client authentication")
        if p.get("grant_type") != "authorization_code":
            return self._fout(HTTPStatus.BAD_REQUEST, "unsupported_grant_type")
        with self._slot:
            code = self._codes.pop(p.get("code", ""), None)  # single use
        if code is None or code["verloopt"] < time.time() or code["client_id"] != client_id:
            return self._fout(HTTPStatus.BAD_REQUEST, "invalid_grant", "unknown or expired code")
        if p.get("redirect_uri") != code["redirect_uri"]:
            return self._fout(HTTPStatus.BAD_REQUEST, "invalid_grant", "redirect_uri mismatch")
        verwacht = _b64url(hashlib.sha256(p.get("code_verifier", "").encode()).digest())
        if not secrets.compare_digest(verwacht, code["code_challenge"]):
            return self._fout(HTTPStatus.BAD_REQUEST, "invalid_grant", "PKCE verification failed")
        gebruiker = self._accounts(client_id)[code["sub"]]
        nu = int(time.time())
        id_claims = {
            "iss": self.issuer,
            "sub": gebruiker.sub,
            "aud": client_id,
            "iat": nu,
            "exp": nu + TOKEN_GELDIG,
            "auth_time": nu,
            **{k: v for k, v in gebruiker.claims.items() if k in ID_TOKEN_CLAIMS},
        }
        if code["nonce"]:
            id_claims["nonce"] = code["nonce"]
        id_token = jwt.encode(id_claims, self.sleutel, algorithm="RS256", headers={"kid": self.kid})
        access_token = secrets.token_urlsafe(32)
        with self._slot:
            self._tokens[access_token] = (client_id, gebruiker.sub, time.time() + TOKEN_GELDIG)
        return self._json(
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": TOKEN_GELDIG,
                "id_token": id_token,
            }
        )

    def _userinfo(self, environ):
        kop = environ.get("HTTP_AUTHORIZATION", "")
        with self._slot:
            token = self._tokens.get(kop[7:]) if kop.startswith("Bearer ") else None
        if token is None or token[2] < time.time():
            return self._fout(
                HTTPStatus.UNAUTHORIZED,
                "invalid_token",
                extra=[("WWW-Authenticate", 'Bearer error="invalid_token"')],
            )
        gebruiker = self._accounts(token[0])[token[1]]
        return self._json({"sub": gebruiker.sub, **gebruiker.claims})

    def _logout(self, environ, p: dict[str, str]):
        """RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): ends the browser's
        session here; back to `post_logout_redirect_uri` (with `state`) only when it is
        registered for the client named by `id_token_hint` or `client_id`."""
        client_id = p.get("client_id", "")
        if p.get("id_token_hint"):
            try:
                hint = jwt.decode(
                    p["id_token_hint"],
                    self.sleutel.public_key(),
                    algorithms=["RS256"],
                    issuer=self.issuer,
                    options={"verify_aud": False, "verify_exp": False},
                )
            except jwt.PyJWTError as fout:
                return self._fout(
                    HTTPStatus.BAD_REQUEST, "invalid_request", f"id_token_hint: {fout}"
                )
            if client_id and client_id != hint.get("aud"):
                return self._fout(HTTPStatus.BAD_REQUEST, "invalid_request", "client_id != aud")
            client_id = str(hint.get("aud", ""))
        terug = p.get("post_logout_redirect_uri")
        if terug:
            client = self.clients.get(client_id)
            if client is None:
                return self._fout(
                    HTTPStatus.BAD_REQUEST,
                    "invalid_request",
                    "post_logout_redirect_uri without client",
                )
            toegestaan = self.uitlog_uris.get(client_id)
            if toegestaan is not None and terug not in toegestaan:
                return self._fout(
                    HTTPStatus.BAD_REQUEST,
                    "invalid_request",
                    "post_logout_redirect_uri not registered",
                )
        sessie = self._sessie_uit(environ)
        if sessie is not None:
            with self._slot:
                self.sessies.pop(sessie[0], None)
        weg = ("Set-Cookie", f"{SESSIECOOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
        if terug:
            scheiding = "&" if urlsplit(terug).query else "?"
            if p.get("state"):
                terug += scheiding + urlencode({"state": p["state"]})
            status, kop, body = self._redirect(terug)
            return status, [*kop, weg], body
        kop = [("Content-Type", "text/plain; charset=utf-8"), weg]
        return HTTPStatus.OK, kop, b"Uitgelogd."
