"""Hour norms: Z-route (Besluit 3.14), PVT (Besluit 3.1) and MAP (Besluit 3.2, [open]).

Hours are ``int`` or ``Decimal`` (never float) and never negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .beleidskeuzes import STANDAARD, Beleidskeuzes
from .grondslag import Bron, Grondslag, bi
from .regels import regel
from .typen import Doelgroep
from .uitkomst import Uitkomst

Uren = int | Decimal

G_Z_ASIEL = bi("3.14", 2)
G_Z_CURSUS = bi("3.14", 2, "a")
G_Z_PARTICIPATIE = bi("3.14", 2, "b")
G_Z_GEZIN = bi("3.14", 3)
G_Z_AFTREK_MAP_PVT = bi("3.14", 5)
G_Z_BREDE_INTAKE = bi("3.14", 6)
G_Z_EERDER_ONDERWIJS = bi("3.14", 9)
G_Z_SCHAKELEN = bi("5.4", 4, "c")
G_PVT_ONDERDELEN = bi("3.1", 1)
G_PVT_ACTIVITEIT = bi("3.1", 2)
G_PVT_UREN = bi("3.1", 3)
G_PVT_BREDE_INTAKE = bi("3.1", 5)
G_MAP_INTAKE = bi("3.2", 3)
G_MAP_NORM = bi("3.2", 4)

Z_CURSUSUREN = Decimal(800)
Z_PARTICIPATIE_UREN = Decimal(800)
PVT_UREN = Decimal(12)
NUL = Decimal(0)


def uren(waarde: Uren) -> Decimal:
    """Validate and convert an hour count (int or Decimal, not negative)."""
    if isinstance(waarde, bool) or not isinstance(waarde, int | Decimal):
        raise TypeError("uren zijn een int of Decimal")
    if waarde < 0:
        raise ValueError("uren kunnen niet negatief zijn")
    return Decimal(waarde)


@dataclass(frozen=True)
class ZrouteNorm:
    """Remaining Z-route norms; ``participatie_uren`` is None for family migrants."""

    cursusuren: Decimal
    participatie_uren: Decimal | None
    eindgesprek: bool


@regel(
    G_Z_CURSUS,
    G_Z_PARTICIPATIE,
    G_Z_GEZIN,
    G_Z_AFTREK_MAP_PVT,
    G_Z_BREDE_INTAKE,
    G_Z_EERDER_ONDERWIJS,
    G_Z_SCHAKELEN,
)
def zroute_urennorm(
    *,
    doelgroep: Doelgroep,
    map_uren: Uren = 0,
    pvt_uren: Uren = 0,
    brede_intake_cursusuren: Uren = 0,
    brede_intake_activiteiten_uren: Uren = 0,
    cursusuren_vorige_route: Uren = 0,
    eerder_onderwijs_uren: Uren = 0,
) -> Uitkomst[ZrouteNorm]:
    """Hour norms of the Z-route after deductions. [wet]

    Besluit 3.14 lid 2: asylum status holders 800 course hours (NT2 incl. literacy + KNM) at a
    keurmerk institution, 800 hours of participation activities and an eindgesprek; lid 3:
    family and other migrants only the course hours and the eindgesprek. Deductions: MAP and
    PVT hours from the participation norm (lid 5); qualifying brede-intake course hours from
    the course norm and brede-intake activities from the participation norm (lid 6); hours of
    VSO/praktijkonderwijs/entree in the two years before the PIP (lid 9, the caller checks the
    period) and course hours of a previous route (Besluit 5.4 lid 4 onder c) from the course
    norm. Norms never go below zero. Lower norms for impaired persons (lid 8) need a
    ministerial regulation and are not applied.
    """
    cursus = max(
        NUL,
        Z_CURSUSUREN
        - uren(brede_intake_cursusuren)
        - uren(cursusuren_vorige_route)
        - uren(eerder_onderwijs_uren),
    )
    for waarde in (map_uren, pvt_uren, brede_intake_activiteiten_uren):
        uren(waarde)
    if doelgroep is Doelgroep.ASIELSTATUSHOUDER:
        participatie: Decimal | None = max(
            NUL,
            Z_PARTICIPATIE_UREN
            - uren(map_uren)
            - uren(pvt_uren)
            - uren(brede_intake_activiteiten_uren),
        )
        uitleg = (
            f"De Z-route vraagt nog {cursus} cursusuren en {participatie} uur aan participatie-"
            f"activiteiten, plus een eindgesprek met het college."
        )
        grondslagen: tuple[Grondslag, ...] = (
            G_Z_CURSUS,
            G_Z_PARTICIPATIE,
            G_Z_AFTREK_MAP_PVT,
            G_Z_BREDE_INTAKE,
        )
    else:
        participatie = None
        uitleg = (
            f"De Z-route vraagt voor gezinsmigranten en overige migranten nog {cursus} cursusuren "
            "en een eindgesprek."
        )
        grondslagen = (G_Z_GEZIN, G_Z_CURSUS, G_Z_BREDE_INTAKE)
    if eerder_onderwijs_uren:
        grondslagen += (G_Z_EERDER_ONDERWIJS,)
    if cursusuren_vorige_route:
        grondslagen += (G_Z_SCHAKELEN,)
    return Uitkomst(
        ZrouteNorm(cursus, participatie, True), grondslagen, uitleg, regel="zroute_urennorm"
    )


@regel(G_PVT_UREN, G_PVT_BREDE_INTAKE)
def pvt_urennorm(brede_intake_uren: Uren = 0) -> Uitkomst[Decimal]:
    """Remaining PVT hours: at least 12, minus qualifying brede-intake hours. [wet]

    Besluit 3.1 lid 3 and lid 5.
    """
    rest = max(NUL, PVT_UREN - uren(brede_intake_uren))
    return Uitkomst(
        rest,
        (G_PVT_UREN, G_PVT_BREDE_INTAKE),
        f"Het participatieverklaringstraject vraagt nog minimaal {rest} uur.",
        regel="pvt_urennorm",
    )


@regel(G_PVT_ONDERDELEN, G_PVT_ACTIVITEIT, G_PVT_UREN, G_PVT_BREDE_INTAKE)
def pvt_afgerond(
    *,
    uren_gevolgd: Uren,
    kernwaarden_activiteit: bool,
    verklaring_ondertekend: bool,
    brede_intake_uren: Uren = 0,
) -> Uitkomst[bool]:
    """Whether the participatieverklaringstraject is completed. [wet]

    Besluit 3.1 lid 1-3 and 5: the introduction to core values with at least one activity or
    excursion, signing the declaration in person, and at least 12 hours in total.
    """
    ontbrekend: list[str] = []
    totaal = uren(uren_gevolgd) + uren(brede_intake_uren)
    if totaal < PVT_UREN:
        ontbrekend.append(f"{totaal} van de minimaal 12 uur gevolgd")
    if not kernwaarden_activiteit:
        ontbrekend.append("geen activiteit of excursie over de kernwaarden")
    if not verklaring_ondertekend:
        ontbrekend.append("de participatieverklaring is niet ondertekend")
    return Uitkomst(
        not ontbrekend,
        (G_PVT_ONDERDELEN, G_PVT_ACTIVITEIT, G_PVT_UREN, G_PVT_BREDE_INTAKE),
        "Het participatieverklaringstraject is afgerond."
        if not ontbrekend
        else "Het participatieverklaringstraject is niet afgerond: " + "; ".join(ontbrekend) + ".",
        regel="pvt_afgerond",
    )


@regel(G_MAP_NORM, G_MAP_INTAKE, bron=Bron.OPEN, beleidskeuzes=("map_urennorm",))
def map_urennorm(
    brede_intake_uren: Uren = 0, opties: Beleidskeuzes = STANDAARD
) -> Uitkomst[Decimal | None]:
    """Remaining MAP hours under the configured norm, or None when no norm is set. [open]

    Besluit 3.2 lid 4 leaves the norm to a ministerial regulation (Divosa speaks of 40
    hours); lid 3 lets brede-intake activities count.
    """
    intake = uren(brede_intake_uren)
    if opties.map_urennorm is None:
        return Uitkomst(
            None,
            (G_MAP_NORM,),
            "Er is geen urennorm voor de MAP ingesteld.",
            bron=Bron.OPEN,
            regel="map_urennorm",
        )
    rest = max(NUL, Decimal(opties.map_urennorm) - intake)
    return Uitkomst(
        rest,
        (G_MAP_NORM, G_MAP_INTAKE),
        f"De MAP vraagt volgens de ingestelde norm nog {rest} uur.",
        bron=Bron.OPEN,
        regel="map_urennorm",
    )


G_MAP_THEMAS = bi("3.2", 1)
G_MAP_EINDGESPREK = bi("3.2", 2)

#: The eight themes of the MAP (Besluit 3.2 lid 1 onder a-h), as code and Dutch name.
MAP_THEMAS: tuple[tuple[str, str], ...] = (
    ("a", "beroepenoriëntatie"),
    ("b", "werknemerscompetenties"),
    ("c", "realistisch beroepsbeeld"),
    ("d", "beroepskansen"),
    ("e", "beroepscompetenties verwerven"),
    ("f", "netwerk opbouwen"),
    ("g", "werk vinden"),
    ("h", "werkcultuur"),
)


@dataclass(frozen=True)
class MapStand:
    """The MAP themes followed and still open, and whether the eindgesprek took place."""

    gevolgd: tuple[str, ...]
    open: tuple[str, ...]
    eindgesprek: bool
    afgerond: bool


@regel(G_MAP_THEMAS, G_MAP_EINDGESPREK)
def map_voortgang(*, themas: frozenset[str], eindgesprek: bool) -> Uitkomst[MapStand]:
    """Progress of the module Arbeidsmarkt en Participatie. [wet]

    Besluit 3.2 lid 1: activities on eight themes (a-h); lid 2: the module ends with an
    eindgesprek with the college. Completed when every theme is followed and the eindgesprek
    took place. Unknown theme codes are refused (ValueError).
    """
    bekend = {code for code, _naam in MAP_THEMAS}
    onbekend = set(themas) - bekend
    if onbekend:
        raise ValueError(f"onbekende MAP-thema's: {sorted(onbekend)}")
    gevolgd = tuple(code for code, _naam in MAP_THEMAS if code in themas)
    open_ = tuple(code for code, _naam in MAP_THEMAS if code not in themas)
    afgerond = not open_ and eindgesprek
    if afgerond:
        uitleg = "De MAP is afgerond: alle acht thema's gevolgd en het eindgesprek gevoerd."
    else:
        namen = dict(MAP_THEMAS)
        delen = [f"{len(gevolgd)} van de 8 thema's gevolgd"]
        if open_:
            delen.append("open: " + ", ".join(namen[c] for c in open_))
        if not eindgesprek:
            delen.append("het eindgesprek moet nog plaatsvinden")
        uitleg = "MAP: " + "; ".join(delen) + "."
    return Uitkomst(
        MapStand(gevolgd, open_, eindgesprek, afgerond),
        (G_MAP_THEMAS, G_MAP_EINDGESPREK),
        uitleg,
        regel="map_voortgang",
    )
