"""The placement's status table (traject/statussen.py): every allowed change passes, every
other pair is refused with a Dutch message."""

import pytest
from django.utils import translation

from inburgering.statusmachine import Statusfout
from inburgering.traject.models import PlaatsingStatus
from inburgering.traject.statussen import PLAATSING_STATUS

S = PlaatsingStatus
TOEGESTAAN = {
    (None, S.AANGEMELD),
    (S.AANGEMELD, S.INTAKE),
    (S.AANGEMELD, S.GESTART),
    (S.INTAKE, S.GESTART),
    (S.GESTART, S.AFGEROND),
    (S.GESTART, S.UITGEVALLEN),
    (S.INTAKE, S.UITGEVALLEN),
    (S.AANGEMELD, S.GEANNULEERD),
    (S.INTAKE, S.GEANNULEERD),
    (S.AANGEMELD, S.VERHUISD),
    (S.INTAKE, S.VERHUISD),
    (S.GESTART, S.VERHUISD),
}
ALLE_PAREN = [(van, naar) for van in [None, *S] for naar in S]


def test_the_table_is_exactly_the_documented_rules():
    assert PLAATSING_STATUS.paren() == TOEGESTAAN


@pytest.mark.parametrize(("van", "naar"), sorted(TOEGESTAAN, key=str))
def test_every_allowed_change_passes(van, naar):
    PLAATSING_STATUS.controleer(van, naar)


@pytest.mark.parametrize(("van", "naar"), [p for p in ALLE_PAREN if p not in TOEGESTAAN], ids=str)
def test_every_other_pair_is_refused_in_dutch(van, naar):
    with translation.override("nl"), pytest.raises(Statusfout, match="kan niet van"):
        PLAATSING_STATUS.controleer(van, naar)
