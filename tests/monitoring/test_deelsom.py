"""A national or regional selection without filters is the sum of kept per-gemeente partials
(ADR 0047): every table equals the table computed from the relation of the whole selection,
a fact renews only its gemeente's partial, and a filtered selection keeps the one relation."""

import dataclasses
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inburgering.accounts.models import Gemeente
from inburgering.dossiers import panelen, services
from inburgering.dossiers.models import Doelgroep
from inburgering.dossiers.workflow import Soort
from inburgering.monitoring import deelsom
from inburgering.monitoring import extractie as ex
from inburgering.monitoring.definities import Populatie
from inburgering.monitoring.models import MijlpalenProjectie
from inburgering.monitoring.tabellen import tabellen
from tests.monitoring.helpers import landelijke_set

VANDAAG = timezone.localdate()


@pytest.fixture(scope="module")
def _geladen(django_db_setup, django_db_blocker):
    with landelijke_set(django_db_blocker, seed=11):
        yield


@pytest.fixture
def alle_gemeenten(_geladen, db) -> tuple[int, ...]:
    return tuple(Gemeente.objects.order_by("pk").values_list("pk", flat=True))


def _relaties(queries) -> list[str]:
    """The relations built: one temporary table each (its SQL names the gemeenten)."""
    return [q["sql"] for q in queries.captured_queries if "CREATE TEMPORARY TABLE" in q["sql"]]


def _vergelijk(sel: ex.Selectie) -> list:
    assert deelsom.toepasbaar(sel)
    uit_delen = tabellen(sel)
    uit_een_relatie = tabellen(sel, deelsommen=False)
    assert [t.sleutel for t in uit_delen] == [t.sleutel for t in uit_een_relatie]
    for som, een in zip(uit_delen, uit_een_relatie, strict=True):
        assert som == een, som.sleutel
    return uit_delen


@pytest.mark.parametrize(
    "opties",
    [
        {"populatie": Populatie.PLICHTIG},
        {"populatie": Populatie.ALLE, "cohortbasis": "signaal", "cesuur_evaluatie": True},
    ],
)
def test_national_tables_from_partials_equal_those_of_one_relation(alle_gemeenten, opties):
    gevuld = _vergelijk(ex.Selectie(alle_gemeenten, VANDAAG, **opties))
    # The comparison means something: the set fills the tables.
    trechter = next(t for t in gevuld if t.sleutel == "trechter")
    assert trechter.rijen[0][1] > 0
    # The placements come in the database's order of product and provider, summed or not.
    plaatsingen = next(t for t in gevuld if t.sleutel == "uitval_aanbieder")
    assert len({tuple(rij[:2]) for rij in plaatsingen.rijen}) > 1


def test_regional_tables_from_partials_equal_those_of_one_relation(alle_gemeenten):
    regio = alle_gemeenten[1:4]
    _vergelijk(ex.Selectie(regio, VANDAAG, populatie=Populatie.PLICHTIG))


def _dossier_zonder_eerste_contact(gemeente_ids):
    rij = (
        MijlpalenProjectie.objects.filter(
            dossier__gemeente_id__in=gemeente_ids,
            eerste_contact__isnull=True,
            signaal__isnull=False,
            afgesloten__isnull=True,
        )
        .select_related("dossier")
        .order_by("dossier_id")
        .first()
    )
    assert rij is not None
    return rij.dossier


def test_a_fact_renews_only_its_gemeentes_partial(
    alle_gemeenten, django_capture_on_commit_callbacks
):
    sel = ex.Selectie(alle_gemeenten, VANDAAG, populatie=Populatie.ALLE)
    with CaptureQueriesContext(connection) as koud:
        voor = tabellen(sel)
    # Cold: every partial in one relation of all the gemeenten, grouped by gemeente.
    assert len(_relaties(koud)) == 1
    with CaptureQueriesContext(connection) as warm:
        assert tabellen(sel) == voor
    assert _relaties(warm) == []

    dossier = _dossier_zonder_eerste_contact(alle_gemeenten)
    with django_capture_on_commit_callbacks(execute=True):
        services.registreer(dossier, Soort.CONTACT, VANDAAG)
    with CaptureQueriesContext(connection) as na_feit:
        na = tabellen(sel)
    # One relation, of the fact's gemeente alone.
    [opnieuw] = _relaties(na_feit)
    assert f"IN ({dossier.gemeente_id})" in opnieuw
    # The renewed partial carries the fact: the sum is the tables of one relation again.
    assert na == tabellen(sel, deelsommen=False)
    assert na != voor


def test_kept_per_gemeente_renews_only_the_stale_ones(db):
    gevraagd = []

    def maak(gemeenten):
        gevraagd.append(list(gemeenten))
        return {g: f"deel {g} {len(gevraagd)}" for g in gemeenten}

    eerst = panelen.per_gemeente("proef", [1, 2, 3], ("x",), maak, 60)
    assert eerst == {1: "deel 1 1", 2: "deel 2 1", 3: "deel 3 1"}
    assert panelen.per_gemeente("proef", [1, 2, 3], ("x",), maak, 60) == eerst
    panelen.gemeente_gewijzigd(2)
    daarna = panelen.per_gemeente("proef", [1, 2, 3], ("x",), maak, 60)
    assert gevraagd == [[1, 2, 3], [2]]
    assert daarna == {1: "deel 1 1", 2: "deel 2 2", 3: "deel 3 1"}
    # Another key (here: other selection options) keeps partials of its own.
    panelen.per_gemeente("proef", [1], ("y",), maak, 60)
    assert gevraagd[-1] == [1]


def test_a_filtered_selection_keeps_one_relation(alle_gemeenten):
    sel = ex.Selectie(alle_gemeenten, VANDAAG, populatie=Populatie.PLICHTIG)
    gefilterd = [
        dataclasses.replace(sel, doelgroep=Doelgroep.ASIELSTATUSHOUDER),
        dataclasses.replace(sel, van=VANDAAG.replace(year=VANDAAG.year - 2)),
        dataclasses.replace(sel, tot=VANDAAG),
        dataclasses.replace(sel, consulent_id=1),
        dataclasses.replace(sel, bekend_op=timezone.now()),
        dataclasses.replace(sel, peildatum=VANDAAG - dt.timedelta(days=1)),
        dataclasses.replace(sel, gemeente_ids=alle_gemeenten[:1]),
    ]
    assert deelsom.toepasbaar(sel)
    assert not any(deelsom.toepasbaar(s) for s in gefilterd)
    with CaptureQueriesContext(connection) as queries:
        tabellen(gefilterd[0])
    # The one relation of the whole selection, with the filter; no partials kept.
    [enige] = _relaties(queries)
    assert "IN (" + ", ".join(map(str, alle_gemeenten)) + ")" in enige


def test_a_partial_taken_out_leaves_the_sum_of_the_others():
    sleutel = ("verloop", "statement", ())
    a = {sleutel: (1, [("x", 2), ("y", 1)])}
    b = {sleutel: (1, [("x", 3)])}
    nieuw_a = {sleutel: (1, [("x", 1), ("z", 4)])}
    leeg_deel = {sleutel: (None, [])}
    som: dict = {}
    for deel in (leeg_deel, a, b):
        deelsom.voeg_toe(som, deel)
    assert som[sleutel] == (1, {("x",): [5, 2], ("y",): [1, 1]})
    deelsom.voeg_toe(som, a, -1)
    deelsom.voeg_toe(som, nieuw_a)
    # "y" is held by no partial any more and is gone, as in one relation.
    assert som[sleutel] == (1, {("x",): [4, 2], ("z",): [4, 1]})
    # A group of zeros that a partial holds stays (a gemeente's row of filtered counts).
    nul = {("verloop", "per_gemeente", ()): (2, [(7, 0, 0)])}
    deelsom.voeg_toe(som, nul)
    assert som[("verloop", "per_gemeente", ())] == (2, {(7,): [0, 0, 1]})


def test_the_kept_sum_takes_only_the_stale_gemeente_out_and_in(db):
    gevraagd = []

    def maak(gemeenten):
        gevraagd.append(list(gemeenten))
        return {g: g * 10 * len(gevraagd) for g in gemeenten}

    def voeg_toe(som, waarde, teken):
        som["totaal"] += teken * waarde

    def opgeteld():
        return panelen.opgeteld(
            "proef", [1, 2, 3], ("x",), maak, 60, lambda: {"totaal": 0}, voeg_toe
        )

    assert opgeteld() == {"totaal": 60}
    assert opgeteld() == {"totaal": 60}
    assert gevraagd == [[1, 2, 3]]
    panelen.gemeente_gewijzigd(3)
    # 10 + 20 + 3 * 10 * 2: gemeente 3 made again, its old value (30) taken out.
    assert opgeteld() == {"totaal": 90}
    assert gevraagd == [[1, 2, 3], [3]]
