"""The accounts builders make valid rows."""

from inburgering.accounts import toegang
from tests.accounts.factories import Rol, maak_gebruiker, maak_gemeente, maak_team


def test_gemeente_team_en_gebruiker(db):
    gemeente = maak_gemeente(oin="00000001001234567000")
    gemeente.full_clean()
    team = maak_team(gemeente)
    team.full_clean()
    gebruiker = maak_gebruiker("fleur_consulent", Rol.CONSULENT, gemeente, team=team)
    assert gebruiker.team == team
    assert list(toegang.gemeenten_voor(gebruiker)) == [gemeente]
    assert maak_gemeente().cbs_code != gemeente.cbs_code
