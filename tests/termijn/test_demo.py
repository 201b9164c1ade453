"""The demo hook: dossiers near the end of their termijn get an application for extension,
DUO's decisions (refused and partial) and a request for advice through the notification
endpoint, and the consulent's steps through the services."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.workflow import Soort
from inburgering.termijn import demo, services
from inburgering.wet.kalender import plus_maanden
from tests.monitoring.helpers import traject
from tests.pip.conftest import bij_duo_bekend

pytestmark = pytest.mark.django_db


def test_vul_termijnen_via_duo_en_services(gemeente_a, consulent_a):
    bij_duo_bekend(gemeente_a)
    vandaag = timezone.localdate()
    dossiers = []
    for maanden in (1, 2, 3, 4, 5, 5):
        pip = plus_maanden(plus_maanden(vandaag, maanden), -36)
        start = pip - dt.timedelta(days=30)
        dossiers.append(traject(gemeente_a, start, consulent=consulent_a, pip=30, start_route=60))
    ver = traject(gemeente_a, vandaag - dt.timedelta(days=400), consulent=consulent_a, pip=30)

    telling = demo.vul_termijnen(aantal=6)

    assert telling["dossiers"] == 6 and telling["aanvragen"] == 2
    assert telling["besluiten"] == 4 and telling["adviesverzoeken"] == 2
    events = [e for d in dossiers for e in d.events.all()]
    besluiten = {e.gegevens["gebeurtenis"]: e for e in events if e.soort == Soort.DUO_BESLUIT}
    assert set(besluiten) == {"SS113", "SS116", "SS118", "SS119"}
    assert besluiten["SS119"].gegevens["onderdelen"] == ["SP"]
    deel = next(d for d in dossiers if d.pk == besluiten["SS119"].dossier_id)
    assert "SP" not in services.beeld(deel, vandaag).open_onderdelen
    assert sum(e.soort == Soort.ONTHEFFINGSADVIES for e in events) == 1
    assert not ver.events.filter(soort__in=demo.EIGEN).exists()
    assert demo.vul_termijnen(aantal=6)["dossiers"] == 0  # no dossier twice
