"""Monitoring side by side with the SZW evaluation (issue 14, item 9): table 1 as published
(total row, shares per column), a regional service as one choice of the gemeente filter,
gemeenten by name, and "conform the LBT" with the evaluation's cut-off of 28 for every test
next to the default (the cut-off in force on the test date, from the rules package)."""

import datetime as dt

import pytest

from inburgering.accounts.models import Gemeente, Rol, Samenwerkingsverband
from inburgering.monitoring.forms import FilterForm
from inburgering.monitoring.indicatoren import CESUUR_EVALUATIE
from inburgering.wet import lbt_cesuur
from tests.conftest import maak_gebruiker

from .helpers import traject

pytestmark = pytest.mark.django_db


def _tabel(antwoord, sleutel):
    return next(t for t in antwoord.context["tabellen"] if t.sleutel == sleutel)


@pytest.fixture
def kwaliteit(gemeente_a, gemeente_b):
    return maak_gebruiker("kim_kwaliteit", Rol.KWALITEIT, gemeente_a, gemeente_b)


def test_table_1_has_a_total_row_and_shares_per_column(client, kwaliteit, gemeente_a, gemeente_b):
    traject(gemeente_a, dt.date(2024, 3, 4), lbt=(35, 15), pip=30, route="b1")
    traject(gemeente_b, dt.date(2024, 3, 4), lbt=(10, 15), pip=30, route="z")
    traject(gemeente_b, dt.date(2024, 3, 4), lbt=(12, 15), pip=30, route="z")
    client.force_login(kwaliteit)
    tabel = _tabel(client.get("/monitoring/?peildatum=2025-01-01"), "lbt_route")
    assert tabel.kolommen == [
        "Score",
        *("B1-route", "B1-route (%)", "Onderwijsroute", "Onderwijsroute (%)"),
        *("Z-route", "Z-route (%)", "Nog niet bekend", "Nog niet bekend (%)"),
        *("Totaal", "Totaal (%)"),
    ]
    rijen = {rij[0]: rij[1:] for rij in tabel.rijen}
    assert rijen["<20"] == [0, 0.0, 0, None, 2, 100.0, 0, None, 2, 66.7]
    assert rijen[">30"] == [1, 100.0, 0, None, 0, 0.0, 0, None, 1, 33.3]
    assert tabel.rijen[-1] == ["Totaal", 1, 100.0, 0, None, 2, 100.0, 0, None, 3, 100.0]
    # The chart draws the four bands, not the total.
    assert tabel.svg().count("Totaal") == 0


def test_the_cut_off_of_the_evaluation_is_a_choice_next_to_the_one_in_force(
    client, kwaliteit, gemeente_a
):
    """Before 12 April 2023 the cut-off in force was 31; the evaluation counted 28 for every
    test. A score of 29 in the B1-route and of 30 in the Z-route differ between the two."""
    assert lbt_cesuur(dt.date(2023, 1, 17)) == 31 and CESUUR_EVALUATIE == 28
    traject(gemeente_a, dt.date(2023, 1, 2), lbt=(29, 15), pip=30, route="b1")
    traject(gemeente_a, dt.date(2023, 1, 2), lbt=(30, 15), pip=30, route="z")
    traject(gemeente_a, dt.date(2024, 1, 2), lbt=(28, 15), pip=30, route="b1")
    client.force_login(kwaliteit)

    standaard = client.get("/monitoring/?peildatum=2025-01-01")
    tabel = _tabel(standaard, "lbt_conform")
    # [route, conform, %, in strijd, %]
    assert tabel.rijen[0] == ["B1-route", 1, 50.0, 1, 50.0]
    assert tabel.rijen[2] == ["Z-route", 1, 100.0, 0, 0.0]
    assert "cesuur die gold op de toetsdatum" in tabel.toelichting

    evaluatie = client.get("/monitoring/?peildatum=2025-01-01&cesuur=28")
    assert evaluatie.status_code == 200
    tabel = _tabel(evaluatie, "lbt_conform")
    assert tabel.rijen[0] == ["B1-route", 2, 100.0, 0, 0.0]
    assert tabel.rijen[2] == ["Z-route", 0, 0.0, 1, 100.0]
    assert "cesuur van 28 voor elke toets" in tabel.toelichting
    per_jaar = {
        r[0]: r[1:] for r in _tabel(evaluatie, "lbt_conform_jaar").rijen if r[1] == "Totaal"
    }
    assert per_jaar["2023"] == ["Totaal", 1, 50.0, 1, 50.0]
    # Table 1 counts score bands, whatever the cut-off.
    assert _tabel(evaluatie, "lbt_route").rijen == _tabel(standaard, "lbt_route").rijen
    # The page explains the choice; the export follows it.
    html = evaluatie.content.decode()
    assert "de evaluatie van SZW (maart 2024) rekende met 28 voor elke toets" in html
    assert 'aria-describedby="id_cesuur_helptext"' in html
    export = client.get("/monitoring/export/lbt_conform.csv?peildatum=2025-01-01&cesuur=28")
    assert export.status_code == 200
    assert client.get("/monitoring/?cesuur=31").status_code == 400


def test_a_regional_service_is_one_choice_and_gemeenten_are_sorted_by_name(
    client, kwaliteit, gemeente_a, gemeente_b
):
    buiten = Gemeente.objects.create(cbs_code="0363", naam="Amsterdam")
    regio = Samenwerkingsverband.objects.create(naam="Regio Midden")
    regio.gemeenten.add(gemeente_a, gemeente_b, buiten)
    klein = Samenwerkingsverband.objects.create(naam="Alleen Utrecht")
    klein.gemeenten.add(gemeente_a, buiten)
    traject(gemeente_a, dt.date(2024, 3, 4), lbt=(35, 15), pip=30, route="b1")
    traject(gemeente_b, dt.date(2024, 3, 4), lbt=(10, 15), pip=30, route="z")
    traject(buiten, dt.date(2024, 3, 4), lbt=(10, 15), pip=30, route="z")

    form = FilterForm({}, gemeenten=[gemeente_a, gemeente_b])
    keuzes = form.fields["gemeente"].choices
    assert keuzes[0] == ("", "Alle")
    assert keuzes[1] == ("Regionale diensten", [(f"regio-{regio.pk}", "Regio Midden")])
    assert keuzes[2] == (
        "Gemeenten",
        [(str(gemeente_b.pk), "Deventer"), (str(gemeente_a.pk), "Utrecht")],
    )

    client.force_login(kwaliteit)
    antwoord = client.get(f"/monitoring/?peildatum=2025-01-01&gemeente=regio-{regio.pk}")
    assert antwoord.status_code == 200
    # Only the service's gemeenten within the user's scope: Amsterdam's dossier is not counted.
    assert _tabel(antwoord, "trechter").rijen[0][1] == 2
    per_gemeente = {r[0] for r in _tabel(antwoord, "lbt_conform_gemeente").rijen}
    assert per_gemeente == {"Utrecht", "Deventer"}
    assert f'<option value="regio-{regio.pk}" selected>Regio Midden</option>' in (
        antwoord.content.decode()
    )
    # A service not offered (one gemeente in scope) is refused, as a gemeente out of scope is.
    assert client.get(f"/monitoring/?gemeente=regio-{klein.pk}").status_code == 400
    assert client.get("/monitoring/?gemeente=regio-x").status_code == 400
    # One gemeente still works as before.
    antwoord = client.get(f"/monitoring/?peildatum=2025-01-01&gemeente={gemeente_b.pk}")
    assert _tabel(antwoord, "trechter").rijen[0][1] == 1


def test_a_single_gemeente_gets_no_regional_choice(gemeente_a, gemeente_b):
    regio = Samenwerkingsverband.objects.create(naam="Regio Midden")
    regio.gemeenten.add(gemeente_a, gemeente_b)
    keuzes = FilterForm({}, gemeenten=[gemeente_a]).fields["gemeente"].choices
    assert keuzes == [("", "Alle"), (str(gemeente_a.pk), "Utrecht")]
