import datetime as dt

import pytest

from tests.conftest import maak_dossier


@pytest.fixture
def dossier_a(gemeente_a, consulent_a):
    """Signalled before the bijstand of the tests (1 January 2026) starts."""
    return maak_dossier(
        gemeente_a, consulent=consulent_a, actor=consulent_a, kennisgeving=dt.date(2025, 12, 1)
    )
