"""Issue 17's third walk in Chromium with axe-core: the begeleider (a partner user of
maatschappelijke begeleiding) opens a household in ontzorgen from "Mijn mensen" and sees the
shared status (what is paid, up to which month), never the payee, IBAN or amount."""

import datetime as dt

import pytest

from inburgering.dossiers.models import Dossier
from inburgering.ontzorgen import services
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD
from tests.handhaving.factories import dossier_met_adres
from tests.ontzorgen.factories import GELDIG_IBAN, gestart, mb_organisatie, met_huur
from tests.partners.factories import maak_medewerker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_begeleider_sees_what_is_paid_not_the_payment_details(page, gemeente_a, consulent_a):
    dossier = dossier_met_adres(gemeente_a, consulent_a, doelgroep="asielstatushouder")
    ontzorging = gestart(dossier, consulent_a, start=dossier.kennisgeving_datum)
    met_huur(ontzorging, consulent_a)
    mb = mb_organisatie(gemeente_a)
    Dossier.objects.filter(pk=dossier.pk).update(
        brp_inschrijving_datum=dossier.kennisgeving_datum + dt.timedelta(days=10)
    )
    dossier.refresh_from_db()
    services.start_begeleiding(
        dossier, organisatie=mb, begeleider="Sara", aanvang=None, actor=consulent_a
    )
    begeleider = maak_medewerker("sara_walk", mb)

    login(page, begeleider.username, WACHTWOORD)
    page.get_by_role("heading", name="Mijn mensen").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name=dossier.inburgeraar.naam).first.click()
    page.get_by_role("heading", name="Status ontzorgen en begeleiding").wait_for()
    inhoud = page.content()
    assert "Huur" in inhoud and "VluchtelingenWerk" in inhoud
    assert GELDIG_IBAN not in inhoud and "Woonstichting De Sleutel" not in inhoud
    assert_accessible(page)
