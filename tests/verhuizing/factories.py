"""Test data builders for the move, through the real services: a dossier with everything that
travels (PIP set, placement with hours, exam payment, letters, contacts), and its transfer."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.verhuizing import services
from tests.conftest import maak_dossier
from tests.pip.factories import dossier_klaar, vastgestelde_pip
from tests.traject.factories import geplaatst, maak_aanbieder, maak_contract, met_uren


def dossier_met_alles(gemeente, consulent, *, pip=True):
    """A dossier 200 days old: intake done, (optionally) a PIP set, placed with hours, contacts
    with free text, a note. Without `pip` only the intake and contacts."""
    vandaag = timezone.localdate()
    dossier = dossier_klaar(gemeente, consulent, dagen_geleden=200)
    if pip:
        vastgestelde_pip(dossier, consulent, dagtekening=vandaag - dt.timedelta(days=190))
        contract = maak_contract(gemeente, maak_aanbieder())
        plaatsing = geplaatst(
            dossier,
            contract,
            consulent,
            aangemeld_op=vandaag - dt.timedelta(days=150),
            gestart_op=vandaag - dt.timedelta(days=120),
        )
        eerste = (vandaag - dt.timedelta(days=100)).replace(day=1)
        met_uren(plaatsing, consulent, [(eerste, 40, 36)])
    registreer(
        dossier,
        Soort.CONTACT,
        vandaag - dt.timedelta(days=30),
        actor=consulent,
        gegevens={"kanaal": "telefoon"},
        toelichting="Belt over kinderopvang.",
    )
    registreer(
        dossier,
        Soort.NOTITIE,
        vandaag - dt.timedelta(days=20),
        actor=consulent,
        gegevens={"onderwerp": "Privé"},
        toelichting="Vrije tekst die niet mee mag.",
    )
    dossier.refresh_from_db()
    return dossier


def verhuisd(dossier, naar, actor, *, dagen_geleden=3):
    return services.start_overdracht(
        dossier,
        naar_gemeente=naar,
        inschrijving=timezone.localdate() - dt.timedelta(days=dagen_geleden),
        actor=actor,
    )


__all__ = ["dossier_met_alles", "maak_dossier", "verhuisd"]
