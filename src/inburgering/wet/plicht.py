"""Start and end of the inburgeringsplicht: who is inburgeringsplichtig, when it is met or
continues, and the grounds for vrijstelling and ontheffing.

Wi art. 3, 4, 5, 6, 7 lid 3, 8 lid 3-4 (BWBR0044770); Besluit art. 2.1, 2.2 lid 3, 2.3, 2.6,
2.7, 2.8 (BWBR0045555). DUO decides on the plicht, vrijstelling and ontheffing; these rules let
the gemeente check DUO's decisions and see what a decision changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from .beleidskeuzes import STANDAARD, Beleidskeuzes
from .grondslag import Grondslag, bi, wi
from .kalender import atw_verschuiving, datum_nl, plus_jaren, weken_na
from .regels import regel
from .termijnen import Periode
from .typen import TAALONDERDELEN, Examenonderdeel, Leerroute
from .uitkomst import Uitkomst

G_PLICHTIG = wi("3", 1)
G_UITGEZONDERD = wi("3", 2)
G_GEEN_TERUGWERKENDE_KRACHT = wi("3", 3)
G_ASIEL_NIET_TIJDELIJK = bi("2.2", 3)
G_INHOUD_PLICHT = wi("6", 1)
G_DIPLOMA = wi("6", 2)
G_DEELVRIJSTELLING = wi("7", 3)
G_GEEN_MAP = wi("8", 3)
G_EXAMEN_IN_ONDERWIJSROUTE = wi("8", 4)
G_AANSLUITEND = bi("2.1", 1)
G_ONDERBREKING = bi("2.1", 2)
G_VRIJSTELLING = wi("4", 1)
G_VOLDOENDE_INGEBURGERD = bi("2.3")
G_LEERPLICHT_BRP = bi("2.6")
G_ONTHEFFING_MEDISCH = wi("5", 1)
G_ONTHEFFING_BIJZONDER = wi("5", 2)
G_DESKUNDIGE = bi("2.7", 1)
G_VIJF_JAAR = bi("2.7", 2)
G_GEDEELTELIJK = bi("2.7", 3)
G_BESLISTERMIJN_MEDISCH = bi("2.7", 5)
G_SCHRIJNEND = bi("2.8", 1)
G_ADVIES_COLLEGE = bi("2.8", 2)
G_BESLISTERMIJN_BIJZONDER = bi("2.8", 3)
G_AMBTSHALVE_ONTHEFFING = bi("2.8", 4)

LEEFTIJD_PLICHT = 16
LEERPLICHT_JAREN = 8
INGEZETENE_JAREN = 10
WERK_JAREN = Decimal(5)
ONTHEFFING_VERWACHTING_JAREN = 5
BESLISTERMIJN_WEKEN = 8


class Verblijfsrecht(StrEnum):
    """The lawful residence obtained (Vreemdelingenwet 2000 art. 8), as Wi art. 3 needs it."""

    REGULIER = "regulier"
    """Vw art. 8 onder a: a regular residence permit."""
    ASIEL = "asiel"
    """Vw art. 8 onder c: an asylum residence permit (never a temporary purpose, Besluit 2.2
    lid 3)."""
    ANDERS = "anders"
    """Any other ground of Vw art. 8 (e.g. onder e, g or h): not inburgeringsplichtig."""


@dataclass(frozen=True)
class Plichtbeoordeling:
    """``plichtig`` with the day the plicht starts (``aanvang``) or the reasons it does not."""

    plichtig: bool
    aanvang: date | None
    redenen: tuple[str, ...]


@regel(G_PLICHTIG, G_UITGEZONDERD, G_GEEN_TERUGWERKENDE_KRACHT, G_ASIEL_NIET_TIJDELIJK)
def inburgeringsplichtig(
    *,
    verblijfsrecht: Verblijfsrecht,
    verblijf_verkregen: date,
    geboortedatum: date,
    aow_datum: date | None = None,
    besluit_verblijf: date | None = None,
    tijdelijk_doel: bool = False,
    geestelijk_bedienaar: bool = False,
    eu_eer_zwitserland: bool = False,
    familielid_eu_vrij_verkeer: bool = False,
    inburgeringsvereiste_langdurig_ingezetene: bool = False,
    volkenrechtelijk_uitgezonderd: bool = False,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[Plichtbeoordeling]:
    """Whether someone is inburgeringsplichtig and from which day. [wet]

    Wi art. 3 lid 1: a foreign national who obtains lawful residence under Vw art. 8 onder a
    (regular) or c (asylum), is 16 or older (from the 16th birthday) and has not yet reached the
    AOW age (``aow_datum``: the day he reaches it, from the SVB; the AOW age itself changes by
    law), and (a) stays for a non-temporary purpose or (b) is a geestelijk bedienaar. Besluit
    2.2 lid 3: an asylum permit is never a temporary purpose (lid 1-2 list the regular ones:
    pass ``tijdelijk_doel``). Lid 2 onder a-d: EU/EEA/Swiss nationals, their family members with
    free-movement rights, who met an integration requirement for long-term residence elsewhere in
    the EU/EEA, and whom a treaty exempts are not. Lid 3: no retroactive effect, so the plicht
    starts on the later of the day residence was obtained and the day of the decision granting
    it (``besluit_verblijf``). Documented choice: the age is tested on the day residence is
    obtained, as the text ("die rechtmatig verblijf verkrijgt ..., die 16 jaar of ouder is")
    reads; someone who obtained it younger does not become plichtig on turning 16.
    """
    redenen: list[str] = []
    grondslagen = [G_PLICHTIG]
    if verblijfsrecht is Verblijfsrecht.ANDERS:
        redenen.append("het verblijfsrecht valt niet onder artikel 8, onder a of c, Vw 2000")
    zestien = plus_jaren(geboortedatum, LEEFTIJD_PLICHT, opties)
    if verblijf_verkregen < zestien:
        redenen.append(
            f"bij het verkrijgen van verblijf op {datum_nl(verblijf_verkregen)} was hij jonger dan "
            f"16 jaar (16 op {datum_nl(zestien)})"
        )
    if aow_datum is not None and verblijf_verkregen >= aow_datum:
        redenen.append("hij had de pensioengerechtigde leeftijd al bereikt")
    if verblijfsrecht is Verblijfsrecht.ASIEL:
        if tijdelijk_doel:
            grondslagen.append(G_ASIEL_NIET_TIJDELIJK)
        tijdelijk = False
    else:
        tijdelijk = tijdelijk_doel
    if tijdelijk and not geestelijk_bedienaar:
        redenen.append("hij verblijft hier voor een tijdelijk doel en is geen geestelijk bedienaar")
    uitzonderingen = {
        "onderdaan van de EU, de EER of Zwitserland": eu_eer_zwitserland,
        "familielid met vrij verkeer van een EU-, EER- of Zwitserse onderdaan": (
            familielid_eu_vrij_verkeer
        ),
        "heeft elders in de EU/EER aan een inburgeringsvereiste voor langdurig ingezetenen "
        "voldaan": inburgeringsvereiste_langdurig_ingezetene,
        "een verdrag of besluit van een volkenrechtelijke organisatie staat de plicht in de weg": (
            volkenrechtelijk_uitgezonderd
        ),
    }
    uitgezonderd = [tekst for tekst, geldt in uitzonderingen.items() if geldt]
    if uitgezonderd:
        grondslagen.append(G_UITGEZONDERD)
        redenen += uitgezonderd
    if redenen:
        return Uitkomst(
            Plichtbeoordeling(False, None, tuple(redenen)),
            tuple(grondslagen),
            "Niet inburgeringsplichtig: " + "; ".join(redenen) + ".",
            regel="inburgeringsplichtig",
        )
    aanvang = verblijf_verkregen
    uitleg = f"Inburgeringsplichtig vanaf {datum_nl(aanvang)}, de dag waarop verblijf is verkregen"
    if besluit_verblijf is not None and besluit_verblijf > verblijf_verkregen:
        aanvang = besluit_verblijf
        grondslagen.append(G_GEEN_TERUGWERKENDE_KRACHT)
        uitleg = (
            f"Inburgeringsplichtig vanaf {datum_nl(aanvang)}, de dag van het besluit over het "
            "verblijf: de plicht ontstaat niet met terugwerkende kracht"
        )
    return Uitkomst(
        Plichtbeoordeling(True, aanvang, ()),
        tuple(grondslagen),
        uitleg + ".",
        regel="inburgeringsplichtig",
    )


class Onderbrekingsreden(StrEnum):
    """Why someone was not inburgeringsplichtig between two periods (Besluit 2.1 lid 2)."""

    GEEN_INGEZETENE = "geen_ingezetene"
    """a. not registered as ingezetene in the BRP."""
    TIJDELIJK_DOEL = "tijdelijk_doel"
    """b. stayed in the Netherlands for a temporary purpose."""
    BEDIENAAR_ONDERBROKEN = "bedienaar_onderbroken"
    """c. interrupted the work as geestelijk bedienaar."""
    ANDERS = "anders"
    """Any other reason: Besluit 2.1 lid 2 does not apply."""


@dataclass(frozen=True)
class Voortduring:
    """Whether the plicht continued (``doorgelopen``) and the gap (``None``: none)."""

    doorgelopen: bool
    onderbreking: Periode | None


@regel(G_AANSLUITEND, G_ONDERBREKING, beleidskeuzes=("ontbrekende_dag",))
def plicht_voortgezet(
    *,
    laatste_dag_plicht: date,
    nieuwe_plicht_vanaf: date | None = None,
    aansluitend_verblijf_onder_g_of_h: bool = False,
    reden: Onderbrekingsreden = Onderbrekingsreden.ANDERS,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[Voortduring]:
    """Whether the plicht survives an interruption of the conditions of Wi art. 3 lid 1. [wet]

    Besluit 2.1 lid 1: it does not end when, directly following the period of plicht, the
    person obtained lawful residence under Vw art. 8 onder g or h (a pending application or
    appeal). Lid 2: it is deemed not to have ended when between two periods of plicht, for at
    most one year, he (a) was no ingezetene, (b) stayed for a temporary purpose or (c)
    interrupted his work as geestelijk bedienaar. The gap runs from the day after
    ``laatste_dag_plicht`` up to and including the day before ``nieuwe_plicht_vanaf``; "maximaal
    een jaar" includes a gap of exactly one year (last day: one year after its first day, minus a
    day). Such a gap extends the termijn (see ``inburgeringstermijn``).
    """
    if aansluitend_verblijf_onder_g_of_h:
        return Uitkomst(
            Voortduring(True, None),
            (G_AANSLUITEND,),
            "De inburgeringsplicht loopt door: direct aansluitend is rechtmatig verblijf "
            "verkregen op grond van artikel 8, onder g of h, Vw 2000.",
            regel="plicht_voortgezet",
        )
    if nieuwe_plicht_vanaf is None:
        return Uitkomst(
            Voortduring(False, None),
            (G_AANSLUITEND, G_ONDERBREKING),
            f"De inburgeringsplicht is op {datum_nl(laatste_dag_plicht)} geëindigd, tenzij de "
            "inburgeringsplichtige binnen een jaar opnieuw inburgeringsplichtig wordt na een "
            "onderbreking als bedoeld in artikel 2.1, tweede lid, van het Besluit.",
            regel="plicht_voortgezet",
        )
    if nieuwe_plicht_vanaf <= laatste_dag_plicht:
        raise ValueError("de nieuwe periode van plicht begint voor het einde van de vorige")
    if nieuwe_plicht_vanaf == laatste_dag_plicht + timedelta(days=1):
        return Uitkomst(
            Voortduring(True, None),
            (G_ONDERBREKING,),
            "De inburgeringsplicht loopt zonder onderbreking door.",
            regel="plicht_voortgezet",
        )
    gat = Periode(laatste_dag_plicht + timedelta(days=1), nieuwe_plicht_vanaf - timedelta(days=1))
    uiterlijk = plus_jaren(gat.van, 1, opties) - timedelta(days=1)
    if reden is Onderbrekingsreden.ANDERS:
        doorgelopen = False
        uitleg = (
            f"De inburgeringsplicht is geëindigd: de onderbreking van {gat.dagen} dagen had geen "
            "reden als bedoeld in artikel 2.1, tweede lid, van het Besluit."
        )
    elif gat.tot_en_met > uiterlijk:
        doorgelopen = False
        uitleg = (
            f"De inburgeringsplicht is geëindigd: de onderbreking van {datum_nl(gat.van)} tot en "
            f"met {datum_nl(gat.tot_en_met)} duurde langer dan een jaar."
        )
    else:
        doorgelopen = True
        uitleg = (
            f"De inburgeringsplicht geldt als niet geëindigd: de onderbreking van "
            f"{datum_nl(gat.van)} tot en met {datum_nl(gat.tot_en_met)} ({gat.dagen} dagen) "
            "duurde ten hoogste een jaar en verlengt de termijn."
        )
    return Uitkomst(
        Voortduring(doorgelopen, gat),
        (G_ONDERBREKING,),
        uitleg,
        regel="plicht_voortgezet",
    )


@dataclass(frozen=True)
class Plichtstand:
    """Whether the plicht is met, how (``via``), the document (Wi 6 lid 2) and what is missing."""

    voldaan: bool
    via: str | None
    document: str | None
    ontbrekend: tuple[str, ...]


ALLE_ONDERDELEN = frozenset(Examenonderdeel)


def _onderdelen(namen: list[str]) -> str:
    """'het examenonderdeel KNM' or 'de examenonderdelen LE, SP'."""
    if len(namen) == 1:
        return f"het examenonderdeel {namen[0]}"
    return "de examenonderdelen " + ", ".join(namen)


@regel(G_INHOUD_PLICHT, G_DIPLOMA, G_DEELVRIJSTELLING, G_GEEN_MAP, G_EXAMEN_IN_ONDERWIJSROUTE)
def inburgeringsplicht_voldaan(
    *,
    leerroute: Leerroute,
    pvt_afgerond: bool,
    map_afgerond: bool,
    taalschakeltraject_gevolgd: bool = False,
    behaalde_onderdelen: frozenset[Examenonderdeel] = frozenset(),
    vrijgestelde_onderdelen: frozenset[Examenonderdeel] = frozenset(),
    onderwijsroute_behaald: bool = False,
    zroute_behaald: bool = False,
) -> Uitkomst[Plichtstand]:
    """Whether the inburgeringsplicht is met, and what is still open. [wet]

    Wi art. 6 lid 1: (a) PVT completed, (b) MAP completed, and (c) the inburgeringsexamen, the
    onderwijsroute or the zelfredzaamheidsroute achieved; lid 2: diploma for the exam or the
    onderwijsroute, certificaat for the Z-route. Art. 8 lid 3: no MAP for whoever follows or
    completed the taalschakeltraject. Art. 8 lid 4: whoever did not achieve the onderwijsroute
    has passed the inburgeringsexamen with the B1 language components (LE, LU, SC, SP) and KNM.
    ``behaalde_onderdelen`` are components passed at the level the PIP requires (B1, or A2
    after afschalen); ``vrijgestelde_onderdelen`` need not be passed: a partial vrijstelling
    (Wi art. 7 lid 3) or a partial ontheffing (Besluit 2.7 lid 3). Documented choice: in the
    B1-route the exam is passed when every component is passed or exempted.
    """
    ontbrekend: list[str] = []
    grondslagen = [G_INHOUD_PLICHT]
    if not pvt_afgerond:
        ontbrekend.append("het participatieverklaringstraject is niet afgerond")
    map_vrij = leerroute is Leerroute.ONDERWIJS or taalschakeltraject_gevolgd
    if map_vrij:
        grondslagen.append(G_GEEN_MAP)
    elif not map_afgerond:
        ontbrekend.append("de module Arbeidsmarkt en Participatie is niet afgerond")
    examen_open = sorted(ALLE_ONDERDELEN - behaalde_onderdelen - vrijgestelde_onderdelen)
    if vrijgestelde_onderdelen:
        grondslagen.append(G_DEELVRIJSTELLING)
    via: str | None
    document: str | None
    if leerroute is Leerroute.Z:
        via, document = "de zelfredzaamheidsroute", "certificaat"
        if not zroute_behaald:
            ontbrekend.append("de zelfredzaamheidsroute is niet behaald")
    elif leerroute is Leerroute.ONDERWIJS and onderwijsroute_behaald:
        via, document = "de onderwijsroute", "diploma"
    else:
        via, document = "het inburgeringsexamen", "diploma"
        if leerroute is Leerroute.ONDERWIJS:
            grondslagen.append(G_EXAMEN_IN_ONDERWIJSROUTE)
            via = "het inburgeringsexamen (onderwijsroute niet behaald, artikel 8, vierde lid)"
        if examen_open:
            namen = _onderdelen([o.value for o in examen_open])
            if leerroute is Leerroute.ONDERWIJS:
                ontbrekend.append(f"de onderwijsroute is niet behaald en {namen} ook niet")
            else:
                ww = "is" if len(examen_open) == 1 else "zijn"
                ontbrekend.append(f"{namen} {ww} niet behaald")
    voldaan = not ontbrekend
    if voldaan:
        grondslagen.append(G_DIPLOMA)
        uitleg = (
            f"De inburgeringsplicht is voldaan via {via}; de inburgeringsplichtige ontvangt een "
            f"{document}."
        )
    else:
        uitleg = "De inburgeringsplicht is nog niet voldaan: " + "; ".join(ontbrekend) + "."
    return Uitkomst(
        Plichtstand(
            voldaan,
            via if voldaan else None,
            document if voldaan else None,
            tuple(ontbrekend),
        ),
        tuple(grondslagen),
        uitleg,
        regel="inburgeringsplicht_voldaan",
    )


@dataclass(frozen=True)
class Vrijstellingsbeoordeling:
    """Grounds of Wi art. 4 lid 1 that hold (letters ``a``-``e``): any one exempts fully.

    ``vrijgestelde_onderdelen`` is the partial exemption of Wi art. 7 lid 3.
    """

    volledig: bool
    gronden: tuple[str, ...]
    vrijgestelde_onderdelen: frozenset[Examenonderdeel]


@regel(
    G_VRIJSTELLING,
    G_VOLDOENDE_INGEBURGERD,
    G_LEERPLICHT_BRP,
    G_DEELVRIJSTELLING,
    beleidskeuzes=("ontbrekende_dag",),
)
def vrijstelling_inburgeringsplicht(
    *,
    peildatum: date,
    leerplicht_volgens_brp: Periode | None = None,
    vrijstellend_diploma: bool = False,
    nu_leerplichtig: bool = False,
    volgt_vrijstellende_opleiding: bool = False,
    ingezetene_onafgebroken_sinds: date | None = None,
    jaren_werk: Decimal | int = 0,
    b1_spreken_luisteren_vastgesteld: bool = False,
    deeldiploma_onderdelen: frozenset[Examenonderdeel] = frozenset(),
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[Vrijstellingsbeoordeling]:
    """Grounds for (full or partial) vrijstelling of the inburgeringsplicht. [wet]

    Wi art. 4 lid 1, DUO grants it to whoever (a) was leerplichtig or kwalificatieplichtig for
    at least eight years (Besluit 2.6: the period follows from the BRP registration; a period of
    exactly eight years counts), (b) holds a designated diploma, (c) is leerplichtig now, (d)
    follows an education leading to such a diploma, or (e) showed to be sufficiently
    integrated: Besluit 2.3 requires all of at least 10 years' uninterrupted BRP registration
    (from the tenth anniversary of ``ingezetene_onafgebroken_sinds``), at least 5 years of paid
    or voluntary work in the Netherlands, and B1 speaking and listening established in a
    conversation. Wi art. 7 lid 3: a designated document for part of the exam exempts from that
    part only (``deeldiploma_onderdelen``).
    """
    gronden: list[str] = []
    teksten: list[str] = []
    grondslagen = [G_VRIJSTELLING]
    if leerplicht_volgens_brp is not None:
        grondslagen.append(G_LEERPLICHT_BRP)
        acht_jaar = plus_jaren(leerplicht_volgens_brp.van, LEERPLICHT_JAREN, opties)
        if leerplicht_volgens_brp.tot_en_met >= acht_jaar - timedelta(days=1):
            gronden.append("a")
            teksten.append("ten minste acht jaar leerplichtig of kwalificatieplichtig")
    if vrijstellend_diploma:
        gronden.append("b")
        teksten.append("een aangewezen diploma, certificaat of ander document")
    if nu_leerplichtig:
        gronden.append("c")
        teksten.append("nu leerplichtig of kwalificatieplichtig")
    if volgt_vrijstellende_opleiding:
        gronden.append("d")
        teksten.append("volgt een opleiding die tot een aangewezen diploma leidt")
    if ingezetene_onafgebroken_sinds is not None:
        grondslagen.append(G_VOLDOENDE_INGEBURGERD)
        tien_jaar = plus_jaren(ingezetene_onafgebroken_sinds, INGEZETENE_JAREN, opties)
        if (
            peildatum >= tien_jaar
            and Decimal(jaren_werk) >= WERK_JAREN
            and b1_spreken_luisteren_vastgesteld
        ):
            gronden.append("e")
            teksten.append(
                "voldoende ingeburgerd (10 jaar ingezetene, 5 jaar werk, B1 spreken en luisteren)"
            )
    deel = frozenset(deeldiploma_onderdelen)
    if deel:
        grondslagen.append(G_DEELVRIJSTELLING)
    volledig = bool(gronden)
    if volledig:
        uitleg = "Grond voor vrijstelling van de inburgeringsplicht: " + "; ".join(teksten) + "."
    elif deel:
        namen = _onderdelen(sorted(o.value for o in deel))
        uitleg = (
            f"Geen volledige vrijstelling; wel vrijgesteld van {namen} op grond van een "
            "aangewezen document."
        )
    else:
        uitleg = "Er is geen grond voor vrijstelling van de inburgeringsplicht."
    return Uitkomst(
        Vrijstellingsbeoordeling(volledig, tuple(gronden), frozenset() if volledig else deel),
        tuple(grondslagen),
        uitleg,
        regel="vrijstelling_inburgeringsplicht",
    )


class Ontheffingssoort(StrEnum):
    GEHEEL = "geheel"
    GEDEELTELIJK = "gedeeltelijk"
    GEEN = "geen"


@dataclass(frozen=True)
class Ontheffingsbeoordeling:
    """The kind of ontheffing the facts support, the components it covers, and DUO's decision
    deadline (``None`` without an application date)."""

    soort: Ontheffingssoort
    onderdelen: frozenset[Examenonderdeel]
    zroute_participatiedeel: bool
    beslissing_uiterlijk: date | None


def _beslistermijn(aanvraag: date | None, opties: Beleidskeuzes) -> date | None:
    if aanvraag is None:
        return None
    return atw_verschuiving(weken_na(aanvraag, BESLISTERMIJN_WEKEN, opties), opties)


@regel(
    G_ONTHEFFING_MEDISCH,
    G_DESKUNDIGE,
    G_VIJF_JAAR,
    G_GEDEELTELIJK,
    G_BESLISTERMIJN_MEDISCH,
    beleidskeuzes=("dag_zelf_meetellen", "algemene_termijnenwet"),
)
def ontheffing_belemmering(
    *,
    leerroute: Leerroute,
    deskundigenverklaring: bool,
    niet_binnen_vijf_jaar: bool,
    alles_niet_haalbaar: bool = False,
    onderdelen_niet_haalbaar: frozenset[Examenonderdeel] = frozenset(),
    zroute_participatiedeel_niet_haalbaar: bool = False,
    aanvraagdatum: date | None = None,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[Ontheffingsbeoordeling]:
    """Ontheffing for a lasting psychological or physical impediment or intellectual disability.

    [wet] Wi art. 5 lid 1; Besluit 2.7 lid 1: DUO asks a designated doctor (not the treating
    one) for a deskundigenverklaring; lid 2: granted when the impediment is expected to keep
    the person from meeting the plicht (or parts) for five years after the application
    (``niet_binnen_vijf_jaar``); lid 3: a partial ontheffing only covers (a/b) at most three of
    the four language components and/or KNM of the exam or of the onderwijsroute (art. 8 lid 4),
    or (c) the participation part of the Z-route (Besluit 3.14 lid 2 onder b), never PVT or MAP;
    lid 5: DUO decides within eight weeks of the application. Documented choice: when all four
    language components are out of reach (or ``alles_niet_haalbaar``) only a full ontheffing
    fits; three language components plus KNM is still partial.
    """
    grondslagen: tuple[Grondslag, ...] = (G_ONTHEFFING_MEDISCH, G_DESKUNDIGE, G_VIJF_JAAR)
    beslissing = _beslistermijn(aanvraagdatum, opties)
    if beslissing is not None:
        grondslagen = (*grondslagen, G_BESLISTERMIJN_MEDISCH)
    termijn_zin = (
        f" DUO beslist uiterlijk {datum_nl(beslissing)}." if beslissing is not None else ""
    )
    if not deskundigenverklaring or not niet_binnen_vijf_jaar:
        reden = (
            "er is geen deskundigenverklaring van een door DUO aangewezen arts"
            if not deskundigenverklaring
            else "de belemmering staat niet voor vijf jaar na de aanvraag aan de plicht in de weg"
        )
        return Uitkomst(
            Ontheffingsbeoordeling(Ontheffingssoort.GEEN, frozenset(), False, beslissing),
            grondslagen,
            f"Geen grond voor ontheffing: {reden}.{termijn_zin}",
            regel="ontheffing_belemmering",
        )
    onderdelen = frozenset(onderdelen_niet_haalbaar)
    taal = onderdelen & TAALONDERDELEN
    if alles_niet_haalbaar or len(taal) == len(TAALONDERDELEN):
        return Uitkomst(
            Ontheffingsbeoordeling(Ontheffingssoort.GEHEEL, frozenset(), False, beslissing),
            grondslagen,
            f"Grond voor gehele ontheffing van de inburgeringsplicht.{termijn_zin}",
            regel="ontheffing_belemmering",
        )
    zroute_deel = zroute_participatiedeel_niet_haalbaar and leerroute is Leerroute.Z
    if not onderdelen and not zroute_deel:
        return Uitkomst(
            Ontheffingsbeoordeling(Ontheffingssoort.GEEN, frozenset(), False, beslissing),
            grondslagen,
            "Geen grond voor ontheffing: er is geen onderdeel genoemd waaraan de "
            f"inburgeringsplichtige blijvend niet kan voldoen.{termijn_zin}",
            regel="ontheffing_belemmering",
        )
    delen = [o.value for o in sorted(onderdelen)]
    if zroute_deel:
        delen.append("het participatiegedeelte van de zelfredzaamheidsroute")
    return Uitkomst(
        Ontheffingsbeoordeling(Ontheffingssoort.GEDEELTELIJK, onderdelen, zroute_deel, beslissing),
        (*grondslagen, G_GEDEELTELIJK),
        "Grond voor gedeeltelijke ontheffing voor: " + ", ".join(delen) + "; PVT en MAP blijven "
        f"verplicht.{termijn_zin}",
        regel="ontheffing_belemmering",
    )


@dataclass(frozen=True)
class BijzondereOntheffing:
    """Whether the grounds of Besluit 2.8 lid 1 hold, whether the college's advice is needed
    (and present), and DUO's decision deadline."""

    grond_aanwezig: bool
    advies_college_nodig: bool
    advies_ontbreekt: bool
    beslissing_uiterlijk: date | None


@regel(
    G_ONTHEFFING_BIJZONDER,
    G_SCHRIJNEND,
    G_ADVIES_COLLEGE,
    G_BESLISTERMIJN_BIJZONDER,
    G_AMBTSHALVE_ONTHEFFING,
    beleidskeuzes=("dag_zelf_meetellen", "algemene_termijnenwet"),
)
def ontheffing_bijzondere_omstandigheden(
    *,
    zeer_uitzonderlijk_en_onvoorzien: bool,
    niet_te_wijten: bool,
    zeer_schrijnend: bool,
    ambtshalve: bool = False,
    advies_college: bool = False,
    aanvraagdatum: date | None = None,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[BijzondereOntheffing]:
    """Full ontheffing for special individual circumstances. [wet]

    Wi art. 5 lid 2; Besluit 2.8 lid 1: only in very exceptional, unforeseen circumstances not
    attributable to the person in which holding on to the plicht leads to a very distressing
    situation (all three); always a full ontheffing. Lid 2: the application includes the
    college's advice; lid 3: DUO decides within eight weeks; lid 4: DUO may grant it ex officio,
    the college then advises where applicable (documented choice: an ex officio procedure does
    not require the advice, but the college is asked for it).
    """
    grond = zeer_uitzonderlijk_en_onvoorzien and niet_te_wijten and zeer_schrijnend
    advies_nodig = not ambtshalve
    ontbreekt = advies_nodig and not advies_college
    beslissing = None if ambtshalve else _beslistermijn(aanvraagdatum, opties)
    grondslagen = [G_ONTHEFFING_BIJZONDER, G_SCHRIJNEND]
    grondslagen.append(G_AMBTSHALVE_ONTHEFFING if ambtshalve else G_ADVIES_COLLEGE)
    if beslissing is not None:
        grondslagen.append(G_BESLISTERMIJN_BIJZONDER)
    delen: list[str] = []
    if grond:
        delen.append("Er is grond voor gehele ontheffing wegens bijzondere omstandigheden")
    else:
        missend = [
            tekst
            for tekst, geldt in (
                (
                    "de omstandigheden zeer uitzonderlijk en onvoorzien zijn",
                    zeer_uitzonderlijk_en_onvoorzien,
                ),
                ("ze niet aan de inburgeringsplichtige te wijten zijn", niet_te_wijten),
                (
                    "vasthouden aan de plicht tot een zeer schrijnende situatie leidt",
                    zeer_schrijnend,
                ),
            )
            if not geldt
        ]
        delen.append("Geen grond voor ontheffing: niet vastgesteld is dat " + " en ".join(missend))
    if ontbreekt:
        delen.append("bij de aanvraag hoort een advies van het college, dat nog ontbreekt")
    elif ambtshalve:
        delen.append("DUO beslist ambtshalve; het college adviseert waar dat van toepassing is")
    if beslissing is not None:
        delen.append(f"DUO beslist uiterlijk {datum_nl(beslissing)}")
    return Uitkomst(
        BijzondereOntheffing(grond, advies_nodig, ontbreekt, beslissing),
        tuple(grondslagen),
        "; ".join(delen) + ".",
        regel="ontheffing_bijzondere_omstandigheden",
    )


@regel(
    G_ADVIES_COLLEGE,
    G_AMBTSHALVE_ONTHEFFING,
    G_BESLISTERMIJN_BIJZONDER,
    beleidskeuzes=("adviestermijn_ontheffing_weken", "dag_zelf_meetellen", "algemene_termijnenwet"),
)
def ontheffing_advies_uiterlijk(
    adviesverzoek: date, *, opties: Beleidskeuzes = STANDAARD
) -> Uitkomst[date]:
    """The day by which the college gives DUO its advice on a bijzondere ontheffing. [wet]

    Besluit 2.8 lid 2 (the advice comes with the application) and lid 4 (the college advises
    DUO where applicable); DUO decides within eight weeks (lid 3). The law sets no deadline for
    the advice itself: ``opties.adviestermijn_ontheffing_weken`` weeks after DUO's request
    (signal SS140), moved by the Algemene termijnenwet when it ends on a weekend or holiday.
    """
    uiterlijk = atw_verschuiving(
        weken_na(adviesverzoek, opties.adviestermijn_ontheffing_weken, opties), opties
    )
    return Uitkomst(
        uiterlijk,
        (G_ADVIES_COLLEGE, G_AMBTSHALVE_ONTHEFFING, G_BESLISTERMIJN_BIJZONDER),
        f"DUO vroeg op {datum_nl(adviesverzoek)} om het advies van het college over de "
        f"ontheffing; het advies gaat uiterlijk {datum_nl(uiterlijk)} terug naar DUO, zodat DUO "
        "binnen acht weken kan beslissen.",
        regel="ontheffing_advies_uiterlijk",
    )
