"""Test data builders for dossiers, through the real services (`open_dossier`, `registreer`,
`registreer_reeks`), so every dossier has a history the fold accepts.

`maak_persoon` and `maak_dossier` live in tests/conftest.py and are re-exported here.
"""

from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import Nieuw, registreer_reeks
from inburgering.dossiers.workflow import Soort
from tests.conftest import maak_dossier, maak_persoon

__all__ = ["Nieuw", "Soort", "maak_dossier", "maak_persoon", "met_stappen"]


def met_stappen(dossier: Dossier, *stappen: Nieuw, actor=None) -> Dossier:
    """Record the steps in one call of `registreer_reeks` (checked against the transition table,
    as a user's step would be) and return the dossier with its projection reloaded."""
    registreer_reeks(dossier, list(stappen), actor=actor)
    dossier.refresh_from_db()
    return dossier
