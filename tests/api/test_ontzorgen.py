"""The ontzorgen payment status (issue 18): a budget manager reads, for the people linked to its
organisation, per fixed cost the newest payment's status and the last month paid, with payee,
IBAN, amount and the bank's reason; a begeleider the status only; a school nothing (403); a
dossier the caller is not involved in 404. The same as the partner page shows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from inburgering.accounts.models import Inzagelog
from inburgering.api.models import Sleutel
from inburgering.dossiers.models import Dossier
from inburgering.ontzorgen import services
from inburgering.ontzorgen.models import Betaling
from inburgering.partners.models import Grond, Organisatiesoort
from inburgering.partners.toegang import GEGEVENS, Gegeven
from tests.api.conftest import Api
from tests.conftest import maak_dossier
from tests.ontzorgen.factories import GELDIG_IBAN, beleid, gestart, mb_organisatie, met_huur
from tests.partners.factories import betrokken, maak_medewerker, maak_organisatie

pytestmark = pytest.mark.django_db

PROBLEEM = "application/problem+json"


@pytest.fixture
def huishouden(gemeente_a, gemeente_b, consulent_a, collega_a, consulent_b):
    """Ontzorgen from January 2026 with the rent paid for February and refused by the bank for
    March; a budget manager, a begeleider and a school involved; a second ontzorging in
    gemeente B with the same budget manager's organisation not linked to it."""
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, actor=consulent_a, kennisgeving=dt.date(2025, 12, 1)
    )
    beleid(gemeente_a)
    budget = maak_organisatie(Organisatiesoort.BUDGETBEHEER, gemeente_a, naam="Budgetbeheer BV")
    ontzorging = gestart(dossier, consulent_a, budgetbeheerder=budget)
    met_huur(ontzorging, consulent_a)
    for maand in (dt.date(2026, 2, 1), dt.date(2026, 3, 1)):
        batch = services.maak_batch(gemeente_a, maand, actor=consulent_a)
        services.keur_batch_goed(batch, collega_a)
    maart = Betaling.objects.get(maand=dt.date(2026, 3, 1))
    services.registreer_weigering(maart, "Rekening opgeheven", consulent_a)
    Dossier.objects.filter(pk=dossier.pk).update(brp_inschrijving_datum=dt.date(2026, 1, 1))
    dossier.refresh_from_db()
    mb = mb_organisatie(gemeente_a)
    services.start_begeleiding(
        dossier, organisatie=mb, begeleider="Sara", aanvang=None, actor=consulent_a
    )
    school = maak_organisatie(Organisatiesoort.TAALAANBIEDER, gemeente_a, naam="Taalschool")
    betrokken(school, dossier, Grond.PLAATSING, bron="plaatsing:1")
    anders = maak_dossier(
        gemeente_b, consulent=consulent_b, actor=consulent_b, kennisgeving=dt.date(2025, 12, 1)
    )
    gestart(anders, consulent_b)
    sleutels = {
        naam: Sleutel.maak(org, "test")[1]
        for naam, org in (("budget", budget), ("mb", mb), ("school", school))
    }
    return {"dossier": dossier, "anders": anders, "sleutels": sleutels, "budget": budget}


def test_budget_manager_reads_the_payment_status_with_payee_iban_and_amount(huishouden):
    api = Api(huishouden["sleutels"]["budget"])
    antwoord = api.get(reverse("api:ontzorgingen"))
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert data["count"] == 1  # not the ontzorging in gemeente B
    [o] = data["results"]
    assert o["dossier"] == str(huishouden["dossier"].uuid)
    assert (o["aanvang"], o["einde"]) == ("2026-01-01", "2026-06-30")
    assert o["persoon"]["achternaam"] == huishouden["dossier"].inburgeraar.geslachtsnaam
    [huur] = o["lasten"]
    assert huur == {
        "soort": "huur",
        "status": "geweigerd",
        "laatsteMaand": "2026-03",
        "betaaldTot": "2026-02",
        "wachtOpGoedkeuring": False,
        "begunstigde": "Woonstichting De Sleutel",
        "iban": GELDIG_IBAN,
        "bedragCent": 65000,
        "reden": "Rekening opgeheven",
    }
    assert huishouden["dossier"].inburgeraar.bsn not in antwoord.content.decode()
    log = Inzagelog.objects.get(dossier=huishouden["dossier"], doel="api")
    assert log.gebruiker.username == f"api-{huishouden['budget'].pk}"
    assert not Inzagelog.objects.filter(dossier=huishouden["anders"]).exists()


def test_one_dossier_and_one_not_linked_is_404(huishouden):
    api = Api(huishouden["sleutels"]["budget"])
    url = reverse("api:ontzorging", kwargs={"uuid": huishouden["dossier"].uuid})
    antwoord = api.get(url)
    assert antwoord.status_code == 200
    assert antwoord.json()["lasten"][0]["betaaldTot"] == "2026-02"
    anders = api.get(reverse("api:ontzorging", kwargs={"uuid": huishouden["anders"].uuid}))
    assert anders.status_code == 404 and anders["Content-Type"] == PROBLEEM
    assert anders.json()["code"] == "niet-gevonden"


def test_begeleider_reads_the_status_without_the_payment_details(huishouden):
    antwoord = Api(huishouden["sleutels"]["mb"]).get(reverse("api:ontzorgingen"))
    assert antwoord.status_code == 200
    [huur] = antwoord.json()["results"][0]["lasten"]
    assert huur["status"] == "geweigerd" and huur["betaaldTot"] == "2026-02"
    assert not {"begunstigde", "iban", "bedragCent", "reden"} & set(huur)
    tekst = antwoord.content.decode()
    assert GELDIG_IBAN not in tekst and "65000" not in tekst and "opgeheven" not in tekst


def test_a_school_may_not_read_ontzorgen(huishouden):
    antwoord = Api(huishouden["sleutels"]["school"]).get(reverse("api:ontzorgingen"))
    assert antwoord.status_code == 403 and antwoord["Content-Type"] == PROBLEEM


@pytest.mark.parametrize("soort", list(Organisatiesoort))
def test_scope_and_fields_follow_the_need_to_know_table(soort, gemeente_a):
    """Generated from the table: a kind gets the endpoint only with ONTZORGEN_STATUS, and the
    payment fields only with ONTZORGEN_BETALING."""
    from inburgering.api.toegang import heeft_scope
    from inburgering.api.views import ontzorging_als_json

    assert heeft_scope(soort, "ontzorgingen:lezen") is (Gegeven.ONTZORGEN_STATUS in GEGEVENS[soort])
    dossier = maak_dossier(gemeente_a, kennisgeving=dt.date(2025, 12, 1))
    ontzorging = gestart(dossier, None)
    regel = services.Lastregel(
        soort="Huur", betaald_tot=None, laatste_status="", kostensoort="huur", iban=GELDIG_IBAN
    )
    [last] = ontzorging_als_json(ontzorging, soort, [regel], dt.date(2026, 2, 1))["lasten"]
    assert ("iban" in last) is (Gegeven.ONTZORGEN_BETALING in GEGEVENS[soort])


def test_the_partner_page_shows_the_same_status(client, huishouden):
    """The budget manager's dossier page (partners, the ontzorgen section) and the API agree."""
    client.force_login(maak_medewerker("bea_budget", huishouden["budget"]))
    html = client.get(
        reverse("partners:dossier", kwargs={"uuid": huishouden["dossier"].uuid})
    ).content.decode()
    assert "Geweigerd door de bank" in html and "02-2026" in html
    assert GELDIG_IBAN in html and "Woonstichting De Sleutel" in html
