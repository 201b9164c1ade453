"""The demo hook: DUO (the simulator) reports results for B1 dossiers with a PIP, the results
reach the dossier through the notification endpoint, and the gemeente's payments are recorded."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.workflow import Fase, Soort
from inburgering.examens import demo, services
from inburgering.examens.models import ExamenBetaling
from tests.monitoring.helpers import traject
from tests.pip.conftest import bij_duo_bekend

pytestmark = pytest.mark.django_db


def test_vul_examens_via_duo_en_services(gemeente_a, consulent_a):
    bij_duo_bekend(gemeente_a)
    start = timezone.localdate() - dt.timedelta(days=500)
    dossier = traject(gemeente_a, start, consulent=consulent_a, pip=30, start_route=60)
    zonder_pip = traject(gemeente_a, start, consulent=consulent_a)
    assert dossier.fase == Fase.IN_LEERROUTE

    telling = demo.vul_examens(aantal=5)

    assert telling["dossiers"] == 1 and telling["resultaten"] >= 2
    resultaten = dossier.events.filter(soort=Soort.EXAMENRESULTAAT)
    assert resultaten.count() == telling["resultaten"]
    assert not zonder_pip.events.filter(soort=Soort.EXAMENRESULTAAT).exists()
    o = services.overzicht(dossier)
    assert sum(r.aantal_pogingen for r in o.regels) == telling["resultaten"]
    assert ExamenBetaling.objects.filter(dossier=dossier).count() == telling["betalingen"] > 0
    for r in o.regels:  # DUO's free attempts follow the attempts it reported (simulator: 3)
        assert r.gratis == 3 - r.aantal_pogingen
    # a second run picks no dossier twice
    assert demo.vul_examens(aantal=5)["dossiers"] == 0
    # the demo reset removes the payments first (they protect the events and the demo users)
    assert demo.verwijder_betalingen(type(dossier).objects.filter(pk=dossier.pk)) > 0
    assert not ExamenBetaling.objects.exists()
