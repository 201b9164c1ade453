"""Work that runs outside the request: large migration imports, reconciliation with DUO.

Such work is a row in its own table (`monitoring.Importtaak`, `koppelingen.Afstemmingsrun`)
with a status; whoever runs it first claims the row with one conditional UPDATE
(`claim`), so it never runs twice. Who runs it (`ACHTERGROND_UITVOERING`):

* `"thread"` (the default, and the demo's): a thread of the web process starts right after the
  row is committed (`na_commit`). Enough for one server process.
* `"worker"`: `manage.py verwerk_berichten`, the background worker that also handles DUO's
  messages, picks waiting rows up every round. For deployments with several processes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone


def na_commit(functie: Callable[[int], object], pk: int) -> None:
    """Run `functie(pk)` in a thread once the current transaction commits (thread mode)."""
    if settings.ACHTERGROND_UITVOERING != "thread":
        return

    def werk() -> None:
        try:
            functie(pk)
        finally:
            connection.close()

    transaction.on_commit(
        lambda: threading.Thread(target=werk, name=f"achtergrond-{pk}", daemon=True).start()
    )


def claim(model: type[models.Model], pk: int, **velden) -> bool:
    """Take a waiting row (status `wachtend`) for this process; False when another has it."""
    return bool(
        model.objects.filter(pk=pk, status="wachtend").update(
            status="bezig", begonnen_op=timezone.now(), **velden
        )
    )
