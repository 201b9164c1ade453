"""Validation against the published contracts with a maintained OpenAPI validator (openapi-core).

One helper for the DUO and the BRP conformance tests: `duo_uitwisseling(...)` and
`brp_uitwisseling(...)` validate one exchange (the request our client built and the answer the
simulator gave) against DUO's files in `shared/reference/duo-m2m/API/*/openapi.yml` and RvIG's
`shared/reference/brp/openapi.yaml`: method and path, the headers the spec demands, the request
body, the status and the answer's headers and body. They return the violations as text.

The folders are found next to the repository (`../shared/reference/...`), or through
`DUO_M2M_DIR` and `BRP_SPEC`. A missing folder fails the tests with a clear message: a
conformance suite that silently skips proves nothing.

DUO's patterns use the Unicode classes `\\p{L}` (letters) and `\\p{Pd}` (dash punctuation) that
Python's `re` lacks. `_python_patroon` translates them, in ONE place and only in the loaded
dictionary (the files are not changed), into explicit ranges of exactly the code points of those
Unicode categories (Python's own Unicode database), so nothing is widened or narrowed.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from openapi_core.templating.paths.finders import APICallPathFinder
from openapi_core.testing import MockRequest, MockResponse
from openapi_schema_validator import OAS31Validator, oas31_format_checker

REPO = Path(__file__).resolve().parents[2]
DUO_M2M_DIR = Path(os.environ.get("DUO_M2M_DIR", REPO.parent / "shared" / "reference" / "duo-m2m"))
BRP_SPEC = Path(
    os.environ.get("BRP_SPEC", REPO.parent / "shared" / "reference" / "brp" / "openapi.yaml")
)
#: DUO's paths are relative to the base path `/v1` (README "Basis pad URI"); the files omit it.
DUO_HOST = "https://duo.test"


def _vereist(pad: Path, omschrijving: str, variabele: str) -> Path:
    if not pad.exists():
        pytest.fail(
            f"{omschrijving} niet gevonden in {pad}: de conformiteitstests hebben die "
            f"specificatie nodig (zet {variabele}). / {omschrijving} not found at {pad}: the "
            f"conformance tests need it (set {variabele}).",
            pytrace=False,
        )
    return pad


# --- \p{..} in DUO's patterns ---------------------------------------------------------------


@cache
def _unicode_reeksen(categorie: str) -> str:
    """The code points of a Unicode general category ('L' = all letters, 'Pd' = dashes) as
    ranges for inside a character class."""
    reeksen: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)).startswith(categorie):
            if reeksen and reeksen[-1][1] == code - 1:
                reeksen[-1] = (reeksen[-1][0], code)
            else:
                reeksen.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in reeksen
    )


_EIGENSCHAP = re.compile(r"\\([pP])\{(L|Pd)\}")


def _python_patroon(patroon: str) -> str:
    """A regular expression with `\\p{L}`/`\\p{Pd}` (`\\P{..}` outside a class) in Python's
    syntax, meaning the same."""
    uit: list[str] = []
    in_klasse = False
    i = 0
    while i < len(patroon):
        teken = patroon[i]
        if teken == "\\":
            m = _EIGENSCHAP.match(patroon, i)
            if m:
                reeksen = _unicode_reeksen(m.group(2))
                if in_klasse:
                    if m.group(1) == "P":
                        raise ValueError(f"\\P{{..}} in een tekenklasse: {patroon}")
                    uit.append(reeksen)
                else:
                    uit.append(f"[{'^' if m.group(1) == 'P' else ''}{reeksen}]")
                i = m.end()
                continue
            uit.append(patroon[i : i + 2])
            i += 2
            continue
        if teken == "[" and not in_klasse:
            in_klasse = True
        elif teken == "]" and in_klasse:
            in_klasse = False
        uit.append(teken)
        i += 1
    return "".join(uit)


def _patronen_voor_python(waarde: Any) -> Any:
    """The loaded spec with every `pattern` made readable for Python (see module docstring)."""
    if isinstance(waarde, dict):
        return {
            k: _python_patroon(v) if k == "pattern" and isinstance(v, str)
            else _patronen_voor_python(v)
            for k, v in waarde.items()
        }  # fmt: skip
    if isinstance(waarde, list):
        return [_patronen_voor_python(v) for v in waarde]
    return waarde


# --- the specifications ---------------------------------------------------------------------


def duo_apis() -> list[str]:
    api_map = _vereist(DUO_M2M_DIR / "API", "DUO-specificatie (duo-m2m/API)", "DUO_M2M_DIR")
    return sorted(p.name for p in api_map.iterdir() if (p / "openapi.yml").is_file())


@cache
def duo_document(api: str) -> dict:
    bestand = _vereist(DUO_M2M_DIR / "API" / api / "openapi.yml", f"DUO {api} API", "DUO_M2M_DIR")
    return yaml.safe_load(bestand.read_text(encoding="utf-8"))


#: openapi-core deserialises JSON bodies by media type; the BRP's errors come as
#: `application/problem+json` (RFC 9457), which is JSON too (its documented extension point).
CONFIG = Config(extra_media_type_deserializers={"application/problem+json": json.loads})


@cache
def duo_spec(api: str) -> OpenAPI:
    return OpenAPI.from_dict(_patronen_voor_python(duo_document(api)), config=CONFIG)


@cache
def brp_document() -> dict:
    bestand = _vereist(BRP_SPEC, "BRP API Personen-specificatie (brp/openapi.yaml)", "BRP_SPEC")
    return yaml.safe_load(bestand.read_text(encoding="utf-8"))


@cache
def brp_spec() -> OpenAPI:
    return OpenAPI.from_dict(_patronen_voor_python(brp_document()), config=CONFIG)


# --- one exchange ---------------------------------------------------------------------------


@dataclass
class Uitwisseling:
    methode: str
    pad: str  # without host and base path
    headers: dict[str, str]
    body: bytes | None
    status: int
    antwoord_headers: dict[str, str]
    antwoord_body: bytes


def _kop(headers: dict[str, str], naam: str, standaard: str) -> str:
    return next((v for k, v in headers.items() if k.lower() == naam.lower()), standaard)


def _fouten(resultaat) -> list[str]:
    uit = []
    for fout in resultaat.errors:
        details = getattr(fout, "__cause__", None)
        schemafouten = getattr(details, "schema_errors", None) or getattr(
            fout, "schema_errors", None
        )
        soort = type(fout).__name__
        if getattr(fout, "name", None):  # a parameter: say which (header bron, path bsn, ...)
            soort += f" ({getattr(fout, 'location', 'header')} {fout.name})"
        if schemafouten:
            uit.extend(f"{soort}: {list(e.path)}: {e.message}" for e in schemafouten)
        else:
            uit.append(f"{type(fout).__name__}: {fout}{f' ({details})' if details else ''}")
    return uit


def _valideer(spec: OpenAPI, host: str, u: Uitwisseling) -> list[str]:
    verzoek = MockRequest(
        host, u.methode, u.pad, headers=u.headers, data=u.body or b"",
        content_type=_kop(u.headers, "Content-Type", "application/json"),
    )  # fmt: skip
    antwoord = MockResponse(
        u.antwoord_body, status_code=u.status, headers=u.antwoord_headers,
        content_type=_kop(u.antwoord_headers, "Content-Type", "application/json"),
    )  # fmt: skip
    fouten = [f"verzoek: {f}" for f in _fouten(spec.unmarshal_request(verzoek))]
    fouten += [f"antwoord: {f}" for f in _fouten(spec.unmarshal_response(verzoek, antwoord))]
    return fouten


def duo_api_voor(methode: str, pad: str) -> str:
    """The one DUO API whose file has this operation (a path in none or several fails)."""
    gevonden = []
    for api in duo_apis():
        verzoek = MockRequest(DUO_HOST, methode, pad)
        resultaat = duo_spec(api).unmarshal_request(verzoek)
        if not any(isinstance(f, PathNotFound | OperationNotFound) for f in resultaat.errors):
            gevonden.append(api)
    assert len(gevonden) == 1, f"{methode} {pad}: in {gevonden or 'geen'} specificatie(s)"
    return gevonden[0]


def duo_uitwisseling(u: Uitwisseling) -> tuple[str, list[str]]:
    """The DUO API of this exchange and its violations of that API's file."""
    api = duo_api_voor(u.methode, u.pad)
    return api, _valideer(duo_spec(api), DUO_HOST, u)


def brp_uitwisseling(u: Uitwisseling) -> list[str]:
    """Violations of the BRP API Personen; `u.pad` relative to the API's base (`/personen`),
    placed under the spec's own server URL (the file names no other)."""
    server = urlsplit(brp_document()["servers"][0]["url"])
    basis = f"{server.scheme}://{server.netloc}"
    fouten = _valideer(brp_spec(), basis, replace(u, pad=server.path.rstrip("/") + u.pad))
    return fouten + [f"verzoek: {f}" for f in _brp_soort_van_vraag(u.body)]


def _brp_soort_van_vraag(body: bytes | None) -> list[str]:
    """`PersonenQuery` names its concrete query through a discriminator on `type`. In OpenAPI
    3.1 (JSON Schema 2020-12) a discriminator is an annotation, so openapi-core checks only the
    common part; here the body is also validated against the schema the mapping names
    (`RaadpleegMetBurgerservicenummer`: 1-20 BSNs of 9 digits), with the same maintained
    validator (openapi-schema-validator's OAS 3.1 validator)."""
    try:
        vraag = json.loads(body or b"")
    except ValueError:
        return []  # openapi-core reported the body already
    componenten = brp_document()["components"]
    mapping = componenten["schemas"]["PersonenQuery"]["discriminator"]["mapping"]
    if not isinstance(vraag, dict) or vraag.get("type") not in mapping:
        return [f"type {vraag.get('type') if isinstance(vraag, dict) else vraag!r} is onbekend"]
    validator = OAS31Validator(
        {"$ref": mapping[vraag["type"]], "components": componenten},
        format_checker=oas31_format_checker,
    )
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(vraag)]


def sjabloon(api: str, methode: str, pad: str) -> str:
    """The spec's path template for a concrete path (for counting the operations covered)."""
    gevonden = APICallPathFinder(duo_spec(api).spec).find(methode.lower(), DUO_HOST + pad)
    return str(gevonden.path.parts[-1])
