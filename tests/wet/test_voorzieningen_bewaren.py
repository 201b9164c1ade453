from datetime import date

import pytest

from inburgering.wet import (
    Beleidskeuzes,
    Betaler,
    Doelgroep,
    Gegevenscategorie,
    Leerroute,
    Leningdoel,
    OntbrekendeDag,
    OntzorgKosten,
    Verblijfsgrond,
    bewaartermijn,
    doelgroep,
    financieel_ontzorgen,
    kosten_inburgering,
    lening_inburgering,
    maatschappelijke_begeleiding,
)

ASIEL, GEZIN = Doelgroep.ASIELSTATUSHOUDER, Doelgroep.GEZINSMIGRANT_OVERIG
AFKAPPEN = Beleidskeuzes(ontbrekende_dag=OntbrekendeDag.AFKAPPEN)


@pytest.mark.parametrize(
    ("grond", "groep"),
    [
        (Verblijfsgrond.ASIEL_BEPAALDE_TIJD, ASIEL),
        (Verblijfsgrond.REGULIER_GEZIN_BIJ_ASIELSTATUSHOUDER, ASIEL),
        (Verblijfsgrond.REGULIER_OVERIG, GEZIN),
    ],
)
def test_doelgroep(grond, groep):
    assert doelgroep(grond).waarde is groep


def test_maatschappelijke_begeleiding():
    u = maatschappelijke_begeleiding(doelgroep=ASIEL, inschrijving_brp=date(2024, 3, 4))
    assert u.waarde.recht and u.waarde.aanvang == date(2024, 3, 4)
    assert "BWBR0044770 art. 13 lid 3" in [str(g) for g in u.grondslagen]
    assert (
        maatschappelijke_begeleiding(doelgroep=ASIEL, inschrijving_brp=None).waarde.aanvang is None
    )
    gezin = maatschappelijke_begeleiding(doelgroep=GEZIN, inschrijving_brp=date(2024, 3, 4))
    assert not gezin.waarde.recht and gezin.waarde.aanvang is None


def ontzorgen(**kwargs):
    kwargs.setdefault("inburgeringsplichtig_wi2021", True)
    kwargs.setdefault("verblijfsgrond", Verblijfsgrond.ASIEL_BEPAALDE_TIJD)
    return financieel_ontzorgen(**kwargs)


def test_ontzorgen_zes_maanden_vanaf_recht_op_bijstand():
    u = ontzorgen(recht_op_bijstand_vanaf=date(2024, 1, 15))
    assert u.waarde.van_toepassing
    assert (u.waarde.aanvang, u.waarde.einde) == (date(2024, 1, 15), date(2024, 7, 14))
    assert set(u.waarde.kosten) == set(OntzorgKosten) and len(u.waarde.kosten) == 5
    assert "BWBR0015703 art. 56a lid 2" in [str(g) for g in u.grondslagen]
    assert ontzorgen(recht_op_bijstand_vanaf=date(2024, 8, 31)).waarde.einde == date(2025, 2, 28)
    assert ontzorgen(
        recht_op_bijstand_vanaf=date(2024, 8, 31), opties=AFKAPPEN
    ).waarde.einde == date(2025, 2, 27)


def test_ontzorgen_alleen_asielvergunning_en_wi2021():
    d = date(2024, 1, 15)
    assert not ontzorgen(
        verblijfsgrond=Verblijfsgrond.REGULIER_GEZIN_BIJ_ASIELSTATUSHOUDER,
        recht_op_bijstand_vanaf=d,
    ).waarde.van_toepassing
    assert not ontzorgen(
        verblijfsgrond=Verblijfsgrond.REGULIER_OVERIG, recht_op_bijstand_vanaf=d
    ).waarde.van_toepassing
    assert not ontzorgen(
        inburgeringsplichtig_wi2021=False, recht_op_bijstand_vanaf=d
    ).waarde.van_toepassing
    zonder_bijstand = ontzorgen(recht_op_bijstand_vanaf=None).waarde
    assert not zonder_bijstand.van_toepassing and zonder_bijstand.einde is None


def test_kosten():
    asiel = kosten_inburgering(ASIEL).waarde
    assert (
        asiel.cursus is Betaler.GEMEENTE
        and asiel.door_gemeente_betaalde_pogingen_per_onderdeel == 2
    )
    gezin = kosten_inburgering(GEZIN).waarde
    assert gezin.cursus is Betaler.INBURGERINGSPLICHTIGE and gezin.duo_lening_max_cents == 1_000_000


def test_bewaartermijnen():
    einde = date(2025, 3, 1)
    assert bewaartermijn(
        categorie=Gegevenscategorie.DOSSIER, einde_plicht=einde
    ).waarde.verwijderen_uiterlijk == date(2030, 3, 1)
    kern = bewaartermijn(categorie=Gegevenscategorie.KERNGEGEVENS, einde_plicht=einde)
    assert kern.waarde.verwijderen_uiterlijk == date(2075, 3, 1)
    assert str(kern.grondslagen[0]) == "BWBR0045555 art. 9.9 lid 2"
    assert bewaartermijn(categorie=Gegevenscategorie.DOSSIER).waarde.verwijderen_uiterlijk is None
    schrikkel = bewaartermijn(categorie=Gegevenscategorie.DOSSIER, einde_plicht=date(2024, 2, 29))
    assert schrikkel.waarde.verwijderen_uiterlijk == date(2029, 3, 1)
    lening = bewaartermijn(categorie=Gegevenscategorie.LENING, lening_afgelost=date(2026, 5, 1))
    assert lening.waarde.verwijderen_uiterlijk == date(2031, 5, 1)
    assert bewaartermijn(categorie=Gegevenscategorie.LENING).waarde.verwijderen_uiterlijk is None


def test_bewaartermijn_bij_overlijden():
    dood = date(2026, 1, 10)
    for categorie in Gegevenscategorie:
        u = bewaartermijn(categorie=categorie, einde_plicht=date(2025, 3, 1), overlijden=dood)
        assert u.waarde.verwijderen_uiterlijk == dood
    opties = Beleidskeuzes(overlijden_ook_kerngegevens=False)
    kern = bewaartermijn(
        categorie=Gegevenscategorie.KERNGEGEVENS,
        einde_plicht=date(2025, 3, 1),
        overlijden=dood,
        opties=opties,
    )
    assert kern.waarde.verwijderen_uiterlijk == date(2075, 3, 1)


# --- the DUO loan: Wi art. 20; Besluit 6.2-6.3 -------------------------------------------------


def lening(doel=Leningdoel.CURSUS, **kwargs):
    kwargs.setdefault("doelgroep", Doelgroep.GEZINSMIGRANT_OVERIG)
    kwargs.setdefault("leerroute", Leerroute.B1)
    kwargs.setdefault("peildatum", date(2024, 1, 1))
    kwargs.setdefault("keurmerk_of_certificaat", True)
    return lening_inburgering(doel, **kwargs)


def test_onderwijsroute_heeft_een_lening_voor_het_taalschakeltraject():
    # Besluit 6.2 lid 1 onder b and lid 4: the loan covers a recognised taalschakeltraject
    # followed in the onderwijsroute (the old note "no loan in the onderwijsroute" was wrong).
    uitkomst = lening(
        Leningdoel.TAALSCHAKELTRAJECT, leerroute=Leerroute.ONDERWIJS, erkend_taalschakeltraject=True
    )
    assert uitkomst.waarde.mogelijk and uitkomst.waarde.max_cents == 1_000_000
    assert "BWBR0045555 art. 6.2 lid 4" in {str(g) for g in uitkomst.grondslagen}
    niet_erkend = lening(Leningdoel.TAALSCHAKELTRAJECT, leerroute=Leerroute.ONDERWIJS)
    assert niet_erkend.waarde.redenen == ("het taalschakeltraject is niet erkend",)
    b1 = lening(Leningdoel.TAALSCHAKELTRAJECT, erkend_taalschakeltraject=True)
    assert b1.waarde.redenen == ("een taalschakeltraject alleen in de onderwijsroute",)
    kosten = kosten_inburgering(Doelgroep.GEZINSMIGRANT_OVERIG)
    assert "taalschakeltraject" in kosten.uitleg
    assert "BWBR0045555 art. 6.2 lid 1" in {str(g) for g in kosten.grondslagen}


def test_lening_cursus_alfabetisering_examen():
    assert lening().waarde.mogelijk
    assert lening(keurmerk_of_certificaat=False).waarde.redenen == (
        "de cursusinstelling heeft geen keurmerk of certificaat",
    )
    assert not lening(Leningdoel.ALFABETISERING).waarde.mogelijk
    assert lening(Leningdoel.ALFABETISERING, alfabetisering_in_pip=True).waarde.mogelijk
    assert lening(Leningdoel.EXAMEN, leerroute=Leerroute.ONDERWIJS).waarde.mogelijk
    assert not lening(Leningdoel.EXAMEN, leerroute=Leerroute.Z).waarde.mogelijk
    assert not lening(eerdere_lening_open=True).waarde.mogelijk
    assert not lening(inburgeringsplichtig=False).waarde.mogelijk
    assert not lening(doelgroep=Doelgroep.ASIELSTATUSHOUDER).waarde.mogelijk


@pytest.mark.parametrize(
    ("peildatum", "nieuwe_termijn_einde", "mogelijk"),
    [
        (date(2025, 3, 1), None, True),  # last day of the termijn
        (date(2025, 3, 2), None, False),  # after the termijn, no new termijn
        (date(2025, 3, 2), date(2027, 3, 1), True),  # a new termijn of a DUO fine (6.3 lid 1)
        (date(2031, 3, 1), date(2031, 3, 31), True),  # the last day of six years after
        (date(2031, 3, 2), date(2031, 3, 31), False),  # Wi 20 lid 2 onder a
    ],
)
def test_lening_periode(peildatum, nieuwe_termijn_einde, mogelijk):
    uitkomst = lening(
        peildatum=peildatum,
        termijn_einde=date(2025, 3, 1),
        nieuwe_termijn_einde=nieuwe_termijn_einde,
    )
    assert uitkomst.waarde.mogelijk is mogelijk
