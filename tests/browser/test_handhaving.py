"""The fine procedure in Chromium, axe-core on every page: a consulent records an offence of
an asylum permit holder, is refused a voornemen without the individual assessment (with the
reason), records the assessment, sends the voornemen, and after the zienswijze term imposes
the fine; the beschikking PDF opens."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.handhaving.models import Handhavingszaak, ZaakStatus
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD
from tests.handhaving.factories import dossier_met_adres

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _stap(page, zaak, naam, titel):
    """Open the step's details in the case card and return its form."""
    page.locator(f"#zaak-kaart-{zaak.pk} summary", has_text=titel).click()
    return page.locator(f"#form-{naam}-{zaak.pk}")


def test_from_voornemen_to_beschikking(page, consulent_a, gemeente_a):
    vandaag = timezone.localdate()
    dossier = dossier_met_adres(gemeente_a, consulent_a, doelgroep="asielstatushouder")
    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/")
    page.get_by_role("link", name="Handhaving", exact=True).click()
    page.locator("#handhaving-asiel").wait_for()
    assert_accessible(page)

    signaal = page.locator("#form-signaal")
    signaal.get_by_label("Overtreding").select_option("23")
    signaal.get_by_label("Datum van constatering").fill(
        (vandaag - dt.timedelta(days=30)).isoformat()
    )
    signaal.get_by_label("Feiten").fill("Drie lesweken niet aanwezig zonder afmelding.")
    signaal.get_by_label("Verwijtbaarheid (alleen artikel 23)").select_option("opzet")
    signaal.get_by_role("button", name="Overtreding vastleggen").click()
    page.get_by_text("De overtreding is vastgelegd.").wait_for()
    assert_accessible(page)
    zaak = Handhavingszaak.objects.get(dossier=dossier)

    # A voornemen without the individual assessment is refused with the reason.
    voornemen = _stap(page, zaak, "voornemen", "Voornemen versturen")
    voornemen.get_by_label("Verzenddatum").fill((vandaag - dt.timedelta(days=20)).isoformat())
    voornemen.get_by_label("Verzonden per").select_option("post")
    voornemen.get_by_role("button", name="Voornemen versturen").click()
    page.locator("#handhaving-fout").wait_for()
    assert "C-158/23" in page.locator("#handhaving-fout").inner_text()
    assert_accessible(page)
    zaak.refresh_from_db()
    assert zaak.status == ZaakStatus.SIGNAAL

    page.goto(f"/dossiers/{dossier.uuid}/handhaving/")
    beoordeling = _stap(page, zaak, "beoordeling", "Individuele beoordeling vastleggen")
    beoordeling.get_by_label("Datum van de beoordeling").fill(
        (vandaag - dt.timedelta(days=21)).isoformat()
    )
    beoordeling.get_by_label("Beoordelaar").fill("T. Leider")
    beoordeling.get_by_label("Afwegingen").fill(
        "Geen medische of persoonlijke omstandigheden; eerdere gesprekken hielpen niet."
    )
    beoordeling.get_by_label("Conclusie").select_option("ja")
    beoordeling.get_by_role("button", name="Individuele beoordeling vastleggen").click()
    page.get_by_text("De individuele beoordeling is vastgelegd.").wait_for()
    assert_accessible(page)

    voornemen = _stap(page, zaak, "voornemen", "Voornemen versturen")
    voornemen.get_by_label("Verzenddatum").fill((vandaag - dt.timedelta(days=20)).isoformat())
    voornemen.get_by_label("Verzonden per").select_option("post")
    voornemen.get_by_role("button", name="Voornemen versturen").click()
    page.get_by_text("Het voornemen is vastgelegd als verzonden.").wait_for()
    assert "zienswijzetermijn verstreken" in page.locator(f"#volgende-{zaak.pk}").inner_text()
    assert_accessible(page)
    antwoord = page.request.get(f"/dossiers/{dossier.uuid}/handhaving/{zaak.pk}/voornemen.pdf")
    assert antwoord.status == 200 and antwoord.headers["content-type"] == "application/pdf"

    beschikking = _stap(page, zaak, "beschikking", "Beschikking: boete opleggen")
    beschikking.get_by_label("Dagtekening").fill(vandaag.isoformat())
    beschikking.get_by_label("Bedrag in euro's").fill("50")
    beschikking.get_by_label("Motivering").fill("Geen zienswijze; de boete is passend.")
    beschikking.get_by_label("Verzonden per").select_option("post")
    beschikking.get_by_role("button", name="Beschikking: boete opleggen").click()
    page.get_by_text("De boete is opgelegd.").wait_for()
    assert_accessible(page)
    assert "€ 50" in page.locator("#handhaving-plafond").inner_text()
    zaak.refresh_from_db()
    assert zaak.status == ZaakStatus.BESCHIKT and zaak.opgelegd_cents == 5_000
    antwoord = page.request.get(f"/dossiers/{dossier.uuid}/handhaving/{zaak.pk}/beschikking.pdf")
    assert antwoord.status == 200 and antwoord.body()[:4] == b"%PDF"
