import json
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburgering.wet import (
    AanbodBericht,
    AanbodContext,
    Doelgroep,
    Leerroute,
    PipBericht,
    PipContext,
    ResultaatBericht,
    ResultaatContext,
    Taalniveau,
    pip_niveau_duo,
    valideer_aanbod,
    valideer_map,
    valideer_pip,
    valideer_pip_verwijderen,
    valideer_pvt,
)

ASIEL, GEZIN = Doelgroep.ASIELSTATUSHOUDER, Doelgroep.GEZINSMIGRANT_OVERIG
B, OND, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z
CTX = PipContext(ASIEL, start_plicht=date(2024, 1, 1), vestiging_gemeente=date(2024, 2, 1))


def codes(v):
    return set(v.codes)


def test_geldige_pip():
    v = valideer_pip(PipBericht(date(2024, 3, 1), B, None, 600), CTX)
    assert v.geldig and v.overtredingen == ()
    assert "voldoet" in v.uitleg


@pytest.mark.parametrize(
    ("bericht", "context", "code"),
    [
        (
            PipBericht(date(2023, 12, 31), Z),
            PipContext(ASIEL, date(2024, 1, 1), date(2023, 1, 1)),
            "PIP_VOOR_START_PLICHT",
        ),
        (PipBericht(date(2024, 1, 31), Z), CTX, "PIP_VOOR_VESTIGING"),
        (
            PipBericht(date(2024, 3, 1), Z),
            PipContext(
                ASIEL, date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 2), date(2024, 3, 2)
            ),
            {"PIP_VOOR_INITIELE_PIP", "PIP_VOOR_ACTUELE_PIP"},
        ),
        (
            PipBericht(date(2024, 4, 1), Z),
            PipContext(
                ASIEL, date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1), date(2024, 4, 2)
            ),
            "PIP_VOOR_ACTUELE_PIP",
        ),
        (PipBericht(date(2024, 3, 1), OND, Taalniveau.A2), CTX, "PIP_A2_ONDERWIJSROUTE"),
        (PipBericht(date(2024, 3, 1), Z, Taalniveau.B1), CTX, "PIP_B1_ZROUTE"),
        (PipBericht(date(2024, 3, 1), B, Taalniveau.A2), CTX, "PIP_A2_B1ROUTE_EERSTE_PIP"),
        (PipBericht(date(2024, 3, 1), B, Taalniveau.A1), CTX, "PIP_NIVEAU_ONGELDIG"),
        (PipBericht(date(2024, 3, 1), Z, None, 100), CTX, "PIP_INTENSITEIT_ALLEEN_B1ROUTE"),
        (
            PipBericht(date(2024, 3, 1), B, None, 100),
            PipContext(GEZIN, date(2024, 1, 1), date(2024, 2, 1)),
            "PIP_INTENSITEIT_ALLEEN_ASIEL",
        ),
        (PipBericht(date(2024, 3, 1), B, None, 0), CTX, "PIP_INTENSITEIT_BEREIK"),
        (PipBericht(date(2024, 3, 1), B, None, 10_000), CTX, "PIP_INTENSITEIT_BEREIK"),
    ],
)
def test_pip_regels(bericht, context, code):
    v = valideer_pip(bericht, context)
    assert codes(v) == (code if isinstance(code, set) else {code})
    assert all(o.melding for o in v.overtredingen)
    assert "weigeren" in v.uitleg


def test_pip_grenzen_op_de_dag_zelf_geldig():
    ctx = PipContext(ASIEL, date(2024, 1, 1), date(2024, 1, 1), date(2024, 1, 1), date(2024, 1, 1))
    assert valideer_pip(PipBericht(date(2024, 1, 1), B), ctx).geldig


def test_a2_b1_route_mag_bij_latere_pip():
    later = PipContext(
        ASIEL, date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1), date(2024, 3, 1)
    )
    assert valideer_pip(PipBericht(date(2024, 9, 1), B, Taalniveau.A2), later).geldig


def test_pip_alle_overtredingen_tegelijk():
    ctx = PipContext(GEZIN, date(2024, 1, 1), date(2024, 2, 1))
    v = valideer_pip(PipBericht(date(2023, 1, 1), Z, Taalniveau.B1, 50_000), ctx)
    assert codes(v) == {
        "PIP_VOOR_START_PLICHT",
        "PIP_VOOR_VESTIGING",
        "PIP_B1_ZROUTE",
        "PIP_INTENSITEIT_ALLEEN_B1ROUTE",
        "PIP_INTENSITEIT_ALLEEN_ASIEL",
        "PIP_INTENSITEIT_BEREIK",
    }
    json.dumps(v.als_dict())
    assert v.als_dict()["geldig"] is False


@pytest.mark.parametrize(
    ("route", "niveau", "verwacht"),
    [
        (B, None, Taalniveau.B1),
        (OND, None, Taalniveau.B1),
        (Z, None, None),
        (B, Taalniveau.A2, Taalniveau.A2),
    ],
)
def test_pip_niveau_duo(route, niveau, verwacht):
    assert pip_niveau_duo(route, niveau).waarde is verwacht


def test_pip_verwijderen():
    assert valideer_pip_verwijderen(
        termijn_vastgesteld=False, cursusuren_geregistreerd=False
    ).geldig
    v = valideer_pip_verwijderen(termijn_vastgesteld=True, cursusuren_geregistreerd=True)
    assert codes(v) == {"PIP_VERWIJDEREN_TERMIJN", "PIP_VERWIJDEREN_UREN"}


# --- MAP / PVT ---
START, EINDE = date(2022, 3, 2), date(2025, 3, 1)


def rctx(peildatum=date(2024, 6, 1), **kw):
    return ResultaatContext(peildatum, START, EINDE, **kw)


@pytest.mark.parametrize("valideer", [valideer_map, valideer_pvt])
def test_resultaat_geldig(valideer):
    assert valideer(ResultaatBericht(date(2024, 5, 1)), rctx()).geldig
    assert valideer(ResultaatBericht(START), rctx()).geldig
    assert valideer(ResultaatBericht(date(2024, 6, 1)), rctx()).geldig  # today is not the future


@pytest.mark.parametrize(
    ("bericht", "context", "code"),
    [
        (ResultaatBericht(date(2024, 5, 1)), rctx(wijziging=True), "WIJZIGING_ZONDER_EERDERE"),
        (
            ResultaatBericht(date(2024, 5, 1)),
            rctx(gemeente_heeft_actuele_pip=False),
            "GEEN_ACTUELE_PIP",
        ),
        (
            ResultaatBericht(date(2024, 5, 1)),
            rctx(plicht_voldaan_via_zroute=True),
            "ZROUTE_VOLDAAN",
        ),
        (ResultaatBericht(START - timedelta(days=1)), rctx(), "VOOR_TERMIJN"),
        (
            ResultaatBericht(date(2024, 5, 2)),
            rctx(datum_afronding_zroute=date(2024, 5, 1)),
            "NA_ZROUTE",
        ),
        (ResultaatBericht(date(2024, 6, 2)), rctx(), "IN_TOEKOMST"),
        (
            ResultaatBericht(None),
            rctx(datum_afronding_zroute=date(2024, 5, 1)),
            "INTREKKEN_NA_ZROUTE",
        ),
        (ResultaatBericht(date(2025, 3, 2)), rctx(date(2025, 4, 1)), "VERWIJTBAAR_ONTBREEKT"),
        (ResultaatBericht(None), rctx(date(2025, 4, 1)), "VERWIJTBAAR_ONTBREEKT"),
        (
            ResultaatBericht(date(2024, 5, 1), False),
            rctx(date(2025, 2, 1)),
            "VERWIJTBAAR_NIET_TOEGESTAAN",
        ),
        (ResultaatBericht(None, False), rctx(date(2024, 12, 1)), "NEE_NIET_TOEGESTAAN"),
        (ResultaatBericht(None, True), rctx(date(2025, 2, 1)), "JA_NIET_TOEGESTAAN"),
        (ResultaatBericht(date(2025, 3, 1), True), rctx(date(2025, 3, 5)), "JA_NIET_TOEGESTAAN"),
    ],
)
@pytest.mark.parametrize(("valideer", "prefix"), [(valideer_map, "MAP"), (valideer_pvt, "PVT")])
def test_resultaat_regels(valideer, prefix, bericht, context, code):
    assert codes(valideer(bericht, context)) == {f"{prefix}_{code}"}


@pytest.mark.parametrize(
    ("bericht", "context"),
    [
        (ResultaatBericht(date(2025, 3, 2), True), rctx(date(2025, 4, 1))),  # exceeded, culpable
        (
            ResultaatBericht(date(2025, 3, 2), False),
            rctx(date(2025, 4, 1)),
        ),  # exceeded, not culpable
        (ResultaatBericht(None, False), rctx(date(2025, 1, 1))),  # ends within two months
        (ResultaatBericht(None, False), rctx(date(2025, 1, 2))),
        (ResultaatBericht(date(2025, 3, 1), False), rctx(date(2025, 3, 1))),  # on the last day
        (
            ResultaatBericht(date(2024, 5, 1)),
            rctx(wijziging=True, eerder_door_gemeente_geleverd=True),
        ),
    ],
)
def test_resultaat_verwijtbaar_toegestaan(bericht, context):
    assert valideer_map(bericht, context).geldig


def test_nee_grens_twee_maanden():
    # end 15-03-2025: 'Nee' allowed from peildatum 15-01-2025 (end <= peildatum + 2 months)
    def ctx(peil):
        return ResultaatContext(peil, START, date(2025, 3, 15))

    assert not valideer_pvt(ResultaatBericht(None, False), ctx(date(2025, 1, 14))).geldig
    assert valideer_pvt(ResultaatBericht(None, False), ctx(date(2025, 1, 15))).geldig
    # end 01-03-2025: 29-12-2024 + 2 months does not exist -> 01-03-2025 (DOORSCHUIVEN)
    assert not valideer_pvt(ResultaatBericht(None, False), rctx(date(2024, 12, 28))).geldig
    assert valideer_pvt(ResultaatBericht(None, False), rctx(date(2024, 12, 29))).geldig


@st.composite
def geldige_resultaten(draw):
    start = draw(st.dates(date(2022, 1, 2), date(2030, 1, 1)))
    einde = start + timedelta(days=draw(st.integers(1000, 1200)))
    peil = start + timedelta(days=draw(st.integers(0, 1600)))
    laatste = min(peil, einde)
    datum = start + timedelta(days=draw(st.integers(0, (laatste - start).days)))
    afronding = draw(st.one_of(st.none(), st.dates(datum, datum + timedelta(days=400))))
    verwijtbaar = None
    if datum == einde and einde <= peil + timedelta(days=59):
        verwijtbaar = draw(st.sampled_from([None, False]))
    return ResultaatBericht(datum, verwijtbaar), ResultaatContext(
        peil, start, einde, datum_afronding_zroute=afronding
    )


@given(geldige_resultaten())
def test_geldige_resultaten_worden_geaccepteerd(paar):
    bericht, context = paar
    assert valideer_map(bericht, context).overtredingen == ()
    assert valideer_pvt(bericht, context).overtredingen == ()


@st.composite
def geldige_pips(draw):
    doelgroep = draw(st.sampled_from(list(Doelgroep)))
    start = draw(st.dates(date(2022, 1, 1), date(2030, 1, 1)))
    vestiging = start + timedelta(days=draw(st.integers(-400, 400)))
    eerste = draw(st.booleans())
    ondergrens = max(start, vestiging)
    initieel = actueel = None
    if not eerste:
        initieel = ondergrens + timedelta(days=draw(st.integers(0, 300)))
        actueel = initieel + timedelta(days=draw(st.integers(0, 300)))
        ondergrens = actueel
    dagtekening = ondergrens + timedelta(days=draw(st.integers(0, 500)))
    route = draw(st.sampled_from(list(Leerroute)))
    mogelijk = {
        B: [None, Taalniveau.B1] + ([] if eerste else [Taalniveau.A2]),
        OND: [None, Taalniveau.B1],
        Z: [None, Taalniveau.A2],
    }
    niveau = draw(st.sampled_from(mogelijk[route]))
    intensiteit = None
    if route is B and doelgroep is ASIEL:
        intensiteit = draw(st.one_of(st.none(), st.integers(1, 9999)))
    return PipBericht(dagtekening, route, niveau, intensiteit), PipContext(
        doelgroep, start, vestiging, initieel, actueel
    )


@given(geldige_pips())
def test_geldige_pips_worden_geaccepteerd(paar):
    bericht, context = paar
    assert valideer_pip(bericht, context).overtredingen == ()


@given(geldige_pips(), st.integers(1, 400))
def test_pip_te_vroeg_wordt_altijd_geweigerd(paar, dagen):
    bericht, context = paar
    te_vroeg = PipBericht(
        context.start_plicht - timedelta(days=dagen),
        bericht.leerroute,
        bericht.niveau,
        bericht.geschatte_intensiteit_b1,
    )
    assert "PIP_VOOR_START_PLICHT" in valideer_pip(te_vroeg, context).codes


# --- Aanbod ---
PIPDAG = date(2024, 3, 1)
ACTX = AanbodContext(ASIEL, B, PIPDAG, date(2024, 3, 2), date(2027, 3, 1))
GOED = AanbodBericht(True, False, date(2024, 3, 2), date(2024, 4, 1), date(2025, 4, 1))


def test_aanbod_geldig():
    assert valideer_aanbod(GOED, ACTX).geldig
    tst = AanbodContext(ASIEL, OND, PIPDAG, date(2024, 3, 2), date(2027, 3, 1))
    assert valideer_aanbod(
        AanbodBericht(False, True, date(2024, 3, 2), date(2024, 4, 1)), tst
    ).geldig


@pytest.mark.parametrize(
    ("bericht", "context", "verwacht"),
    [
        (
            GOED,
            AanbodContext(GEZIN, B, PIPDAG, date(2024, 3, 2), date(2027, 3, 1)),
            {"AANBOD_NIET_ASIEL"},
        ),
        (AanbodBericht(True, False), AanbodContext(ASIEL, None, None), {"AANBOD_GEEN_PIP"}),
        (AanbodBericht(False, True), ACTX, {"AANBOD_INSTELLING_BOW"}),
        (AanbodBericht(False, False), AanbodContext(ASIEL, OND, PIPDAG), {"AANBOD_INSTELLING_TST"}),
        (AanbodBericht(True, False, date(2024, 2, 29)), ACTX, {"AANBOD_VOOR_PIP"}),
        (
            AanbodBericht(True, False, date(2024, 5, 1), date(2024, 4, 1)),
            ACTX,
            {"AANBOD_START_VOOR_AANBOD"},
        ),
        (
            AanbodBericht(True, False, None, date(2024, 5, 1), date(2024, 4, 1)),
            ACTX,
            {"AANBOD_EINDE_VOOR_START"},
        ),
        (AanbodBericht(True, False, None, date(2024, 3, 1)), ACTX, {"AANBOD_BUITEN_TERMIJN"}),
        (AanbodBericht(True, False, None, None, date(2027, 3, 2)), ACTX, {"AANBOD_BUITEN_TERMIJN"}),
    ],
)
def test_aanbod_regels(bericht, context, verwacht):
    assert codes(valideer_aanbod(bericht, context)) == verwacht


def test_aanbod_alle_overtredingen_tegelijk():
    ctx = AanbodContext(GEZIN, Z, PIPDAG, date(2024, 3, 2), date(2027, 3, 1))
    v = valideer_aanbod(
        AanbodBericht(False, False, date(2024, 1, 1), date(2023, 12, 1), date(2023, 11, 1)), ctx
    )
    assert codes(v) >= {
        "AANBOD_NIET_ASIEL",
        "AANBOD_INSTELLING_BOW",
        "AANBOD_VOOR_PIP",
        "AANBOD_START_VOOR_AANBOD",
        "AANBOD_EINDE_VOOR_START",
        "AANBOD_BUITEN_TERMIJN",
    }
    assert len(v.overtredingen) == 9  # three dates before the PIP, two outside the termijn


def test_alle_uitkomsten_zijn_json(voorbeelduitkomsten):
    for uitkomst in voorbeelduitkomsten:
        tekst = json.dumps(uitkomst.als_dict(), ensure_ascii=False)
        assert uitkomst.uitleg.split(":")[0] in tekst


# --- fixes after trying the rules against DUO's contract (README "Inburgeringsketen M2M") ---


def test_a2_b1_route_eerste_pip_alleen_als_duo_geen_pip_kent():
    """DUO: "Niveau A2 mag niet in combinatie met de B1-route worden aangeleverd als dit de
    eerste PIP is die wordt aangeleverd voor de persoon ongeacht welke gemeente." DUO's PIP API
    gives only the current PIP: when DUO has one, this is not the first."""
    a2 = PipBericht(date(2024, 3, 1), B, Taalniveau.A2)
    eerste = PipContext(ASIEL, date(2024, 1, 1), date(2024, 2, 1))
    assert codes(valideer_pip(a2, eerste)) == {"PIP_A2_B1ROUTE_EERSTE_PIP"}
    actuele_bekend = PipContext(ASIEL, date(2024, 1, 1), date(2024, 2, 1), None, date(2024, 2, 1))
    assert valideer_pip(a2, actuele_bekend).geldig


@pytest.mark.parametrize("valideer", [valideer_map, valideer_pvt])
@pytest.mark.parametrize(("dagen", "geldig"), [(-1, True), (0, True), (1, False)])
def test_resultaat_rond_de_dag_van_afronding_zroute(valideer, dagen, geldig):
    """DUO: "De inburgeringsplicht moet nog niet voldaan zijn via de Z-route" and "De datum
    eindgesprek MAP [ondertekening PVT] mag niet na de datum afronding Z-route liggen": the day
    before and the day itself are accepted, the day after is not."""
    afronding = date(2024, 5, 15)
    context = rctx(plicht_voldaan_via_zroute=True, datum_afronding_zroute=afronding)
    v = valideer(ResultaatBericht(afronding + timedelta(days=dagen)), context)
    assert v.geldig is geldig
    if not geldig:
        assert any(c.endswith("_NA_ZROUTE") for c in v.codes)


@pytest.mark.parametrize(
    ("bow", "tst", "route", "verwacht"),
    [
        (True, False, OND, set()),  # BoW institution, onderwijsroute: allowed
        (False, True, OND, set()),  # TST, onderwijsroute
        (True, True, OND, set()),
        (False, False, OND, {"AANBOD_INSTELLING_TST"}),
        (True, False, B, set()),
        (False, True, B, {"AANBOD_INSTELLING_BOW"}),  # TST only counts for the onderwijsroute
        (False, True, Z, {"AANBOD_INSTELLING_BOW"}),
    ],
)
def test_aanbod_instelling_bow_of_tst_bij_onderwijsroute(bow, tst, route, verwacht):
    """DUO: "De Opleidingsinstelling moet bekend zijn bij DUO als een door Blik op Werk (BoW)
    gekeurmerkte instelling of een erkende Taalschakelinstelling (TST) als de persoon de
    onderwijsroute volgt." """
    context = AanbodContext(ASIEL, route, PIPDAG)
    assert codes(valideer_aanbod(AanbodBericht(bow, tst), context)) == verwacht
