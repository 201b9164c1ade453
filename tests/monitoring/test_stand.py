"""Past quarter ends read stored rows (`monitoring/stand.py`), exactly what the log gives."""

import dataclasses
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from inburgering.accounts.models import Gemeente
from inburgering.dossiers.models import DossierEvent
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.monitoring import extractie as ex
from inburgering.monitoring import stand
from inburgering.monitoring.models import MijlpalenStand
from inburgering.monitoring.relatie import relatie
from inburgering.monitoring.tabellen import tabellen

from .helpers import traject

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()
KWARTAAL = stand.laatste_kwartaaleinde(VANDAAG)
VORIG_JAAR = dt.date(VANDAAG.year - 1, 12, 31)


def _relatie(sel) -> list[dict]:
    with relatie(sel) as r:
        return list(r.rijen.order_by("dossier_id").values())


def _via_log(sel):
    """The same selection read from the log only (`bekend_op` now: everything known)."""
    return dataclasses.replace(sel, bekend_op=timezone.now())


def test_quarter_ends():
    assert stand.kwartaaleinde(dt.date(2025, 3, 31)) and stand.kwartaaleinde(dt.date(2025, 12, 31))
    assert not stand.kwartaaleinde(dt.date(2025, 3, 30))
    assert not stand.kwartaaleinde(dt.date(2025, 4, 30))
    assert stand.laatste_kwartaaleinde(dt.date(2025, 5, 17)) == dt.date(2025, 3, 31)
    assert stand.laatste_kwartaaleinde(dt.date(2025, 1, 1)) == dt.date(2024, 12, 31)
    assert stand.laatste_kwartaaleinde(dt.date(2025, 4, 1)) == dt.date(2025, 3, 31)


def test_a_past_quarter_end_stores_rows_only_for_logs_that_go_on(gemeente_a):
    voor = KWARTAAL - dt.timedelta(days=200)
    klaar = traject(gemeente_a, voor, contact=5)  # nothing after the quarter end
    loopt = traject(gemeente_a, voor, contact=5, pip=30, route="b1")
    registreer(loopt, Soort.LEERROUTE_GESTART, KWARTAAL + dt.timedelta(days=1))
    later = traject(gemeente_a, KWARTAAL + dt.timedelta(days=1), contact=1)  # not there yet
    sel = ex.Selectie((gemeente_a.pk,), KWARTAAL)
    assert stand.bruikbaar(sel)

    rijen = _relatie(sel)
    assert rijen == _relatie(_via_log(sel))
    assert {r["dossier_id"] for r in rijen} == {klaar.pk, loopt.pk}
    assert later.pk not in {r["dossier_id"] for r in rijen}
    opgeslagen = MijlpalenStand.objects.get(peildatum=KWARTAAL)
    assert opgeslagen.dossier_id == loopt.pk
    assert opgeslagen.route_start is None  # started after the quarter end
    assert stand.vul(sel) == 0  # the second read finds everything


def test_a_back_dated_event_and_a_correction_rewrite_the_stored_row(gemeente_a):
    voor = KWARTAAL - dt.timedelta(days=200)
    dossier = traject(gemeente_a, voor, contact=5, lbt=(35, 15), pip=30, route="b1")
    registreer(dossier, Soort.CONTACT, VANDAAG, gegevens={"kanaal": "telefoon"})
    sel = ex.Selectie((gemeente_a.pk,), KWARTAAL)
    _relatie(sel)  # stores the row
    assert MijlpalenStand.objects.filter(dossier=dossier).count() == 1

    # Recorded today, dated before the quarter end: the stored row changes with it.
    registreer(dossier, Soort.LEERROUTE_GESTART, KWARTAAL - dt.timedelta(days=10))
    assert MijlpalenStand.objects.get(dossier=dossier).route_start == KWARTAAL - dt.timedelta(
        days=10
    )
    # A correction dated today of an event before the quarter end changes it too.
    lbt = DossierEvent.objects.get(dossier=dossier, soort=Soort.LBT_AFGENOMEN)
    registreer(dossier, Soort.LBT_AFGENOMEN, lbt.datum, gegevens={"score": 18}, corrigeert=lbt)
    assert MijlpalenStand.objects.get(dossier=dossier).lbt_score == 18
    assert _relatie(sel) == _relatie(_via_log(sel))


def test_withdrawing_the_only_later_event_leaves_one_row(gemeente_a):
    dossier = traject(gemeente_a, KWARTAAL - dt.timedelta(days=100), contact=5)
    later = registreer(dossier, Soort.CONTACT, VANDAAG, gegevens={"kanaal": "telefoon"})
    sel = ex.Selectie((gemeente_a.pk,), KWARTAAL)
    _relatie(sel)
    assert MijlpalenStand.objects.filter(dossier=dossier).exists()

    registreer(dossier, Soort.INTREKKING, VANDAAG, corrigeert=later)
    # The projection's row describes the quarter end again; the stored one is gone.
    assert not MijlpalenStand.objects.filter(dossier=dossier).exists()
    assert [r["dossier_id"] for r in _relatie(sel)] == [dossier.pk]
    assert _relatie(sel) == _relatie(_via_log(sel))


def test_events_after_the_last_quarter_end_touch_no_stored_row(
    gemeente_a, django_assert_num_queries
):

    dossier = traject(gemeente_a, KWARTAAL - dt.timedelta(days=100), contact=5)
    registreer(dossier, Soort.CONTACT, VANDAAG, gegevens={"kanaal": "telefoon"})
    _relatie(ex.Selectie((gemeente_a.pk,), KWARTAAL))
    rij = MijlpalenStand.objects.get(dossier=dossier)
    events = list(dossier.events.all())
    nieuw = [e for e in events if e.datum == VANDAAG]
    with django_assert_num_queries(0):
        stand.bijwerken(dossier, events, nieuw)
    assert MijlpalenStand.objects.get(dossier=dossier).laatste_datum == rij.laatste_datum


def test_other_past_dates_and_bekend_op_still_read_the_log(gemeente_a):
    traject(gemeente_a, KWARTAAL - dt.timedelta(days=100), contact=5)
    assert not stand.bruikbaar(ex.Selectie((gemeente_a.pk,), KWARTAAL - dt.timedelta(days=1)))
    assert not stand.bruikbaar(ex.Selectie((gemeente_a.pk,), KWARTAAL, bekend_op=timezone.now()))
    assert not stand.bruikbaar(ex.Selectie((gemeente_a.pk,), VANDAAG))


def test_demo_profile_tables_on_a_past_year_end_equal_via_stored_rows_and_via_log():
    call_command("demo_data", "--profiel", "demo", "--dossiers", "120", stdout=io.StringIO())
    gemeenten = tuple(Gemeente.objects.values_list("pk", flat=True))
    for sel in (
        ex.Selectie(gemeenten, VORIG_JAAR),
        ex.Selectie(gemeenten, KWARTAAL, van=VORIG_JAAR - dt.timedelta(days=365)),
    ):
        via_stand = [(t.sleutel, t.rijen) for t in tabellen(sel)]
        assert MijlpalenStand.objects.filter(peildatum=sel.peildatum).exists()
        assert via_stand == [(t.sleutel, t.rijen) for t in tabellen(_via_log(sel))]

    # A first contact recorded now, dated before the year end, changes both paths alike.
    rij = next(
        r
        for r in MijlpalenStand.objects.filter(peildatum=VORIG_JAAR, signaal__isnull=False)
        if r.eerste_contact is None or r.eerste_contact > r.signaal + dt.timedelta(days=1)
    )
    dag = rij.signaal + dt.timedelta(days=1)
    registreer(rij.dossier, Soort.CONTACT, dag, gegevens={"kanaal": "telefoon"})
    assert MijlpalenStand.objects.get(pk=rij.pk).eerste_contact == dag
    sel = ex.Selectie(gemeenten, VORIG_JAAR)
    assert _relatie(sel) == _relatie(_via_log(sel))


def test_the_daily_command_fills_the_last_quarter_end(gemeente_a):
    dossier = traject(gemeente_a, KWARTAAL - dt.timedelta(days=100), contact=5)
    registreer(dossier, Soort.CONTACT, VANDAAG, gegevens={"kanaal": "telefoon"})
    uit = io.StringIO()
    call_command("vul_mijlpalen", stdout=uit)
    assert f"Kwartaaleinde {KWARTAAL}: 1 ontbrekende rijen gevuld." in uit.getvalue()
    assert MijlpalenStand.objects.filter(dossier=dossier, peildatum=KWARTAAL).exists()
    with pytest.raises(CommandError, match="geen voorbij kwartaaleinde"):
        call_command("vul_mijlpalen", "--peildatum", str(VANDAAG), stdout=uit)
