"""Ontzorgen in a real browser with axe-core: a consulent starts ontzorgen and records the
rent (an invalid IBAN refused at the field first); a monthly batch is made by one user and
approved by a second (four eyes)."""

import datetime as dt

import pytest

from inburgering.ontzorgen.models import Batchstatus, Betaalbatch, VasteLast
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD, maak_dossier
from tests.ontzorgen.factories import beleid, gestart, met_huur

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kosten_vastleggen(page, gemeente_a, consulent_a):
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, actor=consulent_a, kennisgeving=dt.date(2025, 12, 1)
    )
    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Ontzorgen en begeleiding", exact=True).click()
    assert_accessible(page)

    page.locator("#start_recht_op_bijstand_vanaf").fill("2026-01-01")
    page.get_by_role("button", name="Ontzorgen starten").click()
    page.get_by_text("Het ontzorgen is gestart.").wait_for()
    assert "tot en met 30-06-2026" in page.locator("#status-ontzorgen").inner_text()
    assert_accessible(page)

    page.get_by_label("Soort vaste last").select_option("huur")
    page.get_by_label("Begunstigde", exact=True).fill("Woonstichting De Sleutel")
    page.get_by_label("IBAN van de begunstigde").fill("NL92ABNA0417164300")
    page.get_by_label("Bedrag per maand in euro").fill("650,00")
    page.get_by_label("Betalingskenmerk").fill("HUUR-123")
    page.get_by_role("button", name="Vaste last vastleggen").click()
    page.get_by_text("De controlecijfers van dit IBAN kloppen niet").first.wait_for()
    assert page.get_by_label("IBAN van de begunstigde").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert not VasteLast.objects.exists()

    page.get_by_label("IBAN van de begunstigde").fill("NL91 ABNA 0417 1643 00")
    page.get_by_role("button", name="Vaste last vastleggen").click()
    page.get_by_text("De vaste last is vastgelegd.").wait_for()
    assert "Woonstichting De Sleutel" in page.locator("#status-ontzorgen").inner_text()
    assert_accessible(page)
    assert VasteLast.objects.get().iban == "NL91ABNA0417164300"


def test_batch_maken_en_goedkeuren(page, gemeente_a, consulent_a, collega_a):
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, actor=consulent_a, kennisgeving=dt.date(2025, 12, 1)
    )
    beleid(gemeente_a)
    met_huur(gestart(dossier, consulent_a), consulent_a)
    login(page, consulent_a.username, WACHTWOORD)
    page.goto("/ontzorgen/batches/")
    assert_accessible(page)
    page.get_by_label("Maand", exact=True).fill("2026-02-01")
    page.get_by_role("button", name="Batch maken").click()
    page.get_by_text("De batch is gemaakt en wacht op goedkeuring.").wait_for()
    assert page.get_by_text("een andere medewerker keurt hem goed").is_visible()
    assert_accessible(page)
    url = page.url

    page.context.clear_cookies()
    login(page, collega_a.username, WACHTWOORD)
    page.goto(url)
    page.get_by_role("button", name="Batch goedkeuren (vier ogen)").click()
    page.get_by_text("De batch is goedgekeurd; de betalingen zijn vastgelegd.").wait_for()
    assert page.locator("#batch-status").inner_text() == "Goedgekeurd en betaald"
    assert_accessible(page)
    batch = Betaalbatch.objects.get()
    assert (batch.status, batch.goedgekeurd_door) == (Batchstatus.GOEDGEKEURD, collega_a)
