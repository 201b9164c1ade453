"""The intake builders record what the intake pages record."""

import datetime as dt

from inburgering.dossiers.workflow import Fase, Soort
from inburgering.intake.models import Briefsoort
from tests.conftest import maak_dossier
from tests.intake.factories import contact, eerste_oproep, intake_gesprek, rond_intake_af

START = dt.date(2026, 3, 2)


def test_contact_oproep_en_gesprek(gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, kennisgeving=START)
    contact(dossier, consulent_a, datum=START + dt.timedelta(days=1))
    brief = eerste_oproep(dossier, consulent_a, datum=START + dt.timedelta(days=2))
    assert brief.soort == Briefsoort.UITNODIGING_INTAKE
    intake_gesprek(dossier, consulent_a, datum=START + dt.timedelta(days=10))
    assert dossier.fase == Fase.BREDE_INTAKE
    assert {Soort.CONTACT, Soort.INTAKE_GESTART} <= set(
        dossier.events.values_list("soort", flat=True)
    )


def test_rond_intake_af(gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, kennisgeving=START)
    dossier = rond_intake_af(dossier, consulent_a, datum=START + dt.timedelta(days=5))
    assert dossier.fase == Fase.PIP_IN_VOORBEREIDING
