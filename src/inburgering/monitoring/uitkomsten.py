"""Outcomes (issue 6, item 5) and dual activities (item 3), reproducible for any peildatum.

The events are selected exactly as in `indicatoren` (its `_events`: `datum <= peildatum`,
optional `bekend_op`, no withdrawals, nothing a correction superseded) for the dossiers in
`extractie.uit_log`. One flat query reads the payloads of the outcome events and folds them
per dossier (`Uitkomst`); `samenvatting` turns that into the outcome columns of the dossier's
row in the relation (`relatie.py`), and the tables below are SQL aggregates over those columns.

Definitions (reporting conventions of this product, not law; see docs/architecture.md):

* **Cohort** of "plicht voldaan binnen de termijn": the calendar year of DUO's kennisgeving
  (the start of the inburgeringsplicht, as CBS's SWI cohorts); without a kennisgeving (a move or
  an import) the year of the first signal.
* **End of the termijn**: `Mijlpalen.termijn_einde` (DUO's end date incl. extensions, else the
  rules package from the first PIP), as for "termijn in gevaar". Voldaan on or before that day
  counts as within; voldaan before any termijn ran (no PIP) counts as within too.
* **Follow-up moments** 6, 12, 24 months after the first start of the leerroute; a moment is
  due as defined in `dossiers.uitkomsten.moment_verwacht` (`verwacht` says the same in SQL).
  Measured = a counting `participatie_gemeten` for that moment on or before the peildatum (the
  latest one counts).
* **Dual activity** on the peildatum: started on or before it and not ended on or before it,
  for dossiers in a leerroute (started, not closed).
* **Costs**: every counting `kosten_geregistreerd` dated on or before the peildatum; amounts in
  whole euros in the tables (mean and median per dossier with costs, median as nearest rank
  like the other medians).
* **Exams**: DUO's `resultaat` "Geslaagd" (or "behaald") is passed, "Gezakt" (or "niet
  behaald") failed; "Geen" (no result) is not counted. Every result counts (attempts).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from typing import NamedTuple

from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, ExtractYear

from inburgering.dossiers.toestand import EventLike, geldige_events
from inburgering.dossiers.uitkomsten import (
    MOMENTEN,
    PARTICIPEREND,
    DualeActiviteit,
    Kostenpost,
    Participatiestatus,
)
from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.wet.kalender import plus_jaren

from . import extractie as ex
from . import indicatoren as ind
from . import statistiek
from .definities import cohortdatum
from .sql import gemeente_eerst, groepen, rang, vast

S = Soort
UITKOMST_SOORTEN = [
    S.PARTICIPATIE_GEMETEN,
    S.KOSTEN_GEREGISTREERD,
    S.DUALE_ACTIVITEIT_GESTART,
    S.DUALE_ACTIVITEIT_BEEINDIGD,
    S.EXAMENRESULTAAT,
]
BEHAALD, NIET_BEHAALD = "behaald", "niet_behaald"
_UITSLAG = {
    "geslaagd": BEHAALD,
    "behaald": BEHAALD,
    "gezakt": NIET_BEHAALD,
    "niet_behaald": NIET_BEHAALD,
    "niet behaald": NIET_BEHAALD,
}
#: Cost posts (read once: a TextChoices' `values` is rebuilt on every access).
KOSTENPOSTEN = list(Kostenpost.values)
#: Exam components in DUO's codes (schemas.EXAMENRESULTATEN), in reporting order.
ONDERDELEN = ["LE", "LU", "SC", "SP", "KNM"]


@dataclass
class Uitkomst:
    """One dossier's outcome events on the peildatum (only codes, dates and amounts)."""

    #: moment -> (date of the measurement, statuses)
    metingen: dict[int, tuple[dt.date, frozenset[str]]] = field(default_factory=dict)
    #: (post, cents) per registration
    kosten: list[tuple[str, int]] = field(default_factory=list)
    #: kinds of dual activity running on the peildatum
    duaal: set[str] = field(default_factory=set)
    #: (onderdeel, BEHAALD | NIET_BEHAALD) per result
    examens: list[tuple[str, str]] = field(default_factory=list)

    @property
    def kosten_cents(self) -> int:
        return sum(c for _p, c in self.kosten)


#: What a dossier without outcome events reads (shared; never modified).
GEEN = Uitkomst()


def uit_log(sel: ex.Selectie, rijen: list[ex.Mijlpalen], dossiers=None) -> dict[int, Uitkomst]:
    """The outcome events of the dossiers in `rijen`, folded in order (`dossiers`: ids or a
    subquery of ids narrowing the event query)."""
    in_rijen = {m.dossier_id for m in rijen}
    uitkomsten: dict[int, Uitkomst] = {}
    if not in_rijen:
        return uitkomsten
    events = (
        ex.events_in_selectie(sel, dossiers)
        .filter(soort__in=UITKOMST_SOORTEN)
        .order_by("datum", "id")
        .values_list("dossier_id", "soort", "datum", *_GEGEVENS)
    )
    for dossier_id, soort, datum, *gegevens in events:
        if dossier_id not in in_rijen:
            continue
        u = uitkomsten.get(dossier_id)
        if u is None:
            u = uitkomsten[dossier_id] = Uitkomst()
        _pas_toe(u, soort, datum, Uitkomstgegevens(*gegevens))
    return uitkomsten


class Uitkomstgegevens(NamedTuple):
    """The payload keys `_pas_toe` reads, as the query gives them: text (SQL's `->>`, or
    `extractie.als_tekst` in memory) except `status`, the list of participation statuses."""

    moment: str | None
    status: list[str] | None
    post: str | None
    bedrag_cents: str | None
    activiteit: str | None
    resultaat: str | None
    onderdeel: str | None


#: Payload keys read by `_pas_toe`, in the order of `Uitkomstgegevens`.
UITKOMST_SLEUTELS = list(Uitkomstgegevens._fields)
_GEGEVENS = [f"gegevens__{k}" if k == "status" else KT(f"gegevens__{k}") for k in UITKOMST_SLEUTELS]


def _pas_toe(u: Uitkomst, soort: str, datum: dt.date, g: Uitkomstgegevens) -> None:
    """Apply one outcome event (in fold order)."""
    if soort == S.PARTICIPATIE_GEMETEN and g.moment is not None and g.moment.isdigit():
        u.metingen[int(g.moment)] = (datum, frozenset(g.status or []))
    elif soort == S.KOSTEN_GEREGISTREERD:
        u.kosten.append((g.post or "overig", int(g.bedrag_cents or 0)))
    elif soort == S.DUALE_ACTIVITEIT_GESTART:
        u.duaal.add(g.activiteit or "")
    elif soort == S.DUALE_ACTIVITEIT_BEEINDIGD:
        u.duaal.discard(g.activiteit or "")
    elif soort == S.EXAMENRESULTAAT and (
        uitkomst := _UITSLAG.get((g.resultaat or "").strip().lower())
    ):
        u.examens.append((g.onderdeel or "", uitkomst))


def uitkomst_van(events: Iterable[EventLike], peildatum: dt.date | None = None) -> Uitkomst | None:
    """What `uit_log` gives for one dossier over its whole log (or on `peildatum`), folded from
    its events in memory (the writers' updates). None without outcome events."""
    u: Uitkomst | None = None
    for e in geldige_events(events):
        if e.soort in UITKOMST_SOORTEN and (peildatum is None or e.datum <= peildatum):
            u = u or Uitkomst()
            g = e.gegevens
            status = g.get("status")
            gegevens = Uitkomstgegevens(
                moment=ex.als_tekst(g.get("moment")),
                status=[str(s) for s in status] if isinstance(status, list) else None,
                post=ex.als_tekst(g.get("post")),
                bedrag_cents=ex.als_tekst(g.get("bedrag_cents")),
                activiteit=ex.als_tekst(g.get("activiteit")),
                resultaat=ex.als_tekst(g.get("resultaat")),
                onderdeel=ex.als_tekst(g.get("onderdeel")),
            )
            _pas_toe(u, e.soort, e.datum, gegevens)
    return u


# --- The outcome columns of the relation ----------------------------------------------------------


def samenvatting(m: ex.Mijlpalen, u: Uitkomst) -> dict:
    """The outcome columns of the dossier's row in the relation (`kolommen.kolommen`)."""
    rij: dict = {}
    for moment in MOMENTEN:
        meting = u.metingen.get(moment)
        rij[f"status_{moment}"] = ",".join(sorted(meting[1])) if meting else None
    posten: dict[str, int] = {}
    for post, cents in u.kosten:
        posten[post] = posten.get(post, 0) + cents
    rij["kosten_cents"] = sum(posten.values()) if u.kosten else None
    for post in KOSTENPOSTEN:
        rij[f"kosten_{post}"] = posten.get(post)
    rij["duaal"] = ",".join(sorted(u.duaal))
    per_onderdeel: dict[str, list[int]] = {}
    for onderdeel, uitslag in u.examens:
        per_onderdeel.setdefault(onderdeel, [0, 0])[0 if uitslag == BEHAALD else 1] += 1
    rij["examens"] = ",".join(f"{o}:{b}:{n}" for o, (b, n) in sorted(per_onderdeel.items()))
    return rij | doelwaarden(m, u)


@lru_cache(maxsize=4096)
def examens_uit(tekst: str) -> tuple[tuple[str, int, int], ...]:
    """The exam results column as (onderdeel, behaald, niet behaald) per component (few
    distinct values, so memoised)."""
    delen = []
    for deel in tekst.split(",") if tekst else []:
        onderdeel, behaald, niet = deel.rsplit(":", 2)
        delen.append((onderdeel, int(behaald), int(niet)))
    return tuple(delen)


@lru_cache(maxsize=4096)
def als_set(tekst: str | None) -> frozenset[str]:
    """A comma-separated set column as a set (few distinct values, so memoised)."""
    return frozenset(tekst.split(",")) - {""} if tekst else frozenset()


# --- Plicht voldaan within the termijn, per cohort ----------------------------------------------


@dataclass
class PlichtCohort:
    binnen: int = 0
    na: int = 0
    lopend: int = 0
    verstreken: int = 0
    geen_termijn: int = 0
    anders: int = 0

    @property
    def totaal(self) -> int:
        return sum(
            (self.binnen, self.na, self.lopend, self.verstreken, self.geen_termijn, self.anders)
        )

    @property
    def aandeel_binnen(self) -> float | None:
        """Of the dossiers whose outcome is known (voldaan, or termijn ended): within."""
        return statistiek.aandeel(self.binnen, self.binnen + self.na + self.verstreken)


@vast
def _plicht_per_cohort(peildatum: dt.date, basis: str):
    afgesloten = Q(afgesloten__isnull=False)
    stand = Case(
        When(afgesloten & ~Q(afsluitreden=Afsluitreden.VOLDAAN), then=Value("anders")),
        When(afgesloten & Q(termijn_einde__isnull=True), then=Value("binnen")),
        When(afgesloten & Q(afgesloten__lte=F("termijn_einde")), then=Value("binnen")),
        When(afgesloten, then=Value("na")),
        When(termijn_einde__isnull=True, then=Value("geen_termijn")),
        When(termijn_einde__lt=peildatum, then=Value("verstreken")),
        default=Value("lopend"),
    )
    return groepen(ind.relatie_rijen(), ExtractYear(cohortdatum(basis)), stand)


def plicht_per_cohort(r) -> dict:
    """Per cohort (year of the cohort date, `definities.cohortdatum`: the kennisgeving, else the
    first signal; or the first signal when chosen): how the plicht ended or
    stands, against the end of the termijn (`termijn_einde`, as for "termijn in gevaar")."""
    per: dict[int | None, PlichtCohort] = defaultdict(PlichtCohort)
    for jaar, klasse, n in _plicht_per_cohort(r.peildatum, r.sel.cohortbasis):
        setattr(per[jaar], klasse, getattr(per[jaar], klasse) + n)
    return dict(sorted(per.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))


# --- Exams ----------------------------------------------------------------------------------------


def samen(per: dict, plaats: int = 0) -> dict:
    """Add up grouped results over the group at `plaats` of the key: the totals of a table
    from its per-group breakdown, without a second pass over the dossiers."""
    totaal: dict = {}
    for sleutel, waarde in per.items():
        rest = (*sleutel[:plaats], "", *sleutel[plaats + 1 :]) if isinstance(sleutel, tuple) else ""
        totaal[rest] = totaal[rest] + waarde if rest in totaal else waarde + type(waarde)()
    return totaal


@dataclass
class Examens:
    behaald: int = 0
    niet_behaald: int = 0
    dossiers_behaald: int = 0

    def __add__(self, ander: Examens) -> Examens:
        return Examens(
            self.behaald + ander.behaald,
            self.niet_behaald + ander.niet_behaald,
            self.dossiers_behaald + ander.dossiers_behaald,
        )

    @property
    def uitslagen(self) -> int:
        return self.behaald + self.niet_behaald

    @property
    def aandeel_behaald(self) -> float | None:
        return statistiek.aandeel(self.behaald, self.uitslagen)


@vast
def _examens():
    rijen = ind.relatie_rijen().exclude(examens="")
    return groepen(rijen, "leerroute", ExtractYear("route_start"), "examens")


def examen_rijen(r) -> list[tuple]:
    """(leerroute, year of the first start of the leerroute or None, exam results, dossiers)
    of the dossiers with exam results: the one scan behind `examens` and the exams per start
    cohort (`aanvullend`)."""
    return r.gedeeld(_examens)


def examens(r) -> dict:
    """(leerroute, onderdeel) -> Examens: every result counts; a dossier counts once per
    component it passed."""
    per: dict[tuple, Examens] = defaultdict(Examens)
    for sleutel, _jaar, tekst, n in examen_rijen(r):
        for onderdeel, behaald, niet in examens_uit(tekst):
            e = per[(sleutel, onderdeel)]
            e.behaald += behaald * n
            e.niet_behaald += niet * n
            e.dossiers_behaald += n if behaald else 0
    return dict(per)


def onderdeel_volgorde(onderdeel: str) -> tuple:
    return (ONDERDELEN.index(onderdeel) if onderdeel in ONDERDELEN else len(ONDERDELEN), onderdeel)


# --- Participation at the follow-up moments -------------------------------------------------------


@dataclass
class Participatie:
    verwacht: int = 0
    gemeten: int = 0
    status: Counter = field(default_factory=Counter)

    def __add__(self, ander: Participatie) -> Participatie:
        return Participatie(
            self.verwacht + ander.verwacht, self.gemeten + ander.gemeten, self.status + ander.status
        )

    def aandeel(self, status: str) -> float | None:
        return statistiek.aandeel(self.status[status], self.gemeten)


def verwacht(moment: int, peildatum: dt.date) -> Q:
    """`dossiers.uitkomsten.moment_verwacht` in SQL, with the moment's date from the row."""
    datum = f"moment_{moment}"
    return Q(**{f"{datum}__lte": peildatum}) & (
        Q(afgesloten__isnull=True)
        | Q(afsluitreden=Afsluitreden.VOLDAAN)
        | Q(afgesloten__gte=F(datum))
    )


@vast
def _participatie(peildatum: dt.date):
    telt = {m: verwacht(m, peildatum) | Q(**{f"status_{m}__isnull": False}) for m in MOMENTEN}
    per_moment = []
    for moment in MOMENTEN:
        per_moment += [
            ExpressionWrapper(telt[moment], output_field=BooleanField()),
            f"status_{moment}",
        ]
    rijen = ind.relatie_rijen().filter(reduce(operator.or_, telt.values()))
    return groepen(rijen, "doelgroep", *per_moment)


def participatie(r) -> dict:
    """(doelgroep, moment) -> Participatie. A dossier counts for a moment when the moment is due
    on the peildatum or was measured already (a measurement up to a month early). One statement
    for the three moments: grouped by whether each counts and what was measured."""
    per: dict[tuple, Participatie] = defaultdict(Participatie)
    for sleutel, *waarden, n in _participatie(r.peildatum):
        for moment, telt_mee, gemeten in zip(MOMENTEN, waarden[::2], waarden[1::2], strict=True):
            if not telt_mee:
                continue
            p = per[(sleutel, moment)]
            p.verwacht += n
            if gemeten is not None:
                p.gemeten += n
                for s in als_set(gemeten):
                    p.status[s] += n
    return dict(per)


STATUSSEN = list(Participatiestatus.values)


# --- Costs ----------------------------------------------------------------------------------------


@dataclass
class Kosten:
    dossiers: int = 0
    totaal_cents: int = 0
    #: cents -> dossiers with that total
    verdeling: Counter = field(default_factory=Counter)

    @property
    def gemiddeld_cents(self) -> float | None:
        return self.totaal_cents / self.dossiers if self.dossiers else None

    @property
    def mediaan_cents(self) -> int | None:
        return rang(self.verdeling, self.dossiers, 50)


@vast(sommen=1 + len(KOSTENPOSTEN))
def _kosten():
    met_pip = ExpressionWrapper(Q(pip__isnull=False), output_field=BooleanField())
    # As bigint: PostgreSQL sums bigints as numeric, and thousands of Decimals cost.
    sommen = {
        f"_s_{p}": Cast(Coalesce(Sum(f"kosten_{p}"), 0), BigIntegerField()) for p in KOSTENPOSTEN
    }
    rijen, namen = gemeente_eerst(
        ind.relatie_rijen().filter(kosten_cents__isnull=False).annotate(_met_pip=met_pip),
        ["leerroute", "_met_pip", "kosten_cents"],
    )
    return rijen.values_list(*namen).annotate(_n=Count("pk"), **sommen).order_by()


def kosten_rijen(r) -> list[tuple]:
    """(leerroute, has a PIP, total cents, dossiers, cents per post in `KOSTENPOSTEN`) of the
    dossiers with costs: the one scan behind `kosten_per_route` and the costs per trajectory
    and post (`aanvullend`)."""
    return r.gedeeld(_kosten)


def kosten_per_route(r) -> tuple[dict[str, Kosten], Kosten]:
    """({leerroute of the latest PIP ("" without PIP): Kosten}, all together), for dossiers
    with at least one cost registration."""
    per: dict = defaultdict(Kosten)
    alles = Kosten()
    for leerroute, met_pip, cents, n, *_sommen in kosten_rijen(r):
        sleutel = leerroute if met_pip else ""
        for k in (per[sleutel], alles):
            k.dossiers += n
            k.totaal_cents += cents * n
            k.verdeling[cents] += n
    return dict(per), alles


def tellingen(peildatum: dt.date) -> dict:
    """The counts of this module's tables that add up over gemeenten (as
    `indicatoren.tellingen`, computed in the same scan)."""
    return {
        **doel_tellingen(peildatum),
        "kosten_alles": Coalesce(Sum("kosten_cents"), 0),
        **{f"kosten_{p}__n": Count(f"kosten_{p}") for p in KOSTENPOSTEN},
        **{f"kosten_{p}__som": Coalesce(Sum(f"kosten_{p}"), 0) for p in KOSTENPOSTEN},
    }


def kosten_per_post(r) -> tuple[dict[str, Kosten], int]:
    """({post: Kosten (dossiers, total)} for the posts with registrations, all costs)."""
    t = r.totalen
    per = {
        p: Kosten(t[f"kosten_{p}__n"], t[f"kosten_{p}__som"])
        for p in KOSTENPOSTEN
        if t[f"kosten_{p}__n"]
    }
    return per, t["kosten_alles"]


def euro(cents: float | None) -> int | None:
    """Whole euros, half up."""
    return None if cents is None else int((cents + 50) // 100)


# --- Dual activities ------------------------------------------------------------------------------

ACTIVITEITEN = list(DualeActiviteit.values)


@dataclass
class Duaal:
    in_leerroute: int = 0
    met_duaal: int = 0
    per_soort: Counter = field(default_factory=Counter)

    def __add__(self, ander: Duaal) -> Duaal:
        return Duaal(
            self.in_leerroute + ander.in_leerroute,
            self.met_duaal + ander.met_duaal,
            self.per_soort + ander.per_soort,
        )

    @property
    def aandeel(self) -> float | None:
        return statistiek.aandeel(self.met_duaal, self.in_leerroute)


@vast
def _duaal():
    in_route = ind.relatie_rijen().filter(route_start__isnull=False, afgesloten__isnull=True)
    return groepen(in_route, "doelgroep", "leerroute", "duaal")


def duaal(r) -> dict:
    """(doelgroep, leerroute) -> Duaal, over dossiers in a leerroute (started, not closed) on the
    peildatum; `samen` gives the totals per route or per doelgroep."""
    per: dict = defaultdict(Duaal)
    bekend = set(ACTIVITEITEN)
    for doelgroep, route, soorten, n in _duaal():
        sleutel = (doelgroep, route)
        d = per[sleutel]
        d.in_leerroute += n
        if lopend := als_set(soorten) & bekend:
            d.met_duaal += n
            for soort in lopend:
                d.per_soort[soort] += n
    return dict(per)


# --- Local targets on participation ---------------------------------------------------------------


def doelwaarden(m: ex.Mijlpalen, u: Uitkomst) -> dict:
    """Per dossier, anchored at the first PIP (the start of the inburgeringstermijn, as
    "voldaan binnen 3 jaar"), counting measurements dated within the window:

    * `participerend_3j`: with at least one measurement within 3 years, was any of them werk,
      vrijwilligerswerk or opleiding (None: no measurement in the window);
    * `uitkering_2j`: when the first measurement within 2 years shows uitkering, was any
      measurement in the window werk or opleiding (None otherwise).

    `doel_tellingen` counts them for dossiers whose window has fully passed on the peildatum.
    """
    waarden = {"participerend_3j": None, "uitkering_2j": None}
    if not m.pip or not u.metingen:
        return waarden
    metingen = sorted(u.metingen.values(), key=lambda d: d[0])
    drie = plus_jaren(m.pip, 3)
    if binnen := [s for d, s in metingen if d <= drie]:
        waarden["participerend_3j"] = any(s & PARTICIPEREND for s in binnen)
    twee = plus_jaren(m.pip, 2)
    binnen = [s for d, s in metingen if d <= twee]
    if binnen and Participatiestatus.UITKERING in binnen[0]:
        werk_of_studie = {Participatiestatus.WERK, Participatiestatus.OPLEIDING}
        waarden["uitkering_2j"] = any(s & werk_of_studie for s in binnen)
    return waarden


def doel_tellingen(peildatum: dt.date) -> dict:
    """The participation targets (`models.Indicator`), as `indicatoren.doel_tellingen`."""
    from .models import Indicator

    drie, twee = Q(pip_3j__lte=peildatum), Q(pip_2j__lte=peildatum)
    return {
        f"{Indicator.PARTICIPEREND_3J}__teller": Count(
            "pk", filter=drie & Q(participerend_3j=True)
        ),
        f"{Indicator.PARTICIPEREND_3J}__noemer": Count(
            "pk", filter=drie & Q(participerend_3j__isnull=False)
        ),
        f"{Indicator.UITKERING_WERK_STUDIE_2J}__teller": Count(
            "pk", filter=twee & Q(uitkering_2j=True)
        ),
        f"{Indicator.UITKERING_WERK_STUDIE_2J}__noemer": Count(
            "pk", filter=twee & Q(uitkering_2j__isnull=False)
        ),
    }
