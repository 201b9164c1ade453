"""Setting the PIP: every guard again under the lock, the event, the progress talks and
the delivery to DUO."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.koppelingen.duo.leveringen import lever_pip

from ..models import (
    PipVersie,
    Status,
)
from ..statussen import PIP_STATUS
from .basis import PipFout, vastgestelde_versie
from .controle import controleer
from .gesprekken import plan_gesprekken
from .opstellen import vergrendel, zet_status


@dataclass
class Vaststelling:
    versie: PipVersie
    levering: object | None
    leverfout: str = ""


def stel_vast(versie: PipVersie, *, gezien_versie: int, actor: Gebruiker) -> Vaststelling:
    """Set the PIP: every guard again under the lock, the event, then the delivery to DUO."""
    dossier = versie.pip.dossier
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        actueel = vergrendel(versie, gezien_versie)
        controle = controleer(actueel, dossier)
        if not controle.in_orde:
            raise PipFout(
                _("Het PIP kan nog niet worden vastgesteld: %s") % " ".join(controle.meldingen)
            )
        vorige = vastgestelde_versie(actueel.pip)
        registreer(
            dossier,
            Soort.PIP_VASTGESTELD,
            actueel.dagtekening,
            actor=actor,
            gegevens={
                "leerroute": actueel.leerroute,
                "versie": actueel.versienummer,
                "reden": actueel.reden,
                "niveau": actueel.niveau,
            },
            toelichting=_("PIP versie %(n)s vastgesteld (%(reden)s).")
            % {"n": actueel.versienummer, "reden": actueel.get_reden_display().lower()},
        )
        if vorige:
            PIP_STATUS.controleer(vorige.status, Status.VERVANGEN, fout=PipFout)
            vorige.status = Status.VERVANGEN
            vorige.save(update_fields=["status"])
        actueel.vastgesteld_door = actor
        zet_status(actueel, Status.VASTGESTELD, actor, "vastgesteld_door")
        plan_gesprekken(actueel)
        dossier.refresh_from_db()
        levering = _lever(dossier, actueel, actor)
    return Vaststelling(actueel, levering)


def _lever(dossier: Dossier, versie: PipVersie, actor: Gebruiker):
    """The delivery to DUO as an outbox row in the decision's own transaction: it is written
    whatever state DUO is in (DUO is only called by the worker, see koppelingen.duo.leveringen)."""
    return lever_pip(
        dossier,
        dagtekening=versie.dagtekening,
        leerroute=versie.leerroute,
        niveau=versie.niveau or None,
        intensiteit=versie.geschatte_intensiteit_uren,
        actor=actor,
    )
