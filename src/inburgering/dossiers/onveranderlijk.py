"""The one way past the database triggers that keep the event log and the access log
append-only (docs/adr/0001-bewaartermijnen-en-opschonen.md).

The triggers (migrations dossiers 0010, accounts 0005 and 0006) refuse every UPDATE and DELETE
on `dossiers_dossierevent`, `accounts_inzagelog` and `accounts_exportlog`, whoever sends it: the
ORM, a queryset's `_base_manager`, raw SQL. They let a change through only inside
`uitzondering(modus)`, which marks its own transaction: PostgreSQL with transaction-local
settings (`set_config(..., true)`), SQLite with a row in `Schrijfvergunning` that is written and
removed inside the transaction. Either way the mark is gone at commit or rollback and never
visible to another connection.

Modes, each as narrow as the triggers can check:

* ``opschonen`` (`bewaren.verwijder`): UPDATE of an event's payload columns (`gegevens`,
  `toelichting`) only; every other column must stay equal. DELETE of access-log rows older
  than ``tot``. Events are never deleted: the dates and types stay for the monitoring.
* ``demo`` (`demo.opslag.verwijder_demodata`, dev and demo databases only): DELETE of events
  and access-log rows of dossiers whose person has a BSN in the synthetic range.

The triggers guard against mistakes in the application, not against someone who can run SQL
as the table owner (who can drop a trigger): grant the application's database role no more
than it needs (docs/architecture.md, "Retention and erasure").
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.db import connection, transaction

OPSCHONEN = "opschonen"
DEMO = "demo"


@contextmanager
def uitzondering(modus: str, *, tot: dt.datetime | None = None):
    """A transaction in which the triggers allow what `modus` allows (see module docstring)."""
    if modus not in (OPSCHONEN, DEMO):
        raise ValueError(f"Onbekende uitzondering: {modus}")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _zet(modus, tot.isoformat() if tot else "")
            yield
            _zet("", "")
            return
        from .models import Schrijfvergunning

        vergunning = Schrijfvergunning.objects.create(modus=modus, tot=tot)
        yield
        Schrijfvergunning.objects.filter(pk=vergunning.pk).delete()


def _zet(modus: str, tot: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('inburgering.opschonen', %s, true), "
            "set_config('inburgering.inzagelog_tot', %s, true)",
            [modus, tot],
        )
