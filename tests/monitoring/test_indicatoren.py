import datetime as dt

import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import Soort
from inburgering.monitoring import extractie as ex
from inburgering.monitoring import indicatoren as ind
from inburgering.monitoring import projectie, sql, statistiek
from inburgering.monitoring.models import Doelstelling, Indicator, MijlpalenPeil
from inburgering.monitoring.relatie import relatie
from inburgering.monitoring.tabellen import tabellen

from .helpers import bereken, over_rijen, traject

pytestmark = pytest.mark.django_db
START = dt.date(2024, 3, 4)  # a Monday: 10 weeks later is no holiday


@pytest.fixture
def drie(gemeente_a, consulent_a):
    op_tijd = traject(
        gemeente_a,
        START,
        consulent=consulent_a,
        contact=5,
        intake=10,
        lbt=(35, 15),
        pip=30,
        route="b1",
        start_route=60,
    )
    te_laat = traject(
        gemeente_a, START, contact=20, intake=40, lbt=(35, 45), pip=100, route="z", start_route=200
    )
    zonder_pip = traject(gemeente_a, START, contact=50)
    return op_tijd, te_laat, zonder_pip


def test_funnel_lead_times_and_pip_deadline(drie, gemeente_a):
    sel = ex.Selectie((gemeente_a.pk,), dt.date(2025, 1, 1))
    totaal, trechter = bereken(ind.funnel, sel)
    assert totaal == 3
    assert dict(trechter) == {
        "signaal": 3,
        "eerste_contact": 3,
        "intake": 2,
        "lbt": 2,
        "pip": 2,
        "route_start": 2,
    }
    tijden = {(van, naar): s for van, naar, s in bereken(ind.doorlooptijden, sel)}
    assert tijden[("signaal", "eerste_contact")].n == 3
    assert tijden[("signaal", "eerste_contact")].mediaan == 20
    assert tijden[("signaal", "eerste_contact")].p95 == 50
    assert tijden[("signaal", "route_start")].mediaan == 60  # nearest rank of [60, 200]
    termijn = bereken(ind.pip_termijn, sel)
    # 10 weeks after 4 March 2024 is 13 May 2024: day 30 is in time, day 100 is late.
    assert (termijn.binnen, termijn.te_laat, termijn.open_verlopen) == (1, 1, 1)
    assert termijn.aandeel_binnen == 50.0


def test_peildatum_reproduces_the_fold(drie, gemeente_a):
    """Every milestone equals what bereken_toestand gives for that peildatum."""
    for peildatum in [
        START,
        START + dt.timedelta(days=29),
        START + dt.timedelta(days=30),
        dt.date(2025, 1, 1),
    ]:
        rijen = {
            m.dossier_id: m for m in projectie.mijlpalen(ex.Selectie((gemeente_a.pk,), peildatum))
        }
        for dossier in drie:
            t = bereken_toestand(dossier.events.all(), peildatum=peildatum)
            m = rijen[dossier.pk]
            assert m.pip == t.eerste_pip_dagtekening
            assert m.intake == t.intake_gestart
            assert m.lbt_score == t.lbt_score
            assert m.leerroute == t.leerroute
            assert m.route_start == t.leerroute_gestart
    eerder = ex.Selectie((gemeente_a.pk,), START + dt.timedelta(days=29))
    assert dict(bereken(ind.funnel, eerder)[1])["pip"] == 0


def test_a_corrected_lbt_score_counts_not_the_original(drie, gemeente_a):
    op_tijd = drie[0]
    origineel = op_tijd.events.get(soort=Soort.LBT_AFGENOMEN)
    bekend = timezone.now()
    registreer(
        op_tijd, Soort.LBT_AFGENOMEN, origineel.datum, gegevens={"score": 12}, corrigeert=origineel
    )
    tabel = bereken(ind.lbt_tabel1, ex.Selectie((gemeente_a.pk,), dt.date(2025, 1, 1)))
    assert tabel["<20"]["b1"] == 1 and tabel[">30"]["b1"] == 0
    # Known before the correction was recorded: the original score.
    toen = ex.Selectie((gemeente_a.pk,), dt.date(2025, 1, 1), bekend_op=bekend)
    assert bereken(ind.lbt_tabel1, toen)[">30"]["b1"] == 1


def test_lbt_tables_reproduce_seed_004_table_1_and_2():
    """Seed 004 Table 1 as input gives Table 2: 1,716 conform (88%), 241 against (12%)."""
    tabel1 = {
        "<20": (58, 6, 220, 57),
        "20-27": (124, 18, 110, 61),
        "28-30": (127, 12, 19, 32),
        ">30": (1076, 171, 16, 213),
    }
    scores = {"<20": 10, "20-27": 25, "28-30": 29, ">30": 35}
    rijen, n = [], 0
    for b, aantallen in tabel1.items():
        for route, aantal in zip(ind.ROUTES, aantallen, strict=True):
            for _ in range(aantal):
                n += 1
                rijen.append(
                    ex.Mijlpalen(
                        n,
                        1,
                        "asielstatushouder",
                        None,
                        lbt=dt.date(2023, 6, 1),
                        lbt_score=scores[b],
                        leerroute=route,
                    )
                )
    uit1 = over_rijen(ind.lbt_tabel1, rijen)
    assert {b: tuple(uit1[b].values()) for b in ind.BANDEN} == tabel1
    uit2 = over_rijen(ind.lbt_tabel2, rijen)
    conform = sum(c for c, _s in uit2.values())
    tegen = sum(s for _c, s in uit2.values())
    assert (conform, tegen) == (1716, 241)
    assert round(statistiek.aandeel(conform, conform + tegen)) == 88


def test_old_cut_off_makes_28_to_30_not_feasible():
    voor = ex.Mijlpalen(1, 1, "", None, lbt=dt.date(2023, 1, 10), lbt_score=29, leerroute="z")
    na = ex.Mijlpalen(2, 1, "", None, lbt=dt.date(2023, 6, 10), lbt_score=29, leerroute="z")
    assert over_rijen(ind.lbt_tabel2, [voor])["z"] == (1, 0)
    assert over_rijen(ind.lbt_tabel2, [na])["z"] == (0, 1)


def test_percentile_is_nearest_rank():
    assert statistiek.percentiel(list(range(1, 101)), 80) == 80
    assert statistiek.percentiel([5], 95) == 5
    assert statistiek.percentiel([], 50) is None


def test_local_target_against_actual(drie, gemeente_a):
    Doelstelling.objects.create(
        gemeente=gemeente_a, indicator=Indicator.PIP_BINNEN_TERMIJN, streefwaarde=90
    )
    doelen = next(
        t
        for t in tabellen(ex.Selectie((gemeente_a.pk,), dt.date(2025, 1, 1)))
        if t.sleutel == "doelen"
    )
    rij = next(r for r in doelen.rijen if r[1] == Indicator.PIP_BINNEN_TERMIJN.label)
    assert rij[2:] == [50.0, 2, 90, "niet gehaald"]


def test_cohort_filter_on_signal_date(drie, gemeente_a):
    traject(gemeente_a, dt.date(2024, 9, 2))
    alle = projectie.mijlpalen(ex.Selectie((gemeente_a.pk,), dt.date(2025, 1, 1)))
    cohort = projectie.mijlpalen(
        ex.Selectie((gemeente_a.pk,), dt.date(2025, 1, 1), van=dt.date(2024, 6, 1))
    )
    assert (len(alle), len(cohort)) == (4, 1)


def test_a_statement_is_compiled_once_per_peildatum(drie, gemeente_a):
    """`sql.vast` builds a statement once per argument; each argument keeps its own result."""
    gebouwd = []

    @sql.vast
    def met_contact_tot(peildatum):
        gebouwd.append(peildatum)
        return sql.groepen(ind.relatie_rijen().filter(eerste_contact__lte=peildatum), "leerroute")

    vroeg, laat = START + dt.timedelta(days=10), START + dt.timedelta(days=60)
    with relatie(ex.Selectie((gemeente_a.pk,), dt.date(2025, 1, 1))):
        eerst, later, weer = met_contact_tot(vroeg), met_contact_tot(laat), met_contact_tot(vroeg)
    assert gebouwd == [vroeg, laat]
    assert sql.aantallen(eerst) == {("b1",): 1}  # only the first contact on day 5
    assert sum(sql.aantallen(later).values()) == 3
    assert weer == eerst


def test_the_temporary_table_is_gone_after_the_computation(drie, gemeente_a):
    tabellen(ex.Selectie((gemeente_a.pk,), dt.date(2025, 1, 1)))
    with pytest.raises(DatabaseError), transaction.atomic():
        list(MijlpalenPeil.objects.all())


def test_an_error_leaves_no_table_and_a_usable_connection(drie, gemeente_a):
    sel = ex.Selectie((gemeente_a.pk,), dt.date(2025, 1, 1))
    with pytest.raises(ZeroDivisionError), relatie(sel):
        1 / 0  # noqa: B018
    with pytest.raises(DatabaseError), transaction.atomic():
        list(MijlpalenPeil.objects.all())
    assert bereken(ind.funnel, sel)[0] == 3
