"""Indicators from the event log, reproducible for any peildatum.

How a figure is reproduced for a peildatum (and, optionally, as it was known at `bekend_op`):
exactly the events the fold (`dossiers.toestand.bereken_toestand`) would use count here too —
events with `datum <= peildatum` (and `geregistreerd_op <= bekend_op`), without `intrekking`
events and without events a correction (or withdrawal) superseded. A dossier without any such
event did not exist on the peildatum and is left out.

Two queries do the work, both in SQL over the event table (on PostgreSQL with JIT off and a
larger work_mem):

1. one aggregate per dossier (GROUP BY dossier) with `MIN/MAX(datum) FILTER (WHERE soort = ...)`
   for every milestone of the funnel;
2. the few events whose payload matters (LBT score, leerroute of each PIP, reason of closing,
   cursusinstelling, waiting reasons), flat and in fold order, payload keys read in SQL.

Everything after that is counting over one small row per dossier. Legal dates (the PIP deadline)
and the LBT outcome and "conform" come from the rules package (`inburgering.wet`), memoised on
their inputs. The dossier's doelgroep and consulent used for filtering and grouping are the
current ones (projection columns), not those on the peildatum.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from django.db import connection, transaction
from django.db.models import Max, Min, Q
from django.db.models.fields.json import KT
from django.utils.functional import cached_property  # no lock per first access (3.11)

from inburgering.dossiers import deadlines
from inburgering.dossiers.models import DossierEvent
from inburgering.dossiers.toestand import DossierToestand, geldige_events
from inburgering.dossiers.workflow import Afsluitreden, Fase, Soort
from inburgering.wet import (
    Leerroute,
    inburgeringstermijn,
    lbt_cesuur,
    lbt_uitkomst,
    route_conform_lbt,
)
from inburgering.wet.kalender import plus_jaren, plus_maanden

S = Soort

#: Funnel stages in order: (key on Mijlpalen, label). Labels are translated in `tabellen`.
FUNNEL = ["signaal", "eerste_contact", "intake", "lbt", "pip", "route_start"]
#: Lead times reported: (from, to).
STAPPEN = [
    ("signaal", "eerste_contact"),
    ("eerste_contact", "intake"),
    ("intake", "lbt"),
    ("lbt", "pip"),
    ("pip", "route_start"),
    ("signaal", "pip"),
    ("signaal", "route_start"),
]
#: Score bands of the SZW evaluation (seed 004, Table 1).
BANDEN = ["<20", "20-27", "28-30", ">30"]
#: Route columns of Table 1; "" = not yet known.
ROUTES = ["b1", "onderwijs", "z", ""]
_WET_ROUTE = {"b1": Leerroute.B1, "onderwijs": Leerroute.ONDERWIJS, "z": Leerroute.Z}


def band(score: int) -> str:
    if score < 20:
        return "<20"
    if score <= 27:
        return "20-27"
    if score <= 30:
        return "28-30"
    return ">30"


@dataclass(frozen=True)
class Selectie:
    """Which dossiers and which moment. `van`/`tot` select the cohort by first signal date."""

    gemeente_ids: tuple[int, ...]
    peildatum: dt.date
    van: dt.date | None = None
    tot: dt.date | None = None
    doelgroep: str = ""
    consulent_id: int | None = None
    bekend_op: dt.datetime | None = None


@dataclass
class Mijlpalen:
    """One dossier on the peildatum: only dates and codes, no personal data."""

    dossier_id: int
    gemeente_id: int
    doelgroep: str
    consulent_id: int | None
    signaal: dt.date | None = None
    kennisgeving: dt.date | None = None
    koppeling: dt.date | None = None
    huisvesting: dt.date | None = None
    vestiging: dt.date | None = None
    eerste_contact: dt.date | None = None
    intake: dt.date | None = None
    intake_afgerond: dt.date | None = None
    lbt: dt.date | None = None
    pip: dt.date | None = None
    aangemeld: dt.date | None = None
    route_start: dt.date | None = None
    afgesloten: dt.date | None = None
    examen: dt.date | None = None
    lbt_ontheffing: dt.date | None = None
    lbt_score: int | None = None
    leerroute: str = ""
    eerste_leerroute: str = ""
    #: Route changes between successive PIP versions (schakelen and afschalen).
    routewissels: int = 0
    afsluitreden: str = ""
    cursusinstelling: str = ""
    pip_vorige_gemeente: bool = False
    wacht_op: str = ""
    wacht_op_derde: bool = False
    derde_ontvangen: dt.date | None = None
    wachtredenen: list[str] = field(default_factory=list)
    #: End of the termijn as DUO reported it (latest TERMIJN_DUO event), incl. any extension.
    termijn_duo_einde: dt.date | None = None
    #: Date of the latest event counted (the projection is valid for peildata from here on).
    laatste_datum: dt.date | None = None
    #: Person characteristics (current values): read with the projection, or filled by
    #: `met_persoonskenmerken` where a table needs them.
    geslacht: str = ""
    geboortedatum: dt.date | None = None

    @cached_property
    def conform(self) -> bool | None:
        """Route follows the LBT (SZW definition, `wet.route_conform_lbt`); None without both."""
        if self.lbt_score is None or self.leerroute not in _WET_ROUTE:
            return None
        return conform(lbt_haalbaar(self.lbt_score, self.lbt), self.leerroute)

    @property
    def termijn_einde(self) -> tuple[dt.date | None, str]:
        """(end of the inburgeringstermijn, source): DUO's end date when a TERMIJN_DUO event
        gave one ("duo"), else computed by the rules package from the first PIP's dagtekening
        ("berekend"); (None, "") before the first PIP."""
        if self.termijn_duo_einde:
            return self.termijn_duo_einde, TERMIJN_DUO
        if self.pip:
            return _termijn_einde(self.pip), TERMIJN_BEREKEND
        return None, ""

    @cached_property
    def pip_deadline(self) -> dt.date | None:
        return _pip_deadline(
            self.kennisgeving,
            self.koppeling,
            self.huisvesting,
            self.vestiging if self.pip_vorige_gemeente else None,
            self.wacht_op_derde,
            self.derde_ontvangen,
        )


@lru_cache(maxsize=500_000)
def _pip_deadline(kennisgeving, koppeling, huisvesting, vestiging, derde, ontvangen):
    """The deadline as it ran before the first PIP, from the rules package (via deadlines).

    Memoised per process on the rule's inputs (the rule is a pure function of them)."""
    toestand = DossierToestand(
        fase=Fase.GESIGNALEERD,
        kennisgeving_datum=kennisgeving,
        koppeling_datum=koppeling,
        brp_inschrijving_datum=huisvesting,
        vestiging_datum=vestiging,
        pip_vorige_gemeente=vestiging is not None,
        wacht_op_derde=derde,
        informatie_derde_ontvangen=ontvangen if derde else None,
    )
    return deadlines.pip_deadline_datum(toestand)


TERMIJN_DUO = "duo"
TERMIJN_BEREKEND = "berekend"


@lru_cache(maxsize=100_000)
def _termijn_einde(eerste_pip: dt.date) -> dt.date:
    """Wi art. 11 via the rules package. Interruptions (Besluit 2.1 lid 2) and extensions are
    not in the event log as such; DUO's end date (TERMIJN_DUO) carries them when present."""
    return inburgeringstermijn(eerste_pip).waarde.einde


_HAALBAAR: dict[tuple[int, int], bool] = {}


def lbt_haalbaar(score: int, testdatum: dt.date) -> bool:
    """The rules package's outcome, memoised on (score, cut-off in force): all it depends on."""
    sleutel = (score, lbt_cesuur(testdatum))
    if sleutel not in _HAALBAAR:
        _HAALBAAR[sleutel] = lbt_uitkomst(score, testdatum).waarde.haalbaar
    return _HAALBAAR[sleutel]


@lru_cache(maxsize=16)
def conform(haalbaar: bool, leerroute: str) -> bool | None:
    return route_conform_lbt(haalbaar, _WET_ROUTE[leerroute]).waarde


def _events(sel: Selectie, dossiers=None):
    qs = DossierEvent.objects.filter(
        dossier__gemeente_id__in=sel.gemeente_ids, datum__lte=sel.peildatum
    )
    if dossiers is not None:
        qs = qs.filter(dossier_id__in=dossiers)
    if sel.doelgroep:
        qs = qs.filter(dossier__doelgroep=sel.doelgroep)
    if sel.consulent_id:
        qs = qs.filter(dossier__consulent_id=sel.consulent_id)
    # Superseded: referenced by a correction or withdrawal (few rows: NOT IN a small set).
    correcties = DossierEvent.objects.filter(corrigeert__isnull=False)
    if sel.bekend_op is not None:
        qs = qs.filter(geregistreerd_op__lte=sel.bekend_op)
        correcties = correcties.filter(geregistreerd_op__lte=sel.bekend_op)
    return qs.exclude(soort=S.INTREKKING).exclude(id__in=correcties.values("corrigeert_id"))


#: Milestones per dossier: (field, "min" | "max", event types). MAX where the fold keeps the
#: latest date, MIN where a funnel stage means "first time". One table for the SQL aggregate
#: over the log (`uit_log`) and the fold of one dossier's events (`mijlpalen_van`).
MIJLPAAL_REGELS = [
    (
        "signaal",
        "min",
        (S.SIGNAAL_ONTVANGEN, S.COA_KOPPELING, S.HUISVESTING, S.VESTIGING_NA_VERHUIZING),
    ),
    ("kennisgeving", "max", (S.SIGNAAL_ONTVANGEN,)),
    ("koppeling", "max", (S.COA_KOPPELING,)),
    ("huisvesting", "max", (S.HUISVESTING, S.VESTIGING_NA_VERHUIZING)),
    ("vestiging", "max", (S.VESTIGING_NA_VERHUIZING,)),
    ("eerste_contact", "min", (S.CONTACT,)),
    ("intake", "min", (S.INTAKE_GESTART,)),
    ("intake_afgerond", "max", (S.INTAKE_AFGEROND, S.INTAKE_ZONDER_PERSOON)),
    ("lbt", "max", (S.LBT_AFGENOMEN,)),
    ("pip", "min", (S.PIP_VASTGESTELD,)),
    ("aangemeld", "max", (S.AANGEMELD_LEERROUTE,)),
    ("route_start", "min", (S.LEERROUTE_GESTART,)),
    ("afgesloten", "max", (S.DOSSIER_AFGESLOTEN,)),
    ("examen", "max", (S.EXAMENRESULTAAT,)),
    ("lbt_ontheffing", "max", (S.LBT_ONTHEFFING,)),
]
MIJLPAAL_AGGREGATEN = {
    veld: (Min if functie == "min" else Max)("datum", filter=Q(soort__in=soorten))
    for veld, functie, soorten in MIJLPAAL_REGELS
} | {"laatste_datum": Max("datum")}


#: Events whose payload matters, read flat in fold order (payload keys extracted in SQL).
DETAIL_SOORTEN = [
    S.LBT_AFGENOMEN,
    S.PIP_VASTGESTELD,
    S.VESTIGING_NA_VERHUIZING,
    S.DOSSIER_AFGESLOTEN,
    S.AANGEMELD_LEERROUTE,
    S.WACHT_OP,
    S.WACHTEN_BEEINDIGD,
    S.TERMIJN_DUO,
]


#: Up to this many gemeenten (one municipality or a regional service) the event query runs
#: without parallel workers.
KLEINE_SELECTIE = 10


def mijlpalen(sel: Selectie) -> list[Mijlpalen]:
    """The milestones of every dossier in the selection on the peildatum. From today on (and
    without `bekend_op`) they come from the projection (`projectie.py`), which holds the same
    values as this module's event queries; for earlier peildata from the event log itself."""
    from . import projectie

    if not sel.gemeente_ids:
        return []
    with sql_instellingen(sel):
        if projectie.bruikbaar(sel):
            return projectie.lees(sel)
        return uit_log(sel)


@contextmanager
def sql_instellingen(sel: Selectie):
    """A transaction with the planner settings for these one-off aggregates (PostgreSQL)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # JIT compilation costs seconds on this one-off aggregate; the hash aggregate
                # over 150K dossiers needs more than the default 4 MB to stay in memory.
                cursor.execute("SET LOCAL jit = off")
                cursor.execute("SET LOCAL work_mem = '64MB'")
                if len(sel.gemeente_ids) <= KLEINE_SELECTIE:
                    # A few thousand dossiers: starting parallel workers costs more than it saves.
                    cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
                    # PostgreSQL's default (4) models spinning disks and then prefers to scan
                    # all 150K rows over a few thousand index lookups in memory.
                    cursor.execute("SET LOCAL random_page_cost = 1.1")
        yield


def uit_log(sel: Selectie, dossiers=None) -> list[Mijlpalen]:
    """From the event log; `dossiers` (ids or a subquery of ids) narrows the selection."""
    events = _events(sel, dossiers)
    per_dossier = events.values("dossier_id").annotate(
        gemeente_id=Max("dossier__gemeente_id"),
        doelgroep=Max("dossier__doelgroep"),
        consulent_id=Max("dossier__consulent_id"),
        **MIJLPAAL_AGGREGATEN,
    )
    if sel.van:
        per_dossier = per_dossier.filter(signaal__gte=sel.van)
    if sel.tot:
        per_dossier = per_dossier.filter(signaal__lte=sel.tot)
    result: dict[int, Mijlpalen] = {}
    for rij in per_dossier.order_by():
        m = Mijlpalen(**rij)
        result[m.dossier_id] = m
    details = (
        events.filter(soort__in=DETAIL_SOORTEN)
        .order_by("datum", "id")
        .values_list(
            "dossier_id", "soort", "datum", *(KT(f"gegevens__{k}") for k in DETAIL_SLEUTELS)
        )
    )
    for dossier_id, soort, datum, *gegevens in details:
        m = result.get(dossier_id)
        if m is not None:
            _detail(m, soort, datum, *gegevens)
    return list(result.values())


#: Payload keys read by `_detail`, in its argument order.
DETAIL_SLEUTELS = [
    "score",
    "leerroute",
    "reden",
    "op",
    "cursusinstelling",
    "pip_vorige_gemeente",
    "einde",
]


def _detail(m: Mijlpalen, soort, datum, score, route, reden, op, instelling, vorige, einde) -> None:
    """Apply one payload event (in fold order); values as text, as SQL extracts them."""
    if soort == S.LBT_AFGENOMEN:
        m.lbt_score = int(score) if score not in (None, "") else None
    elif soort == S.PIP_VASTGESTELD:
        if route and m.leerroute and route != m.leerroute:
            m.routewissels += 1
        m.leerroute = route or m.leerroute
        m.eerste_leerroute = m.eerste_leerroute or m.leerroute
    elif soort == S.VESTIGING_NA_VERHUIZING:
        m.pip_vorige_gemeente = str(vorige).lower() in ("true", "1")
        m.leerroute = route or m.leerroute
    elif soort == S.DOSSIER_AFGESLOTEN:
        m.afsluitreden = reden or ""
    elif soort == S.AANGEMELD_LEERROUTE:
        m.cursusinstelling = instelling or ""
    elif soort == S.WACHT_OP:
        m.wacht_op = op or ""
        m.wachtredenen.append(m.wacht_op)
        if m.wacht_op == "derde":
            m.wacht_op_derde, m.derde_ontvangen = True, None
    elif soort == S.WACHTEN_BEEINDIGD:
        if m.wacht_op == "derde":
            m.derde_ontvangen = datum
        m.wacht_op = ""
    elif soort == S.TERMIJN_DUO and einde:
        m.termijn_duo_einde = dt.date.fromisoformat(einde)


def mijlpalen_van(dossier, events) -> Mijlpalen | None:
    """What `uit_log` gives for one dossier over its whole log, folded from its events in
    memory (the writer's projection update; `projectie.bijwerken`). None without events."""
    events = geldige_events(events)
    if not events:
        return None
    m = Mijlpalen(dossier.pk, dossier.gemeente_id, dossier.doelgroep, dossier.consulent_id)
    for veld, functie, soorten in MIJLPAAL_REGELS:
        datums = [e.datum for e in events if e.soort in soorten]
        if datums:
            setattr(m, veld, min(datums) if functie == "min" else max(datums))
    m.laatste_datum = max(e.datum for e in events)
    for e in events:
        if e.soort in DETAIL_SOORTEN:
            _detail(m, e.soort, e.datum, *(als_tekst(e.gegevens.get(k)) for k in DETAIL_SLEUTELS))
    return m


def als_tekst(waarde):
    """A payload value as SQL's `->>` gives it: text, JSON true/false in lower case."""
    if waarde is None or isinstance(waarde, str):
        return waarde
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    return str(waarde)


def met_persoonskenmerken(sel: Selectie, rijen: list[Mijlpalen]) -> list[Mijlpalen]:
    """Add sex and date of birth (current values) for the route-distribution tables."""
    from inburgering.dossiers.models import Dossier

    if all(m.geslacht for m in rijen):  # the projection read them already
        return rijen

    kenmerken = {
        pk: (geslacht, geboren)
        for pk, geslacht, geboren in Dossier.objects.filter(
            gemeente_id__in=sel.gemeente_ids
        ).values_list("pk", "inburgeraar__geslacht", "inburgeraar__geboortedatum")
    }
    for m in rijen:
        m.geslacht, m.geboortedatum = kenmerken.get(m.dossier_id, ("", None))
    return rijen


@contextmanager
def zonder_gc():
    """Pause the cyclic garbage collector (reference counting still frees everything)."""
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


# --- Statistics -------------------------------------------------------------------------------


def percentiel(waarden: list[int], p: float) -> int | None:
    """Nearest-rank percentile (as PostgreSQL's percentile_disc): the smallest value with at
    least p% of the values at or below it."""
    return _rang(sorted(waarden), p)


def _rang(geordend: list[int], p: float) -> int | None:
    if not geordend:
        return None
    return geordend[max(0, math.ceil(p / 100 * len(geordend)) - 1)]


def aandeel(teller: int, noemer: int) -> float | None:
    return round(100 * teller / noemer, 1) if noemer else None


@dataclass
class Spreiding:
    n: int
    mediaan: int | None
    p80: int | None
    p95: int | None

    @classmethod
    def van(cls, dagen: list[int]) -> Spreiding:
        geordend = sorted(dagen)
        return cls(len(dagen), _rang(geordend, 50), _rang(geordend, 80), _rang(geordend, 95))


def _dagen(a: dt.date | None, b: dt.date | None) -> int | None:
    if a is None or b is None or b < a:
        return None
    return (b - a).days


# --- Indicators -------------------------------------------------------------------------------


def _kolommen(rijen: list[Mijlpalen], namen: list[str]) -> dict[str, list]:
    """Columns of the given fields, each read in one C-level pass over the rows."""
    return {naam: list(map(attrgetter(naam), rijen)) for naam in namen}


def funnel(rijen: list[Mijlpalen]) -> list[tuple[str, int]]:
    kolommen = _kolommen(rijen, FUNNEL)
    return [(fase, len(rijen) - kolommen[fase].count(None)) for fase in FUNNEL]


def doorlooptijden(rijen: list[Mijlpalen]) -> list[tuple[str, str, Spreiding]]:
    """Days between two stages, for dossiers that reached both (in this order)."""
    kolommen = _kolommen(rijen, sorted({fase for stap in STAPPEN for fase in stap}))
    resultaat = []
    for van, naar in STAPPEN:
        dagen = [
            (b - a).days
            for a, b in zip(kolommen[van], kolommen[naar], strict=True)
            if a is not None and b is not None and b >= a
        ]
        resultaat.append((van, naar, Spreiding.van(dagen)))
    return resultaat


@dataclass
class PipTermijn:
    binnen: int = 0
    te_laat: int = 0
    zonder_termijn: int = 0
    open_verlopen: int = 0
    open_lopend: int = 0

    @property
    def aandeel_binnen(self) -> float | None:
        return aandeel(self.binnen, self.binnen + self.te_laat)


def pip_termijn(rijen: list[Mijlpalen], peildatum: dt.date) -> PipTermijn:
    """PIPs set on or before the legal deadline (Besluit 5.3, via the rules package), and open
    dossiers whose deadline has passed without a PIP."""
    t = PipTermijn()
    for m in rijen:
        deadline = m.pip_deadline
        if m.pip:
            if deadline is None:
                t.zonder_termijn += 1
            elif m.pip <= deadline:
                t.binnen += 1
            else:
                t.te_laat += 1
        elif not m.afgesloten and deadline is not None:
            if deadline < peildatum:
                t.open_verlopen += 1
            else:
                t.open_lopend += 1
    return t


def pip_termijn_per(rijen: list[Mijlpalen], peildatum: dt.date, sleutel) -> dict:
    groepen = defaultdict(list)
    for m in rijen:
        groepen[sleutel(m)].append(m)
    return {k: pip_termijn(v, peildatum) for k, v in groepen.items()}


def redenen_vertraging(rijen: list[Mijlpalen], peildatum: dt.date) -> Counter:
    """What late dossiers (PIP after the deadline, or deadline passed without PIP) waited for."""
    teller: Counter = Counter()
    for m in rijen:
        deadline = m.pip_deadline
        if deadline is None:
            continue
        te_laat = m.pip and m.pip > deadline
        verlopen = not m.pip and not m.afgesloten and deadline < peildatum
        if te_laat or verlopen:
            for reden in set(m.wachtredenen) or {""}:
                teller[reden] += 1
    return teller


def wachttijd_aanbieder(rijen: list[Mijlpalen]) -> dict[tuple[str, str], Spreiding]:
    """Days from registration at the cursusinstelling to the start of the route."""
    groepen = defaultdict(list)
    for m in rijen:
        if (d := _dagen(m.aangemeld, m.route_start)) is not None:
            groepen[(m.cursusinstelling, m.leerroute)].append(d)
    return {k: Spreiding.van(v) for k, v in sorted(groepen.items())}


def lbt_tabel1(rijen: list[Mijlpalen]) -> dict[str, dict[str, int]]:
    """Seed 004 Table 1: LBT score band x route (latest LBT, latest PIP's route)."""
    tabel = {b: dict.fromkeys(ROUTES, 0) for b in BANDEN}
    for m in rijen:
        if m.lbt_score is not None:
            tabel[band(m.lbt_score)][m.leerroute if m.leerroute in _WET_ROUTE else ""] += 1
    return tabel


def lbt_tabel2(rijen: list[Mijlpalen]) -> dict[str, tuple[int, int]]:
    """Seed 004 Table 2: per route, placed in line with the LBT and against it."""
    tabel = {r: [0, 0] for r in ROUTES[:3]}
    for m in rijen:
        if m.lbt_score is None or m.leerroute not in _WET_ROUTE:
            continue
        if m.conform:
            tabel[m.leerroute][0] += 1
        else:
            tabel[m.leerroute][1] += 1
    return {r: (c, t) for r, (c, t) in tabel.items()}


def lbt_tabel2_per(rijen: list[Mijlpalen], sleutel) -> dict:
    groepen = defaultdict(list)
    for m in rijen:
        if m.lbt_score is not None:
            groepen[sleutel(m)].append(m)
    return {k: lbt_tabel2(v) for k, v in sorted(groepen.items(), key=lambda kv: str(kv[0]))}


def routes(rijen: list[Mijlpalen]) -> dict[tuple[str, str], int]:
    """Route (latest PIP) per doelgroep."""
    teller: Counter = Counter()
    for m in rijen:
        if m.pip:
            teller[(m.doelgroep, m.leerroute)] += 1
    return dict(teller)


#: Age groups for reporting (a convention of this product, not law): (label, lowest age).
LEEFTIJDSGROEPEN = [("<18", 0), ("18-26", 18), ("27-39", 27), ("40-54", 40), ("55+", 55)]


def leeftijd(geboortedatum: dt.date, peildatum: dt.date) -> int:
    """Completed years on the peildatum (someone born on 29 February turns a year older on
    1 March in non-leap years)."""
    return (
        peildatum.year
        - geboortedatum.year
        - ((peildatum.month, peildatum.day) < (geboortedatum.month, geboortedatum.day))
    )


@lru_cache(maxsize=100_000)
def leeftijdsgroep(geboortedatum: dt.date | None, peildatum: dt.date) -> str:
    if geboortedatum is None:
        return ""
    jaren = leeftijd(geboortedatum, peildatum)
    return next(label for label, vanaf in reversed(LEEFTIJDSGROEPEN) if jaren >= vanaf)


def routes_per(rijen: list[Mijlpalen], sleutel) -> dict[tuple[str, str, str], int]:
    """Route (latest PIP) per (doelgroep, sleutel(m)), for dossiers with a PIP."""
    teller: Counter = Counter()
    for m in rijen:
        if m.pip:
            teller[(m.doelgroep, sleutel(m), m.leerroute)] += 1
    return dict(teller)


# --- Termijn at risk (item 4) -------------------------------------------------------------------

#: Bands by the end of the termijn relative to the peildatum.
RISICO_VERSTREKEN = "verstreken"
RISICO_6 = "6"
RISICO_12 = "12"
RISICO_BANDEN = [RISICO_VERSTREKEN, RISICO_6, RISICO_12]
#: Why the progress check failed.
NIET_GESTART = "niet_gestart"
B1_ZONDER_EXAMEN = "b1_zonder_examen"


@dataclass
class TermijnRisico:
    mijlpalen: Mijlpalen
    band: str
    reden: str
    einde: dt.date
    bron: str


def termijn_risico(rijen: list[Mijlpalen], peildatum: dt.date) -> list[TermijnRisico]:
    """Open dossiers whose inburgeringstermijn ends within 12 months of the peildatum (or has
    already ended) and that show too little progress: no LEERROUTE_GESTART yet, or in the
    B1-route without any EXAMENRESULTAAT. Band "6": end on or before peildatum + 6 months;
    "12": after that, up to peildatum + 12 months; "verstreken": end before the peildatum."""
    zes, twaalf = plus_maanden(peildatum, 6), plus_maanden(peildatum, 12)
    resultaat = []
    for m in rijen:
        if m.afgesloten:
            continue
        einde, bron = m.termijn_einde
        if einde is None or einde > twaalf:
            continue
        if not m.route_start:
            reden = NIET_GESTART
        elif m.leerroute == "b1" and not m.examen:
            reden = B1_ZONDER_EXAMEN
        else:
            continue
        band = RISICO_VERSTREKEN if einde < peildatum else RISICO_6 if einde <= zes else RISICO_12
        resultaat.append(TermijnRisico(m, band, reden, einde, bron))
    return resultaat


def routewissels(rijen: list[Mijlpalen]) -> tuple[int, int]:
    """(dossiers with a changed route, number of changes) — schakelen and afschalen together."""
    return sum(1 for m in rijen if m.routewissels), sum(m.routewissels for m in rijen)


@dataclass
class Doelrealisatie:
    indicator: str
    teller: int | None
    noemer: int | None

    @property
    def percentage(self) -> float | None:
        return aandeel(self.teller, self.noemer) if self.noemer is not None else None


def doelen(rijen: list[Mijlpalen], peildatum: dt.date) -> dict[str, Doelrealisatie]:
    """Actuals for the local targets (`models.Indicator`). Only dossiers whose window has fully
    passed on the peildatum count (e.g. housed at least 3 months before)."""
    from .models import Indicator

    t = pip_termijn(rijen, peildatum)
    gestart = [m for m in rijen if m.huisvesting and plus_maanden(m.huisvesting, 3) <= peildatum]
    voldaan = [m for m in rijen if m.pip and plus_jaren(m.pip, 3) <= peildatum]
    return {
        Indicator.PIP_BINNEN_TERMIJN: Doelrealisatie(
            Indicator.PIP_BINNEN_TERMIJN, t.binnen, t.binnen + t.te_laat
        ),
        Indicator.GESTART_3M_NA_HUISVESTING: Doelrealisatie(
            Indicator.GESTART_3M_NA_HUISVESTING,
            sum(
                1
                for m in gestart
                if m.route_start and m.route_start <= plus_maanden(m.huisvesting, 3)
            ),
            len(gestart),
        ),
        Indicator.VOLDAAN_3J: Doelrealisatie(
            Indicator.VOLDAAN_3J,
            sum(
                1
                for m in voldaan
                if m.afsluitreden == Afsluitreden.VOLDAAN and m.afgesloten <= plus_jaren(m.pip, 3)
            ),
            len(voldaan),
        ),
        # The participation targets come from the outcome events: `uitkomsten.doelen`.
    }
