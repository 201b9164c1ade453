"""The transition table: every phase reachable, closure always possible, nothing after closure."""

from inburgering.dossiers.workflow import (
    FEITEN,
    OPEN_FASEN,
    TRANSITIES,
    Fase,
    Soort,
    toegestane_events,
    volgende_fase,
)


def test_every_phase_is_reachable_from_a_new_dossier():
    bereikt, rand = set(), {None}
    while rand:
        fase = rand.pop()
        for (van, _soort), naar in TRANSITIES.items():
            if van == fase and naar not in bereikt:
                bereikt.add(naar)
                rand.add(naar)
    assert bereikt == set(Fase)


def test_every_open_phase_can_be_closed_and_closed_is_final():
    for fase in OPEN_FASEN:
        assert volgende_fase(fase, Soort.DOSSIER_AFGESLOTEN) == Fase.AFGEROND
    assert [s for (van, s) in TRANSITIES if van == Fase.AFGEROND] == []
    assert volgende_fase(Fase.AFGEROND, Soort.INTAKE_GESTART) is None


def test_a_pip_cannot_be_set_before_the_intake():
    assert volgende_fase(Fase.GEHUISVEST, Soort.PIP_VASTGESTELD) is None
    assert volgende_fase(None, Soort.PIP_VASTGESTELD) is None
    assert volgende_fase(Fase.BREDE_INTAKE, Soort.PIP_VASTGESTELD) is None


def test_facts_never_change_the_phase_and_need_an_existing_dossier():
    for soort in FEITEN:
        assert volgende_fase(None, soort) is None
        for fase in Fase:
            assert volgende_fase(fase, soort) == fase


def test_late_brp_registration_is_recorded_without_moving_back():
    assert volgende_fase(Fase.BREDE_INTAKE, Soort.HUISVESTING) == Fase.BREDE_INTAKE
    assert volgende_fase(Fase.GEKOPPELD, Soort.HUISVESTING) == Fase.GEHUISVEST


def test_menu_of_allowed_events_follows_the_table():
    assert Soort.INTAKE_AFGEROND in toegestane_events(Fase.BREDE_INTAKE)
    assert Soort.PIP_VASTGESTELD not in toegestane_events(Fase.BREDE_INTAKE)
    assert toegestane_events(None) == [
        Soort.SIGNAAL_ONTVANGEN,
        Soort.COA_KOPPELING,
        Soort.HUISVESTING,
        Soort.VESTIGING_NA_VERHUIZING,
    ]
