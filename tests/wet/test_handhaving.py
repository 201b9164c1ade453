"""The fine procedure's rules (wet/handhaving.py) with boundaries on the day before, of and
after each term, the caps and the doubling window of Besluit 7.1 lid 3."""

from datetime import date, timedelta

import pytest

from inburgering import wet
from inburgering.wet import Doelgroep, EerdereOvertreding, Verwijtbaarheid

A = Doelgroep.ASIELSTATUSHOUDER
G = Doelgroep.GEZINSMIGRANT_OVERIG


def test_individual_assessment_required_only_for_asylum_permit_holders():
    assert wet.individuele_beoordeling_vereist(A).waarde is True
    assert wet.individuele_beoordeling_vereist(G).waarde is False
    assert "C-158/23" in wet.individuele_beoordeling_vereist(A).uitleg


def test_voornemen_refused_without_assessment_for_asylum_permit_holder():
    v = wet.toets_voornemen(
        doelgroep=A, beoordeling_vastgelegd=False, boete_passend=None, bijstand_verlaagd=False
    )
    assert v.codes == {"BEOORDELING_ONTBREEKT"}
    assert "C-158/23" in v.overtredingen[0].melding
    assert wet.toets_voornemen(
        doelgroep=A, beoordeling_vastgelegd=True, boete_passend=True, bijstand_verlaagd=False
    ).geldig
    assert wet.toets_voornemen(
        doelgroep=A, beoordeling_vastgelegd=True, boete_passend=False, bijstand_verlaagd=False
    ).codes == {"BOETE_NIET_PASSEND"}
    assert wet.toets_voornemen(
        doelgroep=G, beoordeling_vastgelegd=False, boete_passend=None, bijstand_verlaagd=False
    ).geldig


def test_wi27_bijstand_already_reduced_refuses_the_voornemen():
    v = wet.toets_voornemen(
        doelgroep=G, beoordeling_vastgelegd=False, boete_passend=None, bijstand_verlaagd=True
    )
    assert v.codes == {"WI27_BIJSTAND_VERLAAGD"}
    assert "artikel 27" in v.overtredingen[0].melding


def test_zienswijze_term_is_fourteen_days_after_sending():
    assert wet.zienswijzetermijn(date(2025, 3, 1)).waarde == date(2025, 3, 15)
    assert wet.zienswijzetermijn(date(2025, 3, 1), dagen=7).waarde == date(2025, 3, 8)
    with pytest.raises(ValueError):
        wet.zienswijzetermijn(date(2025, 3, 1), dagen=0)


@pytest.mark.parametrize(
    ("dag", "toegestaan"),
    [(date(2025, 3, 14), False), (date(2025, 3, 15), False), (date(2025, 3, 16), True)],
)
def test_beschikking_only_after_the_zienswijze_term(dag, toegestaan):
    uitkomst = wet.beschikking_toegestaan(
        peildatum=dag, termijn_einde=date(2025, 3, 15), zienswijze_ontvangen=False
    )
    assert uitkomst.waarde is toegestaan
    if not toegestaan:
        assert "15-03-2025" in uitkomst.uitleg


def test_beschikking_allowed_within_the_term_once_the_zienswijze_is_received():
    assert wet.beschikking_toegestaan(
        peildatum=date(2025, 3, 5), termijn_einde=date(2025, 3, 15), zienswijze_ontvangen=True
    ).waarde


def test_running_total_against_the_caps():
    stand = wet.boeteruimte([25_000, 80_000]).waarde
    assert (stand.totaal_cents, stand.plafond_cents, stand.ruimte_cents) == (
        105_000,
        240_000,
        135_000,
    )
    vol = wet.boeteruimte([80_000, 80_000, 80_000]).waarde
    assert vol.bereikt and vol.ruimte_cents == 0
    for maanden, plafond in ((6, 40_000), (12, 80_000), (18, 120_000), (24, 160_000)):
        assert wet.boeteruimte([], nieuwe_termijn_maanden=maanden).waarde.plafond_cents == plafond
    with pytest.raises(ValueError):
        wet.boeteruimte([], nieuwe_termijn_maanden=9)
    with pytest.raises(ValueError):
        wet.boeteruimte([-1])


def test_amount_refused_at_zero_and_above_maximum_and_cap():
    assert wet.toets_boetebedrag(artikel="22", bedrag_cents=25_000, reeds_opgelegd_cents=0).geldig
    assert wet.toets_boetebedrag(artikel="22", bedrag_cents=0, reeds_opgelegd_cents=0).codes == {
        "BEDRAG_NIET_POSITIEF"
    }
    assert wet.toets_boetebedrag(artikel="22", bedrag_cents=-100, reeds_opgelegd_cents=0).codes == {
        "BEDRAG_NIET_POSITIEF"
    }
    assert wet.toets_boetebedrag(
        artikel="22", bedrag_cents=25_001, reeds_opgelegd_cents=0
    ).codes == {"BOVEN_MAXIMUM"}
    assert wet.toets_boetebedrag(artikel="23", bedrag_cents=80_000, reeds_opgelegd_cents=0).geldig
    # The cap: exactly reached is allowed, one cent more is not.
    assert wet.toets_boetebedrag(
        artikel="23", bedrag_cents=40_000, reeds_opgelegd_cents=200_000
    ).geldig
    te_veel = wet.toets_boetebedrag(artikel="23", bedrag_cents=40_001, reeds_opgelegd_cents=200_000)
    assert te_veel.codes == {"BOVEN_PLAFOND"}
    assert "7.1, vijfde lid" in te_veel.overtredingen[0].melding
    # Reduced cap of a new termijn of 6 months: € 400.
    assert wet.toets_boetebedrag(
        artikel="22", bedrag_cents=25_000, reeds_opgelegd_cents=25_000, nieuwe_termijn_maanden=6
    ).codes == {"BOVEN_PLAFOND"}


@pytest.mark.parametrize(
    ("peildatum", "onherroepelijk"),
    [(date(2025, 4, 11), False), (date(2025, 4, 12), False), (date(2025, 4, 13), True)],
)
def test_irrevocable_the_day_after_the_six_week_bezwaar_term(peildatum, onherroepelijk):
    # Dagtekening 1 March 2025: six weeks end on 12 April 2025.
    uitkomst = wet.boete_onherroepelijk(dagtekening=date(2025, 3, 1), peildatum=peildatum)
    assert uitkomst.waarde is onherroepelijk


def test_irrevocable_after_bezwaar_only_once_decided():
    lopend = wet.boete_onherroepelijk(
        dagtekening=date(2025, 3, 1), peildatum=date(2026, 1, 1), rechtsmiddel_aangewend=True
    )
    assert lopend.waarde is False
    beslist = wet.boete_onherroepelijk(
        dagtekening=date(2025, 3, 1),
        peildatum=date(2025, 3, 20),
        rechtsmiddel_aangewend=True,
        rechtsmiddel_beslist=True,
    )
    assert beslist.waarde is True


@pytest.mark.parametrize(
    ("eerdere_dag", "verdubbeld"),
    [
        (date(2024, 6, 9), False),  # the day before the window (twelve months and a day)
        (date(2024, 6, 10), True),  # the first day of the window
        (date(2024, 6, 11), True),  # the day after
    ],
)
def test_doubling_window_of_twelve_months(eerdere_dag, verdubbeld):
    constatering = date(2025, 6, 10)
    uitkomst = wet.boete_art23(
        constatering=constatering,
        verwijtbaarheid=Verwijtbaarheid.OPZET,
        doelgroep=G,
        eerdere_overtredingen=[EerdereOvertreding(eerdere_dag, True)],
    )
    assert uitkomst.waarde.bedrag_cents == (10_000 if verdubbeld else 5_000)


def test_doubling_needs_an_irrevocable_earlier_fine_and_culpability_applies_after():
    eerder = EerdereOvertreding(date(2025, 5, 1), False)
    niet = wet.boete_art23(
        constatering=date(2025, 6, 10),
        verwijtbaarheid=Verwijtbaarheid.GROVE_SCHULD,
        doelgroep=G,
        eerdere_overtredingen=[eerder],
    )
    assert niet.waarde.bedrag_cents == 3_750
    wel = wet.boete_art23(
        constatering=date(2025, 6, 10),
        verwijtbaarheid=Verwijtbaarheid.GROVE_SCHULD,
        doelgroep=G,
        eerdere_overtredingen=[EerdereOvertreding(date(2025, 5, 1), True)],
    )
    assert wel.waarde.bedrag_cents == 7_500


def test_rules_are_registered_with_citations():
    for naam in (
        "individuele_beoordeling_vereist",
        "toets_voornemen",
        "zienswijzetermijn",
        "beschikking_toegestaan",
        "boeteruimte",
        "toets_boetebedrag",
        "boete_onherroepelijk",
    ):
        assert wet.REGELS[naam].grondslagen, naam
    assert date(2025, 3, 1) + timedelta(days=42) == date(2025, 4, 12)
