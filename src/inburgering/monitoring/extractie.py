"""Extraction from the event log: per dossier its milestones on a peildatum (`Mijlpalen`), for
a `Selectie`, reproducible for any peildatum (and, optionally, as known at `bekend_op`).

Exactly the events the fold (`dossiers.toestand.bereken_toestand`) would use count here too —
events with `datum <= peildatum` (and `geregistreerd_op <= bekend_op`), without `intrekking`
events and without events a correction (or withdrawal) superseded. A dossier without any such
event did not exist on the peildatum and is left out.

Two queries do the work, both in SQL over the event table (on PostgreSQL with JIT off and a
larger work_mem):

1. one aggregate per dossier (GROUP BY dossier) with `MIN/MAX(datum) FILTER (WHERE soort = ...)`
   for every milestone of the funnel (`mijlpaal_regels`, from the event-type registry);
2. the few events whose payload matters (LBT score, leerroute of each PIP, reason of closing,
   cursusinstelling, waiting reasons: the types registered with a `detail`, `detail_regels`),
   flat and in fold order, payload keys read in SQL and applied by each type's `Bijdrage`.

`mijlpalen_van` folds one dossier's events in memory the same way (the projection's writer,
`projectie.py`, which stores the same rows for today). Legal dates (the PIP deadline) and the
LBT outcome and "conform" come from the rules package (`inburgering.wet`), memoised on their
inputs. The indicator tables over these rows are in `indicatoren.py`.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Max, Min, Q
from django.db.models.fields.json import KT
from django.utils.functional import cached_property  # no lock per first access (3.11)

from inburgering.dossiers import deadlines
from inburgering.dossiers.gebeurtenissen import REGISTER, Bijdrage
from inburgering.dossiers.models import DossierEvent
from inburgering.dossiers.toestand import DossierToestand, geldige_events
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.wet import (
    Leerroute,
    inburgeringstermijn,
    lbt_cesuur,
    lbt_uitkomst,
    route_conform_lbt,
)

from .definities import in_cohort

S = Soort

WET_ROUTE = {"b1": Leerroute.B1, "onderwijs": Leerroute.ONDERWIJS, "z": Leerroute.Z}


@dataclass(frozen=True)
class Selectie:
    """Which dossiers and which moment. `van`/`tot` select the cohort by its cohort date
    (`definities`: DUO's kennisgeving or the first signal, `cohortbasis`)."""

    gemeente_ids: tuple[int, ...]
    peildatum: dt.date
    van: dt.date | None = None
    tot: dt.date | None = None
    doelgroep: str = ""
    consulent_id: int | None = None
    bekend_op: dt.datetime | None = None
    #: Count "conform the LBT" with the cut-off of 28 for every test, as the SZW evaluation did
    #: (`CESUUR_EVALUATIE`), instead of the cut-off in force on the test date.
    cesuur_evaluatie: bool = False
    #: Which dossiers count (`definities.Populatie`). The dashboard's default is "plichtig"
    #: (inburgeringsplichtig on the peildatum, as DUO counts); code that builds a selection
    #: itself (the CBS delivery, the projection) gets every dossier.
    populatie: str = "alle"
    #: The date `van`/`tot` and the cohort year select on (`definities.Cohortbasis`).
    cohortbasis: str = "kennisgeving"


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
    #: The dossier's regime (current value), for the population (`definities`).
    regime: str = ""

    @cached_property
    def conform(self) -> bool | None:
        """Route follows the LBT (SZW definition, `wet.route_conform_lbt`); None without both."""
        if self.lbt_score is None or self.leerroute not in WET_ROUTE:
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
        if self.regime == "wi2013":  # the old law has no PIP (Wi 2021 art. 54 lid 1)
            return None
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
    return route_conform_lbt(haalbaar, WET_ROUTE[leerroute]).waarde


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


@dataclass(frozen=True)
class Detailregels:
    """The event types whose payload feeds the monitoring row, from the registry (each type's
    `detail`): the types, the union of the payload keys they read (one SQL query extracts them
    all as text) and per type its `Bijdrage`."""

    soorten: tuple[str, ...]
    sleutels: tuple[str, ...]
    per_soort: dict[str, Bijdrage]


@lru_cache(maxsize=1)
def detail_regels() -> Detailregels:
    per_soort: dict[str, Bijdrage] = {}
    sleutels: dict[str, None] = {}
    for soort, type_ in sorted(REGISTER.items(), key=lambda paar: list(S).index(paar[0])):
        if type_.detail is not None:
            per_soort[soort] = type_.detail
            sleutels.update(dict.fromkeys(type_.detail.sleutels))
    return Detailregels(tuple(per_soort), tuple(sleutels), per_soort)


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
        regime=Max("dossier__regime"),
        **mijlpaal_aggregaten(),
    )
    result: dict[int, Mijlpalen] = {}
    for rij in per_dossier.order_by():
        m = Mijlpalen(**rij)
        if in_cohort(sel, m):
            result[m.dossier_id] = m
    regels = detail_regels()
    details = (
        events.filter(soort__in=regels.soorten)
        .order_by("datum", "id")
        .values_list(
            "dossier_id", "soort", "datum", *(KT(f"gegevens__{k}") for k in regels.sleutels)
        )
    )
    per_soort, sleutels = regels.per_soort, regels.sleutels
    for dossier_id, soort, datum, *gegevens in details:
        m = result.get(dossier_id)
        if m is not None:
            per_soort[soort].pas_toe(m, datum, dict(zip(sleutels, gegevens, strict=True)))
    return list(result.values())


def mijlpalen_van(dossier, events, peildatum: dt.date | None = None) -> Mijlpalen | None:
    """What `uit_log` gives for one dossier over its whole log (or on `peildatum`), folded from
    its events in memory (the writers' updates: `projectie.bijwerken`, `stand.bijwerken`).
    None without events. As in `events_in_selectie`, a correction recorded after the peildatum
    still removes the event it supersedes."""
    events = geldige_events(events)
    if peildatum is not None:
        events = [e for e in events if e.datum <= peildatum]
    if not events:
        return None
    m = Mijlpalen(dossier.pk, dossier.gemeente_id, dossier.doelgroep, dossier.consulent_id)
    m.regime = dossier.regime
    for veld, functie, soorten in mijlpaal_regels():
        datums = [e.datum for e in events if e.soort in soorten]
        if datums:
            setattr(m, veld, min(datums) if functie == "min" else max(datums))
    m.laatste_datum = max(e.datum for e in events)
    per_soort = detail_regels().per_soort
    for e in events:
        bijdrage = per_soort.get(e.soort)
        if bijdrage is not None:
            gegevens = e.gegevens or {}
            bijdrage.pas_toe(m, e.datum, {k: als_tekst(gegevens.get(k)) for k in bijdrage.sleutels})
    return m


def als_tekst(waarde: object) -> str | None:
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
