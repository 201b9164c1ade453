"""The event log and the access log are append-only in the database itself: every way to
change or delete a row is refused by a trigger, on SQLite and on PostgreSQL, except the one
explicit path (`onveranderlijk.uitzondering`) the purge and the demo reset use."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from inburgering.accounts.models import Exportlog, Inzagelog
from inburgering.accounts.toegang import log_export, log_inzage
from inburgering.dossiers import bewaren
from inburgering.dossiers.models import DossierEvent, Schrijfvergunning
from inburgering.dossiers.onveranderlijk import DEMO, OPSCHONEN, uitzondering
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db


def geweigerd(functie, *args, **kwargs):
    """Run in a savepoint and expect the database's refusal (so the test transaction goes on)."""
    with pytest.raises(IntegrityError, match="alleen-toevoegen"), transaction.atomic():
        functie(*args, **kwargs)


def sql(tekst, params=()):
    with connection.cursor() as cursor:
        cursor.execute(tekst, params)


@pytest.fixture
def event(dossier_a):
    return dossier_a.events.order_by("id").first()


def test_event_update_through_the_base_manager_is_refused(event):
    geweigerd(DossierEvent._base_manager.filter(pk=event.pk).update, toelichting="gewijzigd")
    geweigerd(DossierEvent._base_manager.filter(pk=event.pk).update, gegevens={})
    event.refresh_from_db()
    assert event.toelichting == ""


def test_event_save_with_force_update_is_refused(event):
    kopie = DossierEvent(
        **{veld.attname: getattr(event, veld.attname) for veld in DossierEvent._meta.fields}
    )
    kopie.toelichting = "overschreven"
    geweigerd(kopie.save, force_update=True)


def test_event_delete_through_the_base_manager_is_refused(event):
    geweigerd(DossierEvent._base_manager.filter(pk=event.pk)._raw_delete, connection.alias)
    geweigerd(DossierEvent._base_manager.filter(pk=event.pk).delete)
    assert DossierEvent.objects.filter(pk=event.pk).exists()


def test_raw_sql_update_and_delete_of_events_are_refused(event):
    geweigerd(sql, "UPDATE dossiers_dossierevent SET toelichting = 'x' WHERE id = %s", [event.pk])
    geweigerd(sql, "UPDATE dossiers_dossierevent SET datum = datum WHERE id = %s", [event.pk])
    geweigerd(sql, "DELETE FROM dossiers_dossierevent WHERE id = %s", [event.pk])
    geweigerd(sql, "DELETE FROM dossiers_dossierevent")
    assert DossierEvent.objects.filter(pk=event.pk).exists()


def test_access_log_update_and_delete_are_refused(dossier_a, consulent_a):
    log_inzage(consulent_a, [dossier_a.pk], "dossier")
    rij = Inzagelog.objects.get()
    geweigerd(Inzagelog.objects.filter(pk=rij.pk).update, doel="anders")
    geweigerd(Inzagelog.objects.filter(pk=rij.pk).delete)
    geweigerd(sql, "UPDATE accounts_inzagelog SET doel = 'x' WHERE id = %s", [rij.pk])
    geweigerd(sql, "DELETE FROM accounts_inzagelog WHERE id = %s", [rij.pk])
    geweigerd(sql, "DELETE FROM accounts_inzagelog")
    rij.refresh_from_db()
    assert rij.doel == "dossier"


def test_export_log_update_and_delete_are_refused_and_old_rows_go_with_the_purge(
    settings, consulent_a
):
    rij = log_export(consulent_a, "monitoring_tabel", {"tabel": "routes"})
    geweigerd(Exportlog.objects.filter(pk=rij.pk).update, soort="anders")
    geweigerd(Exportlog.objects.filter(pk=rij.pk).delete)
    geweigerd(sql, "UPDATE accounts_exportlog SET soort = 'x' WHERE id = %s", [rij.pk])
    geweigerd(sql, "DELETE FROM accounts_exportlog")
    with uitzondering(OPSCHONEN, tot=rij.tijdstip):
        geweigerd(Exportlog.objects.filter(pk=rij.pk)._raw_delete, connection.alias)
    settings.INZAGELOG_BEWAARTERMIJN_MAANDEN = 60
    bewaren.verwijder_inzagelog(timezone.localdate() + dt.timedelta(days=5 * 365 + 2))
    assert not Exportlog.objects.exists()


def test_the_purge_exception_allows_only_payload_columns(event):
    with uitzondering(OPSCHONEN):
        DossierEvent._base_manager.filter(pk=event.pk).update(gegevens={}, toelichting="")
        geweigerd(DossierEvent._base_manager.filter(pk=event.pk).update, datum=dt.date(2000, 1, 1))
        geweigerd(DossierEvent._base_manager.filter(pk=event.pk).update, soort="notitie")
        geweigerd(DossierEvent._base_manager.filter(pk=event.pk)._raw_delete, connection.alias)
    event.refresh_from_db()
    assert event.gegevens == {}
    # The exception ended with its transaction: the same update is refused again.
    geweigerd(DossierEvent._base_manager.filter(pk=event.pk).update, toelichting="x")
    assert not Schrijfvergunning.objects.exists()


def test_the_purge_exception_deletes_only_access_log_rows_before_its_date(dossier_a, consulent_a):
    log_inzage(consulent_a, [dossier_a.pk], "dossier")
    rij = Inzagelog.objects.get()
    with uitzondering(OPSCHONEN, tot=rij.tijdstip):
        geweigerd(Inzagelog.objects.filter(pk=rij.pk)._raw_delete, connection.alias)
        geweigerd(Inzagelog.objects.filter(pk=rij.pk).update, doel="x")
    with uitzondering(OPSCHONEN, tot=rij.tijdstip + dt.timedelta(microseconds=1)):
        Inzagelog.objects.filter(pk=rij.pk)._raw_delete(connection.alias)
    assert not Inzagelog.objects.exists()


def test_the_demo_exception_deletes_only_synthetic_dossiers(gemeente_a, consulent_a, dossier_a):
    # 123456789 fails the elfproef: not anybody's BSN, and below the synthetic range.
    echt = maak_dossier(gemeente_a, bsn="123456789")
    # A purged person's placeholder sorts after "9" but is outside the range all the same.
    opgeschoond = maak_dossier(gemeente_a, bsn="V000000zz")
    log_inzage(consulent_a, [dossier_a.pk, echt.pk], "dossier")
    with uitzondering(DEMO):
        geweigerd(DossierEvent._base_manager.filter(dossier=echt)._raw_delete, connection.alias)
        geweigerd(
            DossierEvent._base_manager.filter(dossier=opgeschoond)._raw_delete, connection.alias
        )
        geweigerd(Inzagelog.objects.filter(dossier=echt)._raw_delete, connection.alias)
        DossierEvent._base_manager.filter(dossier=dossier_a)._raw_delete(connection.alias)
        Inzagelog.objects.filter(dossier=dossier_a)._raw_delete(connection.alias)
        geweigerd(DossierEvent._base_manager.filter(dossier=echt).update, toelichting="x")
    assert not DossierEvent.objects.filter(dossier=dossier_a).exists()
    assert DossierEvent.objects.filter(dossier=echt).count() == 2
    assert list(Inzagelog.objects.values_list("dossier_id", flat=True)) == [echt.pk]


def test_an_exception_inside_the_exception_leaves_nothing_behind(event):
    with pytest.raises(ZeroDivisionError), uitzondering(OPSCHONEN):
        DossierEvent._base_manager.filter(pk=event.pk).update(toelichting="weg")
        1 / 0  # noqa: B018
    event.refresh_from_db()
    assert event.toelichting == ""
    geweigerd(DossierEvent._base_manager.filter(pk=event.pk).update, toelichting="x")


@pytest.mark.django_db(transaction=True)
def test_flushing_the_whole_database_empties_the_logs(gemeente_a, consulent_a):
    """pytest-django flushes after a transactional test (the browser tests): PostgreSQL with
    TRUNCATE, SQLite through the backend's permission row (inburgering/sqlite). Both work,
    and afterwards the triggers still refuse."""
    from django.core.management import call_command

    dossier = maak_dossier(gemeente_a)
    log_inzage(consulent_a, [dossier.pk], "dossier")
    call_command("flush", interactive=False, verbosity=0)
    assert not DossierEvent.objects.exists()
    assert not Inzagelog.objects.exists()
    assert not Schrijfvergunning.objects.exists()
    dossier = maak_dossier(gemeente_a.__class__.objects.create(cbs_code="0344", naam="Utrecht"))
    geweigerd(DossierEvent._base_manager.filter(dossier=dossier).update, toelichting="x")
