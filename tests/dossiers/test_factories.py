"""The dossier builders go through the services: the projection matches the fold."""

import datetime as dt

from inburgering.dossiers.services import herbereken
from inburgering.dossiers.workflow import Fase
from tests.dossiers.factories import Nieuw, Soort, maak_dossier, met_stappen


def test_maak_dossier_en_stappen(gemeente_a, consulent_a):
    start = dt.date(2026, 3, 2)
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, kennisgeving=start)
    assert dossier.fase == Fase.GESIGNALEERD
    eerder = dossier.events.count()
    dossier = met_stappen(
        dossier,
        Nieuw(Soort.HUISVESTING, start + dt.timedelta(days=3)),
        Nieuw(Soort.CONTACT, start + dt.timedelta(days=4), {"kanaal": "telefoon"}),
        actor=consulent_a,
    )
    assert dossier.fase == Fase.GEHUISVEST
    assert dossier.events.count() == eerder + 2
    herbereken(dossier)
    dossier.refresh_from_db()
    assert dossier.fase == Fase.GEHUISVEST and dossier.consulent == consulent_a
