"""Fixtures of the move: the in-memory DUO simulator (a PIP's vaststelling writes an outbox row
and registers the gemeente with the simulator)."""

import pytest

from inburgering.koppelingen.duo import client as duo_client


@pytest.fixture(autouse=True)
def duo_in_geheugen(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    yield
    duo_client._simulator.cache_clear()
