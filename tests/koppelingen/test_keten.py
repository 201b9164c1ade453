"""Outbox first, order per resource, pause on a refused identity, Dutch refusal reasons and
held-back deliveries: with faults injected in the in-process DUO simulator (`sim.storing`, a
stand-in speaking DUO's published contract), counting what reached "DUO"."""

import datetime as dt
import logging

import time_machine
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.koppelingen.duo.leveringen import (
    lever_aanbod,
    lever_pip,
    lever_uren,
    lever_zroute,
    opnieuw_controleren,
)
from inburgering.koppelingen.models import DuoPauze, InkomendBericht, Status, UitgaandBericht
from inburgering.koppelingen.outbox import opnieuw_inplannen, verwerk_alles

from .conftest import OIN_A


def _dossier(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    return Dossier.objects.get(inburgeraar__bsn=n.body["bsn"]), n.body["bsn"]


def _later(reis, seconden=3600):
    reis.shift(dt.timedelta(seconds=seconden))
    return verwerk_alles()


def test_duo_plat_bij_vaststelling_levering_toch_bewaard_en_later_eenmaal_verstuurd(
    scenarios, stuur, sim
):
    dossier, bsn = _dossier(scenarios, stuur)
    storing = sim.storing(503, aantal=1000)  # DUO answers nothing but 503, also to lookups
    with time_machine.travel(timezone.now(), tick=False) as reis:
        levering = lever_pip(dossier, dagtekening=timezone.localdate(), leerroute="b1")
        assert levering.status == Status.NIEUW
        verwerk_alles()
        levering.refresh_from_db()
        assert levering.status == Status.OPNIEUW and levering.pogingen == 1
        storing.aantal = 0  # DUO is back
        _later(reis)
        levering.refresh_from_db()
        assert levering.status == Status.VERWERKT
        _later(reis)
    assert sim.ontvangen("POST", "/PIP") == 1
    assert sim.opslag.lees()["personen"][bsn]["pip"]["gemeentecode"] == dossier.gemeente.cbs_code


def test_503_dan_succes_precies_eenmaal_geleverd(scenarios, stuur, sim):
    dossier, _ = _dossier(scenarios, stuur)
    sim.storing(503, methode="POST", pad="/PIP$")
    with time_machine.travel(timezone.now(), tick=False) as reis:
        levering = lever_pip(dossier, dagtekening=timezone.localdate(), leerroute="b1")
        verwerk_alles()
        levering.refresh_from_db()
        assert levering.status == Status.OPNIEUW
        _later(reis)
        _later(reis)
    levering.refresh_from_db()
    assert levering.status == Status.VERWERKT and levering.antwoord_status == 201
    assert sim.ontvangen("POST", "/PIP", geslaagd=False) == 2  # the 503 and the success
    assert sim.ontvangen("POST", "/PIP") == 1


def test_nieuwere_pip_vervangt_oudere_die_nog_niet_verstuurd_is(scenarios, stuur, sim):
    dossier, bsn = _dossier(scenarios, stuur)
    vandaag = timezone.localdate()
    sim.storing(503, methode="POST", pad="/PIP$")
    with time_machine.travel(timezone.now(), tick=False) as reis:
        oud = lever_pip(dossier, dagtekening=vandaag, leerroute="b1", intensiteit=600)
        verwerk_alles()  # version 1 fails temporarily and waits for a retry
        nieuw = lever_pip(dossier, dagtekening=vandaag, leerroute="b1", intensiteit=700)
        oud.refresh_from_db()
        assert oud.status == Status.VERVANGEN
        _later(reis)
        # the beheerder re-queues the old one by hand: still never sent after the newer one
        oud.refresh_from_db()
        opnieuw_inplannen(oud)
        _later(reis)
    oud.refresh_from_db()
    nieuw.refresh_from_db()
    assert (oud.status, nieuw.status) == (Status.VERVANGEN, Status.VERWERKT)
    assert sim.ontvangen("POST", "/PIP") == 1
    assert sim.opslag.lees()["personen"][bsn]["pip"]["pip"]["geschatteIntensiteitB1Route"] == 700


def test_worker_stuurt_alleen_de_nieuwste_van_een_resource(scenarios, stuur, sim):
    """Two pending versions (e.g. written concurrently): only the newest reaches DUO."""
    dossier, _ = _dossier(scenarios, stuur)
    vandaag = timezone.localdate()
    oud = lever_pip(dossier, dagtekening=vandaag, leerroute="b1", intensiteit=600)
    nieuw = lever_pip(dossier, dagtekening=vandaag, leerroute="b1", intensiteit=700)
    UitgaandBericht.objects.filter(pk=oud.pk).update(status=Status.NIEUW)  # as if unseen
    verwerk_alles()
    oud.refresh_from_db()
    nieuw.refresh_from_db()
    assert (oud.status, nieuw.status) == (Status.VERVANGEN, Status.VERWERKT)
    assert sim.ontvangen("POST", "/PIP") == 1


def test_401_pauzeert_alles_tot_de_beheerder_hervat(
    scenarios, stuur, sim, client, beheerder, caplog
):
    dossier, bsn = _dossier(scenarios, stuur)
    sim.storing(401, api_versie=False, methode="POST")  # the gateway refuses our certificate
    eerste = lever_pip(dossier, dagtekening=timezone.localdate(), leerroute="b1")
    tweede = lever_zroute(dossier, datum=timezone.localdate())
    with caplog.at_level(logging.ERROR):
        verwerk_alles()
    eerste.refresh_from_db()
    assert eerste.status == Status.NIEUW and eerste.pogingen == 0  # no attempt burnt
    assert "401" in eerste.laatste_fout
    assert DuoPauze.objects.get().actief
    fouten = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert fouten and all(bsn not in r.getMessage() for r in caplog.records)
    # while paused: nothing goes out, not even the lookups of a new notification
    aantal = len(sim.logboek)
    n = scenarios.termijn_start(bsn, OIN_A)
    stuur(n)
    verwerk_alles()
    assert len(sim.logboek) == aantal
    assert InkomendBericht.objects.get(bericht_id=n.headers["berichtId"]).status == Status.NIEUW
    # the beheer page shows the pause; the beheerder resumes
    client.force_login(beheerder)
    tekst = client.get(reverse("koppelingen:berichten")).content.decode()
    assert "gepauzeerd" in tekst and "401" in tekst
    assert client.post(reverse("koppelingen:hervat")).status_code == 302
    verwerk_alles()
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert (eerste.status, tweede.status) == (Status.VERWERKT, Status.VERWERKT)
    assert sim.ontvangen("POST", "/PIP") == 1 and sim.ontvangen("PUT", "/zroute") == 1
    assert InkomendBericht.objects.get(bericht_id=n.headers["berichtId"]).status == "verwerkt"
    assert not DuoPauze.objects.get().actief


def test_403_van_de_gateway_pauzeert_403_van_de_api_is_een_weigering(scenarios, stuur, sim):
    dossier, _ = _dossier(scenarios, stuur)
    sim.storing(403, methode="POST", pad="/PIP$")  # DUO's API, no body: refuses this message
    levering = lever_pip(dossier, dagtekening=timezone.localdate(), leerroute="b1")
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.GEWEIGERD
    assert levering.laatste_fout == "DUO weigerde het bericht (403) zonder toelichting."
    assert not DuoPauze.objects.filter(actief=True).exists()
    sim.storing(403, api_versie=False, methode="PUT")  # the gateway: OIN not authorised
    # (hours: no rule at send time needs DUO's PIP, which DUO refused above)
    uren = lever_uren(dossier, soort=UitgaandBericht.Soort.UREN_PARTICIPATIE_TAALLES, uren=5)
    verwerk_alles()
    uren.refresh_from_db()
    assert uren.status == Status.NIEUW and DuoPauze.objects.get().actief


def test_400_zonder_body_heeft_een_nederlandse_reden(scenarios, stuur, sim):
    dossier, _ = _dossier(scenarios, stuur)
    lever_pip(dossier, dagtekening=timezone.localdate(), leerroute="z")  # DUO's rule: own PIP
    verwerk_alles()
    sim.storing(400, methode="PUT", pad="/zroute$")
    levering = lever_zroute(dossier, datum=timezone.localdate())
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.GEWEIGERD
    assert levering.laatste_fout == "DUO weigerde het bericht (400) zonder toelichting."


def test_a2_bij_b1_route_in_eerste_pip_wordt_tegengehouden(scenarios, stuur, sim, consulent_a):
    """The dossier already carries this PIP's dagtekening when it is delivered (the decision
    comes first): that must not count as an earlier PIP."""
    dossier, _ = _dossier(scenarios, stuur)
    vandaag = timezone.localdate()
    registreer(dossier, Soort.INTAKE_GESTART, vandaag, actor=consulent_a)
    registreer(dossier, Soort.INTAKE_AFGEROND, vandaag, actor=consulent_a)
    registreer(dossier, Soort.PIP_VASTGESTELD, vandaag, actor=consulent_a,
               gegevens={"leerroute": "b1"})  # fmt: skip
    dossier.refresh_from_db()
    assert dossier.pip_dagtekening == vandaag
    levering = lever_pip(dossier, dagtekening=vandaag, leerroute="b1", niveau="A2")
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.TEGENGEHOUDEN
    assert [b["code"] for b in levering.bevindingen] == ["PIP_A2_B1ROUTE_EERSTE_PIP"]
    assert sim.ontvangen("POST", "/PIP", geslaagd=False) == 0


def test_tegengehouden_zichtbaar_en_opnieuw_controleren(scenarios, stuur, sim, client, beheerder):
    dossier, _ = _dossier(scenarios, stuur)
    vandaag = timezone.localdate()
    aanbod = lever_aanbod(dossier, instellingsnummer="0000012345", datum_aanbod=vandaag,
                          start=None, einde=None)  # fmt: skip
    verwerk_alles()
    aanbod.refresh_from_db()
    assert aanbod.status == Status.TEGENGEHOUDEN
    client.force_login(beheerder)
    tekst = client.get(reverse("koppelingen:berichten")).content.decode()
    assert "AANBOD_GEEN_PIP" in tekst and "De inburgeringsplichtige heeft nog geen PIP." in tekst
    url = reverse("koppelingen:opnieuw-controleren", args=[aanbod.pk])
    client.post(url)  # still no PIP: stays held back
    aanbod.refresh_from_db()
    assert aanbod.status == Status.TEGENGEHOUDEN
    # the dossier is corrected: the PIP is delivered; now the aanbod passes
    lever_pip(dossier, dagtekening=vandaag, leerroute="b1")
    verwerk_alles()
    assert client.post(url).status_code == 302
    aanbod.refresh_from_db()
    assert aanbod.status == Status.NIEUW and aanbod.bevindingen == []
    verwerk_alles()
    aanbod.refresh_from_db()
    assert aanbod.status == Status.VERWERKT
    assert sim.ontvangen("POST", "/Inburgeringsaanbod/0000012345") == 1


def test_beheerpagina_toont_wachtrij_en_tellingen(scenarios, stuur, client, beheerder, consulent_a):
    dossier, _ = _dossier(scenarios, stuur)
    lever_zroute(dossier, datum=timezone.localdate())
    client.force_login(consulent_a)
    assert client.post(reverse("koppelingen:hervat")).status_code == 403
    client.force_login(beheerder)
    pagina = client.get(reverse("koppelingen:berichten"))
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Wachtrij van leveringen aan DUO" in tekst and "Afronding Z-route" in tekst
    assert "niet gepauzeerd" in tekst
    assert ("Wacht op verwerking", 1) in pagina.context["tellingen"]


def test_zroute_en_participatie_uren_eerst_volgens_de_regels(scenarios, stuur, sim):
    """Issue 15: the Z-route completion waits for this gemeente's PIP at DUO (held back, with
    the reason, until the PIP is there); the participation hours reach the simulator, which
    applies the same rule and stores them."""
    dossier, bsn = _dossier(scenarios, stuur)
    vandaag = timezone.localdate()
    zroute = lever_zroute(dossier, datum=vandaag)
    uren = lever_uren(dossier, soort=UitgaandBericht.Soort.UREN_PARTICIPATIE, uren=120)
    verwerk_alles()
    zroute.refresh_from_db()
    uren.refresh_from_db()
    assert zroute.status == Status.TEGENGEHOUDEN
    assert [b["code"] for b in zroute.bevindingen] == ["ZROUTE_GEEN_ACTUELE_PIP"]
    assert sim.ontvangen("PUT", "/zroute") == 0
    assert uren.status == Status.VERWERKT
    opgeslagen = sim.opslag.lees()["personen"][bsn]["uren"][dossier.gemeente.cbs_code]
    assert opgeslagen["ParticipatieactiviteitenBredeIntake"] == {"uren": 120}
    lever_pip(dossier, dagtekening=vandaag, leerroute="z")
    verwerk_alles()
    opnieuw_controleren(zroute)
    verwerk_alles()
    zroute.refresh_from_db()
    assert zroute.status == Status.VERWERKT and sim.ontvangen("PUT", "/zroute") == 1
