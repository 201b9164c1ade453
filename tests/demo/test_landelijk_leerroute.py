"""The landelijk profile's learning route (written in bulk): placements and hours must agree
with the timelines and with what the traject app itself derives from them."""

import datetime as dt
import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db.models import Exists
from django.utils import timezone

from inburgering.dossiers import caseload
from inburgering.dossiers.gebeurtenissen import controleer_gegevens
from inburgering.dossiers.models import Dossier, DossierEvent, Regime
from inburgering.dossiers.services import projectie
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import Afsluitreden, Fase, Soort
from inburgering.traject import uren
from inburgering.traject.models import Contract, Plaatsing, PlaatsingStatus, Uren
from inburgering.traject.statussen import PLAATSING_STATUS

S = PlaatsingStatus
ROUTE_SOORTEN = (Soort.AANGEMELD_LEERROUTE, Soort.LEERROUTE_GESTART)
FASE_STATUS = {
    Fase.WACHT_OP_START: {S.AANGEMELD, S.INTAKE},
    Fase.IN_LEERROUTE: {S.GESTART},
    Fase.AFGEROND: {S.AFGEROND, S.UITGEVALLEN, S.GEANNULEERD, S.VERHUISD},
}


@pytest.fixture(scope="module")
def _geladen(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        uit = io.StringIO()
        call_command(
            "demo_data", "--profiel", "landelijk", "--dossiers", "600", "--seed", "5", stdout=uit
        )
        yield uit.getvalue()
        call_command("demo_data", "--alleen-reset", stdout=io.StringIO())


@pytest.fixture
def landelijk(_geladen, db):
    return _geladen


def _events_per_dossier() -> dict[int, list[DossierEvent]]:
    per = defaultdict(list)
    for e in DossierEvent.objects.order_by("datum", "id"):
        per[e.dossier_id].append(e)
    return per


def test_every_dossier_in_a_route_has_one_placement_that_fits_its_phase(landelijk):
    events = _events_per_dossier()
    plaatsingen = defaultdict(list)
    for p in Plaatsing.objects.select_related("contract__product__aanbieder", "contract"):
        plaatsingen[p.dossier_id].append(p)
    in_route = 0
    for dossier in Dossier.objects.all():
        eigen = events[dossier.pk]
        route = [e for e in eigen if e.soort in ROUTE_SOORTEN]
        if not route or dossier.regime != Regime.WI2021:
            assert not plaatsingen[dossier.pk], dossier.pk
            continue
        in_route += 1
        [p] = plaatsingen[dossier.pk]
        assert p.status in FASE_STATUS[dossier.fase], (dossier.fase, p.status)
        # a move ends the placement as the service does (traject.services.beeindig_bij_verhuizing)
        assert (p.status == S.VERHUISD) == (dossier.afsluitreden == Afsluitreden.VERHUISD)
        assert p.aangemeld_op == route[0].datum
        start = next((e.datum for e in eigen if e.soort == Soort.LEERROUTE_GESTART), None)
        assert p.gestart_op == start
        contract = p.contract
        assert contract.gemeente_id == dossier.gemeente_id
        assert contract.begin <= p.aangemeld_op <= contract.einde
        assert p.wachten_uiterlijk == p.aangemeld_op + dt.timedelta(
            weeks=contract.max_wachttijd_weken
        )
        if p.intake_op:
            assert p.aangemeld_op <= p.intake_op < (p.gestart_op or p.beeindigd_op or dt.date.max)
        # The timeline names the provider the placement is with.
        naam = contract.product.aanbieder.naam
        assert {e.gegevens["cursusinstelling"] for e in route} == {naam}
        assert contract.product.soort == (dossier.leerroute or "b1")
    # Every open dossier in a route phase is placed.
    open_in_route = Dossier.objects.filter(
        fase__in=[Fase.WACHT_OP_START, Fase.IN_LEERROUTE], regime=Regime.WI2021
    )
    assert in_route >= open_in_route.count() > 0
    assert not open_in_route.filter(plaatsingen=None).exists()
    for sleutel in ("gestart", "afgerond", "uitgevallen"):
        assert Plaatsing.objects.filter(status=sleutel).exists(), sleutel


def test_the_facts_follow_the_status_machine_and_the_fold_is_unchanged(landelijk):
    events = _events_per_dossier()
    for p in Plaatsing.objects.all():
        feiten = [
            e
            for e in events[p.dossier_id]
            if e.soort == Soort.PLAATSING and e.gegevens["plaatsing"] == p.pk
        ]
        vorige = None
        for feit in feiten:
            controleer_gegevens(feit.soort, feit.gegevens)
            PLAATSING_STATUS.controleer(vorige, feit.gegevens["status"])
            vorige = feit.gegevens["status"]
        assert vorige == p.status
        assert feiten[0].datum == p.aangemeld_op
        if p.status in (S.UITGEVALLEN, S.GEANNULEERD):
            assert feiten[-1].gegevens["reden"] == p.reden != ""
    # The facts move no phase: the projection is still the fold of the (whole) log.
    for dossier in Dossier.objects.all():
        verwacht = projectie(bereken_toestand(events[dossier.pk]), dossier.regime)
        assert {veld: getattr(dossier, veld) for veld in verwacht} == verwacht, dossier.pk


def test_hours_pass_the_upload_checks_and_match_what_the_app_derives(landelijk):
    vandaag = timezone.localdate()
    plaatsingen = list(Plaatsing.objects.select_related("dossier__gemeente", "contract"))
    rijen = defaultdict(list)
    for r in Uren.objects.order_by("periode_begin"):
        rijen[r.plaatsing_id].append(r)
    assert sum(map(len, rijen.values())) > 0
    for p in plaatsingen:
        eigen = rijen[p.pk]
        if p.gestart_op is None:
            assert not eigen
            continue
        assert len(eigen) <= 12
        for r in eigen:
            assert (r.periode_begin, r.periode_einde) == uren.periode("maand", r.periode_begin)
            fouten = uren.fouten_in_periode(
                p,
                r.periode_begin,
                r.periode_einde,
                r.aangeboden,
                r.aanwezig,
                correctie=False,
                bekend=set(),
                vandaag=vandaag,
            )
            assert fouten == [], (p.pk, r.periode_begin, fouten)
    gestart = [p for p in plaatsingen if p.status == S.GESTART]
    # The Route tab's figures, computed by the app from the stored rows, agree with the flags
    # the generator stored (the absence signal as `werk_verzuim_bij` would store it).
    for p in gestart:
        beeld = uren.routebeeld(p.dossier, vandaag)
        assert beeld.verzuimsignaal == p.verzuimsignaal, p.pk
        maand = vandaag.replace(day=1)
        assert beeld.geen_uren_deze_periode == (not any(
            r.periode_begin == maand for r in rijen[p.pk]
        )), p.pk  # fmt: skip
        [plaatsingsbeeld] = beeld.plaatsingen
        aangeboden = sum(r.aangeboden for r in rijen[p.pk])
        aanwezig = sum(r.aanwezig for r in rijen[p.pk])
        if aangeboden:
            verwacht = round(aanwezig * 100 / aangeboden, 1)
            assert plaatsingsbeeld.aanwezigheid.waarde == verwacht
    voor = {p.pk: p.verzuimsignaal for p in gestart}
    uren.werk_verzuim_bij(gestart, vandaag)
    na = dict(Plaatsing.objects.filter(pk__in=voor).values_list("pk", "verzuimsignaal"))
    assert na == voor


def test_the_caseload_route_filters_each_find_some_but_not_all(landelijk):
    vandaag = timezone.localdate()
    open_dossiers = Dossier.objects.exclude(fase=Fase.AFGEROND)
    geplaatst = open_dossiers.filter(plaatsingen__isnull=False).distinct().count()
    for signaal in caseload.ROUTE_SIGNALEN:
        treffers = open_dossiers.filter(Exists(caseload._route_signaal(signaal, vandaag)))
        assert 0 < treffers.count() < geplaatst, signaal


def test_the_reset_removes_placements_hours_and_the_generated_contracts(landelijk):
    from inburgering.demo.opslag import verwijder_demodata

    assert Contract.objects.filter(kenmerk__startswith="LANDELIJK-").exists()
    verwijder_demodata()
    assert not Plaatsing.objects.exists()
    assert not Uren.objects.exists()
    assert not Contract.objects.filter(kenmerk__startswith="LANDELIJK-").exists()
