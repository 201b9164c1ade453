"""Issue path (c): no-show → warning → fine proposal → third summons → intake without the person."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.models import Dossier
from inburgering.intake.models import Brief
from tests.browser.conftest import assert_accessible, login
from tests.conftest import WACHTWOORD, maak_dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _vul(page, **velden):
    for label, waarde in velden.items():
        veld = page.get_by_label(label, exact=True)
        if veld.evaluate("e => e.tagName") == "SELECT":
            veld.select_option(waarde)
        else:
            veld.fill(waarde)


def test_no_show_warning_fine_and_third_summons(page, gemeente_a, consulent_a):
    vandaag = timezone.localdate()
    dag = lambda n: (vandaag - dt.timedelta(days=n)).isoformat()  # noqa: E731
    dossier = maak_dossier(
        gemeente_a,
        consulent=consulent_a,
        geslachtsnaam="Afwezig",
        kennisgeving=vandaag - dt.timedelta(days=100),
    )
    login(page, consulent_a.username, WACHTWOORD)
    page.goto(f"/dossiers/{dossier.uuid}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Oproepen brede intake").click()
    assert_accessible(page)

    _vul(
        page,
        **{
            "Verzenddatum": dag(90),
            "Afspraak maken vanaf": dag(90),
            "Afspraak maken uiterlijk": dag(76),
        },
    )
    page.get_by_role("button", name="Oproep maken").click()
    page.get_by_role("link", name="Uitnodiging voor een gesprek over uw inburgering").wait_for()

    _vul(page, **{"Datum": dag(75), "Wat is er gebeurd?": "niet_verschenen"})
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text("schriftelijke waarschuwing").first.wait_for()
    assert_accessible(page)

    _vul(
        page,
        **{
            "Verzenddatum": dag(70),
            "Afspraak maken vanaf": dag(70),
            "Afspraak maken uiterlijk": dag(56),
        },
    )
    page.get_by_role("button", name="Oproep maken").click()
    page.get_by_role(
        "link", name="Waarschuwing: u bent niet gekomen voor de brede intake"
    ).wait_for()

    _vul(page, **{"Datum": dag(55), "Wat is er gebeurd?": "niet_meegewerkt"})
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_role("heading", name="Boete voorstellen (artikel 22)").wait_for()
    # Asylum status holder: the individual assessment is required.
    _vul(page, **{"Datum voorstel": dag(50)})
    page.get_by_role("button", name="Boete voorstellen").click()
    fout = page.locator("#id_motivering_error")
    fout.wait_for()
    assert fout.inner_text() == (
        "Bij een asielstatushouder is een individuele beoordeling verplicht."
    )
    assert_accessible(page)
    _vul(page, **{"Individuele beoordeling: motivering": "Geen beletsel; eerder gewaarschuwd."})
    page.get_by_label("Na deze beoordeling is een boete passend").check()
    page.get_by_role("button", name="Boete voorstellen").click()
    page.get_by_text("Boete voorgesteld").first.wait_for()

    _vul(
        page,
        **{
            "Verzenddatum": dag(45),
            "Afspraak maken vanaf": dag(45),
            "Afspraak maken uiterlijk": dag(30),
        },
    )
    page.get_by_role("button", name="Oproep maken").click()
    page.get_by_role("link", name="Wij willen u een boete geven").wait_for()

    _vul(page, **{"Datum": dag(20), "Wat is er gebeurd?": "niet_verschenen"})
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_role("heading", name="Boete voorstellen (artikel 22)").wait_for()
    _vul(
        page,
        **{
            "Datum voorstel": dag(15),
            "Individuele beoordeling: motivering": "Derde keer niet verschenen.",
        },
    )
    page.get_by_label("Na deze beoordeling is een boete passend").check()
    page.get_by_role("button", name="Boete voorstellen").click()
    page.get_by_role("heading", name="Brede intake zonder de inburgeraar afronden").wait_for()
    _vul(page, Datum=dag(14))
    page.get_by_role("button", name="Afronden").click()
    page.get_by_text("De brede intake is zonder de inburgeraar afgerond.").wait_for()
    assert_accessible(page)

    assert Dossier.objects.get(pk=dossier.pk).fase == "pip_in_voorbereiding"
    assert Brief.objects.filter(dossier=dossier).count() == 4
    with page.expect_navigation():
        page.get_by_role("link", name="Wij hebben de brede intake zonder u afgerond").click()
    assert "drie keer uitgenodigd" in page.locator("article").inner_text()
    assert_accessible(page)
