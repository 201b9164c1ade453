"""The brede intake: summons and what must be covered.

Wi art. 14 lid 1-3, 22 (BWBR0044770); Besluit 5.2, 7.1 lid 1 (BWBR0045555). Whether the
gemeente makes a brede intake and a PIP at all follows from the regime: Wi art. 54 lid 1,
Besluit 12.1.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .grondslag import bi, wi
from .regels import regel
from .typen import Regime
from .uitkomst import Uitkomst

G_OPROEP = wi("14", 1)
G_ZONDER_PERSOON = wi("14", 2)
G_INHOUD = wi("14", 3)
G_BOETE = wi("22", 1)
G_NIEUWE_TERMIJN = wi("22", 2)
G_TWEEDE_BOETE = wi("22", 3)
G_BEDRAG = bi("7.1", 1)
G_AANVULLEND = bi("5.2", 1)
G_RECHT_ALLEEN = bi("5.2", 2)
G_VASTLEGGEN = bi("5.2", 3)
G_PIP = wi("15", 1)
G_OUDE_WET = wi("54", 1)
G_OUD_BESLUIT = bi("12.1")

MAX_OPROEPEN = 3


@dataclass(frozen=True)
class IntakeVervolg:
    """The college's next step after ``gemiste_oproepen`` missed summonses."""

    schriftelijke_waarschuwing: bool
    nieuwe_oproep: bool
    boete_art22: bool
    nieuwe_termijn_max_maanden: int | None
    voltooien_zonder_persoon: bool


@regel(G_OPROEP, G_ZONDER_PERSOON, G_BOETE, G_NIEUWE_TERMIJN, G_TWEEDE_BOETE, G_BEDRAG)
def brede_intake_vervolg(gemiste_oproepen: int) -> Uitkomst[IntakeVervolg]:
    """Next step when the person did not appear or cooperate after 1, 2 or 3 summonses. [wet]

    1: written warning and a repeated summons with a new period (Wi art. 14 lid 1).
    2: fine (art. 22 lid 1) of €250 (Besluit 7.1 lid 1) with a new period of at most two
    months (lid 2).
    3: second fine of €250 (art. 22 lid 3; Besluit 7.1 lid 1); the college completes the
    intake without the person (art. 14 lid 2). Fines for asylum status holders need an
    individual assessment (see ``boete_art22``).
    """
    if not 1 <= gemiste_oproepen <= MAX_OPROEPEN:
        raise ValueError("gemiste_oproepen ligt tussen 1 en 3")
    if gemiste_oproepen == 1:
        return Uitkomst(
            IntakeVervolg(True, True, False, None, False),
            (G_OPROEP,),
            "Stuur een schriftelijke waarschuwing en een herhaalde oproep met een nieuwe termijn.",
            regel="brede_intake_vervolg",
        )
    if gemiste_oproepen == 2:
        return Uitkomst(
            IntakeVervolg(False, True, True, 2, False),
            (G_BOETE, G_BEDRAG, G_NIEUWE_TERMIJN),
            "Leg een boete van € 250 op en stel in de boetebeschikking een nieuwe termijn van "
            "ten hoogste twee maanden.",
            regel="brede_intake_vervolg",
        )
    return Uitkomst(
        IntakeVervolg(False, False, True, None, True),
        (G_TWEEDE_BOETE, G_BEDRAG, G_ZONDER_PERSOON),
        "Leg opnieuw een boete van € 250 op en voltooi de brede intake zonder de "
        "inburgeringsplichtige.",
        regel="brede_intake_vervolg",
    )


class IntakeOnderdeel(StrEnum):
    """Topics of the brede intake (Wi art. 14 lid 3 onder a-d; Besluit 5.2 lid 1 onder a-c)."""

    LEERBAARHEIDSTOETS = "leerbaarheidstoets"
    ONDERWIJS_EN_WERKERVARING = "onderwijs_en_werkervaring"
    PERSOONLIJKE_OMSTANDIGHEDEN = "persoonlijke_omstandigheden"
    VVE_KIND = "vve_kind"
    TAALNIVEAU = "taalniveau"
    ARBEIDSPARTICIPATIE = "arbeidsparticipatie"
    ZELFREDZAAMHEID = "zelfredzaamheid"


INTAKE_OMSCHRIJVING = {
    IntakeOnderdeel.LEERBAARHEIDSTOETS: "de leerbaarheidstoets (of ontheffing daarvan)",
    IntakeOnderdeel.ONDERWIJS_EN_WERKERVARING: (
        "gevolgd onderwijs en werkervaring in het land van herkomst"
    ),
    IntakeOnderdeel.PERSOONLIJKE_OMSTANDIGHEDEN: (
        "persoonlijke omstandigheden, waaronder gezondheid"
    ),
    IntakeOnderdeel.VVE_KIND: "de mogelijkheden voor voor- of vroegschoolse educatie van het kind",
    IntakeOnderdeel.TAALNIVEAU: "het taalniveau",
    IntakeOnderdeel.ARBEIDSPARTICIPATIE: "de mogelijkheden tot arbeidsparticipatie",
    IntakeOnderdeel.ZELFREDZAAMHEID: "de mate van zelfredzaamheid",
}


@regel(G_OPROEP, G_INHOUD, G_PIP, G_OUDE_WET, G_OUD_BESLUIT)
def brede_intake_en_pip(regime: Regime) -> Uitkomst[bool]:
    """Whether the college summons the person for a brede intake (with the LBT) and sets a PIP
    at all: only under the Wet inburgering 2021. [wet]

    Wi art. 14 lid 1 and 3 (the brede intake, with the leerbaarheidstoets) and art. 15 lid 1
    (the PIP) are duties of the Wet inburgering 2021. For a person who was inburgeringsplichtig
    on the day before it came into force the old Wet inburgering (2013) stays applicable
    (art. 54 lid 1), and with it the old Besluit inburgering (Besluit 12.1): that law has no
    brede intake, no leerbaarheidstoets and no PIP; the person takes DUO's inburgeringsexamen
    within the old termijn (with DUO's loan), signs the participatieverklaring, and an asylum
    status holder had maatschappelijke begeleiding. The college may offer begeleiding to
    speed up the completion (art. 54 lid 5; Besluit 12.1a lid 4).
    """
    if regime is Regime.WI2021:
        return Uitkomst(
            True,
            (G_OPROEP, G_INHOUD, G_PIP),
            "De gemeente neemt de brede intake af, met de leerbaarheidstoets, en stelt het PIP "
            "vast.",
            regel="brede_intake_en_pip",
        )
    return Uitkomst(
        False,
        (G_OUDE_WET, G_OUD_BESLUIT),
        "Op deze inburgeringsplichtige blijft de oude Wet inburgering (2013) van toepassing: "
        "de gemeente neemt geen brede intake of leerbaarheidstoets af en stelt geen PIP vast.",
        regel="brede_intake_en_pip",
    )


@regel(G_INHOUD, G_AANVULLEND, G_RECHT_ALLEEN, G_VASTLEGGEN, G_OUDE_WET)
def brede_intake_ontbrekend(
    *,
    onderdelen: frozenset[IntakeOnderdeel],
    vve_relevant: bool,
    lbt_ontheffing: bool = False,
    gewezen_op_recht_alleen: bool,
    schriftelijk_vastgelegd: bool,
    regime: Regime = Regime.WI2021,
) -> Uitkomst[tuple[str, ...]]:
    """What the brede intake still lacks (empty tuple: complete). [wet]

    Wi art. 14 lid 3 onder a-d (VVE only where relevant; the LBT is not needed with an
    exemption under lid 6); Besluit 5.2 lid 1 (language level, labour participation,
    zelfredzaamheid), lid 2 (told of the right to hold the conversations alone) and lid 3
    (relevant information recorded in writing). The LBT is never asked of a person under the
    old Wet inburgering (2013) (art. 54 lid 1; see ``brede_intake_en_pip``): an intake recorded
    for such a dossier (before this rule, or brought along after a move) is complete without
    it.
    """
    nodig = set(IntakeOnderdeel)
    if not vve_relevant:
        nodig.discard(IntakeOnderdeel.VVE_KIND)
    if lbt_ontheffing or regime is Regime.WI2013:
        nodig.discard(IntakeOnderdeel.LEERBAARHEIDSTOETS)
    ontbrekend = [INTAKE_OMSCHRIJVING[o] for o in IntakeOnderdeel if o in nodig - onderdelen]
    if not gewezen_op_recht_alleen:
        ontbrekend.append(
            "de inburgeringsplichtige is niet gewezen op het recht de gesprekken alleen te voeren"
        )
    if not schriftelijk_vastgelegd:
        ontbrekend.append("de relevante informatie is niet schriftelijk vastgelegd")
    grondslagen = (G_INHOUD, G_AANVULLEND, G_RECHT_ALLEEN, G_VASTLEGGEN)
    return Uitkomst(
        tuple(ontbrekend),
        (*grondslagen, G_OUDE_WET) if regime is Regime.WI2013 else grondslagen,
        "De brede intake is volledig."
        if not ontbrekend
        else "De brede intake is nog niet volledig: " + "; ".join(ontbrekend) + ".",
        regel="brede_intake_ontbrekend",
    )
