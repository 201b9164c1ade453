"""Folding the event log: order by legal date, corrections, withdrawals, peildatum, consistency."""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburgering.dossiers.toestand import OngeldigeGebeurtenis, bereken_toestand
from inburgering.dossiers.workflow import TRANSITIES, Fase, Soort

T0 = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)


@dataclass
class E:
    id: int | None
    soort: str
    datum: dt.date
    gegevens: dict = field(default_factory=dict)
    corrigeert_id: int | None = None
    geregistreerd_op: dt.datetime = T0


def d(day: int, month: int = 3) -> dt.date:
    return dt.date(2025, month, day)


def test_events_fold_in_order_of_legal_date_not_of_recording():
    events = [
        E(1, Soort.SIGNAAL_ONTVANGEN, d(1)),
        E(2, Soort.INTAKE_GESTART, d(20)),
        E(3, Soort.HUISVESTING, d(10)),  # recorded later, took effect earlier
    ]
    t = bereken_toestand(events)
    assert t.fase == Fase.BREDE_INTAKE
    assert [f for _, f in t.fasehistorie] == [Fase.GESIGNALEERD, Fase.GEHUISVEST, Fase.BREDE_INTAKE]
    assert t.brp_inschrijving_datum == d(10)


def test_a_correction_supersedes_the_event_it_corrects():
    events = [
        E(1, Soort.SIGNAAL_ONTVANGEN, d(1)),
        E(2, Soort.HUISVESTING, d(15)),
        E(3, Soort.HUISVESTING, d(12), corrigeert_id=2),
    ]
    assert bereken_toestand(events).brp_inschrijving_datum == d(12)


def test_a_withdrawal_removes_the_event_and_its_phase():
    events = [
        E(1, Soort.SIGNAAL_ONTVANGEN, d(1)),
        E(2, Soort.HUISVESTING, d(15)),
        E(3, Soort.INTREKKING, d(16), corrigeert_id=2),
    ]
    t = bereken_toestand(events)
    assert t.fase == Fase.GESIGNALEERD
    assert t.brp_inschrijving_datum is None


def test_peildatum_and_bekend_op_reproduce_an_earlier_report():
    events = [
        E(1, Soort.SIGNAAL_ONTVANGEN, d(1)),
        E(2, Soort.HUISVESTING, d(10), geregistreerd_op=T0 + dt.timedelta(days=90)),
        E(3, Soort.INTAKE_GESTART, d(20), geregistreerd_op=T0 + dt.timedelta(days=91)),
    ]
    assert bereken_toestand(events, peildatum=d(15)).fase == Fase.GEHUISVEST
    assert bereken_toestand(events, peildatum=d(9)).fase == Fase.GESIGNALEERD
    # As known on the original report date, the housing was not yet recorded.
    assert bereken_toestand(events, bekend_op=T0 + dt.timedelta(days=1)).fase == Fase.GESIGNALEERD


def test_history_against_the_table_is_refused_with_a_dutch_message():
    with pytest.raises(OngeldigeGebeurtenis, match="kan niet worden geregistreerd in fase"):
        bereken_toestand([E(1, Soort.SIGNAAL_ONTVANGEN, d(1)), E(2, Soort.PIP_VASTGESTELD, d(2))])


def test_brp_registration_before_the_koppeling_is_refused():
    events = [E(1, Soort.COA_KOPPELING, d(10), {"azc": "Ter Apel"}), E(2, Soort.HUISVESTING, d(5))]
    with pytest.raises(OngeldigeGebeurtenis, match="vóór de koppeling"):
        bereken_toestand(events)


def test_doelgroep_and_consulent_keep_their_history():
    events = [
        E(1, Soort.SIGNAAL_ONTVANGEN, d(1)),
        E(2, Soort.DOELGROEP_VASTGESTELD, d(1), {"doelgroep": "gezinsmigrant_overig"}),
        E(3, Soort.CONSULENT_TOEGEWEZEN, d(2), {"consulent_id": 7}),
        E(4, Soort.DOELGROEP_VASTGESTELD, d(9), {"doelgroep": "asielstatushouder"}),
        E(5, Soort.CONSULENT_TOEGEWEZEN, d(9), {"consulent_id": 8}),
    ]
    t = bereken_toestand(events)
    assert t.doelgroep == "asielstatushouder"
    assert t.doelgroephistorie == [(d(1), "gezinsmigrant_overig"), (d(9), "asielstatushouder")]
    assert t.consulenthistorie == [(d(2), 7), (d(9), 8)]


def test_a_new_pip_version_keeps_the_first_dagtekening_for_the_termijn():
    events = [
        E(1, Soort.SIGNAAL_ONTVANGEN, d(1, 1)),
        E(2, Soort.INTAKE_GESTART, d(5, 1)),
        E(3, Soort.INTAKE_AFGEROND, d(10, 1)),
        E(4, Soort.PIP_VASTGESTELD, d(1, 2), {"leerroute": "b1"}),
        E(5, Soort.LEERROUTE_GESTART, d(1, 3)),
        E(6, Soort.PIP_VASTGESTELD, d(1, 6), {"leerroute": "z"}),
    ]
    t = bereken_toestand(events)
    assert t.fase == Fase.IN_LEERROUTE
    assert t.eerste_pip_dagtekening == d(1, 2)
    assert t.pip_dagtekening == d(1, 6)
    assert t.leerroute == "z"


@settings(max_examples=200)
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=15))
def test_any_walk_through_the_table_folds_back_to_where_it_ended(keuzes):
    """Generate histories by walking the table; the fold must land on the walk's final phase."""
    fase, events, datum = None, [], d(1, 1)
    for i, keuze in enumerate(keuzes, start=1):
        opties = sorted(
            ((s, naar) for (van, s), naar in TRANSITIES.items() if van == fase), key=str
        )
        if not opties:
            break
        soort, naar = opties[keuze % len(opties)]
        gevestigd = {Soort.HUISVESTING, Soort.VESTIGING_NA_VERHUIZING}
        if soort == Soort.COA_KOPPELING and any(e.soort in gevestigd for e in events):
            continue  # a koppeling after housing would date the BRP registration before it
        gegevens = {"reden": "voldaan"} if soort == Soort.DOSSIER_AFGESLOTEN else {"azc": "X"}
        events.append(E(i, soort, datum, gegevens))
        datum += dt.timedelta(days=keuze % 30 + 1)
        fase = naar
    if events:
        t = bereken_toestand(events)
        assert t.fase == fase
        assert t.fase_sinds <= events[-1].datum
