"""Errors as `application/problem+json` (RFC 9457, as the NL API Design Rules ask): `type`,
`title`, `status`, `detail`, `instance`, and for invalid input `invalidParams` (name, code,
reason per field). Title and detail are Dutch, English with `Accept-Language: en`
(`views.ApiView` activates the language before anything can fail)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import set_rollback

PROBLEEM = "application/problem+json"


class TeGroot(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "te-groot"


class Ongeldig(exceptions.APIException):
    """Input that parses but breaks a rule; `fouten`: (name, code, reason) per problem."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "ongeldig"

    def __init__(self, detail: str, fouten: list[dict[str, str]] | None = None, status_code=None):
        super().__init__(detail)
        self.fouten = fouten or []
        if status_code:
            self.status_code = status_code


class Conflict(Ongeldig):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class NietGevonden(exceptions.NotFound):
    pass


def probleem(
    status_code: int,
    code: str,
    title: str,
    detail: str,
    *,
    instance: str = "",
    invalid_params: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    lichaam: dict[str, Any] = {
        "type": f"urn:inburgering:api:probleem:{code}",
        "code": code,
        "title": title,
        "status": status_code,
        "detail": detail,
    }
    if instance:
        lichaam["instance"] = instance
    if invalid_params:
        lichaam["invalidParams"] = invalid_params
    response = HttpResponse(
        json.dumps(lichaam, ensure_ascii=False), status=status_code, content_type=PROBLEEM
    )
    for naam, waarde in (headers or {}).items():
        response[naam] = waarde
    return response


def _velden(detail, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested validation errors flattened to invalidParams (`uren[3].aanwezig`)."""
    uit: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for sleutel, waarde in detail.items():
            naam = f"{prefix}.{sleutel}" if prefix else str(sleutel)
            if sleutel == "non_field_errors":
                naam = prefix or "body"
            uit += _velden(waarde, naam)
    elif isinstance(detail, list):
        if all(isinstance(d, str) for d in detail):
            for d in detail:
                uit.append(
                    {"name": prefix or "body", "code": getattr(d, "code", "invalid"), "reason": d}
                )
        else:
            for i, d in enumerate(detail):
                if d:
                    uit += _velden(d, f"{prefix}[{i}]")
    else:
        uit.append(
            {"name": prefix or "body", "code": getattr(detail, "code", "invalid"), "reason": detail}
        )
    return uit


def exception_handler(exc, context) -> HttpResponse | None:
    request = context.get("request")
    instance = request.path if request is not None else ""
    kop: dict[str, str] = {}
    if isinstance(exc, RequestDataTooBig | TeGroot):
        set_rollback()
        return probleem(
            413,
            "te-groot",
            _("Verzoek te groot"),
            _("Het verzoek is groter dan de toegestane %(n)s bytes; splits het.")
            % {"n": _max_bytes()},
            instance=instance,
        )
    if isinstance(exc, Http404 | exceptions.NotFound):
        set_rollback()
        return probleem(
            404,
            "niet-gevonden",
            _("Niet gevonden"),
            _("Dit bestaat niet of uw organisatie is er niet bij betrokken."),
            instance=instance,
        )
    if not isinstance(exc, exceptions.APIException):
        return None
    set_rollback()
    if getattr(exc, "auth_header", None):
        kop["WWW-Authenticate"] = exc.auth_header
    if isinstance(exc, exceptions.Throttled):
        wacht = int(exc.wait or 1)
        kop["Retry-After"] = str(wacht)
        return probleem(
            429,
            "te-veel-verzoeken",
            _("Te veel verzoeken"),
            _("Uw organisatie heeft te veel verzoeken gedaan; probeer het over %(s)s seconden.")
            % {"s": wacht},
            instance=instance,
            headers=kop,
        )
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        detail = (
            _("Geef een geldige API-sleutel mee: Authorization: Bearer <sleutel>.")
            if isinstance(exc, exceptions.NotAuthenticated)
            else str(exc.detail)
        )
        return probleem(
            exc.status_code,
            "niet-geauthenticeerd",
            _("Niet geauthenticeerd"),
            detail,
            instance=instance,
            headers=kop,
        )
    if isinstance(exc, exceptions.PermissionDenied):
        return probleem(
            403,
            "geen-toegang",
            _("Geen toegang"),
            str(exc.detail),
            instance=instance,
        )
    if isinstance(exc, exceptions.ParseError):
        return probleem(
            400,
            "ongeldige-json",
            _("Ongeldige JSON"),
            _("De inhoud van het verzoek is geen geldige JSON."),
            instance=instance,
        )
    if isinstance(exc, exceptions.MethodNotAllowed):
        return probleem(
            405,
            "methode-niet-toegestaan",
            _("Methode niet toegestaan"),
            _("De methode %(m)s is hier niet toegestaan.") % {"m": request.method},
            instance=instance,
        )
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return probleem(
            415,
            "mediatype-niet-ondersteund",
            _("Mediatype niet ondersteund"),
            _("Stuur de inhoud als application/json."),
            instance=instance,
        )
    if isinstance(exc, exceptions.NotAcceptable):
        return probleem(
            406,
            "niet-aanvaardbaar",
            _("Niet aanvaardbaar"),
            _("Deze API antwoordt alleen in application/json."),
            instance=instance,
        )
    if isinstance(exc, Conflict):
        return probleem(
            409,
            "conflict",
            _("Conflict"),
            str(exc.detail),
            instance=instance,
            invalid_params=getattr(exc, "fouten", None),
        )
    if isinstance(exc, Ongeldig):
        return probleem(
            exc.status_code,
            "ongeldig",
            _("Ongeldige invoer"),
            str(exc.detail),
            instance=instance,
            invalid_params=exc.fouten,
        )
    if isinstance(exc, exceptions.ValidationError):
        return probleem(
            400,
            "ongeldige-invoer",
            _("Ongeldige invoer"),
            _("Een of meer velden zijn ongeldig; zie invalidParams."),
            instance=instance,
            invalid_params=_velden(exc.detail),
        )
    return probleem(
        exc.status_code,
        str(exc.default_code),
        str(exc.default_detail),
        str(exc.detail),
        instance=instance,
        headers=kop,
    )


def _max_bytes() -> int:
    from django.conf import settings

    return settings.API_MAX_BYTES
