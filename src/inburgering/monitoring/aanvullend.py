"""The figures the sources report and the dashboard lacked (issue 23, item 3), over time
(`definities.VERLOOP`: open and closed dossiers of the population):

* housed per calendar year (the latest `huisvesting`, the BRP registration);
* dropout: dossiers closed with `Afsluitreden.UITVAL`, per leerroute and cursusinstelling,
  against the dossiers that started the route; and traject placements ended as "uitgevallen",
  per product kind and provider, against the placements that started (both on or before the
  peildatum; placements are current records, not events, so a later correction shows);
* exam pass rates per component per start cohort (year of the first start of the leerroute),
  per result and per candidate;
* the share of the people who started a leerroute with a known work/participation status (a
  measurement at 6, 12 or 24 months that is not "onbekend");
* cost per trajectory per post: the mean per dossier with costs of the leerroute itself and of
  the other posts (ontzorging, tolk, kinderopvang, reiskosten, overig: the overhead).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from inburgering.dossiers.models import Doelgroep
from inburgering.dossiers.uitkomsten import MOMENTEN, Kostenpost, Participatiestatus

from . import gemeenten, statistiek
from . import indicatoren as ind
from . import uitkomsten as uk
from .sql import gemeente_eerst, groepen, vast
from .tabel import Tabel, onderdeelnamen, route_naam


def tabellen(r) -> list[Tabel]:
    return [
        _gehuisvest_per_jaar(r),
        _uitval_route(r),
        _uitval_plaatsingen(r),
        _examens_cohort(r),
        _participatie_bekend(r),
        _kosten_per_post(r),
    ]


# --- Housed per calendar year ---------------------------------------------------------------------


def gehuisvest_per_jaar(r) -> dict[int, dict[str, int]]:
    per: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for _g, jaar, doelgroep, n in gemeenten.huisvesting(r):
        per[int(jaar)][doelgroep] += n
    return dict(sorted(per.items()))


def _gehuisvest_per_jaar(r) -> Tabel:
    per = gehuisvest_per_jaar(r)
    return Tabel(
        "gehuisvest_jaar",
        _("Gehuisvest per kalenderjaar"),
        [_("Jaar"), _("Asielstatushouders"), _("Overige doelgroepen"), _("Totaal")],
        [
            [
                str(jaar),
                d.get(Doelgroep.ASIELSTATUSHOUDER, 0),
                sum(n for g, n in d.items() if g != Doelgroep.ASIELSTATUSHOUDER),
                sum(d.values()),
            ]
            for jaar, d in per.items()
        ],
        _(
            "Jaar van de inschrijving in de BRP (huisvesting; bij een latere inschrijving de "
            "laatste), op of vóór de peildatum."
        ),
        grafiek=(0, [1]),
    )


# --- Dropout --------------------------------------------------------------------------------------


def uitval_route(r) -> dict[tuple[str, str], tuple[int, int]]:
    """(leerroute, cursusinstelling) -> (dossiers that started the route, of whom dropped out)."""
    per: dict[tuple[str, str], tuple[int, int]] = {}
    for route, instelling, _wachttijd, n, uit in ind.gestart(r):
        eerder_n, eerder_uit = per.get((route, instelling), (0, 0))
        per[(route, instelling)] = (eerder_n + n, eerder_uit + uit)
    return per


def _uitval_route(r) -> Tabel:
    per = uitval_route(r)
    rijen = []
    for route in ind.ROUTES:
        for (code, instelling), (n, uit) in sorted(per.items()):
            if code == route:
                rijen.append(
                    [route_naam(route), instelling or _("onbekend"), n, uit,
                     statistiek.aandeel(uit, n)]
                )  # fmt: skip
    totaal_n = sum(n for n, _u in per.values())
    totaal_uit = sum(u for _n, u in per.values())
    rijen.append([_("Totaal"), "", totaal_n, totaal_uit, statistiek.aandeel(totaal_uit, totaal_n)])
    return Tabel(
        "uitval_route",
        _("Uitval per leerroute en cursusinstelling"),
        [_("Leerroute"), _("Cursusinstelling"), _("Gestart"), _("Uitgevallen"), _("% uitval")],
        rijen,
        _(
            "Dossiers die de leerroute zijn gestart; uitgevallen: afgesloten met de reden "
            "'uitgevallen' op of vóór de peildatum. Leerroute van het laatste PIP, de laatst "
            "vastgelegde cursusinstelling."
        ),
        totaalrij=True,
    )


#: `traject.models.PlaatsingStatus.UITGEVALLEN`. The traject app is read through the app
#: registry: it imports koppelingen, which imports monitoring (no import cycle between apps).
UITGEVALLEN = "uitgevallen"


def _model(naam: str):
    return apps.get_model("traject", naam)


def _rangen(model, veld: str, waarden: set) -> dict:
    """Each value's place in the database's ORDER BY of `veld` (its collation)."""
    volgorde = (
        model.objects.filter(**{f"{veld}__in": waarden})
        .values_list(veld, flat=True)
        .distinct()
        .order_by(veld)
    )
    return {waarde: i for i, waarde in enumerate(volgorde)}


def plaatsingen_volgorde(rijen: list[tuple]) -> list[tuple]:
    """The rows of `_plaatsingen` added up from partials, in the order of its ORDER BY: the
    database's collation, asked from the database (Python's order of strings differs)."""
    soort_rang = _rangen(_model("Product"), "soort", {rij[0] for rij in rijen})
    naam_rang = _rangen(_model("Aanbieder"), "naam", {rij[1] for rij in rijen})
    return sorted(rijen, key=lambda rij: (soort_rang[rij[0]], naam_rang[rij[1]]))


@vast(sommen=2, ordenen=plaatsingen_volgorde)
def _plaatsingen(peildatum: dt.date):
    plaatsingen = _model("Plaatsing").objects.filter(
        dossier_id__in=ind.relatie_rijen().values("dossier_id"),
        gestart_op__isnull=False,
        gestart_op__lte=peildatum,
    )
    uit = Q(status=UITGEVALLEN, beeindigd_op__lte=peildatum)
    plaatsingen, namen = gemeente_eerst(
        plaatsingen,
        ["contract__product__soort", "contract__product__aanbieder__naam"],
        "dossier__gemeente_id",
    )
    return (
        plaatsingen.values_list(*namen)
        .annotate(_n=Count("pk"), _u=Count("pk", filter=uit))
        .order_by("contract__product__soort", "contract__product__aanbieder__naam")
    )


def uitval_plaatsingen(r) -> dict[tuple[str, str], tuple[int, int]]:
    """(product kind, provider) -> (placements started, of which ended as dropout), for the
    relation's dossiers, on or before the peildatum."""
    return {(soort, aanbieder): (n, u) for soort, aanbieder, n, u in _plaatsingen(r.peildatum)}


def _uitval_plaatsingen(r) -> Tabel:
    soorten = dict(_model("Product")._meta.get_field("soort").choices or [])
    per = uitval_plaatsingen(r)
    return Tabel(
        "uitval_aanbieder",
        _("Uitval per product en aanbieder (plaatsingen)"),
        [_("Product"), _("Aanbieder"), _("Gestart"), _("Uitgevallen"), _("% uitval")],
        [
            [str(soorten.get(soort, soort)), aanbieder, n, u, statistiek.aandeel(u, n)]
            for (soort, aanbieder), (n, u) in per.items()
        ],
        _(
            "Plaatsingen bij een aanbieder die op of vóór de peildatum zijn gestart; "
            "uitgevallen: beëindigd met de status 'uitgevallen' op of vóór de peildatum "
            "(de huidige stand van de plaatsing)."
        ),
    )


# --- Exams per start cohort -----------------------------------------------------------------------


@dataclass
class Cohortexamens:
    uitslagen: int = 0
    behaald: int = 0
    kandidaten: int = 0
    kandidaten_behaald: int = 0


def examens_cohort(r) -> dict[tuple[int, str], Cohortexamens]:
    """(year of the first start of the leerroute, component) -> results (every attempt) and
    candidates (dossiers with a result for the component; passed: at least once)."""
    per: dict[tuple[int, str], Cohortexamens] = defaultdict(Cohortexamens)
    for _route, jaar, tekst, n in uk.examen_rijen(r):
        if jaar is None:  # the route has not started
            continue
        for onderdeel, behaald, niet in uk.examens_uit(tekst):
            e = per[(int(jaar), onderdeel)]
            e.uitslagen += (behaald + niet) * n
            e.behaald += behaald * n
            e.kandidaten += n
            e.kandidaten_behaald += n if behaald else 0
    return dict(per)


def _examens_cohort(r) -> Tabel:
    namen = onderdeelnamen()
    per = examens_cohort(r)
    return Tabel(
        "examens_cohort",
        _("Slagingspercentage per onderdeel en startcohort"),
        [
            _("Startcohort"),
            _("Onderdeel"),
            _("Uitslagen"),
            _("% uitslagen behaald"),
            _("Kandidaten"),
            _("% kandidaten geslaagd"),
        ],
        [
            [
                str(jaar),
                namen.get(o, o or _("onbekend")),
                e.uitslagen,
                statistiek.aandeel(e.behaald, e.uitslagen),
                e.kandidaten,
                statistiek.aandeel(e.kandidaten_behaald, e.kandidaten),
            ]
            for (jaar, o), e in sorted(
                per.items(), key=lambda kv: (kv[0][0], uk.onderdeel_volgorde(kv[0][1]))
            )
        ],
        _(
            "Startcohort: het jaar van de eerste start van de leerroute. Per uitslag telt elke "
            "poging; per kandidaat telt een dossier één keer per onderdeel, als geslaagd wanneer "
            "het onderdeel minstens één keer is behaald. 'Geen uitslag' telt niet mee."
        ),
    )


# --- Known work/participation status --------------------------------------------------------------


@vast
def _bekend():
    return groepen(
        ind.relatie_rijen().filter(route_start__isnull=False),
        "doelgroep",
        *[f"status_{m}" for m in MOMENTEN],
    )


def participatie_bekend(r) -> dict[str, tuple[int, int]]:
    """Doelgroep -> (dossiers that started a leerroute, of whom with a known status: at least
    one measurement at a follow-up moment that is not only "onbekend")."""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    onbekend = frozenset({Participatiestatus.ONBEKEND.value})
    for doelgroep, *statussen, n in _bekend():
        per[doelgroep][0] += n
        if any(s is not None and uk.als_set(s) - onbekend for s in statussen):
            per[doelgroep][1] += n
    return {d: (a, b) for d, (a, b) in per.items()}


def _participatie_bekend(r) -> Tabel:
    per = participatie_bekend(r)
    doelgroepen = dict(Doelgroep.choices)
    rijen = [
        [str(doelgroepen[d]), n, b, statistiek.aandeel(b, n)]
        for d in Doelgroep.values
        for n, b in [per.get(d, (0, 0))]
    ]
    n = sum(a for a, _b in per.values())
    b = sum(b for _a, b in per.values())
    rijen.append([_("Totaal"), n, b, statistiek.aandeel(b, n)])
    return Tabel(
        "participatie_bekend",
        _("Werk- en participatiesituatie bekend"),
        [_("Doelgroep"), _("Gestart met leerroute"), _("Situatie bekend"), _("% bekend")],
        rijen,
        _(
            "Dossiers die de leerroute zijn gestart, met minstens één meting op 6, 12 of 24 "
            "maanden waarin de situatie niet alleen 'onbekend' is (de Rekenkamer Den Haag vond "
            "16,3%)."
        ),
        grafiek=(0, [3]),
        eenheid="%",
        totaalrij=True,
    )


# --- Cost per trajectory by post ------------------------------------------------------------------

OVERHEAD = [p for p in uk.KOSTENPOSTEN if p != Kostenpost.LEERROUTE]


def kosten_per_traject(r) -> dict[str, tuple[int, dict[str, int]]]:
    """Leerroute -> (dossiers with costs, cents per post)."""
    samen: dict[str, list[int]] = {}
    for route, _met_pip, _cents, n, *sommen in uk.kosten_rijen(r):
        if (totaal := samen.get(route)) is None:
            totaal = samen[route] = [0] * (1 + len(sommen))
        totaal[0] += n
        for i, som in enumerate(sommen, 1):
            totaal[i] += som
    return {
        route: (n, dict(zip(uk.KOSTENPOSTEN, (int(s) for s in sommen), strict=True)))
        for route, (n, *sommen) in samen.items()
    }


def _kosten_per_post(r) -> Tabel:
    per = kosten_per_traject(r)
    labels = dict(Kostenpost.choices)

    def rij(label, n, posten):
        overhead = sum(posten.get(p, 0) for p in OVERHEAD)
        leerroute = posten.get(Kostenpost.LEERROUTE, 0)
        return [
            label,
            n,
            uk.euro(leerroute / n) if n else None,
            *[uk.euro(posten.get(p, 0) / n) if n else None for p in OVERHEAD],
            uk.euro(overhead / n) if n else None,
            uk.euro((leerroute + overhead) / n) if n else None,
        ]

    rijen = [rij(route_naam(route), *per[route]) for route in ind.ROUTES if route in per]
    alle: dict[str, int] = defaultdict(int)
    for _n, posten in per.values():
        for p, c in posten.items():
            alle[p] += c
    rijen.append(rij(_("Totaal"), sum(n for n, _p in per.values()), alle))
    return Tabel(
        "kosten_traject_posten",
        _("Kosten per traject, met overhead per kostenpost"),
        [
            _("Leerroute"),
            _("Dossiers met kosten"),
            _("Leerroute (€ gemiddeld)"),
            *[_("%(post)s (€ gemiddeld)") % {"post": labels[p]} for p in OVERHEAD],
            _("Overhead samen (€ gemiddeld)"),
            _("Totaal per traject (€ gemiddeld)"),
        ],
        rijen,
        _(
            "Gemiddeld per dossier met vastgelegde kosten (op of vóór de peildatum), in hele "
            "euro's. Overhead: alle kostenposten behalve de leerroute zelf. Leerroute van het "
            "laatste PIP (zonder PIP: nog niet bekend)."
        ),
        grafiek=(0, [2, len(OVERHEAD) + 3]),
        eenheid=" €",
        totaalrij=True,
    )
