"""The exams services: plan per route from the vastgesteld PIP, DUO's results and free attempts,
payments with their event, and the refusals of bad input."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.workflow import Soort
from inburgering.examens import services
from inburgering.examens.models import ExamenBetaling
from inburgering.koppelingen.duo import client as duo_client
from tests.conftest import maak_dossier

from .factories import betaling, dossier_met_pip, examenresultaat

pytestmark = pytest.mark.django_db


def test_b1_route_plan_pogingen_gratis_en_betaald(gemeente_a, consulent_a):
    dossier = dossier_met_pip(gemeente_a, consulent_a)
    dag = timezone.localdate() - dt.timedelta(days=3)
    examenresultaat(dossier, "LE", "Gezakt", examendatum=dag - dt.timedelta(days=20))
    examenresultaat(dossier, "LE", "Geslaagd", examendatum=dag)
    examenresultaat(dossier, "KNM", "Geen", examendatum=dag, reden_geen_resultaat="Afgemeld")
    betaling(dossier, consulent_a, "LE", 5000)
    betaling(dossier, consulent_a, "LE", 5000)

    o = services.overzicht(dossier)
    assert [r.onderdeel for r in o.regels] == ["LE", "LU", "SC", "SP", "KNM"]
    assert all(r.vereist and r.niveau in ("B1", "") for r in o.regels)
    lezen, knm = o.regels[0], o.regels[4]
    assert (lezen.aantal_pogingen, lezen.behaald, lezen.behaald_op) == (2, True, dag)
    assert [p.resultaat for p in lezen.pogingen] == ["Gezakt", "Geslaagd"]
    assert (knm.aantal_pogingen, knm.behaald, knm.pogingen[0].telt) == (0, False, False)
    # DUO's Examen API (the simulator): 3 to start with, less the counted attempts
    assert (lezen.gratis, knm.gratis, o.regels[1].gratis) == (1, 3, 3)
    assert (lezen.betaald_cents, o.totaal_cents, o.totaal_euro) == (10000, 10000, "100,00")
    assert o.behaald == 1 and o.gratis.fout == ""


def test_betaling_schrijft_event_en_rij_in_een_keer(gemeente_a, consulent_a):
    dossier = dossier_met_pip(gemeente_a, consulent_a)
    b = betaling(dossier, consulent_a, "SP", 5250, factuurreferentie="INV-77")
    ev = dossier.events.get(soort=Soort.EXAMEN_BETAALD)
    assert b.event == ev and ev.actor == consulent_a
    assert ev.gegevens == {"onderdeel": "SP", "bedrag_cents": 5250, "factuurreferentie": "INV-77"}


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"bedrag_cents": -100}, "kan niet negatief"),
        ({"bedrag_cents": 0}, "groter zijn dan"),
        ({"bedrag_cents": 100_001}, "hoger dan"),
        ({"factuurreferentie": "  "}, "factuurreferentie"),
        ({"onderdeel": "ONA"}, "Kies een examenonderdeel"),
        ({"datum": "morgen"}, "toekomst"),
    ],
)
def test_slechte_invoer_slaat_niets_op(gemeente_a, consulent_a, wijziging, melding):
    dossier = dossier_met_pip(gemeente_a, consulent_a)
    invoer = {
        "onderdeel": "KNM",
        "bedrag_cents": 5000,
        "datum": timezone.localdate(),
        "factuurreferentie": "F-1",
        "actor": consulent_a,
        **wijziging,
    }
    if invoer["datum"] == "morgen":
        invoer["datum"] = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(services.ExamenFout, match=melding):
        services.registreer_betaling(dossier, **invoer)
    assert not ExamenBetaling.objects.exists()
    assert not dossier.events.filter(soort=Soort.EXAMEN_BETAALD).exists()


def test_onderdeel_buiten_de_route_en_dubbele_factuur(gemeente_a, consulent_a):
    dossier = dossier_met_pip(
        gemeente_a, consulent_a, score=20, leerroute="z", niveau="A2",
        pip={"zroute_examens": "knm"},
    )  # fmt: skip
    assert services.onderdelen_in_plan(dossier) == ["KNM"]
    with pytest.raises(services.ExamenFout, match="hoort niet bij de examens van Z-route"):
        betaling(dossier, consulent_a, "LE")
    betaling(dossier, consulent_a, "KNM", factuurreferentie="F-9")
    with pytest.raises(services.ExamenFout, match="al vastgelegd"):
        betaling(dossier, consulent_a, "KNM", factuurreferentie="F-9")
    assert ExamenBetaling.objects.count() == 1
    assert dossier.events.filter(soort=Soort.EXAMEN_BETAALD).count() == 1


def test_zonder_vastgesteld_pip_geen_plan_en_geen_betaling(gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    o = services.overzicht(dossier, duo=False)
    assert not o.heeft_plan and o.regels == [] and o.gratis is None
    with pytest.raises(services.ExamenFout, match="geen vastgesteld PIP"):
        betaling(dossier, consulent_a)


def test_onderwijsroute_examens_niet_verplicht(gemeente_a, consulent_a):
    dossier = dossier_met_pip(gemeente_a, consulent_a, leerroute="onderwijs")
    o = services.overzicht(dossier, duo=False)
    assert len(o.regels) == 5 and not any(r.vereist for r in o.regels)


def test_duo_storing_geeft_een_melding_en_toch_het_overzicht(gemeente_a, consulent_a):
    dossier = dossier_met_pip(gemeente_a, consulent_a)
    sim = duo_client.gedeelde_simulator()
    sim.storing(503, pad="gratispogingen$")
    o = services.overzicht(dossier)
    assert o.gratis.per_onderdeel == {} and "DUO gaf geen antwoord" in o.gratis.fout
    assert len(o.regels) == 5 and o.regels[0].gratis is None
