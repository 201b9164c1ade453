"""Leerroute changes: schakelen, carry-over, afschalen, and whether the MAP applies.

Wi art. 6 lid 1, 8 lid 3, 17 lid 2-3 (BWBR0044770); Besluit 5.4, 5.5 (BWBR0045555).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .beleidskeuzes import STANDAARD, Beleidskeuzes
from .grondslag import bi, wi
from .kalender import datum_nl, einde_periode
from .regels import regel
from .typen import Leerroute
from .uitkomst import Uitkomst
from .uren import Uren, uren

G_SCHAKELEN = wi("17", 2)
G_ANDERHALF_JAAR = bi("5.4", 1)
G_OPLEIDING = bi("5.4", 2)
G_BIJZONDER = bi("5.4", 3)
G_OVERDRACHT = bi("5.4", 4)
G_NAAR_B1 = bi("5.4", 4, "a")
G_B1_NAAR_O = bi("5.4", 4, "b")
G_NAAR_Z = bi("5.4", 4, "c")
G_AFSCHALEN = wi("17", 3)
G_600_UUR = bi("5.5", 1)
G_600_UUR_INTAKE = bi("5.5", 2)
G_MAP = wi("6", 1, "b")
G_GEEN_MAP = wi("8", 3)

SCHAKELPERIODE_MAANDEN = 18
AFSCHAALNORM = Decimal(600)

ROUTENAAM = {
    Leerroute.B1: "de B1-route",
    Leerroute.ONDERWIJS: "de onderwijsroute",
    Leerroute.Z: "de Z-route",
}


@regel(
    G_SCHAKELEN,
    G_ANDERHALF_JAAR,
    G_OPLEIDING,
    G_BIJZONDER,
    beleidskeuzes=("periodeeinde", "ontbrekende_dag"),
)
def schakelen_toegestaan(
    *,
    van: Leerroute,
    naar: Leerroute,
    termijn_start: date,
    datum: date,
    opleiding_afgerond_na_schakelperiode: bool = False,
    bijzonder_geval: bool = False,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[bool]:
    """Whether the college may still re-set the leerroute on ``datum``. [wet]

    Wi art. 17 lid 2; Besluit 5.4 lid 1: at most 1.5 years after the start of the termijn,
    but onderwijsroute -> B1-route is allowed throughout. Lid 2: later, after a designated
    non-exempting education ended after that period; lid 3: special individual cases.
    """
    if van is naar:
        raise ValueError("van en naar zijn dezelfde leerroute")
    uiterlijk = einde_periode(termijn_start, SCHAKELPERIODE_MAANDEN, opties)
    overgang = f"Schakelen van {ROUTENAAM[van]} naar {ROUTENAAM[naar]}"
    if van is Leerroute.ONDERWIJS and naar is Leerroute.B1:
        waarde, grondslag = True, G_ANDERHALF_JAAR
        uitleg = f"{overgang} mag gedurende het hele inburgeringstraject."
    elif datum <= uiterlijk:
        waarde, grondslag = True, G_ANDERHALF_JAAR
        uitleg = (
            f"{overgang} mag tot en met {datum_nl(uiterlijk)} (anderhalf jaar na de aanvang van de "
            "termijn)."
        )
    elif opleiding_afgerond_na_schakelperiode:
        waarde, grondslag = True, G_OPLEIDING
        uitleg = f"{overgang} mag na afloop van de niet-vrijstellende opleiding."
    elif bijzonder_geval:
        waarde, grondslag = True, G_BIJZONDER
        uitleg = f"{overgang} mag in dit bijzondere geval buiten de termijn van anderhalf jaar."
    else:
        waarde, grondslag = False, G_ANDERHALF_JAAR
        uitleg = (
            f"{overgang} mag niet meer: de termijn van anderhalf jaar eindigde op "
            f"{datum_nl(uiterlijk)}."
        )
    return Uitkomst(waarde, (G_SCHAKELEN, grondslag), uitleg, regel="schakelen_toegestaan")


@dataclass(frozen=True)
class Overdracht:
    """What carries over when the leerroute changes (Besluit 5.4 lid 4)."""

    cursusuren_tellen_mee: bool
    examenpogingen_en_onderdelen_tellen_mee: bool


@regel(G_OVERDRACHT, G_NAAR_B1, G_B1_NAAR_O, G_NAAR_Z)
def overdracht_bij_schakelen(van: Leerroute, naar: Leerroute) -> Uitkomst[Overdracht]:
    """What carries over to the new leerroute. [wet]

    Besluit 5.4 lid 4: (a) O or Z -> B1: course hours count for the intensity; from the
    onderwijsroute also attempts and passed B1/KNM components. (b) B1 -> O: attempts and
    passed components. (c) B1 or O -> Z: course hours are deducted from the 800-hour norm.
    Z -> O is not regulated: nothing carries over by law.
    """
    if van is naar:
        raise ValueError("van en naar zijn dezelfde leerroute")
    if naar is Leerroute.B1:
        waarde = Overdracht(True, van is Leerroute.ONDERWIJS)
        grondslag = G_NAAR_B1
        uitleg = "Gevolgde cursusuren tellen mee bij de intensiteit van de B1-route" + (
            ", en examenpogingen en behaalde onderdelen uit de onderwijsroute gelden voor het "
            "inburgeringsexamen."
            if van is Leerroute.ONDERWIJS
            else "."
        )
    elif van is Leerroute.B1 and naar is Leerroute.ONDERWIJS:
        waarde, grondslag = Overdracht(False, True), G_B1_NAAR_O
        uitleg = (
            "Examenpogingen en behaalde onderdelen van het inburgeringsexamen gelden ook in de "
            "onderwijsroute."
        )
    elif naar is Leerroute.Z:
        waarde, grondslag = Overdracht(True, False), G_NAAR_Z
        uitleg = (
            "Gevolgde cursusuren Nederlands en KNM gaan af van de norm van 800 cursusuren van de "
            "Z-route."
        )
    else:
        return Uitkomst(
            Overdracht(False, False),
            (G_OVERDRACHT,),
            "Voor schakelen van de Z-route naar de onderwijsroute regelt het Besluit geen "
            "overdracht.",
            regel="overdracht_bij_schakelen",
        )
    return Uitkomst(waarde, (grondslag,), uitleg, regel="overdracht_bij_schakelen")


@regel(G_AFSCHALEN, G_600_UUR, G_600_UUR_INTAKE)
def afschalen_toegestaan(
    *,
    leerroute: Leerroute,
    nt2_uren: Uren,
    nt2_uren_brede_intake: Uren = 0,
    voldoende_inspanning: bool,
) -> Uitkomst[bool]:
    """Whether the college may let (part of) the language exams be taken at A2. [wet]

    Wi art. 17 lid 3: only in the B1-route, after aanzienlijke inspanningen. Besluit 5.5
    lid 1: 600 NT2 course hours (literacy may count) at a keurmerk or taalschakel
    institution and sufficient effort in those lessons; lid 2: qualifying hours during the
    brede intake count.
    """
    totaal = uren(nt2_uren) + uren(nt2_uren_brede_intake)
    if leerroute is not Leerroute.B1:
        waarde, uitleg = False, "Afschalen naar A2 kan alleen in de B1-route."
    elif totaal < AFSCHAALNORM:
        waarde = False
        uitleg = f"Afschalen kan nog niet: {totaal} van de 600 cursusuren NT2 zijn gevolgd."
    elif not voldoende_inspanning:
        waarde = False
        uitleg = (
            "Afschalen kan niet: de inburgeringsplichtige heeft zich in de lessen onvoldoende "
            "ingespannen."
        )
    else:
        waarde = True
        uitleg = (
            f"Afschalen naar A2 is mogelijk: {totaal} cursusuren NT2 gevolgd met voldoende "
            "inspanning."
        )
    return Uitkomst(
        waarde, (G_AFSCHALEN, G_600_UUR, G_600_UUR_INTAKE), uitleg, regel="afschalen_toegestaan"
    )


@regel(G_MAP, G_GEEN_MAP)
def map_verplicht(
    *, leerroute: Leerroute, taalschakeltraject_gevolgd: bool = False
) -> Uitkomst[bool]:
    """Whether the module Arbeidsmarkt en Participatie is part of the plicht. [wet]

    Wi art. 6 lid 1 onder b: yes for everyone, except (art. 8 lid 3) whoever follows or
    completed the taalschakeltraject (onderwijsroute), also after switching to the B1-route.
    """
    vrij = leerroute is Leerroute.ONDERWIJS or taalschakeltraject_gevolgd
    return Uitkomst(
        not vrij,
        (G_GEEN_MAP,) if vrij else (G_MAP,),
        "De MAP geldt niet voor wie het taalschakeltraject volgt of heeft afgerond."
        if vrij
        else "De module Arbeidsmarkt en Participatie is onderdeel van de inburgeringsplicht.",
        regel="map_verplicht",
    )
