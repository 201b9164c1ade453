"""Linking and unlinking an organisation to a dossier. The records that cause an involvement
(a placement, an MB assignment, ontzorgen, a COA handover) call these in their own transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.accounts import services as accounts_services
from inburgering.accounts.models import Gebruiker, Rol
from inburgering.accounts.services import leg_wijziging_vast, momentopname
from inburgering.dossiers import panelen
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.workflow import Soort
from inburgering.intake import brede_intake
from inburgering.intake.models import BredeIntake, Gezondheid, Intakeversie, Verslag
from inburgering.wet import IntakeOnderdeel

from .models import (
    Betrokkenheid,
    Clientprofiel,
    Examenwens,
    Grond,
    Medewerker,
    Organisatie,
    Organisatiesoort,
    Profielstatus,
    Voortgangsnotitie,
)


def koppel(
    organisatie: Organisatie, dossier: Dossier, grond: Grond, *, bron: str, begin: dt.date
) -> Betrokkenheid:
    """Start (or reopen) the organisation's involvement for `bron`; idempotent. What the
    organisation may see changes without a fact of its own (a hand-made involvement): the
    gemeente's kept lists are renewed after the commit (`panelen`, the API's lists, ADR 0040)."""
    if not organisatie.gemeenten.filter(pk=dossier.gemeente_id).exists():
        raise ValidationError(
            _("%(organisatie)s werkt niet voor de gemeente van dit dossier.")
            % {"organisatie": organisatie.naam}
        )
    betrokkenheid, nieuw = Betrokkenheid.objects.get_or_create(
        organisatie=organisatie,
        dossier=dossier,
        grond=grond,
        bron=bron,
        defaults={"begin": begin},
    )
    gewijzigd = nieuw
    if not nieuw and (betrokkenheid.einde is not None or betrokkenheid.begin > begin):
        betrokkenheid.einde = None
        betrokkenheid.begin = min(betrokkenheid.begin, begin)
        betrokkenheid.save(update_fields=["einde", "begin"])
        gewijzigd = True
    if gewijzigd:
        panelen.gewijzigd_na_commit(dossier.gemeente_id)
    return betrokkenheid


def ontkoppel(dossier: Dossier, *, bron: str, einde: dt.date) -> int:
    """End every open involvement caused by `bron` on `einde` (inclusive); returns how many.
    The gemeente's kept lists are renewed after the commit, as after `koppel`."""
    aantal = (
        Betrokkenheid.objects.filter(dossier=dossier, bron=bron, einde__isnull=True)
        .filter(begin__lte=einde)
        .update(einde=einde)
    )
    if aantal:
        panelen.gewijzigd_na_commit(dossier.gemeente_id)
    return aantal


def beeindig_alle(dossier: Dossier, *, einde: dt.date) -> int:
    """End every open involvement in the dossier on `einde` (inclusive), whatever caused it:
    the person moved out of the gemeente (`haken.na_verhuizing`). One that began later ends on
    its first day. Returns how many; the kept lists are renewed as after `ontkoppel`."""
    open_ = Betrokkenheid.objects.filter(dossier=dossier, einde__isnull=True)
    aantal = open_.filter(begin__lte=einde).update(einde=einde)
    aantal += open_.filter(begin__gt=einde).update(einde=F("begin"))
    if aantal:
        panelen.gewijzigd_na_commit(dossier.gemeente_id)
    return aantal


class Partnerfout(OngeldigeGebeurtenis):
    """The partner's action does not fit; the message is Dutch and meant for the user."""


def betrokkenheid_van(organisatie: Organisatie, dossier: Dossier, grond: Grond | None = None):
    """The organisation's active involvement in the dossier today (for `grond`), or None."""
    rijen = Betrokkenheid.objects.actief_op(timezone.localdate()).filter(
        organisatie=organisatie, dossier=dossier
    )
    if grond is not None:
        rijen = rijen.filter(grond=grond)
    return rijen.order_by("begin", "pk").first()


def betrokkenen(dossier: Dossier):
    """Every involvement of the dossier, current first, for the consulent's page."""
    return (
        Betrokkenheid.objects.filter(dossier=dossier)
        .select_related("organisatie")
        .order_by(F("einde").desc(nulls_first=True), "-begin", "pk")
    )


# --- the gemeente links a partner by hand (COA handover, MB until its app does it) ------------

HANDMATIGE_GRONDEN = {
    Organisatiesoort.COA: Grond.COA_OVERDRACHT,
    Organisatiesoort.BEGELEIDING: Grond.BEGELEIDING,
    Organisatiesoort.BUDGETBEHEER: Grond.ONTZORGEN,
    Organisatiesoort.WERKGEVER: Grond.PARTICIPATIE,
}


def betrek(
    organisatie: Organisatie, dossier: Dossier, *, begin: dt.date, actor: Gebruiker
) -> Betrokkenheid:
    """The consulent involves an organisation (not a language school: placements do that).
    `bron` names the gemeente's decision, so ending it ends only this involvement."""
    grond = HANDMATIGE_GRONDEN.get(Organisatiesoort(organisatie.soort))
    if grond is None:
        raise Partnerfout(
            _("Een taalaanbieder wordt betrokken door de plaatsing, niet met de hand.")
        )
    if begin > timezone.localdate():
        raise Partnerfout(_("De begindatum ligt in de toekomst."))
    with transaction.atomic():
        return koppel(organisatie, dossier, grond, bron=f"gemeente:{grond}", begin=begin)


def beeindig(betrokkenheid: Betrokkenheid, *, einde: dt.date) -> None:
    if not betrokkenheid.bron.startswith("gemeente:"):
        raise Partnerfout(
            _("Deze betrokkenheid eindigt met de plaatsing of regeling die haar veroorzaakte.")
        )
    if einde < betrokkenheid.begin:
        raise Partnerfout(_("De einddatum ligt vóór de begindatum."))
    ontkoppel(betrokkenheid.dossier, bron=betrokkenheid.bron, einde=einde)


# --- what partners report -------------------------------------------------------------------


def schrijf_voortgang(
    betrokkenheid: Betrokkenheid, *, datum: dt.date, onderwerp: str, tekst: str, actor: Gebruiker
) -> Voortgangsnotitie:
    """A progress note of maatschappelijke begeleiding, with its event on the dossier."""
    if datum > timezone.localdate():
        raise Partnerfout(_("De datum ligt in de toekomst."))
    if datum < betrokkenheid.begin:
        raise Partnerfout(_("De datum ligt vóór het begin van de begeleiding."))
    with transaction.atomic():
        notitie = Voortgangsnotitie.objects.create(
            betrokkenheid=betrokkenheid,
            datum=datum,
            onderwerp=onderwerp.strip(),
            tekst=tekst.strip(),
            geschreven_door=actor,
        )
        registreer(
            betrokkenheid.dossier,
            Soort.PARTNER_VOORTGANG,
            datum,
            actor=actor,
            gegevens={
                "organisatie": betrokkenheid.organisatie.naam,
                "notitie": notitie.pk,
                "onderwerp": notitie.onderwerp,
            },
            toelichting=notitie.tekst,
        )
    return notitie


def meld_examenwens(
    betrokkenheid: Betrokkenheid,
    *,
    onderdeel: str,
    verwacht_op: dt.date,
    toelichting: str,
    actor: Gebruiker,
) -> Examenwens:
    vandaag = timezone.localdate()
    if verwacht_op < vandaag:
        raise Partnerfout(_("De verwachte datum ligt in het verleden."))
    if verwacht_op > vandaag + dt.timedelta(days=3 * 366):
        raise Partnerfout(_("De verwachte datum ligt meer dan drie jaar vooruit."))
    with transaction.atomic():
        wens = Examenwens.objects.create(
            betrokkenheid=betrokkenheid,
            onderdeel=onderdeel,
            verwacht_op=verwacht_op,
            toelichting=toelichting.strip(),
            gemeld_door=actor,
        )
        registreer(
            betrokkenheid.dossier,
            Soort.EXAMENWENS,
            vandaag,
            actor=actor,
            gegevens={
                "organisatie": betrokkenheid.organisatie.naam,
                "onderdeel": wens.get_onderdeel_display(),
                "verwacht_op": f"{verwacht_op:%d-%m-%Y}",
            },
            toelichting=wens.toelichting,
        )
    return wens


# --- the COA's warm handover ------------------------------------------------------------------

PROFIEL_VELDEN = (
    "talen",
    "opleiding",
    "werkervaring",
    "voorkeuren",
    "azc_contact",
    "toestemming_gezondheid",
    "gezondheid",
)


def bewaar_profiel(betrokkenheid: Betrokkenheid, *, actor: Gebruiker, **velden) -> Clientprofiel:
    """The COA's draft; health only with the date consent was given (else refused)."""
    if betrokkenheid.grond != Grond.COA_OVERDRACHT:
        raise Partnerfout(_("Alleen het COA draagt een cliëntprofiel over."))
    if (velden.get("gezondheid") or "").strip() and not velden.get("toestemming_gezondheid"):
        raise Partnerfout(
            _("Gezondheid delen kan alleen met toestemming van de persoon; vul de datum in.")
        )
    toestemming = velden.get("toestemming_gezondheid")
    if toestemming and toestemming > timezone.localdate():
        raise Partnerfout(_("De datum van de toestemming ligt in de toekomst."))
    with transaction.atomic():
        profiel, _nieuw = Clientprofiel.objects.select_for_update().get_or_create(
            betrokkenheid=betrokkenheid
        )
        if profiel.status != Profielstatus.CONCEPT:
            raise Partnerfout(
                _("Het profiel is al overgedragen en kan niet meer worden gewijzigd.")
            )
        for veld in PROFIEL_VELDEN:
            if veld in velden:
                waarde = velden[veld]
                setattr(profiel, veld, waarde.strip() if isinstance(waarde, str) else waarde)
        profiel.bijgewerkt_door = actor
        profiel.save()
    return profiel


def draag_over(profiel: Clientprofiel, *, actor: Gebruiker) -> Clientprofiel:
    """The COA hands the profile to the gemeente: a draft for the brede intake, an event on the
    dossier, and no more changes by the COA."""
    with transaction.atomic():
        profiel = Clientprofiel.objects.select_for_update().get(pk=profiel.pk)
        if profiel.status != Profielstatus.CONCEPT:
            raise Partnerfout(_("Het profiel is al overgedragen."))
        if not any(getattr(profiel, v) for v in ("talen", "opleiding", "werkervaring")):
            raise Partnerfout(
                _("Vul minstens talen, opleiding of werkervaring in voordat u overdraagt.")
            )
        vandaag = timezone.localdate()
        profiel.status = Profielstatus.OVERGEDRAGEN
        profiel.overgedragen_op = vandaag
        profiel.save(update_fields=["status", "overgedragen_op", "bijgewerkt_op"])
        betrokkenheid = profiel.betrokkenheid
        registreer(
            betrokkenheid.dossier,
            Soort.CLIENTPROFIEL_COA,
            vandaag,
            actor=actor,
            gegevens={"organisatie": betrokkenheid.organisatie.naam, "profiel": profiel.pk},
        )
    return profiel


def profiel_voor(dossier: Dossier) -> Clientprofiel | None:
    """The newest handed-over profile of the dossier (for the consulent)."""
    return (
        Clientprofiel.objects.filter(betrokkenheid__dossier=dossier)
        .exclude(status=Profielstatus.CONCEPT)
        .select_related("betrokkenheid__organisatie")
        .order_by("-overgedragen_op", "-pk")
        .first()
    )


def _tekst_uit(*delen: tuple[str, str]) -> str:
    return "\n".join(f"{kop}: {waarde}" for kop, waarde in delen if waarde.strip())


def intake_teksten(profiel: Clientprofiel) -> dict[str, str]:
    """What the profile contributes per topic of the brede intake (wet.IntakeOnderdeel)."""
    herkomst = _("Overgenomen uit het cliëntprofiel van het COA (%(d)s).") % {
        "d": f"{profiel.overgedragen_op:%d-%m-%Y}" if profiel.overgedragen_op else ""
    }
    teksten = {
        IntakeOnderdeel.ONDERWIJS_EN_WERKERVARING.value: _tekst_uit(
            (_("Opleiding"), profiel.opleiding), (_("Werkervaring"), profiel.werkervaring)
        ),
        IntakeOnderdeel.TAALNIVEAU.value: _tekst_uit((_("Talen"), profiel.talen)),
        IntakeOnderdeel.PERSOONLIJKE_OMSTANDIGHEDEN.value: _tekst_uit(
            (_("Wensen en voorkeuren"), profiel.voorkeuren),
            (_("Contactpersoon azc"), profiel.azc_contact),
        ),
    }
    return {k: f"{v}\n\n{herkomst}" for k, v in teksten.items() if v}


@dataclass(frozen=True)
class Overname:
    overgenomen: list[str]
    overgeslagen: list[str]
    gezondheid: bool


def neem_over(profiel: Clientprofiel, *, actor: Gebruiker) -> Overname:
    """The consulent accepts the handover: each topic of the brede intake that is still empty
    gets the profile's text; a topic with text is left as it is and named in the result (never
    overwritten silently). Health only with consent, and only into an empty health record."""
    with transaction.atomic():
        profiel = Clientprofiel.objects.select_for_update().get(pk=profiel.pk)
        if profiel.status != Profielstatus.OVERGEDRAGEN:
            raise Partnerfout(_("Dit profiel is niet (meer) overgedragen."))
        dossier = profiel.betrokkenheid.dossier
        intake, _nieuw = BredeIntake.objects.get_or_create(
            dossier=dossier, defaults={"versie": Intakeversie.UITGEBREID}
        )
        overgenomen, overgeslagen = [], []
        for sleutel, tekst in intake_teksten(profiel).items():
            bestaand = Verslag.objects.filter(intake=intake, onderwerp=sleutel).first()
            if bestaand is not None and bestaand.tekst.strip():
                overgeslagen.append(sleutel)
                continue
            brede_intake.bewaar_verslag(
                intake,
                sleutel,
                tekst,
                gezien_versie=bestaand.versie if bestaand else 0,
                actor=actor,
            )
            overgenomen.append(sleutel)
        gezondheid = False
        if profiel.gezondheid.strip() and profiel.toestemming_gezondheid:
            record = Gezondheid.objects.filter(intake=intake).first()
            if record is None or not record.tekst.strip():
                brede_intake.bewaar_gezondheid(
                    intake,
                    profiel.gezondheid,
                    gezien_versie=record.versie if record else 0,
                    actor=actor,
                )
                gezondheid = True
        profiel.status = Profielstatus.OVERGENOMEN
        profiel.overgenomen_op = timezone.localdate()
        profiel.overgenomen_door = actor
        profiel.save(
            update_fields=["status", "overgenomen_op", "overgenomen_door", "bijgewerkt_op"]
        )
    return Overname(overgenomen, overgeslagen, gezondheid)


# --- the gemeente's management of partners ----------------------------------------------------


def organisaties_voor(beheerder: Gebruiker):
    """Partner organisations working for at least one of the beheerder's gemeenten."""
    return (
        Organisatie.objects.filter(gemeenten__in=beheerder.gemeenten.all())
        .distinct()
        .prefetch_related("gemeenten")
        .order_by("naam")
    )


def bewaar_organisatie(beheerder: Gebruiker, organisatie: Organisatie, gemeenten) -> Organisatie:
    """Create or change an organisation; the beheerder links or unlinks only their own
    gemeenten (another gemeente's link stays as it is). In the trail of configuration changes."""
    eigen = set(beheerder.gemeenten.all())
    gekozen = set(gemeenten)
    if not gekozen or not gekozen <= eigen:
        raise Partnerfout(_("Kies minstens één gemeente waarvoor u beheerder bent."))
    velden = ("naam", "soort", "kvk_nummer", "oin", "aanbieder", "actief", "gemeenten")
    with transaction.atomic():
        oud = (
            momentopname(Organisatie.objects.get(pk=organisatie.pk), velden)
            if organisatie.pk
            else {}
        )
        try:
            organisatie.full_clean(exclude=["gemeenten"])
        except ValidationError as exc:
            raise Partnerfout(" ".join(exc.messages)) from exc
        organisatie.save()
        anders = set(organisatie.gemeenten.all()) - eigen
        organisatie.gemeenten.set(gekozen | anders)
        leg_wijziging_vast(
            beheerder,
            organisatie,
            oud,
            momentopname(organisatie, velden),
            gemeente=sorted(gekozen, key=lambda g: g.cbs_code)[0],
        )
    return organisatie


def voeg_medewerker_toe(beheerder: Gebruiker, organisatie: Organisatie, **gegevens) -> Medewerker:
    """A local account with role partner for the organisation (an identity provider's login
    works as for staff: the account is matched by its `oidc_subject`, docs/adr/0017)."""
    gemeenten = set(organisatie.gemeenten.all()) & set(beheerder.gemeenten.all())
    with transaction.atomic():
        try:
            gebruiker = accounts_services.maak_gebruiker(
                beheerder, rol=Rol.PARTNER, gemeenten=gemeenten, **gegevens
            )
        except accounts_services.Beheerfout as exc:
            raise Partnerfout(str(exc)) from exc
        return Medewerker.objects.create(gebruiker=gebruiker, organisatie=organisatie)
