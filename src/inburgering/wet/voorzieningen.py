"""Services the municipality provides: maatschappelijke begeleiding, financieel ontzorgen,
and who pays course and exams.

Wi art. 13, 16, 19, 20 (BWBR0044770); Participatiewet art. 56a (BWBR0015703).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .beleidskeuzes import STANDAARD, Beleidskeuzes
from .grondslag import Bron, pw, wi
from .kalender import datum_nl, einde_periode
from .regels import regel
from .typen import Doelgroep, Verblijfsgrond
from .uitkomst import Uitkomst

G_MB_DOELGROEP = wi("13", 1)
G_MB_INHOUD = wi("13", 2)
G_MB_AANVANG = wi("13", 3)
G_GEZIN_OVERIG = wi("19")
G_AANBOD = wi("16", 1)
G_KEURMERK = wi("16", 3)
G_LENING = wi("20", 1)
G_ONTZORGEN_WIE = pw("56a", 1)
G_ONTZORGEN_WAT = pw("56a", 2)
G_ONTZORGEN_PIP = wi("15", 3)

ONTZORGEN_MAANDEN = 6
DUO_LENING_MAX_CENTS = 1_000_000
EXAMENKOSTEN_A2_KNM_CENTS = 5_000
DOOR_GEMEENTE_BETAALDE_POGINGEN = 2


@regel(G_MB_DOELGROEP, G_GEZIN_OVERIG)
def doelgroep(verblijfsgrond: Verblijfsgrond) -> Uitkomst[Doelgroep]:
    """Target group from the residence permit. [wet]

    Wi art. 13 lid 1: asylum permit (a) or family member of an asylum permit holder (b) ->
    asielstatushouder; Wi art. 19: other regular permits -> gezinsmigrant en overige migrant.
    DUO records the target group; use this to check DUO's signal (SS124/SS125).
    """
    if verblijfsgrond is Verblijfsgrond.REGULIER_OVERIG:
        return Uitkomst(
            Doelgroep.GEZINSMIGRANT_OVERIG,
            (G_GEZIN_OVERIG,),
            "Deze inburgeringsplichtige hoort bij de gezinsmigranten en overige migranten.",
            regel="doelgroep",
        )
    return Uitkomst(
        Doelgroep.ASIELSTATUSHOUDER,
        (G_MB_DOELGROEP,),
        "Deze inburgeringsplichtige hoort bij de asielstatushouders.",
        regel="doelgroep",
    )


@dataclass(frozen=True)
class Begeleiding:
    """Right to maatschappelijke begeleiding and the day it starts (None: not yet known)."""

    recht: bool
    aanvang: date | None


@regel(G_MB_DOELGROEP, G_MB_INHOUD, G_MB_AANVANG)
def maatschappelijke_begeleiding(
    *, doelgroep: Doelgroep, inschrijving_brp: date | None
) -> Uitkomst[Begeleiding]:
    """Maatschappelijke begeleiding: asylum status holders only, from BRP registration. [wet]

    Wi art. 13 lid 1 (who), lid 2 (practical help with and information about basic
    services), lid 3 (starts on the day of BRP registration; for an asylum permit holder the
    registration in the municipality where he is housed under art. 28 Huisvestingswet 2014,
    which is the date to pass in ``inschrijving_brp``).
    """
    if doelgroep is not Doelgroep.ASIELSTATUSHOUDER:
        return Uitkomst(
            Begeleiding(False, None),
            (G_MB_DOELGROEP,),
            "Maatschappelijke begeleiding geldt alleen voor asielstatushouders.",
            regel="maatschappelijke_begeleiding",
        )
    if inschrijving_brp is None:
        return Uitkomst(
            Begeleiding(True, None),
            (G_MB_DOELGROEP, G_MB_AANVANG),
            "Maatschappelijke begeleiding begint zodra de inburgeringsplichtige in de BRP van de "
            "gemeente is ingeschreven.",
            regel="maatschappelijke_begeleiding",
        )
    return Uitkomst(
        Begeleiding(True, inschrijving_brp),
        (G_MB_DOELGROEP, G_MB_INHOUD, G_MB_AANVANG),
        f"Maatschappelijke begeleiding begint op {datum_nl(inschrijving_brp)}, de dag van "
        "inschrijving in de BRP.",
        regel="maatschappelijke_begeleiding",
    )


class OntzorgKosten(StrEnum):
    """Fixed costs the college pays from the bijstand (Pw art. 56a lid 2)."""

    HUUR = "huur"
    GAS = "gas"
    WATER = "water"
    STROOM = "stroom"
    ZORGVERZEKERING = "zorgverzekering"


@dataclass(frozen=True)
class Ontzorgen:
    """Whether ontzorgen applies, its period (inclusive) and the costs it covers."""

    van_toepassing: bool
    aanvang: date | None
    einde: date | None
    kosten: tuple[OntzorgKosten, ...]


@regel(
    G_ONTZORGEN_WIE,
    G_ONTZORGEN_WAT,
    G_ONTZORGEN_PIP,
    bron=Bron.WET_EN_PRAKTIJK,
    beleidskeuzes=("periodeeinde", "ontbrekende_dag"),
)
def financieel_ontzorgen(
    *,
    inburgeringsplichtig_wi2021: bool,
    verblijfsgrond: Verblijfsgrond,
    recht_op_bijstand_vanaf: date | None,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[Ontzorgen]:
    """Financieel ontzorgen under Participatiewet art. 56a. [wet] / form since April 2023 [praktijk]

    Lid 1: bijstand recipients who are inburgeringsplichtig under the Wi2021 and hold an
    asylum permit for a fixed period (Vw art. 28) - not family members with a regular permit.
    Lid 2: for six months from the day the right to bijstand starts, the college pays rent,
    gas, water, electricity and the mandatory health insurance from the bijstand, in the
    person's name. The beschikking is part of the PIP (Wi art. 15 lid 3). Since the Kamerbrief
    of 6 April 2023 the form may be tailored; the duty stays. [praktijk] The 6-month period is
    not moved by the Algemene termijnenwet (art. 4 onder a).
    """
    kosten = tuple(OntzorgKosten)
    if not inburgeringsplichtig_wi2021 or verblijfsgrond is not Verblijfsgrond.ASIEL_BEPAALDE_TIJD:
        return Uitkomst(
            Ontzorgen(False, None, None, ()),
            (G_ONTZORGEN_WIE,),
            "Financieel ontzorgen geldt alleen voor inburgeringsplichtigen onder de Wet "
            "inburgering 2021 met een verblijfsvergunning asiel voor bepaalde tijd die bijstand "
            "ontvangen.",
            bron=Bron.WET,
            regel="financieel_ontzorgen",
        )
    if recht_op_bijstand_vanaf is None:
        return Uitkomst(
            Ontzorgen(False, None, None, kosten),
            (G_ONTZORGEN_WIE, G_ONTZORGEN_WAT),
            "Financieel ontzorgen begint op de dag dat het recht op bijstand ontstaat; er is nog "
            "geen bijstand.",
            bron=Bron.WET,
            regel="financieel_ontzorgen",
        )
    einde = einde_periode(recht_op_bijstand_vanaf, ONTZORGEN_MAANDEN, opties)
    return Uitkomst(
        Ontzorgen(True, recht_op_bijstand_vanaf, einde, kosten),
        (G_ONTZORGEN_WIE, G_ONTZORGEN_WAT, G_ONTZORGEN_PIP),
        f"De gemeente betaalt van {datum_nl(recht_op_bijstand_vanaf)} tot en met {datum_nl(einde)} "
        "huur, gas, water, stroom en zorgverzekering uit de bijstand; de vorm mag op maat, de "
        "plicht blijft.",
        bron=Bron.WET_EN_PRAKTIJK,
        regel="financieel_ontzorgen",
    )


class Betaler(StrEnum):
    GEMEENTE = "gemeente"
    INBURGERINGSPLICHTIGE = "inburgeringsplichtige"


@dataclass(frozen=True)
class Kostenverdeling:
    """Who pays the course and the exams; ``duo_lening_max_cents`` for family migrants."""

    cursus: Betaler
    examens: Betaler
    door_gemeente_betaalde_pogingen_per_onderdeel: int
    examenkosten_a2_knm_cents: int
    duo_lening_max_cents: int | None


@regel(G_AANBOD, G_KEURMERK, G_GEZIN_OVERIG, G_LENING, bron=Bron.WET_EN_PRAKTIJK)
def kosten_inburgering(doelgroep: Doelgroep) -> Uitkomst[Kostenverdeling]:
    """Who pays course and exams. [wet] for the course, [praktijk] for exams and loan amounts.

    Asylum status holders: the college offers the course (Wi art. 16 lid 1, keurmerk lid 3)
    and pays the first two attempts per exam component, not below the PIP level [praktijk].
    Family and other migrants (Wi art. 19): pay themselves, with a DUO loan (Wi art. 20 lid 1)
    of up to €10,000 [praktijk], not for the onderwijsroute in practice. Exams cost €50 per
    A2/KNM component [praktijk].
    """
    if doelgroep is Doelgroep.ASIELSTATUSHOUDER:
        return Uitkomst(
            Kostenverdeling(
                Betaler.GEMEENTE,
                Betaler.GEMEENTE,
                DOOR_GEMEENTE_BETAALDE_POGINGEN,
                EXAMENKOSTEN_A2_KNM_CENTS,
                None,
            ),
            (G_AANBOD, G_KEURMERK),
            "De gemeente biedt de cursus aan en betaalt de eerste twee examenpogingen per "
            "onderdeel.",
            bron=Bron.WET_EN_PRAKTIJK,
            regel="kosten_inburgering",
        )
    return Uitkomst(
        Kostenverdeling(
            Betaler.INBURGERINGSPLICHTIGE,
            Betaler.INBURGERINGSPLICHTIGE,
            0,
            EXAMENKOSTEN_A2_KNM_CENTS,
            DUO_LENING_MAX_CENTS,
        ),
        (G_GEZIN_OVERIG, G_LENING),
        "De inburgeringsplichtige betaalt cursus en examens zelf en kan daarvoor bij DUO een "
        "lening tot € 10.000 aanvragen.",
        bron=Bron.WET_EN_PRAKTIJK,
        regel="kosten_inburgering",
    )
