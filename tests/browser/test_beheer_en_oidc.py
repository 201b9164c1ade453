"""The beheerder's management pages and the login through the (stand-in) identity provider in
Chromium, with axe-core."""

import pytest
from django.contrib.auth.models import Permission

from inburgering.accounts.models import (
    Configuratiewijziging,
    Gebruiker,
    Gemeente,
    Rol,
    Samenwerkingsverband,
)
from tests.accounts.test_oidc import BACKENDS, CLIENT_ID, CLIENT_SECRET
from tests.accounts.test_oidc import standin as standin  # the fixture
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_beheerder_maakt_consulent_en_ziet_het_wijzigingenlog(page, beheerder, gemeente_a, team_a):
    login(page, beheerder.username, WACHTWOORD)
    page.goto("/instellingen/gebruikers/")
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe medewerker (lokaal account)").click()
    page.get_by_label("Gebruikersnaam").fill("nina.nieuw")
    page.get_by_label("Voornaam").fill("Nina")
    page.get_by_label("Achternaam").fill("Nieuw")
    page.get_by_label("Utrecht").check()
    page.get_by_label("Team").select_option(label=str(team_a))
    page.get_by_label("Eerste wachtwoord", exact=True).fill("Lange-zin-voor-de-test-42")
    page.get_by_label("Eerste wachtwoord (nogmaals)").fill("Lange-zin-voor-de-test-42")
    assert_accessible(page)
    page.get_by_role("button", name="Medewerker aanmaken").click()
    page.get_by_text("Medewerker Nina Nieuw is aangemaakt.").wait_for()
    assert Gebruiker.objects.get(username="nina.nieuw").rol == Rol.CONSULENT
    for pad in ("/instellingen/teams/", "/instellingen/gemeenten/", "/instellingen/wijzigingen/"):
        page.goto(pad)
        assert_accessible(page)
    assert "nina.nieuw" in page.locator("main").inner_text()
    assert Configuratiewijziging.objects.count() == 1


def test_inloggen_via_de_identity_provider(page, live_server, settings, standin):
    Gemeente.objects.create(cbs_code="0344", naam="Utrecht")
    settings.OIDC_ISSUER = standin.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.AUTHENTICATION_BACKENDS = BACKENDS
    page.goto("/account/inloggen/")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen via uw gemeente").click()
    page.get_by_role("button", name="Olga Oidc").click()
    page.wait_for_url("**/caseload/")
    assert Gebruiker.objects.get(oidc_subject="idp-001").rol == Rol.CONSULENT
    # Logout ends the session at the provider too (RP-initiated logout) and comes back here.
    assert len(standin.sessies) == 1
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/account/inloggen/")
    assert standin.sessies == {}
    page.goto("/account/inloggen/")
    page.context.clear_cookies()
    page.goto("/account/oidc/inloggen/")
    page.get_by_role("button", name="Zonder Rol").click()
    page.get_by_text("de identity provider gaf geen rol voor deze applicatie").wait_for()
    assert_accessible(page)


def test_beheerder_voegt_gemeente_toe_en_wijzigt_haar_gegevens(page, beheerder, gemeente_a):
    beheerder.user_permissions.add(Permission.objects.get(codename="add_gemeente"))
    Samenwerkingsverband.objects.create(naam="Zaffier")
    login(page, beheerder.username, WACHTWOORD)
    page.goto("/instellingen/gemeenten/")
    with page.expect_navigation():
        page.get_by_role("link", name="Gemeente toevoegen").click()
    assert_accessible(page)
    page.get_by_label("CBS-code").fill("9999")
    page.get_by_role("button", name="Gemeente toevoegen").click()
    page.get_by_text("CBS-code 9999 is geen bekende gemeente").wait_for()
    assert_accessible(page)  # the error state too
    page.get_by_label("CBS-code").fill("0399")
    page.get_by_label("Zaffier").check()
    page.get_by_role("button", name="Gemeente toevoegen").click()
    page.get_by_text("Gemeente Heiloo is toegevoegd.").wait_for()
    assert_accessible(page)  # her configuration page
    page.get_by_label("Caseloadnorm").fill("45")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/instellingen/gemeenten/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Gegevens Heiloo").click()
    assert_accessible(page)
    page.get_by_label("Naam").fill("Gemeente Heiloo")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/instellingen/gemeenten/")
    heiloo = Gemeente.objects.get(cbs_code="0399")
    assert heiloo.naam == "Gemeente Heiloo" and heiloo.configuratie.caseload_norm == 45
    assert [str(s) for s in heiloo.samenwerkingsverbanden.all()] == ["Zaffier"]
    page.goto("/instellingen/wijzigingen/")
    assert "Gemeente Heiloo" in page.locator("main").inner_text()
    # gemeente, configuration, the beheerder's gemeenten; then the policy and the name
    assert Configuratiewijziging.objects.filter(gemeente=heiloo).count() == 5


def test_beheerder_legt_een_regionale_dienst_vast(page, beheerder, gemeente_a, gemeente_b):
    beheerder.user_permissions.add(Permission.objects.get(codename="add_gemeente"))
    beheerder.gemeenten.add(gemeente_b)
    login(page, beheerder.username, WACHTWOORD)
    page.goto("/instellingen/gemeenten/")
    page.get_by_role("link", name="Regionale diensten").click()
    page.get_by_text("Geen van uw gemeenten werkt met een regionale dienst.").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Regionale dienst toevoegen").click()
    page.get_by_label("Naam").fill("Regio IJssel")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Kies de gemeenten waarvoor de regionale dienst werkt.").first.wait_for()
    assert_accessible(page)  # the error state too
    page.get_by_label("Utrecht").check()
    page.get_by_label("Deventer").check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Regionale dienst Regio IJssel is opgeslagen.").wait_for()
    assert "Deventer, Utrecht" in page.get_by_test_id("regio").inner_text()
    assert_accessible(page)
    regio = Samenwerkingsverband.objects.get(naam="Regio IJssel")
    assert set(regio.gemeenten.all()) == {gemeente_a, gemeente_b}
