"""Decisions due in a fine case appear on the consulent's work queue: after the zienswijze term
(from the day after its last day), after a zienswijze, and for a case left without voornemen."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.handhaving import services as s
from inburgering.werkvoorraad.services import signalen
from tests.handhaving.factories import dossier_met_adres, signaal, tot_voornemen

pytestmark = pytest.mark.django_db


def _handhaving(user, vandaag):
    return [x for x in signalen(user, vandaag) if x.soort == "handhaving"]


def test_the_decision_is_due_from_the_day_after_the_zienswijze_term(gemeente_a, consulent_a):
    dossier = dossier_met_adres(gemeente_a, consulent_a)
    zaak = tot_voornemen(dossier, consulent_a, dagen_geleden=3)
    assert _handhaving(consulent_a, zaak.zienswijze_tot) == []
    (sig,) = _handhaving(consulent_a, zaak.zienswijze_tot + dt.timedelta(days=1))
    assert sig.verlopen and "zienswijzetermijn" in sig.omschrijving
    assert sig.url.endswith("/handhaving/") and sig.etiket == "Handhaving"


def test_a_received_zienswijze_asks_for_a_decision(gemeente_a, consulent_a):
    dossier = dossier_met_adres(gemeente_a, consulent_a)
    zaak = tot_voornemen(dossier, consulent_a, dagen_geleden=3)
    s.registreer_zienswijze(
        zaak, datum=timezone.localdate(), vorm="schriftelijk", inhoud="Ik was ziek.",
        actor=consulent_a,
    )  # fmt: skip
    (sig,) = _handhaving(consulent_a, timezone.localdate())
    assert "Zienswijze ontvangen" in sig.omschrijving


def test_a_case_without_voornemen_after_four_weeks(gemeente_a, consulent_a):
    dossier = dossier_met_adres(gemeente_a, consulent_a)
    zaak = signaal(dossier, consulent_a, dagen_geleden=10)
    vandaag = timezone.localdate()
    assert _handhaving(consulent_a, vandaag) == []
    later = zaak.constatering + dt.timedelta(weeks=4, days=1)
    (sig,) = _handhaving(consulent_a, later)
    assert "nog zonder voornemen" in sig.omschrijving
