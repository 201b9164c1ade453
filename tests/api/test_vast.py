"""`api.vast.VasteQuery`: a queryset compiled once and run again with other values gives what
the queryset itself gives, for every value and shape (ADR 0040)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.api.vast import VasteQuery
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
