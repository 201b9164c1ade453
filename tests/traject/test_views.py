"""The beheer pages (providers, contracts, norm) and the Route tab and hours upload through
HTTP: what is saved, the Dutch messages, nothing half saved."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Inzagelog
from inburgering.traject.models import Aanbieder, Contract, Instelling, Plaatsing, Uren
from tests.conftest import maak_dossier
from tests.traject.factories import (
    geplaatst,
    klaar_voor_plaatsing,
    maak_aanbieder,
    maak_contract,
    maak_indeling,
)

pytestmark = pytest.mark.django_db


def test_beheerder_creates_a_provider_with_location_and_product(client, beheerder):
    client.force_login(beheerder)
    antwoord = client.post(
        reverse("traject:aanbieder_nieuw"),
        {
            "naam": "Taalhuis Noord",
            "kvk_nummer": "1234",
            "instellingsnummer": "",
            "keurmerk": "geen",
        },
    )
    assert antwoord.status_code == 200
    assert "precies 8 cijfers" in antwoord.content.decode()
    assert not Aanbieder.objects.exists()
    antwoord = client.post(
        reverse("traject:aanbieder_nieuw"),
        {
            "naam": "Taalhuis Noord",
            "kvk_nummer": "12345678",
            "instellingsnummer": "0000012345",
            "keurmerk": "blik_op_werk",
            "actief": "on",
        },
    )
    aanbieder = Aanbieder.objects.get()
    assert antwoord.status_code == 302
    url = reverse("traject:aanbieder", kwargs={"pk": aanbieder.pk})
    client.post(
        url,
        {
            "actie": "locatie",
            "locatie-naam": "Centrum",
            "locatie-adres": "Plein 1",
            "locatie-postcode": "3511ab",
            "locatie-plaats": "Utrecht",
        },
    )
    locatie = aanbieder.locaties.get()
    assert locatie.postcode == "3511AB"
    antwoord = client.post(
        url,
        {
            "actie": "product",
            "product-soort": "b1",
            "product-naam": "B1 dagtraject",
            "product-locatie": locatie.pk,
            "product-uren_per_week": "61",
        },
    )
    assert "Hoogstens 60 uur per week" in antwoord.content.decode()
    client.post(
        url,
        {
            "actie": "product",
            "product-soort": "b1",
            "product-naam": "B1 dagtraject",
            "product-locatie": locatie.pk,
            "product-uren_per_week": "12",
        },
    )
    assert aanbieder.producten.get().locatie == locatie
    pagina = client.get(reverse("traject:aanbieders")).content.decode()
    assert "Taalhuis Noord" in pagina and "0000012345" in pagina


def test_a_duplicate_kvk_number_gets_a_message(client, beheerder):
    bestaand = maak_aanbieder()
    client.force_login(beheerder)
    antwoord = client.post(
        reverse("traject:aanbieder_nieuw"),
        {
            "naam": "Ander",
            "kvk_nummer": bestaand.kvk_nummer,
            "keurmerk": "geen",
        },
    )
    assert "al een aanbieder met dit KvK-nummer" in antwoord.content.decode()


def _contractdata(gemeente, product, **extra):
    vandaag = timezone.localdate()
    data = {
        "gemeente": gemeente.pk,
        "product": product.pk,
        "kenmerk": "INK-2025-01",
        "begin": vandaag.isoformat(),
        "einde": (vandaag + dt.timedelta(days=365)).isoformat(),
        "prijs_per_uur": "15.00",
        "capaciteit": "20",
        "max_wachttijd_weken": "8",
        "aanwezigheid_melden": "on",
        "startmomenten_tekst": f"{vandaag + dt.timedelta(days=30):%d-%m-%Y}",
    }
    data.update(extra)
    return data


def test_beheerder_creates_and_edits_a_contract(client, beheerder, gemeente_a, gemeente_b):
    product = maak_contract(gemeente_a).product
    client.force_login(beheerder)
    url = reverse("traject:contract_nieuw")
    antwoord = client.post(url, _contractdata(gemeente_a, product, prijs_per_product="900"))
    assert "precies één van beide" in antwoord.content.decode()
    antwoord = client.post(url, _contractdata(gemeente_a, product, startmomenten_tekst="morgen"))
    assert "is geen datum" in antwoord.content.decode()
    antwoord = client.post(
        url, _contractdata(gemeente_a, product, startmomenten_tekst="01-01-2000")
    )
    assert "buiten de looptijd" in antwoord.content.decode()
    antwoord = client.post(url, _contractdata(gemeente_b, product))  # not the beheerder's
    assert antwoord.status_code == 200
    assert not Contract.objects.filter(kenmerk="INK-2025-01").exists()
    assert client.post(url, _contractdata(gemeente_a, product)).status_code == 302
    contract = Contract.objects.get(kenmerk="INK-2025-01")
    assert len(contract.startmomenten) == 1
    bewerk = reverse("traject:contract", kwargs={"pk": contract.pk})
    client.post(bewerk, _contractdata(gemeente_a, product, capaciteit="25"))
    contract.refresh_from_db()
    assert contract.capaciteit == 25
    vreemd = maak_contract(gemeente_b)
    assert client.get(reverse("traject:contract", kwargs={"pk": vreemd.pk})).status_code == 404
    assert "INK-2025-01" in client.get(reverse("traject:contracten")).content.decode()


def test_beheerder_sets_the_attendance_norm(client, beheerder, gemeente_a):
    client.force_login(beheerder)
    url = reverse("traject:instellingen")
    antwoord = client.post(url, {"gemeente": gemeente_a.pk, "aanwezigheidsnorm": "101"})
    assert "hoogstens 100%" in antwoord.content.decode()
    client.post(url, {"gemeente": gemeente_a.pk, "aanwezigheidsnorm": "75"})
    assert Instelling.objects.get(gemeente=gemeente_a).aanwezigheidsnorm == 75


def test_consulent_places_moves_on_and_enters_hours_on_the_route_tab(
    client, gemeente_a, consulent_a
):
    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a)
    contract = maak_contract(gemeente_a)
    client.force_login(consulent_a)
    url = reverse("traject:route", kwargs={"uuid": dossier.uuid})
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "past bij het PIP" in pagina.content.decode()
    assert Inzagelog.objects.filter(dossier=dossier, doel="route").exists()
    vandaag = timezone.localdate()
    antwoord = client.post(
        url,
        {
            "actie": "plaatsen",
            "plaatsen-contract": contract.pk,
            "plaatsen-aangemeld_op": (vandaag - dt.timedelta(60)).isoformat(),
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    plaatsing = Plaatsing.objects.get(dossier=dossier)
    antwoord = client.post(
        url,
        {
            "actie": "status",
            "status-plaatsing": plaatsing.pk,
            "status-status": "uitgevallen",
            "status-datum": vandaag.isoformat(),
        },
    )
    assert antwoord.status_code == 400
    assert "kan niet van" in antwoord.content.decode()
    client.post(
        url,
        {
            "actie": "status",
            "status-plaatsing": plaatsing.pk,
            "status-status": "gestart",
            "status-datum": (vandaag - dt.timedelta(50)).isoformat(),
        },
    )
    plaatsing.refresh_from_db()
    assert plaatsing.status == "gestart"
    begin = (vandaag.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    antwoord = client.post(
        url,
        {
            "actie": "uren",
            "uren-plaatsing": plaatsing.pk,
            "uren-periodesoort": "maand",
            "uren-periode_begin": begin.isoformat(),
            "uren-aangeboden": "-1",
            "uren-aanwezig": "3",
        },
    )
    assert "niet negatief" in antwoord.content.decode()
    client.post(
        url,
        {
            "actie": "uren",
            "uren-plaatsing": plaatsing.pk,
            "uren-periodesoort": "maand",
            "uren-periode_begin": begin.isoformat(),
            "uren-aangeboden": "48",
            "uren-aanwezig": "40,5",
        },
    )
    assert Uren.objects.get().aanwezig == 40.5
    pagina = client.get(url).content.decode()
    assert "Gestart" in pagina and f"{begin:%Y-%m}" in pagina


def test_the_route_tab_of_another_gemeente_is_404(client, gemeente_b, consulent_a, consulent_b):
    dossier = klaar_voor_plaatsing(gemeente_b, consulent_b)
    client.force_login(consulent_a)
    assert client.get(reverse("traject:route", kwargs={"uuid": dossier.uuid})).status_code == 404


def test_upload_with_an_error_row_shows_the_row_and_saves_nothing(client, gemeente_a, consulent_a):
    aanbieder = maak_aanbieder()
    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a, dagen_geleden=200)
    vandaag = timezone.localdate()
    plaatsing = geplaatst(
        dossier,
        maak_contract(gemeente_a, aanbieder),
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(120),
        gestart_op=vandaag - dt.timedelta(100),
    )
    indeling = maak_indeling(aanbieder)
    begin = (vandaag.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    einde = vandaag.replace(day=1) - dt.timedelta(days=1)
    eerder = (begin - dt.timedelta(days=1)).replace(day=1)
    bsn = dossier.inburgeraar.bsn
    inhoud = (
        f"BSN;Van;Tot;Aangeboden;Aanwezig;Correctie\n"
        f"{bsn};{begin};{einde};40;30;\n{bsn};{eerder};{begin - dt.timedelta(1)};300;30;\n"
    ).encode()
    client.force_login(consulent_a)
    url = reverse("traject:upload")
    antwoord = client.post(
        url, {"indeling": indeling.pk, "bestand": SimpleUploadedFile("uren.csv", inhoud)}
    )
    html = antwoord.content.decode()
    assert "60 uur per week" in html and '<td class="utrecht-table__cell">3</td>' in html
    assert not Uren.objects.exists()
    antwoord = client.post(
        url, {"indeling": 10**9, "bestand": SimpleUploadedFile("uren.csv", inhoud)}
    )
    assert "Onbekende bestandsindeling" in antwoord.content.decode()
    client.post(
        url,
        {
            "indeling": indeling.pk,
            "alleen_geldige": "on",
            "bestand": SimpleUploadedFile("uren.csv", inhoud),
        },
    )
    assert Uren.objects.get().plaatsing == plaatsing


def test_other_roles_cannot_manage_providers(client, consulent_a):
    client.force_login(consulent_a)
    assert client.get(reverse("traject:aanbieders")).status_code == 403


def test_caseload_filters_of_the_route(client, gemeente_a, consulent_a):
    vandaag = timezone.localdate()
    wacht = klaar_voor_plaatsing(gemeente_a, consulent_a)
    verzuim = klaar_voor_plaatsing(gemeente_a, consulent_a)
    geen_uren = klaar_voor_plaatsing(gemeente_a, consulent_a)
    geplaatst(
        wacht,
        maak_contract(gemeente_a, norm_weken=2),
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(days=15),
    )
    contract = maak_contract(gemeente_a)
    p = geplaatst(
        verzuim,
        contract,
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(days=60),
        gestart_op=vandaag - dt.timedelta(days=50),
    )
    from inburgering.traject import uren

    for i in range(4):
        uren.registreer_uren(
            p,
            periodesoort="week",
            periode_begin=vandaag - dt.timedelta(days=27 - 7 * i),
            aangeboden=12,
            aanwezig=6,
        )
    geplaatst(
        geen_uren,
        contract,
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(days=60),
        gestart_op=vandaag - dt.timedelta(days=50),
    )
    client.force_login(consulent_a)

    def namen(signaal):
        antwoord = client.get(reverse("dossiers:caseload"), {"route": signaal, "scope": "mijn"})
        return {r.pk for r in antwoord.context["rijen"]}

    assert namen("wachten") == {wacht.pk}
    assert namen("verzuim") == {verzuim.pk}
    assert namen("geen_uren") == {geen_uren.pk}
    assert len(namen("")) >= 3


def test_caseload_filter_termijn_ends_within_six_months_and_still_open(
    client, gemeente_a, consulent_a
):
    from tests.monitoring.helpers import traject

    vandaag = timezone.localdate()
    # Wi art. 7: the termijn runs three years from the first PIP's dagtekening (day 30 here).
    bijna = traject(gemeente_a, vandaag - dt.timedelta(days=3 * 365 - 120 + 30), pip=30,
                    consulent=consulent_a)  # fmt: skip
    ruim = traject(gemeente_a, vandaag - dt.timedelta(days=365), pip=30, consulent=consulent_a)
    zonder_pip = maak_dossier(gemeente_a, consulent=consulent_a)
    client.force_login(consulent_a)
    antwoord = client.get(reverse("dossiers:caseload"), {"route": "termijn", "scope": "mijn"})
    gevonden = {r.pk for r in antwoord.context["rijen"]}
    assert gevonden == {bijna.pk}
    assert not gevonden & {ruim.pk, zonder_pip.pk}
    assert "Termijn eindigt binnen 6 maanden" in antwoord.content.decode()
