"""Conformance with DUO's published contract (the OpenAPI files in shared/reference/duo-m2m):
our endpoint, every outgoing message and the simulator's answers. Skipped only when the folder
is absent (it is present in CI)."""

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.utils import timezone
from jsonschema import Draft7Validator, FormatChecker

from inburgering.dossiers.models import Dossier
from inburgering.koppelingen.duo.client import SimulatorTransport, client_voor
from inburgering.koppelingen.duo.leveringen import (
    lever_aanbod,
    lever_map,
    lever_pip,
    lever_pvt,
    lever_uren,
    lever_zroute,
)
from inburgering.koppelingen.models import Status, UitgaandBericht
from inburgering.koppelingen.outbox import verwerk_alles

from .conftest import OIN_A, post_notificatie

REPO = Path(__file__).resolve().parents[2]
SPEC_DIR = Path(os.environ.get("DUO_M2M_DIR", REPO.parent / "shared" / "reference" / "duo-m2m"))
if not (SPEC_DIR / "API").is_dir():
    pytest.skip(f"DUO-specificatie niet gevonden in {SPEC_DIR} (zet DUO_M2M_DIR)",
                allow_module_level=True)  # fmt: skip


def spec(api: str) -> dict:
    return yaml.safe_load((SPEC_DIR / "API" / api / "openapi.yml").read_text(encoding="utf-8"))


def _python_patronen(waarde):
    """DUO uses Unicode classes (\\p{L}, \\p{Pd}) that Python's `re` lacks: widen them."""
    if isinstance(waarde, dict):
        return {k: _python_patronen(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_python_patronen(v) for v in waarde]
    if isinstance(waarde, str):
        return waarde.replace("\\p{L}", "\\w").replace("\\p{Pd}", "\\-")
    return waarde


def valideer(document: dict, schema: dict, data) -> list[str]:
    root = _python_patronen({**schema, "components": document["components"]})
    validator = Draft7Validator(root, format_checker=FormatChecker())
    return [e.message for e in validator.iter_errors(data)]


def operatie(document: dict, methode: str, pad: str) -> tuple[dict, dict]:
    """The spec operation matching a concrete path (template variables match one segment)."""
    for sjabloon, ops in document["paths"].items():
        patroon = "^" + re.sub(r"\{[^/]+\}", "[^/]+", sjabloon) + "$"
        if re.match(patroon, pad) and methode.lower() in ops:
            return sjabloon, ops[methode.lower()]
    raise AssertionError(f"{methode} {pad} staat niet in de specificatie")


def header_params(document: dict, op: dict) -> list[dict]:
    params = []
    for p in op.get("parameters", []):
        if "$ref" in p:
            p = document["components"]["parameters"][p["$ref"].split("/")[-1]]
        if p["in"] == "header":
            params.append(p)
    return params


NOTIFICATIE = spec("Notificatie")
NOTIFICATIE_OP = NOTIFICATIE["paths"]["/notificaties"]["post"]


def test_endpoint_volgt_notificatie_api(client, scenarios):
    n = scenarios.nieuwe_statushouder(OIN_A)
    body_schema = NOTIFICATIE_OP["requestBody"]["content"]["application/json"]["schema"]
    assert valideer(NOTIFICATIE, body_schema, n.body) == []  # the simulator sends DUO's format
    for p in header_params(NOTIFICATIE, NOTIFICATIE_OP):  # and every required header
        assert not p["required"] or p["name"] in n.headers
    gevallen = [
        (n.headers, n.body, {}),
        (n.headers | {"berichtId": "x"}, n.body, {}),
        (n.headers, n.body, {"token": None}),
        (n.headers | {"bron": "1" * 20}, n.body, {}),
    ]
    for headers, body, kwargs in gevallen:
        antwoord = post_notificatie(client, headers, body, **kwargs)
        code = str(antwoord.status_code)
        assert code in NOTIFICATIE_OP["responses"], code
        versie = NOTIFICATIE_OP["responses"][code]["headers"]["API-Version"]["schema"]
        assert re.match(versie["pattern"], antwoord["API-Version"])
        if antwoord.content:
            fout = NOTIFICATIE["components"]["schemas"]["Foutmelding"]
            assert valideer(NOTIFICATIE, fout, antwoord.json()) == []
    assert NOTIFICATIE["info"]["version"] == "1.8.0"


class OpnameTransport(SimulatorTransport):
    """Records every request our client sends (and DUO's answer), then lets the simulator answer."""

    def __init__(self, simulator):
        super().__init__(simulator)
        self.opname = []

    def request(self, methode, url, headers, body):
        antwoord = super().request(methode, url, headers, body)
        pad = urlsplit(url).path
        self.opname.append((methode, pad.removeprefix("/v1"), headers, body, antwoord))
        return antwoord


API_VOOR_PAD = [
    (r"/PIP$", "PIP"), (r"/Inburgeringsaanbod/", "Inburgeringsaanbod"),
    (r"/instellingen$", "Inburgeringsaanbod"), (r"/(map|pvt|zroute)$", "MAP-PVT-Zroute"),
    (r"/uren", "GevolgdeUren"), (r"/inburgeringsplicht|/doelgroep", "Inburgeringsplicht"),
    (r"/inburgeringstermijn", "Inburgeringstermijn"), (r"/lbt/", "Leerbaarheidstoets"),
    (r"/examens/", "Examen"), (r"/vrijstellingen", "Vrijstelling"),
    (r"/ontheffingen", "Ontheffing"), (r"/contactpersonen", "Contactpersoon"),
]  # fmt: skip


def test_alle_uitgaande_berichten_en_antwoorden_volgen_de_specificatie(
    scenarios, stuur, sim, monkeypatch
):
    opname = OpnameTransport(sim)
    from inburgering.koppelingen.duo import client as client_module

    monkeypatch.setattr(client_module, "standaard_transport", lambda: opname)
    n = scenarios.nieuwe_statushouder(OIN_A)
    bsn = n.body["bsn"]
    stuur(n)
    stuur(scenarios.lbt_resultaat(bsn, OIN_A))
    stuur(scenarios.examenresultaat(bsn, OIN_A))
    dossier = Dossier.objects.get()
    vandaag = timezone.localdate()
    lever_pip(dossier, dagtekening=vandaag, leerroute="b1", intensiteit=500)
    verwerk_alles()
    stuur(scenarios.termijn_start(bsn, OIN_A))
    leveringen = [
        lever_aanbod(dossier, instellingsnummer="0000012345", datum_aanbod=vandaag, start=vandaag,
                     einde=vandaag.replace(year=vandaag.year + 1)),
        lever_map(dossier, datum=vandaag), lever_pvt(dossier, datum=vandaag),
        lever_zroute(dossier, datum=vandaag),
        *(lever_uren(dossier, soort=s, uren=12) for s in
          ("uren_taalles_knm", "uren_participatie", "uren_participatietaalles")),
    ]  # fmt: skip
    assert all(levering.status == Status.NIEUW for levering in leveringen), [
        levering.bevindingen for levering in leveringen
    ]
    verwerk_alles()
    c = client_voor(dossier.gemeente)
    c.vrijstellingen(bsn), c.ontheffingen(bsn), c.uren(bsn), c.inburgeringstermijn(bsn)
    assert {p["onderdeel"]: p["gratisPogingenTegoed"] for p in c.gratis_examenpogingen(bsn)}[
        "KNM"
    ] == 2  # the simulator's 3, less the KNM attempt reported above
    cp = c.contactpersoon_opvoeren({"naam": "Anna de Vries", "email": "anna@example.nl",
                                    "telefoonnummer": "0301234567"})  # fmt: skip
    c.contactpersoon_koppelen(cp["id"], bsn)

    gezien = set()
    for methode, pad, headers, body, antwoord in opname.opname:
        if pad.startswith("/brp/") or not pad.startswith("/"):
            continue
        api = next(a for patroon, a in API_VOOR_PAD if re.search(patroon, pad))
        document = spec(api)
        sjabloon, op = operatie(document, methode, pad)
        gezien.add((methode, sjabloon))
        for p in header_params(document, op):
            if p["required"]:
                assert p["name"] in headers, (p["name"], sjabloon)
                assert valideer(document, p["schema"], headers[p["name"]]) == []
        if body:
            schema = op["requestBody"]["content"]["application/json"]["schema"]
            assert valideer(document, schema, json.loads(body)) == [], (sjabloon, body)
        code = str(antwoord.status)
        assert code in op["responses"], (methode, sjabloon, code)
        inhoud = op["responses"][code].get("content", {}).get("application/json")
        if inhoud and antwoord.body:
            assert valideer(document, inhoud["schema"], json.loads(antwoord.body)) == [], (
                methode, sjabloon, antwoord.body,
            )  # fmt: skip
    verwacht = {("POST", "/personen/{bsn}/PIP"), ("PUT", "/personen/{bsn}/map"),
                ("PUT", "/personen/{bsn}/pvt"), ("PUT", "/personen/{bsn}/zroute"),
                ("POST", "/personen/{bsn}/Inburgeringsaanbod/{instellingsnummer}"),
                ("PUT", "/personen/{bsn}/uren/bredeintake/taallesknm"),
                ("GET", "/personen/{bsn}/lbt/resultaten"),
                ("GET", "/personen/{bsn}/examens/resultaten"),
                ("GET", "/personen/{bsn}/examens/gratispogingen"),
                ("POST", "/contactpersonen")}  # fmt: skip
    assert verwacht <= gezien, verwacht - gezien
    assert UitgaandBericht.objects.filter(status=Status.VERWERKT).count() == 8
