"""Our own JSON schemas for the DUO M2M messages, written from DUO's published contract.

These are not copies of DUO's OpenAPI files: they cover what this system sends and reads, in the
shape DUO documents (field names, formats, enumerations, limits). The conformance test checks
them and our real messages against DUO's files when those are available.
"""

from __future__ import annotations

import re
from typing import Any

from jsonschema import Draft7Validator, FormatChecker

#: The Notificatie API version this endpoint implements (returned in the API-Version header).
NOTIFICATIE_API_VERSIE = "1.8.0"
OIN_PATROON = re.compile(r"^\d{20}$")

_DATUM = {"type": "string", "format": "date"}
_DATUMTIJD = {"type": "string", "format": "date-time"}
_BSN = {"type": "string", "pattern": r"^\d{9}$", "minLength": 9, "maxLength": 9}

NOTIFICATIE = {
    "type": "object",
    "required": ["registratieDatumTijd", "gebeurtenisId"],
    "properties": {
        "registratieDatumTijd": _DATUMTIJD,
        "bsn": _BSN,
        "vNummer": {"type": "integer", "minimum": 0, "maximum": 9_999_999_999},
        "gebeurtenisId": {"type": "string", "pattern": r"^[0-9A-Z]{1,6}$"},
    },
}

FOUTMELDING = {
    "type": "object",
    "required": ["fouttekst"],
    "properties": {"fouttekst": {"type": "string", "maxLength": 200}},
}
FOUTMELDINGEN = {"type": "array", "items": FOUTMELDING}

_LEERROUTE = {"type": "string", "enum": ["B", "O", "Z"]}
_ALFA = {"type": "string", "enum": ["A", "AA", "NVT"]}
_JA_NEE = {"type": "string", "enum": ["Ja", "Nee"]}
_UREN = {
    "type": "object",
    "required": ["uren"],
    "properties": {"uren": {"type": "integer", "minimum": 0, "maximum": 9999}},
}

PIP = {
    "type": "object",
    "required": ["dagtekeningPip", "leerroute"],
    "properties": {
        "dagtekeningPip": _DATUM,
        "leerroute": _LEERROUTE,
        "niveau": {"type": "string", "enum": ["A2", "B1"]},
        "geschatteIntensiteitB1Route": {"type": "integer", "minimum": 1, "maximum": 9999},
        "indicatorMagOpleidingAfmaken": {"type": "boolean"},
        "indicatorAlfabetiseringsonderwijs": _ALFA,
    },
}
PIP_GEMEENTE = {
    "type": "object",
    "required": ["gemeentecode", "pip"],
    "properties": {"gemeentecode": {"type": "string", "pattern": r"^\d{4}$"}, "pip": PIP},
}
AANBOD = {
    "type": "object",
    "required": ["indicatorAlfabetiseringsonderwijs"],
    "properties": {
        "datumInburgeringsaanbod": _DATUM,
        "verwachteStartdatumOpleiding": _DATUM,
        "verwachteEinddatumOpleiding": _DATUM,
        "indicatorAlfabetiseringsonderwijs": _ALFA,
    },
}
MAP = {
    "type": "object",
    "properties": {"datumEindgesprekMap": _DATUM, "verwijtbaar": _JA_NEE},
}
PVT = {
    "type": "object",
    "properties": {"datumOndertekeningPvt": _DATUM, "verwijtbaar": _JA_NEE},
}
ZROUTE = {"type": "object", "properties": {"datumAfrondingZroute": _DATUM}}

INBURGERINGSPLICHT = {
    "type": "object",
    "required": ["indicatorInburgeringsplicht"],
    "properties": {
        "indicatorInburgeringsplicht": {"type": "boolean"},
        "begindatum": _DATUM,
        "einddatum": _DATUM,
        "wijzigingsdatum": _DATUM,
        "datumKennisgevingInburgeringsplicht": _DATUM,
        "redenGeenInburgeringsplicht": {
            "type": "string",
            "enum": [
                "Volledige ontheffing",
                "Volledige vrijstelling",
                "Inburgeringsplicht voldaan",
                "Verblijfsdoel gewijzigd",
                "Vertrek uit Nederland langer dan een jaar",
                "Overlijden",
                "Overig",
                "Tijdelijke vrijstelling",
            ],
        },
    },
}
DOELGROEP = {
    "type": "object",
    "properties": {
        "indeling": {
            "type": "string",
            "enum": ["Asielstatushouder", "Gezinsmigrant en overige migrant"],
        },
        "begindatum": _DATUM,
    },
}
INBURGERINGSTERMIJN = {
    "type": "object",
    "required": ["startdatum", "einddatum"],
    "properties": {"startdatum": _DATUM, "einddatum": _DATUM, "wijzigingsdatum": _DATUM},
}
LBT_RESULTATEN = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["resultaat", "behaaldeScore", "benodigdeScore", "datumAfname"],
        "properties": {
            "resultaat": {"enum": ["B1-route haalbaar", "B1-route niet haalbaar", "Onbekend"]},
            "behaaldeScore": {"type": "string", "pattern": r"^\d{1,3},\d{2}$"},
            "benodigdeScore": {"type": "string", "pattern": r"^\d{1,3},\d{2}$"},
            "datumAfname": _DATUM,
        },
    },
}
EXAMENRESULTATEN = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["examendatum", "resultaat", "onderdeel"],
        "properties": {
            "examendatum": _DATUM,
            "resultaat": {"enum": ["Geslaagd", "Gezakt", "Geen"]},
            "onderdeel": {"enum": ["KNM", "LE", "LU", "SC", "SP"]},
            "niveau": {"enum": ["A2", "B1", "B2"]},
            "redenGeenResultaat": {
                "enum": ["Verwijtbaar", "Nietverwijtbaar", "Afgemeld", "Absent"]
            },
        },
    },
}
GRATIS_POGINGEN = {
    "type": "array",
    "maxItems": 500,
    "items": {
        "type": "object",
        "required": ["onderdeel", "gratisPogingenTegoed"],
        "properties": {
            "onderdeel": {"enum": ["KNM", "LE", "LU", "SC", "SP"]},
            "gratisPogingenTegoed": {"type": "integer", "minimum": 0, "maximum": 99},
        },
    },
}

_VALIDATORS: dict[int, Draft7Validator] = {}


def _formaten() -> FormatChecker:
    """jsonschema checks `date-time` only when the optional package rfc3339-validator is
    installed (it comes with the test tools); the runtime does not have it. So the check does not
    depend on what is installed, `date-time` is left to our own check of registratieDatumTijd
    in `notificaties._inhoud` (with its Dutch message), everywhere."""
    checker = FormatChecker()
    checker.checkers.pop("date-time", None)
    return checker


_FORMATEN = _formaten()


def fouten(schema: dict[str, Any], data: Any) -> list[str]:
    """Every violation of `schema` in `data`, as short Dutch-prefixed texts (no values echoed)."""
    validator = _VALIDATORS.get(id(schema))
    if validator is None:
        validator = _VALIDATORS[id(schema)] = Draft7Validator(schema, format_checker=_FORMATEN)
    return [
        f"{'/'.join(str(p) for p in err.absolute_path) or 'bericht'}: {err.validator} ongeldig"
        for err in validator.iter_errors(data)
    ]
