"""The Examens tab: the overview with DUO's attempts, the payment form, bad input, scope."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Inzagelog
from inburgering.dossiers.workflow import Soort
from inburgering.examens.models import ExamenBetaling

from .factories import dossier_met_pip, examenresultaat

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(gemeente_a, consulent_a):
    d = dossier_met_pip(gemeente_a, consulent_a)
    examenresultaat(d, "KNM", "Gezakt", examendatum=timezone.localdate() - dt.timedelta(days=5))
    return d


def _url(dossier):
    return reverse("traject:route", kwargs={"uuid": dossier.uuid})


def _post(client, dossier, **velden):
    data = {
        "actie": "betaling",
        "onderdeel": "KNM",
        "bedrag": "50,00",
        "datum": timezone.localdate().isoformat(),
        "factuurreferentie": "F-2026-0001",
        "toelichting": "",
        **velden,
    }
    return client.post(_url(dossier), data)


def test_pagina_toont_plan_en_pogingen_en_logt_inzage(client, dossier, consulent_a):
    client.force_login(consulent_a)
    antwoord = client.get(_url(dossier))
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Kennis van de Nederlandse maatschappij (KNM)" in tekst
    assert "Niet geslaagd" in tekst and "nog niet behaald" in tekst
    assert "Examenonderdelen: 0 van 5 behaald" in tekst
    assert 'aria-current="page">Route' in tekst and ">Examens</a>" not in tekst
    assert Inzagelog.objects.filter(dossier=dossier, doel="route").count() == 1


def test_oude_examens_tab_leidt_naar_de_route_tab(client, dossier, consulent_a, gemeente_b):
    client.force_login(consulent_a)
    oud = reverse("examens:examens", kwargs={"uuid": dossier.uuid})
    antwoord = client.get(oud)
    assert antwoord.status_code == 302
    assert antwoord.headers["Location"] == _url(dossier) + "#kop-examens"


def test_betaling_vastleggen(client, dossier, consulent_a):
    client.force_login(consulent_a)
    antwoord = _post(client, dossier, bedrag="52,50")
    assert antwoord.status_code == 302
    b = ExamenBetaling.objects.get()
    assert (b.onderdeel, b.bedrag_cents, b.factuurreferentie) == ("KNM", 5250, "F-2026-0001")
    tekst = client.get(_url(dossier)).content.decode()
    assert "€ 52,50" in tekst and "F-2026-0001" in tekst


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"bedrag": "-50"}, "Een bedrag kan niet negatief zijn."),
        ({"bedrag": "0"}, "Het bedrag moet groter zijn dan € 0."),
        ({"bedrag": "vijftig"}, "Vul een bedrag in"),
        ({"onderdeel": "ONA"}, "Selecteer een geldige keuze"),
        ({"factuurreferentie": ""}, "Dit veld is vereist"),
    ],
)
def test_slechte_invoer_geeft_melding_en_slaat_niets_op(
    client, dossier, consulent_a, velden, melding
):
    client.force_login(consulent_a)
    antwoord = _post(client, dossier, **velden)
    assert antwoord.status_code == 400
    assert melding in antwoord.content.decode(), antwoord.context["form"].errors
    assert not ExamenBetaling.objects.exists()
    assert not dossier.events.filter(soort=Soort.EXAMEN_BETAALD).exists()


def test_onderdeel_buiten_de_route_wordt_niet_aangeboden(client, gemeente_a, consulent_a):
    d = dossier_met_pip(
        gemeente_a, consulent_a, score=20, leerroute="z", niveau="A2",
        pip={"zroute_examens": "knm"},
    )  # fmt: skip
    client.force_login(consulent_a)
    tekst = client.get(_url(d)).content.decode()
    assert '<option value="KNM"' in tekst and '<option value="LE"' not in tekst
    antwoord = _post(client, d, onderdeel="LE")
    assert antwoord.status_code == 400 and not ExamenBetaling.objects.exists()


def test_dubbele_factuur_geweigerd(client, dossier, consulent_a):
    client.force_login(consulent_a)
    assert _post(client, dossier).status_code == 302
    antwoord = _post(client, dossier)
    assert antwoord.status_code == 400
    assert "Deze factuur is voor dit onderdeel al vastgelegd" in antwoord.content.decode()
    assert ExamenBetaling.objects.count() == 1


def test_andere_gemeente_krijgt_404(client, dossier, consulent_b):
    client.force_login(consulent_b)
    assert client.get(_url(dossier)).status_code == 404
    assert _post(client, dossier).status_code == 404
    assert not ExamenBetaling.objects.exists()
