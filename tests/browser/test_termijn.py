"""The end-of-termijn worklist and the Termijn tab in a real browser, with axe-core: the
worklist filtered to three months, a dossier's tab with what is open and the fine risk, an
extension refused outside the window (with the article), then DUO's request for advice
answered."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.workflow import Soort
from inburgering.koppelingen.duo import client as duo_client
from inburgering.wet.kalender import plus_maanden
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD
from tests.termijn.factories import dagtekening_voor_einde, met_pip, signaal_duo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def duo_in_geheugen(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    yield
    duo_client._simulator.cache_clear()


def test_werklijst_en_termijntab(page, gemeente_a, consulent_a):
    vandaag = timezone.localdate()
    kort = met_pip(
        gemeente_a, consulent_a, dagtekening_voor_einde(plus_maanden(vandaag, 2)),
        geslachtsnaam="Kortbij",
    )  # fmt: skip
    met_pip(
        gemeente_a, consulent_a, dagtekening_voor_einde(plus_maanden(vandaag, 5)),
        geslachtsnaam="Verderweg",
    )  # fmt: skip
    verzoek = signaal_duo(kort, "SS140", vandaag - dt.timedelta(days=3))
    login(page, consulent_a.username, WACHTWOORD)
    page.get_by_role("link", name="Einde termijn", exact=True).click()
    tabel = page.get_by_role("table", name="2 dossiers")
    assert "Kortbij" in tabel.inner_text() and "Verderweg" in tabel.inner_text()
    assert "€ 1.340" in tabel.get_by_role("row").filter(has_text="Kortbij").inner_text()
    assert_accessible(page)

    page.get_by_label("Termijn eindigt").select_option("3")
    page.get_by_role("button", name="Filteren").click()
    tabel = page.get_by_role("table", name="1 dossier")
    assert "Verderweg" not in tabel.inner_text()
    assert_accessible(page)

    tabel.get_by_role("link").first.click()
    page.get_by_role("heading", name="Inburgeringstermijn").wait_for()
    assert "binnen 3 maanden" in page.content()
    onderdelen = page.get_by_role("table", name="Examenonderdelen volgens het PIP")
    assert "Spreken" in onderdelen.inner_text()
    assert_accessible(page)

    page.get_by_label("Datum van de aanvraag").fill(plus_maanden(vandaag, -5).isoformat())
    page.get_by_role("button", name="Aanvraag vastleggen").click()
    page.get_by_text("te vroeg", exact=False).first.wait_for()
    assert "art. 4.5 lid 1" in page.content()
    assert_accessible(page)

    page.get_by_label("Advies", exact=True).select_option("positief")
    page.get_by_label("Motivering").fill("Zeer schrijnende situatie.")
    page.get_by_role("button", name="Advies vastleggen").click()
    page.get_by_text("Het advies is vastgelegd").wait_for()
    assert_accessible(page)
    assert kort.events.filter(soort=Soort.ONTHEFFINGSADVIES, gegevens__signaal=verzoek.pk).exists()
