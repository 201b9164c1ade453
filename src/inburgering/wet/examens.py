"""The exam plan per leerroute and the state of each component from DUO's results.

Wi art. 7 lid 1, 8 lid 4, 17 lid 3 (BWBR0044770); Besluit 3.3, 3.4, 3.5 lid 2, 3.14 lid 7
(BWBR0045555). The ONA (Oriëntatie op de Nederlandse arbeidsmarkt) belonged to the Wet
inburgering 2013; under the Wi 2021 it is no exam component (the MAP took its place, Besluit 3.2),
and DUO's Examen API knows only KNM, LE, LU, SC and SP.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .grondslag import Bron, Grondslag, bi, wi
from .regels import regel
from .typen import TAALNIVEAU_ORDE, TAALONDERDELEN, Examenonderdeel, Leerroute, Taalniveau
from .uitkomst import Uitkomst

G_EXAMEN = wi("7", 1)
G_TAALONDERDELEN = bi("3.3")
G_KNM = bi("3.4", 1)
G_A2_EXAMEN = bi("3.5", 2, "b")
G_ONDERWIJS_VANGNET = wi("8", 4)
G_AFSCHALEN = wi("17", 3)
G_ZROUTE_EXAMENS = bi("3.14", 7)

#: The order in which the components are shown (DUO's codes, Besluit 3.3 a-d, then 3.4).
VOLGORDE = (
    Examenonderdeel.LEZEN,
    Examenonderdeel.LUISTEREN,
    Examenonderdeel.SCHRIJVEN,
    Examenonderdeel.SPREKEN,
    Examenonderdeel.KNM,
)

ONDERDEELNAAM = {
    Examenonderdeel.LEZEN: "lezen",
    Examenonderdeel.LUISTEREN: "luisteren",
    Examenonderdeel.SCHRIJVEN: "schrijven",
    Examenonderdeel.SPREKEN: "spreken",
    Examenonderdeel.KNM: "kennis van de Nederlandse maatschappij (KNM)",
}


@dataclass(frozen=True)
class Examenplanregel:
    """One component of the plan: at which level (None for KNM, which has no CEFR level) and
    whether passing it is required for the plicht (False: a chosen or fallback exam)."""

    onderdeel: Examenonderdeel
    niveau: Taalniveau | None
    vereist: bool


@regel(
    G_EXAMEN,
    G_TAALONDERDELEN,
    G_KNM,
    G_A2_EXAMEN,
    G_ONDERWIJS_VANGNET,
    G_AFSCHALEN,
    G_ZROUTE_EXAMENS,
)
def examenplan(
    *,
    leerroute: Leerroute,
    niveau: Taalniveau | None = None,
    zroute_a2: bool = False,
    zroute_knm: bool = False,
) -> Uitkomst[tuple[Examenplanregel, ...]]:
    """The exam components a person takes in the leerroute of the vastgesteld PIP. [wet]

    B1-route (Wi art. 7 lid 1; Besluit 3.3, 3.4): lezen, luisteren, schrijven and spreken at
    the PIP's level (B1; A2 after afschalen, Wi art. 17 lid 3) and KNM, all required.
    Onderwijsroute: the taalschakeltraject is the goal; only when it is not completed do the
    four language components at B1 and KNM count (Wi art. 8 lid 4): listed, not required.
    Z-route: only the A2 language components and/or KNM the PIP records (Besluit 3.14 lid 7),
    not required. Choice: the PIP holds one level, so afschalen applies to all four language
    components together (the law allows it per component; the PIP model does not record that).
    """
    taal = tuple(o for o in VOLGORDE if o in TAALONDERDELEN)
    grondslagen: tuple[Grondslag, ...]
    if leerroute is Leerroute.B1:
        n = niveau if niveau in (Taalniveau.A2, Taalniveau.B1) else Taalniveau.B1
        plan = (
            *(Examenplanregel(o, n, True) for o in taal),
            Examenplanregel(Examenonderdeel.KNM, None, True),
        )
        grondslagen = (G_EXAMEN, G_TAALONDERDELEN, G_KNM)
        if n is Taalniveau.A2:
            grondslagen += (G_AFSCHALEN, G_A2_EXAMEN)
        uitleg = (
            f"In de B1-route legt de inburgeringsplichtige de vier taalonderdelen af op niveau "
            f"{n.value} en het examen KNM."
        )
    elif leerroute is Leerroute.ONDERWIJS:
        plan = (
            *(Examenplanregel(o, Taalniveau.B1, False) for o in taal),
            Examenplanregel(Examenonderdeel.KNM, None, False),
        )
        grondslagen = (G_ONDERWIJS_VANGNET, G_TAALONDERDELEN, G_KNM)
        uitleg = (
            "In de onderwijsroute is het taalschakeltraject het doel; wordt dat niet behaald, dan "
            "telt het inburgeringsexamen op B1 met KNM."
        )
    else:
        plan = (
            *((Examenplanregel(o, Taalniveau.A2, False) for o in taal) if zroute_a2 else ()),
            *((Examenplanregel(Examenonderdeel.KNM, None, False),) if zroute_knm else ()),
        )
        grondslagen = (G_ZROUTE_EXAMENS, G_A2_EXAMEN)
        uitleg = (
            "In de Z-route zijn examens niet verplicht; het PIP legt vast welke worden afgelegd: "
            + (
                " en ".join(
                    d for d, ja in (("de A2-taalexamens", zroute_a2), ("KNM", zroute_knm)) if ja
                )
                if plan
                else "geen"
            )
            + "."
        )
    return Uitkomst(plan, grondslagen, uitleg, regel="examenplan")


@dataclass(frozen=True)
class Examenuitslag:
    """One result as DUO reports it (Examen API `Examenresultaat`)."""

    onderdeel: Examenonderdeel
    examendatum: date
    resultaat: str  # "Geslaagd", "Gezakt" or "Geen"
    niveau: Taalniveau | None = None
    reden_geen_resultaat: str = ""


#: Reasons for "Geen" (no result) that do not use up an attempt: the appointment was moved or
#: cancelled in time, or the person could not help missing it (DUO's Examen API descriptions).
GEEN_POGING = frozenset({"Nietverwijtbaar", "Afgemeld"})


def telt_als_poging(uitslag: Examenuitslag) -> bool:
    return not (uitslag.resultaat == "Geen" and uitslag.reden_geen_resultaat in GEEN_POGING)


@dataclass(frozen=True)
class Onderdeelstand:
    onderdeel: Examenonderdeel
    pogingen: int
    behaald: bool
    behaald_op: date | None


def _niveau_voldoet(behaald: Taalniveau | None, vereist: Taalniveau | None) -> bool:
    if vereist is None:
        return True
    if behaald is None:
        return False
    return TAALNIVEAU_ORDE[behaald] >= TAALNIVEAU_ORDE[vereist]


@regel(G_EXAMEN, G_A2_EXAMEN, bron=Bron.WET_EN_PRAKTIJK)
def examenstand(
    plan: Iterable[Examenplanregel], uitslagen: Iterable[Examenuitslag]
) -> Uitkomst[tuple[Onderdeelstand, ...]]:
    """Per planned component: the attempts so far and whether it is passed at the plan's level.
    [wet+praktijk]

    A component is passed with a "Geslaagd" at (at least) the level in the plan (Wi art. 7 lid 1;
    Besluit 3.5 lid 2 onder b for A2); KNM has no level. An attempt is every result except
    "Geen" with reason "Nietverwijtbaar" or "Afgemeld" (DUO's Examen API: those do not count).
    """
    lijst = sorted(uitslagen, key=lambda u: u.examendatum)
    standen = []
    for r in plan:
        eigen = [u for u in lijst if u.onderdeel is r.onderdeel]
        pogingen = sum(1 for u in eigen if telt_als_poging(u))
        geslaagd = [
            u for u in eigen if u.resultaat == "Geslaagd" and _niveau_voldoet(u.niveau, r.niveau)
        ]
        standen.append(
            Onderdeelstand(
                r.onderdeel, pogingen, bool(geslaagd), geslaagd[0].examendatum if geslaagd else None
            )
        )
    behaald = sum(1 for s in standen if s.behaald)
    uitleg = f"{behaald} van de {len(standen)} geplande examenonderdelen behaald."
    return Uitkomst(tuple(standen), (G_EXAMEN, G_A2_EXAMEN), uitleg, Bron.WET_EN_PRAKTIJK,
                    regel="examenstand")  # fmt: skip
