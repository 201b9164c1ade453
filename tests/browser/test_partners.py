"""Issue 18 walks in Chromium, axe-core on every page: a language school's user lands on
"Mijn mensen", opens a placed person and reports hours (a wrong entry first); the consulent
involves the COA, the COA's user hands a client profile over, and the consulent takes it over
into the brede intake."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from inburgering.intake.models import Verslag
from inburgering.koppelingen.duo import client as duo_client
from inburgering.partners.models import Organisatiesoort
from inburgering.wet import IntakeOnderdeel
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD, maak_dossier
from tests.partners.factories import maak_medewerker, maak_organisatie
from tests.traject.factories import geplaatst, klaar_voor_plaatsing, maak_aanbieder, maak_contract

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def duo(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    yield
    duo_client._simulator.cache_clear()


def test_a_school_reports_hours_for_its_placement(page, gemeente_a, consulent_a):
    aanbieder = maak_aanbieder("Taalschool De Brug")
    school = maak_organisatie(Organisatiesoort.TAALAANBIEDER, gemeente_a, aanbieder=aanbieder)
    gebruiker = maak_medewerker("school_walk", school)
    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a)
    vandaag = timezone.localdate()
    plaatsing = geplaatst(
        dossier,
        maak_contract(gemeente_a, aanbieder),
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(days=100),
        gestart_op=vandaag - dt.timedelta(days=80),
    )

    login(page, gebruiker.username, WACHTWOORD)
    assert page.url.endswith("/partner/")
    page.get_by_role("heading", name="Mijn mensen").wait_for()
    assert page.get_by_text("Uren doorgeven over").count() == 1
    assert_accessible(page)

    page.get_by_role("link", name=dossier.inburgeraar.naam).click()
    page.get_by_role("heading", name="Plaatsing, uren en aanwezigheid").wait_for()
    assert page.locator("[data-gegeven='gezondheid']").count() == 0
    assert_accessible(page)

    formulier = page.get_by_role("form", name="Uren en aanwezigheid doorgeven")
    formulier.get_by_label("Plaatsing").select_option(str(plaatsing.pk))
    formulier.get_by_label("Periode", exact=True).select_option("maand")
    maand = plaatsing.gestart_op.replace(day=1)
    formulier.get_by_label("Begin periode").fill(maand.isoformat())
    formulier.get_by_label("Aangeboden uren").fill("40")
    formulier.get_by_label("Aanwezige uren").fill("44")
    formulier.get_by_role("button", name="Uren doorgeven").click()
    page.get_by_text("Er zijn meer uren aanwezig dan aangeboden.").wait_for()
    assert_accessible(page)

    formulier = page.get_by_role("form", name="Uren en aanwezigheid doorgeven")
    formulier.get_by_label("Plaatsing").select_option(str(plaatsing.pk))
    formulier.get_by_label("Aanwezige uren").fill("36.5")
    formulier.get_by_role("button", name="Uren doorgeven").click()
    page.get_by_text("De uren zijn doorgegeven.").wait_for()
    assert_accessible(page)
    assert plaatsing.uren.get().aanwezig == Decimal("36.5")


def test_coa_hands_over_a_client_and_the_consulent_takes_it_over(page, gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    coa = maak_organisatie(Organisatiesoort.COA, gemeente_a, naam="COA Walk")
    coa_gebruiker = maak_medewerker("coa_walk", coa)

    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Ketenpartners").click()
    assert_accessible(page)
    page.get_by_label("Organisatie").select_option(str(coa.pk))
    page.get_by_role("button", name="Betrekken").click()
    page.get_by_text("De organisatie is betrokken bij het dossier.").wait_for()
    assert page.get_by_role("cell", name="Warme overdracht door het COA").count() == 1
    assert_accessible(page)
    page.context.clear_cookies()

    login(page, coa_gebruiker.username, WACHTWOORD)
    page.get_by_role("link", name=dossier.inburgeraar.naam).click()
    formulier = page.get_by_role("form", name="Cliëntprofiel voor de warme overdracht")
    formulier.wait_for()
    assert_accessible(page)
    formulier.get_by_label("Talen en taalniveau").fill("Dari (moedertaal), Engels A2")
    formulier.get_by_label("Opleiding").fill("Universiteit Kabul, twee jaar rechten")
    formulier.get_by_label("Werkervaring").fill("Tolk bij een ngo")
    formulier.locator("textarea[name='profiel-gezondheid']").fill("Slechthorend links")
    formulier.get_by_role("button", name="Overdragen aan de gemeente").click()
    page.get_by_text("Gezondheid delen kan alleen met toestemming").first.wait_for()
    assert_accessible(page)
    formulier = page.get_by_role("form", name="Cliëntprofiel voor de warme overdracht")
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    formulier.get_by_label("Toestemming voor delen gezondheid gegeven op").fill(
        gisteren.isoformat()
    )
    formulier.get_by_role("button", name="Overdragen aan de gemeente").click()
    page.get_by_text("Het cliëntprofiel is overgedragen aan de gemeente.").wait_for()
    assert_accessible(page)
    page.context.clear_cookies()

    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/partners/")
    page.get_by_text("Tolk bij een ngo").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Overnemen in de brede intake").click()
    page.get_by_text("Het cliëntprofiel is overgenomen in").wait_for()
    assert_accessible(page)
    verslag = Verslag.objects.get(
        intake__dossier=dossier, onderwerp=IntakeOnderdeel.ONDERWIJS_EN_WERKERVARING
    )
    assert "Tolk bij een ngo" in verslag.tekst
    with page.expect_navigation():
        page.get_by_role("link", name="Brede intake", exact=True).click()
    assert_accessible(page)
