"""LBT exemption, appointment reminders, COA contact and the contact person's history."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.workflow import Soort
from inburgering.intake import brede_intake as bi
from inburgering.intake import herinneringen
from inburgering.intake.models import Afspraak, Brief
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db
D = dt.date.today


def test_lbt_exemption_for_a_visual_impairment_completes_the_lbt_topic(dossier_a, consulent_a):
    bi.voeg_gesprek_toe(
        dossier_a, actor=consulent_a, datum=D(), vorm="persoonlijk", tolk_taal="", deelnemers=""
    )
    intake = bi.intake_van(dossier_a)
    assert "leerbaarheidstoets" in bi.volledigheid(intake).uitleg
    bi.verleen_lbt_ontheffing(
        dossier_a,
        actor=consulent_a,
        datum=D(),
        beperking="visueel",
        in_staat_geacht=False,
        motivering="Blind sinds geboorte.",
    )
    assert "leerbaarheidstoets" not in bi.volledigheid(intake).uitleg
    event = dossier_a.events.get(soort=Soort.LBT_ONTHEFFING)
    assert event.gegevens["grondslag"] == "BWBR0044770 art. 14 lid 6 onder a"


def test_no_exemption_when_the_person_with_hearing_loss_can_take_the_test(dossier_a, consulent_a):
    with pytest.raises(OngeldigeGebeurtenis, match="geen grond voor ontheffing"):
        bi.verleen_lbt_ontheffing(
            dossier_a,
            actor=consulent_a,
            datum=D(),
            beperking="auditief",
            in_staat_geacht=True,
            motivering="Hoort met hoortoestel.",
        )
    assert not dossier_a.lbt_ontheffingen.exists()


def test_no_exemption_before_the_article_took_effect(dossier_a, consulent_a):
    with pytest.raises(OngeldigeGebeurtenis, match="21-10-2025"):
        bi.verleen_lbt_ontheffing(
            dossier_a,
            actor=consulent_a,
            datum=dt.date(2025, 10, 20),
            beperking="visueel",
            in_staat_geacht=False,
            motivering="x",
        )


def test_exemption_through_the_page(client, dossier_a, consulent_a):
    client.force_login(consulent_a)
    url = reverse("intake:toets_en_route", args=[dossier_a.uuid])
    antwoord = client.post(
        url,
        {
            "actie": "ontheffing",
            "datum": D(),
            "beperking": "visueel",
            "motivering": "Ernstig slechtziend.",
        },
    )
    assert antwoord.status_code == 302
    assert "Het college verleent ontheffing" in client.get(url).content.decode()


def test_reminders_are_prepared_once_on_the_right_day(dossier_a, consulent_a):
    begin = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + dt.timedelta(
        days=3
    )
    afspraak = Afspraak.objects.create(
        dossier=dossier_a,
        soort="intake",
        vorm="op_locatie",
        begin=begin,
        medewerker=consulent_a,
        herinnering_dagen=1,
        locatie="Stadskantoor",
    )
    assert herinneringen.verstuur() == 0  # three days before: too early
    with time_machine.travel(begin - dt.timedelta(days=1, hours=2)):
        assert herinneringen.verstuur() == 1
        assert herinneringen.verstuur() == 0  # not twice
    brief = Brief.objects.get(soort="herinnering_afspraak")
    assert "Stadskantoor" in brief.tekst and timezone.localtime(begin).strftime("%d-%m-%Y") in (
        brief.tekst
    )
    afspraak.refresh_from_db()
    assert afspraak.herinnering_verstuurd_op is not None


def test_cancelled_appointments_get_no_reminder(dossier_a, consulent_a):
    Afspraak.objects.create(
        dossier=dossier_a,
        soort="intake",
        vorm="video",
        begin=timezone.now() + dt.timedelta(hours=20),
        medewerker=consulent_a,
        status="geannuleerd",
    )
    assert herinneringen.verstuur() == 0


def test_coa_contact_is_recorded_and_shown(client, consulent_a, gemeente_a):
    from tests.conftest import volgend_test_bsn

    client.force_login(consulent_a)
    client.post(
        reverse("dossiers:nieuw"),
        {
            "bsn": volgend_test_bsn(),
            "voornamen": "Selam",
            "geslachtsnaam": "Kidane",
            "geboortedatum": "1995-03-01",
            "geslacht": "V",
            "land_van_herkomst": "ER",
            "gemeente": gemeente_a.pk,
            "regime": "wi2021",
            "doelgroep": "asielstatushouder",
            "koppeling_datum": (D() - dt.timedelta(days=10)).isoformat(),
            "azc": "Budel",
            "coa_contact": "J. de Boer, 088-7157000",
        },
    )
    from inburgering.dossiers.models import Dossier

    dossier = Dossier.objects.get(inburgeraar__geslachtsnaam="Kidane")
    html = client.get(reverse("dossiers:dossier", args=[dossier.uuid])).content.decode()
    assert "contact COA: J. de Boer, 088-7157000" in html


def test_contact_person_history_shows_the_current_one_first(
    client, gemeente_a, consulent_a, collega_a
):
    from inburgering.dossiers.services import wijs_consulent_toe

    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, kennisgeving=D() - dt.timedelta(days=30)
    )
    wijs_consulent_toe(dossier, collega_a, D(), actor=consulent_a)
    client.force_login(collega_a)
    html = client.get(reverse("intake:contact", args=[dossier.uuid])).content.decode()
    nu = html.index("<strong>Nu:</strong> " + collega_a.weergavenaam)
    assert nu < html.index(consulent_a.weergavenaam + " (sinds")
