"""The OpenAPI document of /api/v1/ (drf-spectacular): only the API's own endpoints, the API
key as a bearer scheme, the `API-Version` header on every response. Committed as
docs/api/openapi.yaml; tests/api/test_openapi.py fails when it is stale."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class SleutelSchema(OpenApiAuthenticationExtension):
    target_class = "inburgering.api.toegang.SleutelAuthenticatie"
    name = "apiSleutel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "API-sleutel van uw organisatie (ibr_...), of het PKIoverheid-"
            "certificaat met het OIN van uw organisatie (via de mTLS-proxy).",
        }


def alleen_api(endpoints, **kwargs):
    return [
        (pad, regex, methode, view)
        for pad, regex, methode, view in endpoints
        if pad.startswith("/api/v1/")
        and not pad.startswith("/api/v1/{")
        and "onbekend" not in getattr(view, "__name__", "")
    ]


def versiekop(result, generator, request, public):
    kop = {
        "API-Version": {
            "description": "Versie van de API (semver).",
            "schema": {"type": "string", "example": "1.0.0"},
            "required": True,
        }
    }
    for methoden in result.get("paths", {}).values():
        for operatie in methoden.values():
            for antwoord in operatie.get("responses", {}).values():
                antwoord.setdefault("headers", {}).update(kop)
    return result
