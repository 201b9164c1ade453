"""The persoonlijk plan inburgering en participatie (PIP): its deadline, its content and its
adaptation after a change of route.

Besluit inburgering 2021 art. 5.3 lid 1-3 and 6 (BWBR0045555), Wi art. 15 lid 4-5, 17 lid 2-3
(BWBR0044770).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .beleidskeuzes import STANDAARD, Beleidskeuzes
from .grondslag import Bron, Grondslag, bi, wi
from .kalender import atw_verschuiving, datum_nl, weken_na
from .regels import regel
from .typen import TAALONDERDELEN, Doelgroep, Examenonderdeel, Leerroute
from .uitkomst import Uitkomst

G_KENNISGEVING = bi("5.3", 1)
G_DERDE = bi("5.3", 2)
G_VERHUIZING = bi("5.3", 3)
G_LEERROUTE_VERHUIZING = wi("15", 4)
G_DELEGATIE = wi("15", 5)


class PipSituatie(StrEnum):
    """Which paragraph of Besluit 5.3 determines the deadline."""

    KENNISGEVING = "kennisgeving"
    INSCHRIJVING_HUISVESTINGSGEMEENTE = "inschrijving_huisvestingsgemeente"
    WACHT_OP_INSCHRIJVING = "wacht_op_inschrijving"
    INFORMATIE_DERDE = "informatie_derde"
    WACHT_OP_DERDE = "wacht_op_derde"
    VERHUIZING = "verhuizing"


@dataclass(frozen=True)
class PipDeadline:
    """``uiterlijk`` is the last day to set the PIP (``None`` while the clock is not running).

    ``kalenderdatum`` is the date before any Algemene termijnenwet shift.
    """

    uiterlijk: date | None
    situatie: PipSituatie
    kalenderdatum: date | None


def _atw_zin(kalender: date, uiterlijk: date) -> str:
    if kalender == uiterlijk:
        return ""
    return (
        f"; omdat {datum_nl(kalender)} geen werkdag is, schuift de termijn op grond van de "
        f"Algemene termijnenwet door naar {datum_nl(uiterlijk)}"
    )


@regel(
    G_KENNISGEVING,
    G_DERDE,
    G_VERHUIZING,
    G_LEERROUTE_VERHUIZING,
    G_DELEGATIE,
    beleidskeuzes=(
        "dag_zelf_meetellen",
        "derde_informatie_alleen_verlengen",
        "algemene_termijnenwet",
        "extra_feestdagen",
    ),
)
def pip_deadline(
    kennisgeving: date | None = None,
    *,
    gehuisvest_via_taakstelling: bool = False,
    inschrijving_huisvestingsgemeente: date | None = None,
    wacht_op_derde: bool = False,
    informatie_derde_ontvangen: date | None = None,
    inschrijving_nieuwe_gemeente: date | None = None,
    pip_vorige_gemeente: bool = False,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[PipDeadline]:
    """Latest date to set the PIP. [wet]

    - Besluit 5.3 lid 1, first sentence: 10 weeks after the day of DUO's kennisgeving.
    - Lid 1, second sentence: if on the day of the kennisgeving the person was not yet
      registered in the municipality where he is housed under art. 28 Huisvestingswet 2014
      (``gehuisvest_via_taakstelling``), 10 weeks after the BRP registration there.
      Registration on the day of the kennisgeving itself counts as "already registered".
    - Lid 2: only while waiting for a third party's information without which the plan cannot
      reasonably be set: at the latest 2 weeks after receipt (never earlier than the lid 1/3
      deadline unless ``opties.derde_informatie_alleen_verlengen`` is False).
    - Lid 3 and Wi art. 15 lid 4: after a move of a person "voor wie het persoonlijk plan
      inburgering en participatie is opgesteld" (``pip_vorige_gemeente``), the new college sets
      the plan within 10 weeks of registration there, with the same leerroute; this takes
      precedence. Without a PIP in the former gemeente lid 3 does not apply: the move is
      ignored and lid 1 (the kennisgeving, or the registration in the housing gemeente) governs,
      so ``kennisgeving`` is then required. Lid 2 derogates only from the lid 1 term, so
      waiting for a third party does not move the lid 3 deadline (documented choice). [wet]
    The result date is moved off weekends/holidays when ``opties.algemene_termijnenwet``.
    """
    if inschrijving_huisvestingsgemeente is not None and not gehuisvest_via_taakstelling:
        raise ValueError("inschrijving_huisvestingsgemeente vereist gehuisvest_via_taakstelling")
    if informatie_derde_ontvangen is not None and not wacht_op_derde:
        raise ValueError("informatie_derde_ontvangen vereist wacht_op_derde")

    if pip_vorige_gemeente and inschrijving_nieuwe_gemeente is None:
        raise ValueError("pip_vorige_gemeente vereist inschrijving_nieuwe_gemeente")
    verhuisd_zonder_pip = inschrijving_nieuwe_gemeente is not None and not pip_vorige_gemeente
    if inschrijving_nieuwe_gemeente is not None and pip_vorige_gemeente:
        basis: date = weken_na(inschrijving_nieuwe_gemeente, 10, opties)
        situatie = PipSituatie.VERHUIZING
        reden = (
            f"10 weken na de inschrijving in de nieuwe gemeente op "
            f"{datum_nl(inschrijving_nieuwe_gemeente)}, met dezelfde leerroute als eerder "
            "vastgesteld"
        )
        grondslagen: tuple[Grondslag, ...] = (G_VERHUIZING, G_LEERROUTE_VERHUIZING)
    elif kennisgeving is None:
        raise ValueError(
            "kennisgeving is verplicht, tenzij de inburgeringsplichtige met een PIP verhuisde "
            "(Besluit 5.3 lid 3)"
        )
    elif gehuisvest_via_taakstelling and (
        inschrijving_huisvestingsgemeente is None
        or inschrijving_huisvestingsgemeente > kennisgeving
    ):
        grondslagen = (G_KENNISGEVING,)
        if inschrijving_huisvestingsgemeente is None:
            return Uitkomst(
                PipDeadline(None, PipSituatie.WACHT_OP_INSCHRIJVING, None),
                grondslagen,
                "De termijn voor het PIP loopt nog niet: de inburgeringsplichtige is nog niet "
                "ingeschreven in de gemeente waar hij als statushouder wordt gehuisvest.",
                regel="pip_deadline",
            )
        basis = weken_na(inschrijving_huisvestingsgemeente, 10, opties)
        situatie = PipSituatie.INSCHRIJVING_HUISVESTINGSGEMEENTE
        reden = (
            f"10 weken na de inschrijving in de BRP van de huisvestingsgemeente op "
            f"{datum_nl(inschrijving_huisvestingsgemeente)}, omdat die inschrijving na de "
            f"kennisgeving van DUO lag"
        )
    else:
        basis = weken_na(kennisgeving, 10, opties)
        situatie = PipSituatie.KENNISGEVING
        reden = f"10 weken na de kennisgeving van DUO op {datum_nl(kennisgeving)}"
        grondslagen = (G_KENNISGEVING,)

    if wacht_op_derde and situatie is not PipSituatie.VERHUIZING:
        grondslagen = (*grondslagen, G_DERDE)
        if informatie_derde_ontvangen is None:
            return Uitkomst(
                PipDeadline(None, PipSituatie.WACHT_OP_DERDE, None),
                grondslagen,
                "De gemeente wacht op informatie van een derde zonder welke het PIP redelijkerwijs "
                "niet kan worden vastgesteld; de termijn is 2 weken na ontvangst daarvan.",
                regel="pip_deadline",
            )
        derde = weken_na(informatie_derde_ontvangen, 2, opties)
        if not opties.derde_informatie_alleen_verlengen or derde > basis:
            basis = derde
            situatie = PipSituatie.INFORMATIE_DERDE
            reden = (
                f"2 weken na ontvangst op {datum_nl(informatie_derde_ontvangen)} van de informatie "
                f"van een derde waarop de gemeente wachtte"
            )

    uiterlijk = atw_verschuiving(basis, opties)
    verhuizing_zin = (
        "; de verhuizing verandert deze termijn niet, want in de vorige gemeente was nog geen PIP "
        "vastgesteld"
        if verhuisd_zonder_pip
        else ""
    )
    if verhuisd_zonder_pip:
        grondslagen = (*grondslagen, G_VERHUIZING)
    return Uitkomst(
        PipDeadline(uiterlijk, situatie, basis),
        grondslagen,
        f"Het PIP moet uiterlijk op {datum_nl(uiterlijk)} zijn vastgesteld: {reden}"
        f"{_atw_zin(basis, uiterlijk)}{verhuizing_zin}.",
        regel="pip_deadline",
    )


G_INHOUD = wi("15", 1)
G_INTENSITEIT_ASIEL = wi("15", 2)
G_PARTICIPATIEWET = wi("15", 3)
G_VOORTGANG = bi("5.3", 4)
G_ZROUTE_EXAMENS = bi("3.14", 7)


@dataclass(frozen=True)
class PipInhoud:
    """What a draft PIP records (Wi art. 15; Besluit 5.3 lid 4, 3.14 lid 7).

    ``lbt_haalbaar`` is the LBT outcome (None: no test, e.g. exemption); a route against it
    needs ``motivering_afwijking_lbt``. Z-route (Besluit 3.14 lid 7): ``zroute_examenwens`` is
    the person's wish to take one or more A2 language exams or KNM, ``zroute_in_staat_geacht``
    the college's judgement that he can (None: not judged), ``zroute_examenkeuze_vastgelegd``
    whether the PIP records which.
    """

    doelgroep: Doelgroep
    leerroute: Leerroute | None
    ondersteuning_en_begeleiding: bool
    intensiteit_pvt_en_map: bool
    vve_relevant: bool = False
    vve_afspraken: bool = False
    intensiteit_leerroute: bool = False
    aantal_voortgangsgesprekken: int | None = None
    zroute_examenkeuze_vastgelegd: bool = False
    zroute_examenwens: bool = False
    zroute_in_staat_geacht: bool | None = None
    bijstand: bool = False
    participatiewet_beschikkingen_bijgevoegd: bool = False
    lbt_haalbaar: bool | None = None
    motivering_afwijking_lbt: str = ""


@regel(
    G_INHOUD,
    G_INTENSITEIT_ASIEL,
    G_PARTICIPATIEWET,
    G_VOORTGANG,
    G_ZROUTE_EXAMENS,
    bron=Bron.WET_EN_PRAKTIJK,
)
def pip_inhoud_ontbrekend(inhoud: PipInhoud) -> Uitkomst[tuple[str, ...]]:
    """What a PIP still lacks (empty tuple: complete). [wet], LBT-deviation reasons [praktijk]

    Wi art. 15 lid 1 (leerroute, support, PVT/MAP intensity, VVE agreements where relevant),
    lid 2 (intensity of the leerroute for asylum status holders), lid 3 (Participatiewet
    beschikkingen incl. ontzorgen attached for bijstand recipients); Besluit 5.3 lid 4 (number
    of voortgangsgesprekken), 3.14 lid 7 (Z-route: the A2 exams / KNM are recorded only
    "indien de inburgeringsplichtige ... wenst af te leggen en het college de
    inburgeringsplichtige daartoe in staat acht", so the choice is missing only when both hold;
    a Z-route PIP without exams is complete). A route against the LBT outcome needs recorded
    reasons (nota van toelichting). [praktijk]
    """
    ontbrekend: list[str] = []
    if inhoud.leerroute is None:
        ontbrekend.append("de leerroute")
    if not inhoud.ondersteuning_en_begeleiding:
        ontbrekend.append("de ondersteuning en begeleiding")
    if not inhoud.intensiteit_pvt_en_map:
        ontbrekend.append("de intensiteit van PVT en MAP")
    if inhoud.vve_relevant and not inhoud.vve_afspraken:
        ontbrekend.append("de afspraken over voor- of vroegschoolse educatie van het kind")
    if inhoud.doelgroep is Doelgroep.ASIELSTATUSHOUDER and not inhoud.intensiteit_leerroute:
        ontbrekend.append("de intensiteit van de leerroute")
    if inhoud.aantal_voortgangsgesprekken is None:
        ontbrekend.append("het aantal voortgangsgesprekken")
    if (
        inhoud.leerroute is Leerroute.Z
        and inhoud.zroute_examenwens
        and inhoud.zroute_in_staat_geacht is True
        and not inhoud.zroute_examenkeuze_vastgelegd
    ):
        ontbrekend.append(
            "welke A2-examens en/of het examen KNM worden afgelegd (de inburgeringsplichtige "
            "wenst dat en het college acht hem daartoe in staat)"
        )
    if inhoud.bijstand and not inhoud.participatiewet_beschikkingen_bijgevoegd:
        ontbrekend.append("de beschikkingen op grond van de Participatiewet (waaronder ontzorgen)")
    tegen_lbt = (
        inhoud.leerroute is not None
        and inhoud.lbt_haalbaar is not None
        and ((inhoud.leerroute is Leerroute.Z) == inhoud.lbt_haalbaar)
    )
    if tegen_lbt and not inhoud.motivering_afwijking_lbt.strip():
        ontbrekend.append("de motivering van de afwijking van de leerbaarheidstoets")
    return Uitkomst(
        tuple(ontbrekend),
        (G_INHOUD, G_INTENSITEIT_ASIEL, G_PARTICIPATIEWET, G_VOORTGANG, G_ZROUTE_EXAMENS),
        "Het PIP bevat alle verplichte onderdelen."
        if not ontbrekend
        else "In het PIP ontbreekt nog: " + "; ".join(ontbrekend) + ".",
        bron=Bron.WET_EN_PRAKTIJK,
        regel="pip_inhoud_ontbrekend",
    )


G_PIP_AANPASSEN = bi("5.3", 6)
ROUTENAMEN = {
    Leerroute.B1: "de B1-route",
    Leerroute.ONDERWIJS: "de onderwijsroute",
    Leerroute.Z: "de Z-route",
}
G_SCHAKELEN = wi("17", 2)
G_AFSCHALEN = wi("17", 3)


@regel(G_PIP_AANPASSEN, G_SCHAKELEN, G_AFSCHALEN)
def pip_aanpassing_na_routewijziging(
    *,
    leerroute_pip: Leerroute,
    leerroute_besluit: Leerroute,
    a2_onderdelen_pip: frozenset[Examenonderdeel] = frozenset(),
    a2_onderdelen_besluit: frozenset[Examenonderdeel] = frozenset(),
) -> Uitkomst[tuple[str, ...]]:
    """What the PIP must be adapted to after schakelen or afschalen (empty: nothing). [wet]

    Besluit 5.3 lid 6: when the college re-sets the leerroute (Wi art. 17 lid 2) or decides that
    the language skills are examined wholly or partly at A2 (art. 17 lid 3), it adapts the PIP
    accordingly. ``leerroute_besluit`` and ``a2_onderdelen_besluit`` are the college's decision,
    ``..._pip`` what the current PIP version records. A new PIP version does not move the start
    of the termijn (Wi art. 11 lid 3, see ``inburgeringstermijn``).
    """
    if a2_onderdelen_besluit - TAALONDERDELEN:
        raise ValueError("afschalen naar A2 betreft alleen de taalonderdelen (LE, LU, SC, SP)")
    if a2_onderdelen_besluit and leerroute_besluit is not Leerroute.B1:
        raise ValueError("afschalen naar A2 kan alleen in de B1-route (Wi art. 17 lid 3)")
    aanpassen: list[str] = []
    grondslagen = [G_PIP_AANPASSEN]
    if leerroute_pip is not leerroute_besluit:
        grondslagen.append(G_SCHAKELEN)
        aanpassen.append(
            f"de leerroute ({ROUTENAMEN[leerroute_besluit]} in plaats van "
            f"{ROUTENAMEN[leerroute_pip]})"
        )
    if a2_onderdelen_pip != a2_onderdelen_besluit:
        grondslagen.append(G_AFSCHALEN)
        namen = ", ".join(sorted(o.value for o in a2_onderdelen_besluit)) or "geen"
        aanpassen.append(f"de onderdelen die op A2 worden geëxamineerd ({namen})")
    return Uitkomst(
        tuple(aanpassen),
        tuple(grondslagen),
        "Het PIP volgt het besluit over de leerroute en het examenniveau."
        if not aanpassen
        else "Het college past het PIP aan het besluit aan: " + "; ".join(aanpassen) + ".",
        regel="pip_aanpassing_na_routewijziging",
    )
