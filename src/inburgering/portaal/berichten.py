"""Messages to citizens by e-mail and SMS: appointment reminders and "something changed"
(docs/adr/0025). The outbox pattern of ADR 0010: a `Portaalbericht` row is written in the
transaction of its cause; `manage.py portaalberichten` sends the waiting rows through the
configured gateway (`PORTAAL_BERICHTEN_GATEWAY`), retries a failure up to
`PORTAAL_BERICHTEN_MAX_POGINGEN` times, then marks it `mislukt` (at once when the gateway says
the message itself is wrong). Gateways: the stand-in here, SMTP and the Notify API in
`gateways.py` (docs/adr/0031).

The text never holds personal details (no name, date, place or subject): only that there is
something new and to log in to see it, in the person's language. Messages go only to persons
who logged in to the portal once (a `Portaalprofiel`): they know the portal and chose a
language.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from inburgering.dossiers.models import Dossier
from inburgering.dossiers.workflow import Fase
from inburgering.intake.models import Afspraak

from .models import Berichtstatus, Kanaal, Portaalbericht, Portaalprofiel, StandinBericht

logger = logging.getLogger(__name__)

HERINNERING = "herinnering"
GEWIJZIGD = "gewijzigd"


class Gatewayfout(Exception):
    """The gateway could not deliver now (retried). The text is stored on the row: never put
    an address or a message text in it."""


class Blijvendefout(Gatewayfout):
    """The gateway refused the message itself (a malformed number, an unknown template):
    retrying cannot help, so the row is marked `mislukt` at once."""


class Gateway(Protocol):
    def verstuur(self, *, kanaal: str, adres: str, onderwerp: str, tekst: str) -> None: ...


class StandinGateway:
    """Records every message in `StandinBericht` instead of sending it (demo, tests)."""

    def verstuur(self, *, kanaal: str, adres: str, onderwerp: str, tekst: str) -> None:
        StandinBericht.objects.create(kanaal=kanaal, adres=adres, onderwerp=onderwerp, tekst=tekst)


def gateway() -> Gateway:
    return import_string(settings.PORTAAL_BERICHTEN_GATEWAY)()


def _teksten(soort: str) -> tuple[str, str]:
    if soort == HERINNERING:
        return (
            _("Herinnering: u heeft een afspraak"),
            _(
                "U heeft binnenkort een afspraak met de gemeente. "
                "Log in op Mijn inburgering om te zien wanneer en waar."
            ),
        )
    return (
        _("Er is iets veranderd in Mijn inburgering"),
        _(
            "Er is nieuwe informatie over uw inburgering. "
            "Log in op Mijn inburgering om het te zien."
        ),
    )


def zet_klaar(dossier: Dossier, soort: str, sleutel: str) -> list[Portaalbericht]:
    """One message per channel the person has (e-mail, SMS to the phone); none for a person
    who never used the portal or whose dossier is closed. Idempotent per `sleutel`."""
    profiel = Portaalprofiel.objects.filter(inburgeraar_id=dossier.inburgeraar_id).first()
    if profiel is None or dossier.fase == Fase.AFGEROND:
        return []
    persoon = dossier.inburgeraar
    taal = profiel.taal if profiel.taal in dict(settings.PORTAAL_TALEN) else "nl"
    with translation.override(taal):
        onderwerp, tekst = _teksten(soort)
    rijen = []
    for kanaal, adres in ((Kanaal.EMAIL, persoon.email), (Kanaal.SMS, persoon.telefoon)):
        if not adres:
            continue
        rij, _nieuw = Portaalbericht.objects.get_or_create(
            sleutel=f"{sleutel}:{kanaal}",
            defaults={
                "dossier": dossier,
                "kanaal": kanaal,
                "adres": adres,
                "taal": taal,
                "soort": soort,
                "onderwerp": onderwerp if kanaal == Kanaal.EMAIL else "",
                "tekst": tekst,
            },
        )
        rijen.append(rij)
    return rijen


def zet_herinneringen_klaar(nu: dt.datetime | None = None) -> int:
    """A reminder for every planned appointment whose reminder moment has come."""
    nu = nu or timezone.now()
    aantal = 0
    afspraken = Afspraak.objects.filter(
        status=Afspraak.Status.GEPLAND,
        begin__gt=nu,
        dossier__inburgeraar__portaalprofiel__isnull=False,
    ).select_related("dossier__inburgeraar")
    for afspraak in afspraken:
        moment = timezone.localdate(afspraak.begin) - dt.timedelta(days=afspraak.herinnering_dagen)
        if moment <= timezone.localdate(nu):
            with transaction.atomic():
                aantal += len(
                    zet_klaar(afspraak.dossier, HERINNERING, f"herinnering:{afspraak.pk}")
                )
    return aantal


def verstuur_ronde(limiet: int = 200) -> tuple[int, int]:
    """Send the waiting messages; (sent, failed for good)."""
    verzonden = mislukt = 0
    poort = gateway()
    for pk in (
        Portaalbericht.objects.filter(status=Berichtstatus.WACHTEND)
        .order_by("pk")
        .values_list("pk", flat=True)[:limiet]
    ):
        with transaction.atomic():
            rij = (
                Portaalbericht.objects.select_for_update()
                .filter(pk=pk, status=Berichtstatus.WACHTEND)
                .first()
            )
            if rij is None:
                continue
            try:
                poort.verstuur(
                    kanaal=rij.kanaal, adres=rij.adres, onderwerp=rij.onderwerp, tekst=rij.tekst
                )
            except Gatewayfout as fout:
                rij.pogingen += 1
                rij.fout = str(fout)[:500]
                blijvend = isinstance(fout, Blijvendefout)
                if blijvend or rij.pogingen >= settings.PORTAAL_BERICHTEN_MAX_POGINGEN:
                    rij.status = Berichtstatus.MISLUKT
                    mislukt += 1
                    logger.warning("portaalbericht %s mislukt na %s pogingen", rij.pk, rij.pogingen)
                rij.save(update_fields=["pogingen", "fout", "status"])
                continue
            rij.status = Berichtstatus.VERZONDEN
            rij.pogingen += 1
            rij.verzonden_op = timezone.now()
            rij.save(update_fields=["status", "pogingen", "verzonden_op"])
            verzonden += 1
    return verzonden, mislukt
