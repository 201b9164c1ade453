"""What a partner sees: the worklist of "my people" with what is due, and the sections of one
dossier, each shown only when `toegang.mag_zien` allows the organisation's kind."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from inburgering.dossiers.models import Dossier
from inburgering.traject.models import LOPEND, Periodesoort, Plaatsing, PlaatsingStatus

from .models import Betrokkenheid, Clientprofiel, Grond, Organisatie, Profielstatus
from .toegang import dossiers_voor_organisatie

#: A progress note of maatschappelijke begeleiding is due after this many days without one.
VOORTGANG_NA_DAGEN = 42


@dataclass
class Regel:
    dossier: Dossier
    sinds: dt.date
    gronden: list[str]
    te_doen: list[str] = field(default_factory=list)


def plaatsingen_bij(organisatie: Organisatie, dossier: Dossier):
    """The dossier's placements at the organisation's provider (never those elsewhere)."""
    if organisatie.aanbieder_id is None:
        return Plaatsing.objects.none()
    return (
        Plaatsing.objects.filter(
            dossier=dossier, contract__product__aanbieder=organisatie.aanbieder_id
        )
        .select_related("contract__product")
        .order_by("-aangemeld_op", "-pk")
    )


def ontbrekende_maanden(plaatsing: Plaatsing, vandaag: dt.date) -> list[dt.date]:
    """First days of the finished months since the start without any hours reported (a week
    entry in that month counts)."""
    if plaatsing.gestart_op is None:
        return []
    einde = plaatsing.beeindigd_op or vandaag
    gemeld = {(r.year, r.month) for r in plaatsing.uren.values_list("periode_begin", flat=True)} | {
        (r.year, r.month)
        for r in plaatsing.uren.filter(periodesoort=Periodesoort.WEEK).values_list(
            "periode_einde", flat=True
        )
    }
    maand = plaatsing.gestart_op.replace(day=1)
    laatste = einde.replace(day=1)
    uit = []
    while maand < laatste or (plaatsing.beeindigd_op and maand == laatste):
        if (maand.year, maand.month) not in gemeld:
            uit.append(maand)
        maand = (maand + dt.timedelta(days=32)).replace(day=1)
    return uit


def _te_doen_plaatsing(organisatie: Organisatie, dossier: Dossier, vandaag: dt.date) -> list[str]:
    punten = []
    for p in plaatsingen_bij(organisatie, dossier).filter(status__in=LOPEND):
        if p.status == PlaatsingStatus.AANGEMELD:
            punten.append(
                _("Intake plannen (aangemeld op %(d)s)") % {"d": f"{p.aangemeld_op:%d-%m-%Y}"}
            )
        elif p.status == PlaatsingStatus.INTAKE:
            tekst = _("Start doorgeven (intake op %(d)s)") % {
                "d": f"{p.intake_op:%d-%m-%Y}" if p.intake_op else "—"
            }
            punten.append(tekst)
        maanden = ontbrekende_maanden(p, vandaag)
        if maanden:
            punten.append(
                _("Uren doorgeven over %(n)s maand(en), vanaf %(m)s")
                % {"n": len(maanden), "m": f"{maanden[0]:%m-%Y}"}
            )
    return punten


def _te_doen(
    organisatie: Organisatie, dossier: Dossier, gronden: set[str], vandaag: dt.date
) -> list[str]:
    punten = []
    if Grond.PLAATSING in gronden:
        punten += _te_doen_plaatsing(organisatie, dossier, vandaag)
    if Grond.BEGELEIDING in gronden:
        laatste = (
            Betrokkenheid.objects.filter(organisatie=organisatie, dossier=dossier)
            .filter(notities__isnull=False)
            .order_by("-notities__datum")
            .values_list("notities__datum", flat=True)
            .first()
        )
        if laatste is None or (vandaag - laatste).days > VOORTGANG_NA_DAGEN:
            punten.append(_("Voortgang melden"))
    if Grond.COA_OVERDRACHT in gronden:
        profiel = Clientprofiel.objects.filter(
            betrokkenheid__organisatie=organisatie, betrokkenheid__dossier=dossier
        ).first()
        if profiel is None or profiel.status == Profielstatus.CONCEPT:
            punten.append(_("Cliëntprofiel overdragen"))
    return punten


def werklijst(organisatie: Organisatie, vandaag: dt.date) -> list[Regel]:
    dossiers = (
        dossiers_voor_organisatie(organisatie, vandaag)
        .select_related("inburgeraar")
        .order_by("inburgeraar__geslachtsnaam", "pk")
    )
    betrokken: dict[int, list[Betrokkenheid]] = {}
    for b in Betrokkenheid.objects.actief_op(vandaag).filter(organisatie=organisatie):
        betrokken.setdefault(b.dossier_id, []).append(b)
    regels = []
    for dossier in dossiers:
        eigen = betrokken.get(dossier.pk, [])
        gronden = {b.grond for b in eigen}
        regels.append(
            Regel(
                dossier,
                min(b.begin for b in eigen),
                sorted({b.get_grond_display() for b in eigen}),
                _te_doen(organisatie, dossier, gronden, vandaag),
            )
        )
    return regels
