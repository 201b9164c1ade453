import csv
import datetime as dt
import io

import pytest
from django.conf import settings
from openpyxl import load_workbook

from inburgering.accounts.models import Inzagelog, Rol
from tests.conftest import maak_gebruiker

from .helpers import traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def cijfers(gemeente_a, gemeente_b):
    traject(gemeente_a, dt.date(2024, 3, 4), lbt=(35, 15), pip=30, route="b1")
    traject(gemeente_b, dt.date(2024, 3, 4), lbt=(10, 15), pip=30, route="z")
    traject(gemeente_b, dt.date(2024, 3, 4), lbt=(12, 15), pip=30, route="z")


def _client(client, user):
    client.force_login(user)
    return client


def test_teamleider_sees_only_own_gemeente(client, teamleider_a, cijfers):
    antwoord = _client(client, teamleider_a).get("/monitoring/?peildatum=2025-01-01")
    assert antwoord.status_code == 200
    trechter = next(t for t in antwoord.context["tabellen"] if t.sleutel == "trechter")
    assert trechter.rijen[0][1] == 1  # gemeente B's two dossiers are not counted
    assert b"<svg" in antwoord.content and b"<title>" in antwoord.content
    assert Inzagelog.objects.count() == 0  # aggregates only


def test_gemeente_outside_scope_is_refused(client, teamleider_a, gemeente_b, cijfers):
    antwoord = _client(client, teamleider_a).get(f"/monitoring/?gemeente={gemeente_b.pk}")
    assert antwoord.context["tabellen"] == []
    assert antwoord.context["form"].errors["gemeente"]
    # A refused filter is a bad request (400), the same for a gemeente that does not exist.
    export = client.get(f"/monitoring/export/trechter.csv?gemeente={gemeente_b.pk}")
    assert export.status_code == 400
    onbekend = client.get("/monitoring/export/trechter.csv?gemeente=999999")
    assert onbekend.status_code == 400


def test_regional_service_sees_both_and_per_gemeente(client, gemeente_a, gemeente_b, cijfers):
    kwaliteit = maak_gebruiker("kim_kwaliteit", Rol.KWALITEIT, gemeente_a, gemeente_b)
    antwoord = _client(client, kwaliteit).get("/monitoring/?peildatum=2025-01-01")
    sleutels = {t.sleutel: t for t in antwoord.context["tabellen"]}
    assert sleutels["trechter"].rijen[0][1] == 3
    per_gemeente = sleutels["lbt_conform_gemeente"].rijen
    assert ["Deventer", "Z-route", 2, 100.0, 0, 0.0] in per_gemeente


@pytest.mark.parametrize("rol", [Rol.CONSULENT, Rol.BEHEERDER, Rol.PRIVACY])
def test_other_roles_get_403(client, gemeente_a, rol):
    user = maak_gebruiker(f"x_{rol}", rol, gemeente_a)
    assert _client(client, user).get("/monitoring/").status_code == 403
    assert client.get("/monitoring/export/trechter.csv").status_code == 403
    assert client.get("/monitoring/import/").status_code == 403


def test_csv_and_xlsx_export_hold_the_table(client, teamleider_a, cijfers):
    _client(client, teamleider_a)
    antwoord = client.get("/monitoring/export/lbt_route.csv?peildatum=2025-01-01")
    assert antwoord["Content-Disposition"] == 'attachment; filename="lbt_route_20250101.csv"'
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][0] == "Score"
    # Per column the number and its share (as in the evaluation's table 1); no share of an
    # empty column.
    assert rijen[4] == [">30", "1", "100,0", "0", "", "0", "", "0", "", "1", "100,0"]
    assert rijen[5][0] == "Totaal"
    antwoord = client.get("/monitoring/export/lbt_route.xlsx?peildatum=2025-01-01")
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    assert [c.value for c in blad[6]] == [">30", 1, 100, 0, None, 0, None, 0, None, 1, 100]
    assert client.get("/monitoring/export/bestaat_niet.csv").status_code == 404
    assert client.get("/monitoring/export/trechter.pdf").status_code == 404


def test_filter_doelgroep_and_period(client, teamleider_a, gemeente_a, cijfers):
    traject(gemeente_a, dt.date(2024, 9, 2), doelgroep="gezinsmigrant_overig")
    _client(client, teamleider_a)
    antwoord = client.get("/monitoring/?peildatum=2025-01-01&doelgroep=gezinsmigrant_overig")
    trechter = next(t for t in antwoord.context["tabellen"] if t.sleutel == "trechter")
    assert trechter.rijen[0][1] == 1
    antwoord = client.get("/monitoring/?peildatum=2025-01-01&van=2024-01-01&tot=2024-06-30")
    trechter = next(t for t in antwoord.context["tabellen"] if t.sleutel == "trechter")
    assert trechter.rijen[0][1] == 1


def test_text_after_the_first_column_is_shown(client, teamleider_a, cijfers):
    """Labels in later columns (lead times' "to" stage, the age group, the target's verdict)
    appear on the page, numbers right-aligned and localised."""
    antwoord = _client(client, teamleider_a).get("/monitoring/?peildatum=2025-01-01")
    html = antwoord.content.decode()
    tijden = html[html.index('id="doorlooptijden"') :]
    tijden = tijden[: tijden.index("</table>")]
    assert '<td class="utrecht-table__cell">PIP vastgesteld</td>' in tijden
    assert '<td class="utrecht-table__cell utrecht-table__cell--numeric-data">30</td>' in tijden
    doelen = next(t for t in antwoord.context["tabellen"] if t.sleutel == "doelen")
    assert doelen.cellen[0][1] == (str(doelen.rijen[0][1]), False)


def _trechter(antwoord) -> int:
    return next(t for t in antwoord.context["tabellen"] if t.sleutel == "trechter").rijen[0][1]


def test_kept_tables_are_renewed_when_a_dossier_of_the_gemeente_changes(
    client, teamleider_a, gemeente_a, gemeente_b, cijfers, django_capture_on_commit_callbacks
):
    """The dashboard keeps its tables (ADR 0037), but a fact in one of the selection's
    gemeenten renews them at once; a fact elsewhere does not."""
    c = _client(client, teamleider_a)
    eerste = c.get("/monitoring/?peildatum=2025-01-01")
    assert _trechter(eerste) == 1
    assert (
        c.get("/monitoring/?peildatum=2025-01-01").context["berekend"] == eerste.context["berekend"]
    )  # kept

    with django_capture_on_commit_callbacks(execute=True):
        traject(gemeente_b, dt.date(2024, 3, 4), lbt=(20, 15), pip=30)
    ander = c.get("/monitoring/?peildatum=2025-01-01")
    assert ander.context["berekend"] == eerste.context["berekend"]  # gemeente B is not selected

    with django_capture_on_commit_callbacks(execute=True):
        traject(gemeente_a, dt.date(2024, 3, 4), lbt=(20, 15), pip=30)
    vernieuwd = c.get("/monitoring/?peildatum=2025-01-01")
    assert vernieuwd.context["berekend"] > eerste.context["berekend"]
    assert _trechter(vernieuwd) == 2
    assert "Berekend om" in vernieuwd.content.decode()


def test_kept_tables_are_per_language_and_per_selection(client, teamleider_a, cijfers):
    c = _client(client, teamleider_a)
    nl = c.get("/monitoring/?peildatum=2025-01-01")
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = c.get("/monitoring/?peildatum=2025-01-01")
    assert nl.context["tabellen"][0].titel != en.context["tabellen"][0].titel
    eerder = c.get("/monitoring/?peildatum=2024-03-01")
    assert _trechter(eerder) == 0  # another peildatum is another selection, not the kept one
