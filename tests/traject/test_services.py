"""Placement: from the vastgesteld PIP, capacity and start moments, every step an event on the
dossier, the aanbod to DUO (and its withdrawal), completion deliveries, waiting time."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from inburgering.dossiers.workflow import Fase, Soort
from inburgering.koppelingen.models import Status, UitgaandBericht
from inburgering.koppelingen.outbox import verwerk_alles
from inburgering.statusmachine import Statusfout
from inburgering.traject import services
from inburgering.traject.models import Aanbieder, Contract
from tests.conftest import maak_dossier
from tests.traject.factories import (
    geplaatst,
    klaar_voor_plaatsing,
    maak_aanbieder,
    maak_contract,
)

pytestmark = pytest.mark.django_db
S = UitgaandBericht.Soort


@pytest.fixture
def dossier(gemeente_a, consulent_a):
    return klaar_voor_plaatsing(gemeente_a, consulent_a)


def test_contract_needs_exactly_one_price_and_a_valid_period(gemeente_a):
    contract = maak_contract(gemeente_a)
    contract.prijs_per_product = 1000
    with pytest.raises(ValidationError, match="precies één"):
        services.bewaar(contract)
    contract.prijs_per_product = None
    contract.einde = contract.begin - dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="vóór de ingangsdatum"):
        services.bewaar(contract)


def test_kvk_and_institution_number_are_validated():
    with pytest.raises(ValidationError, match="8 cijfers"):
        services.bewaar(Aanbieder(naam="X", kvk_nummer="1234", instellingsnummer="0000012345"))
    with pytest.raises(ValidationError, match="10 cijfers"):
        maak_aanbieder(instellingsnummer="12345")


def test_the_choice_is_prefilled_from_the_pip(dossier, gemeente_a):
    vandaag = timezone.localdate()
    b1 = maak_contract(gemeente_a, soort="b1", startmomenten=[vandaag + dt.timedelta(days=20)])
    maak_contract(gemeente_a, soort="z")
    keuzes = services.keuzes(dossier, vandaag)
    assert keuzes[0].contract == b1 and keuzes[0].past_bij_pip
    assert keuzes[0].volgende_start == vandaag + dt.timedelta(days=20)
    assert not keuzes[1].past_bij_pip
    assert services.voorstel(dossier).productsoort == "b1"


def test_placing_records_the_events_moves_the_phase_and_delivers_the_aanbod(
    dossier, gemeente_a, consulent_a
):
    contract = maak_contract(gemeente_a)
    plaatsing = geplaatst(dossier, contract, consulent_a)
    assert plaatsing.status == "aangemeld"
    soorten = list(dossier.events.order_by("pk").values_list("soort", flat=True))
    assert soorten[-2:] == [Soort.PLAATSING, Soort.AANGEMELD_LEERROUTE]
    assert dossier.fase == Fase.WACHT_OP_START
    aanbod = UitgaandBericht.objects.get(dossier=dossier, soort=S.AANBOD)
    assert aanbod.pad.endswith("/Inburgeringsaanbod/0000012345")
    assert aanbod.methode == "POST"
    assert aanbod.inhoud["datumInburgeringsaanbod"] == timezone.localdate().isoformat()


def test_the_aanbod_reaches_the_simulator(dossier, gemeente_a, consulent_a):
    geplaatst(dossier, maak_contract(gemeente_a), consulent_a)
    verwerk_alles()
    aanbod = UitgaandBericht.objects.get(dossier=dossier, soort=S.AANBOD)
    # The worker asked DUO (this person has no inburgeringsplicht at the simulator): the
    # delivery is final and DUO's reason is kept for the dossier's Route tab.
    assert aanbod.status in (Status.VERWERKT, Status.TEGENGEHOUDEN, Status.GEWEIGERD)
    assert aanbod.status == Status.VERWERKT or aanbod.laatste_fout


def test_no_placement_without_a_vastgesteld_pip(gemeente_a, consulent_a):
    kaal = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    with pytest.raises(services.TrajectFout, match="PIP is vastgesteld"):
        services.plaats(kaal, maak_contract(gemeente_a), aangemeld_op=timezone.localdate())


def test_a_full_contract_refuses(gemeente_a, consulent_a):
    contract = maak_contract(gemeente_a, capaciteit=1)
    geplaatst(klaar_voor_plaatsing(gemeente_a, consulent_a), contract, consulent_a)
    tweede = klaar_voor_plaatsing(gemeente_a, consulent_a)
    with pytest.raises(services.TrajectFout, match="vol"):
        services.plaats(tweede, contract, aangemeld_op=timezone.localdate())
    assert not tweede.plaatsingen.exists()
    assert not tweede.events.filter(soort=Soort.PLAATSING).exists()


def test_another_gemeentes_contract_is_refused(dossier, gemeente_b):
    with pytest.raises(services.TrajectFout, match="gemeente"):
        services.plaats(dossier, maak_contract(gemeente_b), aangemeld_op=timezone.localdate())


def test_the_steps_and_the_refused_step(dossier, gemeente_a, consulent_a):
    vandaag = timezone.localdate()
    plaatsing = geplaatst(
        dossier,
        maak_contract(gemeente_a),
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(days=30),
    )
    services.wijzig_status(plaatsing, "intake", datum=vandaag - dt.timedelta(days=20))
    services.wijzig_status(plaatsing, "gestart", datum=vandaag - dt.timedelta(days=10))
    dossier.refresh_from_db()
    assert dossier.fase == Fase.IN_LEERROUTE
    with pytest.raises(Statusfout):
        services.wijzig_status(plaatsing, "intake", datum=vandaag)
    with pytest.raises(services.TrajectFout, match="reden"):
        services.wijzig_status(plaatsing, "uitgevallen", datum=vandaag)
    plaatsing = services.wijzig_status(plaatsing, "uitgevallen", datum=vandaag, reden="Verhuisd")
    assert plaatsing.beeindigd_op == vandaag
    stappen = dossier.events.filter(soort=Soort.PLAATSING).order_by("pk")
    assert [e.gegevens["status"] for e in stappen] == [
        "aangemeld",
        "intake",
        "gestart",
        "uitgevallen",
    ]
    assert stappen.last().gegevens["reden"] == "Verhuisd"


def test_cancelling_withdraws_the_aanbod(dossier, gemeente_a, consulent_a):
    plaatsing = geplaatst(dossier, maak_contract(gemeente_a), consulent_a)
    services.wijzig_status(plaatsing, "geannuleerd", datum=timezone.localdate(), reden="Ziek")
    aanbod = UitgaandBericht.objects.filter(dossier=dossier, soort=S.AANBOD).order_by("pk")
    assert [(a.methode, a.status) for a in aanbod] == [
        ("POST", Status.VERVANGEN),
        ("DELETE", Status.NIEUW),
    ]
    verwerk_alles()
    assert aanbod.last().status != Status.MISLUKT


def test_waiting_time_against_the_norm(dossier, gemeente_a, consulent_a):
    vandaag = timezone.localdate()
    plaatsing = geplaatst(
        dossier,
        maak_contract(gemeente_a, norm_weken=2),
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(days=15),
    )
    assert services.wachttijd(plaatsing, vandaag).waarde.boven_norm
    assert not services.wachttijd(plaatsing, vandaag - dt.timedelta(days=1)).waarde.boven_norm


def test_dates_in_the_future_or_outside_the_contract_are_refused(dossier, gemeente_a):
    contract = maak_contract(gemeente_a)
    with pytest.raises(services.TrajectFout, match="toekomst"):
        services.plaats(dossier, contract, aangemeld_op=timezone.localdate() + dt.timedelta(1))
    Contract.objects.filter(pk=contract.pk).update(begin=timezone.localdate())
    contract.refresh_from_db()
    with pytest.raises(services.TrajectFout, match="looptijd"):
        services.plaats(dossier, contract, aangemeld_op=timezone.localdate() - dt.timedelta(1))
