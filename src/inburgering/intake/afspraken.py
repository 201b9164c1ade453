"""Appointments with the inburgeraar: planning one, and recording how it went (a held one is
also a contact moment in the dossier's log)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.workflow import Soort

from .models import Afspraak

#: The contact channel of a held appointment, where the form of the appointment is not one.
KANAAL_VAN_VORM = {"op_locatie": "persoonlijk"}


def plan_afspraak(
    dossier: Dossier,
    *,
    medewerker: Gebruiker,
    soort: str,
    vorm: str,
    begin: dt.datetime,
    duur_minuten: int = 60,
    locatie: str = "",
    tolk_taal: str = "",
    herinnering_dagen: int = 1,
) -> Afspraak:
    return Afspraak.objects.create(
        dossier=dossier,
        medewerker=medewerker,
        soort=soort,
        vorm=vorm,
        begin=begin,
        duur_minuten=duur_minuten,
        locatie=locatie,
        tolk_taal=tolk_taal,
        herinnering_dagen=herinnering_dagen,
    )


def zet_status(
    afspraak: Afspraak, status: str, *, actor: Gebruiker, nu: dt.datetime | None = None
) -> Afspraak:
    """Held, missed or cancelled; only a planned appointment changes, and a future one cannot
    have been held. `nu` (default now) is the moment of recording (the demo replays history)."""
    if status not in Afspraak.Status.values or afspraak.status != Afspraak.Status.GEPLAND:
        raise OngeldigeGebeurtenis(_("Deze afspraak kan niet meer worden gewijzigd."))
    if status == Afspraak.Status.GEHOUDEN and afspraak.begin > (nu or timezone.now()):
        raise OngeldigeGebeurtenis(_("Een afspraak in de toekomst kan nog niet gehouden zijn."))
    with transaction.atomic():
        afspraak.status = status
        afspraak.save(update_fields=["status"])
        if status == Afspraak.Status.GEHOUDEN:
            registreer(
                afspraak.dossier,
                Soort.CONTACT,
                timezone.localdate(afspraak.begin),
                actor=actor,
                gegevens={"kanaal": KANAAL_VAN_VORM.get(afspraak.vorm, afspraak.vorm)},
                toelichting=str(afspraak),
            )
    return afspraak
