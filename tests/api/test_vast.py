"""`api.vast.VasteQuery`: a queryset compiled once and run again with other values gives what
the queryset itself gives, for every value and shape (ADR 0040)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DEFAULT_DB_ALIAS, connection
from django.utils import timezone

from inburgering.api.vast import VasteQuery, voorbereiden
from inburgering.traject.models import Plaatsing
from tests.traject import factories as traject

pytestmark = pytest.mark.django_db


def _qs(ids, op, status):
    return (
        Plaatsing.objects.filter(pk__in=ids, aangemeld_op__lte=op, status=status)
        .order_by("pk")
        .values("pk", "dossier__uuid", "aangemeld_op", "status")
    )


def test_the_same_rows_as_the_queryset_for_other_values_and_shapes(wereld, gemeente_a, consulent_a):
    vandaag = timezone.localdate()
    for dagen in (40, 20, 5):
        traject.geplaatst(
            traject.klaar_voor_plaatsing(gemeente_a, consulent_a),
            wereld["contract"],
            consulent_a,
            aangemeld_op=vandaag - dt.timedelta(dagen),
        )
    alle = list(Plaatsing.objects.order_by("pk").values_list("pk", flat=True))
    query = VasteQuery(_qs)
    gevallen = [
        (alle, vandaag, "aangemeld"),
        (alle, vandaag - dt.timedelta(10), "aangemeld"),  # another date: fewer rows
        (alle[:2], vandaag, "aangemeld"),  # another shape
        (alle, vandaag, "gestart"),
        ([10**9], vandaag, "aangemeld"),  # nothing
    ]
    for ids, op, status in gevallen:
        verwacht = list(_qs(ids, op, status))
        assert query.rijen(ids=ids, op=op, status=status) == verwacht, (ids, op, status)
    assert len(query.rijen(ids=alle, op=vandaag - dt.timedelta(10), status="aangemeld")) == 2
    # Converted as the ORM converts them: a UUID and a date, not text.
    [rij] = query.rijen(ids=alle, op=vandaag, status="gestart")
    assert rij["dossier__uuid"] == wereld["dossier"].uuid
    assert isinstance(rij["aangemeld_op"], dt.date)
    assert query.rijen(ids=[], op=vandaag, status="gestart") == []


def test_a_parameter_the_sql_does_not_use_is_refused(db):
    query = VasteQuery(lambda ids, ongebruikt: Plaatsing.objects.filter(pk__in=ids).values("pk"))
    with pytest.raises(ValueError, match="ongebruikt"):
        query.rijen(ids=[1], ongebruikt=5)


@pytest.fixture
def voorbereid():
    """The database as with `DB_PREPARE_THRESHOLD=0` (ADR 0045): `prepare_threshold` in its
    OPTIONS, and on PostgreSQL the open connection preparing from the first execution."""
    opties = connection.settings_dict["OPTIONS"]
    connection.ensure_connection()
    opties["prepare_threshold"] = 0
    if connection.vendor == "postgresql":
        connection.connection.prepare_threshold = 0
    yield
    del opties["prepare_threshold"]
    if connection.vendor == "postgresql":
        connection.connection.prepare_threshold = None


def test_voorbereid_dezelfde_rijen_en_op_postgresql_een_voorbereide_query(
    voorbereid, wereld, gemeente_a, consulent_a
):
    vandaag = timezone.localdate()
    alle = list(Plaatsing.objects.order_by("pk").values_list("pk", flat=True))
    query = VasteQuery(_qs)
    for ids, status in ((alle, "gestart"), (alle, "aangemeld"), ([10**9], "gestart")):
        assert query.rijen(ids=ids, op=vandaag, status=status) == list(_qs(ids, vandaag, status))
    [rij] = query.rijen(ids=alle, op=vandaag, status="gestart")
    assert rij["dossier__uuid"] == wereld["dossier"].uuid
    # Only PostgreSQL prepares; SQLite keeps Django's cursor whatever the OPTIONS say.
    assert voorbereiden(DEFAULT_DB_ALIAS) is (connection.vendor == "postgresql")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                ["%traject_plaatsing%= ANY($%::bigint[])%"],
            )
            assert cursor.fetchone()[0] >= 1


def test_zonder_instelling_niet_voorbereid(db):
    assert "prepare_threshold" not in connection.settings_dict["OPTIONS"]
    assert voorbereiden(DEFAULT_DB_ALIAS) is False
