"""The move's pages: recording the move, taking a package over, reading a file; access (out of
scope is 404), the access log on every view and export, and no BSN in URLs or file names."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Exportlog, Inzagelog
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.workflow import Afsluitreden
from inburgering.verhuizing import pakket
from inburgering.verhuizing.models import Overdracht, Status
from tests.verhuizing.factories import dossier_met_alles, maak_dossier, verhuisd

pytestmark = pytest.mark.django_db


def _geen_bsn(antwoord, bsn):
    for kop in ("Location", "Content-Disposition"):
        assert bsn not in antwoord.headers.get(kop, "")


def test_recording_the_move_in_the_browser(client, gemeente_a, gemeente_b, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a)
    client.force_login(consulent_a)
    url = reverse("verhuizing:verhuizing", kwargs={"uuid": dossier.uuid})
    pagina = client.get(url)
    assert pagina.status_code == 200 and "Verhuizing vastleggen" in pagina.text
    morgen = timezone.localdate() + dt.timedelta(days=1)
    fout = client.post(url, {"naar": str(gemeente_b.pk), "inschrijving": morgen.isoformat()})
    assert fout.status_code == 400 and "Deze datum ligt in de toekomst." in fout.text
    assert not Overdracht.objects.exists()
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    antwoord = client.post(url, {"naar": str(gemeente_b.pk), "inschrijving": gisteren.isoformat()})
    assert antwoord.status_code == 302
    _geen_bsn(antwoord, dossier.inburgeraar.bsn)
    dossier.refresh_from_db()
    assert dossier.afsluitreden == Afsluitreden.VERHUISD
    pagina = client.get(url)
    assert "Verhuisd: dossier overgedragen" in pagina.text and "Deventer" in pagina.text
    assert Inzagelog.objects.filter(dossier_id=dossier.pk, doel="verhuizing").exists()


def test_downloads_are_logged_and_named_without_bsn(client, gemeente_a, consulent_a):
    dossier = dossier_met_alles(gemeente_a, consulent_a, pip=False)
    overdracht = verhuisd(dossier, None, consulent_a)
    client.force_login(consulent_a)
    bsn = dossier.inburgeraar.bsn
    antwoord = client.get(reverse("verhuizing:pakket_json", kwargs={"uuid": dossier.uuid}))
    assert antwoord.status_code == 200
    assert f"overdracht-{overdracht.uuid}.json" in antwoord.headers["Content-Disposition"]
    _geen_bsn(antwoord, bsn)
    assert json.loads(antwoord.content) == overdracht.pakket
    pdf = client.get(reverse("verhuizing:pakket_pdf", kwargs={"uuid": dossier.uuid}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    _geen_bsn(pdf, bsn)
    assert set(Exportlog.objects.values_list("soort", flat=True)) == {
        "overdracht_json",
        "overdracht_pdf",
    }
    assert Inzagelog.objects.filter(dossier_id=dossier.pk, doel="overdracht_pdf").count() == 1
    assert bsn not in json.dumps(list(Exportlog.objects.values_list("selectie", flat=True)))


def test_taking_over_a_waiting_package(client, gemeente_a, gemeente_b, consulent_a, consulent_b):
    oud = dossier_met_alles(gemeente_a, consulent_a)
    overdracht = verhuisd(oud, gemeente_b, consulent_a)
    url = reverse("verhuizing:overdracht", kwargs={"overdracht": overdracht.uuid})
    # Gemeente A's own consulent cannot open it: it is addressed to B (404, as non-existent).
    client.force_login(consulent_a)
    assert client.get(url).status_code == 404
    assert "Haddad" not in client.get(reverse("verhuizing:inkomend")).text
    client.force_login(consulent_b)
    lijst = client.get(reverse("verhuizing:inkomend"))
    assert oud.inburgeraar.geslachtsnaam in lijst.text
    assert Inzagelog.objects.filter(dossier_id=oud.pk, doel="overdracht_inkomend").exists()
    pagina = client.get(url)
    assert pagina.status_code == 200 and "PIP-versies" in pagina.text
    # Dates from the package's JSON in the Dutch format, never ISO (issue 14 item 7).
    geboren = dt.date.fromisoformat(overdracht.pakket["persoon"]["geboortedatum"])
    assert f"{geboren:%d-%m-%Y}" in pagina.text
    assert overdracht.pakket["persoon"]["geboortedatum"] not in pagina.text
    iso = re.search(r">\s*\d{4}-\d{2}-\d{2}\b", pagina.text)
    assert not iso, pagina.text[iso.start() - 300 : iso.end() + 80]
    antwoord = client.post(url, {"inschrijving": overdracht.inschrijving.isoformat()})
    assert antwoord.status_code == 302
    nieuw = Dossier.objects.get(gemeente=gemeente_b)
    assert antwoord.headers["Location"] == reverse(
        "verhuizing:verhuizing", kwargs={"uuid": nieuw.uuid}
    )
    pagina = client.get(antwoord.headers["Location"])
    assert "Overgedragen vanuit gemeente Utrecht" in pagina.text
    assert "art. 5.3 lid 3" in pagina.text  # the deadline with its citation
    assert client.get(url).status_code == 404  # handled: no longer waiting
    # The old dossier stays out of B's reach, the new one out of A's.
    assert (
        client.get(reverse("verhuizing:verhuizing", kwargs={"uuid": oud.uuid})).status_code == 404
    )
    client.force_login(consulent_a)
    assert client.get(reverse("dossiers:dossier", kwargs={"uuid": nieuw.uuid})).status_code == 404
    assert (
        client.get(reverse("verhuizing:pakket_json", kwargs={"uuid": nieuw.uuid})).status_code
        == 404
    )


def test_reading_a_file(client, gemeente_a, gemeente_b, consulent_a, consulent_b):
    oud = dossier_met_alles(gemeente_a, consulent_a)
    overdracht = verhuisd(oud, None, consulent_a)
    inhoud = pakket.als_bytes(overdracht.pakket)
    Overdracht.objects.filter(pk=overdracht.pk).delete()  # as if from another installation
    client.force_login(consulent_b)
    url = reverse("verhuizing:inlezen")
    kapot = json.loads(inhoud)
    kapot["persoon"]["bsn"] = "12"
    fout = client.post(
        url,
        {
            "gemeente": gemeente_b.pk,
            "bestand": SimpleUploadedFile("p.json", json.dumps(kapot).encode()),
        },
    )
    assert fout.status_code == 400
    assert "persoon/bsn: &#x27;12&#x27; heeft niet de juiste vorm." in fout.text
    assert not Dossier.objects.filter(gemeente=gemeente_b).exists()
    # A gemeente the user does not work for is not a choice.
    andere = client.post(
        url, {"gemeente": gemeente_a.pk, "bestand": SimpleUploadedFile("p.json", inhoud)}
    )
    assert andere.status_code == 400 and not Dossier.objects.filter(gemeente=gemeente_a).count() > 1
    goed = client.post(
        url, {"gemeente": gemeente_b.pk, "bestand": SimpleUploadedFile("p.json", inhoud)}
    )
    assert goed.status_code == 302
    nieuw = Dossier.objects.get(gemeente=gemeente_b)
    assert Overdracht.objects.get().status == Status.INGELEZEN
    assert Inzagelog.objects.filter(dossier_id=nieuw.pk, doel="overdracht_ingelezen").exists()
