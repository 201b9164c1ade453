"""Large imports: size limits with a clear message, and files above the direct limit run in the
background with their progress and report on a page of their own."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inburgering.accounts.models import Rol
from inburgering.dossiers.models import Dossier
from inburgering.monitoring import importeren, importtaken
from inburgering.monitoring.models import Importtaak
from tests.conftest import maak_gebruiker
from tests.monitoring.test_importeren import BSNS, _bestand, _rij

pytestmark = pytest.mark.django_db


@pytest.fixture
def teamleider(gemeente_a):
    return maak_gebruiker("tim_teamleider", Rol.TEAMLEIDER, gemeente_a)


@pytest.fixture
def ingelogd(client, teamleider):
    client.force_login(teamleider)
    return client


def _upload(inhoud: bytes, alleen_geldige: bool = False):
    data = {"bestand": SimpleUploadedFile("dossiers.csv", inhoud, content_type="text/csv")}
    if alleen_geldige:
        data["alleen_geldige"] = "on"
    return data


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(ingelogd, settings):
    settings.IMPORT_MAX_BYTES = 2_000_000
    inhoud = _bestand(*[_rij(BSNS[0])] * 20_000)  # ~2.4 MB
    antwoord = ingelogd.post(reverse("monitoring:import"), _upload(inhoud))
    fout = " ".join(antwoord.context["form"].errors["bestand"])
    assert "groter dan 2 MB" in fout
    assert not Dossier.objects.exists() and not Importtaak.objects.exists()


def test_a_file_over_the_row_limit_gets_a_file_error(teamleider, settings):
    settings.IMPORT_MAX_RIJEN = 3
    verslag = importeren.importeer(_bestand(*[_rij(b) for b in BSNS[:4]]), gebruiker=teamleider)
    assert not verslag.geimporteerd
    assert "4 rijen" in verslag.bestandsfouten[0] and "hoogstens 3" in verslag.bestandsfouten[0]
    assert not Dossier.objects.exists()


def test_a_small_file_is_still_imported_in_the_request(ingelogd, settings):
    settings.IMPORT_DIRECT_MAX_RIJEN = 5
    antwoord = ingelogd.post(reverse("monitoring:import"), _upload(_bestand(_rij(BSNS[0]))))
    assert antwoord.status_code == 200 and antwoord.context["verslag"].geimporteerd
    assert not Importtaak.objects.exists()


def test_a_large_file_runs_in_the_background_with_a_page_of_its_own(ingelogd, teamleider, settings):
    settings.IMPORT_DIRECT_MAX_RIJEN = 2
    inhoud = _bestand(*[_rij(b) for b in BSNS[:4]])
    antwoord = ingelogd.post(reverse("monitoring:import"), _upload(inhoud))
    taak = Importtaak.objects.get()
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("monitoring:importtaak", args=[taak.uuid])
    assert (taak.status, taak.totaal, taak.gebruiker) == ("wachtend", 4, teamleider)
    assert not Dossier.objects.exists()
    wachtend = ingelogd.get(antwoord["Location"]).content.decode()
    assert "Wacht op verwerking" in wachtend and 'hx-trigger="every 2s"' in wachtend

    assert importtaken.verwerk_wachtende() == 1  # what the worker does

    taak.refresh_from_db()
    assert taak.status == "klaar" and taak.verslag["aantallen"]["geimporteerd"] == 4
    assert bytes(taak.bestand) == b""  # the file (personal data) is not kept
    assert Dossier.objects.count() == 4
    klaar = ingelogd.get(antwoord["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "Import uitgevoerd" in klaar and "hx-trigger" not in klaar  # polling stops
    assert importtaken.verwerk(taak.pk) is False  # never runs twice


def test_a_background_import_with_an_invalid_row_imports_nothing_and_lists_it(ingelogd, settings):
    settings.IMPORT_DIRECT_MAX_RIJEN = 1
    inhoud = _bestand(_rij(BSNS[0]), _rij(BSNS[1], geslacht="Q"), _rij(BSNS[2]))
    adres = ingelogd.post(reverse("monitoring:import"), _upload(inhoud))["Location"]
    importtaken.verwerk_wachtende()
    pagina = ingelogd.get(adres).content.decode()
    assert "niets geïmporteerd" in pagina and "Gebruik M, V of X." in pagina
    assert not Dossier.objects.exists()


def test_only_its_own_user_sees_a_task(client, ingelogd, gemeente_a, settings):
    settings.IMPORT_DIRECT_MAX_RIJEN = 1
    adres = ingelogd.post(
        reverse("monitoring:import"), _upload(_bestand(_rij(BSNS[0]), _rij(BSNS[1])))
    )["Location"]
    collega = maak_gebruiker("kim_kwaliteit", Rol.KWALITEIT, gemeente_a)
    client.force_login(collega)
    assert client.get(adres).status_code == 404


def test_progress_is_reported_while_checking_and_importing(teamleider, monkeypatch):
    monkeypatch.setattr(importeren, "VOORTGANG_ELKE", 2)
    stappen = []
    importeren.importeer(
        _bestand(*[_rij(b) for b in BSNS[:5]]),
        gebruiker=teamleider,
        voortgang=lambda *stap: stappen.append(stap),
    )
    assert ("controleren", 3, 5) in stappen and ("importeren", 4, 5) in stappen


@pytest.mark.django_db(transaction=True)
def test_without_a_worker_a_thread_of_the_web_process_runs_the_task(client, gemeente_a, settings):
    settings.ACHTERGROND_UITVOERING = "thread"
    settings.IMPORT_DIRECT_MAX_RIJEN = 1
    client.force_login(maak_gebruiker("tim_teamleider", Rol.TEAMLEIDER, gemeente_a))
    client.post(reverse("monitoring:import"), _upload(_bestand(_rij(BSNS[0]), _rij(BSNS[1]))))
    # Wait for the thread itself, not by polling the table: the suite's in-memory SQLite
    # shares one cache between connections, where a read during the thread's write fails
    # with "table is locked" instead of waiting.
    for draad in [d for d in threading.enumerate() if d.name.startswith("achtergrond-")]:
        draad.join(timeout=30)
    taak = Importtaak.objects.get()
    assert taak.status == "klaar" and Dossier.objects.count() == 2
