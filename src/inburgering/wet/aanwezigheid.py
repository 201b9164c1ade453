"""Attendance, absence, waiting time and progress of a learning route.

Wi art. 16 lid 1 obliges the college to offer a course "tijdig"; the law sets no number of
weeks, nor a norm for attendance: both are the gemeente's (the contract's waiting-time norm,
the attendance norm of the absence signal), so those rules are [open] and take the norm as a
parameter. The NT2 hours towards afschalen (Besluit 5.5) and the Z-route norm (Besluit 3.14)
are [wet]. Hours are ``int`` or ``Decimal`` and never negative (see ``uren.uren``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .grondslag import Bron, bi, wi
from .regels import regel
from .typen import Doelgroep
from .uitkomst import Uitkomst
from .uren import NUL, Uren, uren, zroute_urennorm

G_TIJDIG = wi("16", 1)
G_600_UUR = bi("5.5", 1)
G_Z_CURSUS = bi("3.14", 2, "a")
G_Z_PARTICIPATIE = bi("3.14", 2, "b")
G_Z_GEZIN = bi("3.14", 3)

#: The window of the absence signal: the last four weeks up to and including the peildatum.
VERZUIMVENSTER_DAGEN = 28
AFSCHAALNORM = Decimal(600)
HONDERD = Decimal(100)


@dataclass(frozen=True)
class Urenperiode:
    """Hours offered and attended in one period (both days included)."""

    begin: dt.date
    einde: dt.date
    aangeboden: Uren
    aanwezig: Uren


def _procent(deel: Decimal, geheel: Decimal) -> Decimal:
    return (deel * HONDERD / geheel).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@regel(G_TIJDIG, bron=Bron.OPEN)
def aanwezigheidspercentage(perioden: Sequence[Urenperiode]) -> Uitkomst[Decimal | None]:
    """Attended hours as a percentage of offered hours, or None when nothing was offered. [open]

    Wi art. 16 lid 1: the college offers the course; how much of it was followed is the measure
    of the regie. Rounded to one decimal, half up.
    """
    aangeboden = sum((uren(p.aangeboden) for p in perioden), NUL)
    aanwezig = sum((uren(p.aanwezig) for p in perioden), NUL)
    if aangeboden == 0:
        return Uitkomst(None, (G_TIJDIG,), "Er zijn nog geen aangeboden uren geregistreerd.",
                        bron=Bron.OPEN, regel="aanwezigheidspercentage")  # fmt: skip
    pct = _procent(aanwezig, aangeboden)
    return Uitkomst(
        pct, (G_TIJDIG,), f"{aanwezig} van {aangeboden} aangeboden uren gevolgd ({pct}%).",
        bron=Bron.OPEN, regel="aanwezigheidspercentage",
    )  # fmt: skip


@regel(G_TIJDIG, bron=Bron.OPEN)
def verzuimsignaal(
    perioden: Sequence[Urenperiode], *, peildatum: dt.date, norm_procent: int = 80
) -> Uitkomst[bool]:
    """Whether attendance over the last four weeks is below the gemeente's norm. [open]

    The window is the 28 days up to and including `peildatum`. A period that lies partly in
    the window counts in proportion to its days in it (a month of hours counts for the part
    that overlaps), both offered and attended hours. No offered hours in the window: no
    signal (the signal "no hours this period" is a separate check). The norm (default 80%)
    is the gemeente's setting; the law sets none.
    """
    if not 0 < norm_procent <= 100:
        raise ValueError("de norm is een percentage van 1 tot en met 100")
    van = peildatum - dt.timedelta(days=VERZUIMVENSTER_DAGEN - 1)
    aangeboden = aanwezig = NUL
    for p in perioden:
        if p.einde < p.begin:
            raise ValueError("het einde van een periode ligt voor het begin")
        begin, einde = max(p.begin, van), min(p.einde, peildatum)
        if einde < begin:
            continue
        deel = Decimal((einde - begin).days + 1) / Decimal((p.einde - p.begin).days + 1)
        aangeboden += uren(p.aangeboden) * deel
        aanwezig += uren(p.aanwezig) * deel
    if aangeboden == 0:
        return Uitkomst(False, (G_TIJDIG,),
                        "Geen aangeboden uren in de laatste vier weken: geen verzuimsignaal.",
                        bron=Bron.OPEN, regel="verzuimsignaal")  # fmt: skip
    pct = _procent(aanwezig, aangeboden)
    signaal = pct < norm_procent
    uitleg = (
        f"Aanwezigheid in de laatste vier weken {pct}%, "
        + ("onder" if signaal else "niet onder")
        + f" de norm van {norm_procent}%."
    )
    return Uitkomst(signaal, (G_TIJDIG,), uitleg, bron=Bron.OPEN, regel="verzuimsignaal")


@dataclass(frozen=True)
class Wachttijd:
    dagen: int
    weken: int
    boven_norm: bool


@regel(G_TIJDIG, bron=Bron.OPEN)
def wachttijd(
    *, aangemeld: dt.date, gestart: dt.date | None, peildatum: dt.date, norm_weken: int
) -> Uitkomst[Wachttijd]:
    """The waiting time from aanmelding to the start (or to `peildatum` while waiting), against
    the contract's maximum in weeks. [open]

    Wi art. 16 lid 1 asks for a "tijdig" offer without a number; the contract's norm is the
    gemeente's interpretation. Over the norm means strictly more days than norm x 7.
    """
    if norm_weken < 1:
        raise ValueError("de norm is minstens 1 week")
    tot = gestart or peildatum
    dagen = max(0, (tot - aangemeld).days)
    boven = dagen > norm_weken * 7
    wat = "Wachttijd tot de start" if gestart else "Wacht nu"
    uitleg = f"{wat}: {dagen} dagen ({dagen // 7} weken); de norm is {norm_weken} weken" + (
        ", overschreden." if boven else "."
    )
    return Uitkomst(Wachttijd(dagen, dagen // 7, boven), (G_TIJDIG,), uitleg,
                    bron=Bron.OPEN, regel="wachttijd")  # fmt: skip


@dataclass(frozen=True)
class Nt2Stand:
    uren: Decimal
    drempel: Decimal
    bereikt: bool


@regel(G_600_UUR)
def nt2_urenstand(nt2_uren: Uren, nt2_uren_brede_intake: Uren = 0) -> Uitkomst[Nt2Stand]:
    """Cumulative NT2 course hours against the 600 hours after which afschalen may be
    considered. [wet]

    Besluit 5.5 lid 1: 600 hours of NT2 lessons at a keurmerk or taalschakel institution;
    whether afschalen is allowed also needs sufficient effort (`afschalen_toegestaan`).
    """
    totaal = uren(nt2_uren) + uren(nt2_uren_brede_intake)
    bereikt = totaal >= AFSCHAALNORM
    uitleg = (
        f"{totaal} van 600 cursusuren NT2 gevolgd; afschalen kan worden overwogen."
        if bereikt
        else f"{totaal} van 600 cursusuren NT2 gevolgd; nog {AFSCHAALNORM - totaal} te gaan "
        "voordat afschalen kan worden overwogen."
    )
    return Uitkomst(Nt2Stand(totaal, AFSCHAALNORM, bereikt), (G_600_UUR,), uitleg,
                    regel="nt2_urenstand")  # fmt: skip


@dataclass(frozen=True)
class ZrouteStand:
    cursusuren: Decimal
    cursusnorm: Decimal
    participatie_uren: Decimal
    participatienorm: Decimal | None
    cursus_voldaan: bool
    participatie_voldaan: bool


@regel(G_Z_CURSUS, G_Z_PARTICIPATIE, G_Z_GEZIN)
def zroute_voortgang(
    *, doelgroep: Doelgroep, cursusuren: Uren, participatie_uren: Uren,
    map_uren: Uren = 0, pvt_uren: Uren = 0,
) -> Uitkomst[ZrouteStand]:  # fmt: skip
    """Hours followed in the Z-route against its norms after the deductions for MAP and PVT
    hours. [wet]

    Besluit 3.14 lid 2 (800 course hours and 800 hours of participation for asylum status
    holders), lid 3 (only the course hours for others), lid 5 (MAP and PVT hours go off the
    participation norm; see `zroute_urennorm`). The eindgesprek is not counted here.
    """
    norm = zroute_urennorm(doelgroep=doelgroep, map_uren=map_uren, pvt_uren=pvt_uren).waarde
    cursus, participatie = uren(cursusuren), uren(participatie_uren)
    cursus_ok = cursus >= norm.cursusuren
    part_ok = norm.participatie_uren is None or participatie >= norm.participatie_uren
    uitleg = f"Z-route: {cursus} van {norm.cursusuren} cursusuren"
    if norm.participatie_uren is not None:
        uitleg += f", {participatie} van {norm.participatie_uren} uur participatieactiviteiten"
    uitleg += "."
    return Uitkomst(
        ZrouteStand(cursus, norm.cursusuren, participatie, norm.participatie_uren, cursus_ok,
                    part_ok),
        (G_Z_CURSUS, G_Z_PARTICIPATIE, G_Z_GEZIN) if norm.participatie_uren is not None
        else (G_Z_GEZIN,),
        uitleg, regel="zroute_voortgang",
    )  # fmt: skip
