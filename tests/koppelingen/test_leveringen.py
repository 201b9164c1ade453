"""Deliveries to DUO: checked with the rules first, then sent by the worker; DUO's answer kept."""

import datetime as dt
import io

import time_machine
from django.template import Context, Template
from django.utils import timezone

from inburgering.dossiers.deadlines import vestiging_bij_gemeente
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import DossierToestand
from inburgering.dossiers.workflow import Soort
from inburgering.koppelingen.duo.afstemming import afstemmen
from inburgering.koppelingen.duo.client import DuoClient, HttpsTransport
from inburgering.koppelingen.duo.leveringen import (
    lever_aanbod,
    lever_map,
    lever_pip,
    lever_uren,
    lever_zroute,
)
from inburgering.koppelingen.models import Status
from inburgering.koppelingen.outbox import verwerk_alles

from .conftest import OIN_A


def _dossier(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    return Dossier.objects.get(inburgeraar__bsn=n.body["bsn"]), n.body["bsn"]


def test_pip_geleverd_en_door_duo_geregistreerd(scenarios, stuur, sim):
    dossier, bsn = _dossier(scenarios, stuur)
    levering = lever_pip(dossier, dagtekening=timezone.localdate(), leerroute="b1",
                         intensiteit=600)  # fmt: skip
    assert levering.status == Status.NIEUW and levering.bevindingen == []
    assert sim.opslag.lees()["personen"][bsn]["pip"] is None  # not yet: the worker sends it
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.VERWERKT and levering.antwoord_status == 201
    pip = sim.opslag.lees()["personen"][bsn]["pip"]
    assert pip["gemeentecode"] == dossier.gemeente.cbs_code
    assert pip["pip"]["niveau"] == "B1"  # DUO's default for the B1-route


def test_pip_die_duo_zou_weigeren_wordt_tegengehouden(scenarios, stuur, sim):
    dossier, bsn = _dossier(scenarios, stuur)
    levering = lever_pip(dossier, dagtekening=timezone.localdate() - dt.timedelta(days=3),
                         leerroute="z", niveau="B1", intensiteit=100)  # fmt: skip
    assert levering.status == Status.NIEUW  # outbox first; DUO's rules at send time
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.TEGENGEHOUDEN
    codes = {b["code"] for b in levering.bevindingen}
    assert {"PIP_B1_ZROUTE", "PIP_INTENSITEIT_ALLEEN_B1ROUTE", "PIP_VOOR_START_PLICHT"} <= codes
    assert sim.opslag.lees()["personen"][bsn]["pip"] is None  # never sent
    assert sim.ontvangen("POST", "/PIP", geslaagd=False) == 0


def test_pip_niet_tegengehouden_na_een_later_adres_in_de_gemeente(scenarios, stuur, sim):
    """DUO M2M README, "Het aanleveren van een PIP", Datum dagtekening: "De datum dagtekening
    mag niet voor de vestiging van de inburgeraar bij de gemeente liggen." DUO reads the
    registration in the gemeente (BRP `datumInschrijvingInGemeente`), not the current address:
    a PIP set after the person settled stays deliverable when a later address in the same
    gemeente is recorded before the worker sends it (issue 20). The check used the current
    BRP date and held it back."""
    with time_machine.travel(timezone.now() - dt.timedelta(days=30), tick=False) as reis:
        dossier, bsn = _dossier(scenarios, stuur)
        dag0 = timezone.localdate()
        reis.shift(dt.timedelta(days=1))
        registreer(dossier, Soort.HUISVESTING, dag0 + dt.timedelta(days=1))
        registreer(dossier, Soort.INTAKE_GESTART, dag0 + dt.timedelta(days=1))
        reis.shift(dt.timedelta(days=4))
        levering = lever_pip(dossier, dagtekening=dag0 + dt.timedelta(days=5), leerroute="b1")
    registreer(dossier, Soort.HUISVESTING, dag0 + dt.timedelta(days=20))  # another address
    dossier.refresh_from_db()
    assert dossier.brp_inschrijving_datum > dt.date.fromisoformat(levering.inhoud["dagtekeningPip"])
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.bevindingen == [] and levering.status == Status.VERWERKT
    pip = sim.opslag.lees()["personen"][bsn]["pip"]["pip"]
    assert pip["dagtekeningPip"] == (dag0 + dt.timedelta(days=5)).isoformat()


def test_vestiging_bij_de_gemeente_is_de_eerste_inschrijving_in_de_gemeente():
    """The date of that rule: the first BRP registration in the gemeente, after a move the new
    gemeente's; not the COA koppeling and not a later address."""
    d = dt.date(2026, 3, 1)
    toestand = DossierToestand(koppeling_datum=d, kennisgeving_datum=d)
    assert vestiging_bij_gemeente(toestand) is None  # in the azc: not settled yet
    toestand.eerste_brp_inschrijving_datum = d + dt.timedelta(days=10)
    toestand.brp_inschrijving_datum = d + dt.timedelta(days=40)  # a later address
    assert vestiging_bij_gemeente(toestand) == d + dt.timedelta(days=10)
    toestand.vestiging_datum = d + dt.timedelta(days=60)  # moved: the new gemeente's
    assert vestiging_bij_gemeente(toestand) == d + dt.timedelta(days=60)


def test_duo_weigering_wordt_bewaard_niet_herhaald(scenarios, stuur, sim):
    dossier, _ = _dossier(scenarios, stuur)
    # DUO knows more than our check: it answers 403 with its Foutmelding array
    tekst = "De dagtekening ligt voor de start van de inburgeringsplicht."
    sim.storing(403, [{"fouttekst": tekst}], methode="POST", pad="/PIP$")
    levering = lever_pip(dossier, dagtekening=timezone.localdate(), leerroute="b1")
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.GEWEIGERD and levering.antwoord_status == 403
    assert levering.antwoord["fouten"] == [tekst] and levering.laatste_fout == tekst
    verwerk_alles()
    assert sim.ontvangen("POST", "/PIP", geslaagd=False) == 1  # not repeated
    html = Template("{% load duo %}{% duo_sectie dossier %}").render(Context({"dossier": dossier}))
    assert "Geweigerd door DUO" in html and "start van de inburgeringsplicht" in html


def test_tijdelijke_storing_wordt_herhaald(scenarios, stuur, settings):
    dossier, _ = _dossier(scenarios, stuur)
    levering = lever_zroute(dossier, datum=timezone.localdate())
    settings.DUO_BASE_URL = "https://127.0.0.1:9/v1"  # nothing listens there
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.OPNIEUW and levering.pogingen == 1
    assert "DuoOnbereikbaar" in levering.laatste_fout


def test_map_zonder_termijn_en_aanbod_zonder_pip_tegengehouden(scenarios, stuur):
    dossier, _ = _dossier(scenarios, stuur)
    m = lever_map(dossier, datum=timezone.localdate())
    a = lever_aanbod(dossier, instellingsnummer="0000012345", datum_aanbod=timezone.localdate(),
                     start=None, einde=None)  # fmt: skip
    verwerk_alles()
    m.refresh_from_db()
    a.refresh_from_db()
    assert m.status == Status.TEGENGEHOUDEN
    assert a.status == Status.TEGENGEHOUDEN
    assert "AANBOD_GEEN_PIP" in {b["code"] for b in a.bevindingen}
    u = lever_uren(dossier, soort="uren_taalles_knm", uren=10000)
    assert u.status == Status.TEGENGEHOUDEN and u.bevindingen[0]["code"] == "SCHEMA"


def test_map_na_pip_en_termijn_wordt_geaccepteerd(scenarios, stuur, sim):
    dossier, bsn = _dossier(scenarios, stuur)
    lever_pip(dossier, dagtekening=timezone.localdate(), leerroute="b1")
    verwerk_alles()
    stuur(scenarios.termijn_start(bsn, OIN_A))
    levering = lever_map(dossier, datum=timezone.localdate())
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.VERWERKT
    assert sim.opslag.lees()["personen"][bsn]["map"]["datumEindgesprekMap"]


def test_digikoppeling_headers_en_mtls_configuratie(tmp_path):
    client = DuoClient("00000001001234567000", transport=object(), base_url="https://x/v1",
                       doel_oin="00000001003214345000")  # fmt: skip
    h = client.headers()
    assert h["bron"] == "00000001001234567000" and h["doel"] == "00000001003214345000"
    assert len(h["berichtId"]) == 36
    try:
        HttpsTransport(cert=str(tmp_path / "ontbreekt.pem"))
    except FileNotFoundError as fout:
        assert "certificaat" in str(fout)
    else:
        raise AssertionError("a missing certificate must be refused")


def test_afstemming(scenarios, stuur, sim, consulent_a):
    dossier, bsn = _dossier(scenarios, stuur)
    vandaag = timezone.localdate()
    # Before the PIP the doelgroep is what DUO is asked (one question per dossier).
    with sim.opslag.transactie() as staat:
        staat["personen"][bsn]["doelgroep"]["indeling"] = "Gezinsmigrant en overige migrant"
    rapport = afstemmen(dossier.gemeente)
    assert [b.onderwerp for b in rapport.bevindingen] == ["doelgroep"]
    assert (rapport.aantal_dossiers, rapport.aantal_vragen) == (1, 1)
    registreer(dossier, Soort.INTAKE_GESTART, vandaag, actor=consulent_a)
    registreer(dossier, Soort.INTAKE_AFGEROND, vandaag, actor=consulent_a)
    registreer(dossier, Soort.PIP_VASTGESTELD, vandaag, actor=consulent_a,
               gegevens={"leerroute": "b1"})  # fmt: skip
    rapport = afstemmen(dossier.gemeente)
    onderwerpen = {b.onderwerp for b in rapport.bevindingen}
    assert {"pip_niet_geleverd", "pip"} <= onderwerpen
    assert rapport.van("pip")[0].duo == "geen PIP"
    assert rapport.aantal_vragen == 1  # with a PIP: DUO's PIP only
    # after delivering the PIP those two findings disappear
    lever_pip(dossier, dagtekening=vandaag, leerroute="b1")
    verwerk_alles()
    onderwerpen = {b.onderwerp for b in afstemmen(dossier.gemeente).bevindingen}
    assert "pip_niet_geleverd" not in onderwerpen and "pip" not in onderwerpen


def test_afstemming_vraagt_duo_een_ding_per_dossier_als_alles_klopt(scenarios, stuur):
    """The common case (DUO and we agree): one question per dossier, whatever its phase."""
    stuur(scenarios.golf(OIN_A, 5))
    dossiers = list(Dossier.objects.all())
    met_pip = dossiers[0]
    for soort in (Soort.INTAKE_GESTART, Soort.INTAKE_AFGEROND):
        registreer(met_pip, soort, timezone.localdate())
    registreer(met_pip, Soort.PIP_VASTGESTELD, timezone.localdate(), gegevens={"leerroute": "b1"})
    lever_pip(met_pip, dagtekening=timezone.localdate(), leerroute="b1")
    verwerk_alles()
    rapport = afstemmen(met_pip.gemeente)
    assert rapport.bevindingen == []
    assert (rapport.aantal_dossiers, rapport.aantal_vragen) == (5, 5)


def test_afstemming_op_de_achtergrond_en_door_de_planner(scenarios, stuur, gem_a, sim):
    from django.core.management import call_command

    from inburgering.koppelingen.duo import afstemming
    from inburgering.koppelingen.models import Afstemmingsrun

    stuur(scenarios.golf(OIN_A, 2))
    run = afstemming.start(gem_a)
    assert afstemming.start(gem_a) == run  # one at a time per gemeente
    assert run.status == "wachtend" and afstemming.verwerk_wachtende() == 1
    run.refresh_from_db()
    assert (run.status, run.aantal_dossiers, run.aantal_vragen) == ("klaar", 2, 2)
    assert afstemming.voer_uit(run.pk) is False  # never twice
    uit = io.StringIO()
    call_command("afstemmen", "--gemeente", gem_a.cbs_code, stdout=uit)
    assert "2 dossiers, 2 vragen aan DUO, 0 bevindingen" in uit.getvalue()
    assert Afstemmingsrun.objects.filter(gemeente=gem_a, status="klaar").count() == 2


def test_afstemming_wacht_zolang_duo_gepauzeerd_is(scenarios, stuur, gem_a, sim, beheerder):
    from inburgering.koppelingen.duo import afstemming
    from inburgering.koppelingen.pauze import hervat, pauzeer

    stuur(scenarios.golf(OIN_A, 1))
    pauzeer("401 van DUO")
    afstemming.start(gem_a)
    aanroepen = sim.aanroepen
    assert afstemming.verwerk_wachtende() == 0 and sim.aanroepen == aanroepen
    hervat(beheerder)
    assert afstemming.verwerk_wachtende() == 1


def test_zonder_oin_als_afzender_blijft_de_levering_staan(scenarios, stuur, sim, settings):
    """No OIN for `bron` (the gemeente has none, DUO_AFNEMER_OIN is empty): nothing leaves with
    an empty header; the delivery is kept with a clear reason and goes once the OIN is set."""
    dossier, _ = _dossier(scenarios, stuur)
    gemeente = dossier.gemeente
    settings.DUO_AFNEMER_OIN = ""
    gemeente.oin = ""
    gemeente.save(update_fields=["oin"])
    voor = sim.ontvangen("POST", "/PIP", geslaagd=False)
    levering = lever_pip(dossier, dagtekening=timezone.localdate(), leerroute="b1")
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.OPNIEUW and levering.pogingen == 1
    assert "Geen OIN als afzender" in levering.laatste_fout
    assert sim.ontvangen("POST", "/PIP", geslaagd=False) == voor
    gemeente.oin = OIN_A
    gemeente.save(update_fields=["oin"])
    levering.volgende_poging_op = timezone.now()
    levering.save(update_fields=["volgende_poging_op"])
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.VERWERKT, levering.bevindingen
    assert sim.ontvangen("POST", "/PIP") == voor + 1
