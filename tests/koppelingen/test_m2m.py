"""The lean path for DUO's notifications (`koppelingen.m2m.M2MMiddleware`): no session, cookies,
language, CSRF, user or messages on the M2M endpoint, its own checks intact; every other page keeps
the full middleware. And the one-statement store gives the same rows as the general path."""

import datetime as dt
import json
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from inburgering.accounts.models import Gemeente, Samenwerkingsverband
from inburgering.koppelingen.duo.notificaties import notificatie_view
from inburgering.koppelingen.m2m import M2M_ROUTES
from inburgering.koppelingen.models import InkomendBericht, Status

from ..conftest import volgend_test_bsn
from .conftest import OIN_A, post_notificatie

DUO = "00000001003214345000"
OIN_VERBAND = "00000001005555555000"


def geldig(doel=OIN_A, **body):
    headers = {"bron": DUO, "doel": doel, "berichtId": str(uuid.uuid4()), "API-Version": "1.8.0"}
    data = {"registratieDatumTijd": "2025-03-01T10:00:00+01:00", "bsn": volgend_test_bsn(),
            "gebeurtenisId": "SS101"} | body  # fmt: skip
    return headers, data


def test_m2m_routes_staan_ook_in_de_urlconf():
    assert reverse("koppelingen:duo-notificaties") in M2M_ROUTES
    for pad, view in M2M_ROUTES.items():
        assert resolve(pad).func is view
    assert M2M_ROUTES["/api/duo/v1/notificaties"] is notificatie_view


def test_m2m_pad_zonder_sessie_cookies_taal_of_gebruiker(client, gem_a, beheerder):
    client.force_login(beheerder)  # even a browser session cookie is not looked at
    sessies = Session.objects.count()
    headers, data = geldig()
    antwoord = post_notificatie(client, headers, data)
    assert antwoord.status_code == 201
    assert not antwoord.cookies
    assert Session.objects.count() == sessies
    verzoek = antwoord.wsgi_request
    assert not hasattr(verzoek, "session") and not hasattr(verzoek, "user")
    assert "X-Frame-Options" not in antwoord  # clickjacking middleware not run
    assert "Content-Language" not in antwoord  # language middleware not run
    assert antwoord["X-Content-Type-Options"] == "nosniff"  # SecurityMiddleware still runs
    assert InkomendBericht.objects.filter(bericht_id=headers["berichtId"]).exists()


def test_m2m_pad_weigert_zonder_authenticatie_ook_met_ingelogde_sessie(client, gem_a, beheerder):
    client.force_login(beheerder)
    headers, data = geldig()
    antwoord = post_notificatie(client, headers, data, token=None)
    assert antwoord.status_code == 401
    assert "geauthenticeerd" in antwoord.json()["fouttekst"]
    assert not antwoord.cookies
    assert not InkomendBericht.objects.exists()


def test_gewone_pagina_houdt_de_volledige_middleware(db):
    browser = Client(enforce_csrf_checks=True)
    pagina = browser.get(reverse("accounts:login"))
    assert pagina.status_code == 200
    assert "csrftoken" in pagina.cookies
    assert pagina["X-Frame-Options"] == "DENY"
    assert pagina["Content-Language"] == "nl"
    assert hasattr(pagina.wsgi_request, "session") and hasattr(pagina.wsgi_request, "user")
    zonder_token = browser.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert zonder_token.status_code == 403  # CSRF still enforced on a form POST


def test_ander_pad_onder_api_duo_gaat_door_de_volledige_stack(client, gem_a):
    headers, data = geldig()
    meta = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    antwoord = client.post("/api/duo/v1/notificaties/", json.dumps(data),
                           content_type="application/json", **meta)  # fmt: skip
    assert antwoord.status_code == 404
    assert antwoord["X-Frame-Options"] == "DENY"
    assert not InkomendBericht.objects.exists()


def test_snelle_opslag_vult_elk_veld_zoals_create(client, gem_a):
    headers, data = geldig(vNummer=1234567890)
    voor = timezone.now()
    assert post_notificatie(client, headers, data).status_code == 201
    b = InkomendBericht.objects.get()
    assert (b.bron_oin, b.doel_oin, b.api_versie) == (DUO, OIN_A, "1.8.0")
    assert b.bericht_id == uuid.UUID(headers["berichtId"])
    assert b.gebeurtenis_id == "SS101" and b.bsn == data["bsn"] and b.v_nummer == 1234567890
    assert b.registratie_datumtijd == dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
    assert b.inhoud == data and b.gemeente == gem_a and b.dossier is None
    assert (b.status, b.pogingen, b.laatste_fout, b.resultaat) == (Status.NIEUW, 0, "", "")
    assert b.verwerkt_op is None
    assert voor <= b.ontvangen_op <= timezone.now()
    assert voor <= b.volgende_poging_op <= timezone.now()


def test_twee_gemeenten_met_hetzelfde_oin_de_oudste_krijgt_het(client, gem_a, gemeente_b):
    gemeente_b.oin = OIN_A
    gemeente_b.save()
    assert gem_a.pk < gemeente_b.pk
    headers, data = geldig()
    assert post_notificatie(client, headers, data).status_code == 201
    assert InkomendBericht.objects.get().gemeente == gem_a


def test_samenwerkingsverband_neemt_de_algemene_weg(client, gem_a):
    verband = Samenwerkingsverband.objects.create(naam="Regio", oin=OIN_VERBAND)
    verband.gemeenten.add(gem_a)
    headers, data = geldig(doel=OIN_VERBAND)
    assert post_notificatie(client, headers, data).status_code == 201
    assert post_notificatie(client, headers, data).status_code == 201  # idempotent here too
    bericht = InkomendBericht.objects.get()
    assert bericht.gemeente == gem_a and bericht.doel_oin == OIN_VERBAND


@pytest.mark.parametrize("body", [b"{niet: json", json.dumps({"bsn": "1"}).encode()])
def test_vreemd_doel_met_slechte_inhoud_blijft_403(client, gem_a, body):
    """Authorisation is decided before the body, as in DUO's order of checks."""
    headers, _ = geldig(doel="00000001009999999000")
    antwoord = post_notificatie(client, headers, body)
    assert antwoord.status_code == 403
    assert "doel" in antwoord.json()["fouttekst"]
    assert not InkomendBericht.objects.exists()


def test_eigen_doel_met_slechte_inhoud_blijft_400(client, gem_a):
    headers, _ = geldig()
    antwoord = post_notificatie(client, headers, b"{niet: json")
    assert antwoord.status_code == 400 and "JSON" in antwoord.json()["fouttekst"]
    assert not InkomendBericht.objects.exists() and Gemeente.objects.filter(oin=OIN_A).exists()
