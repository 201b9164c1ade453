"""Issue 15 walk in Chromium, axe-core on every page: the beheerder creates a provider with a
product and a file layout and a contract; the consulent places a person with a vastgesteld
PIP, starts the placement, uploads the provider's hours file with an error row (valid rows
only) and sees the absence signal on the Route tab and in the caseload filter."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.koppelingen.duo import client as duo_client
from inburgering.traject.models import Uren
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD
from tests.traject.factories import klaar_voor_plaatsing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def duo(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    yield
    duo_client._simulator.cache_clear()


def _bewaar(page, knop, melding):
    page.get_by_role("button", name=knop, exact=True).click()
    page.get_by_text(melding).first.wait_for()
    assert_accessible(page)


def test_provider_contract_placement_hours_file_and_absence_signal(
    page, beheerder, consulent_a, gemeente_a
):
    vandaag = timezone.localdate()
    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a, dagen_geleden=120)

    login(page, beheerder.username, WACHTWOORD)
    with page.expect_navigation():
        page.get_by_role("link", name="Aanbieders en contracten").click()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe aanbieder").click()
    page.get_by_label("Naam", exact=True).fill("Taalhuis Walk")
    page.get_by_label("KvK-nummer").fill("1234")
    page.get_by_role("button", name="Aanbieder toevoegen").click()
    page.get_by_text("precies 8 cijfers").wait_for()
    assert_accessible(page)
    page.get_by_label("KvK-nummer").fill("12345678")
    page.get_by_label("DUO-instellingsnummer").fill("0000012345")
    _bewaar(page, "Aanbieder toevoegen", "De aanbieder is toegevoegd.")

    producten = page.get_by_role("region", name="Producten")
    producten.get_by_label("Soort", exact=True).select_option("b1")
    producten.get_by_label("Naam", exact=True).fill("B1 dagprogramma")
    producten.get_by_label("Uren per week").fill("12")
    _bewaar(page, "Product toevoegen", "Het product is toegevoegd.")
    indeling = page.get_by_role("region", name="Indelingen van urenbestanden")
    indeling.get_by_label("Naam", exact=True).fill("Weekstaat")
    indeling.get_by_label("Periode", exact=True).select_option("week")
    for label, kolom in [
        ("Kolom BSN", "BSN"),
        ("Kolom begin periode", "Van"),
        ("Kolom einde periode", "Tot"),
        ("Kolom aangeboden uren", "Aangeboden"),
        ("Kolom aanwezige uren", "Aanwezig"),
    ]:
        indeling.get_by_label(label, exact=True).fill(kolom)
    _bewaar(page, "Indeling toevoegen", "De bestandsindeling is toegevoegd.")

    page.goto("/traject/contracten/nieuw/")
    page.get_by_label("Gemeente", exact=True).select_option(str(gemeente_a.pk))
    page.get_by_label("Product", exact=True).select_option(index=1)
    page.get_by_label("Kenmerk", exact=True).fill("WALK-1")
    page.get_by_label("Ingangsdatum").fill((vandaag - dt.timedelta(days=365)).isoformat())
    page.get_by_label("Einddatum").fill((vandaag + dt.timedelta(days=365)).isoformat())
    page.get_by_label("Prijs per uur (€)").fill("14.50")
    page.get_by_label("Capaciteit (plaatsen)").fill("10")
    page.get_by_label("Maximale wachttijd (weken)").fill("6")
    _bewaar(page, "Opslaan", "Het contract is toegevoegd.")
    assert "WALK-1" in page.get_by_role("table").inner_text()
    page.get_by_role("button", name="Uitloggen").click()

    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/route/")
    assert_accessible(page)
    page.get_by_label("Aanbieder en product").select_option(index=1)
    page.get_by_label("Datum aanmelding").fill((vandaag - dt.timedelta(days=60)).isoformat())
    _bewaar(page, "Aanmelden", "De persoon is aangemeld bij de aanbieder.")
    status = page.get_by_role("region", name="Status van een plaatsing wijzigen")
    status.get_by_label("Nieuwe status", exact=True).select_option("gestart")
    status.get_by_label("Datum", exact=True).fill((vandaag - dt.timedelta(days=40)).isoformat())
    _bewaar(page, "Status wijzigen", "De status van de plaatsing is bijgewerkt.")

    bsn = dossier.inburgeraar.bsn
    regels = ["BSN;Van;Tot;Aangeboden;Aanwezig"]
    for i in range(4):
        van = vandaag - dt.timedelta(days=27 - 7 * i)
        regels.append(f"{bsn};{van.isoformat()};{(van + dt.timedelta(days=6)).isoformat()};12;6")
    regels.append(
        f"{bsn};{vandaag - dt.timedelta(days=34)};{vandaag - dt.timedelta(days=28)};12;-3"
    )
    with page.expect_navigation():
        page.get_by_role("link", name="Urenbestand").click()
    assert_accessible(page)
    page.get_by_label("Aanbieder en bestandsindeling").select_option(index=1)
    page.get_by_label("Urenbestand (CSV of XLSX)").set_input_files(
        files=[{"name": "uren.csv", "mimeType": "text/csv", "buffer": "\n".join(regels).encode()}]
    )
    page.get_by_role("button", name="Bestand controleren en opslaan").click()
    page.locator("#verslag-fouten").wait_for()
    assert "niet negatief" in page.locator("#verslag-fouten").inner_text()
    assert_accessible(page)
    assert not Uren.objects.exists()
    page.get_by_label("Geldige regels opslaan en foute regels overslaan").check()
    page.get_by_label("Urenbestand (CSV of XLSX)").set_input_files(
        files=[{"name": "uren.csv", "mimeType": "text/csv", "buffer": "\n".join(regels).encode()}]
    )
    _bewaar(page, "Bestand controleren en opslaan", "4 regels opgeslagen.")

    page.goto(f"/dossiers/{dossier.uuid}/route/")
    assert "Verzuimsignaal" in page.locator("#route-signalen").inner_text()
    assert_accessible(page)
    page.goto("/caseload/?route=verzuim&scope=mijn")
    assert dossier.inburgeraar.geslachtsnaam in page.get_by_role("main").inner_text()
    assert_accessible(page)
