"""Transactional outbox and inbox worker: retries with exponential backoff, nothing lost.

* Inbound (DUO's notifications): each message is handled in ONE transaction together with its
  status change, so a crash or a failure leaves no half-recorded dossier events. A failure
  rolls the handler back, keeps the message, counts the attempt and schedules the next one.
* Outbound (deliveries to DUO): the delivery row is written in the same transaction as the
  user's change (`leveringen.py`); the worker sends it. A temporary failure (network, 5xx) is
  retried; a rejection by DUO (4xx) is final and shown on the dossier.
* DUO refusing our identity (401, or a 403 from the gateway: `client.is_authenticatiefout`)
  is no failure of one message: it pauses all traffic to DUO (`pauze.py`) without counting an
  attempt, until a beheerder resumes. While paused, rounds do nothing.
* After `DUO_MAX_POGINGEN` attempts a message is `mislukt` and listed for the functioneel
  beheerder (`/koppelingen/duo/berichten/`), who can schedule it again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import TE_DOEN, Bericht, InkomendBericht, Status, UitgaandBericht
from .pauze import huidige_pauze, pauzeer

logger = logging.getLogger(__name__)


def wachttijd(pogingen: int) -> dt.timedelta:
    """Delay before attempt `pogingen + 1`: base * 2^(pogingen-1), capped."""
    basis = settings.DUO_BACKOFF_BASIS_SECONDEN
    seconden = min(basis * 2 ** max(pogingen - 1, 0), settings.DUO_BACKOFF_MAX_SECONDEN)
    return dt.timedelta(seconds=seconden)


def registreer_mislukking(bericht: Bericht, fout: str) -> None:
    """Count a failed attempt: schedule a retry, or mark `mislukt` after the last one."""
    bericht.pogingen += 1
    bericht.laatste_fout = fout[:2000]
    if bericht.pogingen >= settings.DUO_MAX_POGINGEN:
        bericht.status = Status.MISLUKT
    else:
        bericht.status = Status.OPNIEUW
        bericht.volgende_poging_op = timezone.now() + wachttijd(bericht.pogingen)
    bericht.save(update_fields=["pogingen", "laatste_fout", "status", "volgende_poging_op"])


def opnieuw_inplannen(bericht: Bericht) -> None:
    """The beheerder's retry button: a new series of attempts, starting now."""
    bericht.status = Status.OPNIEUW
    bericht.pogingen = 0
    bericht.volgende_poging_op = timezone.now()
    bericht.save(update_fields=["status", "pogingen", "volgende_poging_op"])


def _claim(model: type[Bericht], pk: int) -> Bericht | None:
    qs = model.objects.filter(pk=pk, status__in=TE_DOEN)
    if connection.features.has_select_for_update_skip_locked:
        qs = qs.select_for_update(skip_locked=True)
    return qs.first()


@dataclass
class Telling:
    verwerkt: int = 0
    mislukt: int = 0

    def __add__(self, ander: Telling) -> Telling:
        return Telling(self.verwerkt + ander.verwerkt, self.mislukt + ander.mislukt)


#: While a round runs, the stored pause is looked up again every this many messages (another
#: worker process may have paused).
PAUZE_CONTROLE_ELKE = 50


def _ronde(model: type[Bericht], verwerk: Callable[[Bericht], None], limiet: int) -> Telling:
    telling = Telling()
    if huidige_pauze() is not None:
        return telling
    ids = list(
        model.objects.filter(status__in=TE_DOEN, volgende_poging_op__lte=timezone.now())
        .order_by("volgende_poging_op", "pk")
        .values_list("pk", flat=True)[:limiet]
    )
    for n, pk in enumerate(ids, 1):
        if n % PAUZE_CONTROLE_ELKE == 0 and huidige_pauze() is not None:
            break
        try:
            with transaction.atomic():
                bericht = _claim(model, pk)
                if bericht is None:  # another worker has it, or it is done
                    continue
                verwerk(bericht)
            telling.verwerkt += 1
        except Exception as fout:
            telling.mislukt += 1
            if getattr(fout, "authenticatie", False):
                _pauzeer_na(model, pk, fout)
                break
            with transaction.atomic():
                bericht = model.objects.select_for_update().get(pk=pk)
                if bericht.status in TE_DOEN:
                    registreer_mislukking(bericht, f"{type(fout).__name__}: {fout}")
            logger.warning("%s %s mislukt (poging %s): %s", model.__name__, pk,
                           bericht.pogingen, type(fout).__name__)  # fmt: skip
    return telling


def _pauzeer_na(model: type[Bericht], pk: int, fout: Exception) -> None:
    """DUO refused our identity: keep the message as it was (no attempt counted), note why,
    and pause everything."""
    reden = str(fout)
    with transaction.atomic():
        model.objects.filter(pk=pk).update(laatste_fout=reden[:2000])
    pauzeer(reden)


def verwerk_ronde(limiet: int = 500) -> Telling:
    """One pass over due inbound and outbound messages (the worker's unit of work)."""
    from .duo.handlers import verwerk_notificatie
    from .duo.leveringen import verstuur_levering

    return _ronde(InkomendBericht, verwerk_notificatie, limiet) + _ronde(
        UitgaandBericht, verstuur_levering, limiet
    )


def verwerk_alles(max_rondes: int = 1000, limiet: int = 500) -> Telling:
    """Process until nothing is due (due retries in the future are left for later)."""
    totaal = Telling()
    for _ in range(max_rondes):
        telling = verwerk_ronde(limiet)
        totaal = totaal + telling
        if telling.verwerkt + telling.mislukt == 0:
            break
    return totaal
