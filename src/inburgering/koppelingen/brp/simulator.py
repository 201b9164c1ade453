"""A local stand-in for the BRP API Personen v2 (no Django): `POST /personen` with
`RaadpleegMetBurgerservicenummer`, answered as the published contract describes.

* The request is checked as the API does: JSON, a known `type`, 1 to 20 BSNs of 9 digits, a
  `fields` list of 1 to 130 paths, no automatically delivered field (inOnderzoek, ...) and no
  unknown field; a violation is a 400 with `application/problem+json`.
* The answer holds only the fields asked for (`fields` filters, as in the API), with dates as
  `Datum`, `JaarMaandDatum`, `JaarDatum` or `DatumOnbekend`.
* The people are those of the DUO simulator's state (`personen[bsn]["brp"]`): a person DUO
  signals is registered in the BRP, as in reality. A stored birth date may be partial
  ("1987-00-00"). Unknown BSNs give an empty `personen` list, as the API does.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..duo.simulator.app import Antwoord  # the same answer object as DUO's simulator
from .datum import BrpDatum

#: The fields this stand-in can give (the paths of the real API for these parts).
BEKENDE_VELDEN = {
    "burgerservicenummer",
    "naam",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "geboorte",
    "geboorte.datum",
    "geboorte.land",
    "geslacht",
}
AUTOMATISCH = {"inOnderzoek", "geheimhoudingPersoonsgegevens", "opschortingBijhouding", "rni",
               "verificatie"}  # fmt: skip
VELD_PATROON = re.compile(r"^[a-zA-Z0-9._]{1,200}$")
BSN_PATROON = re.compile(r"^[0-9]{9}$")
#: Countries as (code, name) of the BRP's table 'Landen'. The codes here are the simulator's
#: own placeholders; the client reads the Dutch name (client.geboorteland).
LANDEN = {
    "SY": ("9001", "Syrië"), "ER": ("9002", "Eritrea"), "AF": ("9003", "Afghanistan"),
    "TR": ("9004", "Turkije"), "IQ": ("9005", "Irak"), "XX": ("0000", "Onbekend"),
}  # fmt: skip
GESLACHT = {"M": ("M", "man"), "V": ("V", "vrouw"), "X": ("O", "onbekend")}


def probleem(status: int, titel: str, detail: str, code: str) -> Antwoord:
    return Antwoord(
        status,
        {"type": "https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1",
         "title": titel, "status": status, "detail": detail, "instance": "/personen",
         "code": code},
        {"Content-Type": "application/problem+json"},
    )  # fmt: skip


class BrpSimulator:
    def __init__(self, opslag):
        self.opslag = opslag
        self.aanroepen = 0

    def verwerk(self, methode: str, pad: str, headers: dict[str, str], body: bytes | None):
        self.aanroepen += 1
        if pad.rstrip("/").rsplit("/", 1)[-1] != "personen":
            return probleem(404, "Opgevraagde resource bestaat niet.", "Onbekend pad.", "notFound")
        if methode != "POST":
            return probleem(405, "Methode niet toegestaan.", "Gebruik POST.", "methodNotAllowed")
        try:
            vraag = json.loads(body or b"")
        except ValueError:
            return probleem(400, "Ongeldige aanvraag.", "De body is geen JSON.", "paramsValidation")
        fout = self._controleer(vraag)
        if fout:
            return probleem(
                400, "Een of meer parameters zijn niet correct.", fout, "paramsValidation"
            )
        staat = self.opslag.lees()["personen"]
        personen = [
            _filter(_persoon(bsn, staat[bsn]["brp"]), vraag["fields"])
            for bsn in vraag["burgerservicenummer"]
            if bsn in staat and staat[bsn].get("brp")
        ]
        return Antwoord(200, {"type": vraag["type"], "personen": personen},
                        {"Content-Type": "application/json; charset=utf-8"})  # fmt: skip

    def _controleer(self, vraag: Any) -> str:
        if not isinstance(vraag, dict) or vraag.get("type") != "RaadpleegMetBurgerservicenummer":
            return "type is verplicht en moet RaadpleegMetBurgerservicenummer zijn."
        bsns = vraag.get("burgerservicenummer")
        if not isinstance(bsns, list) or not 1 <= len(bsns) <= 20:
            return "burgerservicenummer moet 1 tot 20 waarden hebben."
        if not all(isinstance(b, str) and BSN_PATROON.match(b) for b in bsns):
            return "burgerservicenummer moet uit 9 cijfers bestaan."
        velden = vraag.get("fields")
        if not isinstance(velden, list) or not 1 <= len(velden) <= 130:
            return "fields moet 1 tot 130 velden hebben."
        for veld in velden:
            if not isinstance(veld, str) or not VELD_PATROON.match(veld):
                return "fields bevat een ongeldig pad."
            if veld.split(".")[0] in AUTOMATISCH:
                return f"{veld} wordt automatisch geleverd en mag niet in fields staan."
            if veld not in BEKENDE_VELDEN:
                return f"{veld} is geen bestaand veld."
        return ""


def _persoon(bsn: str, brp: dict) -> dict:
    geboren = brp.get("geboortedatum") or ""
    datum = BrpDatum.uit_opslag(geboren) if geboren else BrpDatum()
    land_code, land_naam = LANDEN.get(brp.get("landVanHerkomst", "XX"), LANDEN["XX"])
    g_code, g_naam = GESLACHT.get(brp.get("geslacht", "X"), GESLACHT["X"])
    naam = {"voornamen": brp.get("voornamen", ""), "geslachtsnaam": brp.get("geslachtsnaam", "")}
    if brp.get("voorvoegsel"):
        naam["voorvoegsel"] = brp["voorvoegsel"]
    return {
        "burgerservicenummer": bsn,
        "naam": naam,
        "geboorte": {"datum": datum.als_api(), "land": {"code": land_code,
                                                         "omschrijving": land_naam}},
        "geslacht": {"code": g_code, "omschrijving": g_naam},
    }  # fmt: skip


def _filter(persoon: dict, velden: list[str]) -> dict:
    """Only the asked fields: a path selects that part of the person, as the API's `fields`."""
    uit: dict = {}
    for veld in velden:
        bron, doel = persoon, uit
        delen = veld.split(".")
        for i, deel in enumerate(delen):
            if deel not in bron:
                break
            if i == len(delen) - 1:
                doel[deel] = bron[deel]
            else:
                bron = bron[deel]
                doel = doel.setdefault(deel, {})
    return uit
