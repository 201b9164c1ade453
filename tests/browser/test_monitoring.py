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
