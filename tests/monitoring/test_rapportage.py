"""The periodic report (issue 23, item 5): made on demand and by the scheduler, the text edited
and published, the page and the PDF (its text read back) showing the key figures, the
comparison with the previous period, the local targets and the definitions."""

import datetime as dt
import io

import pypdf
import pytest
from django.core.management import call_command

from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.monitoring.models import Rapportage, Taakstelling
from inburgering.monitoring.rapportage import Periode, inhoud, volgens_planning

from .factories import doelstelling
from .helpers import traject

pytestmark = pytest.mark.django_db
D = dt.date


def test_periods():
    assert (Periode(2024, 1).begin, Periode(2024, 1).einde) == (D(2024, 1, 1), D(2024, 3, 31))
    assert Periode(2024, 4).einde == D(2024, 12, 31)
    assert Periode(2024, 1).vorige == Periode(2023, 4)
    assert Periode(2024, 3).vorige == Periode(2024, 2)
    assert Periode(2024).vorige == Periode(2023) and Periode(2024).einde == D(2024, 12, 31)


@pytest.fixture
def gegevens(gemeente_a):
    # Q3 2024: one plichtige (kennisgeving July, PIP 30 days later); Q4: a second one, housed
    # in November. Target for "PIP binnen termijn", taakstelling 4 for 2024.
    traject(gemeente_a, D(2024, 7, 1), pip=30)
    tweede = traject(gemeente_a, D(2024, 10, 1))
    registreer(tweede, Soort.HUISVESTING, D(2024, 11, 4))
    doelstelling(gemeente_a, streefwaarde=90)
    Taakstelling.objects.create(gemeente=gemeente_a, jaar=2024, halfjaar=2, aantal=4)


def test_key_figures_against_the_previous_quarter(gemeente_a, gegevens):
    rapport = Rapportage.objects.create(
        gemeente=gemeente_a, soort="kwartaal", jaar=2024, kwartaal=4
    )
    cijfers = {k.naam: k for k in inhoud(rapport).kerncijfers}
    plichtig = cijfers["Inburgeringsplichtigen op de peildatum"]
    assert (plichtig.waarde, plichtig.vorige, plichtig.verschil) == (2, 1, 1)
    gehuisvest = cijfers["Gehuisvest als % van de taakstelling"]
    assert (gehuisvest.waarde, gehuisvest.vorige) == (25.0, 0.0)


def test_made_on_demand_edited_published_and_as_pdf(client, teamleider_a, gemeente_a, gegevens):
    client.force_login(teamleider_a)
    antwoord = client.post(
        "/monitoring/rapportages/", {"gemeente": gemeente_a.pk, "jaar": 2024, "kwartaal": 4}
    )
    rapport = Rapportage.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"].endswith(f"{rapport.uuid}/")
    pagina = client.get(f"/monitoring/rapportages/{rapport.uuid}/")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Kerncijfers" in html and "Definities" in html and "2024 K3" in html
    tekst = "De wachtlijst bij de taalschool is in december weggewerkt."
    client.post(f"/monitoring/rapportages/{rapport.uuid}/", {"tekst": tekst, "publiceren": "1"})
    rapport.refresh_from_db()
    assert rapport.tekst == tekst and rapport.gepubliceerd_op is not None
    pdf = client.get(f"/monitoring/rapportages/{rapport.uuid}.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    lezer = pypdf.PdfReader(io.BytesIO(pdf.content))
    inhoud_pdf = " ".join(p.extract_text() for p in lezer.pages)
    for stuk in [
        "Rapportage inburgering Utrecht 2024 K4",
        "wachtlijst bij de taalschool",
        "Inburgeringsplichtigen op de peildatum",
        "Lokale doelen",
        "Populatie: inburgeringsplichtig op de peildatum",
    ]:
        assert stuk in " ".join(inhoud_pdf.split()), stuk
    # A year still running cannot be reported.
    assert (
        client.post(
            "/monitoring/rapportages/", {"gemeente": gemeente_a.pk, "jaar": 2100, "kwartaal": 0}
        ).status_code
        == 400
    )


def test_the_scheduler_makes_each_report_once(gemeente_a, gemeente_b):
    volgens_planning([gemeente_a, gemeente_b], D(2025, 2, 10))
    assert set(Rapportage.objects.values_list("gemeente__naam", "jaar", "kwartaal")) == {
        (g.naam, jaar, k) for g in (gemeente_a, gemeente_b) for jaar, k in ((2024, 4), (2024, 0))
    }
    call_command("maak_rapportages", stdout=io.StringIO())  # today: adds, never duplicates
    call_command("maak_rapportages", stdout=io.StringIO())
    aantal = Rapportage.objects.count()
    call_command("maak_rapportages", stdout=io.StringIO())
    assert Rapportage.objects.count() == aantal
