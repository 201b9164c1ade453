"""The demo's parent who reads their minor daughter's dossier in the portal (ADR 0039), made
through the services, and offered first by the stand-in broker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.accounts.models import Configuratiewijziging, GemeenteConfiguratie
from inburgering.demo.portaalgezin import demo_ouders, maak_portaalgezin
from inburgering.dossiers.workflow import Soort
from inburgering.intake.afspraken import plan_afspraak
from inburgering.koppelingen.management.commands.oidc_standin import demo_burgers
from inburgering.portaal.gezin import kinddossiers, minderjarig
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db


def test_demo_ouder_met_minderjarig_kind(gemeente_a, consulent_a, beheerder):
    ouder = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    plan_afspraak(
        ouder,
        medewerker=consulent_a,
        soort="intake",
        vorm="telefoon",
        begin=timezone.now() + dt.timedelta(days=2),
    )
    andere = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)

    kind = maak_portaalgezin(gemeente_a.cbs_code)
    assert kind is not None
    assert GemeenteConfiguratie.objects.get(gemeente=gemeente_a).portaal_kinderen
    assert Configuratiewijziging.objects.filter(gemeente=gemeente_a, actor=beheerder).exists()
    assert ouder.events.filter(soort=Soort.PERSOONSGEGEVENS_GEWIJZIGD).exists()
    assert minderjarig(kind.inburgeraar.geboortedatum, timezone.localdate())
    assert kind.afspraken.exists() and kind.consulent == consulent_a
    assert kinddossiers(ouder) == [kind]
    assert demo_ouders() == [ouder.inburgeraar]
    assert maak_portaalgezin(gemeente_a.cbs_code) is None  # once

    bsns = [b.claims["bsn"] for b in demo_burgers(3)]
    assert bsns[0] == ouder.inburgeraar.bsn
    assert andere.inburgeraar.bsn in bsns
    assert kind.inburgeraar.bsn not in bsns
