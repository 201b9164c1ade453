"""The DUO simulator's own business rules (koppelingen/duo/simulator/regels.py) against DUO's
texts in shared/reference/duo-m2m: one test per rule, each quoting the sentence it implements
(file and section in the rule's `bron`; the quote is checked to stand in DUO's file), with the
day before, of and after where a date matters. Then a cross-check: inputs drawn by hypothesis,
the simulator's verdict against the product's `wet.valideer_*`, with every deliberate
difference listed and explained."""

import datetime as dt
import json
import re
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inburgering import wet
from inburgering.koppelingen.duo.simulator import regels
from inburgering.koppelingen.duo.simulator.regels import MAP, PVT

from . import openapi
from .conftest import OIN_A

D = dt.date(2026, 3, 10)
DAG = dt.timedelta(days=1)


def _normaal(tekst: str) -> str:
    return " ".join(tekst.split())


def test_elke_regel_citeert_duo_letterlijk():
    """Every rule's text stands, word for word, in the DUO file its `bron` names."""
    readme = _normaal((openapi.DUO_M2M_DIR / "README.md").read_text(encoding="utf-8"))
    uren = json.dumps(openapi.duo_document("GevolgdeUren"), ensure_ascii=False)
    assert len(regels.ALLE) == 39 and len({r.id for r in regels.ALLE}) == 39
    for regel in regels.ALLE:
        bron = uren if "GevolgdeUren" in regel.bron else readme
        assert _normaal(regel.tekst) in bron, (regel.id, regel.tekst)
        assert len(regel.fouttekst) <= 200  # Foutmelding.fouttekst maxLength


# --- PIP ---------------------------------------------------------------------------------

PIP = dict(dagtekening=D, leerroute="B", niveau=None, intensiteit=None, asielmigrant=True,
           start_plicht=None, vestiging=None, dagtekening_initiele_pip=None,
           dagtekening_actuele_pip=None)  # fmt: skip


def pip(**kwargs):
    return regels.pip_aanleveren(**(PIP | kwargs))


def test_pip_1_niet_voor_start_inburgeringsplicht():
    """README, Het aanleveren van een PIP: "De datum dagtekening mag niet voor de start van de
    inburgeringsplicht liggen." """
    assert pip(start_plicht=D + DAG) == [regels.PIP_START_PLICHT]
    assert pip(start_plicht=D) == [] and pip(start_plicht=D - DAG) == []


def test_pip_2_gewijzigde_pip_niet_voor_initiele_of_actuele():
    """README:
    "De datum dagtekening mag bij een gewijzigde PIP niet voor de start van de datum
    dagtekening van de initiële PIP OF voor de datum dagtekening van de actuele PIP liggen." """
    for veld in ("dagtekening_initiele_pip", "dagtekening_actuele_pip"):
        assert pip(**{veld: D + DAG}) == [regels.PIP_GEWIJZIGD]
        assert pip(**{veld: D}) == [] and pip(**{veld: D - DAG}) == []


def test_pip_3_niet_voor_vestiging_bij_de_gemeente():
    """README:
    "De datum dagtekening mag niet voor de vestiging van de inburgeraar bij de gemeente
    liggen." (vestiging: the BRP registration in the gemeente, see regels.py and ADR 0036)"""
    assert pip(vestiging=D + DAG) == [regels.PIP_VESTIGING]
    assert pip(vestiging=D) == [] and pip(vestiging=D - DAG) == []


def test_pip_4_geen_a2_bij_onderwijsroute():
    """README:
    "Niveau A2 mag niet in combinatie met de onderwijsroute worden aangeleverd." """
    assert pip(leerroute="O", niveau="A2") == [regels.PIP_A2_ONDERWIJS]
    assert pip(leerroute="O", niveau="B1") == [] and pip(leerroute="O") == []


def test_pip_5_geen_b1_bij_zroute():
    """README:
    "Niveau B1 mag niet in combinatie met de Z-route worden aangeleverd." """
    assert pip(leerroute="Z", niveau="B1") == [regels.PIP_B1_ZROUTE]
    assert pip(leerroute="Z", niveau="A2") == [] and pip(leerroute="Z") == []


def test_pip_6_geen_a2_b1route_in_de_eerste_pip():
    """README:
    "Niveau A2 mag niet in combinatie met de B1-route worden aangeleverd als dit de eerste PIP
    is die wordt aangeleverd voor de persoon ongeacht welke gemeente." """
    assert pip(niveau="A2") == [regels.PIP_A2_B1ROUTE_EERSTE]
    assert pip(niveau="A2", dagtekening_initiele_pip=D - DAG) == []  # a later PIP
    assert pip(niveau="A2", dagtekening_actuele_pip=D) == []  # also from another gemeente


def test_pip_7_zonder_niveau_legt_duo_b1_vast():
    """README:
    "Als het Niveau niet wordt aangeleverd in het verzoekbericht dan wordt Niveau B1
    vastgesteld als er sprake is van de B1-route of onderwijsroute" """
    assert regels.vastgesteld_niveau("B", None) == "B1"
    assert regels.vastgesteld_niveau("O", None) == "B1"
    assert regels.vastgesteld_niveau("Z", None) is None
    assert regels.vastgesteld_niveau("B", "A2") == "A2"


def test_pip_8_intensiteit_alleen_bij_b1route_en_asielmigrant():
    """README:
    "Geschatte intensiteit B1 route mag alleen aangeleverd worden bij een de B1-route en bij
    asielmigranten." """
    assert pip(intensiteit=600) == []
    assert pip(intensiteit=600, leerroute="O") == [regels.PIP_INTENSITEIT]
    assert pip(intensiteit=600, asielmigrant=False) == [regels.PIP_INTENSITEIT]
    assert pip(leerroute="O", asielmigrant=False) == []  # no intensity, no rule


def test_pipv_1_verwijderen_alleen_zonder_termijn():
    """README, Het verwijderen van een PIP: "De inburgeringstermijn is nog niet is vastgesteld." """
    basis = dict(uren_taalles_cursusinstelling=0, aanbod_geregistreerd=False)
    assert regels.pip_verwijderen(termijn_vastgesteld=True, **basis) == [regels.PIP_WEG_TERMIJN]
    assert regels.pip_verwijderen(termijn_vastgesteld=False, **basis) == []


def test_pipv_2_verwijderen_alleen_zonder_cursusuren_van_het_aanbod():
    """README:
    "Er zijn nog geen cursusdeelnameuren gerelateerd aan het actuele inburgeringsaanbod
    geregistreerd." (course hours at a Cursusinstelling while an aanbod is registered)"""
    weg = regels.pip_verwijderen
    assert weg(termijn_vastgesteld=False, uren_taalles_cursusinstelling=1,
               aanbod_geregistreerd=True) == [regels.PIP_WEG_UREN]  # fmt: skip
    assert weg(termijn_vastgesteld=False, uren_taalles_cursusinstelling=0,
               aanbod_geregistreerd=True) == []  # fmt: skip
    assert weg(termijn_vastgesteld=False, uren_taalles_cursusinstelling=5,
               aanbod_geregistreerd=False) == []  # fmt: skip


# --- Inburgeringsaanbod ------------------------------------------------------------------

AANBOD = dict(asielmigrant=True, leerroute="B", dagtekening_actuele_pip=D, bow=True, tst=False,
              datum_aanbod=D, start=D, einde=D + 100 * DAG, termijn_start=D - DAG,
              termijn_einde=D + 1000 * DAG)  # fmt: skip


def aanbod(**kwargs):
    return regels.aanbod(**(AANBOD | kwargs))


def test_aanbod_1_alleen_voor_asielmigrant():
    """README, Inburgeringsaanbod: "Het inburgeringsaanbod is voor een asielmigrant" """
    assert aanbod(asielmigrant=False) == [regels.AANBOD_ASIEL]
    assert aanbod() == []


def test_aanbod_2_de_persoon_heeft_een_pip():
    """README:
    "De persoon heeft een PIP" """
    assert aanbod(dagtekening_actuele_pip=None, leerroute=None) == [regels.AANBOD_PIP]


def test_aanbod_3_bow_altijd_tst_alleen_bij_onderwijsroute():
    """README:
    "De Opleidingsinstelling moet bekend zijn bij DUO als een door Blik op Werk (BoW)
    gekeurmerkte instelling of een erkende Taalschakelinstelling (TST) als de persoon de
    onderwijsroute volgt." """
    for route in ("B", "O", "Z"):
        assert aanbod(leerroute=route, bow=True) == []
        assert aanbod(leerroute=route, bow=False, tst=False) == [regels.AANBOD_INSTELLING]
    assert aanbod(leerroute="O", bow=False, tst=True) == []
    assert aanbod(leerroute="B", bow=False, tst=True) == [regels.AANBOD_INSTELLING]


def test_aanbod_4_data_niet_voor_dagtekening_actuele_pip():
    """README:
    "De data van het inburgeringsaanbod ligt niet voor de dagtekening van de actuele PIP" """
    assert aanbod(dagtekening_actuele_pip=D + DAG) == [regels.AANBOD_NA_PIP]
    assert aanbod(dagtekening_actuele_pip=D) == []
    assert aanbod(dagtekening_actuele_pip=D - DAG) == []


def test_aanbod_5_start_niet_voor_aanbod_einde_niet_voor_start():
    """README:
    "De 'datumAanvangTaalschakeltraject' ligt niet voor de 'datumEindeCursus' of de
    'datumInburgeringsaanbod'" (for the current fields: see regels.py)"""
    assert aanbod(datum_aanbod=D + DAG, start=D + DAG) == []
    assert aanbod(datum_aanbod=D + DAG, start=D, dagtekening_actuele_pip=D - DAG) == [
        regels.AANBOD_VOLGORDE
    ]
    assert aanbod(einde=D - DAG, dagtekening_actuele_pip=D - DAG) == [regels.AANBOD_VOLGORDE]
    assert aanbod(einde=D) == []


def test_aanbod_6_start_en_einde_binnen_de_termijn():
    """README:
    "De 'datumAanvangTaalschakeltraject' en 'datumEindeCursus' mogen niet buiten de
    inburgeringstermijn liggen." """
    assert aanbod(termijn_start=D + DAG, datum_aanbod=None) == [regels.AANBOD_TERMIJN]
    assert aanbod(termijn_start=D) == []
    assert aanbod(termijn_einde=D + 99 * DAG) == [regels.AANBOD_TERMIJN]
    assert aanbod(termijn_einde=D + 100 * DAG) == []
    assert aanbod(termijn_start=None, termijn_einde=None) == []  # no termijn yet


def test_uren_1_participatieactiviteiten_alleen_voor_asielstatushouder():
    """GevolgdeUren API, updateUrenParticipatieactiviteiten: "... participatieactiviteiten ten
    behoeve van de Z-Route van de Asielstatushouder." """
    assert regels.participatie_uren(asielmigrant=False) == [regels.UREN_PARTICIPATIE_ASIEL]
    assert regels.participatie_uren(asielmigrant=True) == []


# --- MAP and PVT (DUO states the same eleven rules for both) ------------------------------

RESULTAAT = dict(datum=D, verwijtbaar=None, vandaag=D, termijn_start=D - 500 * DAG,
                 termijn_einde=D + 500 * DAG, gemeente_heeft_actuele_pip=True, wijziging=False,
                 eerder_door_gemeente=False, plicht_voldaan=False,
                 datum_afronding_zroute=None)  # fmt: skip
BEIDE = pytest.mark.parametrize("r", [MAP, PVT], ids=["MAP", "PVT"])


def resultaat(r, **kwargs):
    return regels.resultaat(r, **(RESULTAAT | kwargs))


@BEIDE
def test_resultaat_1_wijziging_alleen_na_eigen_levering(r):
    """README:
    "Bij een wijziging moet de datum eindgesprek MAP [datum ondertekening PVT] eerder door uw
    gemeente zijn geleverd" """
    assert resultaat(r, wijziging=True) == [r["WIJZIGING"]]
    assert resultaat(r, wijziging=True, eerder_door_gemeente=True) == []


@BEIDE
def test_resultaat_2_gemeente_heeft_actuele_pip(r):
    """README:
    "Uw gemeente moet een actuele PIP hebben voor de inburgeringsplichtige" """
    assert resultaat(r, gemeente_heeft_actuele_pip=False) == [r["PIP"]]


@BEIDE
def test_resultaat_3_plicht_niet_voldaan_via_zroute(r):
    """README:
    "De inburgeringsplicht moet nog niet voldaan zijn via de Z-route" (DUO says the plicht is
    fulfilled and a Z-route completion is registered)"""
    assert resultaat(r, plicht_voldaan=True, datum_afronding_zroute=D) == [r["ZROUTE_VOLDAAN"]]
    assert resultaat(r, plicht_voldaan=False, datum_afronding_zroute=D) == []  # on the day
    assert resultaat(r, plicht_voldaan=True) == []  # fulfilled otherwise (e.g. exams)


@BEIDE
def test_resultaat_4_niet_voor_start_termijn(r):
    """README:
    "De datum ... mag niet voor de startdatum van de inburgeringstermijn liggen" """
    assert resultaat(r, termijn_start=D + DAG) == [r["VOOR_TERMIJN"]]
    assert resultaat(r, termijn_start=D) == [] and resultaat(r, termijn_start=D - DAG) == []


@BEIDE
def test_resultaat_5_niet_na_afronding_zroute(r):
    """README:
    "De datum ... mag niet na de datum afronding Z-route liggen" """
    assert resultaat(r, datum_afronding_zroute=D - DAG) == [r["NA_ZROUTE"]]
    assert resultaat(r, datum_afronding_zroute=D) == []
    assert resultaat(r, datum_afronding_zroute=D + DAG) == []


@BEIDE
def test_resultaat_6_niet_in_de_toekomst(r):
    """README:
    "De datum ... mag niet in de toekomst liggen" """
    assert resultaat(r, datum=D + DAG) == [r["TOEKOMST"]]
    assert resultaat(r, datum=D) == [] and resultaat(r, datum=D - DAG) == []


@BEIDE
def test_resultaat_7_intrekken_niet_na_registratie_zroute(r):
    """README:
    "Als de datum ... leeg is (t.a.v. het intrekken van een eerder geregistreerde datum), dan
    mag de datum afronding Z-route niet geregistreerd zijn." """
    assert resultaat(r, datum=None, datum_afronding_zroute=D) == [r["INTREKKEN"]]
    assert resultaat(r, datum=None) == []


@BEIDE
def test_resultaat_8_zonder_verwijtbaar_geen_overschrijding(r):
    """README:
    "Als het verzoekbericht geen 'Verwijtbaar (Ja/Nee)' bevat, dan mag er geen sprake zijn van
    een overschrijding van de inburgeringstermijn." """
    assert resultaat(r, termijn_einde=D - DAG) == [r["GEEN_VERWIJTBAAR"]]
    assert resultaat(r, termijn_einde=D) == []  # on the last day: no overrun
    assert resultaat(r, datum=None, termijn_einde=D - DAG) == [r["GEEN_VERWIJTBAAR"]]


@BEIDE
def test_resultaat_9_verwijtbaar_niet_voor_einde_termijn(r):
    """README:
    "Als de datum ... voor de einddatum van de inburgeringstermijn ligt, dan mag de
    'Verwijtbaar (Ja/Nee)' niet geleverd worden." """
    assert resultaat(r, verwijtbaar="Nee", termijn_einde=D + DAG) == [r["VERWIJTBAAR_TE_VROEG"]]
    assert resultaat(r, verwijtbaar="Nee", termijn_einde=D) == []


@BEIDE
def test_resultaat_10_nee_alleen_als_de_termijn_binnen_twee_maanden_eindigt(r):
    """README:
    "'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Nee' hebben als de einddatum van de
    inburgeringstermijn binnen twee maanden valt." """
    grens = dt.date(2026, 5, 10)  # two months after D
    assert resultaat(r, datum=None, verwijtbaar="Nee", termijn_einde=grens + DAG) == [r["NEE"]]
    assert resultaat(r, datum=None, verwijtbaar="Nee", termijn_einde=grens) == []
    assert regels.plus_twee_maanden(dt.date(2025, 12, 31)) == dt.date(2026, 2, 28)


@BEIDE
def test_resultaat_11_ja_alleen_bij_overschrijding(r):
    """README:
    "'Verwijtbaar (Ja/Nee)' mag alleen de waarde 'Ja' hebben als er sprake is van een
    overschrijding van de inburgeringstermijn." """
    assert resultaat(r, verwijtbaar="Ja", termijn_einde=D - DAG) == []
    assert resultaat(r, verwijtbaar="Ja", termijn_einde=D) == [r["JA"]]


# --- through the simulator: DUO's refusal as the contract defines it ----------------------


def test_een_weigering_is_403_met_duos_zin_als_fouttekst(scenarios, sim):
    n = scenarios.nieuwe_statushouder(OIN_A)
    bsn = n.body["bsn"]
    kop = {"bron": OIN_A, "doel": sim.duo_oin, "berichtId": str(uuid.uuid4())}
    body = json.dumps({"dagtekeningPip": "2000-01-01", "leerroute": "O", "niveau": "A2"})
    antwoord = sim.verwerk("POST", f"/v1/personen/{bsn}/PIP", kop, body.encode())
    assert antwoord.status == 403 and antwoord.headers["API-Version"]
    teksten = [f["fouttekst"] for f in antwoord.body]
    assert regels.PIP_START_PLICHT.tekst in teksten and regels.PIP_A2_ONDERWIJS.tekst in teksten
    u = openapi.Uitwisseling("POST", f"/personen/{bsn}/PIP", kop, body.encode(), 403,
                             antwoord.headers, antwoord.inhoud)  # fmt: skip
    assert openapi.duo_uitwisseling(u) == ("PIP", [])


def test_de_simulator_gebruikt_het_regelpakket_van_het_product_niet():
    from pathlib import Path

    map_ = Path(regels.__file__).parent
    for bestand in map_.glob("*.py"):
        tekst = bestand.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+inburgering(\.wet|\s+import\s+wet)", tekst,
                             re.M), bestand  # fmt: skip


# --- cross-check against the product's rules ----------------------------------------------
#
# Deliberate differences (the product's `wet.valideer_*` next to DUO's text), left out of the
# comparison below and each tested on its own:
#  1. MAP/PVT, plicht fulfilled via the Z-route: the product refuses any date after the Z-route
#     completion and accepts one on or before it, treating a registered completion as the
#     fulfilment; the simulator reads DUO's rule as "DUO says the plicht is fulfilled" (its
#     Inburgeringsplicht API) and then refuses any date. Inputs: the product's
#     `plicht_voldaan_via_zroute` maps to the simulator's `plicht_voldaan`.
#  2. PIP, niveau A1 and intensity outside 1..9999: the product has rules; for DUO these are the
#     contract's schema (enum A2/B1, minimum/maximum), answered 400 before any rule.
#  3. PIP delete, hours: the product refuses on any registered hours; DUO's text only on course
#     hours related to the current aanbod.
#  4. Z-route: the product checks "current PIP of this gemeente" and "not in the future"; DUO
#     publishes no rules for the Z-route, so the simulator applies none.
#  5. Participatieactiviteiten 0..9999: the contract's schema (400) in the simulator.

datums = st.dates(min_value=D - 40 * DAG, max_value=D + 40 * DAG)
of_geen = lambda s: st.none() | s  # noqa: E731
LEERROUTE = {"B": wet.Leerroute.B1, "O": wet.Leerroute.ONDERWIJS, "Z": wet.Leerroute.Z}


def _doelgroep(asiel: bool) -> wet.Doelgroep:
    return wet.Doelgroep.ASIELSTATUSHOUDER if asiel else wet.Doelgroep.GEZINSMIGRANT_OVERIG


VERGELIJK = settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


@VERGELIJK
@given(d=datums, route=st.sampled_from("BOZ"), niveau=of_geen(st.sampled_from(["A2", "B1"])),
       intensiteit=of_geen(st.integers(1, 9999)), asiel=st.booleans(), start=datums,
       vestiging=datums, initieel=of_geen(datums), actueel=of_geen(datums))  # fmt: skip
def test_pip_oordeel_gelijk_aan_het_product(
    d, route, niveau, intensiteit, asiel, start, vestiging, initieel, actueel
):
    if initieel is None and actueel is not None:
        initieel = actueel  # DUO knows an initial PIP whenever it knows a current one
    sim = regels.pip_aanleveren(
        dagtekening=d, leerroute=route, niveau=niveau, intensiteit=intensiteit,
        asielmigrant=asiel, start_plicht=start, vestiging=vestiging,
        dagtekening_initiele_pip=initieel, dagtekening_actuele_pip=actueel,
    )  # fmt: skip
    product = wet.valideer_pip(
        wet.PipBericht(d, LEERROUTE[route], wet.Taalniveau(niveau) if niveau else None,
                       intensiteit),
        wet.PipContext(_doelgroep(asiel), start, vestiging, initieel, actueel),
    )  # fmt: skip
    assert (sim == []) == product.geldig, (sim, product.codes)
    vastgelegd = wet.pip_niveau_duo(LEERROUTE[route], wet.Taalniveau(niveau) if niveau else None)
    assert regels.vastgesteld_niveau(route, niveau) == (
        str(vastgelegd.waarde) if vastgelegd.waarde else None
    )


@VERGELIJK
@given(asiel=st.booleans(), route=of_geen(st.sampled_from("BOZ")), bow=st.booleans(),
       tst=st.booleans(), aanbod_d=of_geen(datums), start=of_geen(datums),
       einde=of_geen(datums), t_start=of_geen(datums), t_einde=of_geen(datums),
       pip_d=datums)  # fmt: skip
def test_aanbod_oordeel_gelijk_aan_het_product(
    asiel, route, bow, tst, aanbod_d, start, einde, t_start, t_einde, pip_d
):
    pip = pip_d if route else None
    sim = regels.aanbod(
        asielmigrant=asiel, leerroute=route, dagtekening_actuele_pip=pip, bow=bow, tst=tst,
        datum_aanbod=aanbod_d, start=start, einde=einde, termijn_start=t_start,
        termijn_einde=t_einde,
    )  # fmt: skip
    product = wet.valideer_aanbod(
        wet.AanbodBericht(bow, tst, aanbod_d, start, einde),
        wet.AanbodContext(_doelgroep(asiel), LEERROUTE[route] if route else None, pip, t_start,
                          t_einde),
    )  # fmt: skip
    assert (sim == []) == product.geldig, (sim, product.codes)


@VERGELIJK
@given(r=st.sampled_from([MAP, PVT]), datum=of_geen(datums),
       verwijtbaar=of_geen(st.sampled_from(["Ja", "Nee"])), vandaag=datums, t_start=datums,
       t_einde=datums, pip=st.booleans(), wijziging=st.booleans(), eerder=st.booleans(),
       zroute=of_geen(datums))  # fmt: skip
def test_map_pvt_oordeel_gelijk_aan_het_product(
    r, datum, verwijtbaar, vandaag, t_start, t_einde, pip, wijziging, eerder, zroute
):
    # Difference 1 kept out: the simulator's `plicht_voldaan` is False (DUO has not closed the
    # plicht), the product's `plicht_voldaan_via_zroute` follows the registered Z-route date.
    sim = regels.resultaat(
        r, datum=datum, verwijtbaar=verwijtbaar, vandaag=vandaag, termijn_start=t_start,
        termijn_einde=t_einde, gemeente_heeft_actuele_pip=pip, wijziging=wijziging,
        eerder_door_gemeente=eerder, plicht_voldaan=False, datum_afronding_zroute=zroute,
    )  # fmt: skip
    valideer = wet.valideer_map if r is MAP else wet.valideer_pvt
    product = valideer(
        wet.ResultaatBericht(datum, {"Ja": True, "Nee": False, None: None}[verwijtbaar]),
        wet.ResultaatContext(vandaag, t_start, t_einde, pip, wijziging, eerder,
                             plicht_voldaan_via_zroute=zroute is not None,
                             datum_afronding_zroute=zroute),
    )  # fmt: skip
    assert (sim == []) == product.geldig, (sim, product.codes)


@given(asiel=st.booleans(), uren=st.integers(0, 9999))
def test_participatie_uren_oordeel_gelijk_aan_het_product(asiel, uren):
    sim = regels.participatie_uren(asielmigrant=asiel)
    product = wet.valideer_participatie_uren(doelgroep=_doelgroep(asiel), uren=uren)
    assert (sim == []) == product.geldig


def test_verschil_1_plicht_voldaan_via_zroute():
    """Difference 1: a MAP dated on the Z-route completion day after DUO closed the plicht."""
    product = wet.valideer_map(
        wet.ResultaatBericht(D),
        wet.ResultaatContext(D, D - 500 * DAG, D + 500 * DAG, plicht_voldaan_via_zroute=True,
                             datum_afronding_zroute=D),
    )  # fmt: skip
    assert product.geldig  # the product: the day belongs to the route
    assert resultaat(MAP, plicht_voldaan=True, datum_afronding_zroute=D) == [
        MAP["ZROUTE_VOLDAAN"]
    ]  # DUO's text: the plicht is fulfilled, no MAP any more


def test_verschil_3_en_4_uren_en_zroute():
    """Differences 3 and 4: brede-intake hours alone, and a Z-route from another gemeente."""
    assert not wet.valideer_pip_verwijderen(
        termijn_vastgesteld=False, cursusuren_geregistreerd=True
    ).geldig
    assert regels.pip_verwijderen(termijn_vastgesteld=False, uren_taalles_cursusinstelling=0,
                                  aanbod_geregistreerd=False) == []  # fmt: skip
    assert not wet.valideer_zroute(
        wet.ZrouteBericht(D), wet.ZrouteContext(D, gemeente_heeft_actuele_pip=False)
    ).geldig
