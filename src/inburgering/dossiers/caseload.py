"""The caseload query: which dossiers a list shows, filtered and sorted in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, F, IntegerField, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Rol
from inburgering.accounts.toegang import consulenten_bij, werkgebied
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.wet.kalender import plus_maanden

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
    # Case-insensitive ("de Vries" beside "De Vries"). Being an expression, it also keeps
    # PostgreSQL from walking the whole name index for a small filtered set (~100x slower).
    "naam": (Lower("inburgeraar__geslachtsnaam"), Lower("inburgeraar__voornamen"), "id"),
    "fase": ("fase", "fase_sinds", "id"),
    "contact": (F("laatste_contact").asc(nulls_first=True), "id"),
    "nieuw": ("-aangemaakt_op", "-id"),
}


#: What a caseload row shows, read as values (50 rows of three model instances each cost more
#: than the query; see docs/performance.md).
KOLOMMEN = (
    "pk",
    "uuid",
    "fase",
    "fase_sinds",
    "doelgroep",
    "pip_deadline",
    "laatste_contact",
    "wacht_op",
    "wacht_op_sinds",
    "gemeente__naam",
    "consulent__first_name",
    "consulent__last_name",
    "consulent__username",
    "inburgeraar__voornamen",
    "inburgeraar__voorvoegsel",
    "inburgeraar__geslachtsnaam",
)


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
    wacht_op: str = ""
    open_alleen: bool = True
    route: str = ""


def standaard_scope(user: Gebruiker) -> str:
    return {Rol.CONSULENT: "mijn", Rol.TEAMLEIDER: "team"}.get(user.rol, "gemeente")


def caseload(user: Gebruiker, filters: Filters, vandaag: dt.date | None = None) -> QuerySet:
    """The user's dossiers for this list, sorted, as dicts of `KOLOMMEN`."""
    return rijen(gefilterd(user, filters, vandaag), filters)


def rijen(dossiers: QuerySet, filters: Filters) -> QuerySet:
    """Filtered dossiers (`gefilterd`) as the list's sorted dicts of `KOLOMMEN`."""
    return dossiers.values(*KOLOMMEN).order_by(
        *SORTERINGEN.get(filters.sorteer, SORTERINGEN["deadline"])
    )


class Aantal(Subquery):
    """`(SELECT COUNT(*) FROM (query))`: how many rows a queryset has, as a column of another
    statement. It refers to nothing outside, so PostgreSQL counts once per statement (an
    InitPlan), as the hand-written `(SELECT count(*) FROM d)` in the benchmark does."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) aantal)"
    output_field = IntegerField()


class Paginering(Paginator):
    """Django's paginator whose total comes with the page: the page's statement carries the
    number of filtered dossiers as a column (`Aantal` over `telling`, counted without the joins
    the shown columns need), so a list costs one statement instead of a COUNT and a page.

    Page numbers behave as `Paginator.get_page`: not a whole number gives page 1, a number
    below 1 or beyond the last gives the last page. Only in that last case, a page without
    rows and so without a total, is the count a statement of its own.

    Not `COUNT(*) OVER ()`, as the partner API once had it (ADR 0028): a window total needs
    every filtered row joined before the first one is returned, which made the gemeente view
    (1,518 open dossiers) 4-5x slower; the subquery counts the dossiers alone (ADR 0046)."""

    def __init__(self, rijen: QuerySet, per_pagina: int, *, telling: QuerySet):
        super().__init__(rijen.annotate(totaal=Aantal(telling.order_by().values("pk"))), per_pagina)
        self._telling = telling
        self._totaal: int | None = None

    @cached_property
    def count(self) -> int:
        return self._totaal if self._totaal is not None else self._telling.count()

    def get_page(self, number) -> Page:
        try:
            nummer = int(number)
        except (TypeError, ValueError):
            nummer = 1
        if nummer >= 1:
            begin = (nummer - 1) * self.per_page
            rijen = list(self.object_list[begin : begin + self.per_page])
            if rijen or nummer == 1:
                self._totaal = rijen[0]["totaal"] if rijen else 0
                return self._get_page(rijen, nummer, self)
        return self.page(self.num_pages)


def gefilterd(user: Gebruiker, filters: Filters, vandaag: dt.date | None = None) -> QuerySet:
    """The user's dossiers that pass the filters (model queryset, unsorted)."""
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
    if filters.wacht_op == "ja":
        qs = qs.exclude(wacht_op="")
    elif filters.wacht_op:
        qs = qs.filter(wacht_op=filters.wacht_op)
    if filters.route in ROUTE_SIGNALEN:
        qs = qs.filter(Exists(_route_signaal(filters.route, vandaag)))
    return qs


#: The learning route's signals (traject app): waiting longer than the contract's norm, the
#: absence signal, a started placement without hours this month; and the termijn (Wi art. 7)
#: ending within six months (or already ended) while the dossier is still open.
ROUTE_SIGNALEN = {
    "wachten": _("Wacht langer dan de norm"),
    "verzuim": _("Verzuimsignaal"),
    "geen_uren": _("Geen uren deze maand"),
    "termijn": _("Termijn eindigt binnen 6 maanden, nog niet voldaan"),
}
TERMIJN_SIGNAAL_MAANDEN = 6


def _route_signaal(signaal: str, vandaag: dt.date) -> QuerySet:
    if signaal == "termijn":
        # The end of the termijn as monitoring derives it (DUO's date when known, else the
        # rules package's; `monitoring.kolommen`), from its projection row per dossier, which
        # the writers keep current. Looked up by name: monitoring builds on this app.
        mijlpalen = apps.get_model("monitoring", "MijlpalenProjectie")
        return mijlpalen.objects.filter(
            dossier_id=OuterRef("pk"),
            afgesloten__isnull=True,
            termijn_einde__lte=plus_maanden(vandaag, TERMIJN_SIGNAAL_MAANDEN),
        )
    # Looked up by name: placements belong to the traject app, which builds on this one.
    plaatsing = apps.get_model("traject", "Plaatsing")
    uren = apps.get_model("traject", "Uren")
    qs = plaatsing.objects.filter(dossier_id=OuterRef("pk"))
    if signaal == "wachten":
        return qs.filter(status__in=["aangemeld", "intake"], wachten_uiterlijk__lt=vandaag)
    if signaal == "verzuim":
        return qs.filter(status="gestart", verzuimsignaal=True)
    deze_maand = uren.objects.filter(
        plaatsing_id=OuterRef("pk"), periode_einde__gte=vandaag.replace(day=1)
    )
    return qs.filter(status="gestart").exclude(Exists(deze_maand))


def volgende_afspraken(dossier_ids: list[int]) -> dict[int, dt.datetime]:
    """The next planned appointment per dossier, for the shown rows only. Not a column of the
    page's statement: PostgreSQL puts such a subquery after the sort and LIMIT only when it
    rates the lookup expensive; with few or no appointments it ran for every filtered dossier
    (gemeente view sorted by name, 1,140 dossiers: 3.9 ms became 14.5 ms; ADR 0046)."""
    if not dossier_ids:
        return {}
    # Looked up by name: appointments belong to the intake app, which builds on this one.
    afspraak = apps.get_model("intake", "Afspraak")
    nu = timezone.now()
    if connection.vendor == "postgresql":
        # The ids as one array: building this small query through the ORM, with 50 parameters,
        # took five times as long as running it.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT dossier_id, MIN(begin) FROM {afspraak._meta.db_table} "  # noqa: S608
                "WHERE dossier_id = ANY(%s) AND status = %s AND begin >= %s GROUP BY dossier_id",
                [list(dossier_ids), afspraak.Status.GEPLAND, nu],
            )
            return dict(cursor.fetchall())
    rijen = (
        afspraak.objects.filter(
            dossier_id__in=dossier_ids, status=afspraak.Status.GEPLAND, begin__gte=nu
        )
        .values("dossier_id")
        .annotate(eerste=Min("begin"))
        .order_by()
    )
    return {r["dossier_id"]: r["eerste"] for r in rijen}


@dataclass(frozen=True)
class Werkdruk:
    naam: str
    gebruikersnaam: str
    open_dossiers: int
    norm: int

    @property
    def percentage(self) -> int:
        return round(100 * self.open_dossiers / self.norm) if self.norm else 0


def toont_werkdruk(user: Gebruiker, filters: Filters) -> bool:
    """The workload panel is for team and gemeente views of those who lead, not consulenten."""
    return filters.scope != "mijn" and user.rol != Rol.CONSULENT


def werkdruk(user: Gebruiker, filters: Filters) -> list[Werkdruk]:
    """Open dossiers per consulent against the gemeente's caseload norm (team or gemeente),
    read as values in one aggregate."""
    if not toont_werkdruk(user, filters):
        return []
    gebied = werkgebied(user)
    gemeenten = [g.pk for g in gebied]
    if filters.scope == "team":
        consulenten = Gebruiker.objects.filter(rol=Rol.CONSULENT, is_active=True)
        consulenten = consulenten.filter(team=user.team) if user.team_id else consulenten.none()
    else:
        consulenten = consulenten_bij(user)
    rijen = (
        consulenten.values("pk", "username", "first_name", "last_name")
        .annotate(
            n_open=Count(
                "caseload",
                filter=Q(caseload__gemeente__in=gemeenten) & ~Q(caseload__fase=Fase.AFGEROND),
            )
        )
        .order_by("last_name", "first_name", "pk")
    )
    norm = max((g.caseload_norm for g in gebied if g.caseload_norm), default=70)
    return [
        Werkdruk(
            naam=f"{r['first_name']} {r['last_name']}".strip() or r["username"],
            gebruikersnaam=r["username"],
            open_dossiers=r["n_open"],
            norm=norm,
        )
        for r in rijen
    ]


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
