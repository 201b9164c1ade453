"""The exam plan per leerroute and the state per component (wet/examens.py)."""

from datetime import date

from inburgering.wet import (
    Examenonderdeel as E,
)
from inburgering.wet import (
    Examenuitslag,
    Leerroute,
    Taalniveau,
    examenplan,
    examenstand,
)


def test_b1_route_vier_taalonderdelen_op_b1_en_knm_verplicht():
    plan = examenplan(leerroute=Leerroute.B1, niveau=Taalniveau.B1)
    assert [(r.onderdeel, r.niveau, r.vereist) for r in plan.waarde] == [
        (E.LEZEN, Taalniveau.B1, True),
        (E.LUISTEREN, Taalniveau.B1, True),
        (E.SCHRIJVEN, Taalniveau.B1, True),
        (E.SPREKEN, Taalniveau.B1, True),
        (E.KNM, None, True),
    ]
    assert "art. 3.3" in " ".join(str(g) for g in plan.grondslagen)


def test_b1_route_afgeschaald_naar_a2_cites_afschalen():
    plan = examenplan(leerroute=Leerroute.B1, niveau=Taalniveau.A2)
    assert {r.niveau for r in plan.waarde if r.onderdeel is not E.KNM} == {Taalniveau.A2}
    assert any("art. 17 lid 3" in str(g) for g in plan.grondslagen)


def test_onderwijsroute_examens_alleen_als_vangnet():
    plan = examenplan(leerroute=Leerroute.ONDERWIJS)
    assert len(plan.waarde) == 5 and not any(r.vereist for r in plan.waarde)
    assert any("art. 8 lid 4" in str(g) for g in plan.grondslagen)


def test_zroute_alleen_wat_het_pip_vastlegt():
    assert examenplan(leerroute=Leerroute.Z).waarde == ()
    alleen_knm = examenplan(leerroute=Leerroute.Z, zroute_knm=True)
    assert [r.onderdeel for r in alleen_knm.waarde] == [E.KNM]
    a2 = examenplan(leerroute=Leerroute.Z, zroute_a2=True)
    assert next((r.onderdeel, r.niveau) for r in a2.waarde) == (E.LEZEN, Taalniveau.A2)
    assert E.KNM not in {r.onderdeel for r in a2.waarde}
    assert "KNM" in examenplan(leerroute=Leerroute.Z, zroute_a2=True, zroute_knm=True).uitleg


def _u(onderdeel, dag, resultaat, niveau=None, reden=""):
    return Examenuitslag(onderdeel, date(2026, 1, dag), resultaat, niveau, reden)


def test_stand_telt_pogingen_en_behaald_op_het_niveau_van_het_plan():
    plan = examenplan(leerroute=Leerroute.B1, niveau=Taalniveau.B1).waarde
    uitslagen = [
        _u(E.LEZEN, 1, "Gezakt", Taalniveau.B1),
        _u(E.LEZEN, 9, "Geslaagd", Taalniveau.B1),
        _u(E.SPREKEN, 2, "Geslaagd", Taalniveau.A2),  # below the plan's level
        _u(E.KNM, 3, "Geen", reden="Afgemeld"),  # no attempt
        _u(E.KNM, 4, "Geen", reden="Absent"),  # an attempt
    ]
    stand = {s.onderdeel: s for s in examenstand(plan, uitslagen).waarde}
    assert (stand[E.LEZEN].pogingen, stand[E.LEZEN].behaald) == (2, True)
    assert stand[E.LEZEN].behaald_op == date(2026, 1, 9)
    assert (stand[E.SPREKEN].pogingen, stand[E.SPREKEN].behaald) == (1, False)
    assert (stand[E.KNM].pogingen, stand[E.KNM].behaald) == (1, False)
    assert stand[E.LUISTEREN].pogingen == 0
    assert examenstand(plan, uitslagen).uitleg.startswith("1 van de 5")


def test_b1_geslaagd_volstaat_voor_een_a2_plan():
    plan = examenplan(leerroute=Leerroute.Z, zroute_a2=True).waarde
    stand = examenstand(plan, [_u(E.LEZEN, 1, "Geslaagd", Taalniveau.B1)]).waarde
    assert stand[0].behaald
