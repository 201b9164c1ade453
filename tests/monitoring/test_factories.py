"""The monitoring builders: a dossier with milestones has its projection row."""

import datetime as dt

from tests.monitoring.factories import Indicator, doelstelling, mijlpalen_van, traject

START = dt.date(2025, 1, 6)


def test_traject_en_mijlpalen(gemeente_a):
    dossier = traject(gemeente_a, START, contact=3, intake=10, lbt=(31, 12), pip=40)
    rij = mijlpalen_van(dossier)
    assert rij.kennisgeving == START
    assert rij.intake == START + dt.timedelta(days=10)
    assert rij.pip == START + dt.timedelta(days=40) and rij.lbt_score == 31


def test_doelstelling(gemeente_a):
    doel = doelstelling(gemeente_a, Indicator.VOLDAAN_3J, 60)
    doel.full_clean()
    assert gemeente_a.doelstellingen.get() == doel
