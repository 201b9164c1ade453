"""Test data builders for the exams app, through the real services: a dossier with a vastgesteld
PIP whose person DUO (the simulator) knows, DUO's exam results delivered as SS199 notifications to
our endpoint and processed by the worker, and payments through `examens.services`.

Needs the in-memory simulator and the notification token (tests/examens/conftest.py).
"""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from inburgering.dossiers.models import Dossier
from inburgering.examens import services
from inburgering.examens.models import ExamenBetaling
from inburgering.koppelingen.duo import client as duo_client
from inburgering.koppelingen.duo.simulator import Scenarios
from inburgering.koppelingen.outbox import verwerk_alles
from tests.koppelingen.conftest import post_notificatie
from tests.pip.factories import dossier_klaar, vastgestelde_pip

__all__ = ["betaling", "dossier_met_pip", "examenresultaat"]


def _scenarios() -> Scenarios:
    return Scenarios(duo_client.gedeelde_simulator())


def dossier_met_pip(gemeente, consulent, *, pip: dict | None = None, **route) -> Dossier:
    """A dossier whose PIP is vastgesteld (route from `route`, PIP fields from `pip`) and whose
    person the DUO simulator knows under the same BSN (without delivering its SS101)."""
    dossier = dossier_klaar(gemeente, consulent, **route)
    vastgestelde_pip(dossier, consulent, **(pip or {}))
    _scenarios().nieuwe_statushouder(gemeente.oin, bsn=dossier.inburgeraar.bsn)
    dossier.refresh_from_db()
    return dossier


def examenresultaat(
    dossier: Dossier,
    onderdeel: str,
    resultaat: str = "Geslaagd",
    *,
    examendatum: dt.date | None = None,
    niveau: str = "B1",
    reden_geen_resultaat: str = "",
) -> None:
    """DUO knows a result and sends SS199; our endpoint and worker record it on the dossier."""
    notificatie = _scenarios().examenresultaat(
        dossier.inburgeraar.bsn,
        dossier.gemeente.oin,
        onderdeel=onderdeel,
        resultaat=resultaat,
        examendatum=examendatum,
        niveau=niveau,
        reden_geen_resultaat=reden_geen_resultaat,
    )
    antwoord = post_notificatie(Client(), notificatie.headers, notificatie.body)
    assert antwoord.status_code == 201, antwoord.content
    verwerk_alles()


def betaling(
    dossier: Dossier,
    actor,
    onderdeel: str = "KNM",
    bedrag_cents: int = 5000,
    *,
    datum: dt.date | None = None,
    factuurreferentie: str = "",
) -> ExamenBetaling:
    nummer = ExamenBetaling.objects.count() + 1
    return services.registreer_betaling(
        dossier,
        onderdeel=onderdeel,
        bedrag_cents=bedrag_cents,
        datum=datum or timezone.localdate(),
        factuurreferentie=factuurreferentie or f"F-2026-{nummer:04d}",
        actor=actor,
    )
