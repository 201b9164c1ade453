from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburgering.wet import (
    Beleidskeuzes,
    Doelgroep,
    Examenonderdeel,
    Leerroute,
    PipInhoud,
    PipSituatie,
    is_atw_rustdag,
    pip_aanpassing_na_routewijziging,
    pip_deadline,
    pip_inhoud_ontbrekend,
)

ZONDER_ATW = Beleidskeuzes(algemene_termijnenwet=False)
KENNISGEVING = date(2024, 1, 2)  # Tuesday; + 10 weeks = Tuesday 12-03-2024


def test_kennisgeving_plus_tien_weken():
    u = pip_deadline(KENNISGEVING)
    assert u.waarde.uiterlijk == date(2024, 3, 12)
    assert u.waarde.situatie is PipSituatie.KENNISGEVING
    assert [str(g) for g in u.grondslagen] == ["BWBR0045555 art. 5.3 lid 1"]
    assert "12-03-2024" in u.uitleg and "02-01-2024" in u.uitleg


@pytest.mark.parametrize(
    ("kennisgeving", "uiterlijk"),
    [(date(2024, 1, 1), date(2024, 3, 11)), (date(2024, 1, 3), date(2024, 3, 13))],
)
def test_dag_ervoor_en_erna(kennisgeving, uiterlijk):
    assert pip_deadline(kennisgeving).waarde.uiterlijk == uiterlijk


def test_dag_zelf_meetellen_optie():
    opties = Beleidskeuzes(dag_zelf_meetellen=True)
    assert pip_deadline(KENNISGEVING, opties=opties).waarde.uiterlijk == date(2024, 3, 11)


def test_atw_schuift_zaterdag_naar_maandag():
    u = pip_deadline(date(2024, 1, 6))  # + 70 days = Saturday 16-03-2024
    assert u.waarde.kalenderdatum == date(2024, 3, 16)
    assert u.waarde.uiterlijk == date(2024, 3, 18)
    assert "Algemene termijnenwet" in u.uitleg
    assert pip_deadline(date(2024, 1, 6), opties=ZONDER_ATW).waarde.uiterlijk == date(2024, 3, 16)


def test_atw_schuift_koningsdag():
    u = pip_deadline(date(2026, 2, 16))  # + 70 days = Monday 27-04-2026, Koningsdag
    assert u.waarde.uiterlijk == date(2026, 4, 28)


def test_asielhuisvesting_inschrijving_na_kennisgeving():
    u = pip_deadline(
        KENNISGEVING,
        gehuisvest_via_taakstelling=True,
        inschrijving_huisvestingsgemeente=date(2024, 2, 1),
    )
    assert u.waarde.uiterlijk == date(2024, 4, 11)
    assert u.waarde.situatie is PipSituatie.INSCHRIJVING_HUISVESTINGSGEMEENTE


@pytest.mark.parametrize(
    ("inschrijving", "situatie", "uiterlijk"),
    [
        (date(2024, 1, 1), PipSituatie.KENNISGEVING, date(2024, 3, 12)),
        (date(2024, 1, 2), PipSituatie.KENNISGEVING, date(2024, 3, 12)),  # same day = registered
        (date(2024, 1, 3), PipSituatie.INSCHRIJVING_HUISVESTINGSGEMEENTE, date(2024, 3, 13)),
    ],
)
def test_asielhuisvesting_grens_op_dag_van_kennisgeving(inschrijving, situatie, uiterlijk):
    u = pip_deadline(
        KENNISGEVING,
        gehuisvest_via_taakstelling=True,
        inschrijving_huisvestingsgemeente=inschrijving,
    )
    assert (u.waarde.situatie, u.waarde.uiterlijk) == (situatie, uiterlijk)


def test_asielhuisvesting_nog_niet_ingeschreven():
    u = pip_deadline(KENNISGEVING, gehuisvest_via_taakstelling=True)
    assert u.waarde.uiterlijk is None
    assert u.waarde.situatie is PipSituatie.WACHT_OP_INSCHRIJVING


def test_wachten_op_derde_zonder_ontvangst():
    u = pip_deadline(KENNISGEVING, wacht_op_derde=True)
    assert u.waarde.uiterlijk is None
    assert u.waarde.situatie is PipSituatie.WACHT_OP_DERDE
    assert "BWBR0045555 art. 5.3 lid 2" in [str(g) for g in u.grondslagen]


def test_wachten_op_derde_twee_weken_na_ontvangst():
    u = pip_deadline(KENNISGEVING, wacht_op_derde=True, informatie_derde_ontvangen=date(2024, 4, 1))
    assert u.waarde.uiterlijk == date(2024, 4, 15)
    assert u.waarde.situatie is PipSituatie.INFORMATIE_DERDE


@pytest.mark.parametrize(
    ("ontvangen", "situatie", "uiterlijk"),
    [
        (date(2024, 2, 1), PipSituatie.KENNISGEVING, date(2024, 3, 12)),
        (date(2024, 2, 27), PipSituatie.KENNISGEVING, date(2024, 3, 12)),
        (date(2024, 2, 28), PipSituatie.INFORMATIE_DERDE, date(2024, 3, 13)),
    ],
)
def test_derde_verkort_de_termijn_niet(ontvangen, situatie, uiterlijk):
    u = pip_deadline(KENNISGEVING, wacht_op_derde=True, informatie_derde_ontvangen=ontvangen)
    assert (u.waarde.situatie, u.waarde.uiterlijk) == (situatie, uiterlijk)


def test_derde_optie_vervangt_altijd():
    opties = Beleidskeuzes(derde_informatie_alleen_verlengen=False)
    u = pip_deadline(
        KENNISGEVING,
        wacht_op_derde=True,
        informatie_derde_ontvangen=date(2024, 2, 1),
        opties=opties,
    )
    assert u.waarde.uiterlijk == date(2024, 2, 15)


def test_verhuizing_tien_weken_na_inschrijving_gaat_voor():
    u = pip_deadline(
        KENNISGEVING, inschrijving_nieuwe_gemeente=date(2024, 3, 4), pip_vorige_gemeente=True
    )
    assert u.waarde.uiterlijk == date(2024, 5, 13)
    assert u.waarde.situatie is PipSituatie.VERHUIZING
    assert {str(g) for g in u.grondslagen} == {
        "BWBR0045555 art. 5.3 lid 3",
        "BWBR0044770 art. 15 lid 4",
    }
    zonder_kennisgeving = pip_deadline(
        inschrijving_nieuwe_gemeente=date(2024, 3, 4), pip_vorige_gemeente=True
    )
    assert zonder_kennisgeving.waarde.uiterlijk == date(2024, 5, 13)


def test_verhuizing_zonder_pip_laat_lid_1_gelden():
    # Besluit 5.3 lid 3 covers only "de inburgeringsplichtige, voor wie het persoonlijk plan
    # inburgering en participatie is opgesteld": without a PIP the kennisgeving term runs on.
    u = pip_deadline(KENNISGEVING, inschrijving_nieuwe_gemeente=date(2024, 3, 4))
    assert u.waarde.situatie is PipSituatie.KENNISGEVING
    assert u.waarde.uiterlijk == pip_deadline(KENNISGEVING).waarde.uiterlijk
    assert "nog geen PIP" in u.uitleg
    assert "BWBR0044770 art. 15 lid 4" not in {str(g) for g in u.grondslagen}
    # the move does not start a term of its own when there is no kennisgeving either
    with pytest.raises(ValueError):
        pip_deadline(inschrijving_nieuwe_gemeente=date(2024, 3, 4))
    with pytest.raises(ValueError):
        pip_deadline(KENNISGEVING, pip_vorige_gemeente=True)


@pytest.mark.parametrize(
    ("inschrijving", "uiterlijk"),
    [
        # 10 weeks after the registration: day before/of/after give consecutive deadlines
        (date(2024, 3, 3), date(2024, 5, 13)),  # Sunday 12 May moves to Monday (Atw)
        (date(2024, 3, 4), date(2024, 5, 13)),
        (date(2024, 3, 5), date(2024, 5, 14)),
    ],
)
def test_verhuizing_met_pip_grenzen(inschrijving, uiterlijk):
    u = pip_deadline(inschrijving_nieuwe_gemeente=inschrijving, pip_vorige_gemeente=True)
    assert u.waarde.uiterlijk == uiterlijk


def test_verhuizing_met_pip_wacht_niet_op_derde():
    # lid 2 derogates from the lid 1 term only
    u = pip_deadline(
        inschrijving_nieuwe_gemeente=date(2024, 3, 4),
        pip_vorige_gemeente=True,
        wacht_op_derde=True,
    )
    assert u.waarde.uiterlijk == date(2024, 5, 13)
    assert u.waarde.situatie is PipSituatie.VERHUIZING


def test_ongeldige_invoer():
    with pytest.raises(ValueError):
        pip_deadline()
    with pytest.raises(ValueError):
        pip_deadline(KENNISGEVING, inschrijving_huisvestingsgemeente=date(2024, 2, 1))
    with pytest.raises(ValueError):
        pip_deadline(KENNISGEVING, informatie_derde_ontvangen=date(2024, 2, 1))


@given(st.dates(min_value=date(2022, 1, 1), max_value=date(2040, 12, 31)), st.booleans())
def test_deadline_eigenschappen(kennisgeving, atw):
    """Found by hypothesis: a deadline on Goede Vrijdag 2038 moves five days."""
    opties = Beleidskeuzes(algemene_termijnenwet=atw)
    u = pip_deadline(kennisgeving, opties=opties).waarde
    assert u.kalenderdatum == kennisgeving + timedelta(days=70)
    # The longest run of Atw rest days is five: Goede Vrijdag, Saturday, Easter Sunday, Easter
    # Monday and Koningsdag on the Tuesday (e.g. 23-27 April 2038).
    assert u.kalenderdatum <= u.uiterlijk <= u.kalenderdatum + timedelta(days=5)
    if atw:
        assert not is_atw_rustdag(u.uiterlijk)


@given(
    st.dates(min_value=date(2022, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=-100, max_value=200),
)
def test_inschrijving_nooit_eerder_dan_kennisgevingstermijn(kennisgeving, verschil):
    u = pip_deadline(
        kennisgeving,
        gehuisvest_via_taakstelling=True,
        inschrijving_huisvestingsgemeente=kennisgeving + timedelta(days=verschil),
        opties=ZONDER_ATW,
    ).waarde
    assert u.uiterlijk == kennisgeving + timedelta(days=70 + max(0, verschil))


VOLLEDIG = PipInhoud(
    doelgroep=Doelgroep.ASIELSTATUSHOUDER,
    leerroute=Leerroute.B1,
    ondersteuning_en_begeleiding=True,
    intensiteit_pvt_en_map=True,
    intensiteit_leerroute=True,
    aantal_voortgangsgesprekken=4,
    lbt_haalbaar=True,
)


def test_pip_inhoud_volledig():
    assert pip_inhoud_ontbrekend(VOLLEDIG).waarde == ()


def test_pip_inhoud_ontbrekende_onderdelen():
    from dataclasses import replace

    leeg = PipInhoud(
        Doelgroep.ASIELSTATUSHOUDER, None, False, False, vve_relevant=True, bijstand=True
    )
    ontbrekend = pip_inhoud_ontbrekend(leeg).waarde
    assert len(ontbrekend) == 7
    gezin = replace(VOLLEDIG, doelgroep=Doelgroep.GEZINSMIGRANT_OVERIG, intensiteit_leerroute=False)
    assert pip_inhoud_ontbrekend(gezin).waarde == ()
    z = replace(VOLLEDIG, leerroute=Leerroute.Z, lbt_haalbaar=False)
    assert pip_inhoud_ontbrekend(z).waarde == ()


KEUZE = (
    "welke A2-examens en/of het examen KNM worden afgelegd (de inburgeringsplichtige wenst dat "
    "en het college acht hem daartoe in staat)"
)


@pytest.mark.parametrize(
    ("leerroute", "wens", "in_staat", "vastgelegd", "ontbreekt"),
    [
        # Besluit 3.14 lid 7: "indien ... wenst af te leggen en het college ... in staat acht"
        (Leerroute.Z, False, None, False, False),  # no wish: a Z-route without exams
        (Leerroute.Z, True, None, False, False),  # wish, not (yet) judged capable
        (Leerroute.Z, True, False, False, False),  # wish, judged not capable
        (Leerroute.Z, False, True, False, False),  # capable but no wish
        (Leerroute.Z, True, True, False, True),  # both hold: the PIP must record it
        (Leerroute.Z, True, True, True, False),
        (Leerroute.B1, True, True, False, False),  # only the Z-route
    ],
)
def test_zroute_examenkeuze_alleen_bij_wens_en_oordeel(
    leerroute, wens, in_staat, vastgelegd, ontbreekt
):
    from dataclasses import replace

    inhoud = replace(
        VOLLEDIG,
        leerroute=leerroute,
        lbt_haalbaar=leerroute is not Leerroute.Z,
        zroute_examenwens=wens,
        zroute_in_staat_geacht=in_staat,
        zroute_examenkeuze_vastgelegd=vastgelegd,
    )
    uitkomst = pip_inhoud_ontbrekend(inhoud)
    assert (KEUZE in uitkomst.waarde) is ontbreekt
    assert "BWBR0045555 art. 3.14 lid 7" in {str(g) for g in uitkomst.grondslagen}


@pytest.mark.parametrize(
    ("leerroute", "haalbaar", "motivering_nodig"),
    [
        (Leerroute.B1, True, False),
        (Leerroute.B1, False, True),
        (Leerroute.ONDERWIJS, False, True),
        (Leerroute.Z, True, True),
        (Leerroute.Z, False, False),
        (Leerroute.B1, None, False),
    ],
)
def test_pip_afwijking_lbt_vraagt_motivering(leerroute, haalbaar, motivering_nodig):
    from dataclasses import replace

    inhoud = replace(
        VOLLEDIG, leerroute=leerroute, lbt_haalbaar=haalbaar, zroute_examenkeuze_vastgelegd=True
    )
    melding = "de motivering van de afwijking van de leerbaarheidstoets"
    assert (melding in pip_inhoud_ontbrekend(inhoud).waarde) is motivering_nodig
    gemotiveerd = replace(inhoud, motivering_afwijking_lbt="taalschool adviseert anders")
    assert melding not in pip_inhoud_ontbrekend(gemotiveerd).waarde


def test_goede_vrijdag_2038_schuift_vijf_dagen_tot_na_koningsdag():
    u = pip_deadline(date(2038, 4, 23) - timedelta(days=70)).waarde
    assert (u.kalenderdatum, u.uiterlijk) == (date(2038, 4, 23), date(2038, 4, 28))


# --- Besluit 5.3 lid 6: the PIP follows schakelen and afschalen -----------------------------------


def test_pip_aanpassen_na_schakelen():
    uitkomst = pip_aanpassing_na_routewijziging(
        leerroute_pip=Leerroute.B1, leerroute_besluit=Leerroute.Z
    )
    assert uitkomst.waarde == ("de leerroute (de Z-route in plaats van de B1-route)",)
    assert {str(g) for g in uitkomst.grondslagen} == {
        "BWBR0045555 art. 5.3 lid 6",
        "BWBR0044770 art. 17 lid 2",
    }


def test_pip_aanpassen_na_afschalen():
    sp = frozenset({Examenonderdeel.SPREKEN})
    uitkomst = pip_aanpassing_na_routewijziging(
        leerroute_pip=Leerroute.B1, leerroute_besluit=Leerroute.B1, a2_onderdelen_besluit=sp
    )
    assert uitkomst.waarde == ("de onderdelen die op A2 worden geëxamineerd (SP)",)
    assert "BWBR0044770 art. 17 lid 3" in {str(g) for g in uitkomst.grondslagen}
    bijgewerkt = pip_aanpassing_na_routewijziging(
        leerroute_pip=Leerroute.B1,
        leerroute_besluit=Leerroute.B1,
        a2_onderdelen_pip=sp,
        a2_onderdelen_besluit=sp,
    )
    assert bijgewerkt.waarde == ()
    assert bijgewerkt.uitleg == "Het PIP volgt het besluit over de leerroute en het examenniveau."
    with pytest.raises(ValueError):
        pip_aanpassing_na_routewijziging(
            leerroute_pip=Leerroute.B1, leerroute_besluit=Leerroute.Z, a2_onderdelen_besluit=sp
        )
    with pytest.raises(ValueError):
        pip_aanpassing_na_routewijziging(
            leerroute_pip=Leerroute.B1,
            leerroute_besluit=Leerroute.B1,
            a2_onderdelen_besluit=frozenset({Examenonderdeel.KNM}),
        )
