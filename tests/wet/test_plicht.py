"""The start and end of the inburgeringsplicht, vrijstelling and ontheffing (Wi 3-8; Besluit
2.1-2.8): cases from the article texts, each term on the day before, of and after."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from inburgering.wet import (
    Examenonderdeel,
    Leerroute,
    Onderbrekingsreden,
    Ontheffingssoort,
    Periode,
    Verblijfsrecht,
    inburgeringsplicht_voldaan,
    inburgeringsplichtig,
    ontheffing_belemmering,
    ontheffing_bijzondere_omstandigheden,
    plicht_voortgezet,
    vrijstelling_inburgeringsplicht,
)

LE, LU, SC, SP, KNM = (
    Examenonderdeel.LEZEN,
    Examenonderdeel.LUISTEREN,
    Examenonderdeel.SCHRIJVEN,
    Examenonderdeel.SPREKEN,
    Examenonderdeel.KNM,
)
TAAL = frozenset({LE, LU, SC, SP})
ALLES = TAAL | {KNM}
GEBOREN = date(2008, 5, 10)  # 16 on 10 May 2024


def citaties(uitkomst) -> set[str]:
    return {str(g) for g in uitkomst.grondslagen}


def plichtig(**kwargs):
    kwargs.setdefault("verblijfsrecht", Verblijfsrecht.REGULIER)
    kwargs.setdefault("verblijf_verkregen", date(2024, 5, 10))
    kwargs.setdefault("geboortedatum", GEBOREN)
    return inburgeringsplichtig(**kwargs)


# --- Wi art. 3: who is inburgeringsplichtig, and from when ---------------------------------


@pytest.mark.parametrize(
    ("verkregen", "verwacht"),
    [
        (date(2024, 5, 9), False),  # the day before the 16th birthday
        (date(2024, 5, 10), True),  # the birthday: "16 jaar of ouder"
        (date(2024, 5, 11), True),
    ],
)
def test_zestien_jaar_grens(verkregen, verwacht):
    uitkomst = plichtig(verblijf_verkregen=verkregen)
    assert uitkomst.waarde.plichtig is verwacht
    assert uitkomst.waarde.aanvang == (verkregen if verwacht else None)
    assert "BWBR0044770 art. 3 lid 1" in citaties(uitkomst)


@pytest.mark.parametrize(
    ("verkregen", "verwacht"),
    [
        (date(2024, 2, 29), True),  # the day before the AOW age
        (date(2024, 3, 1), False),  # the AOW age reached: "nog niet heeft bereikt"
        (date(2024, 3, 2), False),
    ],
)
def test_pensioengerechtigde_leeftijd_grens(verkregen, verwacht):
    uitkomst = plichtig(
        verblijf_verkregen=verkregen, geboortedatum=date(1957, 1, 1), aow_datum=date(2024, 3, 1)
    )
    assert uitkomst.waarde.plichtig is verwacht


def test_tijdelijk_doel_en_geestelijk_bedienaar():
    assert plichtig(tijdelijk_doel=True).waarde.plichtig is False
    # lid 1 onder b: a geestelijk bedienaar is plichtig whatever the purpose
    assert plichtig(tijdelijk_doel=True, geestelijk_bedienaar=True).waarde.plichtig is True
    # Besluit 2.2 lid 3: an asylum permit is never a temporary purpose
    asiel = plichtig(verblijfsrecht=Verblijfsrecht.ASIEL, tijdelijk_doel=True)
    assert asiel.waarde.plichtig is True
    assert "BWBR0045555 art. 2.2 lid 3" in citaties(asiel)
    anders = plichtig(verblijfsrecht=Verblijfsrecht.ANDERS)
    assert anders.waarde.plichtig is False
    assert "artikel 8" in anders.uitleg


@pytest.mark.parametrize(
    "uitzondering",
    [
        "eu_eer_zwitserland",
        "familielid_eu_vrij_verkeer",
        "inburgeringsvereiste_langdurig_ingezetene",
        "volkenrechtelijk_uitgezonderd",
    ],
)
def test_uitzonderingen_lid_2(uitzondering):
    uitkomst = plichtig(**{uitzondering: True})
    assert uitkomst.waarde.plichtig is False
    assert "BWBR0044770 art. 3 lid 2" in citaties(uitkomst)


@pytest.mark.parametrize(
    ("besluit", "aanvang"),
    [
        (date(2024, 6, 30), date(2024, 6, 30)),  # permit granted with retroactive effect
        (date(2024, 5, 10), date(2024, 5, 10)),  # same day
        (date(2024, 5, 1), date(2024, 5, 10)),  # a decision before the residence starts
    ],
)
def test_geen_terugwerkende_kracht(besluit, aanvang):
    uitkomst = plichtig(besluit_verblijf=besluit)
    assert uitkomst.waarde.aanvang == aanvang
    assert ("BWBR0044770 art. 3 lid 3" in citaties(uitkomst)) is (besluit > date(2024, 5, 10))


# --- Besluit 2.1: when the plicht continues -------------------------------------------------


@pytest.mark.parametrize(
    ("nieuw", "doorgelopen", "dagen"),
    [
        # gap from 1 Jan 2024: at most one year = up to and including 31 Dec 2024
        (date(2024, 12, 31), True, 365),  # gap ends 30 Dec
        (date(2025, 1, 1), True, 366),  # gap ends 31 Dec 2024: exactly one year
        (date(2025, 1, 2), False, 367),  # one day too long
    ],
)
def test_onderbreking_maximaal_een_jaar(nieuw, doorgelopen, dagen):
    uitkomst = plicht_voortgezet(
        laatste_dag_plicht=date(2023, 12, 31),
        nieuwe_plicht_vanaf=nieuw,
        reden=Onderbrekingsreden.TIJDELIJK_DOEL,
    )
    assert uitkomst.waarde.doorgelopen is doorgelopen
    assert uitkomst.waarde.onderbreking.dagen == dagen
    assert citaties(uitkomst) == {"BWBR0045555 art. 2.1 lid 2"}


def test_onderbreking_zonder_grond_of_zonder_nieuwe_periode():
    anders = plicht_voortgezet(
        laatste_dag_plicht=date(2023, 12, 31), nieuwe_plicht_vanaf=date(2024, 2, 1)
    )
    assert anders.waarde.doorgelopen is False
    assert plicht_voortgezet(laatste_dag_plicht=date(2023, 12, 31)).waarde.doorgelopen is False
    aansluitend = plicht_voortgezet(
        laatste_dag_plicht=date(2023, 12, 31), nieuwe_plicht_vanaf=date(2024, 1, 1)
    )
    assert aansluitend.waarde == aansluitend.waarde.__class__(True, None)
    g_of_h = plicht_voortgezet(
        laatste_dag_plicht=date(2023, 12, 31), aansluitend_verblijf_onder_g_of_h=True
    )
    assert g_of_h.waarde.doorgelopen is True
    assert citaties(g_of_h) == {"BWBR0045555 art. 2.1 lid 1"}
    with pytest.raises(ValueError):
        plicht_voortgezet(
            laatste_dag_plicht=date(2023, 12, 31), nieuwe_plicht_vanaf=date(2023, 12, 31)
        )


# --- Wi art. 6, 8 lid 3-4: when the plicht is met -------------------------------------------


def test_b1_route_voldaan_met_pvt_map_en_alle_onderdelen():
    uitkomst = inburgeringsplicht_voldaan(
        leerroute=Leerroute.B1, pvt_afgerond=True, map_afgerond=True, behaalde_onderdelen=ALLES
    )
    assert uitkomst.waarde.voldaan and uitkomst.waarde.document == "diploma"
    mist_knm = inburgeringsplicht_voldaan(
        leerroute=Leerroute.B1, pvt_afgerond=True, map_afgerond=True, behaalde_onderdelen=TAAL
    )
    assert mist_knm.waarde.ontbrekend == ("het examenonderdeel KNM is niet behaald",)
    # a partial vrijstelling (Wi 7 lid 3) or ontheffing takes the component off the list
    vrij = inburgeringsplicht_voldaan(
        leerroute=Leerroute.B1,
        pvt_afgerond=True,
        map_afgerond=True,
        behaalde_onderdelen=TAAL,
        vrijgestelde_onderdelen=frozenset({KNM}),
    )
    assert vrij.waarde.voldaan
    assert "BWBR0044770 art. 7 lid 3" in citaties(vrij)


def test_pvt_en_map_altijd_behalve_map_na_taalschakeltraject():
    geen = inburgeringsplicht_voldaan(
        leerroute=Leerroute.B1, pvt_afgerond=False, map_afgerond=False, behaalde_onderdelen=ALLES
    )
    assert len(geen.waarde.ontbrekend) == 2
    # Wi 8 lid 3: after switching from the onderwijsroute to B1, still no MAP
    geschakeld = inburgeringsplicht_voldaan(
        leerroute=Leerroute.B1,
        pvt_afgerond=True,
        map_afgerond=False,
        taalschakeltraject_gevolgd=True,
        behaalde_onderdelen=ALLES,
    )
    assert geschakeld.waarde.voldaan
    assert "BWBR0044770 art. 8 lid 3" in citaties(geschakeld)


def test_onderwijsroute_niet_behaald_maar_b1_en_knm_wel_art_8_lid_4():
    behaald = inburgeringsplicht_voldaan(
        leerroute=Leerroute.ONDERWIJS,
        pvt_afgerond=True,
        map_afgerond=False,
        behaalde_onderdelen=ALLES,
    )
    assert behaald.waarde.voldaan
    assert "artikel 8, vierde lid" in behaald.waarde.via
    assert "BWBR0044770 art. 8 lid 4" in citaties(behaald)
    # three language components and KNM are not enough
    niet = inburgeringsplicht_voldaan(
        leerroute=Leerroute.ONDERWIJS,
        pvt_afgerond=True,
        map_afgerond=False,
        behaalde_onderdelen=frozenset({LE, LU, SC, KNM}),
    )
    assert not niet.waarde.voldaan
    assert "SP" in niet.uitleg
    route = inburgeringsplicht_voldaan(
        leerroute=Leerroute.ONDERWIJS,
        pvt_afgerond=True,
        map_afgerond=False,
        onderwijsroute_behaald=True,
    )
    assert route.waarde.voldaan and route.waarde.via == "de onderwijsroute"


def test_zroute_geeft_certificaat():
    z = inburgeringsplicht_voldaan(
        leerroute=Leerroute.Z, pvt_afgerond=True, map_afgerond=True, zroute_behaald=True
    )
    assert z.waarde.voldaan and z.waarde.document == "certificaat"
    open_ = inburgeringsplicht_voldaan(leerroute=Leerroute.Z, pvt_afgerond=True, map_afgerond=True)
    assert open_.waarde.ontbrekend == ("de zelfredzaamheidsroute is niet behaald",)


# --- Wi art. 4; Besluit 2.3, 2.6: vrijstelling ------------------------------------------------


@pytest.mark.parametrize(
    ("tot_en_met", "grond"),
    [
        (date(2018, 8, 30), False),  # one day short of eight years
        (date(2018, 8, 31), True),  # exactly eight years
        (date(2018, 9, 1), True),
    ],
)
def test_acht_jaar_leerplichtig(tot_en_met, grond):
    uitkomst = vrijstelling_inburgeringsplicht(
        peildatum=date(2024, 1, 1),
        leerplicht_volgens_brp=Periode(date(2010, 9, 1), tot_en_met),
    )
    assert ("a" in uitkomst.waarde.gronden) is grond
    assert "BWBR0045555 art. 2.6" in citaties(uitkomst)


@pytest.mark.parametrize(
    ("peildatum", "grond"),
    [
        (date(2024, 2, 29), False),  # the day before the tenth anniversary
        (date(2024, 3, 1), True),
        (date(2024, 3, 2), True),
    ],
)
def test_voldoende_ingeburgerd_tien_jaar(peildatum, grond):
    uitkomst = vrijstelling_inburgeringsplicht(
        peildatum=peildatum,
        ingezetene_onafgebroken_sinds=date(2014, 3, 1),
        jaren_werk=5,
        b1_spreken_luisteren_vastgesteld=True,
    )
    assert uitkomst.waarde.volledig is grond
    assert "BWBR0045555 art. 2.3" in citaties(uitkomst)


@pytest.mark.parametrize(
    ("werk", "b1", "grond"),
    [(Decimal("4.99"), True, False), (5, False, False), (Decimal("5.0"), True, True)],
)
def test_voldoende_ingeburgerd_alle_drie_voorwaarden(werk, b1, grond):
    uitkomst = vrijstelling_inburgeringsplicht(
        peildatum=date(2030, 1, 1),
        ingezetene_onafgebroken_sinds=date(2014, 3, 1),
        jaren_werk=werk,
        b1_spreken_luisteren_vastgesteld=b1,
    )
    assert uitkomst.waarde.volledig is grond


def test_overige_gronden_en_deelvrijstelling():
    for veld, letter in (
        ("vrijstellend_diploma", "b"),
        ("nu_leerplichtig", "c"),
        ("volgt_vrijstellende_opleiding", "d"),
    ):
        uitkomst = vrijstelling_inburgeringsplicht(peildatum=date(2024, 1, 1), **{veld: True})
        assert uitkomst.waarde.gronden == (letter,)
    deel = vrijstelling_inburgeringsplicht(
        peildatum=date(2024, 1, 1), deeldiploma_onderdelen=frozenset({KNM})
    )
    assert not deel.waarde.volledig and deel.waarde.vrijgestelde_onderdelen == {KNM}
    assert "BWBR0044770 art. 7 lid 3" in citaties(deel)
    geen = vrijstelling_inburgeringsplicht(peildatum=date(2024, 1, 1))
    assert geen.waarde.gronden == () and "geen grond" in geen.uitleg


# --- Wi art. 5; Besluit 2.7, 2.8: ontheffing -------------------------------------------------


def ontheffing(**kwargs):
    kwargs.setdefault("leerroute", Leerroute.B1)
    kwargs.setdefault("deskundigenverklaring", True)
    kwargs.setdefault("niet_binnen_vijf_jaar", True)
    return ontheffing_belemmering(**kwargs)


@pytest.mark.parametrize(
    ("onderdelen", "soort"),
    [
        (frozenset({LE}), Ontheffingssoort.GEDEELTELIJK),
        (frozenset({LE, LU, SC}), Ontheffingssoort.GEDEELTELIJK),  # "maximaal drie van de vier"
        (frozenset({LE, LU, SC, KNM}), Ontheffingssoort.GEDEELTELIJK),
        (TAAL, Ontheffingssoort.GEHEEL),  # all four: only a full ontheffing
        (frozenset({KNM}), Ontheffingssoort.GEDEELTELIJK),
        (frozenset(), Ontheffingssoort.GEEN),
    ],
)
def test_gedeeltelijke_ontheffing_maximaal_drie_taalonderdelen(onderdelen, soort):
    uitkomst = ontheffing(onderdelen_niet_haalbaar=onderdelen)
    assert uitkomst.waarde.soort is soort
    if soort is Ontheffingssoort.GEDEELTELIJK:
        assert "BWBR0045555 art. 2.7 lid 3" in citaties(uitkomst)
        assert "PVT en MAP blijven verplicht" in uitkomst.uitleg


def test_ontheffing_vraagt_deskundige_en_vijf_jaar():
    assert ontheffing(deskundigenverklaring=False, alles_niet_haalbaar=True).waarde.soort is (
        Ontheffingssoort.GEEN
    )
    assert ontheffing(niet_binnen_vijf_jaar=False, alles_niet_haalbaar=True).waarde.soort is (
        Ontheffingssoort.GEEN
    )
    assert ontheffing(alles_niet_haalbaar=True).waarde.soort is Ontheffingssoort.GEHEEL


def test_zroute_participatiedeel_alleen_in_de_zroute():
    z = ontheffing(leerroute=Leerroute.Z, zroute_participatiedeel_niet_haalbaar=True)
    assert z.waarde.soort is Ontheffingssoort.GEDEELTELIJK and z.waarde.zroute_participatiedeel
    b1 = ontheffing(zroute_participatiedeel_niet_haalbaar=True)
    assert b1.waarde.soort is Ontheffingssoort.GEEN


@pytest.mark.parametrize(
    ("aanvraag", "uiterlijk"),
    [
        # eight weeks after the application (Besluit 2.7 lid 5, 2.8 lid 3)
        (date(2024, 3, 3), date(2024, 4, 29)),  # Sunday 28 April moves to Monday (Atw)
        (date(2024, 3, 4), date(2024, 4, 29)),
        (date(2024, 3, 5), date(2024, 4, 30)),
    ],
)
def test_beslistermijn_acht_weken(aanvraag, uiterlijk):
    medisch = ontheffing(alles_niet_haalbaar=True, aanvraagdatum=aanvraag)
    assert medisch.waarde.beslissing_uiterlijk == uiterlijk
    assert "BWBR0045555 art. 2.7 lid 5" in citaties(medisch)
    bijzonder = ontheffing_bijzondere_omstandigheden(
        zeer_uitzonderlijk_en_onvoorzien=True,
        niet_te_wijten=True,
        zeer_schrijnend=True,
        advies_college=True,
        aanvraagdatum=aanvraag,
    )
    assert bijzonder.waarde.beslissing_uiterlijk == uiterlijk


@pytest.mark.parametrize(
    "ontbrekend", ["zeer_uitzonderlijk_en_onvoorzien", "niet_te_wijten", "zeer_schrijnend"]
)
def test_bijzondere_omstandigheden_alle_drie_nodig(ontbrekend):
    feiten = {
        "zeer_uitzonderlijk_en_onvoorzien": True,
        "niet_te_wijten": True,
        "zeer_schrijnend": True,
    }
    feiten[ontbrekend] = False
    uitkomst = ontheffing_bijzondere_omstandigheden(advies_college=True, **feiten)
    assert uitkomst.waarde.grond_aanwezig is False
    assert "BWBR0045555 art. 2.8 lid 1" in citaties(uitkomst)


def test_advies_college_bij_aanvraag_en_ambtshalve():
    zonder = ontheffing_bijzondere_omstandigheden(
        zeer_uitzonderlijk_en_onvoorzien=True, niet_te_wijten=True, zeer_schrijnend=True
    )
    assert zonder.waarde.advies_ontbreekt and "advies van het college" in zonder.uitleg
    assert "BWBR0045555 art. 2.8 lid 2" in citaties(zonder)
    ambtshalve = ontheffing_bijzondere_omstandigheden(
        zeer_uitzonderlijk_en_onvoorzien=True,
        niet_te_wijten=True,
        zeer_schrijnend=True,
        ambtshalve=True,
        aanvraagdatum=date(2024, 1, 1),
    )
    assert not ambtshalve.waarde.advies_ontbreekt and ambtshalve.waarde.beslissing_uiterlijk is None
    assert "BWBR0045555 art. 2.8 lid 4" in citaties(ambtshalve)


def test_ontheffing_advies_uiterlijk_vier_weken_na_verzoek():
    from inburgering.wet import Beleidskeuzes, ontheffing_advies_uiterlijk

    # Monday 07-12-2026 + 4 weeks = Monday 04-01-2027
    uitkomst = ontheffing_advies_uiterlijk(date(2026, 12, 7))
    assert uitkomst.waarde == date(2027, 1, 4)
    assert "BWBR0045555 art. 2.8 lid 2" in [str(g) for g in uitkomst.grondslagen]
    # Friday 27-11-2026 + 4 weeks = Friday 25-12-2026 (Christmas) -> Monday 28-12-2026
    assert ontheffing_advies_uiterlijk(date(2026, 11, 27)).waarde == date(2026, 12, 28)
    zes = Beleidskeuzes(adviestermijn_ontheffing_weken=6)
    assert ontheffing_advies_uiterlijk(date(2026, 12, 7), opties=zes).waarde == date(2027, 1, 18)
