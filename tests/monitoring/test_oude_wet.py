"""The monitoring row of an old-law (Wi2013) dossier has no PIP deadline: the old Wet inburgering
has no PIP (Wi 2021 art. 54 lid 1), so it is neither on time nor late (issue 14)."""

import datetime as dt

import pytest

from inburgering.dossiers.models import Regime
from tests.conftest import maak_dossier

from .factories import mijlpalen_van

pytestmark = pytest.mark.django_db


def test_no_pip_deadline_for_a_wi2013_dossier_in_the_projection_and_monitoring(gemeente_a):
    oud = maak_dossier(gemeente_a, regime=Regime.WI2013, kennisgeving=dt.date(2021, 6, 1))
    nieuw = maak_dossier(gemeente_a, kennisgeving=dt.date(2022, 6, 1))
    assert oud.pip_deadline is None and nieuw.pip_deadline is not None
    assert mijlpalen_van(oud).pip_deadline is None
    assert mijlpalen_van(nieuw).pip_deadline == nieuw.pip_deadline
