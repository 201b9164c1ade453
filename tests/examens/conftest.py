"""Exams fixtures: the in-memory DUO simulator and the notification token (as tests/koppelingen),
so DUO's SS199 results reach the dossier through the real endpoint and worker."""

import pytest

from inburgering.koppelingen.duo import client as duo_client
from tests.koppelingen.conftest import TOKEN


@pytest.fixture(autouse=True)
def duo_in_geheugen(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    settings.DUO_NOTIFICATIE_TOKEN = TOKEN
    settings.DUO_NOTIFICATIE_CERT_OIN_HEADER = ""
    duo_client._simulator.cache_clear()
    yield settings
    duo_client._simulator.cache_clear()
