"""Reading: only the organisation's own dossiers and placements, only the fields its kind may
see, every read in the access log with purpose "api", errors as problem+json."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from inburgering.accounts.models import Inzagelog
from inburgering.api.models import Sleutel
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db

PROBLEEM = "application/problem+json"


def test_placements_of_the_school_only_its_own(school_api, wereld):
    antwoord = school_api.get(reverse("api:plaatsingen"))
    assert antwoord.status_code == 200
    assert antwoord["API-Version"] == "1.0.0"
    data = antwoord.json()
    assert data["count"] == 1
    [p] = data["results"]
    assert p["id"] == wereld["plaatsing"].pk
    assert p["dossier"] == str(wereld["dossier"].uuid)
    assert p["status"] == "gestart"
    assert p["persoon"]["achternaam"] == wereld["dossier"].inburgeraar.geslachtsnaam
    assert "bsn" not in str(data).lower()
    assert wereld["dossier"].inburgeraar.bsn not in antwoord.content.decode()


def test_placement_detail_and_access_log(school_api, wereld):
    plaatsing = wereld["plaatsing"]
    antwoord = school_api.get(reverse("api:plaatsing", kwargs={"pk": plaatsing.pk}))
    assert antwoord.status_code == 200
    assert antwoord.json()["uren"] == []
    log = Inzagelog.objects.filter(dossier=wereld["dossier"], doel="api")
    assert log.count() == 1
    assert log.get().gebruiker.username == f"api-{wereld['school'].pk}"


def test_placement_of_another_gemeente_is_404_like_a_missing_one(school_api, wereld):
    for pk in (wereld["plaatsing_b"].pk, 10**9, 2**70):
        antwoord = school_api.get(f"/api/v1/plaatsingen/{pk}")
        assert antwoord.status_code == 404
        assert antwoord["Content-Type"] == PROBLEEM
        assert antwoord.json()["code"] == "niet-gevonden"
    assert not Inzagelog.objects.filter(dossier=wereld["dossier_b"]).exists()


def test_dossier_fields_follow_the_need_to_know_table(wereld):
    url = reverse("api:dossier", kwargs={"uuid": wereld["dossier"].uuid})
    school = Api(wereld["sleutels"]["school"]).get(url).json()
    mb = Api(wereld["sleutels"]["mb"]).get(url).json()
    coa = Api(wereld["sleutels"]["coa"]).get(url).json()
    budget = Api(wereld["sleutels"]["budget"]).get(url).json()
    assert {"persoon", "contact", "taal", "consulent", "route"} <= set(school)
    assert {"persoon", "contact", "taal", "consulent", "route"} <= set(mb)
    assert "contact" not in coa and "route" not in coa and "taal" not in coa
    assert "persoon" in coa and "consulent" in coa
    assert "taal" not in budget and "route" not in budget
    assert [b["grond"] for b in mb["betrokkenheden"]] == ["begeleiding"]


def test_a_kind_without_the_category_gets_403(mb_api, wereld):
    antwoord = mb_api.get(reverse("api:plaatsingen"))
    assert antwoord.status_code == 403
    assert antwoord["Content-Type"] == PROBLEEM
    assert "Maatschappelijke begeleiding" in antwoord.json()["detail"]


def test_dossier_not_involved_is_404(school_api, wereld):
    for id_ in (wereld["dossier_b"].uuid, uuid.uuid4()):
        antwoord = school_api.get(reverse("api:dossier", kwargs={"uuid": id_}))
        assert antwoord.status_code == 404
        assert antwoord.json()["detail"] == antwoord.json()["detail"]


def test_without_or_with_a_revoked_key_401(wereld):
    antwoord = Api(None).get(reverse("api:plaatsingen"))
    assert antwoord.status_code == 401
    assert antwoord["Content-Type"] == PROBLEEM
    assert antwoord["WWW-Authenticate"].startswith("Bearer")
    Sleutel.objects.filter(organisatie=wereld["school"]).get().trek_in()
    antwoord = Api(wereld["sleutels"]["school"]).get(reverse("api:plaatsingen"))
    assert antwoord.status_code == 401
    assert Api("ibr_nep").get(reverse("api:plaatsingen")).status_code == 401


def test_key_is_stored_hashed(wereld):
    rij = Sleutel.objects.get(organisatie=wereld["school"])
    assert wereld["sleutels"]["school"] not in (rij.sleutelhash, rij.prefix)
    assert len(rij.sleutelhash) == 64


def test_client_certificate_oin_from_the_proxy(settings, wereld):
    settings.API_CERT_OIN_HEADER = "X-Client-Cert-OIN"
    url = reverse("api:dossiers")
    antwoord = Api(None).get(url, HTTP_X_CLIENT_CERT_OIN=wereld["coa"].oin)
    assert antwoord.status_code == 200
    assert antwoord.json()["count"] == 1
    assert Api(None).get(url, HTTP_X_CLIENT_CERT_OIN="1" * 20).status_code == 401
    settings.API_CERT_OIN_HEADER = ""
    assert Api(None).get(url, HTTP_X_CLIENT_CERT_OIN=wereld["coa"].oin).status_code == 401


def test_english_with_accept_language(school_api):
    antwoord = school_api.get(
        "/api/v1/plaatsingen/999999999", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"
    )
    assert antwoord["Content-Language"] == "en"
    assert antwoord.json()["title"] == "Not found"
    antwoord = school_api.get("/api/v1/plaatsingen/999999999")
    assert antwoord.json()["title"] == "Niet gevonden"


def test_unknown_path_under_the_api_is_problem_json(school_api):
    antwoord = school_api.post("/api/v1/personen", {})
    assert antwoord.status_code == 404
    assert antwoord["Content-Type"] == PROBLEEM


def test_pagination(school_api, settings):
    settings.API_PAGINA_GROOTTE = 1
    data = school_api.get(reverse("api:dossiers")).json()
    assert data["count"] == 1 and data["next"] is None
    assert school_api.get(reverse("api:dossiers") + "?page=5").status_code == 404


def test_too_many_requests_429(school_api, settings):
    settings.API_LIMIET = "2/min"
    url = reverse("api:dossiers")
    assert school_api.get(url).status_code == 200
    assert school_api.get(url).status_code == 200
    antwoord = school_api.get(url)
    assert antwoord.status_code == 429
    assert antwoord["Content-Type"] == PROBLEEM
    assert int(antwoord["Retry-After"]) > 0


def test_page_parameters_must_be_whole_numbers_in_range(school_api):
    for fout in ("pageSize=abc", "pageSize=0", "pageSize=501", "page=-1", "page=x"):
        antwoord = school_api.get(f"{reverse('api:plaatsingen')}?{fout}")
        assert antwoord.status_code == 400, fout
        assert antwoord["Content-Type"] == PROBLEEM
        assert antwoord.json()["invalidParams"][0]["name"] == fout.split("=")[0]


def test_unknown_query_parameters_are_refused(school_api, wereld):
    bsn = wereld["dossier"].inburgeraar.bsn
    antwoord = school_api.get(f"{reverse('api:plaatsingen')}?bsn={bsn}")
    assert antwoord.status_code == 400
    assert antwoord.json()["invalidParams"][0]["name"] == "bsn"
    assert not Inzagelog.objects.exists()


def test_any_path_under_the_api_answers_problem_json(school_api):
    for pad in ("/api/v1/dossiers/\n¼", "/api/v1/dossiers/x", "/api/v1/"):
        antwoord = school_api.get(pad)
        assert antwoord.status_code == 404, pad
        assert antwoord["Content-Type"] == PROBLEEM
        assert antwoord["API-Version"] == "1.0.0"
