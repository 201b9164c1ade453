"""The caseload query: which dossiers a list shows, filtered and sorted in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Rol
from inburgering.accounts.toegang import dossiers_voor

from .workflow import Fase

#: A deadline within this many days is "at risk".
RISICO_DAGEN = 14

SCOPES = {"mijn": _("Mijn caseload"), "team": _("Mijn team"), "gemeente": _("Gemeente")}
DEADLINE_STATUS = {
    "verlopen": _("Verlopen"),
    "risico": _("Dreigt te verlopen"),
    "op_schema": _("Op schema"),
}
SORTERINGEN = {
    "deadline": (F("pip_deadline").asc(nulls_last=True), "inburgeraar__geslachtsnaam", "id"),
    "naam": ("inburgeraar__geslachtsnaam", "inburgeraar__voornamen", "id"),
    "fase": ("fase", "fase_sinds", "id"),
    "contact": (F("laatste_contact").asc(nulls_first=True), "id"),
    "nieuw": ("-aangemaakt_op", "-id"),
}


@dataclass(frozen=True)
class Filters:
    scope: str = "mijn"
    gemeente: int | None = None
    fase: str = ""
    doelgroep: str = ""
    deadline: str = ""
    geen_contact_weken: int | None = None
    sorteer: str = "deadline"
    zoek: str = ""
    open_alleen: bool = True


def standaard_scope(user: Gebruiker) -> str:
    return {Rol.CONSULENT: "mijn", Rol.TEAMLEIDER: "team"}.get(user.rol, "gemeente")


def caseload(user: Gebruiker, filters: Filters, vandaag: dt.date | None = None) -> QuerySet:
    vandaag = vandaag or timezone.localdate()
    qs = dossiers_voor(user)
    if filters.scope == "mijn":
        qs = qs.filter(consulent=user)
    elif filters.scope == "team":
        qs = qs.filter(consulent__team=user.team) if user.team_id else qs.none()
    if filters.gemeente:
        qs = qs.filter(gemeente_id=filters.gemeente)
    if filters.fase:
        qs = qs.filter(fase=filters.fase)
    elif filters.open_alleen:
        qs = qs.exclude(fase=Fase.AFGEROND)
    if filters.doelgroep:
        qs = qs.filter(doelgroep=filters.doelgroep)
    grens = vandaag + dt.timedelta(days=RISICO_DAGEN)
    if filters.deadline == "verlopen":
        qs = qs.filter(pip_deadline__lt=vandaag)
    elif filters.deadline == "risico":
        qs = qs.filter(pip_deadline__gte=vandaag, pip_deadline__lte=grens)
    elif filters.deadline == "op_schema":
        qs = qs.filter(pip_deadline__gt=grens)
    if filters.geen_contact_weken:
        sinds = vandaag - dt.timedelta(weeks=filters.geen_contact_weken)
        qs = qs.filter(Q(laatste_contact__lt=sinds) | Q(laatste_contact__isnull=True))
    if filters.zoek:
        qs = qs.filter(_zoekvoorwaarde(filters.zoek))
    return (
        qs.select_related("inburgeraar", "consulent", "gemeente")
        .only(
            "uuid",
            "fase",
            "fase_sinds",
            "doelgroep",
            "pip_deadline",
            "laatste_contact",
            "gemeente__naam",
            "consulent__first_name",
            "consulent__last_name",
            "consulent__username",
            "inburgeraar__voornamen",
            "inburgeraar__voorvoegsel",
            "inburgeraar__geslachtsnaam",
            "inburgeraar__geboortedatum",
        )
        .order_by(*SORTERINGEN.get(filters.sorteer, SORTERINGEN["deadline"]))
    )


def _zoekvoorwaarde(zoek: str) -> Q:
    zoek = zoek.strip()
    compact = zoek.replace(" ", "").replace(".", "")
    if compact.isdigit() and len(compact) == 9:
        return Q(inburgeraar__bsn=compact)
    if compact.isdigit() and len(compact) == 10:
        return Q(inburgeraar__v_nummer=compact)
    voorwaarde = Q()
    for woord in zoek.split():
        voorwaarde &= Q(inburgeraar__geslachtsnaam__icontains=woord) | Q(
            inburgeraar__voornamen__icontains=woord
        )
    return voorwaarde


def deadline_status(deadline: dt.date | None, vandaag: dt.date) -> str:
    if deadline is None:
        return ""
    if deadline < vandaag:
        return "verlopen"
    if deadline <= vandaag + dt.timedelta(days=RISICO_DAGEN):
        return "risico"
    return "op_schema"
