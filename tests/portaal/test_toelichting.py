"""Issue 19 item 3: next to every Dutch letter a plain-language explanation in the person's
language (what it is, what it means, what to do, by when, how to disagree), filled with the
letter's own facts, and labelled: only the Dutch letter is official."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inburgering.intake import oproepen
from inburgering.intake.brieven import kenmerk_van, markeer_verzonden
from inburgering.intake.models import Kanaal
from tests.intake.factories import eerste_oproep

from .conftest import log_in

pytestmark = pytest.mark.django_db

BINDEND_NL = "Let op: alleen de Nederlandse brief is officieel."


def _verzend(brief, consulent, datum):
    markeer_verzonden(brief, kanaal=Kanaal.EMAIL, datum=datum, actor=consulent)


def _oproep(dossier, consulent, datum, tot):
    return oproepen.stuur_oproep(
        dossier, kanaal="email", periode_van=datum, periode_tot=tot, datum=datum, actor=consulent
    )


def _brieven(client) -> str:
    antwoord = client.get(reverse("portaal:brieven"))
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def test_uitnodiging_met_de_periode_uit_de_oproep(portaal_aan, burgerdossier, consulent_a, client):
    vandaag = timezone.localdate()
    brief = eerste_oproep(burgerdossier, consulent_a, datum=vandaag, kanaal="email")
    _verzend(brief, consulent_a, vandaag)
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    tekst = _brieven(client)
    van, tot = vandaag + dt.timedelta(days=7), vandaag + dt.timedelta(days=14)
    assert "Dit is een uitnodiging voor de brede intake" in tekst
    assert f"Het gesprek moet tussen {van:%d-%m-%Y} en {tot:%d-%m-%Y} zijn." in tekst
    assert BINDEND_NL in tekst
    assert reverse("portaal:brief_pdf", args=[kenmerk_van(brief)]) in tekst
    # Nothing personal beyond what the portal shows: no name in the explanation block.
    uitleg = tekst.split("Uitleg in uw taal")[1]
    assert burgerdossier.inburgeraar.geslachtsnaam not in uitleg


def test_boetevoornemen_met_de_laatste_dag_voor_de_zienswijze(
    portaal_aan, burgerdossier, consulent_a, client
):
    datum = timezone.localdate() - dt.timedelta(days=10)
    eerste_oproep(burgerdossier, consulent_a, datum=datum, kanaal="email")
    oproepen.registreer_niet_gevolgd(burgerdossier, datum=datum, reden="niet gekomen", actor=None)
    _oproep(burgerdossier, consulent_a, datum, datum + dt.timedelta(days=7))
    oproepen.registreer_niet_gevolgd(burgerdossier, datum=datum, reden="niet gekomen", actor=None)
    voornemen = _oproep(burgerdossier, consulent_a, datum, datum + dt.timedelta(days=30))
    verzonden = datum + dt.timedelta(days=1)
    _verzend(voornemen, consulent_a, verzonden)
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    tekst = _brieven(client)
    laatste = verzonden + dt.timedelta(days=14)
    assert "In deze brief staat dat de gemeente u een boete wil geven." in tekst
    assert "Dit is nog geen besluit." in tekst
    assert f"Vertel het de gemeente uiterlijk op {laatste:%d-%m-%Y}." in tekst
    assert f"{datum + dt.timedelta(days=30):%d-%m-%Y}" in tekst
    assert "€" not in tekst.split("Uitleg in uw taal")[1]


@pytest.mark.parametrize(
    ("taal", "richting", "zin"),
    [
        ("ar", "rtl", "هذه دعوة إلى المقابلة الشاملة"),
        ("ti", "ltr", "እዚ ዕድመ ናብ ሰፊሕ ቃለ-መሕትት"),
        ("en", "ltr", "This is an invitation to the brede intake"),
    ],
)
def test_uitleg_in_de_taal_van_de_persoon(
    portaal_aan, burgerdossier, consulent_a, taal, richting, zin
):
    vandaag = timezone.localdate()
    brief = eerste_oproep(burgerdossier, consulent_a, datum=vandaag, kanaal="email")
    _verzend(brief, consulent_a, vandaag)
    client = Client()
    client.cookies["portaal_taal"] = taal
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    tekst = _brieven(client)
    assert f'dir="{richting}"' in tekst
    assert zin in tekst
    assert BINDEND_NL not in tekst  # the label is translated too
    # The letter's own subject stays Dutch and is marked so.
    assert f'<bdi lang="nl">{brief.onderwerp}</bdi>' in tekst


def test_plan_zegt_hoe_bezwaar_te_maken(met_plan_en_les):
    dossier, client = met_plan_en_les
    from inburgering.pip.models import PipVersie

    versie = PipVersie.objects.get(pip__dossier=dossier)
    laatste = versie.dagtekening + dt.timedelta(weeks=6)
    plan = client.get(reverse("portaal:plan")).content.decode()
    assert "Dan kunt u bezwaar maken." in plan
    assert f"uiterlijk op {laatste:%d-%m-%Y}" in plan
