"""Municipal fines (Wi art. 22, 23, 26, 27; Besluit 7.1) and DUO's fines (art. 24-26; 7.2).

Every function returns a *proposal* (``Boetevoorstel``); the college decides. For asylum
status holders a proposal is only allowed with a recorded individual assessment concluding
that a fine is appropriate in this exceptional case (CJEU C-158/23 *Keren*, 4 February 2025;
ABRvS 9 July 2025). [praktijk] Amounts are integer euro cents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .beleidskeuzes import STANDAARD, Beleidskeuzes, Periodeeinde, Verhogingsmethode
from .grondslag import Bron, Grondslag, bi, wi
from .kalender import datum_nl, plus_maanden
from .regels import regel
from .typen import Doelgroep, Verwijtbaarheid
from .uitkomst import Uitkomst

G_ART22 = wi("22", 1)
G_ART22_HERHAALD = wi("22", 3)
G_ART23 = wi("23", 1)
G_MAXIMA = wi("26", 1)
G_BIJSTAND_VERLAAGD = wi("27")
G_BEDRAG_22 = bi("7.1", 1)
G_BEDRAG_23 = bi("7.1", 2)
G_VERHOGING = bi("7.1", 3)
G_VERWIJTBAARHEID = bi("7.1", 4)
G_PLAFOND = bi("7.1", 5)
G_BIJZONDERE_OMSTANDIGHEDEN = bi("7.1", 6)
G_ART24 = wi("24", 1)
G_ART24_NIEUWE_TERMIJN = wi("24", 2)
G_ART25 = wi("25", 1)
G_BEDRAG_24 = bi("7.2", 1)
G_BEDRAG_25 = bi("7.2", 2)

BOETE_ART22_CENTS = 25_000
BOETE_ART23_CENTS = 5_000
MAX_ART23_CENTS = 80_000
PLAFOND_TERMIJN_CENTS = 240_000
PLAFOND_NIEUWE_TERMIJN_CENTS = {6: 40_000, 12: 80_000, 18: 120_000, 24: 160_000}
VERHOGINGSVENSTER_MAANDEN = 12
PERCENTAGE = {
    Verwijtbaarheid.OPZET: 100,
    Verwijtbaarheid.GROVE_SCHULD: 75,
    Verwijtbaarheid.GEEN_OPZET_OF_GROVE_SCHULD: 50,
    Verwijtbaarheid.VERMINDERD: 25,
}


def euro(cents: int) -> str:
    """Dutch money notation: 125050 -> '€ 1.250,50'."""
    euros, rest = divmod(cents, 100)
    return f"€ {euros:,}".replace(",", ".") + (f",{rest:02d}" if rest else "")


@dataclass(frozen=True)
class IndividueleBeoordeling:
    """A recorded individual assessment (required before any fine for an asylum status holder)."""

    datum: date
    beoordelaar: str
    motivering: str
    boete_passend: bool

    def __post_init__(self) -> None:
        if not self.beoordelaar.strip() or not self.motivering.strip():
            raise ValueError("een individuele beoordeling vraagt een beoordelaar en een motivering")


@dataclass(frozen=True)
class EerdereOvertreding:
    """An earlier art. 23 offence: when it was established, whether its fine is irrevocable,
    and its base amount (after increase, before culpability) in cents."""

    constatering: date
    boete_onherroepelijk: bool
    basisbedrag_cents: int = BOETE_ART23_CENTS


@dataclass(frozen=True)
class Boetevoorstel:
    """A fine proposal. ``bedrag_cents`` is 0 when ``toegestaan`` is False (see ``blokkade``)."""

    toegestaan: bool
    bedrag_cents: int
    basisbedrag_cents: int
    percentage: int
    berekend_cents: int
    plafond_cents: int
    ruimte_cents: int
    afgetopt: bool
    individuele_beoordeling_vereist: bool
    blokkade: str | None


@regel(G_PLAFOND)
def boeteplafond(*, nieuwe_termijn_maanden: int | None = None) -> Uitkomst[int]:
    """Cap on all art. 22 + 23 fines together, in cents. [wet]

    Besluit 7.1 lid 5: €2,400 during the termijn (incl. extension); during a new termijn set
    by DUO (Wi art. 24 lid 2-3, 25 lid 2) €400 / €800 / €1,200 / €1,600 for 6 / 12 / 18 / 24
    months. Other durations are not regulated and raise ValueError.
    """
    if nieuwe_termijn_maanden is None:
        plafond = PLAFOND_TERMIJN_CENTS
        uitleg = (
            "Gedurende de inburgeringstermijn bedragen alle gemeentelijke boetes samen ten "
            f"hoogste {euro(plafond)}."
        )
    elif nieuwe_termijn_maanden in PLAFOND_NIEUWE_TERMIJN_CENTS:
        plafond = PLAFOND_NIEUWE_TERMIJN_CENTS[nieuwe_termijn_maanden]
        uitleg = (
            f"Gedurende een nieuwe termijn van {nieuwe_termijn_maanden} maanden bedragen alle "
            f"gemeentelijke boetes samen ten hoogste {euro(plafond)}."
        )
    else:
        raise ValueError("het Besluit kent alleen nieuwe termijnen van 6, 12, 18 of 24 maanden")
    return Uitkomst(plafond, (G_PLAFOND,), uitleg, regel="boeteplafond")


def _blokkade(
    doelgroep: Doelgroep, beoordeling: IndividueleBeoordeling | None, bijstand_verlaagd: bool
) -> str | None:
    if bijstand_verlaagd:
        return "de bijstand is voor dezelfde gedraging al verlaagd"
    if doelgroep is Doelgroep.ASIELSTATUSHOUDER:
        if beoordeling is None:
            return "voor een asielstatushouder ontbreekt de vastgelegde individuele beoordeling"
        if not beoordeling.boete_passend:
            return "de individuele beoordeling acht een boete niet passend"
    return None


def _voorstel(
    *,
    naam: str,
    basis: int,
    percentage: int,
    doelgroep: Doelgroep,
    beoordeling: IndividueleBeoordeling | None,
    bijstand_verlaagd: bool,
    reeds_opgelegd_cents: int,
    nieuwe_termijn_maanden: int | None,
    grondslagen: tuple[Grondslag, ...],
    omschrijving: str,
) -> Uitkomst[Boetevoorstel]:
    if reeds_opgelegd_cents < 0:
        raise ValueError("reeds_opgelegd_cents kan niet negatief zijn")
    plafond = boeteplafond(nieuwe_termijn_maanden=nieuwe_termijn_maanden).waarde
    berekend = basis * percentage // 100
    ruimte = max(0, plafond - reeds_opgelegd_cents)
    bedrag = min(berekend, ruimte)
    blokkade = _blokkade(doelgroep, beoordeling, bijstand_verlaagd)
    if blokkade is None and bedrag == 0:
        blokkade = "het boeteplafond is bereikt"
    asiel = doelgroep is Doelgroep.ASIELSTATUSHOUDER
    grondslagen = (*grondslagen, G_PLAFOND)
    if bijstand_verlaagd:
        grondslagen = (*grondslagen, G_BIJSTAND_VERLAAGD)
    if blokkade is not None:
        uitleg = f"Geen {omschrijving}: {blokkade}."
        voorstel = Boetevoorstel(
            False, 0, basis, percentage, berekend, plafond, ruimte, False, asiel, blokkade
        )
    else:
        afgetopt = bedrag < berekend
        uitleg = f"Voorstel: {omschrijving} van {euro(bedrag)}" + (
            f", afgetopt op het plafond van {euro(plafond)}." if afgetopt else "."
        )
        voorstel = Boetevoorstel(
            True, bedrag, basis, percentage, berekend, plafond, ruimte, afgetopt, asiel, None
        )
    bron = Bron.WET_EN_PRAKTIJK if asiel else Bron.WET
    return Uitkomst(voorstel, grondslagen, uitleg, bron=bron, regel=naam)


@regel(
    G_ART22,
    G_ART22_HERHAALD,
    G_BEDRAG_22,
    G_PLAFOND,
    G_BIJSTAND_VERLAAGD,
    G_BIJZONDERE_OMSTANDIGHEDEN,
    bron=Bron.WET_EN_PRAKTIJK,
)
def boete_art22(
    *,
    doelgroep: Doelgroep,
    individuele_beoordeling: IndividueleBeoordeling | None = None,
    bijstand_verlaagd: bool = False,
    reeds_opgelegd_cents: int = 0,
    nieuwe_termijn_maanden: int | None = None,
) -> Uitkomst[Boetevoorstel]:
    """Fine proposal for not appearing or cooperating at the brede intake: €250. [wet]

    Wi art. 22 lid 1 and 3; Besluit 7.1 lid 1; cap Besluit 7.1 lid 5 (``reeds_opgelegd_cents``
    is the total of art. 22 and 23 fines already imposed in the same (new) termijn); none when
    the bijstand was already reduced for the same behaviour (Wi art. 27). Asylum status
    holders: only with an individual assessment [praktijk]. Special circumstances (7.1 lid 6)
    are for the college to weigh.
    """
    return _voorstel(
        naam="boete_art22",
        basis=BOETE_ART22_CENTS,
        percentage=100,
        doelgroep=doelgroep,
        beoordeling=individuele_beoordeling,
        bijstand_verlaagd=bijstand_verlaagd,
        reeds_opgelegd_cents=reeds_opgelegd_cents,
        nieuwe_termijn_maanden=nieuwe_termijn_maanden,
        grondslagen=(G_ART22, G_BEDRAG_22),
        omschrijving="boete wegens de brede intake (artikel 22)",
    )


def _basisbedrag_art23(
    constatering: date, eerdere: Sequence[EerdereOvertreding], opties: Beleidskeuzes
) -> tuple[int, int]:
    """(base amount in cents, number of qualifying earlier offences) per Besluit 7.1 lid 3."""
    venster_start = plus_maanden(constatering, -VERHOGINGSVENSTER_MAANDEN, opties)
    tellend = [
        e
        for e in eerdere
        if venster_start <= e.constatering < constatering and e.boete_onherroepelijk
    ]
    if not tellend:
        return BOETE_ART23_CENTS, 0
    if opties.boete_verhoging is Verhogingsmethode.VORIGE_BOETE:
        laatste = max(tellend, key=lambda e: e.constatering)
        return min(MAX_ART23_CENTS, 2 * laatste.basisbedrag_cents), len(tellend)
    return min(MAX_ART23_CENTS, BOETE_ART23_CENTS * 2 ** min(len(tellend), 5)), len(tellend)


@regel(
    G_ART23,
    G_BEDRAG_23,
    G_VERHOGING,
    G_VERWIJTBAARHEID,
    G_PLAFOND,
    G_MAXIMA,
    G_BIJSTAND_VERLAAGD,
    bron=Bron.WET_EN_PRAKTIJK,
    beleidskeuzes=("boete_verhoging", "ontbrekende_dag"),
)
def boete_art23(
    *,
    constatering: date,
    verwijtbaarheid: Verwijtbaarheid,
    doelgroep: Doelgroep,
    eerdere_overtredingen: Sequence[EerdereOvertreding] = (),
    individuele_beoordeling: IndividueleBeoordeling | None = None,
    bijstand_verlaagd: bool = False,
    reeds_opgelegd_cents: int = 0,
    nieuwe_termijn_maanden: int | None = None,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[Boetevoorstel]:
    """Fine proposal for not cooperating with the PIP's support or intensity: €50 base. [wet]

    Wi art. 23 lid 1; Besluit 7.1 lid 2: €50. Lid 3: doubled (100% increase) when an earlier
    art. 23 offence was established in the twelve months before the day of this constatering
    (from the same date one year earlier, not the same day) and that fine is irrevocable; at
    most €800 (also Wi art. 26 lid 1 onder c). Lid 4: then the culpability percentage: intent
    100%, gross negligence 75%, neither 50%, reduced culpability 25%. Lid 5: caps (see
    ``boeteplafond``). Wi art. 27: none if the bijstand was already reduced. Asylum status
    holders: only with an individual assessment [praktijk].
    """
    basis, aantal = _basisbedrag_art23(constatering, eerdere_overtredingen, opties)
    percentage = PERCENTAGE[verwijtbaarheid]
    grondslagen: tuple[Grondslag, ...] = (G_ART23, G_BEDRAG_23, G_VERWIJTBAARHEID)
    if aantal:
        grondslagen = (*grondslagen, G_VERHOGING)
    uitkomst = _voorstel(
        naam="boete_art23",
        basis=basis,
        percentage=percentage,
        doelgroep=doelgroep,
        beoordeling=individuele_beoordeling,
        bijstand_verlaagd=bijstand_verlaagd,
        reeds_opgelegd_cents=reeds_opgelegd_cents,
        nieuwe_termijn_maanden=nieuwe_termijn_maanden,
        grondslagen=grondslagen,
        omschrijving=(
            f"boete wegens artikel 23 (constatering {datum_nl(constatering)}, {percentage}% van "
            f"{euro(basis)}, {aantal} eerdere overtreding(en) in 12 maanden)"
        ),
    )
    return uitkomst


class DuoBoete(StrEnum):
    """Fines imposed by DUO (not the municipality)."""

    PVT_MAP_NIET_AFGEROND = "art24"
    LEERROUTE_NIET_BEHAALD = "art25"


@regel(G_ART24, G_ART24_NIEUWE_TERMIJN, G_ART25, G_MAXIMA, G_BEDRAG_24, G_BEDRAG_25)
def boete_duo_maximum(soort: DuoBoete) -> Uitkomst[int]:
    """Amount (art. 24: fixed €340) or maximum (art. 25: €1,000) of a DUO fine, in cents. [wet]

    Wi art. 24 lid 1, 25 lid 1, 26 lid 1 onder b and d; Besluit 7.2 lid 1-2 (art. 25 depends on
    hours, attempts and passes per ministerial regulation). Each comes with a new termijn of
    at most two years (Wi art. 24 lid 2).
    """
    if soort is DuoBoete.PVT_MAP_NIET_AFGEROND:
        return Uitkomst(
            34_000,
            (G_ART24, G_BEDRAG_24, G_ART24_NIEUWE_TERMIJN),
            "DUO legt € 340 boete op als PVT of MAP niet binnen de termijn is afgerond, met een "
            "nieuwe termijn van ten hoogste twee jaar.",
            regel="boete_duo_maximum",
        )
    return Uitkomst(
        100_000,
        (G_ART25, G_MAXIMA, G_BEDRAG_25),
        "DUO legt ten hoogste € 1.000 boete op als de leerroute niet binnen de termijn is "
        "behaald, afhankelijk van uren, examenpogingen en behaalde examens.",
        regel="boete_duo_maximum",
    )


G_ART24_HERHAALD = wi("24", 3)
G_ART24_IEDERE_TWEE_JAAR = wi("24", 4)
G_ART25_OVEREENKOMSTIG = wi("25", 2)
G_ART25_VERBLIJF = wi("25", 3)

NIEUWE_TERMIJN_MAX_MAANDEN = 24
HERHALING_JAREN = 2


@dataclass(frozen=True)
class DuoBoeteVerwachting:
    """A DUO fine that follows if nothing changes (``boete``), from which day it can be imposed
    (``verschuldigd_vanaf``) and whether that day has come (``verstreken``).

    ``bedrag_cents`` is the fixed amount (art. 24) or the maximum (art. 25); 0 without a fine.
    """

    boete: bool
    verschuldigd_vanaf: date
    verstreken: bool
    bedrag_cents: int
    vast_bedrag: bool
    nieuwe_termijn_max_maanden: int | None
    individuele_beoordeling_vereist: bool
    reden_geen_boete: str | None


@regel(
    G_ART24,
    G_ART24_NIEUWE_TERMIJN,
    G_ART24_HERHAALD,
    G_ART24_IEDERE_TWEE_JAAR,
    G_ART25,
    G_ART25_OVEREENKOMSTIG,
    G_ART25_VERBLIJF,
    G_MAXIMA,
    G_BEDRAG_24,
    G_BEDRAG_25,
    bron=Bron.WET_EN_PRAKTIJK,
    beleidskeuzes=("periodeeinde", "ontbrekende_dag"),
)
def duo_boete_verwachting(
    soort: DuoBoete,
    *,
    termijn_einde: date,
    peildatum: date,
    afgerond: bool,
    ronde: int = 1,
    verblijf_niet_verlengd_of_ingetrokken: bool = False,
    doelgroep: Doelgroep | None = None,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[DuoBoeteVerwachting]:
    """The DUO fine that follows the end of a termijn, including repeats. [wet]

    ``afgerond``: for art. 24 the PVT and the MAP (where required) are completed, for art. 25
    the leerroute of the PIP is achieved. ``termijn_einde`` is the last day of the termijn that
    applies to ``ronde``: 1 = the termijn of Wi art. 11 lid 1 or as extended under art. 12 (art.
    24 lid 1, 25 lid 1); 2 = the new termijn of at most two years set in the first fine (art. 24
    lid 2, a fine under lid 3); 3 and later = the new termijn set in the second fine, after
    which DUO fines every two years (art. 24 lid 4; for art. 25 through art. 25 lid 2).
    Documented choice: the first lid 4 fine falls due the day after that termijn expires, each
    next one two years later. The fine can be imposed from the day after the termijn
    (``verschuldigd_vanaf``). Art. 24: €340 (Besluit 7.2 lid 1; Wi art. 26 lid 1 onder b); art.
    25: at most €1,000 by hours, attempts and passes (Besluit 7.2 lid 2; Wi art. 26 lid 1 onder
    d). Art. 25 lid 3: no art. 25 fine when the extension of the fixed-term residence permit is
    refused (Vw art. 18) or the permit is withdrawn (Vw art. 19); the art. 24 fine is not
    covered by that exception. Holders of an asylum permit: an individual assessment
    (CJEU C-158/23) [praktijk].
    """
    if ronde < 1:
        raise ValueError("ronde is 1 of hoger")
    vervaldag = termijn_einde + timedelta(days=1)
    if opties.periodeeinde is Periodeeinde.VERVALDAG:
        vervaldag = termijn_einde
    if ronde >= 3:
        vervaldag = plus_maanden(vervaldag, 12 * HERHALING_JAREN * (ronde - 3), opties)
    verstreken = peildatum >= vervaldag
    art24 = soort is DuoBoete.PVT_MAP_NIET_AFGEROND
    asiel = doelgroep is Doelgroep.ASIELSTATUSHOUDER
    if art24:
        grondslagen: tuple[Grondslag, ...] = (G_ART24, G_BEDRAG_24)
        bedrag = 34_000
        onderwerp = "het participatieverklaringstraject of de module Arbeidsmarkt en Participatie"
    else:
        grondslagen = (G_ART25, G_ART25_OVEREENKOMSTIG, G_BEDRAG_25, G_MAXIMA)
        bedrag, onderwerp = 100_000, "de leerroute"
    if ronde == 2:
        grondslagen = (*grondslagen, G_ART24_HERHAALD)
    elif ronde >= 3:
        grondslagen = (*grondslagen, G_ART24_IEDERE_TWEE_JAAR)
    nieuwe_termijn = NIEUWE_TERMIJN_MAX_MAANDEN if ronde <= 2 else None
    if ronde <= 2:
        grondslagen = (*grondslagen, G_ART24_NIEUWE_TERMIJN)
    reden: str | None = None
    if afgerond:
        reden = (
            "het participatieverklaringstraject en de module Arbeidsmarkt en Participatie zijn "
            "afgerond"
            if art24
            else "de leerroute is behaald"
        )
    elif not art24 and verblijf_niet_verlengd_of_ingetrokken:
        reden = "de verblijfsvergunning is niet verlengd of ingetrokken"
        grondslagen = (G_ART25, G_ART25_VERBLIJF)
    if reden is not None:
        return Uitkomst(
            DuoBoeteVerwachting(False, vervaldag, verstreken, 0, art24, None, False, reden),
            grondslagen,
            f"Geen boete van DUO op grond van artikel {'24' if art24 else '25'}: {reden}.",
            regel="duo_boete_verwachting",
        )
    wanneer = f"kan DUO {'sinds' if verstreken else 'vanaf'} {datum_nl(vervaldag)}"
    hoogte = f"een boete van {'' if art24 else 'ten hoogste '}{euro(bedrag)}"
    voltooid = "is afgerond" if art24 else "is behaald"
    uitleg = f"Als {onderwerp} niet op tijd {voltooid}, {wanneer} {hoogte} opleggen"
    uitleg += (
        " met een nieuwe termijn van ten hoogste twee jaar"
        if nieuwe_termijn
        else ", en daarna iedere twee jaar opnieuw"
    )
    if asiel:
        uitleg += "; voor een asielstatushouder na een individuele beoordeling"
    return Uitkomst(
        DuoBoeteVerwachting(
            True, vervaldag, verstreken, bedrag, art24, nieuwe_termijn, asiel, None
        ),
        grondslagen,
        uitleg + ".",
        bron=Bron.WET_EN_PRAKTIJK if asiel else Bron.WET,
        regel="duo_boete_verwachting",
    )
