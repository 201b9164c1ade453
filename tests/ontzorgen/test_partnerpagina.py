"""The shared status on a partner's dossier page: the begeleider sees that the rent is paid,
not the payee, IBAN or amount; the budget manager sees those too (partners/secties.py with the
need-to-know table)."""

import datetime as dt

import pytest
from django.urls import reverse

from inburgering.dossiers.models import Dossier
from inburgering.ontzorgen import services
from inburgering.partners.models import Organisatiesoort
from tests.ontzorgen.factories import GELDIG_IBAN, gestart, mb_organisatie, met_huur
from tests.partners.factories import maak_medewerker, maak_organisatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def huishouden(dossier_a, consulent_a, gemeente_a):
    budget = maak_organisatie(Organisatiesoort.BUDGETBEHEER, gemeente_a, naam="Budgetbeheer BV")
    ontzorging = gestart(dossier_a, consulent_a, budgetbeheerder=budget)
    met_huur(ontzorging, consulent_a)
    mb = mb_organisatie(gemeente_a)
    # The projection's BRP date, as the other MB tests set it (an event would need a history).
    Dossier.objects.filter(pk=dossier_a.pk).update(brp_inschrijving_datum=dt.date(2026, 1, 1))
    dossier_a.refresh_from_db()
    services.start_begeleiding(
        dossier_a, organisatie=mb, begeleider="Sara", aanvang=None, actor=consulent_a
    )
    return dossier_a, budget, mb


def _pagina(client, gebruiker, dossier) -> str:
    client.force_login(gebruiker)
    antwoord = client.get(reverse("partners:dossier", kwargs={"uuid": dossier.uuid}))
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def test_begeleider_sees_the_status_not_the_payment_details(client, huishouden):
    dossier, _budget, mb = huishouden
    html = _pagina(client, maak_medewerker("sara_mb", mb), dossier)
    assert "Status ontzorgen en begeleiding" in html and "Huur" in html
    assert GELDIG_IBAN not in html and "Woonstichting De Sleutel" not in html
    assert "650" not in html  # the amount


def test_budget_manager_sees_payee_iban_and_amount(client, huishouden):
    dossier, budget, _mb = huishouden
    html = _pagina(client, maak_medewerker("bea_budget", budget), dossier)
    assert "Status ontzorgen en begeleiding" in html
    assert GELDIG_IBAN in html and "Woonstichting De Sleutel" in html
