"""The DUO chain builders: a notification through the endpoint and the worker, an outbox row."""

import datetime as dt

from inburgering.dossiers.models import Dossier
from inburgering.koppelingen.models import Status
from tests.conftest import maak_dossier
from tests.koppelingen.factories import map_levering, nieuwe_statushouder


def test_nieuwe_statushouder_opent_dossier(gemeente_a):
    bericht = nieuwe_statushouder(gemeente_a)
    assert bericht.status == Status.VERWERKT, bericht.laatste_fout
    assert Dossier.objects.filter(gemeente=gemeente_a).count() == 1


def test_nieuwe_statushouder_onverwerkt(gemeente_a):
    bericht = nieuwe_statushouder(gemeente_a, verwerk=False)
    assert bericht.status == Status.NIEUW
    assert not Dossier.objects.exists()


def test_map_levering_in_outbox(gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a)
    levering = map_levering(dossier, datum=dt.date(2026, 1, 5), actor=consulent_a)
    assert levering.status == Status.NIEUW and levering.dossier == dossier
