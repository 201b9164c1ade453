"""The planner setting each PostgreSQL connection gets (inburgering/dbinstellingen.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inburgering.dbinstellingen import bij_nieuwe_verbinding

pytestmark = pytest.mark.django_db


def _random_page_cost() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        return cursor.fetchone()[0]


def test_a_new_connection_gets_the_configured_random_page_cost(settings):
    settings.POSTGRES_RANDOM_PAGE_COST = "1.7"
    with CaptureQueriesContext(connection) as queries:
        bij_nieuwe_verbinding(None, connection)
    if connection.vendor == "postgresql":
        assert _random_page_cost() == "1.7"
    else:  # SQLite has no such setting: nothing is sent
        assert len(queries) == 0


def test_no_setting_leaves_the_servers_value(settings):
    if connection.vendor == "postgresql":
        voor = _random_page_cost()
    settings.POSTGRES_RANDOM_PAGE_COST = None
    with CaptureQueriesContext(connection) as queries:
        bij_nieuwe_verbinding(None, connection)
    assert len(queries) == 0
    if connection.vendor == "postgresql":
        assert _random_page_cost() == voor
