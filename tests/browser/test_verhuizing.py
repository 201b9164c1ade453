"""The move in a real browser, with axe-core: gemeente A's consulent records the move to B,
B's consulent takes the package over from the list "Verhuizingen" and sees the new PIP deadline
with its citation (Besluit 5.3 lid 3); the file import page."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.models import Dossier
from inburgering.koppelingen.duo import client as duo_client
from inburgering.verhuizing.models import Overdracht, Status
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD
from tests.verhuizing.factories import dossier_met_alles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def duo_in_geheugen(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    yield
    duo_client._simulator.cache_clear()


def test_verhuizing_vastleggen_en_overnemen(page, gemeente_a, gemeente_b, consulent_a, consulent_b):
    dossier = dossier_met_alles(gemeente_a, consulent_a)
    inschrijving = timezone.localdate() - dt.timedelta(days=2)
    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/")
    page.get_by_role("link", name="Verhuizing", exact=True).click()
    page.get_by_role("heading", name="Verhuizing vastleggen").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Verhuizing vastleggen en overdragen").click()
    page.get_by_text("Kies de nieuwe gemeente.").wait_for()
    assert_accessible(page)
    page.get_by_label("Nieuwe gemeente", exact=True).select_option(label="Deventer")
    page.get_by_label("Datum inschrijving in de nieuwe gemeente (BRP)").fill(
        inschrijving.isoformat()
    )
    page.get_by_role("button", name="Verhuizing vastleggen en overdragen").click()
    page.get_by_text("De verhuizing is vastgelegd en het dossier is afgesloten.").wait_for()
    assert page.get_by_role("heading", name="Verhuisd: dossier overgedragen").is_visible()
    assert_accessible(page)
    assert Overdracht.objects.get().status == Status.WACHT_OP_ACCEPTATIE

    page.context.clear_cookies()
    login(page, consulent_b.username, WACHTWOORD)
    page.get_by_role("link", name="Verhuizingen", exact=True).click()
    tabel = page.get_by_role("table", name="Wachten op overname")
    assert "Utrecht" in tabel.inner_text()
    assert_accessible(page)
    tabel.get_by_role("link", name=dossier.inburgeraar.geslachtsnaam, exact=False).click()
    page.get_by_role("heading", name="PIP-versies").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Dossier overnemen").click()
    page.get_by_text("Het dossier is overgenomen.").wait_for()
    page.get_by_role("heading", name="Overgedragen vanuit gemeente Utrecht").wait_for()
    termijn = page.locator("#pip-termijn").inner_text()
    assert "Besluit inburgering 2021, art. 5.3 lid 3" in termijn
    assert "10 weken na de inschrijving in de nieuwe gemeente" in termijn
    assert_accessible(page)
    assert Dossier.objects.filter(gemeente=gemeente_b).count() == 1

    page.get_by_role("link", name="Verhuizingen", exact=True).click()
    page.get_by_text("Er wachten geen dossiers op overname.").wait_for()
    page.get_by_role(
        "link", name="Een overdrachtsbestand van een andere installatie inlezen"
    ).click()
    page.get_by_role("button", name="Bestand controleren en inlezen").click()
    page.get_by_text("Kies een bestand.").wait_for()
    assert_accessible(page)
