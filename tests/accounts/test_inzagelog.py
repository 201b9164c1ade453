"""The privacy officer's search in the access log: grouped per request, by person (BSN posted,
kept in the session), user, purpose and period, paginated, within its own gemeenten."""

import datetime as dt
import logging

import pytest
import time_machine
from django.urls import reverse

from inburgering.accounts import views
from inburgering.accounts.models import Exportlog
from inburgering.accounts.toegang import log_export, log_inzage
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db

URL = "/account/inzagelog/"


@pytest.fixture
def bezoeken(client, gemeente_a, consulent_a, dossier_b, consulent_b):
    """Two caseload views of 3 dossiers, one dossier page, and a view in gemeente B."""
    dossiers = [maak_dossier(gemeente_a, consulent=consulent_a) for _ in range(3)]
    client.force_login(consulent_a)
    client.get(reverse("dossiers:caseload"))
    client.get(reverse("dossiers:caseload"))
    client.get(reverse("dossiers:dossier", args=[dossiers[0].uuid]))
    client.force_login(consulent_b)
    client.get(reverse("dossiers:dossier", args=[dossier_b.uuid]))
    client.logout()
    return dossiers


def test_a_bulk_page_view_is_one_entry_with_its_count(client, bezoeken, privacy_officer):
    client.force_login(privacy_officer)
    antwoord = client.get(URL)
    assert antwoord.context["gegroepeerd"]
    groepen = list(antwoord.context["pagina"])
    per_doel = sorted((g["doel"], g["aantal"]) for g in groepen)
    assert per_doel == [("caseload", 3), ("caseload", 3), ("dossier", 1), ("dossier", 1)]
    assert "caseload: 3 dossiers" in antwoord.content.decode()
    caseload = next(g for g in groepen if g["doel"] == "caseload")
    assert {u for u, _g in caseload["dossiers"]} == {d.uuid for d in bezoeken}


def test_the_privacy_officer_sees_only_its_own_gemeenten(
    client, bezoeken, privacy_officer, gemeente_b, consulent_b, dossier_b
):
    privacy_officer.gemeenten.remove(gemeente_b)
    client.force_login(privacy_officer)
    antwoord = client.get(URL)
    html = antwoord.content.decode()
    assert str(dossier_b.uuid) not in html
    assert len(antwoord.context["pagina"]) == 3
    assert consulent_b not in antwoord.context["form"].fields["gebruiker"].queryset
    log_export(consulent_b, "monitoring_tabel", {"tabel": "trechter"})
    assert client.get(URL).context["exportpagina"].paginator.count == 0
    assert client.get(URL, {"gebruiker": consulent_b.pk}).context["form"].errors["gebruiker"]


def test_search_by_person_shows_each_row_and_keeps_the_bsn_out_of_urls_and_logs(
    client, bezoeken, privacy_officer, caplog
):
    bsn = bezoeken[0].inburgeraar.bsn
    client.force_login(privacy_officer)
    with caplog.at_level(logging.DEBUG):
        post = client.post(URL + "?doel=caseload", {"bsn": bsn})
        assert post.status_code == 302
        assert post.url == URL + "?doel=caseload"
        antwoord = client.get(post.url)
    assert bsn not in caplog.text
    assert not antwoord.context["gegroepeerd"]
    regels = list(antwoord.context["pagina"])
    assert [r.dossier_id for r in regels] == [bezoeken[0].pk] * 2
    assert {r.doel for r in regels} == {"caseload"}
    assert bsn not in antwoord.content.decode()
    assert "******" + bsn[-3:] in antwoord.content.decode()
    # Cleared again: every page view of the log is back.
    client.post(URL, {"wis_persoon": "1"})
    assert client.get(URL).context["gegroepeerd"]


def test_an_invalid_bsn_is_refused(client, privacy_officer):
    client.force_login(privacy_officer)
    antwoord = client.post(URL, {"bsn": "12345"})
    assert antwoord.status_code == 400
    assert "Een BSN bestaat uit 9 cijfers" in antwoord.content.decode()


def test_filters_by_user_purpose_and_period(client, bezoeken, privacy_officer, consulent_a):
    client.force_login(privacy_officer)
    per_gebruiker = client.get(URL, {"gebruiker": consulent_a.pk}).context["pagina"]
    assert len(per_gebruiker) == 3
    per_doel = client.get(URL, {"doel": "dossier"}).context["pagina"]
    assert sorted(g["aantal"] for g in per_doel) == [1, 1]
    # The log is append-only (a trigger refuses UPDATE): rows of May 2024 are written then.
    with time_machine.travel(dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC), tick=False):
        log_inzage(consulent_a, [bezoeken[0].pk], "dossier")
        log_inzage(consulent_a, [bezoeken[1].pk], "dossier")
    mei = client.get(URL, {"van": "2024-05-01", "tot": "2024-05-01"}).context["pagina"]
    assert sorted(g["doel"] for g in mei) == ["dossier", "dossier"]
    fout = client.get(URL, {"van": "2024-05-02", "tot": "2024-05-01"})
    assert "De einddatum ligt vóór de begindatum." in fout.content.decode()


def test_the_log_is_paginated(client, privacy_officer, gemeente_a, consulent_a, monkeypatch):
    dossier = maak_dossier(gemeente_a)
    for _ in range(5):
        log_inzage(consulent_a, [dossier.pk], "dossier")
    monkeypatch.setattr(views, "PER_PAGINA", 2)
    client.force_login(privacy_officer)
    eerste = client.get(URL)
    assert eerste.context["pagina"].paginator.num_pages == 3
    assert len(client.get(URL, {"pagina": 3}).context["pagina"]) == 1


def test_exports_are_listed_and_found_by_person(
    client, privacy_officer, teamleider_a, gemeente_a, consulent_a
):
    dossier = maak_dossier(gemeente_a)
    log_export(teamleider_a, "monitoring_tabel", {"tabel": "lbt_conform_consulent"})
    log_export(teamleider_a, "cbs_levering", {"kwartaal": "2024K1"}, [dossier.pk])
    client.force_login(privacy_officer)
    alles = client.get(URL)
    assert alles.context["exportpagina"].paginator.count == 2
    assert "lbt_conform_consulent" in alles.content.decode()
    client.post(URL, {"bsn": dossier.inburgeraar.bsn})
    persoon = client.get(URL)
    assert [e.soort for e in persoon.context["exportpagina"]] == ["cbs_levering"]
    assert [r.doel for r in persoon.context["pagina"]] == ["cbs_levering"]
    assert Exportlog.objects.count() == 2
