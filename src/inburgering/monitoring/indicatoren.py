"""Indicators, reproducible for any peildatum: SQL aggregates over the relation (`relatie.py`).

The relation holds one row per dossier built from its milestones on the peildatum, which come
from the event log (`extractie.py`: exactly the events the fold would use) or, for today, from
the milestones projection (`projectie.py`). Legal dates (the PIP deadline) and the LBT outcome
and "conform" come from the rules package (`inburgering.wet`). The dossier's doelgroep and
consulent used for filtering and grouping are the current ones, not those on the peildatum.
Shares and percentiles: `statistiek.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, fields
from functools import lru_cache

from django.db.models import BooleanField, Case, Count, F, Q, Sum, TextField, Value, When
from django.db.models.functions import Coalesce, ExtractYear

from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.wet import lbt_cesuur
from inburgering.wet.kalender import plus_maanden

from .extractie import WET_ROUTE, conform
from .sql import (
    Dagen,
    Spreiding,
    aantallen,
    dagen_per_stap,
    gemeente_eerst,
    groepen,
    histogram,
    optellen,
    vast,
)
from .statistiek import aandeel

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


def relatie_rijen():
    """Every row of the relation (the temporary table holds only the selection)."""
    from .models import MijlpalenPeil

    return MijlpalenPeil.objects.all()


def tellingen(peildatum: dt.date) -> dict:
    """The counts of this module's tables that add up over gemeenten: `Relatie.per_gemeente`
    computes them per gemeente, together with those of `uitkomsten`, in one scan, and
    `Relatie.totalen` adds them up."""
    return {
        **{f"pip_{k}": telling for k, telling in _pip_termijn_tellingen(peildatum).items()},
        **doel_tellingen(peildatum),
    }


#: The columns of `personen` after the group (gemeente, doelgroep, route).
PERSONEN = ["dossiers", *FUNNEL, "gewisseld", "wissels"]


@vast(sommen=len(PERSONEN))
def _personen():
    route = Case(
        When(pip__isnull=True, then=Value("")), default=F("leerroute"), output_field=TextField()
    )
    rijen, namen = gemeente_eerst(
        relatie_rijen().annotate(_route=route), ["gemeente_id", "doelgroep", "_route"]
    )
    return (
        rijen.values_list(*namen)
        .annotate(
            _n=Count("pk"),
            **{f"_{fase}": Count(fase) for fase in FUNNEL},
            _gewisseld=Count("pk", filter=Q(routewissels__gt=0)),
            _wissels=Coalesce(Sum("routewissels"), 0),
        )
        .order_by()
    )


def personen(r) -> list[tuple]:
    """(gemeente, doelgroep, leerroute of the latest PIP or "" without a PIP, then the counts
    in `PERSONEN`): the one scan behind the funnel, the route changes and the gemeente
    overview (`gemeenten.overzicht`)."""
    return r.gedeeld(_personen)


def _personen_samen(r) -> dict[str, int]:
    totaal = dict.fromkeys(PERSONEN, 0)
    for _g, _d, _r, *tellingen in personen(r):
        for naam, n in zip(PERSONEN, tellingen, strict=True):
            totaal[naam] += int(n)  # PostgreSQL sums as numeric
    return totaal


def funnel(r) -> tuple[int, list[tuple[str, int]]]:
    """(dossiers in the selection, [(stage, dossiers that reached it)])."""
    totaal = _personen_samen(r)
    return totaal["dossiers"], [(fase, totaal[fase]) for fase in FUNNEL]


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


@vast(sommen=2)
def _gestart():
    wachttijd = Case(
        When(route_start__gte=F("aangemeld"), then=Dagen("aangemeld", "route_start")),
        default=None,
    )
    uitval = Q(afsluitreden=Afsluitreden.UITVAL)
    rijen, namen = gemeente_eerst(
        relatie_rijen().filter(route_start__isnull=False).annotate(_wachttijd=wachttijd),
        ["leerroute", "cursusinstelling", "_wachttijd"],
    )
    return (
        rijen.values_list(*namen)
        .annotate(_n=Count("pk"), _uit=Count("pk", filter=uitval))
        .order_by()
    )


def gestart(r) -> list[tuple]:
    """(leerroute, cursusinstelling, days from registration to the start or None, dossiers,
    of whom dropped out) of the dossiers that started the route: the one scan behind
    `wachttijd_aanbieder` and the dropout per route (`aanvullend`)."""
    return r.gedeeld(_gestart)


def wachttijd_aanbieder(r) -> dict[tuple[str, str], Spreiding]:
    """Days from registration at the cursusinstelling to the start of the route."""
    per: dict[tuple[str, str], Counter] = {}
    for route, instelling, wachttijd, n, _uit in gestart(r):
        if wachttijd is not None:
            per.setdefault((instelling, route), Counter())[wachttijd] += n
    return {k: Spreiding.uit_histogram(v) for k, v in sorted(per.items())}


def _band() -> Case:
    """The score band (`BAND_GRENZEN`) of the row's LBT score."""
    *begrensd, (hoogste_band, _geen) = BAND_GRENZEN
    return Case(
        *[When(lbt_score__lte=hoogste, then=Value(b)) for b, hoogste in begrensd],
        default=Value(hoogste_band),
    )


#: The cut-off the SZW evaluation used for every test (seed 004, section 3.5.7: "de cesuur van
#: de toets [ligt] op 28"), also for tests before 12 April 2023, when the cut-off in force was
#: 31: the rules package's cut-off from that date on.
CESUUR_EVALUATIE = lbt_cesuur(dt.date(2023, 4, 12))


def _conform(cesuur_evaluatie: bool):
    """The row's `conform` (cut-off in force on the test date, from the relation), or with the
    evaluation's cut-off for every test: the rules package's `conform` per (feasible, route),
    written out as a CASE over the score and the route."""
    if not cesuur_evaluatie:
        return "conform"
    haalbaar = Q(lbt_score__gte=CESUUR_EVALUATIE)
    return Case(
        *[
            When((haalbaar if h else ~haalbaar) & Q(leerroute=route), then=Value(conform(h, route)))
            for route in WET_ROUTE
            for h in (True, False)
        ],
        default=Value(None),
        output_field=BooleanField(),
    )


@vast
def _lbt(cesuur_evaluatie: bool = False):
    met_score = relatie_rijen().filter(lbt_score__isnull=False)
    return groepen(met_score, "gemeente_id", _band(), "leerroute", _conform(cesuur_evaluatie))


def lbt(r) -> dict[tuple, int]:
    """Dossiers with an LBT score per (gemeente, score band, route, conform): the one scan
    behind Tables 1 and 2 and Table 2 per gemeente (`Relatie.lbt`)."""
    return aantallen(_lbt(r.sel.cesuur_evaluatie))


@vast
def _lbt_consulent_jaar(cesuur_evaluatie: bool = False):
    met_score = relatie_rijen().filter(lbt_score__isnull=False)
    consulent = Coalesce("consulent_id", 0)
    return groepen(
        met_score, consulent, ExtractYear("lbt"), "leerroute", _conform(cesuur_evaluatie)
    )


def lbt_consulent_jaar(r) -> dict[tuple, int]:
    """The same per (consulent or 0, year of the test, route, conform)."""
    return aantallen(_lbt_consulent_jaar(r.sel.cesuur_evaluatie))


def lbt_tabel1(r) -> dict[str, dict[str, int]]:
    """Seed 004 Table 1: LBT score band x route (latest LBT, latest PIP's route)."""
    tabel = {b: dict.fromkeys(ROUTES, 0) for b in BANDEN}
    for (score_band, route), n in optellen(r.lbt, 1, 2).items():
        tabel[score_band][route if route in WET_ROUTE else ""] += n
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
        if route in WET_ROUTE:
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
    totaal = _personen_samen(r)
    return totaal["gewisseld"], totaal["wissels"]


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
