from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburgering.wet import (
    Beleidskeuzes,
    Doelgroep,
    Examenonderdeel,
    InspanningenInvoer,
    Leerroute,
    OntbrekendeDag,
    Periode,
    Periodeeinde,
    Regime,
    Taalniveau,
    Termijn,
    inburgeringstermijn,
    regime,
    verlengde_termijn,
    verlenging_aanvraagvenster,
    verlenging_aanzienlijke_inspanningen,
    verlenging_ambtshalve,
    verlenging_geen_verwijt,
)

VERVALDAG = Beleidskeuzes(periodeeinde=Periodeeinde.VERVALDAG)
AFKAPPEN = Beleidskeuzes(ontbrekende_dag=OntbrekendeDag.AFKAPPEN)
datums = st.dates(min_value=date(2022, 1, 1), max_value=date(2040, 12, 31))
keuzes = st.builds(
    Beleidskeuzes,
    ontbrekende_dag=st.sampled_from(list(OntbrekendeDag)),
    periodeeinde=st.sampled_from(list(Periodeeinde)),
)


def test_termijn_start_dag_na_dagtekening_en_drie_jaar():
    u = inburgeringstermijn(date(2022, 3, 1))
    assert u.waarde == Termijn(date(2022, 3, 2), date(2025, 3, 1))
    assert {str(g) for g in u.grondslagen} == {
        "BWBR0044770 art. 11 lid 1",
        "BWBR0044770 art. 11 lid 2",
    }
    assert inburgeringstermijn(date(2022, 3, 1), opties=VERVALDAG).waarde.einde == date(2025, 3, 2)


def test_termijn_niet_verschoven_door_atw():
    # 01-03-2025 is a Saturday; Atw art. 4 onder a excludes termijnen in years
    assert inburgeringstermijn(date(2022, 3, 1)).waarde.einde == date(2025, 3, 1)


def test_29_februari():
    # dagtekening 28-02-2024 -> start 29-02-2024
    assert inburgeringstermijn(date(2024, 2, 28)).waarde == Termijn(
        date(2024, 2, 29), date(2027, 2, 28)
    )
    assert inburgeringstermijn(date(2024, 2, 28), opties=AFKAPPEN).waarde.einde == date(2027, 2, 27)
    # dagtekening on 29-02-2024 -> start 01-03-2024; both options agree
    assert inburgeringstermijn(date(2024, 2, 29)).waarde == Termijn(
        date(2024, 3, 1), date(2027, 2, 28)
    )
    assert inburgeringstermijn(date(2024, 2, 29), opties=AFKAPPEN).waarde.einde == date(2027, 2, 28)


def test_opnieuw_vastgesteld_pip_verschuift_aanvang_niet():
    eerste = inburgeringstermijn(date(2022, 3, 1))
    opnieuw = inburgeringstermijn(date(2022, 3, 1), dagtekening_huidige_pip=date(2023, 6, 1))
    assert opnieuw.waarde == eerste.waarde
    assert "BWBR0044770 art. 11 lid 3" in [str(g) for g in opnieuw.grondslagen]
    with pytest.raises(ValueError):
        inburgeringstermijn(date(2022, 3, 1), dagtekening_huidige_pip=date(2022, 2, 28))


def test_onderbreking_verlengt_met_haar_duur():
    u = inburgeringstermijn(
        date(2022, 3, 1), onderbrekingen=(Periode(date(2023, 1, 1), date(2023, 1, 31)),)
    )
    assert u.waarde.einde == date(2025, 3, 1) + timedelta(days=31)
    assert "BWBR0045555 art. 4.2" in [str(g) for g in u.grondslagen]


def test_onderbreking_maximaal_een_jaar():
    jaar = Periode(date(2023, 1, 1), date(2023, 12, 31))
    assert inburgeringstermijn(date(2022, 3, 1), onderbrekingen=(jaar,)).waarde.einde == date(
        2026, 3, 1
    )
    with pytest.raises(ValueError):
        inburgeringstermijn(
            date(2022, 3, 1), onderbrekingen=(Periode(date(2023, 1, 1), date(2024, 1, 1)),)
        )
    with pytest.raises(ValueError):
        inburgeringstermijn(
            date(2022, 3, 1), onderbrekingen=(Periode(date(2023, 1, 2), date(2023, 1, 1)),)
        )


@given(datums, keuzes)
def test_termijn_eigenschappen(dagtekening, opties):
    t = inburgeringstermijn(dagtekening, opties=opties).waarde
    assert t.start == dagtekening + timedelta(days=1)
    assert t.einde > t.start
    assert 1094 <= (t.einde - t.start).days <= 1096


@given(datums, st.integers(min_value=0, max_value=30), keuzes)
def test_verlenging_verkort_nooit(dagtekening, maanden, opties):
    t = inburgeringstermijn(dagtekening, opties=opties).waarde
    v = verlengde_termijn(t, maanden, opties).waarde
    assert v.start == t.start
    assert v.einde >= t.einde
    if maanden:
        assert v.einde > t.einde


def test_verlengde_termijn_zes_maanden():
    t = Termijn(date(2022, 3, 2), date(2025, 3, 1))
    assert verlengde_termijn(t, 6).waarde.einde == date(2025, 9, 1)
    assert verlengde_termijn(t, 0).waarde == t
    with pytest.raises(ValueError):
        verlengde_termijn(t, -1)


GOED = InspanningenInvoer(
    doelgroep=Doelgroep.ASIELSTATUSHOUDER,
    leerroute=Leerroute.B1,
    niveau_pip=Taalniveau.B1,
    alle_lessen_gevolgd=True,
    gevolgde_uren=0,
    behaalde_onderdelen=frozenset(
        {Examenonderdeel.LEZEN, Examenonderdeel.SPREKEN, Examenonderdeel.KNM}
    ),
    pvt_afgerond=True,
    map_afgerond=True,
)


def test_aanzienlijke_inspanningen_alle_voorwaarden():
    u = verlenging_aanzienlijke_inspanningen(GOED)
    assert u.waarde.voldaan and u.waarde.maanden == 6 and u.waarde.ontbrekend == ()
    assert "BWBR0045555 art. 4.4 lid 1" in [str(g) for g in u.grondslagen]


@pytest.mark.parametrize(
    "wijziging",
    [
        {"leerroute": Leerroute.Z},
        {"leerroute": Leerroute.ONDERWIJS},
        {"niveau_pip": Taalniveau.A1},
        {"alle_lessen_gevolgd": False, "gevolgde_uren": 2000},
        {"behaalde_onderdelen": frozenset({Examenonderdeel.LEZEN, Examenonderdeel.KNM})},
        {"behaalde_onderdelen": frozenset(Examenonderdeel) - {Examenonderdeel.KNM}},
        {"pvt_afgerond": False},
        {"map_afgerond": False},
    ],
)
def test_aanzienlijke_inspanningen_elke_voorwaarde_telt(wijziging):
    u = verlenging_aanzienlijke_inspanningen(replace(GOED, **wijziging))
    assert not u.waarde.voldaan
    assert u.waarde.maanden == 0
    assert len(u.waarde.ontbrekend) == 1
    assert u.waarde.ontbrekend[0] in u.uitleg


@pytest.mark.parametrize("niveau", [None, Taalniveau.A2, Taalniveau.B1])
def test_aanzienlijke_inspanningen_niveau_minstens_a2(niveau):
    assert verlenging_aanzienlijke_inspanningen(replace(GOED, niveau_pip=niveau)).waarde.voldaan


@pytest.mark.parametrize(("uren", "voldaan"), [(449, False), (450, True), (451, True)])
def test_gezinsmigrant_450_uur(uren, voldaan):
    invoer = replace(
        GOED,
        doelgroep=Doelgroep.GEZINSMIGRANT_OVERIG,
        alle_lessen_gevolgd=False,
        gevolgde_uren=uren,
    )
    u = verlenging_aanzienlijke_inspanningen(invoer)
    assert u.waarde.voldaan is voldaan
    assert "BWBR0045555 art. 4.4 lid 3" in [str(g) for g in u.grondslagen]


def test_aanvraagvenster_zes_maanden_voor_einde():
    einde = date(2025, 3, 1)  # last day; the termijn expires at the start of 02-03-2025
    assert verlenging_aanvraagvenster(einde).waarde.vroegst == date(2024, 9, 2)
    assert verlenging_aanvraagvenster(date(2025, 3, 2), opties=VERVALDAG).waarde.vroegst == date(
        2024, 9, 2
    )
    te_vroeg = verlenging_aanvraagvenster(einde, aanvraagdatum=date(2024, 9, 1)).waarde
    assert te_vroeg.niet_te_vroeg is False and te_vroeg.beslissing_uiterlijk is None
    op_tijd = verlenging_aanvraagvenster(einde, aanvraagdatum=date(2024, 9, 2)).waarde
    assert op_tijd.niet_te_vroeg is True
    assert op_tijd.beslissing_uiterlijk == date(2024, 10, 28)  # 8 weeks
    later = verlenging_aanvraagvenster(einde, aanvraagdatum=date(2024, 9, 3)).waarde
    assert later.niet_te_vroeg is True


def test_beslistermijn_atw():
    # received Saturday 02-11-2024 + 8 weeks = Saturday 28-12-2024 -> Monday 30-12-2024
    u = verlenging_aanvraagvenster(date(2025, 3, 1), aanvraagdatum=date(2024, 11, 2))
    assert u.waarde.beslissing_uiterlijk == date(2024, 12, 30)


def test_geen_verwijt_gronden_en_melding_aanbod():
    geen = verlenging_geen_verwijt(doelgroep=Doelgroep.ASIELSTATUSHOUDER)
    assert geen.waarde.grond_aanwezig is False
    aanbod = verlenging_geen_verwijt(
        doelgroep=Doelgroep.ASIELSTATUSHOUDER, aanbod_niet_geleverd=True
    )
    assert aanbod.waarde.grond_aanwezig and aanbod.waarde.melden_aan_duo
    assert "BWBR0045555 art. 9.3 lid 2 onder b" in [str(g) for g in aanbod.grondslagen]
    gezin = verlenging_geen_verwijt(
        doelgroep=Doelgroep.GEZINSMIGRANT_OVERIG, aanbod_niet_geleverd=True
    )
    assert not gezin.waarde.melden_aan_duo and not gezin.waarde.grond_aanwezig
    opleiding = verlenging_geen_verwijt(
        doelgroep=Doelgroep.GEZINSMIGRANT_OVERIG, niet_vrijstellende_opleiding=True
    )
    assert opleiding.waarde.gronden == (
        "de inburgeringsplichtige volgt een niet-vrijstellende opleiding",
    )


def test_regime_grens_1_januari_2022():
    assert regime(date(2021, 12, 31)).waarde is Regime.WI2013
    assert regime(date(2022, 1, 1)).waarde is Regime.WI2021


# --- ambtshalve extension: Besluit 4.5 lid 2-3 -------------------------------------------------


@pytest.mark.parametrize(
    ("beschikking", "toegestaan"),
    [
        # termijn ends (last day) 1 March 2025: it expires on 2 March; six months earlier is
        # 2 September 2024
        (date(2024, 9, 1), False),
        (date(2024, 9, 2), True),
        (date(2024, 9, 3), True),
    ],
)
def test_ambtshalve_verlenging_niet_eerder_dan_zes_maanden(beschikking, toegestaan):
    uitkomst = verlenging_ambtshalve(date(2025, 3, 1), beschikkingsdatum=beschikking)
    assert uitkomst.waarde.vroegst == date(2024, 9, 2)
    assert uitkomst.waarde.toegestaan is toegestaan
    assert {str(g) for g in uitkomst.grondslagen} == {
        "BWBR0045555 art. 4.5 lid 2",
        "BWBR0045555 art. 4.5 lid 4",
    }
    # the same moment as the earliest application under lid 1
    assert uitkomst.waarde.vroegst == verlenging_aanvraagvenster(date(2025, 3, 1)).waarde.vroegst


def test_ambtshalve_verlenging_categorie_zonder_tijdsgrens():
    uitkomst = verlenging_ambtshalve(
        date(2025, 3, 1), categorie=True, beschikkingsdatum=date(2023, 1, 1)
    )
    assert uitkomst.waarde == uitkomst.waarde.__class__(None, True)
    assert "BWBR0045555 art. 4.5 lid 3" in {str(g) for g in uitkomst.grondslagen}
    assert "ministeriële regeling" in uitkomst.uitleg
    zonder = verlenging_ambtshalve(date(2025, 3, 1))
    assert zonder.waarde.toegestaan is None and "vanaf 02-09-2024" in zonder.uitleg


@pytest.mark.parametrize(
    ("aanvraag", "binnen", "te_laat"),
    [
        (date(2024, 9, 1), False, False),  # the day before the window opens
        (date(2024, 9, 2), True, False),  # the first day (six months before expiry)
        (date(2025, 3, 1), True, False),  # the termijn's last day
        (date(2025, 3, 2), False, True),  # the day after: the termijn has expired
    ],
)
def test_aanvraagvenster_grenzen(aanvraag, binnen, te_laat):
    venster = verlenging_aanvraagvenster(date(2025, 3, 1), aanvraagdatum=aanvraag)
    assert venster.waarde.binnen_venster is binnen
    assert venster.waarde.laatst == date(2025, 3, 1)
    assert venster.waarde.niet_te_laat is not te_laat
    assert ("te laat" in venster.uitleg) is te_laat
    assert (venster.waarde.beslissing_uiterlijk is not None) is binnen


def test_aanvraagvenster_vervaldag_laatste_dag():
    venster = verlenging_aanvraagvenster(date(2025, 3, 2), opties=VERVALDAG).waarde
    assert venster.laatst == date(2025, 3, 1) and venster.binnen_venster is None
