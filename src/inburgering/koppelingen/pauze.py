"""The stored pause of all traffic to DUO (`DuoPauze`, one row).

When DUO refuses our identity (401, or a 403 from the gateway: `client.is_authenticatiefout`),
every further call would be refused the same way, and retrying each message would only burn
its attempts. So the worker pauses: nothing is sent to DUO and no notification is processed
(processing asks DUO for the facts) until a beheerder has had the certificate or OIN fixed and
presses "hervat" on the beheer page. Notifications are still received and stored meanwhile, and
decisions still write their outbox rows.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from .models import DuoPauze

logger = logging.getLogger(__name__)


def huidige_pauze() -> DuoPauze | None:
    """The active pause, or None (one primary-key lookup: the worker asks this often)."""
    return DuoPauze.objects.filter(pk=1, actief=True).first()


def pauzeer(reden: str) -> None:
    """Raise the alarm and stop all traffic to DUO. Logged at ERROR; the reason holds DUO's
    status and text, never a path (paths carry the BSN)."""
    with transaction.atomic():
        pauze, _ = DuoPauze.objects.select_for_update().get_or_create(pk=1)
        if pauze.actief:
            return
        pauze.actief = True
        pauze.sinds = timezone.now()
        pauze.reden = reden[:2000]
        pauze.save()
    logger.error("DUO weigert onze identiteit: alle verkeer met DUO gepauzeerd (%s)", reden)


def hervat(actor) -> bool:
    """The beheerder's "hervat": the worker resumes with the next round. False if not paused."""
    with transaction.atomic():
        pauze = DuoPauze.objects.select_for_update().filter(pk=1, actief=True).first()
        if pauze is None:
            return False
        pauze.actief = False
        pauze.hervat_op = timezone.now()
        pauze.hervat_door = actor
        pauze.save()
    logger.warning("DUO-koppeling hervat door gebruiker %s", actor.pk)
    return True
