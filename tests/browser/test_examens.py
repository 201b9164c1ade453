"""The exams on the Route tab (the former Examens tab) in a real browser, with axe-core:
DUO's attempts per component, a refused negative amount, then a payment recorded and shown
next to the attempts."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.examens.models import ExamenBetaling
from inburgering.koppelingen.duo import client as duo_client
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD
from tests.examens.factories import dossier_met_pip, examenresultaat
from tests.koppelingen.conftest import TOKEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def duo_in_geheugen(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    settings.DUO_NOTIFICATIE_TOKEN = TOKEN
    settings.DUO_NOTIFICATIE_CERT_OIN_HEADER = ""
    duo_client._simulator.cache_clear()
    yield
    duo_client._simulator.cache_clear()


def test_pogingen_zien_en_een_betaling_vastleggen(page, gemeente_a, consulent_a):
    dossier = dossier_met_pip(gemeente_a, consulent_a)
    dag = timezone.localdate() - dt.timedelta(days=2)
    examenresultaat(dossier, "SP", "Gezakt", examendatum=dag)
    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/")
    page.get_by_role("link", name="Route", exact=True).click()
    tabel = page.get_by_role("table", name="Examenonderdelen: 0 van 5 behaald")
    rij = tabel.get_by_role("row", name="Spreken")
    assert f"{dag:%d-%m-%Y}: Niet geslaagd (B1)" in rij.inner_text()
    assert "nog niet behaald" in rij.inner_text()
    assert_accessible(page)

    page.get_by_label("Examenonderdeel").select_option("SP")
    page.get_by_label("Bedrag in euro").fill("-75")
    page.get_by_label("Factuurreferentie").fill("F-2026-0042")
    page.get_by_role("button", name="Betaling vastleggen").click()
    page.get_by_text("Een bedrag kan niet negatief zijn.").wait_for()
    assert page.get_by_label("Bedrag in euro").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert not ExamenBetaling.objects.exists()

    page.get_by_label("Bedrag in euro").fill("75,00")
    page.get_by_role("button", name="Betaling vastleggen").click()
    page.get_by_text("De betaling is vastgelegd.").wait_for()
    rij = page.get_by_role("table", name="Examenonderdelen: 0 van 5 behaald").get_by_role(
        "row", name="Spreken"
    )
    assert "€ 75,00" in rij.inner_text() and "F-2026-0042" in rij.inner_text()
    assert_accessible(page)
    assert ExamenBetaling.objects.get().bedrag_cents == 7500
