"""Liveness and readiness for the platform (Kubernetes probes, compose health checks).

* `/gezond/leeft`: 200 as soon as the process answers a request; touches nothing else, so a
  slow database never gets the web processes restarted.
* `/gezond/klaar`: 200 only when the database and the cache answer, 503 otherwise; the body
  also reports the number of DUO messages that failed after their last attempt and the age of
  the worker's heartbeat (`koppelingen/hartslag.py`). Those two are for monitoring, not for
  the verdict: a stopped worker must not take the web pages out of the load balancer.

Both are public (probes have no login), answer over plain HTTP (exempt from the HTTPS
redirect in production), hold no personal data, and cost two small queries and a cache
round trip.
"""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from inburgering.accounts.beveiliging import zonder_tweede_factor
from inburgering.koppelingen.hartslag import leeftijd_seconden
from inburgering.koppelingen.models import InkomendBericht, Status, UitgaandBericht

logger = logging.getLogger(__name__)

CACHE_SLEUTEL = "gezond:klaar"


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache() -> bool:
    cache.set(CACHE_SLEUTEL, "1", timeout=30)
    return cache.get(CACHE_SLEUTEL) == "1"


def _duo_mislukt() -> int:
    return (
        InkomendBericht.objects.filter(status=Status.MISLUKT).count()
        + UitgaandBericht.objects.filter(status=Status.MISLUKT).count()
    )


def _controleer(naam: str, functie):
    """Runs one check; a failure is logged (without details that could hold data) and
    reported as None."""
    try:
        return functie()
    except Exception as fout:
        logger.warning("Gezondheidscontrole %s faalt: %s", naam, type(fout).__name__)
        return None


@require_safe
@login_not_required
@zonder_tweede_factor
def leeft_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "leeft"})


@require_safe
@login_not_required
@zonder_tweede_factor
def klaar_view(request: HttpRequest) -> JsonResponse:
    database = bool(_controleer("database", _database))
    gedeelde_cache = bool(_controleer("cache", _cache))
    klaar = database and gedeelde_cache
    antwoord = {
        "status": "klaar" if klaar else "niet klaar",
        "database": "ok" if database else "fout",
        "cache": "ok" if gedeelde_cache else "fout",
        "duo_mislukt": _controleer("duo_mislukt", _duo_mislukt) if database else None,
        "hartslag_werker_seconden": (
            _controleer("hartslag", leeftijd_seconden) if database else None
        ),
    }
    return JsonResponse(antwoord, status=200 if klaar else 503)
