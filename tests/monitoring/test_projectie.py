"""The milestones projection gives exactly what the event log gives, and stays current."""

import dataclasses
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from inburgering.accounts.models import Gemeente
from inburgering.dossiers.models import Dossier, DossierEvent
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.monitoring import extractie as ex
from inburgering.monitoring import projectie
from inburgering.monitoring.models import MijlpalenProjectie
from inburgering.monitoring.relatie import relatie
from inburgering.monitoring.tabellen import tabellen

from .helpers import traject

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()
START = VANDAAG - dt.timedelta(days=400)


def _per_dossier(rijen) -> dict[int, dict]:
    return {m.dossier_id: dataclasses.asdict(m) for m in rijen}


def _uit_log(sel) -> dict[int, dict]:
    return _per_dossier(ex.met_persoonskenmerken(sel, ex.uit_log(sel)))


def _relatie(sel) -> list[dict]:
    """Every column of the selection's rows in the relation (projection or temporary table)."""
    with relatie(sel) as r:
        return list(r.rijen.order_by("dossier_id").values())


def test_every_milestone_field_is_a_column():
    uit_dossier = {"dossier_id", "gemeente_id", "doelgroep", "consulent_id", "regime"}
    persoon = {"geslacht", "geboortedatum"}  # read from the person, current values
    velden = {f.name for f in dataclasses.fields(ex.Mijlpalen)}
    assert set(projectie.VELDEN) == velden - uit_dossier - persoon


def test_today_reads_the_projection_and_equals_the_log(gemeente_a, consulent_a):
    traject(gemeente_a, START, consulent=consulent_a, contact=5, lbt=(24, 15), pip=30, route="z")
    wacht = traject(gemeente_a, START, contact=9)
    registreer(wacht, Soort.WACHT_OP, START + dt.timedelta(days=12), gegevens={"op": "derde"})
    registreer(wacht, Soort.WACHTEN_BEEINDIGD, START + dt.timedelta(days=20))
    sel = ex.Selectie((gemeente_a.pk,), VANDAAG)

    # The writers kept the rows current: no event query is needed to read them.
    assert MijlpalenProjectie.objects.count() == 2
    gelezen = _per_dossier(projectie.mijlpalen(sel))
    assert gelezen == _uit_log(sel)
    assert gelezen[wacht.pk]["wachtredenen"] == ["derde"]
    assert gelezen[wacht.pk]["derde_ontvangen"] == START + dt.timedelta(days=20)


def test_a_new_event_updates_the_row_in_the_same_transaction(gemeente_a):
    dossier = traject(gemeente_a, START, contact=5, pip=30, route="b1")
    sel = ex.Selectie((gemeente_a.pk,), VANDAAG)
    assert _per_dossier(projectie.mijlpalen(sel))[dossier.pk]["route_start"] is None

    registreer(dossier, Soort.LEERROUTE_GESTART, VANDAAG - dt.timedelta(days=3))
    rij = MijlpalenProjectie.objects.get(dossier=dossier)
    assert rij.route_start == VANDAAG - dt.timedelta(days=3)
    assert rij.laatste_datum == VANDAAG - dt.timedelta(days=3)
    assert _per_dossier(projectie.mijlpalen(sel)) == _uit_log(sel)


def test_a_withdrawal_and_a_correction_change_the_row(gemeente_a):
    dossier = traject(gemeente_a, START, contact=5, lbt=(35, 15), pip=30, route="b1")
    lbt = DossierEvent.objects.get(dossier=dossier, soort=Soort.LBT_AFGENOMEN)
    registreer(dossier, Soort.LBT_AFGENOMEN, lbt.datum, gegevens={"score": 18}, corrigeert=lbt)
    contact = DossierEvent.objects.get(dossier=dossier, soort=Soort.CONTACT)
    registreer(dossier, Soort.INTREKKING, VANDAAG, corrigeert=contact)

    rij = MijlpalenProjectie.objects.get(dossier=dossier)
    assert (rij.lbt_score, rij.eerste_contact) == (18, None)
    sel = ex.Selectie((gemeente_a.pk,), VANDAAG)
    assert _per_dossier(projectie.mijlpalen(sel)) == _uit_log(sel)


def test_missing_rows_are_filled_from_the_log_on_first_read(gemeente_a):
    traject(gemeente_a, START, contact=5, pip=30, route="onderwijs", start_route=60)
    traject(gemeente_a, START, contact=8)
    MijlpalenProjectie.objects.all().delete()  # as after a bulk load
    sel = ex.Selectie((gemeente_a.pk,), VANDAAG)

    assert _per_dossier(projectie.mijlpalen(sel)) == _uit_log(sel)
    assert MijlpalenProjectie.objects.count() == 2
    assert projectie.vul(sel) == 0


def test_filters_on_cohort_doelgroep_and_consulent(gemeente_a, consulent_a):
    oud = traject(gemeente_a, START, consulent=consulent_a, contact=5)
    nieuw = traject(gemeente_a, VANDAAG - dt.timedelta(days=30), doelgroep="gezinsmigrant_overig")
    basis = {"gemeente_ids": (gemeente_a.pk,), "peildatum": VANDAAG}
    for extra, verwacht in [
        ({"van": VANDAAG - dt.timedelta(days=60)}, {nieuw.pk}),
        ({"tot": VANDAAG - dt.timedelta(days=60)}, {oud.pk}),
        ({"doelgroep": "gezinsmigrant_overig"}, {nieuw.pk}),
        ({"consulent_id": consulent_a.pk}, {oud.pk}),
    ]:
        sel = ex.Selectie(**basis, **extra)
        assert set(_per_dossier(projectie.mijlpalen(sel))) == verwacht
        assert _per_dossier(projectie.mijlpalen(sel)) == _uit_log(sel)


def test_a_past_peildatum_and_bekend_op_read_the_log(gemeente_a):
    dossier = traject(gemeente_a, START, contact=5, pip=30, route="b1", start_route=60)
    vroeger = ex.Selectie((gemeente_a.pk,), START + dt.timedelta(days=40))
    assert not projectie.bruikbaar(vroeger)
    assert _per_dossier(projectie.mijlpalen(vroeger))[dossier.pk]["route_start"] is None
    toen = ex.Selectie((gemeente_a.pk,), VANDAAG, bekend_op=timezone.now())
    assert not projectie.bruikbaar(toen)


def test_a_row_newer_than_the_peildatum_is_not_used(gemeente_a):
    dossier = traject(gemeente_a, START, contact=5)
    # A row as it would be after an event dated tomorrow: for today it must come from the log.
    MijlpalenProjectie.objects.filter(dossier=dossier).update(
        laatste_datum=VANDAAG + dt.timedelta(days=1), afgesloten=VANDAAG
    )
    sel = ex.Selectie((gemeente_a.pk,), VANDAAG)
    assert _per_dossier(projectie.mijlpalen(sel))[dossier.pk]["afgesloten"] is None


def test_demo_profile_tables_equal_via_projection_and_via_log():
    call_command("demo_data", "--profiel", "demo", "--dossiers", "120", stdout=io.StringIO())
    gemeenten = tuple(Gemeente.objects.values_list("pk", flat=True))
    sel = ex.Selectie(gemeenten, VANDAAG)
    uit_log = _uit_log(sel)
    assert len(uit_log) >= 100
    assert MijlpalenProjectie.objects.count() == len(uit_log)  # filled by demo_data
    assert _per_dossier(projectie.mijlpalen(sel)) == uit_log

    MijlpalenProjectie.objects.all().delete()  # as after a bulk load without the fill
    assert _per_dossier(projectie.mijlpalen(sel)) == uit_log  # fills
    assert MijlpalenProjectie.objects.count() == len(uit_log)
    assert MijlpalenProjectie.objects.filter(kosten_cents__isnull=False).count() >= 10
    assert MijlpalenProjectie.objects.exclude(status_6=None).count() >= 10
    assert _per_dossier(projectie.mijlpalen(sel)) == uit_log  # reads

    # Writers fold the events in memory (`mijlpalen_van`, `uitkomst_van`); the rows they write
    # equal the rows the event queries filled, for every demo history.
    gevuld = list(MijlpalenProjectie.objects.order_by("dossier").values())
    call_command("herbereken_dossiers", stdout=io.StringIO())
    assert list(MijlpalenProjectie.objects.order_by("dossier").values()) == gevuld

    # A closing recorded now changes both paths alike.
    open_id = next(pk for pk, m in uit_log.items() if not m["afgesloten"])
    registreer(
        Dossier.objects.get(pk=open_id),
        Soort.DOSSIER_AFGESLOTEN,
        VANDAAG,
        gegevens={"reden": Afsluitreden.VERTROKKEN},
    )
    assert _per_dossier(projectie.mijlpalen(sel)) == _uit_log(sel)

    # Every column of every row, and so every table, is the same from both sources.
    nu = dataclasses.replace(sel, bekend_op=timezone.now())
    assert _relatie(sel) == _relatie(nu)
    via_projectie = [(t.sleutel, t.rijen) for t in tabellen(sel)]
    via_log = [
        (t.sleutel, t.rijen) for t in tabellen(dataclasses.replace(sel, bekend_op=timezone.now()))
    ]
    assert via_projectie == via_log


def test_herbereken_dossiers_rebuilds_both_projections(gemeente_a):
    dossier = traject(gemeente_a, START, contact=5, pip=30, route="b1")
    MijlpalenProjectie.objects.all().delete()
    Dossier.objects.filter(pk=dossier.pk).update(fase="", leerroute="")

    uit = io.StringIO()
    call_command("herbereken_dossiers", "--gemeente", gemeente_a.cbs_code, stdout=uit)

    assert "1 dossiers herberekend" in uit.getvalue()
    dossier.refresh_from_db()
    assert (dossier.fase, dossier.leerroute) == ("pip_vastgesteld", "b1")
    assert MijlpalenProjectie.objects.get(dossier=dossier).pip == START + dt.timedelta(days=30)


def test_outcomes_are_stored_with_the_row_and_read_like_the_log(gemeente_a):
    dossier = traject(gemeente_a, START, contact=5, pip=30, route="b1", start_route=60)
    dag = START + dt.timedelta(days=250)
    registreer(
        dossier,
        Soort.PARTICIPATIE_GEMETEN,
        dag,
        gegevens={"moment": "6", "status": ["werk", "uitkering"]},
    )
    registreer(
        dossier, Soort.KOSTEN_GEREGISTREERD, dag, gegevens={"bedrag_cents": 125050, "post": "tolk"}
    )
    registreer(dossier, Soort.DUALE_ACTIVITEIT_GESTART, dag, gegevens={"activiteit": "stage"})
    registreer(
        dossier, Soort.EXAMENRESULTAAT, dag, gegevens={"onderdeel": "LE", "resultaat": "Geslaagd"}
    )
    zonder = traject(gemeente_a, START, contact=7)

    rij = MijlpalenProjectie.objects.get(dossier=dossier)
    assert (rij.status_6, rij.status_12) == ("uitkering,werk", None)
    assert (rij.kosten_cents, rij.kosten_tolk, rij.kosten_leerroute) == (125050, 125050, None)
    assert (rij.duaal, rij.examens) == ("stage", "LE:1:0")
    leeg = MijlpalenProjectie.objects.get(dossier=zonder)
    assert (leeg.status_6, leeg.kosten_cents, leeg.duaal, leeg.examens) == (None, None, "", "")

    sel = ex.Selectie((gemeente_a.pk,), VANDAAG)
    assert _relatie(sel) == _relatie(dataclasses.replace(sel, bekend_op=timezone.now()))

    # Ending the activity reaches the stored row in the same transaction.
    registreer(dossier, Soort.DUALE_ACTIVITEIT_BEEINDIGD, VANDAAG, gegevens={"activiteit": "stage"})
    assert MijlpalenProjectie.objects.get(dossier=dossier).duaal == ""


def test_vul_mijlpalen_fills_missing_rows_per_gemeente(gemeente_a, gemeente_b):
    a = traject(gemeente_a, START, contact=5, pip=30, route="b1")
    b = traject(gemeente_b, START, contact=7)
    MijlpalenProjectie.objects.all().delete()  # as after migration 0003 or a bulk load

    uit = io.StringIO()
    call_command("vul_mijlpalen", "--gemeente", gemeente_a.cbs_code, stdout=uit)
    assert set(MijlpalenProjectie.objects.values_list("dossier_id", flat=True)) == {a.pk}
    assert "1 ontbrekende rijen gevuld" in uit.getvalue()

    call_command("vul_mijlpalen", stdout=io.StringIO())
    assert MijlpalenProjectie.objects.count() == 2
    sel = ex.Selectie((gemeente_a.pk, gemeente_b.pk), VANDAAG)
    assert _per_dossier(projectie.mijlpalen(sel)) == _uit_log(sel)
    assert MijlpalenProjectie.objects.get(dossier=b).eerste_contact == START + dt.timedelta(days=7)

    with pytest.raises(CommandError):
        call_command("vul_mijlpalen", "--gemeente", "9999", stdout=io.StringIO())
