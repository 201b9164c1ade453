import datetime as dt

import pytest

from inburgering.accounts.models import Rol
from inburgering.bsn import TEST_BSN_BEREIK, elfproef
from inburgering.dossiers.models import Bron, Dossier, DossierEvent
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.monitoring.importeren import KOLOMMEN, importeer
from tests.conftest import maak_gebruiker

pytestmark = pytest.mark.django_db

BSNS = [str(n) for n in TEST_BSN_BEREIK[-3000:] if elfproef(str(n))][:5]
KOP = (
    "bsn;voornamen;achternaam;geboortedatum;geslacht;land_van_herkomst;doelgroep;gemeente;"
    "kennisgeving_datum;huisvesting_datum;intake_gestart;intake_afgerond;lbt_score;lbt_datum;"
    "pip_dagtekening;leerroute;leerroute_gestart"
)


def _bestand(*rijen: str) -> bytes:
    return ("\n".join([KOP, *rijen]) + "\n").encode("utf-8")


def _rij(bsn, **anders):
    waarden = dict(
        bsn=bsn,
        voornamen="Sara",
        achternaam="Yusuf",
        geboortedatum="12-05-1991",
        geslacht="V",
        land="ER",
        doelgroep="asielstatushouder",
        gemeente="0344",
        kennisgeving="2024-01-08",
        huisvesting="",
        intake="2024-01-20",
        afgerond="2024-02-10",
        score="31",
        lbt="2024-01-25",
        pip="2024-02-20",
        route="b1",
        start="2024-04-01",
    )
    waarden.update(anders)
    return ";".join(waarden.values())


@pytest.fixture
def teamleider(gemeente_a):
    return maak_gebruiker("tim_teamleider", Rol.TEAMLEIDER, gemeente_a)


def test_valid_file_creates_dossiers_with_dated_import_events(teamleider, gemeente_a):
    verslag = importeer(
        _bestand(_rij(BSNS[0]), _rij(BSNS[1], pip="", route="", start="")), gebruiker=teamleider
    )
    assert verslag.geimporteerd and verslag.aantal("geimporteerd") == 2
    dossier = Dossier.objects.get(inburgeraar__bsn=BSNS[0])
    assert dossier.gemeente == gemeente_a and dossier.fase == "in_leerroute"
    assert set(dossier.events.values_list("bron", flat=True)) == {Bron.IMPORT}
    lbt = dossier.events.get(soort="lbt_afgenomen")
    assert (lbt.datum, lbt.gegevens["score"]) == (dt.date(2024, 1, 25), 31)
    toestand = bereken_toestand(dossier.events.all())
    assert toestand.pip_dagtekening == dt.date(2024, 2, 20) and toestand.leerroute == "b1"


def test_reimport_creates_no_duplicates(teamleider):
    bestand = _bestand(_rij(BSNS[0]), _rij(BSNS[1]))
    importeer(bestand, gebruiker=teamleider)
    events = DossierEvent.objects.count()
    verslag = importeer(bestand, gebruiker=teamleider)
    assert verslag.aantal("aanwezig") == 2 and verslag.aantal("geimporteerd") == 0
    assert Dossier.objects.count() == 2 and DossierEvent.objects.count() == events


def test_one_invalid_row_blocks_everything_with_dutch_messages(teamleider):
    ongeldig_bsn = str(int(BSNS[2]) + 1)
    verslag = importeer(
        _bestand(
            _rij(BSNS[0]),
            _rij(ongeldig_bsn, geboortedatum="31-02-1990"),
            _rij(BSNS[3], gemeente="0150", score="45"),
            _rij(BSNS[4], afgerond=""),  # a PIP without a completed intake
        ),
        gebruiker=teamleider,
    )
    assert not verslag.geimporteerd and Dossier.objects.count() == 0
    fouten = {(r.nummer, veld): melding for r in verslag.ongeldig for veld, melding in r.fouten}
    assert "elfproef" in fouten[(3, "bsn")]
    assert "geen datum" in fouten[(3, "geboortedatum")]
    assert "gemeente" in fouten[(4, "gemeente")]
    assert "0 tot en met 40" in fouten[(4, "lbt_score")]
    assert "kan niet worden geregistreerd" in fouten[(5, "datums")]
    assert (2, "bsn") not in fouten


def test_only_valid_rows_when_chosen(teamleider):
    verslag = importeer(
        _bestand(_rij(BSNS[0]), _rij("123", voornamen="")),
        gebruiker=teamleider,
        alleen_geldige=True,
    )
    assert verslag.aantal("geimporteerd") == 1 and verslag.aantal("ongeldig") == 1
    assert list(Dossier.objects.values_list("inburgeraar__bsn", flat=True)) == [BSNS[0]]


def test_missing_columns_and_future_dates(teamleider):
    verslag = importeer(b"bsn;voornamen\n123;x\n", gebruiker=teamleider)
    assert "achternaam" in verslag.bestandsfouten[0]
    morgen = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    verslag = importeer(_bestand(_rij(BSNS[0], start=morgen)), gebruiker=teamleider)
    assert verslag.ongeldig[0].fouten == [("leerroute_gestart", "De datum ligt in de toekomst.")]


def test_import_page_shows_report(client, teamleider):
    client.force_login(teamleider)
    from django.core.files.uploadedfile import SimpleUploadedFile

    antwoord = client.post(
        "/monitoring/import/",
        {
            "bestand": SimpleUploadedFile("d.csv", _bestand(_rij(BSNS[0]), _rij("1"))),
            "alleen_geldige": "",
        },
    )
    tekst = antwoord.content.decode()
    assert "Er is niets geïmporteerd" in tekst and "Fouten per rij en veld" in tekst
    assert Dossier.objects.count() == 0
    assert {k for k, verplicht, _u in KOLOMMEN if verplicht} <= set(KOP.split(";"))


def test_control_characters_and_dates_before_1900_are_row_errors(teamleider):
    verslag = importeer(
        _bestand(
            _rij(BSNS[0], voornamen="Sara\x00"),
            _rij(BSNS[1], intake="1899-12-31", afgerond="", score="", lbt="", pip="", route="",
                 start=""),
            _rij(BSNS[2]),
        ),
        gebruiker=teamleider,
    )  # fmt: skip
    assert not verslag.geimporteerd and not Dossier.objects.exists()
    eerste, tweede, derde = verslag.rijen
    assert [veld for veld, _m in eerste.fouten] == ["voornamen"]
    assert "ongeldig teken" in eerste.fouten[0][1]
    assert ("intake_gestart", "Controleer het jaartal: de datum ligt vóór 1900.") in tweede.fouten
    assert derde.fouten == []
