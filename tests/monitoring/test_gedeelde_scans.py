"""The statements the tables share (one scan where each table had its own, issue 22) give what
the definitions say, recomputed here in Python over the relation's rows of a generated set:
lead times (one unpivoting scan), the waiting time and dropout per route, housed, exams, costs,
the funnel with the gemeente overview, the placements of the selection's dossiers, and the
copy that holds only the population's rows."""

import dataclasses
import datetime as dt
from collections import Counter, defaultdict

import pytest
from django.utils import timezone

from inburgering.accounts.models import Gemeente
from inburgering.dossiers.models import Doelgroep, Dossier, Regime
from inburgering.dossiers.workflow import Afsluitreden
from inburgering.monitoring import aanvullend, gemeenten
from inburgering.monitoring import extractie as ex
from inburgering.monitoring import indicatoren as ind
from inburgering.monitoring import uitkomsten as uk
from inburgering.monitoring.definities import Populatie
from inburgering.monitoring.models import MijlpalenProjectie
from inburgering.monitoring.relatie import relatie
from inburgering.monitoring.sql import Spreiding
from inburgering.traject.models import Plaatsing, PlaatsingStatus
from tests.monitoring.helpers import landelijke_set

VANDAAG = timezone.localdate()


@pytest.fixture(scope="module")
def _geladen(django_db_setup, django_db_blocker):
    with landelijke_set(django_db_blocker, seed=7):
        yield


@pytest.fixture
def landelijk(_geladen, db):
    return _selectie(Populatie.PLICHTIG)


def _selectie(populatie: str) -> ex.Selectie:
    return ex.Selectie(
        tuple(Gemeente.objects.values_list("pk", flat=True)), VANDAAG, populatie=populatie
    )


def _rijen(r) -> list[dict]:
    return list(r.rijen.values())


def _dagen(rij, van, tot) -> int | None:
    if rij[van] is None or rij[tot] is None or rij[tot] < rij[van]:
        return None
    return (rij[tot] - rij[van]).days


def test_the_copy_holds_exactly_the_population_over_time(landelijk):
    verwacht = {
        pk
        for pk, regime, kennisgeving, vestiging in MijlpalenProjectie.objects.filter(
            dossier__gemeente_id__in=landelijk.gemeente_ids
        ).values_list("dossier_id", "dossier__regime", "kennisgeving", "vestiging")
        if regime == Regime.WI2021 and (kennisgeving or vestiging)
    }
    with relatie(landelijk) as r:
        ids = set(r.rijen.values_list("dossier_id", flat=True))
    assert ids == verwacht
    assert 0 < len(ids) < Dossier.objects.count()


@pytest.mark.parametrize("populatie", [Populatie.PLICHTIG, Populatie.ALLE])
def test_lead_times_in_one_scan_equal_a_count_per_step(landelijk, populatie):
    with relatie(_selectie(populatie)) as r:
        rijen = _rijen(r)
        berekend = ind.doorlooptijden(r)
    verwacht = []
    for van, tot in ind.STAPPEN:
        dagen = Counter(d for rij in rijen if (d := _dagen(rij, van, tot)) is not None)
        verwacht.append((van, tot, Spreiding.uit_histogram(dagen)))
    assert berekend == verwacht
    assert all(s.n > 0 for _v, _t, s in berekend)


def test_waiting_time_and_dropout_per_route_from_one_scan(landelijk):
    with relatie(landelijk) as r:
        rijen = _rijen(r)
        wachttijd = ind.wachttijd_aanbieder(r)
        uitval = aanvullend.uitval_route(r)
    dagen: dict = defaultdict(Counter)
    gestart: dict = defaultdict(lambda: [0, 0])
    for rij in rijen:
        if rij["route_start"] is None:
            continue
        sleutel = (rij["leerroute"], rij["cursusinstelling"])
        gestart[sleutel][0] += 1
        gestart[sleutel][1] += rij["afsluitreden"] == Afsluitreden.UITVAL
        if (d := _dagen(rij, "aangemeld", "route_start")) is not None:
            dagen[(rij["cursusinstelling"], rij["leerroute"])][d] += 1
    assert list(wachttijd.items()) == sorted(
        (k, Spreiding.uit_histogram(v)) for k, v in dagen.items()
    )
    assert uitval == {k: tuple(v) for k, v in gestart.items()}
    assert sum(n for n, _u in uitval.values()) > 0


def test_housed_per_gemeente_and_per_year_from_one_scan(landelijk):
    with relatie(landelijk) as r:
        rijen = _rijen(r)
        per_gemeente = gemeenten.gehuisvest(r)
        per_jaar = aanvullend.gehuisvest_per_jaar(r)
    verwacht_gemeente: Counter = Counter()
    verwacht_jaar: dict = defaultdict(Counter)
    for rij in rijen:
        if rij["huisvesting"] is None:
            continue
        jaar = rij["huisvesting"].year
        verwacht_jaar[jaar][rij["doelgroep"]] += 1
        if rij["doelgroep"] == Doelgroep.ASIELSTATUSHOUDER:
            verwacht_gemeente[(rij["gemeente_id"], jaar)] += 1
    assert per_gemeente == dict(verwacht_gemeente)
    assert per_jaar == {j: dict(d) for j, d in sorted(verwacht_jaar.items())}
    assert list(per_jaar) == sorted(per_jaar)
    assert sum(per_gemeente.values()) > 0


def test_exams_per_route_and_per_start_cohort_from_one_scan(landelijk):
    with relatie(landelijk) as r:
        rijen = _rijen(r)
        per_route = uk.examens(r)
        per_cohort = aanvullend.examens_cohort(r)
    route: dict = defaultdict(uk.Examens)
    cohort: dict = defaultdict(aanvullend.Cohortexamens)
    for rij in rijen:
        for onderdeel, behaald, niet in uk.examens_uit(rij["examens"]):
            e = route[(rij["leerroute"], onderdeel)]
            e.behaald += behaald
            e.niet_behaald += niet
            e.dossiers_behaald += bool(behaald)
            if rij["route_start"] is not None:
                c = cohort[(rij["route_start"].year, onderdeel)]
                c.uitslagen += behaald + niet
                c.behaald += behaald
                c.kandidaten += 1
                c.kandidaten_behaald += bool(behaald)
    assert per_route == dict(route)
    assert per_cohort == dict(cohort)
    assert sum(e.behaald for e in per_route.values()) > 0


def test_costs_per_route_and_per_post_from_one_scan(landelijk):
    with relatie(landelijk) as r:
        rijen = _rijen(r)
        per_route, alles = uk.kosten_per_route(r)
        per_traject = aanvullend.kosten_per_traject(r)
    route: dict = defaultdict(uk.Kosten)
    alles_verwacht = uk.Kosten()
    traject: dict = {}
    for rij in rijen:
        cents = rij["kosten_cents"]
        if cents is None:
            continue
        for k in (route[rij["leerroute"] if rij["pip"] else ""], alles_verwacht):
            k.dossiers += 1
            k.totaal_cents += cents
            k.verdeling[cents] += 1
        n, posten = traject.get(rij["leerroute"], (0, dict.fromkeys(uk.KOSTENPOSTEN, 0)))
        for post in uk.KOSTENPOSTEN:
            posten[post] += rij[f"kosten_{post}"] or 0
        traject[rij["leerroute"]] = (n + 1, posten)
    assert per_route == dict(route)
    assert alles == alles_verwacht
    assert per_traject == traject
    assert alles.dossiers > 0


def test_funnel_route_changes_and_overview_from_one_scan(landelijk):
    with relatie(landelijk) as r:
        r = r.stand()
        rijen = _rijen(r)
        dossiers, trechter = ind.funnel(r)
        gewisseld, wissels = ind.routewissels(r)
        overzicht = gemeenten.overzicht(r, {}, {})
    assert dossiers == len(rijen) > 0
    assert trechter == [(f, sum(rij[f] is not None for rij in rijen)) for f in ind.FUNNEL]
    assert gewisseld == sum(rij["routewissels"] > 0 for rij in rijen)
    assert wissels == sum(rij["routewissels"] for rij in rijen)
    # The overview's last block adds up every gemeente: per doelgroep its people and those
    # with a PIP.
    alle_gemeenten = overzicht.rijen[-len(Doelgroep.values) - 1 :]
    for rij, doelgroep in zip(alle_gemeenten, Doelgroep.values, strict=False):
        van = [x for x in rijen if x["doelgroep"] == doelgroep]
        assert rij[2:4] == [len(van), sum(x["pip"] is not None for x in van)]


def test_placements_of_the_selections_dossiers_only(landelijk):
    helft = sorted(landelijk.gemeente_ids)[: len(landelijk.gemeente_ids) // 2]
    with relatie(dataclasses.replace(landelijk, gemeente_ids=tuple(helft))) as r:
        ids = set(r.rijen.values_list("dossier_id", flat=True))
        per = aanvullend.uitval_plaatsingen(r)
    verwacht: dict = defaultdict(lambda: [0, 0])
    for p in Plaatsing.objects.select_related("contract__product__aanbieder"):
        if p.dossier_id not in ids or p.gestart_op is None or p.gestart_op > VANDAAG:
            continue
        product = p.contract.product
        v = verwacht[(product.soort, product.aanbieder.naam)]
        v[0] += 1
        uit = p.status == PlaatsingStatus.UITGEVALLEN and p.beeindigd_op is not None
        v[1] += uit and p.beeindigd_op <= VANDAAG
    assert per == {k: tuple(v) for k, v in verwacht.items()}
    assert sum(n for n, _u in per.values()) > 0
    # Placements of dossiers outside the selection exist and are left out.
    assert Plaatsing.objects.exclude(dossier_id__in=ids).exists()


def test_a_past_peildatum_keeps_the_same_definitions(landelijk):
    """A past date reads the log (no stored rows): the shared scans give the same as there."""
    sel = ex.Selectie(landelijk.gemeente_ids, VANDAAG - dt.timedelta(days=200))
    with relatie(sel) as r:
        rijen = _rijen(r)
        dossiers, _trechter = ind.funnel(r)
    assert dossiers == len(rijen) > 0
