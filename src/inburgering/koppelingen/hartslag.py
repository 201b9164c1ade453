"""The worker's heartbeat (`Hartslag`): written by the `verwerk_berichten` loop, read by the
readiness endpoint. One row per kind of worker; several worker processes share it (the newest
beat wins), which is what the question "does any worker still run?" needs."""

from __future__ import annotations

import time

from django.utils import timezone

from .models import Hartslag

WERKER = "verwerk_berichten"
#: A beat is written at most this often: the loop runs every two seconds when idle, and a row
#: update per round would only add writes (on SQLite: the one write lock) without news.
MINIMAAL_INTERVAL_SECONDEN = 10.0

_laatste_klop: dict[str, float] = {}


def klop(naam: str = WERKER) -> bool:
    """Record that worker `naam` is alive now; skipped when this process beat less than
    `MINIMAAL_INTERVAL_SECONDEN` ago. Returns whether it wrote."""
    nu = time.monotonic()
    if nu - _laatste_klop.get(naam, float("-inf")) < MINIMAAL_INTERVAL_SECONDEN:
        return False
    Hartslag.objects.update_or_create(naam=naam, defaults={"tijdstip": timezone.now()})
    _laatste_klop[naam] = nu
    return True


def leeftijd_seconden(naam: str = WERKER) -> float | None:
    """Seconds since the last beat of worker `naam`; None if it never beat."""
    tijdstip = Hartslag.objects.filter(naam=naam).values_list("tijdstip", flat=True).first()
    if tijdstip is None:
        return None
    return round((timezone.now() - tijdstip).total_seconds(), 1)
