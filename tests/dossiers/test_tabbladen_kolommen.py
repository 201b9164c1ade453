"""The dossier tabs read only the columns they show (issue 22 item 1): a column left out that the
template still reads would cost a query per row. So each page is counted with few and with many
rows, and the rows' values must appear on the page."""

import datetime as dt
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.intake.models import Brief, Briefsoort
from inburgering.koppelingen.models import InkomendBericht, Status, UitgaandBericht

pytestmark = pytest.mark.django_db


def _pagina(client, url) -> tuple[int, str]:
    cache.clear()  # both counts without the fragments an earlier request kept
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(ctx), antwoord.content.decode()


def _duo_berichten(dossier, nummer: int) -> None:
    InkomendBericht.objects.create(
        bericht_id=uuid.uuid4(),
        bron_oin="00000001003214345000",
        doel_oin="00000001001234567000",
        gebeurtenis_id=f"T{nummer:03d}",
        registratie_datumtijd=timezone.now(),
        gemeente=dossier.gemeente,
        dossier=dossier,
        status=Status.VERWERKT,
        resultaat=f"resultaat {nummer}",
        inhoud={"groot": "x" * 500},
    )
    UitgaandBericht.objects.create(
        soort=UitgaandBericht.Soort.PVT,
        dossier=dossier,
        gemeente=dossier.gemeente,
        methode="PUT",
        pad=f"/pvt/{nummer}",
        status=Status.GEWEIGERD,
        antwoord_status=400,
        bevindingen=[{"melding": f"bevinding {nummer}"}],
        laatste_fout="",
        inhoud={"groot": "x" * 500},
    )


def test_dossier_page_duo_section_does_not_grow_with_messages(client, dossier_a, consulent_a):
    client.force_login(consulent_a)
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    _duo_berichten(dossier_a, 0)
    weinig, _html = _pagina(client, url)
    for nummer in range(1, 6):
        _duo_berichten(dossier_a, nummer)
    veel, html = _pagina(client, url)
    assert veel == weinig
    for nummer in range(6):
        assert f"T{nummer:03d}" in html
        assert f"resultaat {nummer}" in html
        assert f"bevinding {nummer}" in html
    assert "Geweigerd door DUO (400)" in html
    assert "Datum ondertekening PVT" in html


def test_contact_tab_does_not_grow_with_contacts_letters_or_consulenten(
    client, dossier_a, consulent_a, teamleider_a
):
    client.force_login(consulent_a)
    url = reverse("intake:contact", args=[dossier_a.uuid])
    weinig, _html = _pagina(client, url)
    datum = dossier_a.kennisgeving_datum
    for nummer in range(6):
        registreer(
            dossier_a,
            Soort.CONTACT,
            datum + dt.timedelta(days=nummer),
            actor=teamleider_a,
            gegevens={"kanaal": "telefoon"},
            toelichting=f"gesprek {nummer}",
        )
        Brief.objects.create(
            dossier=dossier_a,
            soort=Briefsoort.HERINNERING_AFSPRAAK,
            kanaal="email",
            onderwerp=f"herinnering {nummer}",
            tekst="lange tekst " * 50,
        )
    veel, html = _pagina(client, url)
    assert veel == weinig
    for nummer in range(6):
        assert f"gesprek {nummer}" in html
        assert f"herinnering {nummer}" in html
    assert teamleider_a.weergavenaam in html
    # The contact person (the consulent assigned when the dossier opened) with its date.
    assert consulent_a.weergavenaam in html


def test_contact_tab_builds_the_forms_it_shows(client, dossier_a, consulent_a):
    """The appointment, waiting and handover forms only when asked for; the page is the same."""
    client.force_login(consulent_a)
    url = reverse("intake:contact", args=[dossier_a.uuid])
    html = client.get(url).content.decode()
    assert 'name="samenvatting"' in html
    assert 'name="deelnemers"' not in html
    assert "?formulier=overdracht#kop-overdracht" in html
    html = client.get(url, {"formulier": "overdracht"}).content.decode()
    assert 'name="deelnemers"' in html
    # A dossier waiting for something shows the form to end the wait without asking.
    registreer(dossier_a, Soort.WACHT_OP, dossier_a.kennisgeving_datum, gegevens={"op": "coa"})
    html = client.get(url).content.decode()
    assert 'value="klaar"' in html
