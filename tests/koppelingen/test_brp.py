"""The BRP client and its simulator against RvIG's published contract (BRP API Personen 2.7.0 in
shared/reference/brp, validated with openapi-core through tests/koppelingen/openapi.py): the
request we build, every answer the simulator gives (also errors and partial dates), and a new
dossier from a DUO signal with a partial birth date. Every exchange of the client with the
simulator in this folder is validated as well (`duo_opname` in conftest.py)."""

import json

import pytest
from django.urls import reverse

from inburgering.dossiers.models import Dossier
from inburgering.koppelingen.brp.client import (
    BrpFout,
    BrpOnbereikbaar,
    brp_client,
    gedeelde_simulator,
)
from inburgering.koppelingen.brp.datum import BrpDatum
from inburgering.koppelingen.models import InkomendBericht, Status

from . import openapi
from .conftest import OIN_A

HEADERS = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}


def uitwisseling(simulator, body) -> tuple[openapi.Uitwisseling, list[str]]:
    """One request straight to the simulator, and the contract's verdict on request and answer."""
    inhoud = json.dumps(body).encode()
    antwoord = simulator.verwerk("POST", "/personen", HEADERS, inhoud)
    u = openapi.Uitwisseling("POST", "/personen", HEADERS, inhoud, antwoord.status,
                             dict(antwoord.headers), antwoord.inhoud)  # fmt: skip
    return u, openapi.brp_uitwisseling(u)


def vraag(simulator, body) -> tuple[int, dict]:
    u, fouten = uitwisseling(simulator, body)
    assert fouten == [], fouten
    return u.status, json.loads(u.antwoord_body)


@pytest.fixture
def persoon(scenarios, sim):
    """A person DUO signals (and so the BRP knows), with their BSN."""
    notificatie = scenarios.nieuwe_statushouder(OIN_A)
    return notificatie, notificatie.body["bsn"]


def zet_geboortedatum(sim, bsn: str, waarde: str) -> None:
    with sim.opslag.transactie() as staat:
        staat["personen"][bsn]["brp"]["geboortedatum"] = waarde


def test_the_request_the_client_builds_matches_the_contract(persoon):
    _, bsn = persoon
    body = brp_client().verzoek_raadpleeg(bsn)
    u, fouten = uitwisseling(gedeelde_simulator(), body)
    assert fouten == [] and u.status == 200
    assert body["fields"] and "burgerservicenummer" in body["fields"]
    _, fouten = uitwisseling(gedeelde_simulator(), body | {"burgerservicenummer": [bsn[:8]]})
    assert any("does not match" in f for f in fouten), fouten  # the validator does look


@pytest.mark.parametrize(
    ("opgeslagen", "soort"),
    [
        ("1991-05-12", "Datum"),
        ("1987-06-00", "JaarMaandDatum"),
        ("1987-00-00", "JaarDatum"),
        ("0000-00-00", "DatumOnbekend"),
    ],
)
def test_every_answer_matches_the_contract_also_with_partial_dates(persoon, sim, opgeslagen, soort):
    _, bsn = persoon
    zet_geboortedatum(sim, bsn, opgeslagen)
    status, body = vraag(gedeelde_simulator(), brp_client().verzoek_raadpleeg(bsn))
    assert status == 200 and body["type"] == "RaadpleegMetBurgerservicenummer"
    assert body["personen"][0]["geboorte"]["datum"]["type"] == soort


def test_fields_limits_the_answer_to_what_was_asked(persoon):
    _, bsn = persoon
    status, body = vraag(
        gedeelde_simulator(),
        {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [bsn],
         "fields": ["naam.geslachtsnaam"]},
    )  # fmt: skip
    assert status == 200 and body["personen"] == [
        {"naam": {"geslachtsnaam": body["personen"][0]["naam"]["geslachtsnaam"]}}
    ]


def test_an_unknown_bsn_gives_an_empty_list(db):
    status, body = vraag(gedeelde_simulator(), brp_client().verzoek_raadpleeg("999990019"))
    assert (status, body["personen"]) == (200, [])
    assert brp_client().raadpleeg("999990019") is None


@pytest.mark.parametrize(
    "body",
    [
        {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999990019"]},
        {"type": "Onbekend", "burgerservicenummer": ["999990019"], "fields": ["naam"]},
        {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["12345678"],
         "fields": ["naam"]},
        {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999990019"],
         "fields": ["inOnderzoek"]},
        {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999990019"],
         "fields": ["bestaatniet"]},
    ],
)  # fmt: skip
def test_bad_requests_get_problem_json_as_the_contract_says(db, body):
    u, fouten = uitwisseling(gedeelde_simulator(), body)
    assert u.status == 400
    # The request is outside the contract (the validator says so); the answer is inside it.
    assert [f for f in fouten if f.startswith("antwoord")] == [], fouten
    assert u.antwoord_headers["Content-Type"] == "application/problem+json"
    probleem = json.loads(u.antwoord_body)
    assert probleem["status"] == 400 and probleem["detail"]


def test_a_refusal_reaches_the_caller_with_its_reason(db, settings, duo_opname):
    duo_opname.verwacht("verzoek", "burgerservicenummer", "'12345678' does not match")
    client = brp_client()
    with pytest.raises(BrpFout, match="9 cijfers"):
        client.raadpleeg("12345678")


def test_partial_birth_date_is_kept_and_shown_with_zeros(persoon, sim, stuur, client, gem_a):
    from tests.conftest import maak_gebruiker

    notificatie, bsn = persoon
    zet_geboortedatum(sim, bsn, "1987-00-00")
    stuur(notificatie)
    dossier = Dossier.objects.get()
    assert dossier.inburgeraar.geboortedatum is None
    assert dossier.inburgeraar.geboortedatum_onvolledig == "1987-00-00"
    client.force_login(maak_gebruiker("anna_consulent", "consulent", gem_a))
    pagina = client.get(reverse("dossiers:dossier", args=[dossier.uuid])).content.decode()
    assert "00-00-1987" in pagina


def test_brp_down_keeps_the_signal_for_a_retry(persoon, stuur, settings):
    settings.BRP_API_URL = "https://127.0.0.1:9/haalcentraal/api/brp"
    settings.BRP_TIMEOUT = 2
    notificatie, _ = persoon
    stuur(notificatie)
    bericht = InkomendBericht.objects.get()
    assert bericht.status == Status.OPNIEUW
    assert "BRP onbereikbaar" in bericht.laatste_fout
    assert not Dossier.objects.exists()
    with pytest.raises(BrpOnbereikbaar):
        brp_client().raadpleeg(notificatie.body["bsn"])


def test_brp_dates_round_trip():
    for waarde, tekst in [("1991-05-12", "12-05-1991"), ("1987-06-00", "00-06-1987"),
                          ("1987-00-00", "00-00-1987"), ("0000-00-00", "00-00-0000")]:  # fmt: skip
        datum = BrpDatum.uit_opslag(waarde)
        assert datum.opslag == waarde and datum.tekst == tekst
        assert BrpDatum.uit_api(datum.als_api()) == datum
    with pytest.raises(ValueError):
        BrpDatum.uit_api({"type": "Maandag"})
