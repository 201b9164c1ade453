"""Objections against a PIP beschikking (Awb)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.wet.kalender import atw_verschuiving, datum_nl, weken_na

from ..models import (
    Bezwaar,
    PipVersie,
    Status,
)
from .basis import AWB_BESLISTERMIJN, AWB_BEZWAAR, BEZWAARTERMIJN_WEKEN, PipFout, notitie


@dataclass(frozen=True)
class Bezwaardata:
    bezwaartermijn_einde: dt.date
    tijdig: bool
    beslissen_uiterlijk: dt.date
    uitleg: str
    grondslag: str


def bezwaardata(bezwaar: Bezwaar) -> Bezwaardata:
    """Dates of an objection [praktijk]. The objection period runs from the day after the
    dagtekening (taken as the day the decision was sent) for six weeks; the decision period
    starts the day after the objection period ended (Awb 7:10 lid 1)."""
    dagtekening = bezwaar.versie.dagtekening
    einde = atw_verschuiving(weken_na(dagtekening, BEZWAARTERMIJN_WEKEN))
    weken = getattr(settings, "PIP_BESLISTERMIJN_WEKEN", 6)
    beslissen = weken_na(einde, weken)
    tijdig = bezwaar.ontvangen_op <= einde
    uitleg = _(
        "De bezwaartermijn van %(bw)s weken na de dagtekening (%(d)s) eindigde op %(einde)s; "
        "het bezwaar is %(tijdig)s ontvangen. Het college beslist binnen %(w)s weken na het "
        "einde van de bezwaartermijn, dus uiterlijk op %(beslis)s (verdagen met 6 weken kan)."
    ) % {
        "bw": BEZWAARTERMIJN_WEKEN,
        "d": datum_nl(dagtekening),
        "einde": datum_nl(einde),
        "tijdig": _("op tijd") if tijdig else _("te laat"),
        "w": weken,
        "beslis": datum_nl(beslissen),
    }
    return Bezwaardata(
        einde, tijdig, beslissen, uitleg, f"{AWB_BEZWAAR}; {AWB_BESLISTERMIJN} [praktijk]"
    )


def registreer_bezwaar(
    versie: PipVersie, *, ontvangen_op: dt.date, toelichting: str, actor: Gebruiker
) -> Bezwaar:
    if versie.status not in (Status.VASTGESTELD, Status.VERVANGEN):
        raise PipFout(_("Bezwaar kan alleen tegen een vastgesteld PIP."))
    if ontvangen_op > timezone.localdate():
        raise PipFout(_("De ontvangstdatum ligt in de toekomst."))
    if ontvangen_op < versie.dagtekening:
        raise PipFout(_("De ontvangstdatum ligt vóór de dagtekening van het PIP."))
    with transaction.atomic():
        bezwaar = Bezwaar.objects.create(
            versie=versie,
            ontvangen_op=ontvangen_op,
            toelichting=toelichting,
            geregistreerd_door=actor,
        )
        data = bezwaardata(bezwaar)
        notitie(
            versie.pip.dossier,
            actor,
            "bezwaar",
            data.uitleg,
            versie=versie.versienummer,
            ontvangen_op=ontvangen_op.isoformat(),
        )
    return bezwaar


def beslis_bezwaar(
    bezwaar: Bezwaar, *, beslissing: str, beslist_op: dt.date, actor: Gebruiker
) -> Bezwaar:
    if bezwaar.beslissing:
        raise PipFout(_("Op dit bezwaar is al beslist."))
    if beslissing not in Bezwaar.Beslissing.values:
        raise PipFout(_("Kies een beslissing."))
    if beslist_op > timezone.localdate():
        raise PipFout(_("De datum van de beslissing ligt in de toekomst."))
    if beslist_op < bezwaar.ontvangen_op:
        raise PipFout(_("De beslissing ligt vóór de ontvangst van het bezwaar."))
    with transaction.atomic():
        bezwaar.beslissing, bezwaar.beslist_op = beslissing, beslist_op
        bezwaar.save(update_fields=["beslissing", "beslist_op"])
        notitie(
            bezwaar.versie.pip.dossier,
            actor,
            "beslissing_bezwaar",
            _("Beslissing op bezwaar: %(b)s.") % {"b": bezwaar.get_beslissing_display()},
            versie=bezwaar.versie.versienummer,
        )
    return bezwaar
