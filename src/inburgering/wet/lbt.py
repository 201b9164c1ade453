"""The leerbaarheidstoets (LBT): outcome with the cut-off in force, and the exemption.

Wi art. 14 lid 3 onder a, lid 5-7 (BWBR0044770). The cut-off (31 of 40 until 11 April 2023,
28 of 40 from 12 April 2023) is DUO practice, not statute. [praktijk]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .beleidskeuzes import STANDAARD, Beleidskeuzes
from .grondslag import Bron, wi
from .kalender import datum_nl
from .regels import regel
from .typen import Leerroute
from .uitkomst import Uitkomst

G_LBT = wi("14", 3, "a")
G_ADVIES = wi("14", 5)
G_ONTHEFFING = wi("14", 6)
G_ONTHEFFING_VISUEEL = wi("14", 6, "a")
G_ONTHEFFING_AUDITIEF = wi("14", 6, "b")

MAX_SCORE = 40
CESUUR_TOT_12_APRIL_2023 = 31
CESUUR_VANAF_12_APRIL_2023 = 28
CESUUR_WIJZIGING = date(2023, 4, 12)
ONTHEFFING_IN_WERKING = date(2025, 10, 21)


def lbt_cesuur(testdatum: date) -> int:
    """Cut-off (minimum score for "B1-route haalbaar") in force on ``testdatum``. [praktijk]"""
    return CESUUR_TOT_12_APRIL_2023 if testdatum < CESUUR_WIJZIGING else CESUUR_VANAF_12_APRIL_2023


def _controleer_score(score: int) -> None:
    if isinstance(score, bool) or not isinstance(score, int):
        raise TypeError("de score van de leerbaarheidstoets is een geheel getal")
    if not 0 <= score <= MAX_SCORE:
        raise ValueError(f"de score van de leerbaarheidstoets ligt tussen 0 en {MAX_SCORE}")


@dataclass(frozen=True)
class LbtUitkomst:
    """``haalbaar``: B1-route feasible per the test; ``afstand`` = score - cut-off."""

    haalbaar: bool
    score: int
    cesuur: int
    afstand: int


@regel(G_LBT, G_ADVIES, bron=Bron.WET_EN_PRAKTIJK)
def lbt_uitkomst(score: int, testdatum: date) -> Uitkomst[LbtUitkomst]:
    """ "B1-route haalbaar / niet haalbaar" from a score 0-40 and the cut-off on the test date.

    Wi art. 14 lid 3 onder a [wet]; cut-off 31 until 11 April 2023 and 28 from 12 April 2023
    [praktijk]. The outcome is advice (Wi art. 14 lid 5): the college may deviate and records
    why in the PIP. Raises ValueError/TypeError for scores outside 0-40 or non-integers.
    """
    _controleer_score(score)
    cesuur = lbt_cesuur(testdatum)
    haalbaar = score >= cesuur
    oordeel = "haalbaar" if haalbaar else "niet haalbaar"
    return Uitkomst(
        LbtUitkomst(haalbaar, score, cesuur, score - cesuur),
        (G_LBT, G_ADVIES),
        f"Met {score} van de {MAX_SCORE} punten en de op {datum_nl(testdatum)} geldende cesuur van "
        f"{cesuur} is de B1-route volgens de leerbaarheidstoets {oordeel}; dit is een advies "
        f"waarvan het college gemotiveerd in het PIP kan afwijken.",
        bron=Bron.WET_EN_PRAKTIJK,
        regel="lbt_uitkomst",
    )


@regel(G_LBT, bron=Bron.PRAKTIJK)
def lbt_hersignalering(score: int, testdatum: date) -> Uitkomst[bool]:
    """Whether the score falls in the band DUO re-signalled after the cut-off change. [praktijk]

    Tested before 12 April 2023 with a score of 28-30: "niet haalbaar" then, "haalbaar" under
    the new cut-off; reconsider the route.
    """
    _controleer_score(score)
    geraakt = (
        testdatum < CESUUR_WIJZIGING
        and CESUUR_VANAF_12_APRIL_2023 <= score < CESUUR_TOT_12_APRIL_2023
    )
    return Uitkomst(
        geraakt,
        (G_LBT,),
        "Deze score was bij de oude cesuur 'niet haalbaar' en is bij de cesuur van 28 'haalbaar'; "
        "heroverweeg de leerroute."
        if geraakt
        else "De wijziging van de cesuur op 12 april 2023 verandert niets aan deze uitkomst.",
        bron=Bron.PRAKTIJK,
        regel="lbt_hersignalering",
    )


class Beperking(StrEnum):
    """Impairment relevant for the LBT exemption (Wi art. 14 lid 6)."""

    GEEN = "geen"
    VISUEEL = "visueel"
    AUDITIEF = "auditief"


@regel(
    G_ONTHEFFING,
    G_ONTHEFFING_VISUEEL,
    G_ONTHEFFING_AUDITIEF,
    beleidskeuzes=("lbt_onvermogen_ook_bij_visuele_beperking",),
)
def lbt_ontheffing(
    *,
    beperking: Beperking,
    in_staat_geacht: bool,
    peildatum: date,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[bool]:
    """Whether the college must exempt the person from the LBT. [wet]

    Wi art. 14 lid 6 (in force from 21 October 2025): (a) a visual impairment, or (b) an
    auditory impairment and the person is not deemed able to take the test. Whether the
    inability also applies to (a) is ``opties.lbt_onvermogen_ook_bij_visuele_beperking``.
    Before 21 October 2025 there is no statutory exemption (value False).
    """
    if peildatum < ONTHEFFING_IN_WERKING:
        return Uitkomst(
            False,
            (G_ONTHEFFING,),
            "De ontheffing van de leerbaarheidstoets geldt pas vanaf "
            f"{datum_nl(ONTHEFFING_IN_WERKING)}.",
            regel="lbt_ontheffing",
        )
    if beperking is Beperking.VISUEEL:
        ontheffing = not (opties.lbt_onvermogen_ook_bij_visuele_beperking and in_staat_geacht)
        grondslag = G_ONTHEFFING_VISUEEL
    elif beperking is Beperking.AUDITIEF:
        ontheffing = not in_staat_geacht
        grondslag = G_ONTHEFFING_AUDITIEF
    else:
        ontheffing = False
        grondslag = G_ONTHEFFING
    return Uitkomst(
        ontheffing,
        (grondslag,),
        "Het college verleent ontheffing van de leerbaarheidstoets."
        if ontheffing
        else "Er is geen grond voor ontheffing van de leerbaarheidstoets.",
        regel="lbt_ontheffing",
    )


@regel(G_ADVIES, bron=Bron.WET_EN_PRAKTIJK)
def route_conform_lbt(lbt_haalbaar: bool | None, leerroute: Leerroute) -> Uitkomst[bool | None]:
    """Whether the chosen leerroute follows the LBT outcome, as in the SZW evaluation (2024).

    Wi art. 14 lid 5 [wet]: the outcome is advice and the college may deviate, with reasons in
    the PIP. "Conform" [praktijk, seed 004 Table 2]: "haalbaar" with the B1-route or the
    onderwijsroute, "niet haalbaar" with the Z-route. Without an LBT (exemption, not taken) there
    is nothing to deviate from: the value is None.
    """
    if lbt_haalbaar is None:
        return Uitkomst(
            None,
            (G_ADVIES,),
            "Er is geen uitkomst van de leerbaarheidstoets; de leerroute wijkt daar niet van af.",
            bron=Bron.WET_EN_PRAKTIJK,
            regel="route_conform_lbt",
        )
    conform = (leerroute is Leerroute.Z) != lbt_haalbaar
    uitkomst = "haalbaar" if lbt_haalbaar else "niet haalbaar"
    return Uitkomst(
        conform,
        (G_ADVIES,),
        f"De B1-route was volgens de leerbaarheidstoets {uitkomst}; de gekozen leerroute "
        + (
            "volgt die uitkomst."
            if conform
            else "wijkt daarvan af. Leg de redenen vast in het PIP."
        ),
        bron=Bron.WET_EN_PRAKTIJK,
        regel="route_conform_lbt",
    )
