"""Test data builders for accounts: gemeenten, teams and users with a role.

Gemeenten and teams are configuration (maintained in the admin), so they are plain rows;
users are made with `maak_gebruiker` from tests/conftest.py, re-exported here.
"""

import itertools

from inburgering.accounts.models import Gemeente, Rol, Team
from tests.conftest import WACHTWOORD, maak_gebruiker, volgend_test_bsn

__all__ = ["WACHTWOORD", "Rol", "maak_gebruiker", "maak_gemeente", "maak_team", "volgend_test_bsn"]

# CBS codes from 9000 up: no real gemeente has one, and the fixtures use 0344 and 0150.
_cbs_codes = itertools.count(9000)


def maak_gemeente(naam: str | None = None, *, oin: str = "", **velden) -> Gemeente:
    code = f"{next(_cbs_codes):04d}"
    return Gemeente.objects.create(cbs_code=code, naam=naam or f"Testgemeente {code}", oin=oin,
                                   **velden)  # fmt: skip


def maak_team(gemeente: Gemeente, naam: str = "Team Zuid") -> Team:
    return Team.objects.create(gemeente=gemeente, naam=naam)
