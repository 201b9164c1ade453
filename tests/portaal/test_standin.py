"""The stand-in broker's citizens: the demo persons the command offers, and the BSN claim."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.bsn import elfproef
from inburgering.dossiers.models import Inburgeraar
from inburgering.intake.afspraken import plan_afspraak
from inburgering.koppelingen.management.commands.oidc_standin import demo_burgers
from inburgering.koppelingen.oidc_standin import burger
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db


def test_demopersonen_met_afspraak_eerst_en_een_zonder_dossier(gemeente_a, consulent_a):
    zonder_afspraak = maak_dossier(gemeente_a, consulent=consulent_a)
    met_afspraak = maak_dossier(gemeente_a, consulent=consulent_a)
    maak_dossier(gemeente_a)  # no consulent: not offered
    plan_afspraak(
        met_afspraak,
        medewerker=consulent_a,
        soort="intake",
        vorm="telefoon",
        begin=timezone.now() + dt.timedelta(days=2),
    )
    burgers = demo_burgers(2)
    bsns = [b.claims["bsn"] for b in burgers]
    assert bsns[:2] == [met_afspraak.inburgeraar.bsn, zonder_afspraak.inburgeraar.bsn]
    laatste = bsns[2]
    assert elfproef(laatste) and not Inburgeraar.objects.filter(bsn=laatste).exists()
    assert burgers[2].claims["name"] == "Zonder Dossier"


def test_burger_heeft_een_pseudoniem_sub_zonder_bsn():
    b = burger("999999990", "Test")
    assert "999999990" not in b.sub and b.sub.startswith("burger-")
    assert b.claims["bsn"] == "999999990"


def test_demopersonen_met_een_boetebrief(gemeente_a, consulent_a, settings):
    """Among the demo persons one who received a fine letter, even when others come first:
    the portal's letters page then shows that kind too."""
    from tests.handhaving.factories import dossier_met_adres, tot_voornemen

    eerst = [maak_dossier(gemeente_a, consulent=consulent_a) for _ in range(3)]
    for dossier in eerst:
        plan_afspraak(
            dossier,
            medewerker=consulent_a,
            soort="intake",
            vorm="telefoon",
            begin=timezone.now() + dt.timedelta(days=2),
        )
    beboet = dossier_met_adres(gemeente_a, consulent_a)
    tot_voornemen(beboet, consulent_a)
    bsns = [b.claims["bsn"] for b in demo_burgers(3)]
    assert len(bsns) == 4  # three persons and the one without a dossier
    assert beboet.inburgeraar.bsn in bsns[:3]
    assert bsns[:2] == [d.inburgeraar.bsn for d in eerst[:2]]
