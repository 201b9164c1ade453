"""Messages to citizens through the outbox: written with their cause, in the person's
language, without personal details, sent through the gateway (stand-in), retried."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.intake.afspraken import plan_afspraak
from inburgering.portaal import berichten
from inburgering.portaal.models import Berichtstatus, Portaalbericht, Portaalprofiel, StandinBericht
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db


class OnbereikbareGateway:
    """An SMS/e-mail provider that is down (an external partner, not our code)."""

    def verstuur(self, **kwargs):
        raise berichten.Gatewayfout("503 from provider")


@pytest.fixture
def portaalgebruiker(gemeente_a, consulent_a):
    dossier = maak_dossier(
        gemeente_a,
        consulent=consulent_a,
        actor=consulent_a,
        telefoon="0612345678",
        email="amal@voorbeeld.nl",
    )
    Portaalprofiel.objects.create(inburgeraar=dossier.inburgeraar, taal="ar")
    return dossier


def test_nieuwe_afspraak_zet_berichten_klaar_zonder_persoonsgegevens(portaalgebruiker, consulent_a):
    afspraak = plan_afspraak(
        portaalgebruiker,
        medewerker=consulent_a,
        soort="intake",
        vorm="op_locatie",
        begin=timezone.now() + dt.timedelta(days=5),
        locatie="Stadskantoor",
    )
    rijen = Portaalbericht.objects.filter(sleutel__startswith=f"gewijzigd:afspraak:{afspraak.pk}")
    assert sorted(r.kanaal for r in rijen) == ["email", "sms"]
    persoon = portaalgebruiker.inburgeraar
    for rij in rijen:
        assert rij.taal == "ar"
        for geheim in (persoon.voornamen, persoon.geslachtsnaam, persoon.bsn, "Stadskantoor"):
            assert geheim not in rij.tekst and geheim not in rij.onderwerp
        assert "Mijn inburgering" in rij.tekst  # the portal's name stays as it is


def test_geen_berichten_aan_wie_het_portaal_nooit_gebruikte(gemeente_a, consulent_a):
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, actor=consulent_a, email="x@voorbeeld.nl"
    )
    plan_afspraak(
        dossier,
        medewerker=consulent_a,
        soort="intake",
        vorm="telefoon",
        begin=timezone.now() + dt.timedelta(days=5),
    )
    assert not Portaalbericht.objects.exists()


def test_herinnering_op_het_herinneringsmoment_eenmalig(portaalgebruiker, consulent_a):
    morgen = plan_afspraak(
        portaalgebruiker,
        medewerker=consulent_a,
        soort="intake",
        vorm="telefoon",
        begin=timezone.now() + dt.timedelta(days=1),
        herinnering_dagen=1,
    )
    later = plan_afspraak(
        portaalgebruiker,
        medewerker=consulent_a,
        soort="intake",
        vorm="telefoon",
        begin=timezone.now() + dt.timedelta(days=10),
        herinnering_dagen=1,
    )
    assert berichten.zet_herinneringen_klaar() == 2  # e-mail and SMS for tomorrow's only
    assert berichten.zet_herinneringen_klaar() == 2  # idempotent: the same two rows
    sleutels = set(
        Portaalbericht.objects.filter(soort="herinnering").values_list("sleutel", flat=True)
    )
    assert sleutels == {f"herinnering:{morgen.pk}:email", f"herinnering:{morgen.pk}:sms"}
    assert later.pk not in {int(s.split(":")[1]) for s in sleutels}


def test_versturen_via_de_stand_in(portaalgebruiker, consulent_a):
    plan_afspraak(
        portaalgebruiker,
        medewerker=consulent_a,
        soort="intake",
        vorm="telefoon",
        begin=timezone.now() + dt.timedelta(days=5),
    )
    assert berichten.verstuur_ronde() == (2, 0)
    assert StandinBericht.objects.count() == 2
    assert set(StandinBericht.objects.values_list("adres", flat=True)) == {
        "0612345678",
        "amal@voorbeeld.nl",
    }
    assert not Portaalbericht.objects.exclude(status=Berichtstatus.VERZONDEN).exists()
    assert berichten.verstuur_ronde() == (0, 0)


def test_storing_bij_de_gateway_opnieuw_en_dan_mislukt(portaalgebruiker, consulent_a, settings):
    settings.PORTAAL_BERICHTEN_GATEWAY = "tests.portaal.test_berichten.OnbereikbareGateway"
    settings.PORTAAL_BERICHTEN_MAX_POGINGEN = 2
    plan_afspraak(
        portaalgebruiker,
        medewerker=consulent_a,
        soort="intake",
        vorm="telefoon",
        begin=timezone.now() + dt.timedelta(days=5),
    )
    assert berichten.verstuur_ronde() == (0, 0)
    assert set(Portaalbericht.objects.values_list("status", "pogingen")) == {("wachtend", 1)}
    assert berichten.verstuur_ronde() == (0, 2)
    assert set(Portaalbericht.objects.values_list("status", flat=True)) == {"mislukt"}
