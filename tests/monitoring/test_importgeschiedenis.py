"""The migration import carries a dossier's history (issue 23, item 4): exam results,
participation, costs and the closing reason, all-or-nothing, refused per row with a message."""

import datetime as dt

import pytest

from inburgering.accounts.models import Rol
from inburgering.bsn import TEST_BSN_BEREIK, elfproef
from inburgering.dossiers.models import Bron, Dossier, DossierEvent
from inburgering.dossiers.workflow import Soort
from inburgering.monitoring import aanvullend
from inburgering.monitoring import extractie as ex
from inburgering.monitoring import uitkomsten as uk
from inburgering.monitoring.importeren import KOLOMMEN, importeer
from inburgering.monitoring.relatie import relatie
from tests.conftest import maak_gebruiker

pytestmark = pytest.mark.django_db
S = Soort
BSNS = [str(n) for n in TEST_BSN_BEREIK[-3000:] if elfproef(str(n))][:6]
KOP = (
    "bsn;voornamen;achternaam;geboortedatum;geslacht;land_van_herkomst;doelgroep;gemeente;"
    "kennisgeving_datum;intake_gestart;intake_afgerond;pip_dagtekening;leerroute;"
    "leerroute_gestart;afgesloten_op;afsluitreden;examens;participatie;kosten"
)
GOED = {
    "examens": "LE 2024-09-01 gezakt | LE 2024-11-01 geslaagd | KNM 2024-11-01 geslaagd",
    "participatie": "6 2024-10-01 werk+uitkering | 12 2025-04-01 werk",
    "kosten": "leerroute 2024-04-01 5.000,00 | tolk 2024-04-15 75,50",
}


def _rij(bsn, gemeente="0344", afgesloten="", reden="", **geschiedenis):
    g = GOED | geschiedenis
    return ";".join(
        [bsn, "Sara", "Yusuf", "12-05-1991", "V", "ER", "asielstatushouder", gemeente,
         "2024-01-08", "2024-01-20", "2024-02-10", "2024-02-20", "b1", "2024-04-01",
         afgesloten, reden, g["examens"], g["participatie"], g["kosten"]]
    )  # fmt: skip


def _bestand(*rijen: str) -> bytes:
    return ("\n".join([KOP, *rijen]) + "\n").encode("utf-8")


@pytest.fixture
def teamleider(gemeente_a):
    return maak_gebruiker("tim_teamleider", Rol.TEAMLEIDER, gemeente_a)


def test_history_is_documented():
    namen = [k for k, _v, _o in KOLOMMEN]
    assert {"examens", "participatie", "kosten", "afsluitreden"} <= set(namen)


def test_round_trip_of_outcomes(teamleider, gemeente_a):
    bestand = _bestand(
        _rij(BSNS[0]),
        _rij(BSNS[1], afgesloten="2025-05-01", reden="uitval", examens="", participatie="",
             kosten=""),
    )  # fmt: skip
    verslag = importeer(bestand, gebruiker=teamleider)
    assert verslag.geimporteerd, [r.fouten for r in verslag.rijen]
    eerste = Dossier.objects.get(inburgeraar__bsn=BSNS[0])
    soorten = list(
        DossierEvent.objects.filter(dossier=eerste, bron=Bron.IMPORT)
        .filter(soort__in=uk.UITKOMST_SOORTEN)
        .order_by("datum", "id")
        .values_list("soort", "datum")
    )
    assert soorten == [
        (S.KOSTEN_GEREGISTREERD, dt.date(2024, 4, 1)),
        (S.KOSTEN_GEREGISTREERD, dt.date(2024, 4, 15)),
        (S.EXAMENRESULTAAT, dt.date(2024, 9, 1)),
        (S.PARTICIPATIE_GEMETEN, dt.date(2024, 10, 1)),
        (S.EXAMENRESULTAAT, dt.date(2024, 11, 1)),
        (S.EXAMENRESULTAAT, dt.date(2024, 11, 1)),
        (S.PARTICIPATIE_GEMETEN, dt.date(2025, 4, 1)),
    ]
    # And the monitoring reads them back as entered.
    sel = ex.Selectie((gemeente_a.pk,), dt.date(2025, 6, 30))
    with relatie(sel) as r:
        examens = aanvullend.examens_cohort(r)
        kosten = aanvullend.kosten_per_traject(r)
        uitval = aanvullend.uitval_route(r)
        bekend = aanvullend.participatie_bekend(r)
    le = examens[(2024, "LE")]
    assert (le.uitslagen, le.behaald, le.kandidaten, le.kandidaten_behaald) == (2, 1, 1, 1)
    assert kosten["b1"] == (1, {"leerroute": 500000, "tolk": 7550, "ontzorging": 0,
                                "kinderopvang": 0, "reiskosten": 0, "overig": 0})  # fmt: skip
    assert uitval == {("b1", ""): (2, 1)}
    assert bekend == {"asielstatushouder": (2, 1)}


@pytest.mark.parametrize(
    ("kolom", "waarde", "melding"),
    [
        ("examens", "XY 2024-09-01 geslaagd", "onbekend examenonderdeel 'XY'"),
        ("examens", "LE 2024-09-01 misschien", "geslaagd, gezakt of geen"),
        ("participatie", "6 2024-03-01 werk", "vóór de start van de leerroute"),
        ("participatie", "7 2024-10-01 werk", "6, 12 of 24"),
        ("participatie", "6 2024-10-01 werk+rijk", "onbekende situatie 'rijk'"),
        ("participatie", "6 2024-10-01 werk+onbekend", "niet samen met iets anders"),
        ("kosten", "tolk 2024-04-15 -75,00", "niet negatief"),
        ("kosten", "taxi 2024-04-15 75,00", "onbekende kostenpost 'taxi'"),
        ("kosten", "tolk 2099-04-15 75,00", "in de toekomst"),
    ],
)
def test_bad_history_is_refused_per_row_and_nothing_is_imported(teamleider, kolom, waarde, melding):
    verslag = importeer(
        _bestand(_rij(BSNS[2]), _rij(BSNS[3], **{kolom: waarde})), gebruiker=teamleider
    )
    assert not verslag.geimporteerd
    assert not Dossier.objects.exists()  # all or nothing
    assert [r.nummer for r in verslag.ongeldig] == [3]
    (veld, tekst), *_ = verslag.ongeldig[0].fouten
    assert veld == kolom and melding in tekst and tekst.startswith("Onderdeel 1:")


def test_a_dossier_outside_the_users_gemeenten_is_refused(teamleider, gemeente_b):
    verslag = importeer(_bestand(_rij(BSNS[4], gemeente=gemeente_b.cbs_code)), gebruiker=teamleider)
    assert not verslag.geimporteerd
    assert verslag.ongeldig[0].fouten[0][0] == "gemeente"
    assert not Dossier.objects.exists()
