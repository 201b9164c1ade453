"""DUO's business rules for deliveries, as DUO publishes them: the simulator's OWN implementation.

Written from DUO's texts in `shared/reference/duo-m2m` (README.md: "Het aanleveren van een PIP",
"Het verwijderen van een PIP", "Inburgeringsaanbod", "Module Arbeidsmarkt en Participatie (MAP)",
"Participatieverklaringstraject (PVT)"; the API files for MAP-PVT-Zroute and GevolgdeUren), NOT
from the product's rules package: this module must not import `inburgering.wet`, so that a rule
the product gets wrong is not wrong in the simulator too.
`tests/koppelingen/test_simulator_regels.py` tests each rule against DUO's sentence and
compares the verdicts with `wet.valideer_*`.

Each rule is a `Regel` with an id, where DUO states it and DUO's own sentence. A refusal is
answered as DUO's contract defines it (PIP 1.2.0, Inburgeringsaanbod 1.1.0, MAP-PVT-Zroute 1.0.0:
"Foutmeldingen worden nu alleen teruggeven als een HTTP403"): status 403 with an array of
`Foutmelding` whose `fouttekst` (at most 200 characters) is DUO's sentence of the broken rule.
DUO publishes no other codes or texts.

Readings where DUO's text needs one (each also in docs/adr/0036):

* PIP "De datum dagtekening mag niet voor de vestiging van de inburgeraar bij de gemeente
  liggen": *vestiging* is the BRP's word for taking up residence in a gemeente (the registration
  in its BRP), and DUO's own scope text keeps it apart from the COA's *koppeling* ("woonachtig
  in een COA locatie en door de COA gekoppeld aan de gemeente"). The simulator therefore compares
  with the person's `vestigingsdatum` (the BRP registration in the gemeente), not with the COA
  koppeling.
* PIP "bij een gewijzigde PIP": there is a PIP already (an initial or a current one).
* PIP "de eerste PIP ... ongeacht welke gemeente": DUO has registered no PIP for the person yet.
* PIP delete "cursusdeelnameuren gerelateerd aan het actuele inburgeringsaanbod": hours of taalles
  at a Cursusinstelling in the leerroute (GevolgdeUren `participatietaalles`, "bij een
  Cursusinstelling") while an inburgeringsaanbod is registered; hours of the brede intake at the
  gemeente and participation hours are no course hours of the aanbod.
* Aanbod "bekend bij DUO als een door BoW gekeurmerkte instelling of een erkende
  Taalschakelinstelling (TST) als de persoon de onderwijsroute volgt": the condition applies to
  the TST; a BoW institution is accepted for every route.
* Aanbod dates: the README names fields of an older version ('datumAanvangTaalschakeltraject',
  'datumEindeCursus'); for the current fields the start of the opleiding is not before the
  datumInburgeringsaanbod, its end not before its start, and start and end lie within the termijn.
* MAP/PVT "De inburgeringsplicht moet nog niet voldaan zijn via de Z-route": DUO's Inburgerings-
  plicht API says the plicht is fulfilled (`redenGeenInburgeringsplicht` "Inburgeringsplicht
  voldaan") and a datum afronding Z-route is registered. A registered Z-route date alone does not
  fulfil the plicht; dates after it are refused by their own rule.
* MAP/PVT "overschrijding van de inburgeringstermijn": the delivered date (or, without one, the
  day of the request) lies after the einddatum of the termijn. "binnen twee maanden": the
  einddatum lies no later than two calendar months after the day of the request.
* Participatieactiviteiten (GevolgdeUren API): hours "ten behoeve van de Z-Route van de
  Asielstatushouder": only for an asielstatushouder.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

README = "duo-m2m/README.md"


@dataclass(frozen=True)
class Regel:
    id: str
    bron: str  # file and section where DUO states the rule
    tekst: str  # DUO's sentence (whitespace normalised), sent back as `fouttekst`

    @property
    def fouttekst(self) -> str:
        return self.tekst[:200]


def _r(id: str, bron: str, tekst: str) -> Regel:
    return Regel(id, bron, " ".join(tekst.split()))


_PIP = f"{README}, Het aanleveren van een PIP"
_MAP = f"{README}, Module Arbeidsmarkt en Participatie (MAP)"
_PVT = f"{README}, Participatieverklaringstraject (PVT)"
_AANBOD = f"{README}, Inburgeringsaanbod"

PIP_START_PLICHT = _r("PIP-1", f"{_PIP}, Datum dagtekening",
    "De datum dagtekening mag niet voor de start van de inburgeringsplicht liggen.")  # fmt: skip
PIP_GEWIJZIGD = _r("PIP-2", f"{_PIP}, Datum dagtekening",
    "De datum dagtekening mag bij een gewijzigde PIP niet voor de start van de datum dagtekening "
    "van de initiële PIP OF voor de datum dagtekening van de actuele PIP liggen.")  # fmt: skip
PIP_VESTIGING = _r("PIP-3", f"{_PIP}, Datum dagtekening",
    "De datum dagtekening mag niet voor de vestiging van de inburgeraar bij de gemeente "
    "liggen.")  # fmt: skip
PIP_A2_ONDERWIJS = _r("PIP-4", f"{_PIP}, Niveau",
    "Niveau A2 mag niet in combinatie met de onderwijsroute worden aangeleverd.")  # fmt: skip
PIP_B1_ZROUTE = _r("PIP-5", f"{_PIP}, Niveau",
    "Niveau B1  mag niet in combinatie met de Z-route worden aangeleverd.")  # fmt: skip
PIP_A2_B1ROUTE_EERSTE = _r("PIP-6", f"{_PIP}, Niveau",
    "Niveau A2  mag niet in combinatie met de B1-route worden aangeleverd als dit de eerste PIP "
    "is die wordt aangeleverd voor de persoon ongeacht welke gemeente.")  # fmt: skip
PIP_NIVEAU_B1 = _r("PIP-7", f"{_PIP}, Niveau",
    "Als het Niveau niet wordt aangeleverd in het verzoekbericht dan wordt Niveau B1 vastgesteld "
    "als er sprake is van de B1-route of onderwijsroute")  # fmt: skip
PIP_INTENSITEIT = _r("PIP-8", f"{_PIP}, Geschatte intensiteit B1 route",
    "Geschatte intensiteit B1 route mag alleen aangeleverd worden bij een de B1-route en bij "
    "asielmigranten.")  # fmt: skip
PIP_WEG_TERMIJN = _r("PIPV-1", f"{README}, Het verwijderen van een PIP",
    "De inburgeringstermijn is nog niet is vastgesteld.")  # fmt: skip
PIP_WEG_UREN = _r("PIPV-2", f"{README}, Het verwijderen van een PIP",
    "Er zijn nog geen cursusdeelnameuren gerelateerd aan het actuele inburgeringsaanbod "
    "geregistreerd.")  # fmt: skip

AANBOD_ASIEL = _r("AANBOD-1", _AANBOD, "Het inburgeringsaanbod is voor een asielmigrant")
AANBOD_PIP = _r("AANBOD-2", _AANBOD, "De persoon heeft een PIP")
AANBOD_INSTELLING = _r("AANBOD-3", _AANBOD,
    "De Opleidingsinstelling moet bekend zijn bij DUO als een door Blik op Werk (BoW) "
    "gekeurmerkte instelling of een erkende Taalschakelinstelling (TST) als de persoon de "
    "onderwijsroute volgt.")  # fmt: skip
AANBOD_NA_PIP = _r("AANBOD-4", _AANBOD,
    "De data van het inburgeringsaanbod ligt niet voor de dagtekening van de actuele "
    "PIP")  # fmt: skip
AANBOD_VOLGORDE = _r("AANBOD-5", _AANBOD,
    "De 'datumAanvangTaalschakeltraject' ligt niet voor de 'datumEindeCursus' of de "
    "'datumInburgeringsaanbod'")  # fmt: skip
AANBOD_TERMIJN = _r("AANBOD-6", _AANBOD,
    "De 'datumAanvangTaalschakeltraject' en 'datumEindeCursus' mogen niet buiten de "
    "inburgeringstermijn liggen.")  # fmt: skip

UREN_PARTICIPATIE_ASIEL = _r("UREN-1", "duo-m2m/API/GevolgdeUren/openapi.yml, "
    "updateUrenParticipatieactiviteiten",
    "Muteren van het totaal aantal uren gevolgde participatieactiviteiten ten behoeve van de "
    "Z-Route van de Asielstatushouder.")  # fmt: skip


def _resultaat_regels(prefix: str, bron: str, naam: str, Naam: str) -> dict[str, Regel]:
    """DUO states the same eleven rules for MAP and PVT, each with its own name for the date
    (`Naam` as DUO writes it in the first rule)."""
    teksten = {
        "WIJZIGING": f"Bij een wijziging moet de {Naam} eerder door uw gemeente zijn geleverd",
        "PIP": "Uw gemeente moet een actuele PIP hebben voor de inburgeringsplichtige",
        "ZROUTE_VOLDAAN": "De inburgeringsplicht moet nog niet voldaan zijn via de Z-route",
        "VOOR_TERMIJN": f"De {naam} mag niet voor de startdatum van de inburgeringstermijn liggen",
        "NA_ZROUTE": f"De {naam} mag niet na de datum afronding Z-route liggen",
        "TOEKOMST": f"De {naam} mag niet in de toekomst liggen",
        "INTREKKEN": f"Als de {naam} leeg is (t.a.v. het intrekken van een eerder geregistreerde "
        "datum), dan mag de datum afronding Z-route niet geregistreerd zijn.",
        "GEEN_VERWIJTBAAR": "Als het verzoekbericht geen 'Verwijtbaar (Ja/Nee)' bevat, dan mag er "
        "geen sprake zijn van een overschrijding van de inburgeringstermijn.",
        "VERWIJTBAAR_TE_VROEG": f"Als de {naam} voor de einddatum van de inburgeringstermijn ligt, "
        "dan mag de 'Verwijtbaar (Ja/Nee)' niet geleverd worden.",
        "NEE": "'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Nee' hebben als de einddatum van de "
        "inburgeringstermijn binnen twee maanden valt.",
        "JA": "'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Ja' hebben als er sprake is van een "
        "overschrijding van de inburgeringstermijn.",
    }
    return {
        sleutel: _r(f"{prefix}-{i}", bron, tekst)
        for i, (sleutel, tekst) in enumerate(teksten.items(), start=1)
    }


MAP = _resultaat_regels("MAP", _MAP, "datum eindgesprek MAP", "datum eindgesprek MAP")
PVT = _resultaat_regels("PVT", _PVT, "datum ondertekening PVT", "Datum ondertekening PVT")

ALLE: tuple[Regel, ...] = (
    PIP_START_PLICHT, PIP_GEWIJZIGD, PIP_VESTIGING, PIP_A2_ONDERWIJS, PIP_B1_ZROUTE,
    PIP_A2_B1ROUTE_EERSTE, PIP_NIVEAU_B1, PIP_INTENSITEIT, PIP_WEG_TERMIJN, PIP_WEG_UREN,
    AANBOD_ASIEL, AANBOD_PIP, AANBOD_INSTELLING, AANBOD_NA_PIP, AANBOD_VOLGORDE, AANBOD_TERMIJN,
    UREN_PARTICIPATIE_ASIEL, *MAP.values(), *PVT.values(),
)  # fmt: skip


# --- PIP ----------------------------------------------------------------------------------


def pip_aanleveren(
    *,
    dagtekening: dt.date,
    leerroute: str,
    niveau: str | None,
    intensiteit: int | None,
    asielmigrant: bool,
    start_plicht: dt.date | None,
    vestiging: dt.date | None,
    dagtekening_initiele_pip: dt.date | None,
    dagtekening_actuele_pip: dt.date | None,
) -> list[Regel]:
    """The rules DUO applies to a delivered PIP (`leerroute` B, O or Z; `niveau` A2, B1 or
    None), given what DUO knows of the person."""
    gebroken = []
    if start_plicht is not None and dagtekening < start_plicht:
        gebroken.append(PIP_START_PLICHT)
    if any(d is not None and dagtekening < d
           for d in (dagtekening_initiele_pip, dagtekening_actuele_pip)):  # fmt: skip
        gebroken.append(PIP_GEWIJZIGD)
    if vestiging is not None and dagtekening < vestiging:
        gebroken.append(PIP_VESTIGING)
    if niveau == "A2" and leerroute == "O":
        gebroken.append(PIP_A2_ONDERWIJS)
    if niveau == "B1" and leerroute == "Z":
        gebroken.append(PIP_B1_ZROUTE)
    eerste = dagtekening_initiele_pip is None and dagtekening_actuele_pip is None
    if niveau == "A2" and leerroute == "B" and eerste:
        gebroken.append(PIP_A2_B1ROUTE_EERSTE)
    if intensiteit is not None and not (leerroute == "B" and asielmigrant):
        gebroken.append(PIP_INTENSITEIT)
    return gebroken


def vastgesteld_niveau(leerroute: str, niveau: str | None) -> str | None:
    """PIP-7: without a niveau DUO registers B1 for the B1-route and the onderwijsroute."""
    if niveau is None and leerroute in ("B", "O"):
        return "B1"
    return niveau


def pip_verwijderen(
    *, termijn_vastgesteld: bool, uren_taalles_cursusinstelling: int, aanbod_geregistreerd: bool
) -> list[Regel]:
    gebroken = []
    if termijn_vastgesteld:
        gebroken.append(PIP_WEG_TERMIJN)
    if aanbod_geregistreerd and uren_taalles_cursusinstelling > 0:
        gebroken.append(PIP_WEG_UREN)
    return gebroken


# --- Inburgeringsaanbod -------------------------------------------------------------------


def aanbod(
    *,
    asielmigrant: bool,
    leerroute: str | None,
    dagtekening_actuele_pip: dt.date | None,
    bow: bool,
    tst: bool,
    datum_aanbod: dt.date | None,
    start: dt.date | None,
    einde: dt.date | None,
    termijn_start: dt.date | None,
    termijn_einde: dt.date | None,
) -> list[Regel]:
    gebroken = []
    if not asielmigrant:
        gebroken.append(AANBOD_ASIEL)
    if dagtekening_actuele_pip is None:
        gebroken.append(AANBOD_PIP)
    if not (bow or (tst and leerroute == "O")):
        gebroken.append(AANBOD_INSTELLING)
    data = [d for d in (datum_aanbod, start, einde) if d is not None]
    if dagtekening_actuele_pip is not None and any(d < dagtekening_actuele_pip for d in data):
        gebroken.append(AANBOD_NA_PIP)
    if start is not None and (
        (einde is not None and einde < start) or (datum_aanbod is not None and start < datum_aanbod)
    ):
        gebroken.append(AANBOD_VOLGORDE)
    if any(
        (termijn_start is not None and d < termijn_start)
        or (termijn_einde is not None and d > termijn_einde)
        for d in (start, einde)
        if d is not None
    ):
        gebroken.append(AANBOD_TERMIJN)
    return gebroken


# --- MAP and PVT --------------------------------------------------------------------------


def plus_twee_maanden(datum: dt.date) -> dt.date:
    """The same day two calendar months later (the last day of that month when it is shorter)."""
    maand = datum.month + 2
    jaar = datum.year + (maand - 1) // 12
    maand = (maand - 1) % 12 + 1
    return datum.replace(year=jaar, month=maand,
                         day=min(datum.day, calendar.monthrange(jaar, maand)[1]))  # fmt: skip


def resultaat(
    regels: dict[str, Regel],
    *,
    datum: dt.date | None,
    verwijtbaar: str | None,
    vandaag: dt.date,
    termijn_start: dt.date,
    termijn_einde: dt.date,
    gemeente_heeft_actuele_pip: bool,
    wijziging: bool,
    eerder_door_gemeente: bool,
    plicht_voldaan: bool,
    datum_afronding_zroute: dt.date | None,
) -> list[Regel]:
    """DUO's eleven rules for the MAP (`regels=MAP`) or the PVT (`regels=PVT`); `verwijtbaar`
    is "Ja", "Nee" or None (not in the message)."""
    r = regels
    gebroken = []
    if wijziging and not eerder_door_gemeente:
        gebroken.append(r["WIJZIGING"])
    if not gemeente_heeft_actuele_pip:
        gebroken.append(r["PIP"])
    if plicht_voldaan and datum_afronding_zroute is not None:
        gebroken.append(r["ZROUTE_VOLDAAN"])
    if datum is not None:
        if datum < termijn_start:
            gebroken.append(r["VOOR_TERMIJN"])
        if datum_afronding_zroute is not None and datum > datum_afronding_zroute:
            gebroken.append(r["NA_ZROUTE"])
        if datum > vandaag:
            gebroken.append(r["TOEKOMST"])
    elif datum_afronding_zroute is not None:
        gebroken.append(r["INTREKKEN"])
    overschreden = (datum if datum is not None else vandaag) > termijn_einde
    if verwijtbaar is None and overschreden:
        gebroken.append(r["GEEN_VERWIJTBAAR"])
    if verwijtbaar is not None and datum is not None and datum < termijn_einde:
        gebroken.append(r["VERWIJTBAAR_TE_VROEG"])
    if verwijtbaar == "Nee" and termijn_einde > plus_twee_maanden(vandaag):
        gebroken.append(r["NEE"])
    if verwijtbaar == "Ja" and not overschreden:
        gebroken.append(r["JA"])
    return gebroken


# --- Gevolgde uren ------------------------------------------------------------------------


def participatie_uren(*, asielmigrant: bool) -> list[Regel]:
    return [] if asielmigrant else [UREN_PARTICIPATIE_ASIEL]
