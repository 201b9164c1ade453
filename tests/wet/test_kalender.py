from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from inburgering.wet import (
    Beleidskeuzes,
    OntbrekendeDag,
    atw_feestdagen,
    is_atw_rustdag,
    paaszondag,
)
from inburgering.wet.kalender import (
    atw_verschuiving,
    einde_periode,
    koningsdag,
    plus_maanden,
    weken_na,
)

AFKAPPEN = Beleidskeuzes(ontbrekende_dag=OntbrekendeDag.AFKAPPEN)
ZONDER_ATW = Beleidskeuzes(algemene_termijnenwet=False)
datums = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))


def test_paaszondag_bekende_jaren():
    assert paaszondag(2019) == date(2019, 4, 21)
    assert paaszondag(2023) == date(2023, 4, 9)
    assert paaszondag(2024) == date(2024, 3, 31)
    assert paaszondag(2025) == date(2025, 4, 20)
    assert paaszondag(2038) == date(2038, 4, 25)
    assert paaszondag(2285) == date(2285, 3, 22)


def test_koningsdag_zondagregel():
    assert koningsdag(2025) == date(2025, 4, 26)  # 27 April 2025 is a Sunday
    assert koningsdag(2024) == date(2024, 4, 27)  # Saturday: no shift
    assert koningsdag(2013) == date(2013, 4, 30)
    assert koningsdag(2006) == date(2006, 4, 29)  # 30 April 2006 was a Sunday


def test_atw_feestdagen_2024():
    dagen = atw_feestdagen(2024)
    assert set(dagen) == {
        date(2024, 1, 1),
        date(2024, 3, 29),  # Goede Vrijdag (Atw art. 3 lid 2)
        date(2024, 4, 1),
        date(2024, 4, 27),
        date(2024, 5, 5),
        date(2024, 5, 9),
        date(2024, 5, 20),
        date(2024, 12, 25),
        date(2024, 12, 26),
    }
    assert date(2024, 3, 31) not in dagen  # first Easter day is a Sunday, not listed


def test_vijf_mei_elk_jaar_en_samenval_met_hemelvaart():
    assert is_atw_rustdag(date(2025, 5, 5))  # Monday, not a lustrum year
    assert not is_atw_rustdag(date(2025, 5, 6))
    assert date(2016, 5, 5) in atw_feestdagen(2016)  # also Hemelvaartsdag in 2016


def test_rustdag_weekend_en_extra():
    assert is_atw_rustdag(date(2024, 3, 16))  # Saturday
    assert is_atw_rustdag(date(2024, 3, 17))  # Sunday
    assert not is_atw_rustdag(date(2024, 3, 18))
    assert is_atw_rustdag(date(2024, 3, 18), extra=[date(2024, 3, 18)])


def test_atw_verschuiving_over_pasen():
    assert atw_verschuiving(date(2024, 3, 29)) == date(2024, 4, 2)
    assert atw_verschuiving(date(2024, 3, 29), ZONDER_ATW) == date(2024, 3, 29)
    assert atw_verschuiving(date(2024, 3, 28)) == date(2024, 3, 28)
    extra = Beleidskeuzes(extra_feestdagen=frozenset({date(2024, 4, 2)}))
    assert atw_verschuiving(date(2024, 3, 29), extra) == date(2024, 4, 3)


def test_plus_maanden_ontbrekende_dag():
    assert plus_maanden(date(2024, 2, 29), 12) == date(2025, 3, 1)
    assert plus_maanden(date(2024, 2, 29), 12, AFKAPPEN) == date(2025, 2, 28)
    assert plus_maanden(date(2024, 2, 29), 48) == date(2028, 2, 29)
    assert plus_maanden(date(2024, 8, 31), 6) == date(2025, 3, 1)
    assert plus_maanden(date(2024, 8, 31), 6, AFKAPPEN) == date(2025, 2, 28)
    assert plus_maanden(date(2023, 1, 31), 1) == date(2023, 3, 1)
    assert plus_maanden(date(2024, 2, 29), -12) == date(2023, 3, 1)
    assert plus_maanden(date(2024, 2, 29), -12, AFKAPPEN) == date(2023, 2, 28)
    assert plus_maanden(date(2024, 1, 15), 0) == date(2024, 1, 15)


def test_weken_na_en_periode_einde():
    assert weken_na(date(2024, 1, 2), 10) == date(2024, 3, 12)
    assert weken_na(date(2024, 1, 2), 10, Beleidskeuzes(dag_zelf_meetellen=True)) == date(
        2024, 3, 11
    )
    assert einde_periode(date(2022, 3, 2), 36) == date(2025, 3, 1)


@given(
    datums, datums, st.integers(min_value=-60, max_value=60), st.sampled_from(list(OntbrekendeDag))
)
def test_plus_maanden_is_monotoon(a, b, n, keuze):
    opties = Beleidskeuzes(ontbrekende_dag=keuze)
    lager, hoger = sorted((a, b))
    assert plus_maanden(lager, n, opties) <= plus_maanden(hoger, n, opties)


@given(datums, st.integers(min_value=0, max_value=60))
def test_plus_maanden_blijft_in_de_doelmaand(dag, n):
    uit = plus_maanden(dag, n, AFKAPPEN)
    assert (uit.year * 12 + uit.month) - (dag.year * 12 + dag.month) == n
    assert uit.day <= dag.day


@given(datums)
def test_atw_verschuiving_eindigt_op_werkdag(dag):
    uit = atw_verschuiving(dag)
    assert dag <= uit < dag + timedelta(days=5)
    assert not is_atw_rustdag(uit)
    if not is_atw_rustdag(dag):
        assert uit == dag
