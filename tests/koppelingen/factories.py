"""Test data builders for the DUO chain: notifications delivered to our real endpoint from the
DUO simulator's scenarios and processed by the real worker, and deliveries written to the
outbox by `koppelingen.duo.leveringen`.

Needs the in-memory simulator and the notification token of tests/koppelingen/conftest.py
(autouse there). `bij_duo_bekend` is re-exported from tests/pip/conftest.py.
"""

import datetime as dt

from django.test import Client

from inburgering.dossiers.models import Dossier
from inburgering.koppelingen.duo import client as duo_client
from inburgering.koppelingen.duo import leveringen
from inburgering.koppelingen.duo.simulator import Scenarios
from inburgering.koppelingen.models import InkomendBericht, UitgaandBericht
from inburgering.koppelingen.outbox import verwerk_alles
from tests.koppelingen.conftest import post_notificatie
from tests.pip.conftest import bij_duo_bekend

__all__ = ["bij_duo_bekend", "map_levering", "nieuwe_statushouder"]


def nieuwe_statushouder(gemeente, *, verwerk: bool = True) -> InkomendBericht:
    """DUO signals a new asylum status holder for the gemeente (SS101): the notification goes
    through our endpoint and, with `verwerk`, the worker (DUO and BRP lookups in the simulator)
    opens the dossier."""
    bij_duo_bekend(gemeente)
    notificatie = Scenarios(duo_client.gedeelde_simulator()).nieuwe_statushouder(gemeente.oin)
    antwoord = post_notificatie(Client(), notificatie.headers, notificatie.body)
    assert antwoord.status_code == 201, antwoord.content
    if verwerk:
        verwerk_alles()
    return InkomendBericht.objects.get(bericht_id=notificatie.headers["berichtId"])


def map_levering(dossier: Dossier, *, datum: dt.date, actor=None) -> UitgaandBericht:
    """A MAP result in the outbox (status `nieuw`; the worker checks DUO's rules when sending)."""
    return leveringen.lever_map(dossier, datum=datum, actor=actor)
