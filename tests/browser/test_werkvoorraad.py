"""Walks in Chromium with axe-core on every page: the four-eyes queue (a colleague sees the PIP
waiting for them, approves it, the queue empties), handling a signal, and sending a letter
(print as PDF, mark as sent, the timeline), plus the beheerder's letterhead with its preview."""

import re

import pytest
from django.utils import timezone

from inburgering.brieven import services as brieven
from inburgering.dossiers.workflow import Soort
from inburgering.koppelingen.duo import client as duo_client
from inburgering.pip.models import Status
from tests.brieven.factories import oproepbrief
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD, maak_dossier
from tests.pip.factories import dossier_klaar
from tests.werkvoorraad.factories import attentiesignaal, ter_goedkeuring

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def duo(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    yield
    duo_client._simulator.cache_clear()


def _teller(page, naam: str) -> str:
    return page.locator(f'[data-teller="{naam}"]').inner_text().strip()


def test_vier_ogen_wachtrij(page, gemeente_a, consulent_a, collega_a):
    dossier = dossier_klaar(gemeente_a, consulent_a)
    versie = ter_goedkeuring(dossier, consulent_a)
    login(page, collega_a.username, WACHTWOORD)
    page.goto("/caseload/")
    assert _teller(page, "goedkeuring") == "1"
    page.get_by_role("link", name=re.compile("Wacht op mijn goedkeuring")).click()
    page.get_by_role("heading", name="Wacht op mijn goedkeuring").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name=dossier.inburgeraar.naam).click()
    page.get_by_role("heading", name=re.compile("Controle vóór vaststelling")).wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Goedkeuren (vier ogen)").click()
    page.get_by_text("Het PIP is goedgekeurd.").wait_for()
    versie.refresh_from_db()
    assert versie.status == Status.GOEDGEKEURD and versie.goedgekeurd_door == collega_a
    assert _teller(page, "goedkeuring") == "0"
    page.get_by_role("link", name=re.compile("Wacht op mijn goedkeuring")).click()
    page.get_by_text("Er wacht geen PIP op uw goedkeuring.").wait_for()


def test_signaal_afhandelen(page, gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    attentiesignaal(dossier, "SS142", "Opleiding beëindigd")
    login(page, consulent_a.username, WACHTWOORD)
    page.goto("/werkvoorraad/signalen/")
    assert _teller(page, "signalen") == "1"
    assert_accessible(page)
    page.get_by_label("Toelichting (optioneel)").fill("Gebeld; PIP herzien.")
    page.get_by_role("button", name="Afgehandeld").click()
    page.get_by_text("Er staan geen signalen open.").wait_for()
    assert _teller(page, "signalen") == "0"
    assert_accessible(page)
    assert dossier.events.filter(soort=Soort.SIGNAAL_AFGEHANDELD).count() == 1


def test_brief_versturen(page, gemeente_a, consulent_a):
    brieven.bewaar_contactgegevens(consulent_a, telefoon="030 286 00 00", email="a@utrecht.example")
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, actor=consulent_a,
        post_straat="Lange Nieuwstraat 7", post_postcode="3512 PE", post_plaats="Utrecht",
    )  # fmt: skip
    brief = oproepbrief(dossier, consulent_a)
    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/oproepen/")
    page.get_by_role("link", name=brief.onderwerp).click()
    page.get_by_role("heading", name="Verzenden").wait_for()
    assert_accessible(page)
    assert "030 286 00 00" in page.locator("#afzender").inner_text()
    assert "Lange Nieuwstraat 7" in page.locator("#ontvanger").inner_text()
    kenmerk = page.locator("#kenmerk").inner_text()
    pdf_url = page.get_by_role("link", name="Print de brief (PDF)").get_attribute("href")
    pdf = page.request.get(pdf_url)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    page.get_by_label("Verzonden via").select_option("post")
    page.get_by_label("Verzonden op").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Markeer als verzonden").click()
    page.get_by_text("De brief is als verzonden gemarkeerd.").wait_for()
    assert "Verzonden" in page.locator("#verzonden").inner_text()
    assert_accessible(page)
    page.goto(f"/dossiers/{dossier.uuid}/")
    page.get_by_text(re.compile(f"kenmerk {kenmerk}")).first.wait_for()


def test_briefhoofd_met_voorbeeld(page, gemeente_a, beheerder):
    login(page, beheerder.username, WACHTWOORD)
    page.goto("/briefhoofd/")
    page.get_by_role("heading", name=re.compile("Briefhoofd")).first.wait_for()
    assert_accessible(page)
    page.get_by_label("Afdeling").fill("Team Inburgering")
    page.get_by_label("Adres voor een bezwaarschrift").fill("Postbus 16200\n3500 CE Utrecht")
    page.get_by_role("button", name="Voorbeeld tonen").click()
    page.get_by_role("heading", name="Voorbeeld (nog niet opgeslagen)").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Het briefhoofd is opgeslagen.").wait_for()
    assert_accessible(page)
    assert brieven.briefhoofd(gemeente_a).afdeling == "Team Inburgering"
