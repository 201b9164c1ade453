"""Monitoring dashboard in a real browser: navigation, filters, charts with tables, axe-core."""

import datetime as dt

import pytest

from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD
from tests.monitoring.helpers import traject

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_is_accessible_and_filters(page, gemeente_a, teamleider_a):
    traject(gemeente_a, dt.date(2024, 3, 4), contact=3, lbt=(35, 15), pip=30, route="b1")
    traject(gemeente_a, dt.date(2024, 3, 4), lbt=(12, 15), pip=90, route="z")
    login(page, teamleider_a.username, WACHTWOORD)
    page.get_by_role("link", name="Monitoring").click()
    page.get_by_role("heading", name="Monitoring", level=1).wait_for()
    page.get_by_label("Peildatum").fill("2025-01-01")
    page.get_by_role("button", name="Toon").click()
    tabel = page.get_by_role("table", name="Score leerbaarheidstoets naar leerroute")
    assert tabel.get_by_role("row", name=">30").get_by_role("cell").first.inner_text() == "1"
    assert page.get_by_role("img", name="Trechter: dossiers per stap").is_visible()
    assert_accessible(page)
    # The evaluation's cut-off: a choice with its explanation, and the page stays accessible.
    keuze = page.get_by_label("Cesuur leerbaarheidstoets")
    assert "rekende met 28 voor elke toets" in page.get_by_text("de evaluatie van SZW").inner_text()
    keuze.select_option("28")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url("**cesuur=28**")
    conform = page.get_by_role("table", name="Leerroute conform of in strijd met de LBT (tabel 2)")
    assert conform.get_by_role("row", name="Totaal").is_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV — Trechter: dossiers per stap").click()
    assert download.value.suggested_filename == "trechter_20250101.csv"


def test_report_and_taakstelling_pages_are_accessible(page, gemeente_a, teamleider_a):
    from inburgering.monitoring.models import Rapportage, Taakstelling

    traject(gemeente_a, dt.date(2024, 7, 1), pip=30, route="b1")
    Taakstelling.objects.create(gemeente=gemeente_a, jaar=2024, halfjaar=2, aantal=10)
    Rapportage.objects.create(gemeente=gemeente_a, soort="kwartaal", jaar=2024, kwartaal=4)
    login(page, teamleider_a.username, WACHTWOORD)
    page.goto("/monitoring/rapportages/")
    page.get_by_role("heading", name="Periodieke rapportages", level=1).wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Utrecht 2024 K4").click()
    page.get_by_role("heading", name="Rapportage inburgering Utrecht 2024 K4").wait_for()
    kern = page.get_by_role("table", name="Kerncijfers 2024 K4, vergeleken met 2024 K3")
    assert kern.get_by_role("row", name="Inburgeringsplichtigen op de peildatum").is_visible()
    assert_accessible(page)
    page.goto("/monitoring/taakstelling/")
    page.get_by_role("heading", name="Taakstelling huisvesting", level=1).wait_for()
    assert_accessible(page)
