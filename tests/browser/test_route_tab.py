"""Issue 15 in Chromium with axe-core: the one Route tab with the exams folded in, and the
PVT recorded (a refused signing without the activity, then the signing) whose delivery to DUO
appears with its status among the DUO deliveries; the old Examens address leads there."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.koppelingen.duo import client as duo_client
from inburgering.koppelingen.models import UitgaandBericht
from inburgering.koppelingen.outbox import verwerk_alles
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD
from tests.examens.factories import _scenarios, examenresultaat
from tests.koppelingen.conftest import TOKEN
from tests.traject.factories import geplaatst, klaar_voor_plaatsing, maak_contract, met_uren

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


def test_route_tab_met_examens_en_pvt_levering(page, consulent_a, gemeente_a):
    vandaag = timezone.localdate()
    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a, dagen_geleden=120)
    _scenarios().nieuwe_statushouder(gemeente_a.oin, bsn=dossier.inburgeraar.bsn)
    examenresultaat(dossier, "KNM", "Gezakt", examendatum=vandaag - dt.timedelta(days=3))
    plaatsing = geplaatst(
        dossier,
        maak_contract(gemeente_a, soort="pvt"),
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(days=80),
        gestart_op=vandaag - dt.timedelta(days=75),
    )
    vorige = (vandaag.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    met_uren(plaatsing, consulent_a, [(vorige, 14, 13)])

    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/examens/")  # the old tab's address
    page.wait_for_url(f"**/dossiers/{dossier.uuid}/route/#kop-examens")
    assert page.get_by_role("link", name="Examens", exact=True).count() == 0
    assert page.get_by_role("link", name="Route", exact=True).get_attribute("aria-current")
    page.get_by_role("table", name="Examenonderdelen: 0 van 5 behaald").wait_for()
    assert "Het participatieverklaringstraject is niet afgerond" in page.content()
    assert_accessible(page)

    vorm = page.get_by_role("region", name="PVT, MAP en Z-route vastleggen")
    vorm.get_by_label("PVT: participatieverklaring ondertekend op").fill(vandaag.isoformat())
    vorm.get_by_role("button", name="Onderdelen vastleggen").click()
    page.get_by_text("geen activiteit of excursie over de kernwaarden").first.wait_for()
    assert_accessible(page)
    assert not UitgaandBericht.objects.filter(soort="pvt").exists()

    vorm = page.get_by_role("region", name="PVT, MAP en Z-route vastleggen")
    vorm.get_by_label("PVT: activiteit of excursie over de kernwaarden op").fill(
        vandaag.isoformat()
    )
    vorm.get_by_label("PVT: participatieverklaring ondertekend op").fill(vandaag.isoformat())
    vorm.get_by_role("button", name="Onderdelen vastleggen").click()
    page.get_by_text("De onderdelen zijn vastgelegd.").wait_for()
    assert "Het participatieverklaringstraject is afgerond." in page.content()
    leveringen = page.get_by_role("table").filter(has_text="Datum ondertekening PVT")
    assert "Wacht op verwerking" in leveringen.inner_text()
    assert_accessible(page)

    verwerk_alles()  # DUO does not know a termijn for this person yet: held back, with why
    page.reload()
    rij = page.get_by_role("row").filter(has_text="Datum ondertekening PVT")
    assert "Tegengehouden" in rij.inner_text()
    assert "DUO heeft nog geen inburgeringstermijn vastgesteld." in rij.inner_text()
    assert_accessible(page)
