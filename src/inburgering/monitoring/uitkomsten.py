"""Outcomes (issue 6, item 5) and dual activities (item 3), reproducible for any peildatum.

The events are selected exactly as in `indicatoren` (its `_events`: `datum <= peildatum`,
optional `bekend_op`, no withdrawals, nothing a correction superseded) for the dossiers in
`indicatoren.mijlpalen` (so the cohort, doelgroep and consulent filters apply too). One flat
query reads the payloads of the outcome events; the rest is counting in Python.

Definitions (reporting conventions of this product, not law; see docs/architecture.md):

* **Cohort** of "plicht voldaan binnen de termijn": the calendar year of DUO's kennisgeving
  (the start of the inburgeringsplicht, as CBS's SWI cohorts); without a kennisgeving (a move or
  an import) the year of the first signal.
* **End of the termijn**: `Mijlpalen.termijn_einde` (DUO's end date incl. extensions, else the
  rules package from the first PIP), as for "termijn in gevaar". Voldaan on or before that day
  counts as within; voldaan before any termijn ran (no PIP) counts as within too.
* **Follow-up moments** 6, 12, 24 months after the first start of the leerroute; a moment is
  due as defined in `dossiers.uitkomsten.moment_verwacht`. Measured = a counting
  `participatie_gemeten` for that moment on or before the peildatum (the latest one counts).
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
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models.fields.json import KT

from inburgering.dossiers.toestand import geldige_events
from inburgering.dossiers.uitkomsten import (
    MOMENTEN,
    PARTICIPEREND,
    DualeActiviteit,
    Participatiestatus,
    moment_verwacht,
)
from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.wet.kalender import plus_jaren

from . import indicatoren as ind

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

    def als_json(self) -> dict:
        """For the milestones projection (`projectie.py`)."""
        return {
            "metingen": {m: [d.isoformat(), sorted(s)] for m, (d, s) in self.metingen.items()},
            "kosten": self.kosten,
            "duaal": sorted(self.duaal),
            "examens": self.examens,
        }

    @classmethod
    def van_json(cls, data: dict) -> Uitkomst:
        return cls(
            {
                int(m): (dt.date.fromisoformat(d), frozenset(s))
                for m, (d, s) in data["metingen"].items()
            },
            [(post, cents) for post, cents in data["kosten"]],
            set(data["duaal"]),
            [(onderdeel, uitslag) for onderdeel, uitslag in data["examens"]],
        )


#: What a dossier without outcome events reads (shared; never modified).
GEEN = Uitkomst()


def mijlpalen_en_uitkomsten(sel: ind.Selectie) -> tuple[list[ind.Mijlpalen], dict[int, Uitkomst]]:
    """The selection's milestones (`indicatoren.mijlpalen`) and their outcomes on the peildatum.
    Dossiers without any outcome event are absent from the dict: read it with
    `.get(dossier_id, GEEN)`. From today on both come from the milestones projection in one
    read (it stores `uit_log` per dossier), otherwise from the log."""
    from . import projectie

    if not sel.gemeente_ids:
        return [], {}
    with ind.sql_instellingen(sel):
        if projectie.bruikbaar(sel):
            return projectie.lees_met_uitkomsten(sel)
        rijen = ind.uit_log(sel)
        return rijen, uit_log(sel, rijen)


def uit_log(sel: ind.Selectie, rijen: list[ind.Mijlpalen], dossiers=None) -> dict[int, Uitkomst]:
    """The outcome events of the dossiers in `rijen`, folded in order (`dossiers`: ids or a
    subquery of ids narrowing the event query)."""
    in_rijen = {m.dossier_id for m in rijen}
    uitkomsten: dict[int, Uitkomst] = {}
    if not in_rijen:
        return uitkomsten
    events = (
        ind._events(sel, dossiers)
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
        _pas_toe(u, soort, datum, *gegevens)
    return uitkomsten


#: Payload keys read by `_pas_toe`, in its argument order; as text (KT) except the status list.
_SLEUTELS = ["moment", "status", "post", "bedrag_cents", "activiteit", "resultaat", "onderdeel"]
_GEGEVENS = [f"gegevens__{k}" if k == "status" else KT(f"gegevens__{k}") for k in _SLEUTELS]


def _pas_toe(u: Uitkomst, soort, datum, moment, status, post, cents, activiteit, uitslag, deel):
    """Apply one outcome event (in fold order)."""
    if soort == S.PARTICIPATIE_GEMETEN and str(moment or "").isdigit():
        u.metingen[int(moment)] = (datum, frozenset(status or []))
    elif soort == S.KOSTEN_GEREGISTREERD:
        u.kosten.append((post or "overig", int(cents or 0)))
    elif soort == S.DUALE_ACTIVITEIT_GESTART:
        u.duaal.add(activiteit or "")
    elif soort == S.DUALE_ACTIVITEIT_BEEINDIGD:
        u.duaal.discard(activiteit or "")
    elif soort == S.EXAMENRESULTAAT and (
        uitkomst := _UITSLAG.get(str(uitslag or "").strip().lower())
    ):
        u.examens.append((deel or "", uitkomst))


def uitkomst_van(events) -> Uitkomst | None:
    """What `uit_log` gives for one dossier over its whole log, folded from its events in
    memory (the writer's projection update). None without outcome events."""
    u = None
    for e in geldige_events(events):
        if e.soort in UITKOMST_SOORTEN:
            u = u or Uitkomst()
            g = e.gegevens
            waarden = [g.get(k) if k == "status" else ind.als_tekst(g.get(k)) for k in _SLEUTELS]
            _pas_toe(u, e.soort, e.datum, *waarden)
    return u


# --- Plicht voldaan within the termijn, per cohort ----------------------------------------------


def cohort(m: ind.Mijlpalen) -> int | None:
    begin = m.kennisgeving or m.signaal
    return begin.year if begin else None


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
        return ind.aandeel(self.binnen, self.binnen + self.na + self.verstreken)


def plicht_per_cohort(rijen: list[ind.Mijlpalen], peildatum: dt.date) -> dict:
    per: dict[int | None, PlichtCohort] = defaultdict(PlichtCohort)
    for m in rijen:
        c = per[cohort(m)]
        einde, _bron = m.termijn_einde
        if m.afgesloten:
            if m.afsluitreden != Afsluitreden.VOLDAAN:
                c.anders += 1
            elif einde is None or m.afgesloten <= einde:
                c.binnen += 1
            else:
                c.na += 1
        elif einde is None:
            c.geen_termijn += 1
        elif einde < peildatum:
            c.verstreken += 1
        else:
            c.lopend += 1
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
        return ind.aandeel(self.behaald, self.uitslagen)


def examens(rijen, uitkomsten: dict[int, Uitkomst], sleutel=lambda m: "") -> dict:
    """(sleutel(m), onderdeel) -> Examens."""
    per: dict[tuple, Examens] = defaultdict(Examens)
    for m in rijen:
        u = uitkomsten.get(m.dossier_id)
        if u is None:
            continue
        behaald = set()
        for onderdeel, uitslag in u.examens:
            e = per[(sleutel(m), onderdeel)]
            if uitslag == BEHAALD:
                e.behaald += 1
                behaald.add(onderdeel)
            else:
                e.niet_behaald += 1
        for onderdeel in behaald:
            per[(sleutel(m), onderdeel)].dossiers_behaald += 1
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
        return ind.aandeel(self.status[status], self.gemeten)


def participatie(rijen, uitkomsten, peildatum: dt.date, sleutel=lambda m: "") -> dict:
    """(sleutel(m), moment) -> Participatie. A dossier counts for a moment when the moment is
    due on the peildatum or was measured already (a measurement up to a month early)."""
    per: dict[tuple, Participatie] = defaultdict(Participatie)
    for m in rijen:
        u = uitkomsten.get(m.dossier_id, GEEN)
        if m.route_start is None and not u.metingen:
            continue
        for moment in MOMENTEN:
            meting = u.metingen.get(moment)
            verwacht = moment_verwacht(
                m.route_start, moment, peildatum, m.afgesloten, m.afsluitreden
            )
            if not (verwacht or meting):
                continue
            p = per[(sleutel(m), moment)]
            p.verwacht += 1
            if meting:
                p.gemeten += 1
                p.status.update(meting[1])
    return dict(per)


STATUSSEN = list(Participatiestatus.values)


# --- Costs ----------------------------------------------------------------------------------------


@dataclass
class Kosten:
    dossiers: int = 0
    totaal_cents: int = 0
    per_dossier: list[int] = field(default_factory=list)

    def __add__(self, ander: Kosten) -> Kosten:
        return Kosten(
            self.dossiers + ander.dossiers,
            self.totaal_cents + ander.totaal_cents,
            self.per_dossier + ander.per_dossier,
        )

    @property
    def gemiddeld_cents(self) -> float | None:
        return self.totaal_cents / self.dossiers if self.dossiers else None

    @property
    def mediaan_cents(self) -> int | None:
        return ind.percentiel(self.per_dossier, 50)


def kosten_per(rijen, uitkomsten, sleutel) -> dict:
    """sleutel(m) -> Kosten, for dossiers with at least one cost registration."""
    per: dict = defaultdict(Kosten)
    for m in rijen:
        u = uitkomsten.get(m.dossier_id)
        if u is None or not u.kosten:
            continue
        cents = u.kosten_cents
        k = per[sleutel(m)]
        k.dossiers += 1
        k.totaal_cents += cents
        k.per_dossier.append(cents)
    return dict(per)


def kosten_per_post(rijen, uitkomsten) -> dict[str, Kosten]:
    per: dict[str, Kosten] = defaultdict(Kosten)
    for m in rijen:
        posten: Counter = Counter()
        for post, cents in uitkomsten.get(m.dossier_id, GEEN).kosten:
            posten[post] += cents
        for post, cents in posten.items():
            k = per[post]
            k.dossiers += 1
            k.totaal_cents += cents
            k.per_dossier.append(cents)
    return dict(per)


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
        return ind.aandeel(self.met_duaal, self.in_leerroute)


def duaal(rijen, uitkomsten, sleutel=lambda m: "") -> dict:
    """sleutel(m) -> Duaal, over dossiers in a leerroute on the peildatum."""
    per: dict = defaultdict(Duaal)
    bekend = set(ACTIVITEITEN)
    for m in rijen:
        if not m.route_start or m.afgesloten:
            continue
        d = per[sleutel(m)]
        d.in_leerroute += 1
        lopend = uitkomsten.get(m.dossier_id, GEEN).duaal & bekend
        if lopend:
            d.met_duaal += 1
            d.per_soort.update(lopend)
    return dict(per)


# --- Local targets on participation ---------------------------------------------------------------


def doelen(rijen, uitkomsten, peildatum: dt.date) -> dict[str, ind.Doelrealisatie]:
    """The participation targets (`models.Indicator`), anchored at the first PIP (the start of
    the inburgeringstermijn, as "voldaan binnen 3 jaar"), counting measurements dated within the
    window, for dossiers whose window has fully passed on the peildatum:

    * participerend binnen 3 jaar: of the dossiers with at least one measurement in the window,
      those with werk, vrijwilligerswerk or opleiding in any of them;
    * uitkeringsontvangers binnen 2 jaar aan het werk of in opleiding: of the dossiers whose
      first measurement in the window shows uitkering, those with werk or opleiding in any
      measurement in the window.
    """
    from .models import Indicator

    deel = [0, 0]
    uitk = [0, 0]
    for m in rijen:
        u = uitkomsten.get(m.dossier_id)
        if not m.pip or u is None or not u.metingen:
            continue
        metingen = sorted(u.metingen.values(), key=lambda d: d[0])
        drie = plus_jaren(m.pip, 3)
        if drie <= peildatum and (binnen := [s for d, s in metingen if d <= drie]):
            deel[1] += 1
            deel[0] += any(s & PARTICIPEREND for s in binnen)
        twee = plus_jaren(m.pip, 2)
        binnen = [s for d, s in metingen if d <= twee]
        if twee <= peildatum and binnen and Participatiestatus.UITKERING in binnen[0]:
            uitk[1] += 1
            uitk[0] += any(
                s & {Participatiestatus.WERK, Participatiestatus.OPLEIDING} for s in binnen
            )
    return {
        Indicator.PARTICIPEREND_3J: ind.Doelrealisatie(Indicator.PARTICIPEREND_3J, *deel),
        Indicator.UITKERING_WERK_STUDIE_2J: ind.Doelrealisatie(
            Indicator.UITKERING_WERK_STUDIE_2J, *uitk
        ),
    }
