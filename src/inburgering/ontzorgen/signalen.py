"""Signals of ontzorgen on the consulent's work queue (`werkvoorraad.SIGNAALBRONNEN`):

* the six months end within the gemeente's `afbouw_weken`: plan the afbouwgesprek;
* toeslagen not received `toeslagen_weken` after the start;
* a payment refused by the bank;
* a payee changed and waiting for a second user.

Each key holds what makes it new (the end date, the payment, the change number), so a handled
signal comes back only when that changes."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers.models import Dossier
from inburgering.werkvoorraad.services import Signaal

from .models import Betaling, Betalingstatus, Ontzorgbeleid, Ontzorging, VasteLast


def _link(dossier: Dossier) -> str:
    return reverse("ontzorgen:dossier", kwargs={"uuid": dossier.uuid})


def signalen(user: Gebruiker, eigen: QuerySet[Dossier], vandaag: dt.date) -> list[Signaal]:
    etiket = _("Ontzorgen")
    beleid = {b.gemeente_id: b for b in Ontzorgbeleid.objects.all()}
    standaard = Ontzorgbeleid()
    uit: list[Signaal] = []
    lopend = (
        Ontzorging.objects.filter(dossier__in=eigen, beeindigd_op__isnull=True)
        .filter(Q(vrijwillig_tot__isnull=True) | Q(vrijwillig_tot__gte=vandaag))
        .select_related("dossier__inburgeraar")
    )
    for o in lopend:
        b = beleid.get(o.dossier.gemeente_id, standaard)
        einde = o.vrijwillig_tot or o.einde
        if vandaag >= einde - dt.timedelta(weeks=b.afbouw_weken):
            uit.append(
                Signaal(
                    f"ontzorgen_afbouw:{einde.isoformat()}",
                    "ontzorgen",
                    einde,
                    _("Ontzorgen eindigt op %(datum)s: plan het afbouwgesprek.")
                    % {"datum": einde.strftime("%d-%m-%Y")},
                    o.dossier,
                    verlopen=einde < vandaag,
                    etiket=etiket,
                    link=_link(o.dossier),
                )
            )
        grens = o.recht_op_bijstand_vanaf + dt.timedelta(weeks=b.toeslagen_weken)
        if o.toeslagen_ontvangen is None and vandaag >= grens:
            uit.append(
                Signaal(
                    f"ontzorgen_toeslagen:{o.recht_op_bijstand_vanaf.isoformat()}",
                    "ontzorgen",
                    grens,
                    _("Toeslagen %(weken)s weken na de start nog niet ontvangen.")
                    % {"weken": b.toeslagen_weken},
                    o.dossier,
                    etiket=etiket,
                    link=_link(o.dossier),
                )
            )
    for betaling in Betaling.objects.filter(
        ontzorging__dossier__in=eigen, status=Betalingstatus.GEWEIGERD
    ).select_related("ontzorging__dossier__inburgeraar"):
        dossier = betaling.ontzorging.dossier
        uit.append(
            Signaal(
                f"ontzorgen_geweigerd:{betaling.pk}",
                "ontzorgen",
                betaling.maand,
                _("Betaling %(soort)s aan %(naam)s voor %(maand)s geweigerd: %(reden)s")
                % {
                    "soort": betaling.get_soort_display().lower(),
                    "naam": betaling.begunstigde,
                    "maand": betaling.maand.strftime("%m-%Y"),
                    "reden": betaling.reden,
                },
                dossier,
                verlopen=True,
                etiket=etiket,
                link=_link(dossier),
            )
        )
    for last in VasteLast.objects.filter(
        ontzorging__dossier__in=eigen, wacht_op_goedkeuring=True
    ).select_related("ontzorging__dossier__inburgeraar"):
        dossier = last.ontzorging.dossier
        uit.append(
            Signaal(
                f"ontzorgen_begunstigde:{last.pk}:{last.wijziging}",
                "ontzorgen",
                vandaag,
                _("Begunstigde van %(soort)s gewijzigd: laat een collega de wijziging goedkeuren.")
                % {"soort": last.get_soort_display().lower()},
                dossier,
                etiket=etiket,
                link=_link(dossier),
            )
        )
    return uit
