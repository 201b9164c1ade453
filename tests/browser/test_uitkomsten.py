"""Participation follow-up on the dossier in a real browser, with axe-core."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.models import DossierEvent
from inburgering.dossiers.workflow import Soort
from inburgering.wet.kalender import plus_maanden
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD
from tests.monitoring.helpers import traject

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_a_measurement_and_a_refused_cost(page, gemeente_a, consulent_a):
    vandaag = timezone.localdate()
    dossier = traject(
        gemeente_a, vandaag - dt.timedelta(days=360), consulent=consulent_a, pip=30, start_route=60
    )
    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/")
    page.get_by_role("heading", name="Participatie en uitkomsten").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Participatie en uitkomsten").first.click()
    page.get_by_role("heading", name="Participatie meten").wait_for()
    assert_accessible(page)

    meetdatum = plus_maanden(vandaag - dt.timedelta(days=300), 6)
    page.get_by_label("Datum van de meting").fill(meetdatum.isoformat())
    page.get_by_label("Vervolgmoment", exact=True).select_option("6")
    page.get_by_label("Werk", exact=True).check()
    page.get_by_label("Uitkering", exact=True).check()
    page.get_by_role("button", name="Meting vastleggen").click()
    page.get_by_text("Vastgelegd.", exact=True).wait_for()
    tabel = page.get_by_role("table", name="Vervolgmomenten participatie")
    rij = tabel.get_by_role("row", name="6 maanden")
    assert f"gemeten op {meetdatum:%d-%m-%Y}" in rij.inner_text()
    assert "Werk, Uitkering" in rij.inner_text()

    page.get_by_label("Bedrag in euro").fill("0")
    page.get_by_role("button", name="Kosten vastleggen").click()
    page.get_by_text("Het bedrag moet groter zijn dan € 0.").wait_for()
    assert page.get_by_label("Bedrag in euro").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    soorten = set(DossierEvent.objects.filter(dossier=dossier).values_list("soort", flat=True))
    assert Soort.PARTICIPATIE_GEMETEN in soorten and Soort.KOSTEN_GEREGISTREERD not in soorten
