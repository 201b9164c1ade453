"""Retries with exponential backoff, the beheer page and the retry button."""

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.models import Dossier
from inburgering.koppelingen.models import InkomendBericht, Status
from inburgering.koppelingen.outbox import verwerk_alles

from ..conftest import volgend_test_bsn
from .conftest import OIN_A


def test_backoff_dan_mislukt_dan_zichtbaar_en_opnieuw(
    scenarios, stuur, client, beheerder, consulent_a, sim
):
    bsn = volgend_test_bsn()  # DUO does not know this person (yet): the fetch gives 404
    start = timezone.now()
    with time_machine.travel(start, tick=False) as reis:
        stuur(scenarios.notificatie("SS101", bsn, OIN_A))
        bericht = InkomendBericht.objects.get()
        assert bericht.status == Status.OPNIEUW and bericht.pogingen == 1
        assert bericht.volgende_poging_op == start + dt.timedelta(seconds=30)
        assert "inburgeringsplicht" in bericht.laatste_fout
        assert verwerk_alles().mislukt == 0  # not due yet
        for pogingen, wacht in ((2, 60), (3, 120)):
            reis.shift(dt.timedelta(seconds=wacht // 2 + 1))
            verwerk_alles()
            bericht.refresh_from_db()
            assert bericht.pogingen == pogingen
            assert bericht.volgende_poging_op == timezone.now() + dt.timedelta(seconds=wacht)
        reis.shift(dt.timedelta(seconds=121))
        verwerk_alles()
        bericht.refresh_from_db()
        assert bericht.status == Status.MISLUKT and bericht.pogingen == 4
        reis.shift(dt.timedelta(days=1))
        assert verwerk_alles().mislukt == 0  # stays, nothing lost, no more attempts

    client.force_login(consulent_a)
    assert client.get(reverse("koppelingen:berichten")).status_code == 403
    client.force_login(beheerder)
    pagina = client.get(reverse("koppelingen:berichten"))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "SS101" in tekst and str(bericht.bericht_id) in tekst
    assert bsn not in tekst  # masked

    # DUO now knows the person; the beheerder retries and the dossier is created
    scenarios.nieuwe_statushouder(OIN_A, bsn=bsn)
    antwoord = client.post(reverse("koppelingen:opnieuw", args=["inkomend", bericht.pk]))
    assert antwoord.status_code == 302
    verwerk_alles()
    bericht.refresh_from_db()
    assert bericht.status == Status.VERWERKT
    assert Dossier.objects.filter(inburgeraar__bsn=bsn).count() == 1


def test_opnieuw_alleen_voor_beheerder_en_binnen_scope(client, consulent_a, beheerder, gem_a):
    bericht = InkomendBericht.objects.create(
        bericht_id="6f1c1d2e-0000-4000-8000-000000000001", bron_oin="0" * 20, doel_oin=OIN_A,
        gebeurtenis_id="SS101", registratie_datumtijd=timezone.now(), gemeente=gem_a,
        status=Status.MISLUKT,
    )  # fmt: skip
    url = reverse("koppelingen:opnieuw", args=["inkomend", bericht.pk])
    client.force_login(consulent_a)
    assert client.post(url).status_code == 403
    client.force_login(beheerder)
    assert client.get(url).status_code == 405
    assert client.post(reverse("koppelingen:opnieuw", args=["onbekend", 1])).status_code == 404
    client.post(url)
    bericht.refresh_from_db()
    assert bericht.status == Status.OPNIEUW and bericht.pogingen == 0
