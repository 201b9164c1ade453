"""Walk the main pages in a real browser and check each with axe-core."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.models import Dossier
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD, maak_dossier, volgend_test_bsn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def caseload(gemeente_a, gemeente_b, consulent_a, consulent_b):
    vandaag = timezone.localdate()
    return {
        "laat": maak_dossier(
            gemeente_a,
            consulent=consulent_a,
            geslachtsnaam="Laatkomer",
            kennisgeving=vandaag - dt.timedelta(weeks=12),
        ),
        "op_tijd": maak_dossier(
            gemeente_a,
            consulent=consulent_a,
            geslachtsnaam="Optijd",
            kennisgeving=vandaag - dt.timedelta(days=5),
        ),
        "elders": maak_dossier(gemeente_b, consulent=consulent_b, geslachtsnaam="Elders"),
    }


def test_login_page_refuses_a_wrong_password_then_lets_the_user_in(page, consulent_a, caseload):
    page.goto("/")
    assert "/account/inloggen/" in page.url
    assert_accessible(page)
    login(page, consulent_a.username, "verkeerd-wachtwoord")
    assert page.get_by_role("alert").is_visible()
    assert "onjuist" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    login(page, consulent_a.username, WACHTWOORD)
    page.get_by_role("heading", name="Caseload").wait_for()
    assert "/caseload/" in page.url


def test_caseload_lists_filters_and_searches(page, consulent_a, caseload):
    login(page, consulent_a.username, WACHTWOORD)
    tabel = page.get_by_role("table")
    assert "Laatkomer" in tabel.inner_text() and "Optijd" in tabel.inner_text()
    assert "Elders" not in tabel.inner_text()
    assert "te laat" in tabel.inner_text()
    assert_accessible(page)

    page.get_by_label("Termijn PIP").select_option("verlopen")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**deadline=verlopen**")
    assert "Optijd" not in page.get_by_role("table").inner_text()
    assert "Laatkomer" in page.get_by_role("table").inner_text()

    page.goto("/caseload/")
    page.get_by_label("Zoek op naam, BSN of V-nummer").fill(caseload["op_tijd"].inburgeraar.bsn)
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("button", name="Wis zoekopdracht").wait_for()
    assert caseload["op_tijd"].inburgeraar.bsn not in page.url
    assert "Optijd" in page.get_by_role("table").inner_text()
    assert "Laatkomer" not in page.get_by_role("table").inner_text()
    assert_accessible(page)


def test_dossier_page_shows_deadline_explanation_and_records_a_step(page, consulent_a, caseload):
    login(page, consulent_a.username, WACHTWOORD)
    page.get_by_role("link", name=caseload["laat"].inburgeraar.naam).click()
    page.get_by_role("heading", name="Termijnen").wait_for()
    termijnen = page.get_by_role("region", name="Termijnen").inner_text()
    assert "Besluit inburgering 2021, art. 5.3 lid 1" in termijnen
    assert "te laat" in termijnen
    assert_accessible(page)

    page.get_by_label("Wat is er gebeurd?").select_option("intake_gestart")
    page.get_by_label("Datum", exact=True).fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text("De gebeurtenis is vastgelegd.").wait_for()
    assert "Brede intake gestart" in page.get_by_role("region", name="Tijdlijn").inner_text()
    assert Dossier.objects.get(pk=caseload["laat"].pk).fase == "brede_intake"
    assert_accessible(page)


def test_a_foreign_dossier_is_not_found(page, consulent_a, caseload):
    login(page, consulent_a.username, WACHTWOORD)
    antwoord = page.goto(f"/dossiers/{caseload['elders'].uuid}/")
    assert antwoord.status == 404
    assert "Elders" not in page.content()
    assert_accessible(page)


def test_new_dossier_form_shows_errors_at_the_field_then_saves(page, consulent_a, gemeente_a):
    login(page, consulent_a.username, WACHTWOORD)
    with page.expect_navigation():
        page.get_by_role("link", name="Nieuw dossier").click()
    assert_accessible(page)
    page.get_by_label("BSN").fill("123456789")
    page.get_by_label("Voornamen").fill("Yonas")
    page.get_by_label("Achternaam").fill("Tekle")
    page.get_by_label("Geboortedatum").fill("1994-02-11")
    page.get_by_label("Land van herkomst").select_option("ER")
    page.get_by_label("Doelgroep").select_option("asielstatushouder")
    page.get_by_label("Datum kennisgeving DUO").fill(
        (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    )
    page.get_by_role("button", name="Dossier aanmaken").click()
    bsn = page.get_by_label("BSN")
    bsn.wait_for()
    assert bsn.get_attribute("aria-invalid") == "true"
    assert "elfproef" in page.locator("#id_bsn_error").inner_text()
    assert not Dossier.objects.exists()
    assert_accessible(page)

    bsn.fill(volgend_test_bsn())
    page.get_by_role("button", name="Dossier aanmaken").click()
    page.get_by_text("Het dossier is aangemaakt.").wait_for()
    assert Dossier.objects.get().inburgeraar.geslachtsnaam == "Tekle"


def test_privacy_officer_searches_the_access_log(page, privacy_officer, consulent_a, caseload):
    login(page, consulent_a.username, WACHTWOORD)
    page.get_by_role("link", name=caseload["laat"].inburgeraar.naam).click()
    page.get_by_role("button", name="Uitloggen").click()
    login(page, privacy_officer.username, WACHTWOORD)
    page.goto("/account/inzagelog/")
    page.get_by_label("Dossiernummer").fill(str(caseload["laat"].uuid))
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    tabel = page.get_by_role("table").first.inner_text()
    assert "dossier" in tabel and consulent_a.username in tabel
    assert_accessible(page)
    # AVG inzageverzoek: the BSN is posted, the overview offered as PDF and JSON.
    page.get_by_role("link", name="Inzageverzoek (AVG)").click()
    page.get_by_label("BSN van de betrokkene").fill(caseload["laat"].inburgeraar.bsn)
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Overzicht downloaden (PDF)").wait_for()
    assert caseload["laat"].inburgeraar.bsn not in page.url
    assert caseload["laat"].inburgeraar.naam in page.content()
    assert_accessible(page)
