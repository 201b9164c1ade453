"""A faithful stand-in for DUO's M2M APIs (no Django): paths, headers, status codes and bodies
as in DUO's contract, and DUO's business rules in the simulator's own implementation
(`regels.py`, written from DUO's texts; it does not use the product's `inburgering.wet`, so a
rule the product gets wrong is caught here rather than repeated).

`Simulator.verwerk(methode, pad, headers, body)` answers one request; `wsgi_app` serves it over
HTTP. Paths are relative to DUO's base path `/v1`. The people's BRP data in the state
(`personen[bsn]["brp"]`) is served by the BRP simulator (`koppelingen/brp/simulator.py`), not here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections import deque
from collections.abc import Callable
from typing import Any

from .. import schemas
from . import regels
from .opslag import Opslag

DUO_OIN_STANDAARD = "00000001003214345000"
API_VERSIES = {
    "personen": "1.2.2", "PIP": "1.1.3", "lbt": "1.2.0", "inburgeringstermijn": "1.0.0",
    "vrijstellingen": "1.0.0", "ontheffingen": "1.0.0", "Inburgeringsaanbod": "1.0.0",
    "instellingen": "1.0.0", "map": "1.0.0", "pvt": "1.0.0", "zroute": "1.0.0", "uren": "1.0.0",
    "examens": "1.0.0", "contactpersonen": "1.0.0", "verlengingsgronden": "1.0.0",
}  # fmt: skip
VERLENGINGSGRONDEN = [
    {"code": "AMB", "omschrijving": "Ambtshalve verlenging"},
    {"code": "VER", "omschrijving": "Verlenging op verzoek"},
]


class Antwoord:
    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None):
        self.status = status
        self.body = body
        self.headers = headers or {}

    @property
    def inhoud(self) -> bytes:
        return b"" if self.body is None else json.dumps(self.body).encode()


class Storing:
    """A forced answer (fault injection for tests and demos): the next `aantal` requests whose
    method and path match get this answer instead of DUO's own. `api_versie=False` answers as
    the gateway in front of DUO's APIs does (no `API-Version` header: e.g. a refused
    certificate); `body` is sent as is (None: no body)."""

    def __init__(self, status, body=None, *, methode=None, pad="", api_versie=True, aantal=1):
        self.status, self.body, self.methode = status, body, methode
        self.pad = re.compile(pad)
        self.api_versie, self.aantal = api_versie, aantal

    def past(self, methode: str, pad: str) -> bool:
        return (self.methode in (None, methode)) and bool(self.pad.search(pad))


#: The simulator's free attempts per component before any result (see `gratispogingen`).
GRATIS_POGINGEN_START = 3
#: The exam components of the Examen API (`Onderdeel`), and the reasons without a result that
#: use no attempt (`RedenGeenResultaat`: not the candidate's fault, or cancelled in time).
EXAMENONDERDELEN = ("LE", "LU", "SC", "SP", "KNM")
GEEN_POGING = frozenset({"Nietverwijtbaar", "Afgemeld"})


class _Fout(Exception):
    def __init__(self, status: int, *teksten: str):
        self.antwoord = Antwoord(status, [{"fouttekst": t[:200]} for t in teksten] or None)


def _datum(waarde: str | None) -> dt.date | None:
    return dt.date.fromisoformat(waarde) if waarde else None


def vandaag() -> dt.date:
    return dt.date.today()


class Simulator:
    def __init__(self, opslag: Opslag | None = None, duo_oin: str = DUO_OIN_STANDAARD):
        self.opslag = opslag or Opslag()
        self.duo_oin = duo_oin
        self.aanroepen = 0
        #: Forced answers, first match wins (see `storing`); and every request answered, as
        #: (method, path without /v1, status), so tests can count what reached "DUO".
        self.storingen: list[Storing] = []
        self.logboek: deque[tuple[str, str, int]] = deque(maxlen=10_000)
        self._routes: list[tuple[str, re.Pattern, Callable]] = []
        r = self._route
        r("GET", r"/personen/(?P<bsn>[^/]+)/inburgeringsplicht", self.inburgeringsplicht)
        r("GET", r"/personen/(?P<bsn>[^/]+)/inburgeringsplicht/historie", self.plicht_historie)
        r("GET", r"/personen/(?P<bsn>[^/]+)/doelgroep", self.doelgroep)
        r("GET", r"/personen/(?P<bsn>[^/]+)/doelgroep/historie", self.doelgroep_historie)
        r("GET", r"/personen/(?P<bsn>[^/]+)/inburgeringstermijn", self.termijn)
        r("GET", r"/personen/(?P<bsn>[^/]+)/inburgeringstermijn/historie", self.termijn_historie)
        r("GET", r"/verlengingsgronden", lambda c: Antwoord(200, VERLENGINGSGRONDEN))
        r("GET", r"/personen/(?P<bsn>[^/]+)/lbt/examennummer", self.lbt_examennummer)
        r("DELETE", r"/personen/(?P<bsn>[^/]+)/lbt/examennummer", self.lbt_afmelden)
        r("GET", r"/personen/(?P<bsn>[^/]+)/lbt/resultaten", self.lbt_resultaten)
        r("GET", r"/personen/(?P<bsn>[^/]+)/vrijstellingen", self.lijst("vrijstellingen"))
        r("GET", r"/personen/(?P<bsn>[^/]+)/ontheffingen", self.lijst("ontheffingen"))
        r("GET", r"/personen/(?P<bsn>[^/]+)/examens/resultaten", self.lijst("examens"))
        r("GET", r"/personen/(?P<bsn>[^/]+)/examens/gratispogingen", self.gratispogingen)
        r("GET", r"/personen/(?P<bsn>[^/]+)/PIP", self.pip_raadplegen)
        r("POST", r"/personen/(?P<bsn>[^/]+)/PIP", self.pip_aanleveren)
        r("DELETE", r"/personen/(?P<bsn>[^/]+)/PIP", self.pip_verwijderen)
        r("GET", r"/instellingen", lambda c: Antwoord(200, c["staat"]["instellingen"]))
        r("POST", r"/personen/(?P<bsn>[^/]+)/Inburgeringsaanbod/(?P<nr>[^/]+)", self.aanbod)
        r("DELETE", r"/personen/(?P<bsn>[^/]+)/Inburgeringsaanbod/(?P<nr>[^/]+)", self.aanbod_weg)
        r("GET", r"/personen/(?P<bsn>[^/]+)/map", self.resultaat_raadplegen("map"))
        r("PUT", r"/personen/(?P<bsn>[^/]+)/map", self.resultaat_leveren("map"))
        r("GET", r"/personen/(?P<bsn>[^/]+)/pvt", self.resultaat_raadplegen("pvt"))
        r("PUT", r"/personen/(?P<bsn>[^/]+)/pvt", self.resultaat_leveren("pvt"))
        r("PUT", r"/personen/(?P<bsn>[^/]+)/zroute", self.zroute)
        r("GET", r"/personen/(?P<bsn>[^/]+)/uren", self.uren_raadplegen)
        for sub, sleutel in (
            ("bredeintake/taallesknm", "TaallesEnKnmBredeIntake"),
            ("participatieactiviteiten", "ParticipatieactiviteitenBredeIntake"),
            ("participatietaalles", "ParticipatieAlsTaalles"),
        ):
            r("PUT", rf"/personen/(?P<bsn>[^/]+)/uren/{sub}", self.uren_leveren(sleutel))
        r("POST", r"/contactpersonen", self.contactpersoon_nieuw)
        r("PUT", r"/contactpersonen/(?P<id>\d+)", self.contactpersoon_wijzig)
        r("DELETE", r"/contactpersonen/(?P<id>\d+)", self.contactpersoon_weg)
        r("POST", r"/contactpersonen/(?P<id>\d+)/personen/(?P<bsn>[^/]+)", self.cp_koppel)
        r("DELETE", r"/contactpersonen/(?P<id>\d+)/personen/(?P<bsn>[^/]+)", self.cp_ontkoppel)

    def _route(self, methode: str, patroon: str, functie: Callable) -> None:
        self._routes.append((methode, re.compile(f"^{patroon}$"), functie))

    # --- fault injection ----------------------------------------------------------------------

    def storing(self, status: int, body: Any = None, **kwargs) -> Storing:
        """Force the next answer(s): `sim.storing(503, pad="/PIP$", aantal=2)`,
        `sim.storing(401, api_versie=False)`, `sim.storing(403)` (no body)."""
        storing = Storing(status, body, **kwargs)
        self.storingen.append(storing)
        return storing

    def ontvangen(self, methode: str, pad_eindigt_op: str, *, geslaagd: bool = True) -> int:
        """How many requests with this method and path ending reached DUO (and succeeded)."""
        return sum(
            1 for m, p, status in self.logboek
            if m == methode and p.endswith(pad_eindigt_op) and (status < 300 or not geslaagd)
        )  # fmt: skip

    def _geforceerd(self, methode: str, pad: str) -> Antwoord | None:
        for storing in self.storingen:
            if storing.aantal > 0 and storing.past(methode, pad):
                storing.aantal -= 1
                headers = {"API-Version": "1.0.0"} if storing.api_versie else {}
                return Antwoord(storing.status, storing.body, headers)
        return None

    # --- dispatch ---------------------------------------------------------------------------

    def verwerk(
        self, methode: str, pad: str, headers: dict[str, str], body: bytes | None = None
    ) -> Antwoord:
        self.aanroepen += 1
        h = {k.lower(): v for k, v in headers.items()}
        pad = pad.split("?", 1)[0]
        if not pad.startswith("/v1/"):
            return Antwoord(404)
        pad = pad[3:]
        geforceerd = self._geforceerd(methode.upper(), pad)
        if geforceerd is not None:
            self.logboek.append((methode.upper(), pad, geforceerd.status))
            return geforceerd
        versie = API_VERSIES.get(pad.strip("/").split("/")[0], "1.0.0")
        if pad.startswith("/personen/"):
            versie = API_VERSIES.get(pad.split("/")[3] if pad.count("/") > 2 else "", versie)
        try:
            antwoord = self._verwerk(methode.upper(), pad, h, body)
        except _Fout as fout:
            antwoord = fout.antwoord
        antwoord.headers.setdefault("API-Version", versie)
        if h.get("berichtid"):
            antwoord.headers["berichtId"] = h["berichtid"]
        self.logboek.append((methode.upper(), pad, antwoord.status))
        return antwoord

    def _verwerk(self, methode, pad, h, body) -> Antwoord:
        for naam in ("bron", "doel", "berichtid"):
            if not h.get(naam):
                raise _Fout(400, f"Header {naam} ontbreekt.")
        try:
            uuid.UUID(h["berichtid"])
        except ValueError:
            raise _Fout(400, "berichtId is geen UUID.") from None
        if len(h["bron"]) != 20 or len(h["doel"]) != 20:
            raise _Fout(400, "Een OIN bestaat uit 20 tekens.")
        if h["doel"] != self.duo_oin:
            raise _Fout(403, "Dit bericht is niet voor DUO bestemd.")
        for route_methode, patroon, functie in self._routes:
            match = patroon.match(pad)
            if not match or route_methode != methode:
                continue
            args = match.groupdict()
            if "bsn" in args and not re.fullmatch(r"\d{9}", args["bsn"]):
                raise _Fout(400, "Het BSN bestaat uit 9 cijfers.")
            data = None
            if body:
                try:
                    data = json.loads(body)
                except ValueError:
                    raise _Fout(400, "Het verzoek is geen geldige JSON.") from None
            if methode == "GET":
                staat = self.opslag.lees()
                return self._aanroep(functie, staat, h, data, args)
            with self.opslag.transactie() as staat:
                return self._aanroep(functie, staat, h, data, args)
        raise _Fout(404, "Onbekende resource.")

    def _aanroep(self, functie, staat, h, data, args) -> Antwoord:
        cbs = staat["gemeenten"].get(h["bron"])
        if cbs is None:
            raise _Fout(403, "De bron is geen bij DUO bekende gemeente.")
        context = {"staat": staat, "cbs": cbs, "data": data}
        if "bsn" in args:
            persoon = staat["personen"].get(args["bsn"])
            if persoon is None:
                raise _Fout(404, "Persoon niet bekend bij DUO.")
            if not self._relevant(persoon, cbs):
                raise _Fout(403, "De persoon is niet relevant voor deze gemeente.")
            context["persoon"] = persoon
        return functie(context, **{k: v for k, v in args.items() if k != "bsn"})

    @staticmethod
    def _relevant(persoon: dict, cbs: str) -> bool:
        """DUO's scope: the person lives in the gemeente, or its (recent) PIP is theirs."""
        pip = persoon.get("pip") or {}
        return (
            persoon.get("gemeente") == cbs
            or pip.get("gemeentecode") == cbs
            or (persoon.get("vorige_gemeente") == cbs)
        )

    # --- Inburgeringsplicht, doelgroep, termijn -------------------------------------------

    def inburgeringsplicht(self, c) -> Antwoord:
        return Antwoord(200, c["persoon"]["inburgeringsplicht"])

    def plicht_historie(self, c) -> Antwoord:
        return Antwoord(200, c["persoon"].get("plicht_historie", []))

    def doelgroep(self, c) -> Antwoord:
        return Antwoord(200, c["persoon"]["doelgroep"])

    def doelgroep_historie(self, c) -> Antwoord:
        return Antwoord(200, c["persoon"].get("doelgroep_historie", []))

    def termijn(self, c) -> Antwoord:
        if not c["persoon"].get("termijn"):
            raise _Fout(404, "Er is geen inburgeringstermijn vastgesteld.")
        return Antwoord(200, c["persoon"]["termijn"])

    def termijn_historie(self, c) -> Antwoord:
        return Antwoord(200, c["persoon"].get("termijn_historie", []))

    # --- Leerbaarheidstoets, vrijstelling, ontheffing, examen -----------------------------

    def lbt_examennummer(self, c) -> Antwoord:
        nummer = c["persoon"].get("lbt_examennummer")
        if not nummer:
            raise _Fout(404, "De persoon is niet aangemeld voor de leerbaarheidstoets.")
        return Antwoord(200, {"examennummer": nummer})

    def lbt_afmelden(self, c) -> Antwoord:
        if not c["persoon"].pop("lbt_examennummer", None):
            raise _Fout(404, "De persoon is niet aangemeld voor de leerbaarheidstoets.")
        return Antwoord(200)

    def lbt_resultaten(self, c) -> Antwoord:
        return Antwoord(200, c["persoon"].get("lbt_resultaten", []))

    def lijst(self, sleutel: str) -> Callable:
        return lambda c: Antwoord(200, c["persoon"].get(sleutel, []))

    def gratispogingen(self, c) -> Antwoord:
        """Examen API `getGratisPogingenTegoedByBsn`. A scenario may set the balance per component
        (`persoon["gratispogingen"]`); otherwise the simulator starts every component at
        `GRATIS_POGINGEN_START` and takes off each reported attempt (a "Geen" result for a reason
        in `GEEN_POGING` uses none). The starting number is the simulator's, not DUO's rule."""
        persoon = c["persoon"]
        vast = persoon.get("gratispogingen") or {}
        gebruikt: dict[str, int] = {}
        for r in persoon.get("examens", []):
            if not (r["resultaat"] == "Geen" and r.get("redenGeenResultaat") in GEEN_POGING):
                gebruikt[r["onderdeel"]] = gebruikt.get(r["onderdeel"], 0) + 1
        return Antwoord(
            200,
            [
                {
                    "onderdeel": o,
                    "gratisPogingenTegoed": vast.get(
                        o, max(0, GRATIS_POGINGEN_START - gebruikt.get(o, 0))
                    ),
                }
                for o in EXAMENONDERDELEN
            ],
        )

    # --- PIP --------------------------------------------------------------------------------

    def pip_raadplegen(self, c) -> Antwoord:
        if not c["persoon"].get("pip"):
            raise _Fout(404, "Er is geen PIP bekend.")
        return Antwoord(200, c["persoon"]["pip"])

    def pip_aanleveren(self, c) -> Antwoord:
        persoon, data = c["persoon"], c["data"]
        self._schema(schemas.PIP, data)
        if persoon.get("gemeente") != c["cbs"]:
            raise _Fout(403, "De persoon valt niet onder uw gemeente.")
        plicht = persoon["inburgeringsplicht"]
        actuele = ((persoon.get("pip") or {}).get("pip") or {}).get("dagtekeningPip")
        self._regels(
            regels.pip_aanleveren(
                dagtekening=dt.date.fromisoformat(data["dagtekeningPip"]),
                leerroute=data["leerroute"],
                niveau=data.get("niveau"),
                intensiteit=data.get("geschatteIntensiteitB1Route"),
                asielmigrant=_asielmigrant(persoon),
                start_plicht=_datum(plicht.get("begindatum")),
                vestiging=_datum(persoon.get("vestigingsdatum")),
                dagtekening_initiele_pip=_datum(persoon.get("pip_initieel")),
                dagtekening_actuele_pip=_datum(actuele),
            )
        )
        pip = dict(data)
        vastgelegd = regels.vastgesteld_niveau(data["leerroute"], data.get("niveau"))
        if vastgelegd:
            pip["niveau"] = vastgelegd
        persoon["pip"] = {"gemeentecode": c["cbs"], "pip": pip}
        persoon.setdefault("pip_initieel", data["dagtekeningPip"])
        return Antwoord(201)

    def pip_verwijderen(self, c) -> Antwoord:
        persoon = c["persoon"]
        if (persoon.get("pip") or {}).get("gemeentecode") != c["cbs"]:
            raise _Fout(404, "Er is geen PIP van uw gemeente bekend.")
        uren = sum(
            (u.get("ParticipatieAlsTaalles") or {}).get("uren", 0)
            for u in (persoon.get("uren") or {}).values()
        )
        self._regels(
            regels.pip_verwijderen(
                termijn_vastgesteld=bool(persoon.get("termijn")),
                uren_taalles_cursusinstelling=uren,
                aanbod_geregistreerd=bool(persoon.get("aanbod")),
            )
        )
        persoon["pip"] = None
        return Antwoord(200)

    # --- Inburgeringsaanbod -----------------------------------------------------------------

    def aanbod(self, c, nr: str) -> Antwoord:
        persoon, data = c["persoon"], c["data"]
        self._schema(schemas.AANBOD, data)
        instelling = next(
            (i for i in c["staat"]["instellingen"] if i["instellingsnummer"] == nr), None
        )
        if instelling is None:
            raise _Fout(404, "Instelling niet bekend bij DUO.")
        pip = (persoon.get("pip") or {}).get("pip")
        termijn = persoon.get("termijn") or {}
        self._regels(
            regels.aanbod(
                asielmigrant=_asielmigrant(persoon),
                leerroute=pip["leerroute"] if pip else None,
                dagtekening_actuele_pip=_datum(pip["dagtekeningPip"]) if pip else None,
                bow=bool(instelling.get("indicatieBowKeurmerk")),
                tst=bool(instelling.get("indicatieTstKeurmerk")),
                datum_aanbod=_datum(data.get("datumInburgeringsaanbod")),
                start=_datum(data.get("verwachteStartdatumOpleiding")),
                einde=_datum(data.get("verwachteEinddatumOpleiding")),
                termijn_start=_datum(termijn.get("startdatum")),
                termijn_einde=_datum(termijn.get("einddatum")),
            )
        )
        persoon.setdefault("aanbod", {})[nr] = data
        return Antwoord(201)

    def aanbod_weg(self, c, nr: str) -> Antwoord:
        if not (c["persoon"].get("aanbod") or {}).pop(nr, None):
            raise _Fout(404, "Geen inburgeringsaanbod bij deze instelling.")
        return Antwoord(204)

    # --- MAP, PVT, Z-route ------------------------------------------------------------------

    _VELD = {"map": "datumEindgesprekMap", "pvt": "datumOndertekeningPvt"}

    def resultaat_raadplegen(self, soort: str) -> Callable:
        def raadplegen(c) -> Antwoord:
            waarde = (c["persoon"].get(soort) or {}).get(self._VELD[soort])
            if not waarde:
                raise _Fout(404, "Geen datum geregistreerd.")
            return Antwoord(200, {self._VELD[soort]: waarde})

        return raadplegen

    def resultaat_leveren(self, soort: str) -> Callable:
        def leveren(c) -> Antwoord:
            persoon, data = c["persoon"], c["data"] or {}
            self._schema(schemas.MAP if soort == "map" else schemas.PVT, data)
            termijn = persoon.get("termijn")
            if not termijn:
                raise _Fout(403, "Er is nog geen inburgeringstermijn vastgesteld.")
            vorige = persoon.get(soort) or {}
            zroute = _datum((persoon.get("zroute") or {}).get("datumAfrondingZroute"))
            plicht = persoon.get("inburgeringsplicht") or {}
            self._regels(
                regels.resultaat(
                    regels.MAP if soort == "map" else regels.PVT,
                    datum=_datum(data.get(self._VELD[soort])),
                    verwijtbaar=data.get("verwijtbaar"),
                    vandaag=vandaag(),
                    termijn_start=dt.date.fromisoformat(termijn["startdatum"]),
                    termijn_einde=dt.date.fromisoformat(termijn["einddatum"]),
                    gemeente_heeft_actuele_pip=(persoon.get("pip") or {}).get("gemeentecode")
                    == c["cbs"],
                    wijziging=bool(vorige),
                    eerder_door_gemeente=vorige.get("gemeente") == c["cbs"],
                    plicht_voldaan=plicht.get("redenGeenInburgeringsplicht")
                    == "Inburgeringsplicht voldaan",
                    datum_afronding_zroute=zroute,
                )
            )
            persoon[soort] = {**data, "gemeente": c["cbs"]}
            return Antwoord(200)

        return leveren

    def zroute(self, c) -> Antwoord:
        """DUO publishes no business rules for the datum afronding Z-route (README and the
        MAP-PVT-Zroute API name none): only the contract's schema and DUO's scope apply."""
        persoon, data = c["persoon"], c["data"] or {}
        self._schema(schemas.ZROUTE, data)
        persoon["zroute"] = data
        return Antwoord(200)

    # --- Gevolgde uren ----------------------------------------------------------------------

    def uren_raadplegen(self, c) -> Antwoord:
        uren = c["persoon"].get("uren") or {}
        return Antwoord(200, [{"gemeentecode": g, **u} for g, u in uren.items()])

    def uren_leveren(self, sleutel: str) -> Callable:
        def leveren(c) -> Antwoord:
            persoon, data = c["persoon"], c["data"]
            self._schema(_UREN_SCHEMA, data)
            if persoon.get("gemeente") != c["cbs"]:
                raise _Fout(403, "De persoon valt niet onder uw gemeente.")
            if sleutel == "ParticipatieactiviteitenBredeIntake":
                self._regels(regels.participatie_uren(asielmigrant=_asielmigrant(persoon)))
            persoon.setdefault("uren", {}).setdefault(c["cbs"], {})[sleutel] = data
            return Antwoord(200)

        return leveren

    # --- Contactpersoon ---------------------------------------------------------------------

    def contactpersoon_nieuw(self, c) -> Antwoord:
        self._contactgegevens(c["data"])
        staat = c["staat"]
        nummer = staat["volgend_contactpersoon_id"]
        staat["volgend_contactpersoon_id"] += 1
        staat["contactpersonen"][str(nummer)] = {"gegevens": c["data"], "gemeente": c["cbs"]}
        return Antwoord(201, {"id": nummer, "contactpersoongegevens": c["data"]})

    def _contactpersoon(self, c, id: str) -> dict:
        cp = c["staat"]["contactpersonen"].get(id)
        if cp is None or cp["gemeente"] != c["cbs"]:
            raise _Fout(404, "Contactpersoon niet gevonden.")
        return cp

    def contactpersoon_wijzig(self, c, id: str) -> Antwoord:
        self._contactgegevens(c["data"])
        self._contactpersoon(c, id)["gegevens"] = c["data"]
        return Antwoord(200)

    def contactpersoon_weg(self, c, id: str) -> Antwoord:
        self._contactpersoon(c, id)
        del c["staat"]["contactpersonen"][id]
        for persoon in c["staat"]["personen"].values():
            if persoon.get("contactpersoon") == id:
                persoon["contactpersoon"] = None
        return Antwoord(200)

    def cp_koppel(self, c, id: str) -> Antwoord:
        self._contactpersoon(c, id)
        c["persoon"]["contactpersoon"] = id  # overwrites an existing link
        return Antwoord(201)

    def cp_ontkoppel(self, c, id: str) -> Antwoord:
        if c["persoon"].get("contactpersoon") != id:
            raise _Fout(404, "Deze contactpersoon is niet aan de persoon gekoppeld.")
        c["persoon"]["contactpersoon"] = None
        return Antwoord(200)

    def _contactgegevens(self, data) -> None:
        schema = {
            "type": "object",
            "required": ["naam", "email", "telefoonnummer"],
            "properties": {
                "naam": {"type": "string", "maxLength": 100},
                "email": {"type": "string", "minLength": 4, "maxLength": 241},
                "telefoonnummer": {"type": "string", "minLength": 3, "maxLength": 22},
            },
        }
        self._schema(schema, data)

    # --- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _schema(schema: dict, data: Any) -> None:
        fouten = schemas.fouten(schema, data if data is not None else {})
        if fouten:
            raise _Fout(400, *fouten[:20])

    @staticmethod
    def _regels(gebroken: list[regels.Regel]) -> None:
        """A broken rule is DUO's functional refusal: 403 with one Foutmelding per rule."""
        if gebroken:
            raise _Fout(403, *(r.fouttekst for r in gebroken))

    # --- WSGI -------------------------------------------------------------------------------

    def wsgi_app(self, environ, start_response):
        lengte = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(lengte) if lengte else b""
        headers = {
            k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")
        }
        antwoord = self.verwerk(environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/"),
                                headers, body)  # fmt: skip
        inhoud = antwoord.inhoud
        kop = [("Content-Type", "application/json"), *antwoord.headers.items()]
        start_response(f"{antwoord.status} -", kop)
        return [inhoud]


_UREN_SCHEMA = {
    "type": "object",
    "required": ["uren"],
    "properties": {"uren": {"type": "integer", "minimum": 0, "maximum": 9999}},
}


def _asielmigrant(persoon: dict) -> bool:
    """DUO's doelgroep (Inburgeringsplicht API, `Doelgroepindeling`)."""
    return (persoon.get("doelgroep") or {}).get("indeling") == "Asielstatushouder"
