from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburgering.wet import (
    Beleidskeuzes,
    Doelgroep,
    IntakeOnderdeel,
    Leerroute,
    afschalen_toegestaan,
    brede_intake_ontbrekend,
    brede_intake_vervolg,
    map_urennorm,
    map_verplicht,
    overdracht_bij_schakelen,
    pvt_afgerond,
    pvt_urennorm,
    schakelen_toegestaan,
    zroute_urennorm,
)

ASIEL, GEZIN = Doelgroep.ASIELSTATUSHOUDER, Doelgroep.GEZINSMIGRANT_OVERIG
B, OND, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z


def test_brede_intake_vervolg_volgorde():
    een, twee, drie = (brede_intake_vervolg(n).waarde for n in (1, 2, 3))
    assert een.schriftelijke_waarschuwing and een.nieuwe_oproep and not een.boete_art22
    assert (
        twee.boete_art22
        and twee.nieuwe_termijn_max_maanden == 2
        and not twee.voltooien_zonder_persoon
    )
    assert drie.boete_art22 and drie.voltooien_zonder_persoon and not drie.nieuwe_oproep
    for n in (0, 4):
        with pytest.raises(ValueError):
            brede_intake_vervolg(n)


def test_brede_intake_vervolg_noemt_het_boetebedrag_met_besluit_7_1_lid_1():
    # Issue 16: a step naming €250 cites the article that sets the amount.
    for n in (2, 3):
        uitkomst = brede_intake_vervolg(n)
        assert "€ 250" in uitkomst.uitleg
        assert "BWBR0045555 art. 7.1 lid 1" in {str(g) for g in uitkomst.grondslagen}
    een = brede_intake_vervolg(1)
    assert "BWBR0045555 art. 7.1 lid 1" not in {str(g) for g in een.grondslagen}


def test_brede_intake_volledigheid():
    alles = frozenset(IntakeOnderdeel)
    kwargs = {"gewezen_op_recht_alleen": True, "schriftelijk_vastgelegd": True}
    assert brede_intake_ontbrekend(onderdelen=alles, vve_relevant=True, **kwargs).waarde == ()
    zonder_vve = alles - {IntakeOnderdeel.VVE_KIND}
    assert brede_intake_ontbrekend(onderdelen=zonder_vve, vve_relevant=False, **kwargs).waarde == ()
    assert (
        len(brede_intake_ontbrekend(onderdelen=zonder_vve, vve_relevant=True, **kwargs).waarde) == 1
    )
    zonder_lbt = alles - {IntakeOnderdeel.LEERBAARHEIDSTOETS}
    assert (
        brede_intake_ontbrekend(
            onderdelen=zonder_lbt, vve_relevant=True, lbt_ontheffing=True, **kwargs
        ).waarde
        == ()
    )
    assert brede_intake_ontbrekend(onderdelen=zonder_lbt, vve_relevant=True, **kwargs).waarde == (
        "de leerbaarheidstoets (of ontheffing daarvan)",
    )
    leeg = brede_intake_ontbrekend(
        onderdelen=frozenset(),
        vve_relevant=True,
        gewezen_op_recht_alleen=False,
        schriftelijk_vastgelegd=False,
    )
    assert len(leeg.waarde) == 9


START = date(2022, 3, 2)  # 1.5 years: up to and including 01-09-2023


@pytest.mark.parametrize(
    ("datum", "toegestaan"),
    [(date(2023, 8, 31), True), (date(2023, 9, 1), True), (date(2023, 9, 2), False)],
)
def test_schakelen_anderhalf_jaar(datum, toegestaan):
    u = schakelen_toegestaan(van=B, naar=Z, termijn_start=START, datum=datum)
    assert u.waarde is toegestaan
    assert "01-09-2023" in u.uitleg


def test_schakelen_onderwijsroute_naar_b1_altijd_en_uitzonderingen():
    laat = date(2024, 12, 1)
    assert schakelen_toegestaan(van=OND, naar=B, termijn_start=START, datum=laat).waarde
    assert not schakelen_toegestaan(van=B, naar=OND, termijn_start=START, datum=laat).waarde
    assert schakelen_toegestaan(
        van=B, naar=OND, termijn_start=START, datum=laat, opleiding_afgerond_na_schakelperiode=True
    ).waarde
    u = schakelen_toegestaan(van=Z, naar=B, termijn_start=START, datum=laat, bijzonder_geval=True)
    assert u.waarde and "BWBR0045555 art. 5.4 lid 3" in [str(g) for g in u.grondslagen]
    with pytest.raises(ValueError):
        schakelen_toegestaan(van=B, naar=B, termijn_start=START, datum=laat)


def test_schakelen_start_29_februari():
    start = date(2024, 2, 29)  # + 18 months = 29-08-2025 -> last day 28-08-2025
    assert schakelen_toegestaan(van=B, naar=Z, termijn_start=start, datum=date(2025, 8, 28)).waarde
    assert not schakelen_toegestaan(
        van=B, naar=Z, termijn_start=start, datum=date(2025, 8, 29)
    ).waarde


@pytest.mark.parametrize(
    ("van", "naar", "uren", "pogingen"),
    [
        (OND, B, True, True),
        (Z, B, True, False),
        (B, OND, False, True),
        (B, Z, True, False),
        (OND, Z, True, False),
        (Z, OND, False, False),
    ],
)
def test_overdracht(van, naar, uren, pogingen):
    w = overdracht_bij_schakelen(van, naar).waarde
    assert (w.cursusuren_tellen_mee, w.examenpogingen_en_onderdelen_tellen_mee) == (uren, pogingen)


@pytest.mark.parametrize(
    ("route", "uren", "intake", "inspanning", "toegestaan"),
    [
        (B, 599, 0, True, False),
        (B, 600, 0, True, True),
        (B, Decimal("599.5"), 0, True, False),
        (B, 590, 10, True, True),
        (B, 800, 0, False, False),
        (Z, 1000, 0, True, False),
        (OND, 1000, 0, True, False),
    ],
)
def test_afschalen(route, uren, intake, inspanning, toegestaan):
    u = afschalen_toegestaan(
        leerroute=route,
        nt2_uren=uren,
        nt2_uren_brede_intake=intake,
        voldoende_inspanning=inspanning,
    )
    assert u.waarde is toegestaan


def test_map_niet_in_onderwijsroute():
    assert map_verplicht(leerroute=B).waarde is True
    assert map_verplicht(leerroute=Z).waarde is True
    assert map_verplicht(leerroute=OND).waarde is False
    assert map_verplicht(leerroute=B, taalschakeltraject_gevolgd=True).waarde is False


def test_zroute_normen():
    assert zroute_urennorm(doelgroep=ASIEL).waarde.cursusuren == 800
    assert zroute_urennorm(doelgroep=ASIEL).waarde.participatie_uren == 800
    met_aftrek = zroute_urennorm(
        doelgroep=ASIEL, map_uren=40, pvt_uren=12, brede_intake_cursusuren=100
    )
    assert (met_aftrek.waarde.cursusuren, met_aftrek.waarde.participatie_uren) == (700, 748)
    gezin = zroute_urennorm(doelgroep=GEZIN, map_uren=40)
    assert gezin.waarde.participatie_uren is None and gezin.waarde.cursusuren == 800
    assert "BWBR0045555 art. 3.14 lid 3" in [str(g) for g in gezin.grondslagen]
    leeg = zroute_urennorm(
        doelgroep=ASIEL, cursusuren_vorige_route=900, brede_intake_activiteiten_uren=801
    )
    assert (leeg.waarde.cursusuren, leeg.waarde.participatie_uren) == (0, 0)
    with pytest.raises(ValueError):
        zroute_urennorm(doelgroep=ASIEL, map_uren=-1)
    with pytest.raises(TypeError):
        zroute_urennorm(doelgroep=ASIEL, map_uren=1.5)


uren = st.integers(min_value=0, max_value=2000)


@given(uren, uren, uren, uren, uren, uren)
def test_zroute_norm_tussen_0_en_800_en_dalend(m, p, bc, ba, v, e):
    norm = zroute_urennorm(
        doelgroep=ASIEL,
        map_uren=m,
        pvt_uren=p,
        brede_intake_cursusuren=bc,
        brede_intake_activiteiten_uren=ba,
        cursusuren_vorige_route=v,
        eerder_onderwijs_uren=e,
    ).waarde
    assert 0 <= norm.cursusuren <= 800 and 0 <= norm.participatie_uren <= 800
    assert norm.cursusuren == max(0, 800 - bc - v - e)
    assert norm.participatie_uren == max(0, 800 - m - p - ba)


def test_pvt():
    assert pvt_urennorm().waarde == 12
    assert pvt_urennorm(5).waarde == 7
    assert pvt_urennorm(20).waarde == 0
    kw = {"kernwaarden_activiteit": True, "verklaring_ondertekend": True}
    assert pvt_afgerond(uren_gevolgd=11, **kw).waarde is False
    assert pvt_afgerond(uren_gevolgd=12, **kw).waarde is True
    assert pvt_afgerond(uren_gevolgd=10, brede_intake_uren=2, **kw).waarde is True
    assert (
        pvt_afgerond(
            uren_gevolgd=12, kernwaarden_activiteit=False, verklaring_ondertekend=True
        ).waarde
        is False
    )
    assert (
        pvt_afgerond(
            uren_gevolgd=12, kernwaarden_activiteit=True, verklaring_ondertekend=False
        ).waarde
        is False
    )


def test_map_urennorm_open():
    geen = map_urennorm()
    assert geen.waarde is None and geen.bron.value == "open"
    assert map_urennorm(10, Beleidskeuzes(map_urennorm=40)).waarde == 30
    assert map_urennorm(50, Beleidskeuzes(map_urennorm=40)).waarde == 0
