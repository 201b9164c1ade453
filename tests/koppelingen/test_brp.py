"""The BRP client and its simulator against RvIG's published contract (BRP API Personen 2.7.0 in
shared/reference/brp): the request we build, every answer the simulator gives (also errors and
partial dates), and a new dossier from a DUO signal with a partial birth date."""

import json
import os
from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker

from inburgering.dossiers.models import Dossier
from inburgering.koppelingen.brp.client import (
    BrpFout,
    BrpOnbereikbaar,
    brp_client,
    gedeelde_simulator,
)
from inburgering.koppelingen.brp.datum import BrpDatum
from inburgering.koppelingen.models import InkomendBericht, Status

from .conftest import OIN_A

REPO = Path(__file__).resolve().parents[2]
SPEC = Path(
    os.environ.get("BRP_SPEC", REPO.parent / "shared" / "reference" / "brp" / "openapi.yaml")
)
DOCUMENT = yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def fouten(schema_naam: str, data) -> list[str]:
    schema = {"$ref": f"#/components/schemas/{schema_naam}", "components": DOCUMENT["components"]}
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]


def vraag(simulator, body) -> tuple[int, dict]:
    antwoord = simulator.verwerk("POST", "/personen", {}, json.dumps(body).encode())
    return antwoord.status, json.loads(antwoord.inhoud)


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
    assert fouten("RaadpleegMetBurgerservicenummer", body) == []
    assert body["fields"] and "burgerservicenummer" in body["fields"]


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
    assert status == 200
    assert fouten("RaadpleegMetBurgerservicenummerResponse", body) == []
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
    status, probleem = vraag(gedeelde_simulator(), body)
    assert status == 400
    assert fouten("Foutbericht", probleem) == []
    assert probleem["status"] == 400 and probleem["detail"]


def test_a_refusal_reaches_the_caller_with_its_reason(db, settings):
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
