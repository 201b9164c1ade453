"""The brede intake: sessions, the written record per topic, LBT, school advice, route decision.

Legal content (the seven topics, completeness, LBT outcome, conformity with the LBT) comes from
the rules package; this module stores what the consulent records and guards concurrent edits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.uitleg import regeltekst
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.wet import (
    Beperking,
    IntakeOnderdeel,
    Regime,
    brede_intake_en_pip,
    brede_intake_ontbrekend,
    lbt_ontheffing,
    lbt_uitkomst,
    route_conform_lbt,
)
from inburgering.wet import Leerroute as WetLeerroute
from inburgering.wet.intake import INTAKE_OMSCHRIJVING
from inburgering.wet.uitkomst import Uitkomst

from .models import (
    BredeIntake,
    Gezondheid,
    IntakeGesprek,
    Intakeversie,
    LbtOntheffing,
    Leerbaarheidstoets,
    Leerroute,
    LokaalOnderdeel,
    Routebesluit,
    Verslag,
)

#: Topics recorded as text on the intake page. The LBT has its own record; health is kept apart.
TEKST_ONDERWERPEN = [o for o in IntakeOnderdeel if o != IntakeOnderdeel.LEERBAARHEIDSTOETS]
NAAR_WET_LEERROUTE = {
    Leerroute.B1: WetLeerroute.B1,
    Leerroute.ONDERWIJS: WetLeerroute.ONDERWIJS,
    Leerroute.Z: WetLeerroute.Z,
}
#: Phases in which a (further) intake conversation starts or continues the intake.
INTAKE_START_FASEN = {Fase.GESIGNALEERD, Fase.GEKOPPELD, Fase.GEHUISVEST, Fase.PIP_IN_VOORBEREIDING}


class Wijzigingsconflict(OngeldigeGebeurtenis):
    """Someone else saved the same record since this user opened it. Nothing was overwritten."""

    def __init__(self, huidige_tekst: str, door: str):
        super().__init__(
            _(
                "%(door)s heeft dit onderdeel intussen gewijzigd. Uw tekst is niet opgeslagen; "
                "neem de wijzigingen over en sla opnieuw op."
            )
            % {"door": door or _("Een collega")}
        )
        self.huidige_tekst = huidige_tekst


@dataclass(frozen=True)
class Onderwerp:
    """One section of the intake page: a legal topic or a local module, with its record."""

    sleutel: str
    titel: str
    verslag: Verslag | None
    lokaal: LokaalOnderdeel | None = None

    @property
    def ingevuld(self) -> bool:
        return bool(self.verslag and self.verslag.tekst.strip())


def controleer_regime(
    dossier: Dossier, fout: type[OngeldigeGebeurtenis] = OngeldigeGebeurtenis
) -> None:
    """Refuse a brede intake, an LBT or a PIP for a dossier under the old Wet inburgering (2013)
    (rules package: `brede_intake_en_pip`, Wi art. 54 lid 1) with `fout` (the caller's own
    exception); the message is the rule's sentence, in the reader's language when shown."""
    uitkomst = oude_wet(dossier)
    if uitkomst is not None:
        raise fout(regeltekst(uitkomst.uitleg))


def oude_wet(dossier: Dossier) -> Uitkomst[bool] | None:
    """The rule's outcome when the dossier is under the old Wet inburgering (2013) and so has no
    brede intake, LBT or PIP (for the tabs to explain it); None under the Wi 2021."""
    uitkomst = brede_intake_en_pip(Regime(dossier.regime))
    return None if uitkomst.waarde else uitkomst


def intake_van(dossier: Dossier) -> BredeIntake | None:
    return BredeIntake.objects.filter(dossier=dossier).first()


def voeg_gesprek_toe(
    dossier: Dossier, *, actor: Gebruiker, versie: str = "", **gesprek
) -> IntakeGesprek:
    """Record an intake conversation; the first one (or one after the intake was closed) starts
    the brede intake in the event log. Refused for a dossier under the old law."""
    controleer_regime(dossier)
    with transaction.atomic():
        intake, _nieuw = BredeIntake.objects.get_or_create(
            dossier=dossier, defaults={"versie": versie or Intakeversie.UITGEBREID}
        )
        if intake.afgerond_op:
            intake.afgerond_op = None
            intake.save(update_fields=["afgerond_op"])
        if dossier.fase in INTAKE_START_FASEN:
            registreer(dossier, Soort.INTAKE_GESTART, gesprek["datum"], actor=actor)
        return IntakeGesprek.objects.create(intake=intake, medewerker=actor, **gesprek)


def onderwerpen(intake: BredeIntake) -> list[Onderwerp]:
    verslagen = {(v.onderwerp, v.lokaal_onderdeel_id): v for v in intake.verslagen.all()}
    lijst = [
        Onderwerp(o.value, INTAKE_OMSCHRIJVING[o].capitalize(), verslagen.get((o.value, None)))
        for o in TEKST_ONDERWERPEN
    ]
    modules = LokaalOnderdeel.objects.filter(gemeente=intake.dossier.gemeente_id)
    if intake.versie == Intakeversie.KORT:
        modules = modules.filter(in_korte_versie=True)
    lijst += [
        Onderwerp(f"lokaal-{m.pk}", m.naam, verslagen.get(("", m.pk)), lokaal=m) for m in modules
    ]
    return lijst


def bewaar_verslag(
    intake: BredeIntake,
    sleutel: str,
    tekst: str,
    *,
    gezien_versie: int,
    actor: Gebruiker,
) -> Verslag:
    """Save a topic's text, unless someone else saved it since version `gezien_versie`."""
    lokaal = None
    onderwerp = sleutel
    if sleutel.startswith("lokaal-"):
        lokaal = LokaalOnderdeel.objects.get(
            pk=int(sleutel.removeprefix("lokaal-")), gemeente=intake.dossier.gemeente_id
        )
        onderwerp = ""
    elif sleutel not in {o.value for o in TEKST_ONDERWERPEN}:
        raise OngeldigeGebeurtenis(_("Onbekend onderdeel van de intake."))
    filters = {"intake": intake, "onderwerp": onderwerp, "lokaal_onderdeel": lokaal}
    with transaction.atomic():
        bestaand = Verslag.objects.select_for_update().filter(**filters).first()
        if bestaand is None:
            if gezien_versie != 0:
                raise OngeldigeGebeurtenis(_("Dit onderdeel bestaat niet meer."))
            try:
                with transaction.atomic():
                    return Verslag.objects.create(
                        **filters, tekst=tekst, versie=1, bijgewerkt_door=actor
                    )
            except IntegrityError:
                bestaand = Verslag.objects.get(**filters)
        if bestaand.versie != gezien_versie:
            door = bestaand.bijgewerkt_door.weergavenaam if bestaand.bijgewerkt_door else ""
            raise Wijzigingsconflict(bestaand.tekst, door)
        Verslag.objects.filter(pk=bestaand.pk, versie=gezien_versie).update(
            tekst=tekst, versie=F("versie") + 1, bijgewerkt_door=actor
        )
        bestaand.refresh_from_db()
        return bestaand


def bewaar_gezondheid(
    intake: BredeIntake, tekst: str, *, gezien_versie: int, actor: Gebruiker
) -> Gezondheid:
    with transaction.atomic():
        record, _nieuw = Gezondheid.objects.select_for_update().get_or_create(intake=intake)
        if record.versie != gezien_versie:
            door = record.bijgewerkt_door.weergavenaam if record.bijgewerkt_door else ""
            raise Wijzigingsconflict(record.tekst, door)
        record.tekst = tekst
        record.versie += 1
        record.bijgewerkt_door = actor
        record.save()
        return record


def laatste_lbt(dossier: Dossier) -> Leerbaarheidstoets | None:
    return dossier.lbt.order_by("-datum", "-id").first()


def lbt_beoordeling(lbt: Leerbaarheidstoets | None) -> Uitkomst | None:
    return lbt_uitkomst(lbt.score, lbt.datum) if lbt else None


def registreer_lbt(dossier: Dossier, *, actor: Gebruiker, **gegevens) -> Leerbaarheidstoets:
    controleer_regime(dossier)
    with transaction.atomic():
        lbt = Leerbaarheidstoets.objects.create(dossier=dossier, **gegevens)
        uitkomst = lbt_uitkomst(lbt.score, lbt.datum)
        registreer(
            dossier,
            Soort.LBT_AFGENOMEN,
            lbt.datum,
            actor=actor,
            gegevens={
                "score": lbt.score,
                "cesuur": uitkomst.waarde.cesuur,
                "haalbaar": uitkomst.waarde.haalbaar,
            },
        )
    return lbt


def volledigheid(intake: BredeIntake, *, lbt_ontheffing: bool | None = None) -> Uitkomst:
    """What the intake still lacks, legal topics first (rules package), then local modules."""
    if lbt_ontheffing is None:
        lbt_ontheffing = heeft_lbt_ontheffing(intake.dossier)
    secties = onderwerpen(intake)
    gedekt = {IntakeOnderdeel(s.sleutel) for s in secties if s.lokaal is None and s.ingevuld}
    if laatste_lbt(intake.dossier):
        gedekt.add(IntakeOnderdeel.LEERBAARHEIDSTOETS)
    uitkomst = brede_intake_ontbrekend(
        onderdelen=frozenset(gedekt),
        vve_relevant=intake.vve_relevant,
        lbt_ontheffing=lbt_ontheffing,
        gewezen_op_recht_alleen=intake.gewezen_op_recht_alleen is not None,
        schriftelijk_vastgelegd=any(s.ingevuld for s in secties),
        regime=Regime(intake.dossier.regime),
    )
    lokaal = [s.titel for s in secties if s.lokaal is not None and not s.ingevuld]
    if not lokaal:
        return uitkomst
    return Uitkomst(
        (*uitkomst.waarde, *lokaal),
        uitkomst.grondslagen,
        uitkomst.uitleg.rstrip(".")
        + (" " if uitkomst.waarde else " Maar ")
        + _("lokale onderdelen ontbreken nog: %s.") % ", ".join(lokaal),
        bron=uitkomst.bron,
        regel=uitkomst.regel,
    )


def rond_af(intake: BredeIntake, *, datum: dt.date, actor: Gebruiker) -> None:
    ontbreekt = volledigheid(intake)
    if ontbreekt.waarde:
        raise OngeldigeGebeurtenis(regeltekst(ontbreekt.uitleg))
    with transaction.atomic():
        registreer(intake.dossier, Soort.INTAKE_AFGEROND, datum, actor=actor)
        intake.afgerond_op = datum
        intake.save(update_fields=["afgerond_op"])


def besluit_route(
    dossier: Dossier,
    *,
    actor: Gebruiker,
    datum: dt.date,
    leerroute: str,
    niveau: str,
    intensiteit_uren_per_week: int | None,
    afwijkingsredenen: list[str],
    toelichting: str,
) -> Routebesluit:
    """Record the route decision; a deviation from the LBT needs reason codes and text."""
    uitkomst = lbt_beoordeling(laatste_lbt(dossier))
    haalbaar = uitkomst.waarde.haalbaar if uitkomst else None
    conform = route_conform_lbt(haalbaar, NAAR_WET_LEERROUTE[Leerroute(leerroute)])
    wijkt_af = conform.waarde is False
    if wijkt_af and not (afwijkingsredenen and toelichting.strip()):
        raise OngeldigeGebeurtenis(
            _("De leerroute wijkt af van de leerbaarheidstoets: kies de redenen en licht ze toe.")
        )
    return Routebesluit.objects.create(
        dossier=dossier,
        datum=datum,
        leerroute=leerroute,
        niveau=niveau,
        intensiteit_uren_per_week=intensiteit_uren_per_week,
        lbt_haalbaar=haalbaar,
        wijkt_af=wijkt_af,
        afwijkingsredenen=afwijkingsredenen if wijkt_af else [],
        toelichting=toelichting,
        besloten_door=actor,
    )


def verleen_lbt_ontheffing(
    dossier: Dossier,
    *,
    actor: Gebruiker,
    datum: dt.date,
    beperking: str,
    in_staat_geacht: bool,
    motivering: str,
) -> LbtOntheffing:
    """Record the LBT exemption when the rules package says there are grounds for it."""
    uitkomst = lbt_ontheffing(
        beperking=Beperking(beperking), in_staat_geacht=in_staat_geacht, peildatum=datum
    )
    if not uitkomst.waarde:
        raise OngeldigeGebeurtenis(regeltekst(uitkomst.uitleg))
    with transaction.atomic():
        record = LbtOntheffing.objects.create(
            dossier=dossier,
            datum=datum,
            beperking=beperking,
            in_staat_geacht=in_staat_geacht,
            motivering=motivering,
            uitleg=uitkomst.uitleg,
            besloten_door=actor,
        )
        registreer(
            dossier,
            Soort.LBT_ONTHEFFING,
            datum,
            actor=actor,
            gegevens={"beperking": beperking, "grondslag": str(uitkomst.grondslagen[0])},
            toelichting=motivering,
        )
    return record


def heeft_lbt_ontheffing(dossier: Dossier) -> bool:
    return dossier.lbt_ontheffingen.exists()
