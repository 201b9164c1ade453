"""The Notificatie endpoint: stored before acknowledged, idempotent, and bad input refused."""

import json
import uuid

import pytest

from inburgering.dossiers.models import Dossier
from inburgering.koppelingen.duo.schemas import NOTIFICATIE_API_VERSIE
from inburgering.koppelingen.models import InkomendBericht, Status

from ..conftest import volgend_test_bsn
from .conftest import OIN_A, post_notificatie

DUO = "00000001003214345000"


def geldig(**body):
    headers = {"bron": DUO, "doel": OIN_A, "berichtId": str(uuid.uuid4())}
    data = {"registratieDatumTijd": "2025-03-01T10:00:00+01:00", "bsn": volgend_test_bsn(),
            "gebeurtenisId": "SS101"} | body  # fmt: skip
    return headers, data


def test_geldige_notificatie_wordt_opgeslagen_en_bevestigd(client, gem_a):
    headers, data = geldig()
    antwoord = post_notificatie(client, headers, data)
    assert antwoord.status_code == 201
    assert antwoord["API-Version"] == NOTIFICATIE_API_VERSIE
    bericht = InkomendBericht.objects.get()
    assert str(bericht.bericht_id) == headers["berichtId"]
    assert bericht.gebeurtenis_id == "SS101" and bericht.gemeente == gem_a
    assert bericht.status == Status.NIEUW
    assert not Dossier.objects.exists()  # processed asynchronously, by the worker


def test_herhaald_berichtid_is_idempotent(client, gem_a):
    headers, data = geldig()
    assert post_notificatie(client, headers, data).status_code == 201
    assert post_notificatie(client, headers, data).status_code == 201
    assert InkomendBericht.objects.count() == 1
    anders = data | {"gebeurtenisId": "SS111"}
    antwoord = post_notificatie(client, headers, anders)
    assert antwoord.status_code == 400
    assert "berichtId" in antwoord.json()["fouttekst"]
    assert InkomendBericht.objects.get().gebeurtenis_id == "SS101"


@pytest.mark.parametrize(
    ("wijziging", "status", "tekst"),
    [
        ({"body": b"{niet: json"}, 400, "JSON"),
        ({"bsn": "12345678"}, 400, "BSN"),
        ({"bsn": "12345678a"}, 400, "BSN"),
        ({"gebeurtenisId": "SS12345"}, 400, "gebeurtenisId"),  # 7 > maxLength 6
        ({"gebeurtenisId": "ss101"}, 400, "gebeurtenisId"),
        ({"zonder": "registratieDatumTijd"}, 400, "specificatie"),
        ({"body": b"{" + b" " * 20000 + b"}"}, 400, "te groot"),
        ({"zonder_header": "bron"}, 400, "bron"),
        ({"zonder_header": "doel"}, 400, "doel"),
        ({"zonder_header": "berichtId"}, 400, "berichtId"),
        ({"header": ("berichtId", "geen-uuid")}, 400, "UUID"),
        ({"token": None}, 401, "geauthenticeerd"),
        ({"token": "fout"}, 401, "geauthenticeerd"),
        ({"header": ("bron", "00000001009999999000")}, 403, "DUO"),
        ({"header": ("doel", "00000001009999999000")}, 403, "doel"),
    ],
)
def test_slechte_invoer_wordt_geweigerd_zonder_iets_op_te_slaan(
    client, gem_a, wijziging, status, tekst
):
    headers, data = geldig()
    if "zonder" in wijziging:
        del data[wijziging["zonder"]]
    for veld in ("bsn", "gebeurtenisId"):
        if veld in wijziging:
            data[veld] = wijziging[veld]
    if "zonder_header" in wijziging:
        del headers[wijziging["zonder_header"]]
    if "header" in wijziging:
        headers[wijziging["header"][0]] = wijziging["header"][1]
    body = wijziging.get("body", json.dumps(data))
    kwargs = {"token": wijziging["token"]} if "token" in wijziging else {}
    antwoord = post_notificatie(client, headers, body, **kwargs)
    assert antwoord.status_code == status
    assert antwoord["API-Version"] == NOTIFICATIE_API_VERSIE
    assert tekst in antwoord.json()["fouttekst"]
    assert len(antwoord.json()["fouttekst"]) <= 200
    assert not InkomendBericht.objects.exists()


def test_mtls_via_proxy_header(client, gem_a, settings):
    settings.DUO_NOTIFICATIE_TOKEN = ""
    settings.DUO_NOTIFICATIE_CERT_OIN_HEADER = "X-Client-Cert-OIN"
    headers, data = geldig()
    assert post_notificatie(client, headers, data, token=None).status_code == 401
    antwoord = post_notificatie(client, headers | {"X-Client-Cert-OIN": DUO}, data, token=None)
    assert antwoord.status_code == 201


def test_alleen_post(client, gem_a):
    assert client.get("/api/duo/v1/notificaties").status_code == 405


def test_het_ontwikkeltoken_geldt_alleen_tegen_de_simulator(client, gem_a, settings):
    """Defence in depth: even when production settings were bypassed, the public demo token
    opens nothing once DUO_BASE_URL is the real DUO."""
    settings.DUO_NOTIFICATIE_TOKEN = "simulator-token"
    headers, data = geldig()
    assert post_notificatie(client, headers, data, token="simulator-token").status_code == 201
    settings.DUO_BASE_URL = "https://duo.example:8443/v1"
    headers, data = geldig()
    antwoord = post_notificatie(client, headers, data, token="simulator-token")
    assert antwoord.status_code == 401
    assert InkomendBericht.objects.count() == 1


def test_notificaties_zonder_sessie_of_tweede_factor(client, gem_a, settings, consulent_a):
    """The M2M endpoint is machine-to-machine: no login redirect, no second factor, also when
    it is required and a browser session of an unverified user comes along."""
    settings.OTP_VERPLICHT = True
    client.force_login(consulent_a)
    headers, data = geldig()
    assert post_notificatie(client, headers, data).status_code == 201
    client.logout()
    headers, data = geldig()
    assert post_notificatie(client, headers, data).status_code == 201
