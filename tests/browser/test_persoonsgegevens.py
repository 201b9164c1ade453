"""Changing personal data after creation, in a real browser with axe (issue 14 item 5)."""

import pytest

from inburgering.dossiers.models import Inburgeraar
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_consulent_changes_contact_data_and_sees_it_in_the_timeline(page, consulent_a, dossier_a):
    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier_a.uuid}/")
    page.get_by_role("link", name="Contactgegevens, talen en postadres wijzigen").click()
    page.get_by_role("heading", name="Persoonsgegevens wijzigen").wait_for()
    # Untouched: nothing marked as an error.
    assert page.locator("[aria-invalid=true]").count() == 0
    assert_accessible(page)

    page.get_by_label("Telefoon").fill("bel me")
    page.get_by_label("Straat en huisnummer").fill("Kerkstraat 1")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.get_by_role("alert").wait_for()
    assert "Vul een telefoonnummer in" in page.locator("#id_telefoon_error").inner_text()
    assert page.get_by_label("Telefoon").get_attribute("aria-invalid") == "true"
    assert "Vul het hele postadres in" in page.locator("#id_post_plaats_error").inner_text()
    assert_accessible(page)

    page.get_by_label("Telefoon").fill("06 12345678")
    page.get_by_label("Postcode").fill("3511ab")
    page.get_by_label("Plaats").fill("Utrecht")
    page.get_by_label("Voorkeurstaal").select_option("ti")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.get_by_text("De persoonsgegevens zijn gewijzigd.").wait_for()
    tijdlijn = page.locator(".app-tijdlijn").inner_text()
    assert "Persoonsgegevens gewijzigd" in tijdlijn
    assert "voorkeurstaal: Arabisch → Tigrinya" in tijdlijn
    assert "postcode (post): — → 3511 AB" in tijdlijn
    assert_accessible(page)
    persoon = Inburgeraar.objects.get(pk=dossier_a.inburgeraar_id)
    assert persoon.telefoon == "06 12345678" and persoon.voorkeurstaal == "ti"
