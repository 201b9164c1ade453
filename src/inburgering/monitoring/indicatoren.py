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

That gives one `Mijlpalen` per dossier; the milestones projection (`projectie.py`) stores the
same for today. Legal dates (the PIP deadline) and the LBT outcome and "conform" come from the
rules package (`inburgering.wet`), memoised on their inputs. The indicator tables at the end of
this module are SQL aggregates over the relation built from those rows (`relatie.py`). The
dossier's doelgroep and consulent used for filtering and grouping are the current ones, not
those on the peildatum.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Case, Count, F, Max, Min, Q, Sum, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.functional import cached_property  # no lock per first access (3.11)

from inburgering.dossiers import deadlines
from inburgering.dossiers.gebeurtenissen import REGISTER
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
from inburgering.wet.kalender import plus_maanden

from .sql import (
    Spreiding,
    aantallen,
    dagen,
    dagen_per_stap,
    groepen,
    histogram,
    optellen,
    rang,
    vast,
)

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
#: Score bands of the SZW evaluation (seed 004, Table 1): (band, highest score in it).
BAND_GRENZEN = [("<20", 19), ("20-27", 27), ("28-30", 30), (">30", None)]
BANDEN = [b for b, _hoogste in BAND_GRENZEN]
#: Route columns of Table 1; "" = not yet known.
ROUTES = ["b1", "onderwijs", "z", ""]
_WET_ROUTE = {"b1": Leerroute.B1, "onderwijs": Leerroute.ONDERWIJS, "z": Leerroute.Z}


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
    #: `met_persoonskenmerken` for rows from the log.
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


def events_in_selectie(sel: Selectie, dossiers=None):
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


@lru_cache(maxsize=1)
def mijlpaal_regels() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Milestones per dossier: (field, "min" | "max", event types), from the event-type registry
    (`dossiers.gebeurtenissen`, each type's `mijlpalen`). MAX where the fold keeps the latest
    date, MIN where a funnel stage means "first time". One table for the SQL aggregate over the
    log (`uit_log`) and the fold of one dossier's events (`mijlpalen_van`)."""
    regels: dict[tuple[str, str], list[str]] = {}
    for soort, type_ in sorted(REGISTER.items(), key=lambda paar: list(S).index(paar[0])):
        for veld, functie in type_.mijlpalen:
            regels.setdefault((veld, functie), []).append(soort)
    return tuple((veld, functie, tuple(soorten)) for (veld, functie), soorten in regels.items())


@lru_cache(maxsize=1)
def mijlpaal_aggregaten() -> dict:
    return {
        veld: (Min if functie == "min" else Max)("datum", filter=Q(soort__in=soorten))
        for veld, functie, soorten in mijlpaal_regels()
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
                # The relation is a temporary table (`relatie.py`), 40 MB for the whole country;
                # the default 8 MB of local buffers would spill it to disk. Takes effect only
                # before a session's first temporary table, and is allocated only as used.
                cursor.execute("SET LOCAL temp_buffers = '128MB'")
                # Connections run with random_page_cost 1.1 (dbinstellingen.py); the national
                # aggregates were tuned with PostgreSQL's default, and keep it.
                cursor.execute("SET LOCAL random_page_cost = 4")
                if len(sel.gemeente_ids) <= KLEINE_SELECTIE:
                    # A few thousand dossiers: starting parallel workers costs more than it saves.
                    cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
                    # PostgreSQL's default (4) models spinning disks and then prefers to scan
                    # all 150K rows over a few thousand index lookups in memory.
                    cursor.execute("SET LOCAL random_page_cost = 1.1")
        yield


def uit_log(sel: Selectie, dossiers=None) -> list[Mijlpalen]:
    """From the event log; `dossiers` (ids or a subquery of ids) narrows the selection."""
    events = events_in_selectie(sel, dossiers)
    per_dossier = events.values("dossier_id").annotate(
        gemeente_id=Max("dossier__gemeente_id"),
        doelgroep=Max("dossier__doelgroep"),
        consulent_id=Max("dossier__consulent_id"),
        **mijlpaal_aggregaten(),
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
    for veld, functie, soorten in mijlpaal_regels():
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
    return rang(Counter(waarden), len(waarden), p)


def aandeel(teller: int, noemer: int) -> float | None:
    return round(100 * teller / noemer, 1) if noemer else None


# --- Indicators: SQL aggregates over the relation (`relatie.Relatie`) ---------------------------
# Each function takes the relation `r` (the selection's rows in the temporary table of this
# computation, and `r.peildatum`); the statements are `sql.vast`: built from the peildatum only.
# Grouping by the dossier's doelgroep, gemeente or consulent, or by the person's sex or age,
# uses their current values (`kolommen.GROEPEN`).


def relatie_rijen():
    """Every row of the relation (the temporary table holds only the selection)."""
    from .models import MijlpalenPeil

    return MijlpalenPeil.objects.all()


def tellingen(peildatum: dt.date) -> dict:
    """The counts of this module's tables that add up over gemeenten: `Relatie.per_gemeente`
    computes them per gemeente, together with those of `uitkomsten`, in one scan, and
    `Relatie.totalen` adds them up."""
    return {
        "dossiers": Count("pk"),
        **{f"fase_{fase}": Count(fase) for fase in FUNNEL},
        **{f"pip_{k}": telling for k, telling in _pip_termijn_tellingen(peildatum).items()},
        "gewisseld": Count("pk", filter=Q(routewissels__gt=0)),
        "wissels": Coalesce(Sum("routewissels"), 0),
        **doel_tellingen(peildatum),
    }


def funnel(r) -> tuple[int, list[tuple[str, int]]]:
    """(dossiers in the selection, [(stage, dossiers that reached it)])."""
    return r.totalen["dossiers"], [(fase, r.totalen[f"fase_{fase}"]) for fase in FUNNEL]


@vast
def _doorlooptijden():
    return dagen_per_stap(relatie_rijen(), STAPPEN)


def doorlooptijden(r) -> list[tuple[str, str, Spreiding]]:
    """Days between two stages, for dossiers that reached both (in this order)."""
    per = histogram(_doorlooptijden())
    return [
        (van, naar, Spreiding.uit_histogram(per.get((i,), Counter())))
        for i, (van, naar) in enumerate(STAPPEN)
    ]


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


def _pip_termijn_tellingen(peildatum: dt.date) -> dict:
    """PIPs set on or before the legal deadline (Besluit 5.3; `pip_deadline` comes from the
    rules package, see `kolommen.kolommen`), and open dossiers whose deadline has passed."""
    deadline = Q(pip_deadline__isnull=False)
    open_ = deadline & Q(pip__isnull=True, afgesloten__isnull=True)
    return {
        "binnen": Count("pk", filter=deadline & Q(pip__lte=F("pip_deadline"))),
        "te_laat": Count("pk", filter=deadline & Q(pip__gt=F("pip_deadline"))),
        "zonder_termijn": Count("pk", filter=Q(pip__isnull=False, pip_deadline__isnull=True)),
        "open_verlopen": Count("pk", filter=open_ & Q(pip_deadline__lt=peildatum)),
        "open_lopend": Count("pk", filter=open_ & Q(pip_deadline__gte=peildatum)),
    }


def _pip_termijn_uit(telling: dict) -> PipTermijn:
    return PipTermijn(**{veld.name: telling[f"pip_{veld.name}"] for veld in fields(PipTermijn)})


def pip_termijn(r) -> PipTermijn:
    return _pip_termijn_uit(r.totalen)


def pip_termijn_per_gemeente(r) -> dict[int, PipTermijn]:
    return {gemeente: _pip_termijn_uit(telling) for gemeente, telling in r.per_gemeente.items()}


@vast
def _redenen_vertraging(peildatum: dt.date):
    te_laat = Q(pip_deadline__isnull=False) & (
        Q(pip__gt=F("pip_deadline"))
        | Q(pip__isnull=True, afgesloten__isnull=True, pip_deadline__lt=peildatum)
    )
    return groepen(relatie_rijen().filter(te_laat), "wachtredenen")


def redenen_vertraging(r) -> Counter:
    """What late dossiers (PIP after the deadline, or deadline passed without PIP) waited for."""
    teller: Counter = Counter()
    for redenen, n in _redenen_vertraging(r.peildatum):
        for reden in set(redenen.split(",")) if redenen else {""}:
            teller[reden] += n
    return teller


@vast
def _wachttijd_aanbieder():
    return dagen(relatie_rijen(), "aangemeld", "route_start", "cursusinstelling", "leerroute")


def wachttijd_aanbieder(r) -> dict[tuple[str, str], Spreiding]:
    """Days from registration at the cursusinstelling to the start of the route."""
    per = histogram(_wachttijd_aanbieder())
    return {k: Spreiding.uit_histogram(v) for k, v in sorted(per.items())}


def _band() -> Case:
    """The score band (`BAND_GRENZEN`) of the row's LBT score."""
    *begrensd, (hoogste_band, _geen) = BAND_GRENZEN
    return Case(
        *[When(lbt_score__lte=hoogste, then=Value(b)) for b, hoogste in begrensd],
        default=Value(hoogste_band),
    )


@vast
def _lbt():
    met_score = relatie_rijen().filter(lbt_score__isnull=False)
    return groepen(met_score, "gemeente_id", _band(), "leerroute", "conform")


def lbt(r) -> dict[tuple, int]:
    """Dossiers with an LBT score per (gemeente, score band, route, conform): the one scan
    behind Tables 1 and 2 and Table 2 per gemeente (`Relatie.lbt`)."""
    return aantallen(_lbt())


@vast
def _lbt_consulent_jaar():
    met_score = relatie_rijen().filter(lbt_score__isnull=False)
    consulent = Coalesce("consulent_id", 0)
    return groepen(met_score, consulent, ExtractYear("lbt"), "leerroute", "conform")


def lbt_consulent_jaar(r) -> dict[tuple, int]:
    """The same per (consulent or 0, year of the test, route, conform)."""
    return aantallen(_lbt_consulent_jaar())


def lbt_tabel1(r) -> dict[str, dict[str, int]]:
    """Seed 004 Table 1: LBT score band x route (latest LBT, latest PIP's route)."""
    tabel = {b: dict.fromkeys(ROUTES, 0) for b in BANDEN}
    for (score_band, route), n in optellen(r.lbt, 1, 2).items():
        tabel[score_band][route if route in _WET_ROUTE else ""] += n
    return tabel


def lbt_tabel2(r) -> dict[str, tuple[int, int]]:
    """Seed 004 Table 2: per route, placed in line with the LBT and against it."""
    per = _tabel2({("", *sleutel): n for sleutel, n in optellen(r.lbt, 2, 3).items()})
    return per.get("", {route: (0, 0) for route in ROUTES[:3]})


def lbt_tabel2_per_gemeente(r) -> dict:
    return _tabel2(optellen(r.lbt, 0, 2, 3))


def lbt_tabel2_per_consulent(r) -> dict:
    return _tabel2(optellen(r.lbt_consulent_jaar, 0, 2, 3))


def lbt_tabel2_per_jaar(r) -> dict:
    return _tabel2(optellen(r.lbt_consulent_jaar, 1, 2, 3))


def _tabel2(aantallen_per: dict[tuple, int]) -> dict:
    """{(group, route, conform): dossiers} as Table 2 per group. Conform comes from the rules
    package (`conform` column); without a route a dossier is not counted."""
    per: dict = {}
    for (sleutel, route, is_conform), n in aantallen_per.items():
        tabel = per.setdefault(sleutel, {x: [0, 0] for x in ROUTES[:3]})
        if route in _WET_ROUTE:
            tabel[route][0 if is_conform else 1] += n
    return {
        k: {route: (c, s) for route, (c, s) in tabel.items()}
        for k, tabel in sorted(per.items(), key=lambda kv: str(kv[0]))
    }


@vast
def _routes_persoon(peildatum: dt.date):
    leeftijd = leeftijdsgroep_sql("geboortedatum", peildatum)
    met_pip = relatie_rijen().filter(pip__isnull=False)
    return groepen(met_pip, "doelgroep", "geslacht", leeftijd, "leerroute")


def routes_persoon(r) -> dict[tuple[str, str, str, str], int]:
    """Dossiers with a PIP per (doelgroep, sex, age group on the peildatum, route of the latest
    PIP): the one scan behind the route tables (`Relatie.routes`)."""
    return aantallen(_routes_persoon(r.peildatum))


def routes(r) -> dict[tuple[str, str], int]:
    """Route (latest PIP) per doelgroep."""
    return dict(optellen(r.routes, 0, 3))


def routes_geslacht(r) -> dict[tuple[str, str, str], int]:
    return dict(optellen(r.routes, 0, 1, 3))


def routes_leeftijd(r) -> dict[tuple[str, str, str], int]:
    return dict(optellen(r.routes, 0, 2, 3))


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


def geboren_uiterlijk(peildatum: dt.date, jaren: int) -> dt.date:
    """The latest date of birth with `leeftijd` at least `jaren` on the peildatum: the same
    (month, day) that many years earlier, or 28 February for 29 February in a non-leap year."""
    jaar = peildatum.year - jaren
    try:
        return peildatum.replace(year=jaar)
    except ValueError:
        return dt.date(jaar, 2, 28)


def leeftijdsgroep_sql(geboortedatum: str, peildatum: dt.date) -> Case:
    """`leeftijdsgroep` of the field, in SQL (born on or before `geboren_uiterlijk`)."""
    return Case(
        *[
            When(**{f"{geboortedatum}__lte": geboren_uiterlijk(peildatum, vanaf)}, then=Value(g))
            for g, vanaf in reversed(LEEFTIJDSGROEPEN)
        ],
        default=Value(""),
    )


# --- Termijn at risk (item 4) -------------------------------------------------------------------

#: Bands by the end of the termijn relative to the peildatum.
RISICO_VERSTREKEN = "verstreken"
RISICO_6 = "6"
RISICO_12 = "12"
RISICO_BANDEN = [RISICO_VERSTREKEN, RISICO_6, RISICO_12]
#: Why the progress check failed.
NIET_GESTART = "niet_gestart"
B1_ZONDER_EXAMEN = "b1_zonder_examen"


def termijn_risico(rijen, peildatum: dt.date):
    """Open dossiers whose inburgeringstermijn (`termijn_einde`: DUO's end date, else the rules
    package from the first PIP) ends within 12 months of the peildatum (or has already ended)
    and that show too little progress: no LEERROUTE_GESTART yet, or in the B1-route without any
    EXAMENRESULTAAT. Band "6": end on or before peildatum + 6 months; "12": after that, up to
    peildatum + 12 months; "verstreken": end before the peildatum. The rows get `band` and
    `reden`."""
    peil = peildatum
    zes, twaalf = plus_maanden(peil, 6), plus_maanden(peil, 12)
    return (
        rijen.filter(afgesloten__isnull=True, termijn_einde__lte=twaalf)
        .filter(Q(route_start__isnull=True) | Q(leerroute="b1", examen__isnull=True))
        .annotate(
            band=Case(
                When(termijn_einde__lt=peil, then=Value(RISICO_VERSTREKEN)),
                When(termijn_einde__lte=zes, then=Value(RISICO_6)),
                default=Value(RISICO_12),
            ),
            reden=Case(
                When(route_start__isnull=True, then=Value(NIET_GESTART)),
                default=Value(B1_ZONDER_EXAMEN),
            ),
        )
    )


@vast
def _termijn_risico_telling(peildatum: dt.date):
    risico = termijn_risico(relatie_rijen(), peildatum)
    return groepen(risico, "band", "reden", "termijn_bron")


def termijn_risico_telling(r) -> dict[tuple[str, str, str], int]:
    """Dossiers per (band, reden, source of the end date) of `termijn_risico`."""
    return aantallen(_termijn_risico_telling(r.peildatum))


@dataclass
class TermijnRisico:
    dossier_id: int
    band: str
    reden: str
    einde: dt.date
    bron: str
    leerroute: str
    pip: dt.date | None


def termijn_risico_lijst(r, band: str = "") -> list[TermijnRisico]:
    """The dossiers of `termijn_risico` (of one band, if given)."""
    risico = termijn_risico(r.rijen, r.peildatum)
    if band:
        risico = risico.filter(band=band)
    velden = ["dossier_id", "band", "reden", "termijn_einde", "termijn_bron", "leerroute", "pip"]
    return [TermijnRisico(*waarden) for waarden in risico.values_list(*velden)]


def routewissels(r) -> tuple[int, int]:
    """(dossiers with a changed route, number of changes) — schakelen and afschalen together."""
    return r.totalen["gewisseld"], r.totalen["wissels"]


@dataclass
class Doelrealisatie:
    indicator: str
    teller: int | None
    noemer: int | None

    @property
    def percentage(self) -> float | None:
        return aandeel(self.teller, self.noemer) if self.noemer is not None else None


def doel_tellingen(peildatum: dt.date) -> dict:
    """Counts for the local targets (`models.Indicator`) as `<indicator>__teller/__noemer`.
    Only dossiers whose window has fully passed on the peildatum count (e.g. housed at least 3
    months before); the window ends are in the row (`kolommen.kolommen`)."""
    from .models import Indicator

    met_pip_termijn = Q(pip__isnull=False, pip_deadline__isnull=False)
    gestart = Q(huisvesting_3m__lte=peildatum)
    drie_jaar = Q(pip_3j__lte=peildatum)
    return {
        f"{Indicator.PIP_BINNEN_TERMIJN}__teller": Count(
            "pk", filter=met_pip_termijn & Q(pip__lte=F("pip_deadline"))
        ),
        f"{Indicator.PIP_BINNEN_TERMIJN}__noemer": Count("pk", filter=met_pip_termijn),
        f"{Indicator.GESTART_3M_NA_HUISVESTING}__teller": Count(
            "pk", filter=gestart & Q(route_start__lte=F("huisvesting_3m"))
        ),
        f"{Indicator.GESTART_3M_NA_HUISVESTING}__noemer": Count("pk", filter=gestart),
        f"{Indicator.VOLDAAN_3J}__teller": Count(
            "pk",
            filter=drie_jaar & Q(afsluitreden=Afsluitreden.VOLDAAN, afgesloten__lte=F("pip_3j")),
        ),
        f"{Indicator.VOLDAAN_3J}__noemer": Count("pk", filter=drie_jaar),
        # The participation targets come from the outcome events: `uitkomsten.doel_tellingen`.
    }


def doelen_per_gemeente(r) -> dict[int, dict[str, Doelrealisatie]]:
    """gemeente -> {indicator: Doelrealisatie}, from this module's and `uitkomsten`'s
    `doel_tellingen` (in `Relatie.per_gemeente`)."""
    from .models import Indicator

    return {
        gemeente: {
            i: Doelrealisatie(i, telling[f"{i}__teller"], telling[f"{i}__noemer"])
            for i in Indicator
        }
        for gemeente, telling in r.per_gemeente.items()
    }
