from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburgering.wet import (
    Beleidskeuzes,
    Beperking,
    Bron,
    lbt_cesuur,
    lbt_hersignalering,
    lbt_ontheffing,
    lbt_uitkomst,
    route_conform_lbt,
)
from inburgering.wet.typen import Leerroute

VOOR, OP, NA = date(2023, 4, 11), date(2023, 4, 12), date(2023, 4, 13)


def test_cesuur_wijziging_12_april_2023():
    assert (lbt_cesuur(VOOR), lbt_cesuur(OP), lbt_cesuur(NA)) == (31, 28, 28)


@pytest.mark.parametrize(
    ("score", "testdatum", "haalbaar"),
    [
        (30, VOOR, False),
        (31, VOOR, True),
        (30, OP, True),
        (27, OP, False),
        (28, OP, True),
        (28, NA, True),
        (0, OP, False),
        (40, VOOR, True),
    ],
)
def test_uitkomst(score, testdatum, haalbaar):
    u = lbt_uitkomst(score, testdatum)
    assert u.waarde.haalbaar is haalbaar
    assert u.waarde.afstand == score - lbt_cesuur(testdatum)
    assert u.bron is Bron.WET_EN_PRAKTIJK
    assert ("niet haalbaar" in u.uitleg) is not haalbaar
    assert str(u.grondslagen[0]) == "BWBR0044770 art. 14 lid 3 onder a"


@pytest.mark.parametrize("score", [-1, 41, 100])
def test_score_buiten_bereik(score):
    with pytest.raises(ValueError):
        lbt_uitkomst(score, OP)


@pytest.mark.parametrize("score", [True, 30.0, "30", None])
def test_score_geen_geheel_getal(score):
    with pytest.raises(TypeError):
        lbt_uitkomst(score, OP)


@pytest.mark.parametrize(
    ("score", "testdatum", "geraakt"),
    [(27, VOOR, False), (28, VOOR, True), (30, VOOR, True), (31, VOOR, False), (29, OP, False)],
)
def test_hersignalering(score, testdatum, geraakt):
    assert lbt_hersignalering(score, testdatum).waarde is geraakt


@given(st.integers(0, 40), st.integers(0, 40), st.dates(date(2022, 1, 1), date(2030, 12, 31)))
def test_uitkomst_monotoon_in_score(a, b, testdatum):
    laag, hoog = sorted((a, b))
    if lbt_uitkomst(laag, testdatum).waarde.haalbaar:
        assert lbt_uitkomst(hoog, testdatum).waarde.haalbaar
    assert lbt_uitkomst(a, testdatum).waarde.haalbaar == (a >= lbt_cesuur(testdatum))


@pytest.mark.parametrize(
    ("beperking", "in_staat", "peildatum", "ontheffing"),
    [
        (Beperking.VISUEEL, True, date(2025, 10, 20), False),  # not yet in force
        (Beperking.VISUEEL, True, date(2025, 10, 21), True),
        (Beperking.VISUEEL, False, date(2025, 10, 22), True),
        (Beperking.AUDITIEF, True, date(2025, 10, 21), False),
        (Beperking.AUDITIEF, False, date(2025, 10, 21), True),
        (Beperking.AUDITIEF, False, date(2025, 10, 20), False),
        (Beperking.GEEN, False, date(2026, 1, 1), False),
    ],
)
def test_ontheffing(beperking, in_staat, peildatum, ontheffing):
    u = lbt_ontheffing(beperking=beperking, in_staat_geacht=in_staat, peildatum=peildatum)
    assert u.waarde is ontheffing


def test_ontheffing_optie_onvermogen_ook_bij_visueel():
    opties = Beleidskeuzes(lbt_onvermogen_ook_bij_visuele_beperking=True)
    kwargs = {"beperking": Beperking.VISUEEL, "peildatum": date(2026, 1, 1), "opties": opties}
    assert lbt_ontheffing(in_staat_geacht=True, **kwargs).waarde is False
    assert lbt_ontheffing(in_staat_geacht=False, **kwargs).waarde is True
    u = lbt_ontheffing(in_staat_geacht=False, **kwargs)
    assert str(u.grondslagen[0]) == "BWBR0044770 art. 14 lid 6 onder a"


@pytest.mark.parametrize(
    ("haalbaar", "route", "conform"),
    [
        (True, Leerroute.B1, True),
        (True, Leerroute.ONDERWIJS, True),
        (True, Leerroute.Z, False),
        (False, Leerroute.Z, True),
        (False, Leerroute.B1, False),
        (False, Leerroute.ONDERWIJS, False),
        (None, Leerroute.Z, None),
    ],
)
def test_route_conform_lbt_follows_the_szw_evaluation(haalbaar, route, conform):
    uitkomst = route_conform_lbt(haalbaar, route)
    assert uitkomst.waarde is conform
    assert str(uitkomst.grondslagen[0]) == "BWBR0044770 art. 14 lid 5"
    if conform is False:
        assert "wijkt daarvan af" in uitkomst.uitleg
