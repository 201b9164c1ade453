"""The work queue: four-eyes approvals, today's appointments, signals and handling them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.workflow import Soort
from inburgering.werkvoorraad import services
from inburgering.werkvoorraad.models import AfgehandeldBericht
from tests.conftest import maak_dossier
from tests.pip.factories import dossier_klaar

from .factories import afspraak_vandaag, attentiesignaal, onbekende_melding, ter_goedkeuring

pytestmark = pytest.mark.django_db


def test_wacht_op_goedkeuring_alleen_voor_een_ander(
    gemeente_a, consulent_a, collega_a, consulent_b
):
    dossier = dossier_klaar(gemeente_a, consulent_a)
    versie = ter_goedkeuring(dossier, consulent_a)
    assert list(services.wacht_op_goedkeuring(collega_a)) == [versie]
    assert list(services.wacht_op_goedkeuring(consulent_a)) == []  # drafted it: four eyes
    assert list(services.wacht_op_goedkeuring(consulent_b)) == []  # another gemeente


def test_goedgekeurd_verlaat_de_lijst(
    gemeente_a, consulent_a, collega_a, django_capture_on_commit_callbacks
):
    from inburgering.pip import services as pip_services

    dossier = dossier_klaar(gemeente_a, consulent_a)
    versie = ter_goedkeuring(dossier, consulent_a)
    assert services.tellingen(collega_a).goedkeuring == 1
    with django_capture_on_commit_callbacks(execute=True):
        pip_services.keur_goed(versie, gezien_versie=versie.versie, actor=collega_a)
    assert services.tellingen(collega_a).goedkeuring == 0  # the cached count was renewed


def test_afspraken_vandaag(gemeente_a, consulent_a, collega_a, dossier_a):
    vandaag = afspraak_vandaag(dossier_a, collega_a)
    morgen = afspraak_vandaag(dossier_a, collega_a)
    morgen.begin += dt.timedelta(days=1)
    morgen.save()
    ander = maak_dossier(gemeente_a, consulent=collega_a, actor=collega_a)
    afspraak_vandaag(ander, collega_a)
    assert list(services.afspraken_vandaag(consulent_a)) == [vandaag]  # own dossier
    assert len(services.afspraken_vandaag(collega_a)) == 2  # with the collega
    assert services.tellingen(consulent_a).afspraken == 1


def test_signalen_duo_deadline_en_onbekende_melding(gemeente_a, consulent_a, collega_a):
    vandaag = timezone.localdate()
    # A kennisgeving 9 weeks ago: the PIP deadline (10 weeks) is near.
    krap = maak_dossier(
        gemeente_a, consulent=consulent_a, actor=consulent_a,
        kennisgeving=vandaag - dt.timedelta(weeks=9),
    )  # fmt: skip
    ruim = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a, kennisgeving=vandaag)
    attentiesignaal(ruim)
    melding = onbekende_melding(gemeente_a)
    soorten = {(s.soort, s.dossier and s.dossier.pk) for s in services.signalen(consulent_a)}
    assert soorten == {("deadline", krap.pk), ("duo", ruim.pk), ("bericht", None)}
    # The attention signal is the consulent's; the unknown notification is the gemeente's.
    assert [s.soort for s in services.signalen(collega_a)] == ["bericht"]
    assert services.tellingen(consulent_a).signalen == 3
    assert melding.pk


def test_afhandelen_schrijft_een_feit_en_verlaat_de_lijst(
    gemeente_a, consulent_a, django_capture_on_commit_callbacks
):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    event = attentiesignaal(dossier)
    assert services.tellingen(consulent_a).signalen == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.handel_af(consulent_a, dossier, f"event:{event.pk}", "Gebeld, PIP volgt.")
    feit = dossier.events.get(soort=Soort.SIGNAAL_AFGEHANDELD)
    assert feit.gegevens["sleutel"] == f"event:{event.pk}"
    assert feit.actor == consulent_a and feit.toelichting == "Gebeld, PIP volgt."
    assert services.signalen(consulent_a) == []
    assert services.tellingen(consulent_a).signalen == 0
    with pytest.raises(services.Werkvoorraadfout):
        services.handel_af(consulent_a, dossier, f"event:{event.pk}")  # not twice
    with pytest.raises(services.Werkvoorraadfout):
        services.handel_af(consulent_a, dossier, "event:999999")


def test_afgehandelde_deadline_komt_terug_als_de_datum_verschuift(gemeente_a, consulent_a):
    vandaag = timezone.localdate()
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, actor=consulent_a,
        kennisgeving=vandaag - dt.timedelta(weeks=11),
    )  # fmt: skip
    [signaal] = services.signalen(consulent_a)
    assert signaal.verlopen
    services.handel_af(consulent_a, dossier, signaal.sleutel)
    assert services.signalen(consulent_a) == []
    dossier.pip_deadline -= dt.timedelta(days=1)  # as if a new fact moved the deadline
    dossier.save(update_fields=["pip_deadline"])
    assert [s.soort for s in services.signalen(consulent_a)] == ["deadline"]


def test_onbekende_melding_afhandelen(gemeente_a, consulent_a, consulent_b):
    melding = onbekende_melding(gemeente_a)
    with pytest.raises(services.Werkvoorraadfout):
        services.handel_bericht_af(consulent_b, melding.pk)  # another gemeente
    services.handel_bericht_af(consulent_a, melding.pk, "Bij DUO nagevraagd.")
    afhandeling = AfgehandeldBericht.objects.get()
    assert afhandeling.door == consulent_a and afhandeling.bericht == melding
    assert services.signalen(consulent_a) == []


def test_paginas_en_tellers_in_de_navigatie(client, gemeente_a, consulent_a, collega_a):
    dossier = dossier_klaar(gemeente_a, consulent_a)
    ter_goedkeuring(dossier, consulent_a)
    afspraak_vandaag(dossier, consulent_a)
    client.force_login(collega_a)
    html = client.get(reverse("werkvoorraad:goedkeuring")).content.decode()
    assert 'data-teller="goedkeuring">1<' in html
    assert reverse("pip:pip", kwargs={"uuid": dossier.uuid}) in html
    client.force_login(consulent_a)
    html = client.get(reverse("dossiers:caseload")).content.decode()
    assert 'data-teller="goedkeuring">0<' in html and 'data-teller="afspraken">1<' in html
    html = client.get(reverse("werkvoorraad:afspraken")).content.decode()
    assert dossier.inburgeraar.naam in html


def test_signaal_afhandelen_via_de_pagina(client, gemeente_a, consulent_a, consulent_b):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    event = attentiesignaal(dossier, "SS142", "Opleiding beëindigd")
    client.force_login(consulent_a)
    html = client.get(reverse("werkvoorraad:signalen")).content.decode()
    assert "SS142 Opleiding beëindigd" in html and 'data-teller="signalen">1<' in html
    url = reverse("werkvoorraad:signaal_afhandelen", kwargs={"uuid": dossier.uuid})
    client.force_login(consulent_b)
    assert client.post(url, {"sleutel": f"event:{event.pk}"}).status_code == 404
    client.force_login(consulent_a)
    antwoord = client.post(url, {"sleutel": f"event:{event.pk}", "toelichting": "Gebeld."})
    assert antwoord.status_code == 302
    html = client.get(antwoord.url).content.decode()
    assert "Het signaal is afgehandeld" in html and "Er staan geen signalen open." in html
    tijdlijn = client.get(reverse("dossiers:dossier", kwargs={"uuid": dossier.uuid}))
    assert "Signaal afgehandeld" in tijdlijn.content.decode()
    antwoord = client.post(url, {"sleutel": "event:1", "toelichting": "x\x00"})
    assert dossier.events.filter(soort=Soort.SIGNAAL_AFGEHANDELD).count() == 1


def test_melding_afhandelen_via_de_pagina(client, gemeente_a, consulent_a):
    melding = onbekende_melding(gemeente_a)
    client.force_login(consulent_a)
    assert "XY42" in client.get(reverse("werkvoorraad:signalen")).content.decode()
    url = reverse("werkvoorraad:bericht_afhandelen", kwargs={"pk": melding.pk})
    html = client.post(url, {"toelichting": ""}, follow=True).content.decode()
    assert "De melding van DUO is afgehandeld." in html
    assert AfgehandeldBericht.objects.filter(bericht=melding).exists()
    html = client.post(url, {}, follow=True).content.decode()
    assert "staat niet (meer) open" in html
