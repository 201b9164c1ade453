"""Test data builders for monitoring: dossiers with given milestones (`traject`, in
tests/monitoring/helpers.py, built with `open_dossier` and `registreer_reeks`, re-exported
here), local targets, and the milestones projection row of a dossier.

The projection row is written by `registreer_reeks` itself (signal `dossier_bijgewerkt`); a
local target is configuration maintained in the admin, so it is a plain row.
"""

from inburgering.monitoring.models import Doelstelling, Indicator, MijlpalenProjectie
from tests.monitoring.helpers import traject

__all__ = ["Indicator", "doelstelling", "mijlpalen_van", "traject"]


def doelstelling(gemeente, indicator: str = Indicator.PIP_BINNEN_TERMIJN, streefwaarde: int = 80):
    return Doelstelling.objects.create(gemeente=gemeente, indicator=indicator,
                                       streefwaarde=streefwaarde)  # fmt: skip


def mijlpalen_van(dossier) -> MijlpalenProjectie:
    """The stored milestones row of the dossier (the projection the dashboard reads)."""
    return MijlpalenProjectie.objects.get(dossier=dossier)
