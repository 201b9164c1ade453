"""Waves of arrivals: how many new inburgeringsplichtigen DUO signalled per gemeente since a
date (for the caseload page: "12 nieuwe inburgeringsplichtigen van DUO sinds 3 maart")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.utils import timezone

from inburgering.accounts.toegang import werkgebied
from inburgering.dossiers import panelen

from .duo.handlers import NIEUWE_INBURGERAAR
from .models import InkomendBericht


@dataclass(frozen=True)
class Golf:
    gemeente_id: int
    aantal: int
    sinds: dt.datetime
    eerste: dt.datetime
    laatste: dt.datetime


def golven(gemeente_ids: Iterable[int], sinds: dt.datetime, minimum: int = 1) -> list[Golf]:
    """Per gemeente: distinct persons DUO signalled as new (SS101/128/129/139/120/121) since
    `sinds`, received (not processed) time; only gemeenten with at least `minimum`."""
    rijen = (
        InkomendBericht.objects.filter(
            gemeente_id__in=list(gemeente_ids),
            gebeurtenis_id__in=NIEUWE_INBURGERAAR,
            ontvangen_op__gte=sinds,
        )
        .values("gemeente_id")
        .annotate(
            aantal=Count("bsn", distinct=True),
            eerste=Min("ontvangen_op"),
            laatste=Max("ontvangen_op"),
        )
        .order_by("gemeente_id")
    )
    return [
        Golf(r["gemeente_id"], r["aantal"], sinds, r["eerste"], r["laatste"])
        for r in rijen
        if r["aantal"] >= minimum
    ]


#: A wave: at least this many new inburgeringsplichtigen from DUO within this many days.
GOLF_MINIMUM, GOLF_DAGEN = 5, 14


def golven_paneel(user) -> list[dict]:
    """The caseload's panel "golven" (registered in `dossiers.panelen`): recent waves of DUO
    arrivals in the user's gemeenten, kept a minute like the other panels."""
    gemeenten = {g.pk: g.naam for g in werkgebied(user)}

    def maak() -> list[dict]:
        sinds = timezone.now() - dt.timedelta(days=GOLF_DAGEN)
        return [
            {
                "gemeente": gemeenten[g.gemeente_id],
                "aantal": g.aantal,
                "eerste": g.eerste,
                "laatste": g.laatste,
            }
            for g in golven(gemeenten, sinds, minimum=GOLF_MINIMUM)
        ]

    return panelen.bewaard("golven", list(gemeenten), (), maak)
