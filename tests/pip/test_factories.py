"""The PIP builders go through the PIP services."""

from inburgering.dossiers.workflow import Fase
from inburgering.koppelingen.models import Status
from inburgering.pip import services
from inburgering.pip.models import Status as PipStatus
from tests.pip.factories import concept, dossier_klaar, vastgestelde_pip


def test_concept_is_in_orde(gemeente_a, consulent_a):
    versie = concept(dossier_klaar(gemeente_a, consulent_a), consulent_a)
    assert versie.status == PipStatus.CONCEPT
    assert services.controleer(versie).meldingen == []


def test_vastgestelde_pip(gemeente_a, consulent_a):
    dossier = dossier_klaar(gemeente_a, consulent_a)
    vaststelling = vastgestelde_pip(dossier, consulent_a)
    assert dossier.fase == Fase.PIP_VASTGESTELD
    assert vaststelling.versie.status == PipStatus.VASTGESTELD
    assert vaststelling.levering.status == Status.NIEUW
