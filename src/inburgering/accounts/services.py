"""Configuration management by the functioneel beheerder: users, teams and the gemeenten's
local policy, each change recorded in the audit trail (`Configuratiewijziging`).

`leg_wijziging_vast` is the one way to write that trail; other apps (e.g. letter templates)
call it with a snapshot before and after their change (`momentopname`)."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from inburgering.verzoek import huidig_verzoek_id

from .gemeentecodes import PER_CODE
from .models import (
    Configuratiewijziging,
    Gebruiker,
    Gemeente,
    GemeenteConfiguratie,
    Rol,
    Samenwerkingsverband,
    Team,
    cbs_code_validator,
    oin_validator,
)


class Beheerfout(Exception):
    """A change the rules refuse; the message (Dutch, translated) is for the user."""


# -- the audit trail -------------------------------------------------------------------------


def _waarde(waarde: Any) -> Any:
    """A value as JSON: model instances and dates as text, collections sorted."""
    if waarde is None or isinstance(waarde, bool | int | float | str):
        return waarde
    if isinstance(waarde, models.Model):
        return str(waarde)
    if isinstance(waarde, dt.date | dt.datetime | dt.time | decimal.Decimal | uuid.UUID):
        return str(waarde)
    if isinstance(waarde, Mapping):
        return {str(k): _waarde(v) for k, v in waarde.items()}
    if isinstance(waarde, Iterable):
        return sorted((_waarde(v) for v in waarde), key=str)
    return str(waarde)


def momentopname(object: models.Model, velden: Iterable[str]) -> dict[str, Any]:
    """The current values of `velden` of `object` (a many-to-many field as the sorted names of
    its objects, a foreign key as its object's name), ready for `leg_wijziging_vast`."""
    uit = {}
    for veld in velden:
        waarde = getattr(object, veld)
        if isinstance(waarde, models.Manager):
            waarde = list(waarde.all()) if object.pk else []
        uit[veld] = _waarde(waarde)
    return uit


def _gemeente_van(object: models.Model) -> Gemeente | None:
    if isinstance(object, Gemeente):
        return object
    gemeente = getattr(object, "gemeente", None)
    return gemeente if isinstance(gemeente, Gemeente) else None


def leg_wijziging_vast(
    actor: Gebruiker,
    object: models.Model,
    oud: Mapping[str, Any],
    nieuw: Mapping[str, Any],
    *,
    gemeente: Gemeente | None = None,
) -> Configuratiewijziging | None:
    """Record that `actor` changed `object` from `oud` to `nieuw` ({field: value}; a field only
    in `nieuw` was created, only in `oud` removed). Only fields whose value differs are kept;
    nothing changed, nothing written (None). `gemeente`: whose trail this belongs to; by
    default the object's own (`object.gemeente`, or the object when it is a gemeente). Call it
    inside the transaction that makes the change, after the change is saved (the object needs
    its primary key)."""
    oud_json = {k: _waarde(v) for k, v in oud.items()}
    nieuw_json = {k: _waarde(v) for k, v in nieuw.items()}
    wijzigingen = {
        veld: {"oud": oud_json.get(veld), "nieuw": nieuw_json.get(veld)}
        for veld in sorted(set(oud_json) | set(nieuw_json))
        if oud_json.get(veld) != nieuw_json.get(veld)
    }
    if not wijzigingen:
        return None
    verzoek = huidig_verzoek_id.get()
    return Configuratiewijziging.objects.create(
        actor=actor,
        actor_naam=f"{actor.weergavenaam} ({actor.username})"[:300],
        gemeente=gemeente or _gemeente_van(object),
        soort=object._meta.label_lower,
        object_id=str(object.pk),
        object_omschrijving=str(object)[:300],
        wijzigingen=wijzigingen,
        verzoek_id=str(verzoek) if verzoek else "",
    )


# -- what a beheerder may see and change ------------------------------------------------------


def gemeenten_van_beheerder(beheerder: Gebruiker):
    return beheerder.gemeenten.all()


def gebruikers_voor(beheerder: Gebruiker):
    """Users sharing at least one gemeente with the beheerder (others are not confirmed: 404)."""
    return (
        Gebruiker.objects.filter(gemeenten__in=gemeenten_van_beheerder(beheerder))
        .distinct()
        .select_related("team__gemeente")
        .prefetch_related("gemeenten")
        .order_by("last_name", "first_name", "username")
    )


def teams_voor(beheerder: Gebruiker):
    return Team.objects.filter(gemeente__in=gemeenten_van_beheerder(beheerder)).select_related(
        "gemeente"
    )


def wijzigingen_voor(beheerder: Gebruiker):
    return Configuratiewijziging.objects.filter(gemeente__in=gemeenten_van_beheerder(beheerder))


GEBRUIKER_VELDEN = ("username", "first_name", "last_name", "email", "rol", "gemeenten", "team",
                    "is_active")  # fmt: skip
TEAM_VELDEN = ("naam", "gemeente")
GEMEENTE_VELDEN = ("cbs_code", "naam", "oin", "samenwerkingsverbanden")
CONFIGURATIE_VELDEN = (
    "caseload_norm",
    "consulent_alleen_eigen_caseload",
    "norm_eerste_contact_dagen",
    "contact_signalering_weken",
    "contactpersoon_aan_duo",
    "portaal_kinderen",
    "contact_bereikbaar",
)


def _gedeelde_gemeente(beheerder: Gebruiker, gebruiker: Gebruiker) -> Gemeente | None:
    eigen = set(gemeenten_van_beheerder(beheerder).values_list("pk", flat=True))
    return next((g for g in gebruiker.gemeenten.order_by("cbs_code") if g.pk in eigen), None)


def _controleer_team(team: Team | None, gemeenten: Iterable[Gemeente]) -> None:
    if team is not None and team.gemeente not in list(gemeenten):
        raise Beheerfout(_("Het team hoort bij een gemeente die deze medewerker niet heeft."))


@transaction.atomic
def maak_gebruiker(
    beheerder: Gebruiker,
    *,
    username: str,
    wachtwoord: str,
    rol: str,
    gemeenten: Iterable[Gemeente],
    team: Team | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> Gebruiker:
    """A local account (small gemeenten without their own identity provider); gemeenten only
    from the beheerder's own."""
    gemeenten = list(gemeenten)
    eigen = set(gemeenten_van_beheerder(beheerder))
    if not gemeenten or not set(gemeenten) <= eigen:
        raise Beheerfout(_("Kies minstens één gemeente waarvoor u beheerder bent."))
    if rol not in Rol.values:
        raise Beheerfout(_("Onbekende rol."))
    _controleer_team(team, gemeenten)
    gebruiker = Gebruiker.objects.create_user(
        username=username,
        password=wachtwoord,
        rol=rol,
        team=team,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    gebruiker.gemeenten.set(gemeenten)
    leg_wijziging_vast(
        beheerder,
        gebruiker,
        {},
        momentopname(gebruiker, GEBRUIKER_VELDEN),
        gemeente=_gedeelde_gemeente(beheerder, gebruiker),
    )
    return gebruiker


@transaction.atomic
def wijzig_gebruiker(
    beheerder: Gebruiker,
    gebruiker: Gebruiker,
    *,
    rol: str,
    gemeenten: Iterable[Gemeente],
    team: Team | None,
    is_active: bool,
) -> Configuratiewijziging | None:
    """Role, gemeenten (within the beheerder's own; others the user has stay), team, active.
    A user from the identity provider keeps the provider's role and gemeenten (the next login
    would overwrite them): only team and active change. Nobody deactivates themselves."""
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    oud = momentopname(gebruiker, GEBRUIKER_VELDEN)
    eigen = set(gemeenten_van_beheerder(beheerder))
    gekozen = set(gemeenten)
    if not gekozen <= eigen:
        raise Beheerfout(_("Kies alleen gemeenten waarvoor u beheerder bent."))
    if gebruiker.pk == beheerder.pk and not is_active:
        raise Beheerfout(_("U kunt uw eigen account niet uitzetten."))
    if gebruiker.via_idp:
        nieuwe_gemeenten = list(gebruiker.gemeenten.all())
    else:
        if rol not in Rol.values:
            raise Beheerfout(_("Onbekende rol."))
        nieuwe_gemeenten = [g for g in gebruiker.gemeenten.all() if g not in eigen] + sorted(
            gekozen, key=lambda g: g.cbs_code
        )
        if not nieuwe_gemeenten:
            raise Beheerfout(_("Een medewerker heeft minstens één gemeente."))
        gebruiker.rol = rol
        gebruiker.gemeenten.set(nieuwe_gemeenten)
    _controleer_team(team, nieuwe_gemeenten)
    gebruiker.team = team
    gebruiker.is_active = is_active
    gebruiker.save(update_fields=["rol", "team", "is_active"])
    return leg_wijziging_vast(
        beheerder,
        gebruiker,
        oud,
        momentopname(gebruiker, GEBRUIKER_VELDEN),
        gemeente=_gedeelde_gemeente(beheerder, gebruiker),
    )


@transaction.atomic
def bewaar_team(beheerder: Gebruiker, team: Team | None, *, gemeente: Gemeente, naam: str) -> Team:
    """A new team (team None) or a renamed one, in one of the beheerder's gemeenten."""
    if gemeente not in set(gemeenten_van_beheerder(beheerder)):
        raise Beheerfout(_("Kies een gemeente waarvoor u beheerder bent."))
    naam = naam.strip()
    dubbel = Team.objects.filter(gemeente=gemeente, naam__iexact=naam)
    if team is not None:
        dubbel = dubbel.exclude(pk=team.pk)
    if dubbel.exists():
        raise Beheerfout(_("Deze gemeente heeft al een team met die naam."))
    oud = momentopname(team, TEAM_VELDEN) if team else {}
    if team is None:
        team = Team(gemeente=gemeente)
    elif team.gemeente_id != gemeente.pk and team.leden.exists():
        raise Beheerfout(_("Een team met leden verhuist niet naar een andere gemeente."))
    team.gemeente, team.naam = gemeente, naam
    team.save()
    leg_wijziging_vast(beheerder, team, oud, momentopname(team, TEAM_VELDEN))
    return team


@transaction.atomic
def wijzig_configuratie(
    beheerder: Gebruiker, gemeente: Gemeente, waarden: Mapping[str, Any]
) -> Configuratiewijziging | None:
    """The gemeente's local policy (the law itself is not configurable)."""
    if gemeente not in set(gemeenten_van_beheerder(beheerder)):
        raise Beheerfout(_("Kies een gemeente waarvoor u beheerder bent."))
    configuratie, _nieuw = GemeenteConfiguratie.objects.select_for_update().get_or_create(
        gemeente=gemeente
    )
    oud = momentopname(configuratie, CONFIGURATIE_VELDEN)
    for veld in CONFIGURATIE_VELDEN:
        if veld in waarden:
            setattr(configuratie, veld, waarden[veld])
    configuratie.full_clean()
    configuratie.save()
    return leg_wijziging_vast(
        beheerder, configuratie, oud, momentopname(configuratie, CONFIGURATIE_VELDEN)
    )


# -- gemeenten ----------------------------------------------------------------------------------


def mag_gemeente_toevoegen(gebruiker: Gebruiker) -> bool:
    """Adding a gemeente to the installation: a beheerder with permission
    `accounts.add_gemeente` (the installation's functioneel beheerder; a superuser has it), not
    every gemeente's beheerder (docs/adr/0033)."""
    return (
        gebruiker.is_active
        and gebruiker.rol == Rol.BEHEERDER
        and gebruiker.has_perm("accounts.add_gemeente")
    )


def _controleer_gemeentegegevens(naam: str, oin: str) -> None:
    if not naam:
        raise Beheerfout(_("Vul de naam van de gemeente in."))
    if oin:
        try:
            oin_validator(oin)
        except ValidationError:
            raise Beheerfout(_("Een OIN bestaat uit 20 cijfers.")) from None


@transaction.atomic
def maak_gemeente(
    beheerder: Gebruiker,
    *,
    cbs_code: str,
    naam: str = "",
    oin: str = "",
    samenwerkingsverbanden: Iterable[Samenwerkingsverband] = (),
) -> Gemeente:
    """A gemeente with a CBS code from the known list (`gemeentecodes`), its name (empty: the
    list's), its configuration (the defaults) and its regional services. The beheerder who adds
    it gets it among their gemeenten (to configure it and add its first users). Everything in
    the trail: the gemeente, its configuration and the beheerder's gemeenten."""
    if not mag_gemeente_toevoegen(beheerder):
        raise Beheerfout(_("U mag geen gemeenten toevoegen."))
    cbs_code = cbs_code.strip()
    try:
        cbs_code_validator(cbs_code)
    except ValidationError:
        raise Beheerfout(_("Een CBS-gemeentecode bestaat uit 4 cijfers.")) from None
    bekend = PER_CODE.get(cbs_code)
    if bekend is None:
        raise Beheerfout(
            _("CBS-code %(code)s is geen bekende gemeente. Controleer de code bij het CBS.")
            % {"code": cbs_code}
        )
    if Gemeente.objects.filter(cbs_code=cbs_code).exists():
        raise Beheerfout(
            _("Gemeente %(code)s bestaat al in deze installatie.") % {"code": cbs_code}
        )
    naam, oin = (naam.strip() or bekend.naam), oin.strip()
    _controleer_gemeentegegevens(naam, oin)
    gemeente = Gemeente.objects.create(cbs_code=cbs_code, naam=naam, oin=oin)
    gemeente.samenwerkingsverbanden.set(samenwerkingsverbanden)
    leg_wijziging_vast(beheerder, gemeente, {}, momentopname(gemeente, GEMEENTE_VELDEN))
    configuratie, _nieuw = GemeenteConfiguratie.objects.get_or_create(gemeente=gemeente)
    leg_wijziging_vast(beheerder, configuratie, {}, momentopname(configuratie, CONFIGURATIE_VELDEN))
    oud = momentopname(beheerder, GEBRUIKER_VELDEN)
    beheerder.gemeenten.add(gemeente)
    leg_wijziging_vast(
        beheerder, beheerder, oud, momentopname(beheerder, GEBRUIKER_VELDEN), gemeente=gemeente
    )
    return gemeente


# -- regional services (Samenwerkingsverband) ------------------------------------------------

SAMENWERKINGSVERBAND_VELDEN = ("naam", "oin", "gemeenten")


def samenwerkingsverbanden_voor(beheerder: Gebruiker):
    """The regional services serving at least one of the beheerder's gemeenten (others are not
    confirmed: 404), with their gemeenten."""
    return (
        Samenwerkingsverband.objects.filter(gemeenten__in=gemeenten_van_beheerder(beheerder))
        .distinct()
        .prefetch_related("gemeenten")
        .order_by("naam")
    )


def mag_samenwerkingsverband_beheren(gebruiker: Gebruiker) -> bool:
    """A regional service spans gemeenten and its OIN receives DUO's messages for all of them:
    the installation's functioneel beheerder (permission `accounts.add_gemeente`, as for adding
    a gemeente, ADR 0033) creates and changes it, not every gemeente's beheerder."""
    return mag_gemeente_toevoegen(gebruiker)


def _controleer_samenwerkingsverband(
    verband: Samenwerkingsverband, naam: str, oin: str, gemeenten: list[Gemeente]
) -> None:
    if not naam:
        raise Beheerfout(_("Vul de naam van de regionale dienst in."))
    if Samenwerkingsverband.objects.filter(naam__iexact=naam).exclude(pk=verband.pk).exists():
        raise Beheerfout(_("Er is al een regionale dienst met de naam %(naam)s.") % {"naam": naam})
    if oin:
        try:
            oin_validator(oin)
        except ValidationError:
            raise Beheerfout(_("Een OIN bestaat uit 20 cijfers.")) from None
        if Samenwerkingsverband.objects.filter(oin=oin).exclude(pk=verband.pk).exists():
            raise Beheerfout(_("Dit OIN hoort al bij een andere regionale dienst."))
    if not gemeenten:
        raise Beheerfout(_("Kies de gemeenten waarvoor de regionale dienst werkt."))


@transaction.atomic
def bewaar_samenwerkingsverband(
    beheerder: Gebruiker,
    verband: Samenwerkingsverband | None,
    *,
    naam: str,
    oin: str,
    gemeenten: Iterable[Gemeente],
) -> Samenwerkingsverband:
    """Create (`verband` None) or change a regional service: its name, OIN (DUO's messages to
    that OIN are the service's gemeenten's) and the gemeenten it works for, chosen among the
    beheerder's own; gemeenten outside them stay as they are. The change is in the trail of
    every gemeente it concerns."""
    if not mag_samenwerkingsverband_beheren(beheerder):
        raise Beheerfout(_("U mag geen regionale diensten beheren."))
    eigen = set(gemeenten_van_beheerder(beheerder))
    gekozen = set(gemeenten)
    if not gekozen <= eigen:
        raise Beheerfout(_("Kies een gemeente waarvoor u beheerder bent."))
    if verband is None:
        verband, oud, blijven = Samenwerkingsverband(), {}, set()
    else:
        verband = Samenwerkingsverband.objects.select_for_update().get(pk=verband.pk)
        oud = momentopname(verband, SAMENWERKINGSVERBAND_VELDEN)
        blijven = set(verband.gemeenten.all()) - eigen
    naam, oin = naam.strip(), oin.strip()
    leden = sorted(gekozen | blijven, key=lambda g: g.cbs_code)
    _controleer_samenwerkingsverband(verband, naam, oin, leden)
    betrokken = set(verband.gemeenten.all()) if verband.pk else set()
    verband.naam, verband.oin = naam, oin
    verband.save()
    verband.gemeenten.set(leden)
    nieuw = momentopname(verband, SAMENWERKINGSVERBAND_VELDEN)
    for gemeente in sorted(betrokken | set(leden), key=lambda g: g.cbs_code):
        leg_wijziging_vast(beheerder, verband, oud, nieuw, gemeente=gemeente)
    return verband


@transaction.atomic
def wijzig_gemeente(
    beheerder: Gebruiker,
    gemeente: Gemeente,
    *,
    naam: str,
    oin: str,
    samenwerkingsverbanden: Iterable[Samenwerkingsverband],
) -> Configuratiewijziging | None:
    """Name, OIN and regional services of one of the beheerder's gemeenten. The CBS code stays:
    it is the gemeente's key towards DUO and CBS."""
    if gemeente not in set(gemeenten_van_beheerder(beheerder)):
        raise Beheerfout(_("Kies een gemeente waarvoor u beheerder bent."))
    gemeente = Gemeente.objects.select_for_update().get(pk=gemeente.pk)
    oud = momentopname(gemeente, GEMEENTE_VELDEN)
    naam, oin = naam.strip(), oin.strip()
    _controleer_gemeentegegevens(naam, oin)
    gemeente.naam, gemeente.oin = naam, oin
    gemeente.save(update_fields=["naam", "oin"])
    gemeente.samenwerkingsverbanden.set(samenwerkingsverbanden)
    return leg_wijziging_vast(beheerder, gemeente, oud, momentopname(gemeente, GEMEENTE_VELDEN))
