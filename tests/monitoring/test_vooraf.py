"""Large selections computed ahead (ADR 0042): a selection that takes long to compute is kept as
computed for a few minutes (not renewed after each fact) and the planner renews it."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from .helpers import traject

pytestmark = pytest.mark.django_db

URL = "/monitoring/?populatie=alle"


@pytest.fixture(autouse=True)
def leeg():
    cache.clear()
    yield
    cache.clear()


def _trechter(antwoord) -> int:
    return next(t for t in antwoord.context["tabellen"] if t.sleutel == "trechter").rijen[0][1]


def _nieuw_dossier(gemeente, capture):
    with capture(execute=True):
        traject(gemeente, dt.date(2026, 3, 4), lbt=(20, 15), pip=30)


def test_klein_blijft_per_feit_vernieuwd(
    client, teamleider_a, gemeente_a, django_capture_on_commit_callbacks
):
    """Below the threshold (the default 2 s; a test's selection takes milliseconds) a fact
    renews the tables at once, as before (ADR 0037)."""
    traject(gemeente_a, dt.date(2026, 3, 4), lbt=(35, 15), pip=30)
    client.force_login(teamleider_a)
    eerste = client.get(URL)
    assert eerste.context["vooraf"] is False
    _nieuw_dossier(gemeente_a, django_capture_on_commit_callbacks)
    tweede = client.get(URL)
    assert _trechter(tweede) == _trechter(eerste) + 1 and tweede.context["vooraf"] is False


def test_groot_wordt_vooraf_bewaard_en_door_de_planner_vernieuwd(
    client, teamleider_a, gemeente_a, settings, django_capture_on_commit_callbacks
):
    settings.MONITORING_VOORAF_DREMPEL = 0.0  # every selection counts as large here
    traject(gemeente_a, dt.date(2026, 3, 4), lbt=(35, 15), pip=30)
    client.force_login(teamleider_a)
    eerste = client.get(URL)
    assert _trechter(eerste) == 1

    # a fact in the gemeente: the kept tables stay (a few minutes behind), and the page says so
    _nieuw_dossier(gemeente_a, django_capture_on_commit_callbacks)
    tweede = client.get(URL)
    assert tweede.context["vooraf"] is True
    assert tweede.context["berekend"] == eerste.context["berekend"] and _trechter(tweede) == 1
    assert 'data-testid="vooraf-berekend"' in tweede.content.decode()

    # the planner renews what was asked for: the next page shows the new fact, not computed
    uit = io.StringIO()
    call_command("bereken_monitoring", stdout=uit)
    assert "Klaar: 1 selecties vooraf berekend." in uit.getvalue()
    derde = client.get(URL)
    assert derde.context["vooraf"] is True and _trechter(derde) == 2
    assert derde.context["berekend"] > eerste.context["berekend"]


def test_te_oud_wordt_opnieuw_berekend(
    client, teamleider_a, gemeente_a, settings, django_capture_on_commit_callbacks
):
    settings.MONITORING_VOORAF_DREMPEL = 0.0
    traject(gemeente_a, dt.date(2026, 3, 4), lbt=(35, 15), pip=30)
    client.force_login(teamleider_a)
    eerste = client.get(URL)
    _nieuw_dossier(gemeente_a, django_capture_on_commit_callbacks)
    later = timezone.now() + dt.timedelta(minutes=settings.MONITORING_VOORAF_MINUTEN, seconds=1)
    with time_machine.travel(later, tick=False):
        client.force_login(teamleider_a)
        vers = client.get(URL)
    assert vers.context["berekend"] > eerste.context["berekend"] and _trechter(vers) == 2


def test_planner_laat_een_voorbije_peildatum_en_een_oude_vraag_rusten(
    client, teamleider_a, gemeente_a, settings
):
    settings.MONITORING_VOORAF_DREMPEL = 0.0
    traject(gemeente_a, dt.date(2024, 3, 4), lbt=(35, 15), pip=30)
    client.force_login(teamleider_a)
    client.get("/monitoring/?populatie=alle&peildatum=2025-01-01")
    uit = io.StringIO()
    call_command("bereken_monitoring", stdout=uit)
    assert "Klaar: 0 selecties vooraf berekend." in uit.getvalue()

    client.get(URL)
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, minutes=1), tick=False):
        call_command("bereken_monitoring", stdout=uit)
    assert uit.getvalue().count("Klaar: 0 selecties") == 2
