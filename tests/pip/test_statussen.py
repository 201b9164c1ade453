"""The PIP version's status table (pip/statussen.py): every allowed change passes the one
check, every other pair is refused with a Dutch message."""

import pytest
from django.utils import translation

from inburgering.pip.models import Status
from inburgering.pip.services import PipFout
from inburgering.pip.statussen import PIP_STATUS
from inburgering.statusmachine import Statusfout

S = Status

TOEGESTAAN = {
    (None, S.CONCEPT),
    (S.CONCEPT, S.CONCEPT),
    (S.TER_GOEDKEURING, S.CONCEPT),
    (S.GOEDGEKEURD, S.CONCEPT),
    (S.CONCEPT, S.TER_GOEDKEURING),
    (S.TER_GOEDKEURING, S.GOEDGEKEURD),
    (S.CONCEPT, S.VASTGESTELD),
    (S.TER_GOEDKEURING, S.VASTGESTELD),
    (S.GOEDGEKEURD, S.VASTGESTELD),
    (S.VASTGESTELD, S.VERVANGEN),
}
ALLE_PAREN = [(van, naar) for van in [None, *Status] for naar in Status]


def test_the_table_is_exactly_the_documented_rules():
    assert PIP_STATUS.paren() == TOEGESTAAN


@pytest.mark.parametrize(("van", "naar"), sorted(TOEGESTAAN, key=str))
def test_every_allowed_change_passes(van, naar):
    assert PIP_STATUS.mag(van, naar)
    PIP_STATUS.controleer(van, naar, fout=PipFout)


@pytest.mark.parametrize(
    ("van", "naar"), [paar for paar in ALLE_PAREN if paar not in TOEGESTAAN], ids=str
)
def test_every_other_pair_is_refused_in_dutch(van, naar):
    assert not PIP_STATUS.mag(van, naar)
    with translation.override("nl"), pytest.raises(PipFout) as fout:
        PIP_STATUS.controleer(van, naar, fout=PipFout)
    assert str(fout.value).startswith("De status kan niet van ")


def test_a_refusal_can_carry_its_own_message_and_defaults_to_statusfout():
    with pytest.raises(Statusfout, match="Bied het PIP eerst ter goedkeuring aan"):
        PIP_STATUS.controleer(
            S.CONCEPT, S.GOEDGEKEURD, melding="Bied het PIP eerst ter goedkeuring aan."
        )


def test_a_set_version_cannot_go_back_to_concept():
    with translation.override("nl"), pytest.raises(Statusfout, match="'Vastgesteld'"):
        PIP_STATUS.controleer(S.VASTGESTELD, S.CONCEPT)
