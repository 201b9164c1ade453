"""A world for the API: a language school with a placement in gemeente A, an MB organisation
and the COA involved in the same dossier, a dossier in gemeente B nobody here may see, and an
API key per organisation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from inburgering.api.models import Sleutel
from inburgering.koppelingen.duo import client as duo_client
from inburgering.partners.models import Grond
from tests.partners.factories import betrokken, maak_organisatie
from tests.traject import factories as traject


@pytest.fixture(autouse=True)
def duo_in_geheugen(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    yield
    duo_client._simulator.cache_clear()


class Api:
    """A client that sends the organisation's key on every request."""

    def __init__(self, sleutel: str | None):
        self.client = Client()
        self.kop = {"HTTP_AUTHORIZATION": f"Bearer {sleutel}"} if sleutel else {}

    def get(self, url, **extra):
        return self.client.get(url, **self.kop, **extra)

    def post(self, url, data=None, *, ruw: bytes | str | None = None, **extra):
        import json

        inhoud = ruw if ruw is not None else json.dumps(data)
        return self.client.post(
            url, inhoud, content_type=extra.pop("content_type", "application/json"),
            **self.kop, **extra,
        )  # fmt: skip


@pytest.fixture
def wereld(gemeente_a, gemeente_b, consulent_a, consulent_b):
    vandaag = timezone.localdate()
    school = maak_organisatie("taalaanbieder", gemeente_a, naam="Taalschool Noord")
    school.aanbieder = traject.maak_aanbieder("Taalschool Noord")
    school.save()
    contract = traject.maak_contract(gemeente_a, school.aanbieder)
    dossier = traject.klaar_voor_plaatsing(gemeente_a, consulent_a)
    plaatsing = traject.geplaatst(
        dossier, contract, consulent_a, gestart_op=vandaag - dt.timedelta(days=120),
        aangemeld_op=vandaag - dt.timedelta(days=150),
    )  # fmt: skip
    betrokken(school, dossier, Grond.PLAATSING, bron=f"plaatsing:{plaatsing.pk}",
              begin=vandaag - dt.timedelta(days=150))  # fmt: skip
    # A second placement with the same school in gemeente B: the school does not work there.
    contract_b = traject.maak_contract(gemeente_b, school.aanbieder)
    dossier_b = traject.klaar_voor_plaatsing(gemeente_b, consulent_b)
    plaatsing_b = traject.geplaatst(dossier_b, contract_b, consulent_b)
    # A dossier in A where the school has a placement but no involvement (ended).
    mb = maak_organisatie("begeleiding", gemeente_a, naam="Vluchtelingenwerk")
    betrokken(mb, dossier, Grond.BEGELEIDING, bron="mb:1", begin=vandaag - dt.timedelta(days=10))
    coa = maak_organisatie("coa", gemeente_a, naam="COA", oin="00000001003214345999")
    betrokken(coa, dossier, Grond.COA_OVERDRACHT, bron="coa:1",
              begin=vandaag - dt.timedelta(days=10))  # fmt: skip
    budget = maak_organisatie("budgetbeheer", gemeente_a, naam="Budgetbeheer BV")
    betrokken(budget, dossier, Grond.ONTZORGEN, bron="ontzorgen:1",
              begin=vandaag - dt.timedelta(days=10))  # fmt: skip
    sleutels = {}
    for naam, org in (("school", school), ("mb", mb), ("coa", coa), ("budget", budget)):
        _rij, sleutels[naam] = Sleutel.maak(org, "test")
    return {
        "school": school,
        "mb": mb,
        "coa": coa,
        "budget": budget,
        "dossier": dossier,
        "plaatsing": plaatsing,
        "dossier_b": dossier_b,
        "plaatsing_b": plaatsing_b,
        "sleutels": sleutels,
        "contract": contract,
    }


@pytest.fixture
def school_api(wereld):
    return Api(wereld["sleutels"]["school"])


@pytest.fixture
def mb_api(wereld):
    return Api(wereld["sleutels"]["mb"])


@pytest.fixture
def coa_api(wereld):
    return Api(wereld["sleutels"]["coa"])
