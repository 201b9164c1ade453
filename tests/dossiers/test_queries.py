"""The caseload and dossier pages run a fixed number of queries, whatever the number of rows
(the benchmark in docs/performance.md relies on it; an N+1 would show up here first)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db


def _queries(client, url, **params) -> int:
    cache.clear()  # both counts without the fragments an earlier request kept
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("scope", ["mijn", "gemeente"])
def test_caseload_queries_do_not_grow_with_rows(
    client, gemeente_a, consulent_a, teamleider_a, scope
):
    client.force_login(consulent_a if scope == "mijn" else teamleider_a)
    maak_dossier(gemeente_a, consulent=consulent_a)
    weinig = _queries(client, reverse("dossiers:caseload"), scope=scope)
    for _ in range(12):
        dossier = maak_dossier(gemeente_a, consulent=consulent_a)
        registreer(dossier, Soort.WACHT_OP, dossier.kennisgeving_datum, gegevens={"op": "coa"})
    assert _queries(client, reverse("dossiers:caseload"), scope=scope) == weinig


def test_dossier_page_queries_do_not_grow_with_events(client, dossier_a, consulent_a):
    client.force_login(consulent_a)
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    weinig = _queries(client, url)
    for _ in range(10):
        registreer(
            dossier_a,
            Soort.CONTACT,
            dossier_a.kennisgeving_datum,
            gegevens={"kanaal": "telefoon"},
            actor=consulent_a,
        )
    assert _queries(client, url) == weinig
