"""The consulent's work queue: what waits for this user today.

Three lists, each read with a few small queries on indexed columns:

* `wacht_op_goedkeuring`: PIP versions offered for four-eyes approval in the user's gemeenten
  that this user may approve (not drafted or last changed by them: `pip.services.keur_goed`);
* `afspraken_vandaag`: planned appointments today of the user's own dossiers or with the user;
* `signalen`: DUO attention signals (`duo_attentiesignaal` facts) on the user's open dossiers,
  PIP deadlines of those dossiers that are near or passed (`caseload.RISICO_DAGEN`), and DUO
  notifications kept as `onbekend` in the user's gemeenten.

A signal leaves the queue once handled (`handel_af`): for a dossier a `signaal_afgehandeld`
fact naming the signal's key, so who and when stand in the timeline; for an `onbekend`
notification without a dossier an `AfgehandeldBericht` row (plus the fact when the notification
belongs to a dossier). A handled deadline comes back when the deadline moves (the key holds the
date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.accounts.toegang import gemeente_ids, mag_dossiers_zien
from inburgering.dossiers import panelen
from inburgering.dossiers.caseload import RISICO_DAGEN
from inburgering.dossiers.models import Dossier, DossierEvent
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.intake.models import Afspraak
from inburgering.koppelingen.models import InkomendBericht, Status
from inburgering.pip.models import PipVersie
from inburgering.pip.models import Status as PipStatus

from .models import AfgehandeldBericht


class Werkvoorraadfout(Exception):
    """A signal cannot be handled (Dutch message for the user)."""


@dataclass(frozen=True)
class Signaal:
    sleutel: str
    soort: str  # "duo", "deadline" or "bericht"
    datum: dt.date
    omschrijving: str
    dossier: Dossier | None = None
    bericht: InkomendBericht | None = None
    verlopen: bool = False
    #: For a DUO signal that an app turned into a task (`TAAKREGELS`): its deadline and page.
    uiterlijk: dt.date | None = None
    taak_url: str = ""
    #: For a signal from another app (`SIGNAALBRONNEN`): its badge text and the page to open.
    etiket: str = ""
    link: str = ""

    @property
    def url(self) -> str:
        if self.taak_url or self.link:
            return self.taak_url or self.link
        if self.dossier is None:
            return ""
        if self.soort == "deadline":
            return reverse("pip:pip", kwargs={"uuid": self.dossier.uuid})
        return reverse("dossiers:dossier", kwargs={"uuid": self.dossier.uuid})


@dataclass(frozen=True)
class Taak:
    """What a DUO attention signal asks of the gemeente: by when, and on which page."""

    uiterlijk: dt.date
    url: str


#: Extension point: per DUO gebeurtenisId of an attention signal, a function of the signal's
#: event that makes it a task with a deadline (None: an ordinary signal). Apps register from
#: their AppConfig.ready (`registreer_taak`; the termijn app for SS140, the request for advice).
TAAKREGELS: dict[str, Callable[[DossierEvent], Taak | None]] = {}


def registreer_taak(gebeurtenis: str, regel: Callable[[DossierEvent], Taak | None]) -> None:
    TAAKREGELS[gebeurtenis] = regel


#: Extension point: apps add signals of the user's own open dossiers (the consulent's queue).
#: A source is a function (user, the user's own open dossiers, today) -> signals; each signal
#: has a `sleutel` unique within its dossier and leaves the queue once handled (`handel_af`).
#: Apps register from their AppConfig.ready (`registreer_signaalbron`; ontzorgen does).
Signaalbron = Callable[[Gebruiker, QuerySet[Dossier], dt.date], list[Signaal]]
SIGNAALBRONNEN: list[Signaalbron] = []


def registreer_signaalbron(bron: Signaalbron) -> None:
    if bron not in SIGNAALBRONNEN:
        SIGNAALBRONNEN.append(bron)


def wacht_op_goedkeuring(user: Gebruiker) -> QuerySet[PipVersie]:
    """PIP versions offered for approval that this user may approve (four eyes)."""
    return (
        PipVersie.objects.filter(
            status=PipStatus.TER_GOEDKEURING, pip__dossier__in=dossiers_voor(user)
        )
        .exclude(opgesteld_door=user)
        .exclude(bijgewerkt_door=user)
        .select_related("pip__dossier__inburgeraar", "opgesteld_door", "bijgewerkt_door")
        .order_by("bijgewerkt_op", "pk")
    )


def _vandaag_grenzen(vandaag: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(vandaag, dt.time.min, tzinfo=tz)
    return begin, begin + dt.timedelta(days=1)


def afspraken_vandaag(user: Gebruiker, vandaag: dt.date | None = None) -> QuerySet[Afspraak]:
    """Planned appointments today, of the user's own dossiers or with the user."""
    begin, einde = _vandaag_grenzen(vandaag or timezone.localdate())
    return (
        Afspraak.objects.filter(
            status=Afspraak.Status.GEPLAND,
            begin__gte=begin,
            begin__lt=einde,
            dossier__in=dossiers_voor(user),
        )
        .filter(Q(medewerker=user) | Q(dossier__consulent=user))
        .select_related("dossier__inburgeraar", "medewerker")
        .order_by("begin", "pk")
    )


def _eigen_open_dossiers(user: Gebruiker) -> QuerySet[Dossier]:
    return dossiers_voor(user).filter(consulent=user).exclude(fase=Fase.AFGEROND)


def _afgehandeld(dossier_ids: list[int]) -> set[tuple[int, str]]:
    if not dossier_ids:
        return set()
    rijen = DossierEvent.objects.filter(
        dossier_id__in=dossier_ids, soort=Soort.SIGNAAL_AFGEHANDELD
    ).values_list("dossier_id", "gegevens")
    return {(d, g.get("sleutel", "")) for d, g in rijen}


def deadline_sleutel(deadline: dt.date) -> str:
    return f"pip_deadline:{deadline.isoformat()}"


def signalen(user: Gebruiker, vandaag: dt.date | None = None) -> list[Signaal]:
    """Open signals for this user, oldest first (see the module docstring)."""
    if not mag_dossiers_zien(user):
        return []
    vandaag = vandaag or timezone.localdate()
    eigen = _eigen_open_dossiers(user)
    duo = list(
        DossierEvent.objects.filter(soort=Soort.DUO_ATTENTIESIGNAAL, dossier__in=eigen)
        .select_related("dossier__inburgeraar")
        .order_by("datum", "pk")
    )
    grens = vandaag + dt.timedelta(days=RISICO_DAGEN)
    deadlines = list(
        eigen.filter(pip_deadline__isnull=False, pip_deadline__lte=grens).select_related(
            "inburgeraar"
        )
    )
    uit_bronnen = [s for bron in SIGNAALBRONNEN for s in bron(user, eigen, vandaag)]
    afgehandeld = _afgehandeld(
        sorted(
            {e.dossier_id for e in duo}
            | {d.pk for d in deadlines}
            | {s.dossier.pk for s in uit_bronnen if s.dossier is not None}
        )
    )
    uitkomst: list[Signaal] = []
    for event in duo:
        sleutel = f"event:{event.pk}"
        if (event.dossier_id, sleutel) in afgehandeld:
            continue
        gegevens = event.gegevens or {}
        omschrijving = " ".join(
            str(d) for d in (gegevens.get("gebeurtenis"), gegevens.get("omschrijving")) if d
        )
        regel = TAAKREGELS.get(str(gegevens.get("gebeurtenis") or ""))
        taak = regel(event) if regel is not None else None
        uitkomst.append(
            Signaal(
                sleutel, "duo", event.datum, omschrijving or event.soort_label, event.dossier,
                verlopen=taak is not None and taak.uiterlijk < vandaag,
                uiterlijk=taak.uiterlijk if taak else None,
                taak_url=taak.url if taak else "",
            )
        )  # fmt: skip
    for dossier in deadlines:
        sleutel = deadline_sleutel(dossier.pip_deadline)
        if (dossier.pk, sleutel) in afgehandeld:
            continue
        verlopen = dossier.pip_deadline < vandaag
        tekst = (
            _("De uiterste datum voor het PIP (%(datum)s) is verstreken.")
            if verlopen
            else _("De uiterste datum voor het PIP (%(datum)s) nadert.")
        ) % {"datum": dossier.pip_deadline.strftime("%d-%m-%Y")}
        uitkomst.append(
            Signaal(sleutel, "deadline", dossier.pip_deadline, tekst, dossier, verlopen=verlopen)
        )
    for signaal in uit_bronnen:
        if signaal.dossier is not None and (signaal.dossier.pk, signaal.sleutel) in afgehandeld:
            continue
        uitkomst.append(signaal)
    for bericht in onbekende_berichten(user):
        uitkomst.append(
            Signaal(
                f"bericht:{bericht.pk}",
                "bericht",
                timezone.localtime(bericht.ontvangen_op).date(),
                _("Onbekende melding %(id)s van DUO: beoordeel het bericht.")
                % {"id": bericht.gebeurtenis_id},
                bericht.dossier if bericht.dossier_id else None,
                bericht,
            )
        )
    return sorted(uitkomst, key=lambda s: (s.datum, s.sleutel))


def onbekende_berichten(user: Gebruiker) -> QuerySet[InkomendBericht]:
    """DUO notifications kept as `onbekend` in the user's gemeenten, not yet handled."""
    return (
        InkomendBericht.objects.filter(
            status=Status.ONBEKEND, gemeente_id__in=gemeente_ids(user), afhandeling__isnull=True
        )
        .select_related("dossier__inburgeraar")
        .order_by("ontvangen_op", "pk")
    )


@dataclass(frozen=True)
class Tellingen:
    goedkeuring: int
    afspraken: int
    signalen: int


def tellingen(user: Gebruiker, vandaag: dt.date | None = None) -> Tellingen:
    """The three counts for the navigation, kept a minute per user and renewed when a dossier
    of the user's gemeenten changes (`dossiers.panelen`): every page shows them."""
    vandaag = vandaag or timezone.localdate()

    def maak() -> Tellingen:
        return Tellingen(
            goedkeuring=wacht_op_goedkeuring(user).count(),
            afspraken=afspraken_vandaag(user, vandaag).count(),
            signalen=len(signalen(user, vandaag)),
        )

    return panelen.bewaard("werkvoorraad", gemeente_ids(user), (user.pk, vandaag.isoformat()), maak)


def handel_af(
    user: Gebruiker, dossier: Dossier, sleutel: str, toelichting: str = ""
) -> DossierEvent:
    """Mark one of the dossier's open signals as handled: a `signaal_afgehandeld` fact."""
    open_ = {s.sleutel: s for s in signalen(user) if s.dossier and s.dossier.pk == dossier.pk}
    signaal = open_.get(sleutel)
    if signaal is None or signaal.soort == "bericht":
        raise Werkvoorraadfout(_("Dit signaal staat niet (meer) open in uw werkvoorraad."))
    with transaction.atomic():
        try:
            return registreer(
                dossier,
                Soort.SIGNAAL_AFGEHANDELD,
                timezone.localdate(),
                actor=user,
                gegevens={"sleutel": sleutel, "signaal": signaal.omschrijving},
                toelichting=toelichting,
            )
        except OngeldigeGebeurtenis as fout:
            raise Werkvoorraadfout(str(fout)) from fout


def handel_bericht_af(
    user: Gebruiker, bericht_id: int, toelichting: str = ""
) -> AfgehandeldBericht:
    """Mark an `onbekend` DUO notification of the user's gemeenten as handled (who, when);
    when it belongs to a dossier, the fact is recorded there as well."""
    with transaction.atomic():
        bericht = (
            onbekende_berichten(user).select_for_update(of=("self",)).filter(pk=bericht_id).first()
        )
        if bericht is None:
            raise Werkvoorraadfout(_("Deze melding staat niet (meer) open in uw werkvoorraad."))
        if bericht.dossier_id and dossiers_voor(user).filter(pk=bericht.dossier_id).exists():
            registreer(
                bericht.dossier,
                Soort.SIGNAAL_AFGEHANDELD,
                timezone.localdate(),
                actor=user,
                gegevens={
                    "sleutel": f"bericht:{bericht.pk}",
                    "signaal": bericht.gebeurtenis_id,
                },
                toelichting=toelichting,
            )
        afhandeling = AfgehandeldBericht.objects.create(
            bericht=bericht, door=user, toelichting=toelichting
        )
    if bericht.gemeente_id:
        transaction.on_commit(lambda: panelen.gemeente_gewijzigd(bericht.gemeente_id))
    return afhandeling
