"""Drafting, approving and setting the PIP; later versions; objections; progress conversations.

Legal content comes from the rules package (`inburgering.wet`): what a PIP must contain
(`pip_inhoud_ontbrekend`), DUO's rules (`valideer_pip`), the PIP deadline and the termijn,
`map_verplicht`, `schakelen_toegestaan`, `afschalen_toegestaan`. Every action appends an event
to the dossier's log (`dossiers.services.registreer`), so the timeline shows it. Drafts carry a
`versie` counter: a save based on an older version is refused, nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import wet
from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.dossiers import deadlines
from inburgering.dossiers.models import Doelgroep, Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import DossierToestand, OngeldigeGebeurtenis, bereken_toestand
from inburgering.dossiers.workflow import Fase, Soort, volgende_fase
from inburgering.intake import brede_intake as bi
from inburgering.intake.models import Afwijkingsreden, Leerroute
from inburgering.wet.kalender import atw_verschuiving, datum_nl, weken_na
from inburgering.wet.uitkomst import Uitkomst

from .models import (
    Bezwaar,
    Pip,
    PipInstelling,
    PipSjabloon,
    PipVersie,
    Reden,
    Status,
    Voortgangsgesprek,
)
from .statussen import PIP_STATUS

#: Awb art. 6:7: an objection is lodged within six weeks; art. 7:10 lid 1: the college decides
#: within six weeks (twelve with an advisory committee) after that period ended. [praktijk] The
#: Awb is not among the official texts in shared/reference/wetten, so these are configurable
#: constants here and not rules in `inburgering.wet`.
BEZWAARTERMIJN_WEKEN = 6
AWB_BEZWAAR = "Algemene wet bestuursrecht art. 6:7, 6:8 en 6:9"
AWB_BESLISTERMIJN = "Algemene wet bestuursrecht art. 7:10 lid 1"

CONCEPT_STATUSSEN = (Status.CONCEPT, Status.TER_GOEDKEURING, Status.GOEDGEKEURD)

STANDAARD_TEKSTEN = {
    "ondersteuning_en_begeleiding": (
        "U krijgt een vaste consulent. Die spreekt u regelmatig over hoe het gaat. De "
        "taalschool vertelt ons hoe vaak u naar de les gaat en hoe u vooruitgaat."
    ),
    "pvt_intensiteit": (
        "U volgt het participatieverklaringstraject van minimaal 12 uur, met een excursie, en "
        "u ondertekent de participatieverklaring."
    ),
    "map_intensiteit": (
        "U volgt de module Arbeidsmarkt en Participatie: activiteiten over werk, verspreid over "
        "het eerste jaar, en een eindgesprek met de gemeente."
    ),
    "aantal_voortgangsgesprekken": 4,
}


class PipFout(OngeldigeGebeurtenis):
    """The action does not fit; the message is Dutch and meant for the user."""


class Wijzigingsconflict(PipFout):
    """Someone else changed the draft since this user opened it. Nothing was saved."""

    def __init__(self, door: str):
        super().__init__(
            _(
                "%(door)s heeft dit PIP intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen. "
                "Hieronder staat de nieuwe versie; breng uw wijzigingen opnieuw aan."
            )
            % {"door": door or _("Een collega")}
        )


# --- configuration ---------------------------------------------------------------------------


def vier_ogen(gemeente: Gemeente) -> bool:
    return PipInstelling.objects.filter(gemeente=gemeente, vier_ogen=True).exists()


def sjabloon(gemeente: Gemeente) -> dict:
    """The gemeente's texts, falling back to the built-in B1 texts per field."""
    eigen = PipSjabloon.objects.filter(gemeente=gemeente).first()
    teksten = dict(STANDAARD_TEKSTEN)
    teksten.update(
        inleiding="",
        afsluiting="",
        bezwaar_tekst=_(
            "Stuur uw bezwaarschrift naar het college van burgemeester en wethouders van de "
            "gemeente %(gemeente)s."
        )
        % {"gemeente": gemeente.naam},
    )
    if eigen:
        for veld in [*teksten]:
            waarde = getattr(eigen, veld, None)
            if waarde not in (None, ""):
                teksten[veld] = waarde
    return teksten


# --- reading -----------------------------------------------------------------------------------


def pip_van(dossier: Dossier) -> Pip | None:
    return Pip.objects.filter(dossier=dossier).first()


def concept_van(pip: Pip | None) -> PipVersie | None:
    if pip is None:
        return None
    return pip.versies.filter(status__in=CONCEPT_STATUSSEN).order_by("-versienummer").first()


def vastgestelde_versie(pip: Pip | None) -> PipVersie | None:
    if pip is None:
        return None
    return pip.versies.filter(status=Status.VASTGESTELD).order_by("-versienummer").first()


def toestand_van(dossier: Dossier) -> DossierToestand:
    return bereken_toestand(dossier.events.all())


def wet_leerroute(code: str) -> wet.Leerroute | None:
    return bi.NAAR_WET_LEERROUTE.get(Leerroute(code)) if code else None


def wet_doelgroep(dossier: Dossier) -> wet.Doelgroep:
    return (
        wet.Doelgroep.ASIELSTATUSHOUDER
        if dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
        else wet.Doelgroep.GEZINSMIGRANT_OVERIG
    )


def _notitie(dossier: Dossier, actor: Gebruiker, actie: str, tekst: str, **gegevens) -> None:
    registreer(
        dossier,
        Soort.PIP_STAP,
        timezone.localdate(),
        actor=actor,
        gegevens={"pip": actie, **gegevens},
        toelichting=tekst,
    )


# --- drafting ----------------------------------------------------------------------------------


def stel_op(dossier: Dossier, *, actor: Gebruiker) -> PipVersie:
    """Draft the first PIP from the gemeente's template, the route decision and the intake."""
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
            dagtekening=timezone.localdate(),
            opgesteld_door=actor,
            bijgewerkt_door=actor,
        )
        if intake and intake.vve_relevant:
            versie.regelfeiten = {"vve_relevant": True}
            versie.save(update_fields=["regelfeiten"])
        _notitie(dossier, actor, "concept", _("PIP versie 1 opgesteld (concept)."), versie=1)
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


def _vergrendel(versie: PipVersie, gezien_versie: int) -> PipVersie:
    """Lock the draft row and check nobody changed it since `gezien_versie`."""
    # PostgreSQL cannot lock the nullable side of an outer join: lock the version row only.
    actueel = PipVersie.objects.select_for_update(of=("self",)).get(pk=versie.pk)
    if actueel.versie != gezien_versie:
        door = actueel.bijgewerkt_door.weergavenaam if actueel.bijgewerkt_door else ""
        raise Wijzigingsconflict(door)
    if not actueel.is_concept:
        raise PipFout(_("Deze versie is al vastgesteld en kan niet meer worden gewijzigd."))
    return actueel


def bewaar(versie: PipVersie, gegevens: dict, *, gezien_versie: int, actor: Gebruiker) -> PipVersie:
    """Save the draft. An earlier approval lapses: the approver saw another text."""
    with transaction.atomic():
        actueel = _vergrendel(versie, gezien_versie)
        wijzigingen = {k: v for k, v in gegevens.items() if k in BEWAARBARE_VELDEN}
        goedkeuring_vervalt = actueel.status != Status.CONCEPT
        PIP_STATUS.controleer(actueel.status, Status.CONCEPT, fout=PipFout)
        bijgewerkt = PipVersie.objects.filter(pk=actueel.pk, versie=gezien_versie).update(
            **wijzigingen,
            status=Status.CONCEPT,
            goedgekeurd_door=None,
            goedgekeurd_op=None,
            bijgewerkt_door=actor,
            bijgewerkt_op=timezone.now(),
            versie=F("versie") + 1,
        )
        if bijgewerkt != 1:  # pragma: no cover - the row lock makes this unreachable
            raise Wijzigingsconflict("")
        tekst = _("PIP versie %(n)s gewijzigd (concept).") % {"n": actueel.versienummer}
        if goedkeuring_vervalt:
            tekst += " " + _("De eerdere goedkeuring is vervallen.")
        _notitie(actueel.pip.dossier, actor, "gewijzigd", tekst, versie=actueel.versienummer)
    actueel.refresh_from_db()
    return actueel


def bied_aan(versie: PipVersie, *, gezien_versie: int, actor: Gebruiker) -> PipVersie:
    with transaction.atomic():
        actueel = _vergrendel(versie, gezien_versie)
        PIP_STATUS.controleer(
            actueel.status,
            Status.TER_GOEDKEURING,
            melding=_("Dit PIP is al ter goedkeuring aangeboden."),
            fout=PipFout,
        )
        _zet_status(actueel, Status.TER_GOEDKEURING, actor)
        _notitie(
            actueel.pip.dossier,
            actor,
            "ter_goedkeuring",
            _("PIP versie %(n)s ter goedkeuring aangeboden.") % {"n": actueel.versienummer},
            versie=actueel.versienummer,
        )
    return actueel


def keur_goed(versie: PipVersie, *, gezien_versie: int, actor: Gebruiker) -> PipVersie:
    """Four-eyes approval: never by the person who drafted or last changed the text."""
    with transaction.atomic():
        actueel = _vergrendel(versie, gezien_versie)
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
        actueel.goedgekeurd_op = timezone.now()
        _zet_status(actueel, Status.GOEDGEKEURD, actor, "goedgekeurd_door", "goedgekeurd_op")
        _notitie(
            actueel.pip.dossier,
            actor,
            "goedgekeurd",
            _("PIP versie %(n)s goedgekeurd (vier ogen).") % {"n": actueel.versienummer},
            versie=actueel.versienummer,
        )
    return actueel


def _zet_status(versie: PipVersie, status: str, actor: Gebruiker, *velden: str) -> None:
    """Every stored status change of an existing version goes through the table."""
    PIP_STATUS.controleer(versie.status, status, fout=PipFout)
    versie.status = status
    versie.versie += 1
    versie.save(update_fields=["status", "versie", "bijgewerkt_op", *velden])


# --- checks before vaststelling -----------------------------------------------------------------


@dataclass
class Controle:
    """Everything that stands in the way of setting this version, each with a Dutch message."""

    intake: list[str] = field(default_factory=list)
    inhoud: Uitkomst | None = None
    duo: wet.Validatie | None = None
    regels: list[Uitkomst] = field(default_factory=list)
    overig: list[str] = field(default_factory=list)

    @property
    def meldingen(self) -> list[str]:
        lijst = list(self.intake)
        if self.inhoud is not None:
            lijst += [_("Ontbreekt: %s.") % o for o in self.inhoud.waarde]
        if self.duo is not None:
            lijst += [o.melding for o in self.duo.overtredingen]
        lijst += [r.uitleg for r in self.regels if r.waarde is False]
        return lijst + self.overig

    @property
    def in_orde(self) -> bool:
        return not self.meldingen


def pip_inhoud(versie: PipVersie, dossier: Dossier) -> wet.PipInhoud:
    leerroute = wet_leerroute(versie.leerroute)
    map_nodig = leerroute is not None and map_verplicht(versie).waarde
    redenen = [
        str(Afwijkingsreden(r).label)
        for r in versie.lbt_afwijking_redenen
        if r in Afwijkingsreden.values
    ]
    motivering = "; ".join(filter(None, [", ".join(redenen), versie.lbt_afwijking_toelichting]))
    return wet.PipInhoud(
        doelgroep=wet_doelgroep(dossier),
        leerroute=leerroute,
        ondersteuning_en_begeleiding=bool(versie.ondersteuning_en_begeleiding.strip()),
        intensiteit_pvt_en_map=bool(versie.pvt_intensiteit.strip())
        and (bool(versie.map_intensiteit.strip()) or not map_nodig),
        vve_relevant=bool(versie.regelfeiten.get("vve_relevant")),
        vve_afspraken=bool(versie.vve_afspraken.strip()),
        intensiteit_leerroute=bool(versie.intensiteit_uren_per_week),
        aantal_voortgangsgesprekken=versie.aantal_voortgangsgesprekken,
        zroute_examenkeuze_vastgelegd=bool(versie.zroute_examens),
        bijstand=versie.bijstand,
        participatiewet_beschikkingen_bijgevoegd=bool(versie.participatiewet_beschikkingen.strip()),
        lbt_haalbaar=versie.lbt_haalbaar,
        motivering_afwijking_lbt=motivering,
    )


def map_verplicht(versie: PipVersie) -> Uitkomst:
    leerroute = wet_leerroute(versie.leerroute) or wet.Leerroute.B1
    eerder_onderwijs = bool(versie.regelfeiten.get("taalschakeltraject_gevolgd"))
    return wet.map_verplicht(leerroute=leerroute, taalschakeltraject_gevolgd=eerder_onderwijs)


def pip_bericht(versie: PipVersie, dagtekening: dt.date) -> wet.PipBericht:
    return wet.PipBericht(
        dagtekening,
        wet_leerroute(versie.leerroute) or wet.Leerroute.B1,
        wet.Taalniveau(versie.niveau) if versie.niveau else None,
        versie.geschatte_intensiteit_uren,
    )


def pip_context(dossier: Dossier, toestand: DossierToestand) -> wet.PipContext | None:
    """What DUO knows, from our dossier: start of the plicht is DUO's kennisgeving; settled in
    the gemeente on the BRP registration (or the registration after a move)."""
    if toestand.kennisgeving_datum is None:
        return None
    return wet.PipContext(
        doelgroep=wet_doelgroep(dossier),
        start_plicht=toestand.kennisgeving_datum,
        vestiging_gemeente=toestand.vestiging_datum
        or toestand.brp_inschrijving_datum
        or toestand.kennisgeving_datum,
        dagtekening_initiele_pip=toestand.eerste_pip_dagtekening,
        dagtekening_actuele_pip=toestand.pip_dagtekening,
    )


def controleer(versie: PipVersie, dossier: Dossier | None = None) -> Controle:
    dossier = dossier or versie.pip.dossier
    toestand = toestand_van(dossier)
    controle = Controle()
    eerste = toestand.pip_dagtekening is None
    fase = Fase(toestand.fase) if toestand.fase else None
    if eerste and fase != Fase.PIP_IN_VOORBEREIDING:
        controle.intake.append(
            _("De brede intake is nog niet afgerond (fase: %(fase)s).")
            % {"fase": fase.label if fase else _("nieuw")}
        )
    elif not eerste and volgende_fase(fase, Soort.PIP_VASTGESTELD) is None:
        # The dossier's transition table decides in which phases a new version may be set.
        controle.intake.append(
            _(
                "In fase '%(fase)s' kan geen nieuwe versie van het PIP worden vastgesteld; dat "
                "kan zodra de inburgeraar is aangemeld bij de cursusinstelling."
            )
            % {"fase": fase.label if fase else _("nieuw")}
        )
    intake = bi.intake_van(dossier)
    if eerste and not toestand.intake_zonder_persoon:
        if intake is None:
            controle.intake.append(_("Er is geen brede intake vastgelegd."))
        else:
            ontbreekt = bi.volledigheid(intake)
            if ontbreekt.waarde:
                controle.intake.append(ontbreekt.uitleg)
    controle.inhoud = wet.pip_inhoud_ontbrekend(pip_inhoud(versie, dossier))
    if versie.dagtekening is None:
        controle.overig.append(_("Vul de dagtekening in."))
    else:
        if versie.dagtekening > timezone.localdate():
            controle.overig.append(_("De dagtekening ligt in de toekomst."))
        context = pip_context(dossier, toestand)
        if context is None:
            controle.overig.append(
                _(
                    "De kennisgeving van DUO ontbreekt: zonder start van de inburgeringsplicht "
                    "kan het PIP niet worden vastgesteld."
                )
            )
        elif versie.leerroute:
            controle.duo = wet.valideer_pip(pip_bericht(versie, versie.dagtekening), context)
    controle.regels, fouten = _versieregels(versie, toestand)
    controle.overig += fouten
    if vier_ogen(dossier.gemeente) and versie.status != Status.GOEDGEKEURD:
        controle.overig.append(
            _(
                "Deze gemeente werkt met het vier-ogenprincipe: een tweede medewerker moet het "
                "PIP eerst goedkeuren."
            )
        )
    return controle


def _versieregels(versie: PipVersie, toestand: DossierToestand) -> tuple[list[Uitkomst], list[str]]:
    """The rules for later versions, evaluated on the chosen dagtekening."""
    uitkomsten: list[Uitkomst] = []
    fouten: list[str] = []
    vorige = toestand.leerroute
    datum = versie.dagtekening or timezone.localdate()
    if versie.reden == Reden.VERHUIZING and vorige and versie.leerroute != vorige:
        fouten.append(
            _(
                "Na een verhuizing stelt de nieuwe gemeente het PIP vast met dezelfde leerroute "
                "(Wet inburgering 2021 art. 15 lid 4)."
            )
        )
    if versie.reden in (Reden.EERSTE, Reden.VERHUIZING) or not toestand.eerste_pip_dagtekening:
        return uitkomsten, fouten
    if versie.reden == Reden.SCHAKELEN:
        if versie.leerroute == vorige or not versie.leerroute:
            fouten.append(_("Bij schakelen kiest u een andere leerroute dan de huidige."))
        else:
            uitkomsten.append(
                schakelregel(versie.leerroute, vorige, toestand, datum, versie.regelfeiten)
            )
    elif versie.leerroute != vorige:
        fouten.append(_("De leerroute wijzigt alleen met een nieuwe versie om te schakelen."))
    if versie.reden == Reden.AFSCHALEN:
        if versie.niveau != "A2":
            fouten.append(_("Bij afschalen is het niveau A2."))
        uitkomsten.append(afschaalregel(versie.leerroute, versie.regelfeiten))
    return uitkomsten, fouten


def schakelregel(naar: str, van: str, toestand: DossierToestand, datum: dt.date, feiten: dict):
    termijn = deadlines.inburgeringstermijn(toestand)
    return wet.schakelen_toegestaan(
        van=wet_leerroute(van),
        naar=wet_leerroute(naar),
        termijn_start=termijn.waarde.start,
        datum=datum,
        opleiding_afgerond_na_schakelperiode=bool(feiten.get("opleiding_afgerond")),
        bijzonder_geval=bool(feiten.get("bijzonder_geval")),
    )


def afschaalregel(leerroute: str, feiten: dict) -> Uitkomst:
    return wet.afschalen_toegestaan(
        leerroute=wet_leerroute(leerroute) or wet.Leerroute.B1,
        nt2_uren=feiten.get("nt2_uren", 0),
        nt2_uren_brede_intake=feiten.get("nt2_uren_brede_intake", 0),
        voldoende_inspanning=bool(feiten.get("voldoende_inspanning")),
    )


@dataclass(frozen=True)
class Voorvertoning:
    """Before vaststelling: the PIP deadline and the termijn the chosen dagtekening causes."""

    deadline: Uitkomst | None
    termijn: Uitkomst | None
    na_deadline: bool


def voorvertoning(versie: PipVersie, dossier: Dossier) -> Voorvertoning:
    toestand = toestand_van(dossier)
    deadline = deadlines.pip_deadline(toestand)
    termijn = None
    dagtekening = versie.dagtekening
    if dagtekening:
        eerste = toestand.eerste_pip_dagtekening or dagtekening
        if dagtekening >= eerste:
            termijn = wet.inburgeringstermijn(eerste, dagtekening_huidige_pip=dagtekening)
    uiterlijk = deadline.waarde.uiterlijk if deadline else None
    return Voorvertoning(
        deadline, termijn, bool(dagtekening and uiterlijk and dagtekening > uiterlijk)
    )


# --- vaststelling ------------------------------------------------------------------------------


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
        actueel = _vergrendel(versie, gezien_versie)
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
        _zet_status(actueel, Status.VASTGESTELD, actor, "vastgesteld_door")
        plan_gesprekken(actueel)
        dossier.refresh_from_db()
        levering = _lever(dossier, actueel, actor)
    return Vaststelling(actueel, levering)


def _lever(dossier: Dossier, versie: PipVersie, actor: Gebruiker):
    """The delivery to DUO as an outbox row in the decision's own transaction: it is written
    whatever state DUO is in (DUO is only called by the worker, see koppelingen.duo.leveringen)."""
    from inburgering.koppelingen.duo.leveringen import lever_pip

    return lever_pip(
        dossier,
        dagtekening=versie.dagtekening,
        leerroute=versie.leerroute,
        niveau=versie.niveau or None,
        intensiteit=versie.geschatte_intensiteit_uren,
        actor=actor,
    )


# --- later versions ------------------------------------------------------------------------------


def nieuwe_versie(
    dossier: Dossier,
    *,
    reden: str,
    actor: Gebruiker,
    leerroute: str = "",
    feiten: dict | None = None,
) -> PipVersie:
    """A new draft from the current PIP. Schakelen and afschalen are checked against the rules
    now (on today's date) and again at vaststelling (on the dagtekening)."""
    feiten = dict(feiten or {})
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        pip = pip_van(dossier)
        huidig = vastgestelde_versie(pip)
        if huidig is None:
            raise PipFout(_("Er is nog geen vastgesteld PIP."))
        if concept_van(pip):
            raise PipFout(_("Er is al een conceptversie; werk die eerst af."))
        toestand = toestand_van(dossier)
        vandaag = timezone.localdate()
        niveau = huidig.niveau
        if reden == Reden.SCHAKELEN:
            if not leerroute or leerroute == huidig.leerroute:
                raise PipFout(_("Kies de leerroute waarnaar wordt geschakeld."))
            if huidig.leerroute == Leerroute.ONDERWIJS:
                feiten["taalschakeltraject_gevolgd"] = True
            uitkomst = schakelregel(leerroute, huidig.leerroute, toestand, vandaag, feiten)
            if not uitkomst.waarde:
                raise PipFout(uitkomst.uitleg)
            niveau = {"z": "A2", "onderwijs": "B1"}.get(leerroute, "B1")
        elif reden == Reden.AFSCHALEN:
            uitkomst = afschaalregel(huidig.leerroute, feiten)
            if not uitkomst.waarde:
                raise PipFout(uitkomst.uitleg)
            leerroute, niveau = huidig.leerroute, "A2"
        elif reden == Reden.WIJZIGING:
            leerroute = huidig.leerroute
        else:
            raise PipFout(_("Kies een reden voor de nieuwe versie."))
        nieuw = PipVersie.objects.get(pk=huidig.pk)
        nieuw.pk = None
        nieuw.versienummer = pip.versies.count() + 1
        PIP_STATUS.controleer(None, Status.CONCEPT, fout=PipFout)
        nieuw.status = Status.CONCEPT
        nieuw.reden = reden
        nieuw.leerroute = leerroute
        nieuw.niveau = niveau
        nieuw.regelfeiten = {**huidig.regelfeiten, **feiten}
        nieuw.dagtekening = vandaag
        nieuw.opgesteld_door = actor
        nieuw.bijgewerkt_door = actor
        nieuw.goedgekeurd_door = None
        nieuw.goedgekeurd_op = None
        nieuw.vastgesteld_door = None
        nieuw.versie = 1
        if leerroute == Leerroute.ONDERWIJS or feiten.get("taalschakeltraject_gevolgd"):
            nieuw.map_intensiteit = ""
        if leerroute != Leerroute.B1:
            nieuw.geschatte_intensiteit_uren = None
        nieuw.save()
        _notitie(
            dossier,
            actor,
            "concept",
            _("PIP versie %(n)s opgesteld (concept): %(reden)s.")
            % {"n": nieuw.versienummer, "reden": nieuw.get_reden_display().lower()},
            versie=nieuw.versienummer,
        )
    return nieuw


# --- objections --------------------------------------------------------------------------------


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
        _notitie(
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
        _notitie(
            bezwaar.versie.pip.dossier,
            actor,
            "beslissing_bezwaar",
            _("Beslissing op bezwaar: %(b)s.") % {"b": bezwaar.get_beslissing_display()},
            versie=bezwaar.versie.versienummer,
        )
    return bezwaar


# --- progress conversations ---------------------------------------------------------------


def plan_gesprekken(versie: PipVersie) -> list[Voortgangsgesprek]:
    """Spread the PIP's number of progress conversations evenly over the termijn; conversations
    already held stay as they are, unheld ones are re-planned."""
    pip = versie.pip
    toestand = toestand_van(pip.dossier)
    termijn = deadlines.inburgeringstermijn(toestand)
    aantal = versie.aantal_voortgangsgesprekken or 0
    if termijn is None:
        return []
    start, einde = termijn.waarde.start, termijn.waarde.einde
    bestaand = {g.volgnummer: g for g in pip.voortgangsgesprekken.all()}
    for nummer, gesprek in bestaand.items():
        if nummer > aantal and gesprek.gehouden_op is None:
            gesprek.delete()
    for i in range(1, aantal + 1):
        datum = start + (einde - start) * i / (aantal + 1)
        gesprek = bestaand.get(i)
        if gesprek is None:
            Voortgangsgesprek.objects.create(pip=pip, volgnummer=i, gepland_op=datum)
        elif gesprek.gehouden_op is None and gesprek.gepland_op != datum:
            gesprek.gepland_op = datum
            gesprek.save(update_fields=["gepland_op"])
    return list(pip.voortgangsgesprekken.all())


def leg_gesprek_vast(
    gesprek: Voortgangsgesprek, *, gehouden_op: dt.date, verslag: str, actor: Gebruiker
) -> Voortgangsgesprek:
    if gesprek.gehouden_op:
        raise PipFout(_("Dit gesprek is al vastgelegd."))
    if gehouden_op > timezone.localdate():
        raise PipFout(_("Een gesprek in de toekomst kan nog niet gehouden zijn."))
    dossier = gesprek.pip.dossier
    if dossier.pip_dagtekening and gehouden_op < dossier.pip_dagtekening:
        raise PipFout(_("Het gesprek ligt vóór de vaststelling van het PIP."))
    if not verslag.strip():
        raise PipFout(_("Schrijf een kort verslag van het gesprek."))
    with transaction.atomic():
        gesprek.gehouden_op, gesprek.verslag, gesprek.vastgelegd_door = gehouden_op, verslag, actor
        gesprek.save(update_fields=["gehouden_op", "verslag", "vastgelegd_door"])
        registreer(
            dossier,
            Soort.CONTACT,
            gehouden_op,
            actor=actor,
            gegevens={
                "kanaal": "persoonlijk",
                "pip": "voortgangsgesprek",
                "volgnummer_gesprek": gesprek.volgnummer,
            },
            toelichting=_("Voortgangsgesprek %(n)s: %(v)s")
            % {"n": gesprek.volgnummer, "v": verslag},
        )
    return gesprek
