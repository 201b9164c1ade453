"""Writing: hours in bulk (all or nothing, 409 for a period already reported, idempotent with
Idempotency-Key), intake results, exam intentions, MB reports and the COA's handover as events,
and bad input as problem+json with nothing stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.api.models import Idempotentie
from inburgering.dossiers.models import DossierEvent
from inburgering.partners.models import (
    Clientprofiel,
    Examenwens,
    Profielstatus,
    Voortgangsnotitie,
)
from inburgering.traject.models import Uren

pytestmark = pytest.mark.django_db

PROBLEEM = "application/problem+json"
UREN = "/api/v1/uren"


def _maandag(weken_geleden: int) -> dt.date:
    vandaag = timezone.localdate()
    return vandaag - dt.timedelta(days=vandaag.weekday() + 7 * weken_geleden)


def _record(plaatsing, weken_geleden=2, **extra):
    return {
        "plaatsing": plaatsing.pk,
        "periodesoort": "week",
        "periodeBegin": _maandag(weken_geleden).isoformat(),
        "aangeboden": 12,
        "aanwezig": 10.5,
        **extra,
    }


def test_hours_in_bulk_stored(school_api, wereld):
    p = wereld["plaatsing"]
    antwoord = school_api.post(UREN, {"uren": [_record(p, 2), _record(p, 3)]})
    assert antwoord.status_code == 201, antwoord.content
    assert antwoord.json() == {"aantal": 2, "plaatsingen": [p.pk]}
    assert Uren.objects.filter(plaatsing=p).count() == 2
    assert Uren.objects.filter(plaatsing=p, aanwezig="10.50").count() == 2


def test_period_already_reported_is_409_and_nothing_stored(school_api, wereld):
    p = wereld["plaatsing"]
    assert school_api.post(UREN, {"uren": [_record(p, 2)]}).status_code == 201
    antwoord = school_api.post(UREN, {"uren": [_record(p, 3), _record(p, 2)]})
    assert antwoord.status_code == 409
    assert antwoord["Content-Type"] == PROBLEEM
    assert antwoord.json()["invalidParams"][0]["name"] == "uren[1]"
    assert Uren.objects.filter(plaatsing=p).count() == 1
    # As a correction it is accepted.
    antwoord = school_api.post(UREN, {"uren": [_record(p, 2, correctie=True, aanwezig=11)]})
    assert antwoord.status_code == 201
    assert Uren.objects.filter(plaatsing=p).count() == 2


def test_same_idempotency_key_same_answer_nothing_twice(school_api, wereld):
    p = wereld["plaatsing"]
    body = {"uren": [_record(p, 2)]}
    eerste = school_api.post(UREN, body, HTTP_IDEMPOTENCY_KEY="run-1")
    tweede = school_api.post(UREN, body, HTTP_IDEMPOTENCY_KEY="run-1")
    assert eerste.status_code == tweede.status_code == 201
    assert eerste.json() == tweede.json()
    assert tweede["Idempotent-Replayed"] == "true"
    assert Uren.objects.filter(plaatsing=p).count() == 1
    ander = school_api.post(UREN, {"uren": [_record(p, 4)]}, HTTP_IDEMPOTENCY_KEY="run-1")
    assert ander.status_code == 422
    assert ander["Content-Type"] == PROBLEEM
    assert Uren.objects.filter(plaatsing=p).count() == 1
    assert Idempotentie.objects.count() == 1


def test_unknown_or_foreign_placement_404_nothing_stored(school_api, wereld):
    p = wereld["plaatsing"]
    for vreemd in (wereld["plaatsing_b"].pk, 10**9):
        antwoord = school_api.post(
            UREN, {"uren": [_record(p, 2), {**_record(p, 3), "plaatsing": vreemd}]}
        )
        assert antwoord.status_code == 404
        assert antwoord["Content-Type"] == PROBLEEM
        assert antwoord.json()["invalidParams"] == [
            {"name": "uren[1].plaatsing", "code": "not_found", "reason": "Onbekende plaatsing."}
        ]
    assert not Uren.objects.exists()


@pytest.mark.parametrize(
    ("ruw", "code"),
    [
        ('{"uren": [', "ongeldige-json"),
        ("[1, 2]", "ongeldig"),
        ('{"uren": []}', "ongeldig"),
        ('{"uren": [{"plaatsing": "12"}]}', "ongeldig"),
    ],
)
def test_malformed_input_400(school_api, ruw, code):
    antwoord = school_api.post(UREN, ruw=ruw)
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == PROBLEEM
    assert antwoord.json()["code"] == code
    assert not Uren.objects.exists()


def test_wrong_types_named_per_field(school_api, wereld):
    p = wereld["plaatsing"]
    slecht = {**_record(p), "aangeboden": "veel", "periodesoort": "jaar", "correctie": "ja"}
    antwoord = school_api.post(UREN, {"uren": [_record(p, 3), slecht]})
    assert antwoord.status_code == 400
    namen = {f["name"] for f in antwoord.json()["invalidParams"]}
    assert namen == {"uren[1].aangeboden", "uren[1].periodesoort", "uren[1].correctie"}
    assert not Uren.objects.exists()


def test_rules_of_the_period_as_for_the_consulent(school_api, wereld):
    p = wereld["plaatsing"]
    antwoord = school_api.post(UREN, {"uren": [_record(p, 2, aanwezig=20)]})
    assert antwoord.status_code == 400
    assert "meer uren aanwezig dan aangeboden" in antwoord.json()["invalidParams"][0]["reason"]
    antwoord = school_api.post(UREN, {"uren": [_record(p, 2), _record(p, 2)]})
    assert antwoord.status_code == 400
    assert antwoord.json()["invalidParams"][0]["code"] == "duplicate"
    assert not Uren.objects.exists()


def test_body_over_the_limit_413(school_api, settings):
    settings.API_MAX_BYTES = 100
    antwoord = school_api.post(UREN, ruw='{"uren": [' + " " * 200 + "]}")
    assert antwoord.status_code == 413
    assert antwoord["Content-Type"] == PROBLEEM
    assert not Uren.objects.exists()


def test_intake_result_moves_the_placement_and_is_an_event(school_api, wereld, consulent_b):
    from tests.traject import factories as traject

    dossier = wereld["dossier"]
    # A fresh placement (aangemeld) on a second contract of the school.
    contract = traject.maak_contract(dossier.gemeente, wereld["school"].aanbieder, kenmerk="C2")
    plaatsing = traject.geplaatst(dossier, contract, dossier.consulent)
    url = reverse("api:intakeresultaten", kwargs={"pk": plaatsing.pk})
    vandaag = timezone.localdate().isoformat()
    antwoord = school_api.post(
        url, {"intakeOp": vandaag, "resultaat": "geschikt", "niveaus": {"lezen": "A2"}}
    )
    assert antwoord.status_code == 201, antwoord.content
    plaatsing.refresh_from_db()
    assert plaatsing.status == "intake"
    event = DossierEvent.objects.get(pk=antwoord.json()["id"])
    assert event.soort == "intakeresultaat_aanbieder"
    assert event.gegevens["niveaus"] == {"lezen": "A2"}
    # The started placement is past its intake: 409.
    antwoord = school_api.post(
        reverse("api:intakeresultaten", kwargs={"pk": wereld["plaatsing"].pk}),
        {"intakeOp": vandaag, "resultaat": "geschikt"},
    )
    assert antwoord.status_code == 409


def test_exam_intention_becomes_the_schools_exam_wishes(school_api, wereld):
    url = reverse("api:examenintenties", kwargs={"pk": wereld["plaatsing"].pk})
    maand = (timezone.localdate() + dt.timedelta(days=62)).strftime("%Y-%m")
    antwoord = school_api.post(url, {"onderdelen": ["LE", "SP"], "beoogdeMaand": maand})
    assert antwoord.status_code == 201, antwoord.content
    event = DossierEvent.objects.get(pk=antwoord.json()["id"])
    assert event.soort == "examenwens"
    wensen = Examenwens.objects.order_by("pk")
    assert [w.onderdeel for w in wensen] == ["LE", "SP"]
    assert {w.verwacht_op.strftime("%Y-%m") for w in wensen} == {maand}
    verleden = school_api.post(url, {"onderdelen": ["SC"], "beoogdeMaand": "2020-01"})
    assert verleden.status_code == 400 and Examenwens.objects.count() == 2
    slecht = school_api.post(url, {"onderdelen": ["XX"], "beoogdeMaand": "maart"})
    assert slecht.status_code == 400
    namen = {f["name"] for f in slecht.json()["invalidParams"]}
    assert namen == {"onderdelen[0]", "beoogdeMaand"} or "beoogdeMaand" in namen


def test_mb_report_only_for_begeleiding(mb_api, school_api, wereld):
    url = reverse("api:mb_rapportages", kwargs={"uuid": wereld["dossier"].uuid})
    vandaag = timezone.localdate()
    body = {
        "soort": "voortgang",
        "periodeBegin": (vandaag - dt.timedelta(days=30)).isoformat(),
        "periodeEinde": vandaag.isoformat(),
        "contactmomenten": 3,
        "samenvatting": "Gaat goed.",
    }
    antwoord = mb_api.post(url, body)
    assert antwoord.status_code == 201, antwoord.content
    event = DossierEvent.objects.get(pk=antwoord.json()["id"])
    assert event.soort == "partner_voortgang" and event.toelichting == "Gaat goed."
    notitie = Voortgangsnotitie.objects.get()
    assert notitie.tekst == "Gaat goed." and "3 contactmomenten" in notitie.onderwerp
    assert school_api.post(url, body).status_code == 403
    vreemd = reverse("api:mb_rapportages", kwargs={"uuid": wereld["dossier_b"].uuid})
    assert mb_api.post(vreemd, body).status_code == 404


def test_coa_handover_becomes_the_client_profile_the_consulent_takes_over(coa_api, wereld):
    url = reverse("api:coa_overdrachten", kwargs={"uuid": wereld["dossier"].uuid})
    body = {
        "overdrachtOp": timezone.localdate().isoformat(),
        "azc": "azc Utrecht",
        "opleiding": "Middelbare school",
        "contactpersoon": {"naam": "J. Jansen", "email": "j.jansen@coa.example"},
    }
    toekomst = {**body, "overdrachtOp": "2999-01-01"}
    assert coa_api.post(url, toekomst).status_code == 400
    assert not Clientprofiel.objects.exists()
    antwoord = coa_api.post(url, body)
    assert antwoord.status_code == 201, antwoord.content
    event = DossierEvent.objects.get(pk=antwoord.json()["id"])
    assert event.soort == "clientprofiel_coa"
    profiel = Clientprofiel.objects.get()
    assert profiel.status == Profielstatus.OVERGEDRAGEN and profiel.opleiding == "Middelbare school"
    assert profiel.azc_contact == "azc Utrecht, J. Jansen, j.jansen@coa.example"
    # A second handover (another key): the profile can no longer change.
    tweede = coa_api.post(url, {**body, "opleiding": "Universiteit"})
    assert tweede.status_code == 409
    profiel.refresh_from_db()
    assert profiel.opleiding == "Middelbare school"
    assert DossierEvent.objects.filter(soort="clientprofiel_coa").count() == 1
