"""Operations: the liveness and readiness probes, the worker's heartbeat, one request id shared
by the log lines and the access log, and JSON log lines."""

import datetime as dt
import json
import logging
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.logfilters import BsnMaskeerFilter
from inburgering.accounts.models import Inzagelog
from inburgering.koppelingen import hartslag
from inburgering.koppelingen.models import Hartslag, InkomendBericht, Status
from inburgering.logformaat import JsonFormatter
from inburgering.verzoek import VerzoekIdFilter
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_login_or_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        antwoord = client.get("/gezond/leeft")
    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "leeft"}


def test_readiness_reports_database_cache_failed_messages_and_heartbeat(client):
    antwoord = client.get(reverse("gezond-klaar"))
    assert antwoord.status_code == 200
    assert antwoord.json() == {
        "status": "klaar",
        "database": "ok",
        "cache": "ok",
        "duo_mislukt": 0,
        "hartslag_werker_seconden": None,
    }
    InkomendBericht.objects.create(
        bericht_id=uuid.uuid4(),
        bron_oin="1",
        doel_oin="2",
        gebeurtenis_id="X",
        registratie_datumtijd=timezone.now(),
        status=Status.MISLUKT,
    )
    Hartslag.objects.create(
        naam=hartslag.WERKER, tijdstip=timezone.now() - dt.timedelta(seconds=90)
    )
    body = client.get(reverse("gezond-klaar")).json()
    assert body["duo_mislukt"] == 1
    assert 89 <= body["hartslag_werker_seconden"] < 120


def test_readiness_is_503_when_the_database_does_not_answer(client, monkeypatch):
    def kapot(*args, **kwargs):
        raise connection.Database.OperationalError("weg")

    monkeypatch.setattr(connection, "cursor", kapot)
    antwoord = client.get(reverse("gezond-klaar"))
    assert antwoord.status_code == 503
    assert antwoord.json()["database"] == "fout"
    assert antwoord.json()["duo_mislukt"] is None


def test_probes_are_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^gezond/(leeft|klaar)$"]
    assert client.get("/gezond/leeft").status_code == 200
    assert client.get("/gezond/klaar").status_code == 200
    assert client.get("/account/inloggen/").status_code == 301


def test_probes_refuse_writes(client):
    assert client.post("/gezond/klaar").status_code == 405


def test_the_worker_beats_each_round(monkeypatch):
    monkeypatch.setattr(hartslag, "_laatste_klop", {})
    call_command("verwerk_berichten", "--once")
    assert hartslag.leeftijd_seconden() < 5
    # A second beat within the interval writes nothing.
    assert hartslag.klop() is False


def test_the_access_log_carries_the_request_id_of_the_log_lines(client, gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a)
    client.force_login(consulent_a)
    antwoord = client.get(reverse("dossiers:dossier", args=[dossier.uuid]))
    verzoek_id = antwoord.headers["X-Verzoek-Id"]
    rij = Inzagelog.objects.get(dossier=dossier)
    assert str(rij.verzoek_id) == verzoek_id
    # The next request has another id.
    assert client.get(reverse("dossiers:caseload")).headers["X-Verzoek-Id"] != verzoek_id


def test_json_log_line_has_the_fields_and_no_bsn():
    record = logging.LogRecord(
        "inburgering.x", logging.WARNING, __file__, 1, "BSN %s gezien", ("999990019",), None
    )
    for filter_ in (BsnMaskeerFilter(), VerzoekIdFilter()):
        assert filter_.filter(record)
    regel = json.loads(JsonFormatter().format(record))
    assert set(regel) == {"time", "level", "logger", "message", "verzoek_id"}
    assert regel["level"] == "WARNING"
    assert regel["logger"] == "inburgering.x"
    assert regel["message"] == "BSN ********* gezien"
    assert regel["verzoek_id"] == "-"
    assert dt.datetime.fromisoformat(regel["time"]).tzinfo is not None


def test_json_log_line_masks_a_bsn_in_a_traceback():
    try:
        raise ValueError("999990019")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "fout", (), sys.exc_info())
    regel = json.loads(JsonFormatter().format(record))
    assert "999990019" not in regel["exception"]
