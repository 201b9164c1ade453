"""The procedure around a municipal fine (Wi art. 22, 23, 26, 27; Besluit 7.1).

Who needs an individual assessment before a voornemen, when the zienswijze term ends and a
beschikking may be taken, how much room is left under the cap in a termijn, whether an amount
may be imposed, and when an imposed fine is irrevocable (for the doubling of Besluit 7.1 lid
3).

The amounts themselves come from ``boetes.boete_art22`` and ``boetes.boete_art23``. The
Algemene wet bestuursrecht (zienswijze, bezwaar) is not among the official texts this package
cites; where a rule follows it, the explanation names the Awb article and the rule is marked
[praktijk]. Amounts are integer euro cents; dates are parameters, never today's date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .boetes import (
    BOETE_ART22_CENTS,
    G_ART22,
    G_ART23,
    G_BIJSTAND_VERLAAGD,
    G_MAXIMA,
    G_PLAFOND,
    G_VERHOGING,
    MAX_ART23_CENTS,
    boeteplafond,
    euro,
)
from .grondslag import Bron
from .kalender import datum_nl
from .regels import regel
from .typen import Doelgroep
from .uitkomst import Overtreding, Uitkomst, Validatie

#: Days the person has to give a zienswijze after the voornemen is sent (Awb 4:8, 5:53 lid 2;
#: the gemeente's letters say "binnen 2 weken"). A documented choice, a parameter of the rule.
ZIENSWIJZE_DAGEN = 14
#: Awb 6:7: the bezwaar term is six weeks, from the day after the beschikking is made known.
BEZWAAR_DAGEN = 42
#: Wi art. 26 lid 1 onder a en c: the highest fine per article.
MAXIMUM_PER_ARTIKEL = {"22": BOETE_ART22_CENTS, "23": MAX_ART23_CENTS}


@regel(G_ART22, G_ART23, bron=Bron.PRAKTIJK)
def individuele_beoordeling_vereist(doelgroep: Doelgroep) -> Uitkomst[bool]:
    """Whether a voornemen needs a recorded individual assessment first. [praktijk]

    Holders of an asylum permit may be fined under Wi art. 22 and 23 only after an individual
    assessment of their situation and only in exceptional cases (CJEU C-158/23 *Keren*, 4
    February 2025; ABRvS 9 July 2025). Other target groups: not required.
    """
    if doelgroep is Doelgroep.ASIELSTATUSHOUDER:
        return Uitkomst(
            True,
            (G_ART22, G_ART23),
            "Voor een houder van een asielvergunning is een vastgelegde individuele beoordeling "
            "nodig voordat een boete wordt voorgenomen (HvJ EU C-158/23).",
            bron=Bron.PRAKTIJK,
            regel="individuele_beoordeling_vereist",
        )
    return Uitkomst(
        False,
        (G_ART22, G_ART23),
        "Voor deze doelgroep is geen aparte individuele beoordeling vereist.",
        bron=Bron.PRAKTIJK,
        regel="individuele_beoordeling_vereist",
    )


@regel(G_ART22, G_ART23, G_BIJSTAND_VERLAAGD, bron=Bron.WET_EN_PRAKTIJK)
def toets_voornemen(
    *,
    doelgroep: Doelgroep,
    beoordeling_vastgelegd: bool,
    boete_passend: bool | None,
    bijstand_verlaagd: bool,
) -> Validatie:
    """Whether the college may announce a fine (voornemen). [wet+praktijk]

    Refused when the bijstand was already reduced for the same behaviour (Wi art. 27: the fine
    is left out), when an asylum permit holder's individual assessment is missing (CJEU
    C-158/23) or concluded that a fine is not appropriate.
    """
    overtredingen: list[Overtreding] = []
    if bijstand_verlaagd:
        overtredingen.append(
            Overtreding(
                "WI27_BIJSTAND_VERLAAGD",
                "bijstand_verlaagd",
                "Geen boete: de bijstand is voor dezelfde gedraging al verlaagd op grond van "
                "artikel 18 of 18b Participatiewet (artikel 27 Wet inburgering 2021).",
            )
        )
    if individuele_beoordeling_vereist(doelgroep).waarde:
        if not beoordeling_vastgelegd:
            overtredingen.append(
                Overtreding(
                    "BEOORDELING_ONTBREEKT",
                    "beoordeling",
                    "Een voornemen tot een boete voor een houder van een asielvergunning vraagt "
                    "eerst een vastgelegde individuele beoordeling (artikel 22 en 23 Wet "
                    "inburgering 2021; HvJ EU C-158/23).",
                )
            )
        elif boete_passend is False:
            overtredingen.append(
                Overtreding(
                    "BOETE_NIET_PASSEND",
                    "beoordeling",
                    "De individuele beoordeling acht een boete niet passend; een voornemen is "
                    "dan niet mogelijk (HvJ EU C-158/23).",
                )
            )
    uitleg = (
        "Een voornemen tot een boete is mogelijk."
        if not overtredingen
        else "Geen voornemen: " + " ".join(o.melding for o in overtredingen)
    )
    return Validatie(
        tuple(overtredingen),
        uitleg,
        (G_ART22, G_ART23, G_BIJSTAND_VERLAAGD),
        Bron.WET_EN_PRAKTIJK,
        "toets_voornemen",
    )


@regel(G_ART22, G_ART23, bron=Bron.PRAKTIJK)
def zienswijzetermijn(verzonden: date, *, dagen: int = ZIENSWIJZE_DAGEN) -> Uitkomst[date]:
    """The last day on which the person can give a zienswijze on the voornemen. [praktijk]

    Awb 4:8 and 5:53 lid 2: before a fine the person may give a zienswijze, written or oral.
    The term starts the day after the voornemen is sent and runs ``dagen`` days (default 14):
    sent on 1 March, the last day is 15 March. Documented choice.
    """
    if dagen < 1:
        raise ValueError("de zienswijzetermijn is ten minste één dag")
    einde = verzonden + timedelta(days=dagen)
    return Uitkomst(
        einde,
        (G_ART22, G_ART23),
        f"De inburgeraar kan tot en met {datum_nl(einde)} een zienswijze geven, schriftelijk of "
        "mondeling (artikel 4:8 en 5:53 Awb).",
        bron=Bron.PRAKTIJK,
        regel="zienswijzetermijn",
    )


@regel(G_ART22, G_ART23, bron=Bron.PRAKTIJK)
def beschikking_toegestaan(
    *, peildatum: date, termijn_einde: date, zienswijze_ontvangen: bool
) -> Uitkomst[bool]:
    """Whether the college may decide on the fine on ``peildatum``. [praktijk]

    Only once the zienswijze term has ended (from the day after ``termijn_einde``) or the
    zienswijze has been received; on the last day of the term itself the person can still
    respond, so the beschikking is refused (Awb 4:8, 5:53).
    """
    if zienswijze_ontvangen:
        return Uitkomst(
            True,
            (G_ART22, G_ART23),
            "De zienswijze is ontvangen; het college kan beslissen.",
            bron=Bron.PRAKTIJK,
            regel="beschikking_toegestaan",
        )
    if peildatum > termijn_einde:
        return Uitkomst(
            True,
            (G_ART22, G_ART23),
            f"De zienswijzetermijn is op {datum_nl(termijn_einde)} geëindigd; het college kan "
            "beslissen.",
            bron=Bron.PRAKTIJK,
            regel="beschikking_toegestaan",
        )
    return Uitkomst(
        False,
        (G_ART22, G_ART23),
        f"Nog geen beschikking: de zienswijzetermijn loopt tot en met {datum_nl(termijn_einde)} "
        "en er is geen zienswijze ontvangen (artikel 4:8 en 5:53 Awb).",
        bron=Bron.PRAKTIJK,
        regel="beschikking_toegestaan",
    )


@dataclass(frozen=True)
class Boeteruimte:
    """The running total of imposed municipal fines in one termijn against its cap."""

    totaal_cents: int
    plafond_cents: int
    ruimte_cents: int
    bereikt: bool


@regel(G_PLAFOND)
def boeteruimte(
    opgelegd_cents: Sequence[int], *, nieuwe_termijn_maanden: int | None = None
) -> Uitkomst[Boeteruimte]:
    """Total of the art. 22 and 23 fines imposed in a termijn and the room left under the
    cap. [wet]

    Besluit 7.1 lid 5: €2,400 during the inburgeringstermijn (incl. extension); €400, €800,
    €1,200 or €1,600 during a new termijn of 6, 12, 18 or 24 months set by DUO.
    """
    if any(b < 0 for b in opgelegd_cents):
        raise ValueError("een opgelegde boete is niet negatief")
    plafond = boeteplafond(nieuwe_termijn_maanden=nieuwe_termijn_maanden).waarde
    totaal = sum(opgelegd_cents)
    ruimte = max(0, plafond - totaal)
    uitleg = f"Opgelegd {euro(totaal)} van ten hoogste {euro(plafond)}" + (
        "; het plafond is bereikt." if ruimte == 0 else f"; nog {euro(ruimte)} ruimte."
    )
    return Uitkomst(
        Boeteruimte(totaal, plafond, ruimte, ruimte == 0),
        (G_PLAFOND,),
        uitleg,
        regel="boeteruimte",
    )


@regel(G_MAXIMA, G_PLAFOND)
def toets_boetebedrag(
    *,
    artikel: str,
    bedrag_cents: int,
    reeds_opgelegd_cents: int,
    nieuwe_termijn_maanden: int | None = None,
) -> Validatie:
    """Whether an amount may be imposed: more than zero, at most the article's maximum (Wi art.
    26 lid 1: €250 for art. 22, €800 for art. 23) and within the room left under the cap
    (Besluit 7.1 lid 5). [wet]
    """
    if artikel not in MAXIMUM_PER_ARTIKEL:
        raise ValueError("alleen boetes op grond van artikel 22 of 23")
    overtredingen: list[Overtreding] = []
    if bedrag_cents <= 0:
        overtredingen.append(
            Overtreding(
                "BEDRAG_NIET_POSITIEF",
                "bedrag",
                "Een boete is een bedrag groter dan nul; kies anders 'geen boete' met een reden.",
            )
        )
    maximum = MAXIMUM_PER_ARTIKEL[artikel]
    if bedrag_cents > maximum:
        overtredingen.append(
            Overtreding(
                "BOVEN_MAXIMUM",
                "bedrag",
                f"Een boete op grond van artikel {artikel} is ten hoogste {euro(maximum)} "
                "(artikel 26, eerste lid, Wet inburgering 2021).",
            )
        )
    ruimte = boeteruimte(
        [reeds_opgelegd_cents], nieuwe_termijn_maanden=nieuwe_termijn_maanden
    ).waarde
    if bedrag_cents > ruimte.ruimte_cents:
        overtredingen.append(
            Overtreding(
                "BOVEN_PLAFOND",
                "bedrag",
                f"Met deze boete komt het totaal boven het plafond van {euro(ruimte.plafond_cents)}"
                f" in deze termijn; er is nog {euro(ruimte.ruimte_cents)} ruimte (artikel 7.1, "
                "vijfde lid, Besluit inburgering 2021).",
            )
        )
    uitleg = (
        f"Het bedrag van {euro(bedrag_cents)} kan worden opgelegd."
        if not overtredingen
        else "Dit bedrag kan niet worden opgelegd: " + " ".join(o.melding for o in overtredingen)
    )
    return Validatie(
        tuple(overtredingen), uitleg, (G_MAXIMA, G_PLAFOND), Bron.WET, "toets_boetebedrag"
    )


@regel(G_VERHOGING, bron=Bron.WET_EN_PRAKTIJK)
def boete_onherroepelijk(
    *,
    dagtekening: date,
    peildatum: date,
    rechtsmiddel_aangewend: bool = False,
    rechtsmiddel_beslist: bool = False,
    bezwaar_dagen: int = BEZWAAR_DAGEN,
) -> Uitkomst[bool]:
    """Whether an imposed fine is irrevocable on ``peildatum`` (Besluit 7.1 lid 3 only doubles
    after an irrevocable fine). [wet+praktijk]

    Without bezwaar: from the day after the bezwaar term of six weeks (Awb 6:7, 6:8), which
    starts the day after the dagtekening: dagtekening 1 March, last day 12 April, irrevocable
    from 13 April. With bezwaar or beroep: once the decision on it is recorded (choice: the
    system records only the last outcome the gemeente accepts).
    """
    laatste_dag = dagtekening + timedelta(days=bezwaar_dagen)
    if rechtsmiddel_aangewend:
        waarde = rechtsmiddel_beslist
        uitleg = (
            "Op het bezwaar of beroep is beslist; de boete is onherroepelijk."
            if waarde
            else "Er loopt bezwaar of beroep; de boete is nog niet onherroepelijk."
        )
    else:
        waarde = peildatum > laatste_dag
        uitleg = (
            f"De bezwaartermijn is op {datum_nl(laatste_dag)} geëindigd zonder bezwaar; de boete "
            "is onherroepelijk."
            if waarde
            else f"De bezwaartermijn loopt tot en met {datum_nl(laatste_dag)}; de boete is nog "
            "niet onherroepelijk."
        )
    return Uitkomst(
        waarde, (G_VERHOGING,), uitleg, bron=Bron.WET_EN_PRAKTIJK, regel="boete_onherroepelijk"
    )
