"""Where on the calendar a planned dossier lands, per profile.

- Demo: every dossier gets a target phase (all phases present, in fixed shares), and the plan is
  placed so that today falls inside that phase. Deadlines then spread naturally over overdue,
  at risk and on track.
- Landelijk: every dossier belongs to a cohort (year of DUO's kennisgeving, praktijk §5) and its
  kennisgeving date is drawn within that year; the phase follows from the cohort's age.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from dataclasses import dataclass

from inburgering.dossiers.models import Doelgroep, Regime
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import Fase

from . import kalibratie as k
from .tijdlijn import Plan, plan_dossier

WI2021_START = dt.date(2022, 1, 1)
WI2013_VROEGST = dt.date(2019, 9, 1)
ASIEL, GEZIN = Doelgroep.ASIELSTATUSHOUDER, Doelgroep.GEZINSMIGRANT_OVERIG

#: Share of the demo dossiers per phase (our choice: every phase visible, most in a route).
DEMO_FASE_GEWICHT = {
    Fase.GESIGNALEERD: 6,
    Fase.GEKOPPELD: 7,
    Fase.GEHUISVEST: 10,
    Fase.BREDE_INTAKE: 12,
    Fase.PIP_IN_VOORBEREIDING: 12,
    Fase.PIP_VASTGESTELD: 6,
    Fase.WACHT_OP_START: 10,
    Fase.IN_LEERROUTE: 27,
    Fase.AFGEROND: 10,
}
#: Cohort -> (first, last) date of DUO's kennisgeving; "last" None means yesterday.
COHORT_PERIODE = {
    "wi2013": (WI2013_VROEGST, dt.date(2021, 12, 31)),
    "2022": (dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    "2023": (dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    "2024": (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    "2025": (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    "2026": (dt.date(2026, 1, 1), None),
}


@dataclass
class Geplaatst:
    plan: Plan
    anker: dt.date  # day 0: DUO's kennisgeving
    regime: str


def verdeel(aantal: int, gewichten: dict, min_een: bool = False) -> dict:
    """Integer counts proportional to the weights (largest remainder), summing to `aantal`."""
    totaal = sum(gewichten.values())
    exact = {sleutel: aantal * g / totaal for sleutel, g in gewichten.items()}
    uitkomst = {sleutel: int(x) for sleutel, x in exact.items()}
    if min_een and aantal >= len(gewichten):
        for sleutel in uitkomst:
            uitkomst[sleutel] = max(1, uitkomst[sleutel])
    rest = sorted(exact, key=lambda s: exact[s] - int(exact[s]), reverse=True)
    i = 0
    while sum(uitkomst.values()) < aantal:
        uitkomst[rest[i % len(rest)]] += 1
        i += 1
    while sum(uitkomst.values()) > aantal:
        grootste = max(uitkomst, key=uitkomst.get)
        uitkomst[grootste] -= 1
    return uitkomst


def fase_intervallen(plan: Plan) -> dict[str, tuple[int, int]]:
    """Phase -> (first day, first day after) of its first stay, by folding the plan."""
    basis = dt.date(2000, 1, 1)
    for ev in plan.events:
        ev.datum = basis + dt.timedelta(days=ev.dag)
    historie = [((d - basis).days, f) for d, f in bereken_toestand(plan.events).fasehistorie]
    intervallen: dict[str, tuple[int, int]] = {}
    for i, (dag, fase) in enumerate(historie):
        einde = historie[i + 1][0] if i + 1 < len(historie) else dag + 700
        intervallen.setdefault(fase, (dag, einde))
    return intervallen


class DemoPlaatser:
    def __init__(self, rng: random.Random, aantal: int, vandaag: dt.date) -> None:
        quota = verdeel(aantal, DEMO_FASE_GEWICHT, min_een=True)
        doelen = [fase for fase, n in quota.items() for _ in range(n)]
        rng.shuffle(doelen)
        self.doelen = deque(doelen)
        self.vandaag = vandaag

    def hoofd(self, rng: random.Random) -> Geplaatst:
        doel = self.doelen.popleft() if self.doelen else Fase.IN_LEERROUTE
        doelgroep = ASIEL if doel == Fase.GEKOPPELD else rng.choices([ASIEL, GEZIN], [65, 35])[0]
        return self._plaats(rng, doel, doelgroep) or self._plaats(rng, doel, ASIEL)

    def partner(self, rng: random.Random, hoofd: Geplaatst) -> Geplaatst | None:
        if not self.doelen:
            return None
        if self.doelen[0] == Fase.GEKOPPELD and hoofd.plan.doelgroep != ASIEL:
            return None
        return self._plaats(rng, self.doelen.popleft(), hoofd.plan.doelgroep)

    def _plaats(self, rng: random.Random, doel: str, doelgroep: str) -> Geplaatst | None:
        for _ in range(100):
            wi2013 = doel in (Fase.IN_LEERROUTE, Fase.AFGEROND) and rng.random() < 0.12
            plan = plan_dossier(rng, doelgroep, wi2013=wi2013)
            intervallen = fase_intervallen(plan)
            hier = _wi2013_fase(doel, intervallen) if wi2013 else doel
            if hier not in intervallen:
                continue
            begin, einde = intervallen[hier]
            # Day 0 (the kennisgeving) decides the regime: Wi2021 from 1 January 2022.
            grens = WI2013_VROEGST if wi2013 else WI2021_START
            laag = max(begin, (self.vandaag - dt.date(2021, 12, 31)).days) if wi2013 else begin
            hoog = min(einde - 1, (self.vandaag - grens).days)
            if laag > hoog:
                continue
            anker = self.vandaag - dt.timedelta(days=rng.randint(laag, hoog))
            return Geplaatst(plan, anker, Regime.WI2013 if wi2013 else Regime.WI2021)
        return None


def _wi2013_fase(doel: str, intervallen: dict[str, tuple[int, int]]) -> str:
    """The phase an old-law dossier shows for a target phase: it never takes the Wi 2021 steps
    (intake, PIP, route), so while open it stays in the phase its arrival left it in."""
    if doel == Fase.AFGEROND:
        return doel
    open_fasen = [f for f in intervallen if f != Fase.AFGEROND]
    return max(open_fasen, key=lambda f: intervallen[f][0]) if open_fasen else doel


class LandelijkPlaatser:
    def __init__(self, vandaag: dt.date) -> None:
        self.vandaag = vandaag
        self.cellen = [(c, d) for c in k.COHORTEN for d in (ASIEL, GEZIN)]
        self.gewichten = [k.COHORTEN[c][0 if d == ASIEL else 1] for c, d in self.cellen]

    def hoofd(self, rng: random.Random) -> Geplaatst:
        cohort, doelgroep = rng.choices(self.cellen, weights=self.gewichten)[0]
        eerste, laatste = COHORT_PERIODE[cohort]
        laatste = laatste or self.vandaag - dt.timedelta(days=1)
        anker = eerste + dt.timedelta(days=rng.randint(0, (laatste - eerste).days))
        return self._plan(rng, doelgroep, anker)

    def partner(self, rng: random.Random, hoofd: Geplaatst) -> Geplaatst | None:
        """Arrived together (40%) or as a nareiziger within a year."""
        vertraging = 0 if rng.random() < 0.4 else rng.randint(30, 360)
        anker = hoofd.anker + dt.timedelta(days=vertraging)
        if anker >= self.vandaag:
            return None
        return self._plan(rng, hoofd.plan.doelgroep, anker)

    def _plan(self, rng: random.Random, doelgroep: str, anker: dt.date) -> Geplaatst:
        regime = Regime.WI2013 if anker < WI2021_START else Regime.WI2021
        plan = plan_dossier(
            rng, doelgroep, wi2013=regime == Regime.WI2013, horizon=(self.vandaag - anker).days
        )
        return Geplaatst(plan, anker, regime)
