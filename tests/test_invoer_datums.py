"""Dates in query strings: out of range or malformed answers 400 with a message, never 500.

Every page that reads a date from the query string is listed here; a date of year 9999 used to
overflow in the rules package (peildatum + termijn) and in the access log (tot + 1 day)."""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inburgering.accounts.models import Rol
from inburgering.invoer import LAATSTE_DATUM, VROEGSTE_DATUM
from tests.conftest import maak_gebruiker
from tests.monitoring.helpers import traject

pytestmark = pytest.mark.django_db

SLECHTE_DATUMS = [
    "9999-12-31",
    "0001-01-01",
    "1899-12-31",
    "2101-01-01",
    "2024-02-30",
    "2024-13-01",
    "99999-01-01",
    "abc",
    "2024-01-01\x00",
    "-1",
]

#: (url name, kwargs, the GET parameters that are dates, other parameters the page needs)
DATUMPAGINAS = [
    ("monitoring:dashboard", {}, ("peildatum", "van", "tot"), {}),
    ("monitoring:termijn_risico", {}, ("peildatum", "van", "tot"), {}),
    (
        "monitoring:export",
        {"sleutel": "trechter", "formaat": "csv"},
        ("peildatum", "van", "tot"),
        {},
    ),
    (
        "monitoring:export",
        {"sleutel": "trechter", "formaat": "xlsx"},
        ("peildatum", "van", "tot"),
        {},
    ),
    ("accounts:inzagelog", {}, ("van", "tot"), {}),
]


@pytest.fixture
def gebruikers(gemeente_a, teamleider_a, privacy_officer):
    traject(gemeente_a, dt.date(2024, 3, 4), lbt=(35, 15), pip=30, route="b1")
    kwaliteit = maak_gebruiker("kim_kwaliteit", Rol.KWALITEIT, gemeente_a)
    return {"monitoring": kwaliteit, "accounts": privacy_officer}


@pytest.mark.parametrize("waarde", SLECHTE_DATUMS)
@pytest.mark.parametrize(("naam", "kwargs", "velden", "extra"), DATUMPAGINAS)
def test_a_bad_date_in_the_query_string_answers_400_with_a_message(
    client, gebruikers, naam, kwargs, velden, extra, waarde
):
    client.force_login(gebruikers[naam.split(":")[0]])
    for veld in velden:
        antwoord = client.get(reverse(naam, kwargs=kwargs), {**extra, veld: waarde})
        assert antwoord.status_code == 400, (naam, veld, waarde)
        tekst = antwoord.content.decode()
        assert "Vul een datum in tussen 01-01-1900 en 31-12-2100" in tekst or (
            "geldige datum" in tekst
        ), (naam, veld, waarde)


@pytest.mark.parametrize(("naam", "kwargs", "velden", "extra"), DATUMPAGINAS)
def test_the_edges_of_the_date_range_are_accepted(client, gebruikers, naam, kwargs, velden, extra):
    client.force_login(gebruikers[naam.split(":")[0]])
    for veld in velden:
        for waarde in (VROEGSTE_DATUM, LAATSTE_DATUM):
            antwoord = client.get(reverse(naam, kwargs=kwargs), {**extra, veld: waarde})
            assert antwoord.status_code == 200, (naam, veld, waarde)


@pytest.mark.parametrize("waarde", ["abc", "1", "1999", "99999", "2022.5", "\x00"])
def test_the_cbs_pages_refuse_a_bad_year_with_400(client, gebruikers, gemeente_a, waarde):
    client.force_login(gebruikers["monitoring"])
    for naam in ("monitoring:cbs", "monitoring:cbs_levering"):
        antwoord = client.get(
            reverse(naam), {"jaar": waarde, "kwartaal": 1, "gemeente": gemeente_a.pk}
        )
        assert antwoord.status_code == 400, (naam, waarde)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(datum=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_any_date_on_the_dashboard_is_200_or_400_never_500(client, gebruikers, datum):
    client.force_login(gebruikers["monitoring"])
    for veld in ("peildatum", "van", "tot"):
        antwoord = client.get(reverse("monitoring:termijn_risico"), {veld: datum.isoformat()})
        binnen = VROEGSTE_DATUM <= datum <= LAATSTE_DATUM
        assert antwoord.status_code == (200 if binnen else 400), (veld, datum)


def test_a_date_in_a_posted_form_is_held_to_the_same_range(client, consulent_a, dossier_a):
    """The mixin gives every date field of every form the range: a step dated 9999 is a form
    error, not an overflow in the rules package."""
    client.force_login(consulent_a)
    antwoord = client.post(
        reverse("intake:contact", args=[dossier_a.uuid]),
        {"actie": "wacht", "datum": "0001-01-01", "op": "derde"},
    )
    assert antwoord.status_code == 400
    assert "Vul een datum in tussen 01-01-1900 en 31-12-2100" in antwoord.content.decode()
