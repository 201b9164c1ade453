"""Exports are safe to open (no formulas from text a user typed) and every download is logged."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from inburgering import exports
from inburgering.accounts.models import Exportlog, Inzagelog, Rol
from inburgering.monitoring import cbs
from inburgering.monitoring.tabel import Tabel, als_csv, als_xlsx
from tests.conftest import maak_gebruiker

from .helpers import traject

#: Text a spreadsheet would run as a formula, with what the CSV must show instead.
KWAADAARDIG = {
    '=HYPERLINK("http://evil.example/?x=1","klik")': '\'=HYPERLINK("http://evil.example/?x=1","klik")',
    "+1": "'+1",
    "-2+3": "'-2+3",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\r=1+1",
}


def _csv(inhoud: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_text_cells_are_neutralised_and_numbers_stay_numbers_in_csv():
    rijen = [[tekst, -2, -2.5, None, dt.date(2025, 1, 2)] for tekst in KWAADAARDIG]
    tabel = Tabel("t", "Titel", ["=kop", "getal", "komma", "leeg", "datum"], rijen)
    uit = _csv(als_csv(tabel))
    assert uit[0] == ["'=kop", "getal", "komma", "leeg", "datum"]
    assert [r[0] for r in uit[1:]] == list(KWAADAARDIG.values())
    # Numbers are formatted by us, never text a user typed: a negative number stays a number.
    assert {tuple(r[1:]) for r in uit[1:]} == {("-2", "-2,5", "", "02-01-2025")}
    # A number that arrives as text is escaped like any text.
    assert exports.csv_cel("-5") == "'-5"
    assert exports.csv_cel(-5) == "-5"


def test_xlsx_cells_are_strings_never_formulas():
    rijen = [[tekst, -2, -2.5, None] for tekst in KWAADAARDIG]
    tabel = Tabel("t", "=Titel", ["=kop", "getal", "komma", "leeg"], rijen)
    blad = load_workbook(io.BytesIO(als_xlsx(tabel))).active
    assert blad["A1"].value == "=Titel" and blad["A1"].data_type == "s"
    assert blad["A2"].value == "=kop" and blad["A2"].data_type == "s"
    for rij, tekst in enumerate(KWAADAARDIG, start=3):
        cel = blad.cell(row=rij, column=1)
        assert cel.data_type == "s", tekst
        assert cel.value.lstrip() == tekst.lstrip()  # XML reads a CR back as LF
        assert cel.quotePrefix
        assert blad.cell(row=rij, column=2).value == -2
        assert blad.cell(row=rij, column=2).data_type == "n"
        assert blad.cell(row=rij, column=3).value == -2.5
        assert blad.cell(row=rij, column=4).value is None


@pytest.mark.django_db
def test_cbs_file_neutralises_text(gemeente_a):
    gemeente_a.cbs_code = "0344"
    rij = cbs.Rij("u", {k: "=1+1" for k, _o, _v in cbs.KOLOMMEN}, None)
    uit = _csv(cbs.als_csv([rij]))
    assert set(uit[1]) == {"'=1+1"}


@pytest.fixture
def kwaadaardige_consulenten(gemeente_a):
    """Consulenten whose names are formulas, each with a dossier that has an LBT and a PIP."""
    for n, naam in enumerate(KWAADAARDIG):
        consulent = maak_gebruiker(f"k{n}_consulent", Rol.CONSULENT, gemeente_a)
        consulent.first_name, consulent.last_name = naam, ""
        consulent.save()
        traject(gemeente_a, dt.date(2024, 3, 4), consulent=consulent, lbt=(35, 15), pip=30)


@pytest.mark.django_db
def test_a_table_naming_consulenten_is_exported_safely_and_logged(
    client, teamleider_a, kwaadaardige_consulenten
):
    client.force_login(teamleider_a)
    url = "/monitoring/export/lbt_conform_consulent"
    antwoord = client.get(f"{url}.csv?peildatum=2025-01-01&doelgroep=asielstatushouder")
    rijen = _csv(antwoord.content)[1:]
    leeg = rijen.index([])  # the data, then an empty row and the definitions used
    namen = {r[0] for r in rijen[:leeg]}
    assert [r[0].split(":")[0] for r in rijen[leeg + 1 :]] == ["Peildatum", "Populatie", "Cohort"]
    assert "inburgeringsplichtig op de peildatum" in rijen[leeg + 2][0]
    # A display name loses leading whitespace (get_full_name strips), the formula stays.
    assert namen == {"'" + naam.strip() for naam in KWAADAARDIG}
    blad = load_workbook(io.BytesIO(client.get(f"{url}.xlsx?peildatum=2025-01-01").content)).active
    cellen = {c.value: c for c in blad["A"][2:]}
    for naam in KWAADAARDIG:
        assert cellen[naam.strip()].data_type == "s"
        assert not str(cellen[naam.strip()].value).startswith("'")
    log = list(Exportlog.objects.order_by("id"))
    assert [(r.gebruiker, r.soort, r.aantal_dossiers) for r in log] == [
        (teamleider_a, "monitoring_tabel", 0)
    ] * 2
    assert log[0].selectie["tabel"] == "lbt_conform_consulent"
    assert log[0].selectie["formaat"] == "csv" and log[1].selectie["formaat"] == "xlsx"
    assert log[0].selectie["peildatum"] == "2025-01-01"
    assert log[0].selectie["doelgroep"] == "asielstatushouder"
    assert log[0].selectie["gemeenten"] == [teamleider_a.gemeenten.get().pk]
    assert not Inzagelog.objects.exists()  # aggregates: no dossier rows


@pytest.mark.django_db
def test_a_refused_export_is_not_logged(client, teamleider_a, gemeente_b):
    client.force_login(teamleider_a)
    assert client.get(f"/monitoring/export/trechter.csv?gemeente={gemeente_b.pk}").status_code
    assert not Exportlog.objects.exists()


@pytest.mark.django_db
def test_the_cbs_delivery_is_logged_with_its_dossiers(client, teamleider_a, gemeente_a):
    dossiers = [traject(gemeente_a, dt.date(2024, 1, 10), lbt=(30, 5), pip=20) for _ in range(2)]
    client.force_login(teamleider_a)
    antwoord = client.get(
        f"/monitoring/cbs/levering.csv?jaar=2024&kwartaal=1&gemeente={gemeente_a.pk}"
    )
    assert antwoord.status_code == 200
    rij = Exportlog.objects.get()
    assert (rij.gebruiker, rij.soort, rij.aantal_dossiers) == (teamleider_a, "cbs_levering", 2)
    assert rij.selectie == {"gemeente": "0344", "kwartaal": "2024K1", "formaat": "csv"}
    gelogd = Inzagelog.objects.filter(verzoek_id=rij.verzoek_id)
    assert sorted(gelogd.values_list("dossier_id", flat=True)) == sorted(d.pk for d in dossiers)
    assert set(gelogd.values_list("doel", flat=True)) == {"monitoring_cbs"}
    for d in dossiers:
        assert d.inburgeraar.bsn not in str(rij.selectie)
