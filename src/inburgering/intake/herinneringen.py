"""Appointment reminders: a letter per appointment that is due for its reminder.

There is no SMS or WhatsApp gateway yet: the reminder is prepared as a letter in the chosen
channel (kept on the dossier, listed on the contact page) for the consulent to send. Run daily:
`manage.py herinneringen`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .brieven import maak_brief
from .models import Afspraak, Briefsoort, Kanaal


def te_versturen(nu: dt.datetime | None = None) -> list[Afspraak]:
    """Planned appointments whose reminder moment has come and that have none yet."""
    nu = nu or timezone.now()
    kandidaten = Afspraak.objects.filter(
        status=Afspraak.Status.GEPLAND, herinnering_verstuurd_op__isnull=True, begin__gt=nu
    ).select_related("dossier__inburgeraar", "dossier__gemeente", "dossier__consulent")
    return [
        a
        for a in kandidaten
        if timezone.localdate(a.begin) - dt.timedelta(days=a.herinnering_dagen)
        <= timezone.localdate(nu)
    ]


def verstuur(nu: dt.datetime | None = None) -> int:
    nu = nu or timezone.now()
    aantal = 0
    for afspraak in te_versturen(nu):
        persoon = afspraak.dossier.inburgeraar
        kanaal = (
            Kanaal.WHATSAPP if persoon.whatsapp else Kanaal.EMAIL if persoon.email else Kanaal.POST
        )
        with transaction.atomic():
            maak_brief(
                afspraak.dossier,
                Briefsoort.HERINNERING_AFSPRAAK,
                kanaal=kanaal,
                actor=None,
                datum=timezone.localtime(afspraak.begin).strftime("%d-%m-%Y %H:%M"),
                afspraak=" · ".join(
                    p
                    for p in [
                        str(afspraak.get_soort_display()),
                        str(afspraak.get_vorm_display()),
                        afspraak.locatie,
                    ]
                    if p
                ),
            )
            afspraak.herinnering_verstuurd_op = nu
            afspraak.save(update_fields=["herinnering_verstuurd_op"])
        aantal += 1
    return aantal
