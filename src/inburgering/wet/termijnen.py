"""The inburgeringstermijn and its extension (verlenging).

Wi art. 11, 12 (BWBR0044770); Besluit art. 2.1 lid 2, 4.2-4.5 (incl. ambtshalve extension,
4.5 lid 2-3), 9.3 lid 2 (BWBR0045555).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .beleidskeuzes import STANDAARD, Beleidskeuzes, Periodeeinde
from .grondslag import Bron, bi, wi
from .kalender import atw_verschuiving, datum_nl, einde_periode, plus_jaren, plus_maanden, weken_na
from .regels import regel
from .typen import (
    TAALNIVEAU_ORDE,
    TAALONDERDELEN,
    Doelgroep,
    Examenonderdeel,
    Leerroute,
    Regime,
    Taalniveau,
)
from .uitkomst import Uitkomst

G_DRIE_JAAR = wi("11", 1)
G_AANVANG = wi("11", 2)
G_AANVANG_ONGEWIJZIGD = wi("11", 3)
G_ONDERBREKING = bi("2.1", 2)
G_VERLENGING_ONDERBREKING = bi("4.2")
G_VERLENGING = wi("12", 1)
G_GEEN_VERWIJT = wi("12", 1, "a")
G_INSPANNINGEN = wi("12", 1, "b")
G_OMSTANDIGHEID = bi("4.3", 1)
G_OPLEIDING = bi("4.3", 2)
G_ZES_MAANDEN = bi("4.4", 1)
G_INSPANNINGEN_VOORWAARDEN = bi("4.4", 2)
G_INSPANNINGEN_GEZIN = bi("4.4", 3)
G_AANVRAAG = bi("4.5", 1)
G_DUUR_IN_BESCHIKKING = bi("4.5", 4)
G_AANBOD = wi("16", 1)
G_MELDING_AANBOD = bi("9.3", 2, "b")
G_REGIME = wi("54", 1)

INWERKINGTREDING_WI2021 = date(2022, 1, 1)

TERMIJN_MAANDEN = 36
VERLENGING_INSPANNINGEN_MAANDEN = 6
MINIMUM_UREN_GEZINSMIGRANT = Decimal(450)


@dataclass(frozen=True)
class Termijn:
    """A period with ``start`` and ``einde`` (see ``Beleidskeuzes.periodeeinde``)."""

    start: date
    einde: date


@dataclass(frozen=True)
class Periode:
    """A closed period of days, ``van`` up to and including ``tot_en_met``."""

    van: date
    tot_en_met: date

    @property
    def dagen(self) -> int:
        return (self.tot_en_met - self.van).days + 1


def _vervaldag(einde: date, opties: Beleidskeuzes) -> date:
    """The first day after the period, whatever the ``periodeeinde`` convention."""
    if opties.periodeeinde is Periodeeinde.LAATSTE_DAG:
        return einde + timedelta(days=1)
    return einde


@regel(
    G_DRIE_JAAR,
    G_AANVANG,
    G_AANVANG_ONGEWIJZIGD,
    G_ONDERBREKING,
    G_VERLENGING_ONDERBREKING,
    beleidskeuzes=("periodeeinde", "ontbrekende_dag"),
)
def inburgeringstermijn(
    dagtekening_eerste_pip: date,
    *,
    dagtekening_huidige_pip: date | None = None,
    onderbrekingen: tuple[Periode, ...] = (),
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[Termijn]:
    """Start and end of the 3-year inburgeringstermijn. [wet]

    Wi art. 11 lid 2: the termijn starts on the day after the dagtekening of the PIP; lid 3:
    revoking, replacing or re-setting the PIP does not move the start, so the first PIP's
    dagtekening counts and ``dagtekening_huidige_pip`` never changes the outcome. Lid 1:
    three years (see ``opties.periodeeinde`` and ``opties.ontbrekende_dag`` for 29 February).
    Besluit 4.2 with 2.1 lid 2: each gap of at most one year between two periods of plicht
    extends the termijn by its length; a longer gap ended the plicht (ValueError).
    The Algemene termijnenwet does not apply (Atw art. 4 onder a: termijnen in years).
    """
    if dagtekening_huidige_pip is not None and dagtekening_huidige_pip < dagtekening_eerste_pip:
        raise ValueError("de dagtekening van het huidige PIP ligt voor die van het eerste PIP")
    for periode in onderbrekingen:
        if periode.tot_en_met < periode.van:
            raise ValueError("onderbreking eindigt voor haar begin")
        if periode.tot_en_met >= plus_jaren(periode.van, 1, opties):
            raise ValueError("een onderbreking van meer dan een jaar beëindigt de plicht")
    start = dagtekening_eerste_pip + timedelta(days=1)
    extra = sum(p.dagen for p in onderbrekingen)
    einde = einde_periode(start, TERMIJN_MAANDEN, opties) + timedelta(days=extra)
    grondslagen = [G_DRIE_JAAR, G_AANVANG]
    uitleg = (
        f"De inburgeringstermijn loopt van {datum_nl(start)} (de dag na de dagtekening van het "
        f"eerste PIP) tot en met {datum_nl(einde)}"
    )
    if opties.periodeeinde is Periodeeinde.VERVALDAG:
        uitleg = uitleg.replace("tot en met", "tot")
    if dagtekening_huidige_pip is not None and dagtekening_huidige_pip != dagtekening_eerste_pip:
        grondslagen.append(G_AANVANG_ONGEWIJZIGD)
        uitleg += "; een opnieuw vastgesteld PIP verschuift de aanvang niet"
    if extra:
        grondslagen += [G_ONDERBREKING, G_VERLENGING_ONDERBREKING]
        uitleg += f", verlengd met {extra} dagen onderbreking"
    return Uitkomst(
        Termijn(start, einde), tuple(grondslagen), uitleg + ".", regel="inburgeringstermijn"
    )


@regel(
    G_VERLENGING,
    G_ZES_MAANDEN,
    G_DUUR_IN_BESCHIKKING,
    beleidskeuzes=("periodeeinde", "ontbrekende_dag"),
)
def verlengde_termijn(
    termijn: Termijn, maanden: int, opties: Beleidskeuzes = STANDAARD
) -> Uitkomst[Termijn]:
    """The termijn after an extension of ``maanden`` months granted by DUO. [wet]

    Wi art. 12 lid 1; Besluit 4.4 lid 1 (6 months for aanzienlijke inspanningen) and 4.5
    lid 4 (the decision states the duration). The start never moves; the end never moves back.
    """
    if maanden < 0:
        raise ValueError("een verlenging kan de termijn niet verkorten")
    vervaldag = plus_maanden(_vervaldag(termijn.einde, opties), maanden, opties)
    einde = (
        vervaldag - timedelta(days=1)
        if opties.periodeeinde is Periodeeinde.LAATSTE_DAG
        else vervaldag
    )
    return Uitkomst(
        Termijn(termijn.start, max(einde, termijn.einde)),
        (G_VERLENGING, G_DUUR_IN_BESCHIKKING),
        f"Na verlenging met {maanden} maanden eindigt de inburgeringstermijn op {datum_nl(einde)}.",
        regel="verlengde_termijn",
    )


@dataclass(frozen=True)
class InspanningenInvoer:
    """Facts for Besluit 4.4 lid 2-3 (aanzienlijke inspanningen).

    ``niveau_pip`` is the level in the PIP (``None``: B1, as DUO assumes for the B1-route);
    ``alle_lessen_gevolgd`` means all language and KNM lessons attended except permitted
    absence; ``gevolgde_uren`` counts language and KNM course hours (family migrants).
    """

    doelgroep: Doelgroep
    leerroute: Leerroute
    niveau_pip: Taalniveau | None
    alle_lessen_gevolgd: bool
    gevolgde_uren: Decimal | int
    behaalde_onderdelen: frozenset[Examenonderdeel]
    pvt_afgerond: bool
    map_afgerond: bool


@dataclass(frozen=True)
class Inspanningenbeoordeling:
    """Whether all conditions hold; if so ``maanden`` is 6, else 0 with what is missing."""

    voldaan: bool
    maanden: int
    ontbrekend: tuple[str, ...]


@regel(G_INSPANNINGEN, G_ZES_MAANDEN, G_INSPANNINGEN_VOORWAARDEN, G_INSPANNINGEN_GEZIN)
def verlenging_aanzienlijke_inspanningen(
    invoer: InspanningenInvoer,
) -> Uitkomst[Inspanningenbeoordeling]:
    """+6 months when all conditions of Besluit 4.4 lid 2 (lid 3 for family migrants) hold. [wet]

    a. B1-route, the four language skills examined at the PIP level, at least A2;
    b. all language and KNM lessons attended except permitted absence; family migrants and
       other migrants instead at least 450 hours of language or KNM lessons (lid 3);
    c. at least two of the four language components and KNM passed;
    d. PVT and MAP completed.
    DUO decides (Wi art. 12 lid 1 onder b); this is the municipality's assessment.
    """
    ontbrekend: list[str] = []
    niveau = invoer.niveau_pip or Taalniveau.B1
    if invoer.leerroute is not Leerroute.B1:
        ontbrekend.append("de inburgeringsplichtige volgt niet de B1-route")
    elif TAALNIVEAU_ORDE[niveau] < TAALNIVEAU_ORDE[Taalniveau.A2]:
        ontbrekend.append("het examenniveau in het PIP ligt onder A2")
    if invoer.doelgroep is Doelgroep.GEZINSMIGRANT_OVERIG:
        if Decimal(invoer.gevolgde_uren) < MINIMUM_UREN_GEZINSMIGRANT:
            ontbrekend.append(
                f"minder dan 450 uur taal- en KNM-lessen gevolgd ({invoer.gevolgde_uren})"
            )
    elif not invoer.alle_lessen_gevolgd:
        ontbrekend.append("niet alle taallessen en KNM-lessen gevolgd (buiten geoorloofd verzuim)")
    taal_behaald = len(invoer.behaalde_onderdelen & TAALONDERDELEN)
    if taal_behaald < 2:
        ontbrekend.append(f"{taal_behaald} van de 4 taalonderdelen behaald, minimaal 2 nodig")
    if Examenonderdeel.KNM not in invoer.behaalde_onderdelen:
        ontbrekend.append("het onderdeel KNM is niet behaald")
    if not invoer.pvt_afgerond:
        ontbrekend.append("het participatieverklaringstraject is niet afgerond")
    if not invoer.map_afgerond:
        ontbrekend.append("de module Arbeidsmarkt en Participatie is niet afgerond")
    grondslagen = [G_INSPANNINGEN, G_ZES_MAANDEN, G_INSPANNINGEN_VOORWAARDEN]
    if invoer.doelgroep is Doelgroep.GEZINSMIGRANT_OVERIG:
        grondslagen.append(G_INSPANNINGEN_GEZIN)
    voldaan = not ontbrekend
    uitleg = (
        "Er is sprake van aanzienlijke inspanningen: DUO verlengt de termijn met 6 maanden."
        if voldaan
        else "Geen verlenging wegens aanzienlijke inspanningen, want " + "; ".join(ontbrekend) + "."
    )
    return Uitkomst(
        Inspanningenbeoordeling(
            voldaan, VERLENGING_INSPANNINGEN_MAANDEN if voldaan else 0, tuple(ontbrekend)
        ),
        tuple(grondslagen),
        uitleg,
        regel="verlenging_aanzienlijke_inspanningen",
    )


@dataclass(frozen=True)
class Aanvraagvenster:
    """``vroegst`` is the first day an application may be filed, ``laatst`` the last (the
    termijn's last day); ``niet_te_vroeg``, ``niet_te_laat`` and ``beslissing_uiterlijk`` are
    filled when an application date is given."""

    vroegst: date
    niet_te_vroeg: bool | None
    beslissing_uiterlijk: date | None
    laatst: date | None = None
    niet_te_laat: bool | None = None

    @property
    def binnen_venster(self) -> bool | None:
        """Whether the application date lies in the window (``None`` without a date)."""
        if self.niet_te_vroeg is None:
            return None
        return bool(self.niet_te_vroeg and self.niet_te_laat is not False)


@regel(
    G_AANVRAAG,
    beleidskeuzes=(
        "periodeeinde",
        "ontbrekende_dag",
        "dag_zelf_meetellen",
        "algemene_termijnenwet",
    ),
)
def verlenging_aanvraagvenster(
    termijn_einde: date,
    *,
    aanvraagdatum: date | None = None,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[Aanvraagvenster]:
    """The window to apply for an extension, and DUO's decision deadline. [wet]

    Besluit 4.5 lid 1: not earlier than six months before the termijn expires (the moment
    after its last day); DUO decides within eight weeks of receipt (Atw may move that date).
    Documented choice: the last day to apply is the termijn's last day. The article extends
    "de voor de inburgeringsplichtige geldende termijn"; once it has expired there is no
    termijn left to extend (Wi art. 12 lid 1) and DUO's fines of art. 24-25 can follow.
    """
    vroegst = plus_maanden(_vervaldag(termijn_einde, opties), -6, opties)
    laatst = _vervaldag(termijn_einde, opties) - timedelta(days=1)
    if aanvraagdatum is None:
        return Uitkomst(
            Aanvraagvenster(vroegst, None, None, laatst),
            (G_AANVRAAG,),
            f"Een aanvraag tot verlenging kan van {datum_nl(vroegst)} tot en met "
            f"{datum_nl(laatst)} worden ingediend.",
            regel="verlenging_aanvraagvenster",
        )
    niet_te_vroeg = aanvraagdatum >= vroegst
    niet_te_laat = aanvraagdatum <= laatst
    beslissing = atw_verschuiving(weken_na(aanvraagdatum, 8, opties), opties)
    if not niet_te_vroeg:
        uitleg = (
            f"De aanvraag van {datum_nl(aanvraagdatum)} is te vroeg: indienen kan pas vanaf "
            f"{datum_nl(vroegst)}."
        )
    elif not niet_te_laat:
        uitleg = (
            f"De aanvraag van {datum_nl(aanvraagdatum)} is te laat: de termijn is op "
            f"{datum_nl(laatst)} verstreken en kan niet meer worden verlengd."
        )
    else:
        uitleg = (
            f"De aanvraag van {datum_nl(aanvraagdatum)} is op tijd ingediend; DUO beslist "
            f"uiterlijk {datum_nl(beslissing)}."
        )
    tijdig = niet_te_vroeg and niet_te_laat
    return Uitkomst(
        Aanvraagvenster(
            vroegst, niet_te_vroeg, beslissing if tijdig else None, laatst, niet_te_laat
        ),
        (G_AANVRAAG,),
        uitleg,
        regel="verlenging_aanvraagvenster",
    )


@dataclass(frozen=True)
class GeenVerwijtBeoordeling:
    """Grounds for an extension without blame; ``melden_aan_duo`` when the municipality
    must report that it did not deliver the aanbod."""

    grond_aanwezig: bool
    gronden: tuple[str, ...]
    melden_aan_duo: bool


@regel(G_GEEN_VERWIJT, G_OMSTANDIGHEID, G_OPLEIDING, G_AANBOD, G_MELDING_AANBOD)
def verlenging_geen_verwijt(
    *,
    doelgroep: Doelgroep,
    omstandigheid_belette_deelname: bool = False,
    niet_vrijstellende_opleiding: bool = False,
    aanbod_niet_geleverd: bool = False,
) -> Uitkomst[GeenVerwijtBeoordeling]:
    """Grounds for extension because exceeding the termijn is not the person's fault. [wet]

    Wi art. 12 lid 1 onder a; Besluit 4.3 lid 1 (a circumstance made participation
    impossible), lid 2 (a designated non-exempting education). When the college did not
    deliver the aanbod it owes asylum status holders (Wi art. 16 lid 1), it must report that
    to DUO with a view to the extension (Besluit 9.3 lid 2 onder b). The duration is set by DUO.
    """
    gronden: list[str] = []
    if omstandigheid_belette_deelname:
        gronden.append("een omstandigheid maakte deelname onmogelijk")
    if niet_vrijstellende_opleiding:
        gronden.append("de inburgeringsplichtige volgt een niet-vrijstellende opleiding")
    melden = aanbod_niet_geleverd and doelgroep is Doelgroep.ASIELSTATUSHOUDER
    if melden:
        gronden.append("de gemeente heeft het inburgeringsaanbod niet geleverd")
    if gronden:
        uitleg = "Grond voor verlenging zonder verwijt: " + "; ".join(gronden)
        uitleg += "; de gemeente meldt het uitblijven van het aanbod aan DUO." if melden else "."
    else:
        uitleg = "Er is geen grond voor verlenging omdat het overschrijden niet verwijtbaar is."
    return Uitkomst(
        GeenVerwijtBeoordeling(bool(gronden), tuple(gronden), melden),
        (G_GEEN_VERWIJT, G_OMSTANDIGHEID, G_OPLEIDING, G_AANBOD, G_MELDING_AANBOD),
        uitleg,
        regel="verlenging_geen_verwijt",
    )


@regel(G_REGIME, bron=Bron.WET_EN_PRAKTIJK)
def regime(datum_ontstaan_plicht: date) -> Uitkomst[Regime]:
    """Which law applies: Wi2021 from 1 January 2022, otherwise the old Wet inburgering.

    Wi art. 54 lid 1 [wet]; the date of entry into force (1 January 2022) is from the
    inwerkingtredingsbesluit [praktijk].
    """
    nieuw = datum_ontstaan_plicht >= INWERKINGTREDING_WI2021
    waarde = Regime.WI2021 if nieuw else Regime.WI2013
    return Uitkomst(
        waarde,
        (G_REGIME,),
        "Op deze inburgeringsplichtige is de Wet inburgering 2021 van toepassing."
        if nieuw
        else "Op deze inburgeringsplichtige blijft de oude Wet inburgering (2013) van toepassing.",
        bron=Bron.WET_EN_PRAKTIJK,
        regel="regime",
    )


G_AMBTSHALVE_INDIVIDUEEL = bi("4.5", 2)
G_AMBTSHALVE_CATEGORIE = bi("4.5", 3)


@dataclass(frozen=True)
class AmbtshalveVerlenging:
    """``vroegst`` is the first day DUO may give an individual ex officio decision (``None``
    for a category, which has no such limit); ``toegestaan`` is filled when a date is given."""

    vroegst: date | None
    toegestaan: bool | None


@regel(
    G_AMBTSHALVE_INDIVIDUEEL,
    G_AMBTSHALVE_CATEGORIE,
    G_DUUR_IN_BESCHIKKING,
    beleidskeuzes=("periodeeinde", "ontbrekende_dag"),
)
def verlenging_ambtshalve(
    termijn_einde: date,
    *,
    categorie: bool = False,
    beschikkingsdatum: date | None = None,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[AmbtshalveVerlenging]:
    """Whether DUO may extend the termijn ex officio (without an application), and from when. [wet]

    Besluit 4.5 lid 2: in special cases concerning the person DUO may extend ex officio; the
    decision is not given earlier than six months before the termijn expires (the same moment
    as the earliest application, ``verlenging_aanvraagvenster``). Lid 3: in special cases
    concerning all or categories of inburgeringsplichtigen, for a duration set by ministerial
    regulation, with no such time limit. Lid 4: the decision states the duration. The gemeente
    can flag a case to DUO; DUO decides.
    """
    if categorie:
        return Uitkomst(
            AmbtshalveVerlenging(None, True if beschikkingsdatum is not None else None),
            (G_AMBTSHALVE_CATEGORIE, G_DUUR_IN_BESCHIKKING),
            "DUO kan de termijn voor een categorie inburgeringsplichtigen ambtshalve verlengen, "
            "met een duur die bij ministeriële regeling is bepaald.",
            regel="verlenging_ambtshalve",
        )
    vroegst = plus_maanden(_vervaldag(termijn_einde, opties), -6, opties)
    if beschikkingsdatum is None:
        return Uitkomst(
            AmbtshalveVerlenging(vroegst, None),
            (G_AMBTSHALVE_INDIVIDUEEL, G_DUUR_IN_BESCHIKKING),
            f"DUO kan de termijn in een bijzonder geval ambtshalve verlengen; de beschikking kan "
            f"vanaf {datum_nl(vroegst)} worden gegeven.",
            regel="verlenging_ambtshalve",
        )
    toegestaan = beschikkingsdatum >= vroegst
    uitleg = (
        f"Een ambtshalve verlenging met dagtekening {datum_nl(beschikkingsdatum)} is mogelijk."
        if toegestaan
        else f"Een ambtshalve verlenging met dagtekening {datum_nl(beschikkingsdatum)} is te "
        f"vroeg: de beschikking kan pas vanaf {datum_nl(vroegst)} worden gegeven."
    )
    return Uitkomst(
        AmbtshalveVerlenging(vroegst, toegestaan),
        (G_AMBTSHALVE_INDIVIDUEEL, G_DUUR_IN_BESCHIKKING),
        uitleg,
        regel="verlenging_ambtshalve",
    )
