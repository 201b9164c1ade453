"""Drafting the PIP: the first version from the template, saving with optimistic locking,
offering for approval and the four-eyes approval."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers.models import Dossier
from inburgering.intake import brede_intake as bi
from inburgering.intake.models import Leerroute

from ..models import (
    Pip,
    PipVersie,
    Reden,
    Status,
)
from ..statussen import PIP_STATUS
from .basis import PipFout, Wijzigingsconflict, moment, notitie, sjabloon, toestand_van


def stel_op(dossier: Dossier, *, actor: Gebruiker, datum: dt.date | None = None) -> PipVersie:
    """Draft the first PIP from the gemeente's template, the route decision and the intake.
    `datum` (default today) is the draft's day: its dagtekening and the step in the log.
    Refused for a dossier under the old Wet inburgering (2013), which has no PIP."""
    bi.controleer_regime(dossier, fout=PipFout)
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        pip, _nieuw = Pip.objects.get_or_create(dossier=dossier)
        if pip.versies.exists():
            raise PipFout(_("Er is al een PIP voor dit dossier."))
        toestand = toestand_van(dossier)
        teksten = sjabloon(dossier.gemeente)
        route = dossier.routebesluiten.first()
        intake = bi.intake_van(dossier)
        leerroute = route.leerroute if route else ""
        reden = Reden.EERSTE
        if toestand.pip_vorige_gemeente:
            # Wi art. 15 lid 4: after a move the new college keeps the leerroute.
            reden = Reden.VERHUIZING
            leerroute = toestand.leerroute or leerroute
        PIP_STATUS.controleer(None, Status.CONCEPT, fout=PipFout)
        versie = PipVersie.objects.create(
            pip=pip,
            status=Status.CONCEPT,
            versienummer=1,
            reden=reden,
            leerroute=leerroute,
            niveau=(route.niveau if route and route.niveau in ("B1", "A2") else "")
            or ("A2" if leerroute == Leerroute.Z else "B1"),
            intensiteit_uren_per_week=route.intensiteit_uren_per_week if route else None,
            ondersteuning_en_begeleiding=teksten["ondersteuning_en_begeleiding"],
            pvt_intensiteit=teksten["pvt_intensiteit"],
            map_intensiteit="" if leerroute == Leerroute.ONDERWIJS else teksten["map_intensiteit"],
            aantal_voortgangsgesprekken=teksten["aantal_voortgangsgesprekken"],
            lbt_haalbaar=route.lbt_haalbaar if route else None,
            lbt_afwijking_redenen=list(route.afwijkingsredenen) if route and route.wijkt_af else [],
            lbt_afwijking_toelichting=route.toelichting if route and route.wijkt_af else "",
            dagtekening=datum or timezone.localdate(),
            opgesteld_door=actor,
            bijgewerkt_door=actor,
        )
        if intake and intake.vve_relevant:
            versie.regelfeiten = {"vve_relevant": True}
            versie.save(update_fields=["regelfeiten"])
        notitie(
            dossier, actor, "concept", _("PIP versie 1 opgesteld (concept)."), datum=datum, versie=1
        )
    return versie


BEWAARBARE_VELDEN = [
    "dagtekening",
    "leerroute",
    "niveau",
    "intensiteit_uren_per_week",
    "geschatte_intensiteit_uren",
    "ondersteuning_en_begeleiding",
    "pvt_intensiteit",
    "map_intensiteit",
    "vve_afspraken",
    "aantal_voortgangsgesprekken",
    "zroute_examens",
    "bijstand",
    "participatiewet_beschikkingen",
    "lbt_afwijking_redenen",
    "lbt_afwijking_toelichting",
]


def vergrendel(versie: PipVersie, gezien_versie: int) -> PipVersie:
    """Lock the draft row and check nobody changed it since `gezien_versie`."""
    # PostgreSQL cannot lock the nullable side of an outer join: lock the version row only.
    actueel = PipVersie.objects.select_for_update(of=("self",)).get(pk=versie.pk)
    if actueel.versie != gezien_versie:
        door = actueel.bijgewerkt_door.weergavenaam if actueel.bijgewerkt_door else ""
        raise Wijzigingsconflict(door)
    if not actueel.is_concept:
        raise PipFout(_("Deze versie is al vastgesteld en kan niet meer worden gewijzigd."))
    return actueel


def bewaar(
    versie: PipVersie,
    gegevens: dict,
    *,
    gezien_versie: int,
    actor: Gebruiker,
    datum: dt.date | None = None,
) -> PipVersie:
    """Save the draft. An earlier approval lapses: the approver saw another text. `datum`
    (default today) dates the step in the log."""
    with transaction.atomic():
        actueel = vergrendel(versie, gezien_versie)
        wijzigingen = {k: v for k, v in gegevens.items() if k in BEWAARBARE_VELDEN}
        goedkeuring_vervalt = actueel.status != Status.CONCEPT
        PIP_STATUS.controleer(actueel.status, Status.CONCEPT, fout=PipFout)
        bijgewerkt = PipVersie.objects.filter(pk=actueel.pk, versie=gezien_versie).update(
            **wijzigingen,
            status=Status.CONCEPT,
            goedgekeurd_door=None,
            goedgekeurd_op=None,
            bijgewerkt_door=actor,
            bijgewerkt_op=moment(datum),
            versie=F("versie") + 1,
        )
        if bijgewerkt != 1:  # pragma: no cover - the row lock makes this unreachable
            raise Wijzigingsconflict("")
        tekst = _("PIP versie %(n)s gewijzigd (concept).") % {"n": actueel.versienummer}
        if goedkeuring_vervalt:
            tekst += " " + _("De eerdere goedkeuring is vervallen.")
        notitie(
            actueel.pip.dossier,
            actor,
            "gewijzigd",
            tekst,
            datum=datum,
            versie=actueel.versienummer,
        )
    actueel.refresh_from_db()
    return actueel


def bied_aan(
    versie: PipVersie, *, gezien_versie: int, actor: Gebruiker, datum: dt.date | None = None
) -> PipVersie:
    with transaction.atomic():
        actueel = vergrendel(versie, gezien_versie)
        PIP_STATUS.controleer(
            actueel.status,
            Status.TER_GOEDKEURING,
            melding=_("Dit PIP is al ter goedkeuring aangeboden."),
            fout=PipFout,
        )
        zet_status(actueel, Status.TER_GOEDKEURING, actor)
        notitie(
            actueel.pip.dossier,
            actor,
            "ter_goedkeuring",
            _("PIP versie %(n)s ter goedkeuring aangeboden.") % {"n": actueel.versienummer},
            datum=datum,
            versie=actueel.versienummer,
        )
    return actueel


def keur_goed(
    versie: PipVersie, *, gezien_versie: int, actor: Gebruiker, datum: dt.date | None = None
) -> PipVersie:
    """Four-eyes approval: never by the person who drafted or last changed the text."""
    with transaction.atomic():
        actueel = vergrendel(versie, gezien_versie)
        PIP_STATUS.controleer(
            actueel.status,
            Status.GOEDGEKEURD,
            melding=_("Bied het PIP eerst ter goedkeuring aan."),
            fout=PipFout,
        )
        if actor.pk in (actueel.opgesteld_door_id, actueel.bijgewerkt_door_id):
            raise PipFout(
                _(
                    "U heeft dit PIP zelf opgesteld of gewijzigd. Volgens het vier-ogenprincipe "
                    "keurt een andere medewerker het goed."
                )
            )
        actueel.goedgekeurd_door = actor
        actueel.goedgekeurd_op = moment(datum)
        zet_status(actueel, Status.GOEDGEKEURD, actor, "goedgekeurd_door", "goedgekeurd_op")
        notitie(
            actueel.pip.dossier,
            actor,
            "goedgekeurd",
            _("PIP versie %(n)s goedgekeurd (vier ogen).") % {"n": actueel.versienummer},
            datum=datum,
            versie=actueel.versienummer,
        )
    return actueel


def zet_status(versie: PipVersie, status: str, actor: Gebruiker, *velden: str) -> None:
    """Every stored status change of an existing version goes through the table."""
    PIP_STATUS.controleer(versie.status, status, fout=PipFout)
    versie.status = status
    versie.versie += 1
    versie.save(update_fields=["status", "versie", "bijgewerkt_op", *velden])
