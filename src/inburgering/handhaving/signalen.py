"""Fine cases on the consulent's work queue (`werkvoorraad.SIGNAALBRONNEN`):

* a voornemen whose zienswijze term has ended without a zienswijze: decide (beschikking or no
  fine), from the day after the term (when `wet.beschikking_toegestaan` allows it);
* a zienswijze received: decide;
* a case signalled or assessed but without voornemen for more than four weeks.

The key holds the case and its status, so a handled signal comes back only at the next step."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers.models import Dossier
from inburgering.werkvoorraad.services import Signaal

from .models import Handhavingszaak, ZaakStatus

#: A case still without voornemen after this long is a signal (the facts go stale).
ZONDER_VOORNEMEN = dt.timedelta(weeks=4)


def _link(dossier: Dossier) -> str:
    return reverse("handhaving:handhaving", kwargs={"uuid": dossier.uuid})


def signalen(user: Gebruiker, eigen: QuerySet[Dossier], vandaag: dt.date) -> list[Signaal]:
    etiket = _("Handhaving")
    uit: list[Signaal] = []
    zaken = Handhavingszaak.objects.filter(
        dossier__in=eigen,
        status__in=[
            ZaakStatus.SIGNAAL,
            ZaakStatus.BEOORDEELD,
            ZaakStatus.VOORNEMEN,
            ZaakStatus.ZIENSWIJZE,
        ],
    ).select_related("dossier__inburgeraar")
    for zaak in zaken:
        sleutel = f"handhaving:{zaak.pk}:{zaak.status}"
        if zaak.status == ZaakStatus.VOORNEMEN and zaak.zienswijze_tot is not None:
            if vandaag > zaak.zienswijze_tot:
                tekst = _(
                    "De zienswijzetermijn is op %(datum)s verstreken: neem de beschikking of "
                    "besluit geen boete op te leggen."
                ) % {"datum": zaak.zienswijze_tot.strftime("%d-%m-%Y")}
                uit.append(
                    Signaal(sleutel, "handhaving", zaak.zienswijze_tot, tekst, zaak.dossier,
                            verlopen=True, etiket=etiket, link=_link(zaak.dossier))
                )  # fmt: skip
        elif zaak.status == ZaakStatus.ZIENSWIJZE and zaak.zienswijze_op is not None:
            tekst = _("Zienswijze ontvangen op %(datum)s: neem een besluit over de boete.") % {
                "datum": zaak.zienswijze_op.strftime("%d-%m-%Y")
            }
            uit.append(
                Signaal(sleutel, "handhaving", zaak.zienswijze_op, tekst, zaak.dossier,
                        etiket=etiket, link=_link(zaak.dossier))
            )  # fmt: skip
        elif (
            zaak.status in (ZaakStatus.SIGNAAL, ZaakStatus.BEOORDEELD)
            and vandaag - zaak.constatering > ZONDER_VOORNEMEN
        ):
            tekst = _(
                "Overtreding van %(datum)s nog zonder voornemen: stuur het voornemen of "
                "besluit geen boete op te leggen."
            ) % {"datum": zaak.constatering.strftime("%d-%m-%Y")}
            uit.append(
                Signaal(sleutel, "handhaving", zaak.constatering, tekst, zaak.dossier,
                        etiket=etiket, link=_link(zaak.dossier))
            )  # fmt: skip
    return uit
