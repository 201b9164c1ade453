"""Issue 4 walks to a vastgesteld PIP in Chromium, axe-core on every page:
(a) an asylum status holder from the COA koppeling, with four-eyes approval by a colleague;
(b) a family migrant from DUO's signal (through our notification endpoint and the worker)."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.models import Dossier
from inburgering.dossiers.workflow import Fase
from inburgering.intake.brede_intake import TEKST_ONDERWERPEN
from inburgering.koppelingen.duo import client as duo_client
from inburgering.koppelingen.duo.simulator import Scenarios
from inburgering.koppelingen.models import UitgaandBericht
from inburgering.koppelingen.outbox import verwerk_alles
from inburgering.pip.models import PipInstelling, PipVersie
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD, volgend_test_bsn
from tests.koppelingen.conftest import OIN_A, TOKEN, post_notificatie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def duo(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    settings.DUO_NOTIFICATIE_TOKEN = TOKEN
    settings.DUO_NOTIFICATIE_CERT_OIN_HEADER = ""
    duo_client._simulator.cache_clear()
    yield
    duo_client._simulator.cache_clear()


def _bij_duo(gemeente):
    gemeente.oin = OIN_A
    gemeente.save()
    sc = Scenarios(duo_client.gedeelde_simulator())
    sc.registreer_gemeente(OIN_A, gemeente.cbs_code)
    return sc


def _tab(page, naam):
    page.get_by_role("navigation", name="Onderdelen van het dossier").get_by_role(
        "link", name=naam, exact=True
    ).click()
    page.get_by_role("link", name=naam, exact=True).and_(
        page.locator("[aria-current=page]")
    ).wait_for()
    assert_accessible(page)


def _klik(page, knop, melding="Vastgelegd."):
    page.get_by_role("button", name=knop, exact=True).first.click()
    page.get_by_text(melding, exact=True).first.wait_for()


def _intake_en_route(page, datum: dt.date, *, score: int, intensiteit: str = ""):
    """Brede intake (conversation, every topic, right to talk alone), LBT, afronden, route."""
    d = datum.isoformat()
    _tab(page, "Brede intake")
    page.get_by_label("Datum gesprek").fill(d)
    page.get_by_label("Versie van de intake").select_option("uitgebreid")
    _klik(page, "Gesprek vastleggen")
    assert_accessible(page)
    for onderwerp in TEKST_ONDERWERPEN:
        sectie = page.locator(f"#sectie-{onderwerp.value}")
        sectie.get_by_label("Verslag").fill(f"Besproken: {onderwerp.value}.")
        sectie.get_by_role("button", name="Opslaan").click()
        page.locator(f"#sectie-{onderwerp.value}").get_by_text("ingevuld").wait_for()
    page.get_by_label("Gewezen op het recht de gesprekken alleen te voeren op").fill(d)
    page.get_by_role("region", name="Afspraken over het gesprek").get_by_role(
        "button", name="Opslaan"
    ).click()
    page.get_by_text("Vastgelegd.").wait_for()

    _tab(page, "Toets en route")
    page.get_by_label("Datum afname").fill(d)
    page.get_by_label("Score (0–40)").fill(str(score))
    page.get_by_label("Apparaat").select_option("computer")
    page.get_by_label("Bediening").select_option("muis")
    _klik(page, "Toets vastleggen")
    assert_accessible(page)

    _tab(page, "Brede intake")
    _klik(page, "Brede intake afronden")
    page.get_by_text("De brede intake is afgerond op").wait_for()

    _tab(page, "Toets en route")
    route = page.get_by_role("region", name="Routebesluit")
    route.get_by_label("Datum besluit").fill(d)
    route.get_by_label("Leerroute").select_option("b1")
    route.get_by_label("Niveau").select_option("B1")
    if intensiteit:
        route.get_by_label("Intensiteit (uren per week)").fill(intensiteit)
    _klik(page, "Route vastleggen")
    page.get_by_text("B1-route, niveau B1").wait_for()


def _pip_opstellen(page):
    _tab(page, "PIP")
    page.get_by_role("button", name="Concept-PIP opstellen").click()
    page.get_by_text("Het concept-PIP is opgesteld.").wait_for()
    assert_accessible(page)
    controle = page.get_by_role("region", name="Controle vóór vaststelling")
    assert "Gevolgen van de gekozen dagtekening" in controle.inner_text()
    assert (
        "Wet inburgering 2021, art. 11 lid 2" in controle.inner_text()
    )  # the termijn's legal basis


def _vaststellen_en_dossier(page, dossier):
    page.get_by_role("button", name="PIP vaststellen").click()
    page.get_by_text("Het PIP is vastgesteld.").wait_for()
    assert_accessible(page)
    assert "Vastgesteld PIP (versie 1)" in page.content()
    page.get_by_role("link", name="Samenvatting voor de inburgeraar").click()
    page.get_by_role("heading", name="Uw plan in het kort").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Terug naar het PIP").click()
    _tab(page, "Overzicht")
    termijnen = page.get_by_role("region", name="Termijnen")
    start = timezone.localdate() + dt.timedelta(days=1)
    assert "PIP vastgesteld" in termijnen.inner_text()
    assert start.strftime("%d-%m-%Y") in termijnen.inner_text()
    assert "PIP vastgesteld" in page.get_by_role("region", name="Tijdlijn").inner_text()
    dossier.refresh_from_db()
    assert dossier.fase == Fase.PIP_VASTGESTELD and dossier.leerroute == "b1"


def test_a_asielstatushouder_van_koppeling_tot_vastgesteld_pip(
    page, gemeente_a, consulent_a, collega_a
):
    _bij_duo(gemeente_a)
    PipInstelling.objects.create(gemeente=gemeente_a, vier_ogen=True)
    vandaag = timezone.localdate()
    login(page, consulent_a.username, WACHTWOORD)
    with page.expect_navigation():
        page.get_by_role("link", name="Nieuw dossier").click()
    assert_accessible(page)
    page.get_by_label("BSN").fill(volgend_test_bsn())
    page.get_by_label("Voornamen").fill("Yonas")
    page.get_by_label("Achternaam").fill("Tekle")
    page.get_by_label("Geboortedatum").fill("1994-02-11")
    page.get_by_label("Land van herkomst").select_option("ER")
    page.get_by_label("Doelgroep").select_option("asielstatushouder")
    page.get_by_label("Datum kennisgeving DUO").fill((vandaag - dt.timedelta(days=30)).isoformat())
    page.get_by_label("Datum koppeling COA").fill((vandaag - dt.timedelta(days=30)).isoformat())
    page.get_by_label("Azc-locatie").fill("Ter Apel")
    page.get_by_label("Datum inschrijving BRP (huisvesting)").fill(
        (vandaag - dt.timedelta(days=20)).isoformat()
    )
    page.get_by_role("button", name="Dossier aanmaken").click()
    page.get_by_text("Het dossier is aangemaakt.").wait_for()
    assert_accessible(page)
    dossier = Dossier.objects.get(inburgeraar__geslachtsnaam="Tekle")

    _intake_en_route(page, vandaag - dt.timedelta(days=5), score=33, intensiteit="15")
    _pip_opstellen(page)
    # The PIP deadline: 10 weeks after the BRP registration (Besluit 5.3 lid 1, second sentence).
    deadline = vandaag - dt.timedelta(days=20) + dt.timedelta(weeks=10)
    assert "inschrijving in de BRP van de huisvestingsgemeente" in page.content()
    assert deadline.strftime("%d-%m-%Y")[3:] in page.content()  # month-year, ATW may shift days
    # Four eyes: the author cannot set it yet; a colleague approves.
    assert (
        "vier-ogenprincipe"
        in page.get_by_role("region", name="Controle vóór vaststelling").inner_text()
    )
    page.get_by_role("button", name="Ter goedkeuring aanbieden").click()
    page.get_by_text("Het PIP is ter goedkeuring aangeboden.").wait_for()
    page.get_by_role("button", name="Goedkeuren (vier ogen)").click()
    page.get_by_text("zelf opgesteld of gewijzigd").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    login(page, collega_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/pip/")
    assert_accessible(page)
    page.get_by_role("button", name="Goedkeuren (vier ogen)").click()
    page.get_by_text("Het PIP is goedgekeurd.").wait_for()
    assert_accessible(page)
    _vaststellen_en_dossier(page, dossier)
    versie = PipVersie.objects.get(pip__dossier=dossier)
    assert versie.goedgekeurd_door == collega_a and versie.opgesteld_door == consulent_a
    assert versie.intensiteit_uren_per_week == 15
    assert UitgaandBericht.objects.get(dossier=dossier).status == "nieuw"


def test_b_gezinsmigrant_van_duo_signaal_tot_vastgesteld_pip(page, client, gemeente_a, consulent_a):
    sc = _bij_duo(gemeente_a)
    notificatie = sc.nieuwe_statushouder(OIN_A, doelgroep="Gezinsmigrant en overige migrant")
    assert post_notificatie(client, notificatie.headers, notificatie.body).status_code == 201
    assert verwerk_alles().verwerkt == 1
    dossier = Dossier.objects.get(inburgeraar__bsn=notificatie.body["bsn"])
    assert dossier.doelgroep == "gezinsmigrant_overig" and dossier.fase == Fase.GESIGNALEERD

    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/")
    assert_accessible(page)
    assert "Kennisgeving inburgeringsplicht ontvangen" in page.content()
    vandaag = timezone.localdate()
    _intake_en_route(page, vandaag, score=36)
    _pip_opstellen(page)
    assert "10 weken na de kennisgeving van DUO" in page.content()
    # A validation rule of DUO blocks vaststelling, and the page says which.
    page.get_by_label("Geschatte intensiteit B1-route in uren (voor DUO)").fill("600")
    page.get_by_role("button", name="Concept opslaan").click()
    page.get_by_text("Het concept is opgeslagen.").wait_for()
    controle = page.get_by_role("region", name="Controle vóór vaststelling")
    assert "alleen voor asielstatushouders worden opgegeven" in controle.inner_text()
    assert page.get_by_role("button", name="PIP vaststellen").count() == 0
    assert_accessible(page)
    page.get_by_label("Geschatte intensiteit B1-route in uren (voor DUO)").fill("")
    page.get_by_role("button", name="Concept opslaan").click()
    page.get_by_text("Het concept is opgeslagen.").wait_for()
    _vaststellen_en_dossier(page, dossier)
    verwerk_alles()  # the worker delivers the PIP to DUO
    assert UitgaandBericht.objects.get(dossier=dossier).status == "verwerkt"
