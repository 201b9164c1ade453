"""Pw art. 56a through the rules package: who qualifies, six months from the day the right to
bijstand arises, ends on month ends, and the day before/of/after the end."""

from datetime import date

import pytest

from inburgering.wet import (
    Verblijfsgrond,
    financieel_ontzorgen,
    ontzorgen_betaalmaand,
    ontzorgen_loopt,
)


def _uitkomst(start, grond=Verblijfsgrond.ASIEL_BEPAALDE_TIJD, plichtig=True):
    return financieel_ontzorgen(
        inburgeringsplichtig_wi2021=plichtig, verblijfsgrond=grond, recht_op_bijstand_vanaf=start
    )


@pytest.mark.parametrize(
    ("grond", "plichtig", "verwacht"),
    [
        (Verblijfsgrond.ASIEL_BEPAALDE_TIJD, True, True),
        (Verblijfsgrond.REGULIER_GEZIN_BIJ_ASIELSTATUSHOUDER, True, False),
        (Verblijfsgrond.REGULIER_OVERIG, True, False),
        (Verblijfsgrond.ASIEL_BEPAALDE_TIJD, False, False),
    ],
)
def test_wie_kwalificeert(grond, plichtig, verwacht):
    assert _uitkomst(date(2026, 1, 1), grond, plichtig).waarde.van_toepassing is verwacht


def test_zonder_bijstand_nog_geen_ontzorgen():
    uitkomst = _uitkomst(None)
    assert not uitkomst.waarde.van_toepassing
    assert "nog geen bijstand" in uitkomst.uitleg


@pytest.mark.parametrize(
    ("start", "einde"),
    [
        (date(2026, 1, 1), date(2026, 6, 30)),  # a start on the 1st ends on a month end
        (date(2026, 3, 1), date(2026, 8, 31)),
        (date(2026, 3, 15), date(2026, 9, 14)),
        (date(2026, 8, 31), date(2027, 2, 28)),  # 31-02 does not exist
        (date(2027, 8, 31), date(2028, 2, 29)),  # leap year
    ],
)
def test_zes_maanden_vanaf_recht_op_bijstand(start, einde):
    assert _uitkomst(start).waarde.einde == einde


@pytest.mark.parametrize(
    ("peildatum", "loopt"),
    [
        (date(2025, 12, 31), False),  # day before the start
        (date(2026, 1, 1), True),  # the day the right arises
        (date(2026, 6, 29), True),  # day before the end
        (date(2026, 6, 30), True),  # the last day
        (date(2026, 7, 1), False),  # day after
    ],
)
def test_dag_voor_op_en_na(peildatum, loopt):
    uitkomst = ontzorgen_loopt(recht_op_bijstand_vanaf=date(2026, 1, 1), peildatum=peildatum)
    assert uitkomst.waarde is loopt


def test_vrijwillige_voortzetting_verlengt_tot_en_met():
    kwargs = {"recht_op_bijstand_vanaf": date(2026, 1, 1), "vrijwillig_tot": date(2026, 9, 30)}
    assert ontzorgen_loopt(peildatum=date(2026, 9, 30), **kwargs).waarde
    assert not ontzorgen_loopt(peildatum=date(2026, 10, 1), **kwargs).waarde


@pytest.mark.parametrize(
    ("maand", "geldig"),
    [
        (date(2026, 2, 1), False),  # before the month of the start
        (date(2026, 3, 1), True),  # the month of the start (15 March)
        (date(2026, 9, 1), True),  # the month of the last day (14 September)
        (date(2026, 10, 1), False),  # the month after
    ],
)
def test_betaalmaand(maand, geldig):
    validatie = ontzorgen_betaalmaand(
        recht_op_bijstand_vanaf=date(2026, 3, 15), maand=maand, bedrag_cents=100
    )
    assert validatie.geldig is geldig
    if not geldig:
        assert validatie.codes <= {"voor_periode", "na_periode"}


def test_betaalmaand_na_periode_met_vrijwillige_voortzetting():
    validatie = ontzorgen_betaalmaand(
        recht_op_bijstand_vanaf=date(2026, 3, 15),
        maand=date(2026, 10, 1),
        bedrag_cents=100,
        vrijwillig_tot=date(2026, 10, 31),
    )
    assert validatie.geldig


@pytest.mark.parametrize("bedrag", [0, -1])
def test_bedrag_nul_of_negatief_geweigerd(bedrag):
    validatie = ontzorgen_betaalmaand(
        recht_op_bijstand_vanaf=date(2026, 3, 15), maand=date(2026, 4, 1), bedrag_cents=bedrag
    )
    assert validatie.codes == {"bedrag"}
