"""The remaining pages in Chromium with axe-core: contact and appointments, health record,
letters, bulk actions on the caseload, DUO reconciliation, failed DUO messages, access log."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.intake import brede_intake as bi
from inburgering.intake.models import Afspraak, Brief, BriefSjabloon
from inburgering.intake.oproepen import stuur_oproep
from inburgering.koppelingen.duo import afstemming
from inburgering.koppelingen.duo import client as duo_client
from inburgering.koppelingen.duo.simulator import Scenarios
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD, maak_dossier
from tests.koppelingen.conftest import OIN_A

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_contact_page_logs_contact_and_plans_an_appointment(page, consulent_a, dossier_a):
    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier_a.uuid}/contact/")
    assert_accessible(page)
    contact = page.locator("form", has=page.locator("input[value=contact]"))
    contact.get_by_label("Kanaal").select_option("whatsapp")
    contact.get_by_label("Samenvatting").fill("Afspraak via WhatsApp bevestigd")
    contact.get_by_role("button", name="Contact vastleggen").click()
    page.get_by_text("Afspraak via WhatsApp bevestigd").wait_for()

    # The appointment form is rendered on request (a link; no JavaScript needed).
    assert page.locator("input[value=afspraak]").count() == 0
    with page.expect_navigation():
        page.get_by_role("link", name="Afspraak plannen").click()
    assert_accessible(page)
    afspraak = page.locator("form", has=page.locator("input[value=afspraak]"))
    afspraak.get_by_label("Soort").select_option("intake")
    afspraak.get_by_label("Vorm").select_option("huisbezoek")
    begin = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT10:00")
    afspraak.get_by_label("Datum en tijd").fill(begin)
    afspraak.get_by_label("Tolk nodig in").select_option("ar")
    afspraak.get_by_role("button", name="Afspraak plannen").click()
    page.get_by_role("button", name="Gehouden").wait_for()
    assert Afspraak.objects.get(dossier=dossier_a).tolk_taal == "ar"
    assert_accessible(page)


def test_health_record_and_letter_pages(page, consulent_a, dossier_a):
    bi.voeg_gesprek_toe(
        dossier_a,
        actor=consulent_a,
        datum=timezone.localdate(),
        vorm="persoonlijk",
        tolk_taal="",
        deelnemers="",
    )
    brief = stuur_oproep(
        dossier_a,
        kanaal="post",
        periode_van=timezone.localdate(),
        periode_tot=timezone.localdate(),
        datum=timezone.localdate(),
        actor=consulent_a,
    )
    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier_a.uuid}/intake/gezondheid/")
    page.get_by_label("Verslag").fill("Geen bijzonderheden.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Vastgelegd.", exact=True).wait_for()
    assert_accessible(page)
    page.goto(f"/dossiers/{dossier_a.uuid}/brieven/{brief.pk}/")
    assert "Uitnodiging" in page.get_by_role("heading", level=1).inner_text()
    assert_accessible(page)


def test_bulk_invitation_for_a_wave_from_the_caseload(page, consulent_a, gemeente_a):
    golf = [
        maak_dossier(
            gemeente_a,
            consulent=consulent_a,
            geslachtsnaam=f"Golf{i}",
            kennisgeving=timezone.localdate() - dt.timedelta(days=2),
        )
        for i in range(3)
    ]
    login(page, consulent_a.username, WACHTWOORD)
    for dossier in golf:
        page.get_by_label(f"Selecteer {dossier.inburgeraar.naam}").check()
    bulk = page.locator("#bulk")
    bulk.get_by_label("Actie").select_option("uitnodigen")
    bulk.get_by_label("Uitnodiging per").select_option("post")
    bulk.get_by_label("Afspraak maken vanaf").fill(timezone.localdate().isoformat())
    bulk.get_by_label("Afspraak maken uiterlijk").fill(
        (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    )
    bulk.get_by_role("button", name="Uitvoeren").click()
    page.get_by_text("Uitgevoerd voor 3 dossiers.").wait_for()
    assert Brief.objects.count() == 3
    assert_accessible(page)


def test_reconciliation_failed_messages_and_access_log(
    page, teamleider_a, beheerder, privacy_officer, dossier_a, settings
):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    gemeente = dossier_a.gemeente
    gemeente.oin = OIN_A
    gemeente.save()
    Scenarios(duo_client.gedeelde_simulator()).registreer_gemeente(OIN_A, gemeente.cbs_code)
    login(page, teamleider_a.username, WACHTWOORD)
    page.get_by_role("link", name="Afstemming DUO").click()
    page.get_by_role("button", name="Rapport tonen").click()
    page.get_by_role("button", name="Nu afstemmen").click()
    page.get_by_test_id("afstemming-lopend").wait_for()
    assert afstemming.verwerk_wachtende() == 1  # the worker, in the background
    page.reload()
    page.get_by_role("table").wait_for()
    assert "DUO kent deze persoon niet" in page.get_by_role("table").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    login(page, beheerder.username, WACHTWOORD)
    page.get_by_role("link", name="DUO-berichten").click()
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    login(page, privacy_officer.username, WACHTWOORD)
    page.get_by_role("link", name="Inzagelog").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    assert "duo_afstemming" in page.get_by_role("table").first.inner_text()
    assert_accessible(page)
    duo_client._simulator.cache_clear()


def test_letter_texts_edit_preview_and_save(page, beheerder, gemeente_a):
    login(page, beheerder.username, WACHTWOORD)
    page.get_by_role("link", name="Briefhoofd").click()
    with page.expect_navigation():
        page.get_by_role("link", name="De teksten van de brieven aanpassen").click()
    assert_accessible(page)
    page.get_by_role("link", name="Uitnodiging brede intake").click()
    page.get_by_role("textbox", name="Tekst").fill("Beste {{ naam }}, kom langs. {{ bsn }}")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Onbekend veld: {{ bsn }}").first.wait_for()
    assert_accessible(page)
    page.get_by_role("textbox", name="Tekst").fill(
        "Beste {{ naam }}, kom langs bij {{ gemeente }}."
    )
    page.get_by_role("button", name="Voorbeeld tonen").click()
    page.get_by_text(f"Beste A. Voorbeeld, kom langs bij {gemeente_a.naam}.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="Terug naar de standaardtekst").wait_for()
    assert BriefSjabloon.objects.get(gemeente=gemeente_a).tekst.startswith("Beste {{ naam }}")
