"""Past quarter ends read from stored rows: `MijlpalenStand`, beside the projection.

A dossier's projection row (`projectie.py`) holds its milestones over its whole log; for any
peildatum on or after its `laatste_datum` that row IS its row on that peildatum. Only dossiers
whose log goes on after the peildatum need their state on it folded from the log, and that
fold is what made a past peildatum slow (the whole national log, issue 22). For the quarter
ends (31 March, 30 June, 30 September, 31 December; the periodic reports and the usual past
peildata) those rows are kept here (ADR 0035):

- On a read, rows that are missing are folded from the log for the peildatum
  (`extractie.uit_log`, `uitkomsten.uit_log`, exactly as the log path) and inserted with
  ON CONFLICT DO NOTHING; a dossier without any event on or before the peildatum has no row
  (it was not there yet) and is looked up again, cheaply, by the same query next time.
- A writer (`bijwerken`, in the event's transaction, with all the dossier's events in hand)
  rewrites the dossier's stored rows on peildata the new events reach: an event dated on or
  before the peildatum, or a correction or withdrawal (which removes an earlier event whatever
  its own date). New events dated after the last quarter end, the usual case, touch nothing.
  An upsert by the writer always wins over a filler that read the log before it committed,
  as for the projection.

Other past dates and `bekend_op` read the log, as before.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone

from inburgering.dossiers.workflow import Soort

from . import extractie as ex
from . import uitkomsten as uk
from .definities import cohort_q, cohortdatum
from .kolommen import kolommen
from .models import MijlpalenProjectie, MijlpalenStand

_ALLE = [
    f.name
    for f in MijlpalenStand._meta.concrete_fields
    if f.name not in ("id", "dossier", "peildatum")
]


def kwartaaleinde(datum: dt.date) -> bool:
    return (datum + dt.timedelta(days=1)).day == 1 and datum.month in (3, 6, 9, 12)


def laatste_kwartaaleinde(datum: dt.date) -> dt.date:
    """The last quarter end before `datum`."""
    eerste_maand = (datum.month - 1) // 3 * 3 + 1
    return dt.date(datum.year, eerste_maand, 1) - dt.timedelta(days=1)


def bruikbaar(sel: ex.Selectie) -> bool:
    return (
        sel.bekend_op is None
        and sel.peildatum < timezone.localdate()
        and kwartaaleinde(sel.peildatum)
    )


def _ontbrekend(sel: ex.Selectie):
    """The selection's dossiers that need a stored row on the peildatum and have none: their
    projection row is newer than the peildatum (or absent) and they have an event on or
    before it."""
    from inburgering.dossiers.models import Dossier, DossierEvent

    bekend = MijlpalenProjectie.objects.filter(
        dossier=OuterRef("pk"), laatste_datum__lte=sel.peildatum
    )
    opgeslagen = MijlpalenStand.objects.filter(dossier=OuterRef("pk"), peildatum=sel.peildatum)
    begonnen = DossierEvent.objects.filter(dossier=OuterRef("pk"), datum__lte=sel.peildatum)
    filter = {"gemeente_id__in": sel.gemeente_ids}
    if sel.doelgroep:
        filter["doelgroep"] = sel.doelgroep
    if sel.consulent_id:
        filter["consulent_id"] = sel.consulent_id
    return (
        Dossier.objects.filter(**filter)
        .filter(~Exists(bekend), ~Exists(opgeslagen), Exists(begonnen))
        .values("pk")
    )


def vul(sel: ex.Selectie) -> int:
    """Insert the rows missing for the selection on its peildatum; returns how many."""
    ontbrekend = _ontbrekend(sel)
    if not ontbrekend.exists():
        return 0
    op_peildatum = ex.Selectie(sel.gemeente_ids, sel.peildatum)
    rijen = ex.uit_log(op_peildatum, ontbrekend)
    per_dossier = uk.uit_log(op_peildatum, rijen, ontbrekend)
    MijlpalenStand.objects.bulk_create(
        [_rij(m, per_dossier.get(m.dossier_id), sel.peildatum) for m in rijen],
        ignore_conflicts=True,
        batch_size=2000,
    )
    return len(rijen)


def in_selectie(sel: ex.Selectie) -> list:
    """The selection's rows on the peildatum: projection rows that describe it, and the stored
    rows of the dossiers whose log goes on after it (call `vul` first)."""
    dossiers = {"dossier__gemeente_id__in": sel.gemeente_ids}
    if sel.doelgroep:
        dossiers["dossier__doelgroep"] = sel.doelgroep
    if sel.consulent_id:
        dossiers["dossier__consulent_id"] = sel.consulent_id
    delen = [
        MijlpalenProjectie.objects.filter(**dossiers, laatste_datum__lte=sel.peildatum),
        MijlpalenStand.objects.filter(**dossiers, peildatum=sel.peildatum),
    ]
    if sel.van or sel.tot:
        delen = [
            d.annotate(_cohort=cohortdatum(sel.cohortbasis)).filter(cohort_q(sel)) for d in delen
        ]
    return delen


def bijwerken(dossier, events, nieuw=None) -> None:
    """Rewrite the dossier's stored rows the new events change (all of them when `nieuw` is
    not known, as after `herbereken`)."""
    if nieuw is not None:
        grens = laatste_kwartaaleinde(timezone.localdate())
        if not any(
            e.datum <= grens or e.corrigeert_id or e.soort == Soort.INTREKKING for e in nieuw
        ):
            return
    peildata = list(
        MijlpalenStand.objects.filter(dossier_id=dossier.pk).values_list("peildatum", flat=True)
    )
    if not peildata:
        return
    alles = ex.mijlpalen_van(dossier, events)
    for peildatum in peildata:
        # A log that no longer goes on after the peildatum (a later event withdrawn): the
        # projection's row describes it again, and a stored row would count the dossier twice.
        verder = alles is not None and alles.laatste_datum > peildatum
        m = ex.mijlpalen_van(dossier, events, peildatum) if verder else None
        if m is None:
            MijlpalenStand.objects.filter(dossier_id=dossier.pk, peildatum=peildatum).delete()
            continue
        MijlpalenStand.objects.bulk_create(
            [_rij(m, uk.uitkomst_van(events, peildatum), peildatum)],
            update_conflicts=True,
            unique_fields=["peildatum", "dossier"],
            update_fields=_ALLE,
        )


def _rij(m: ex.Mijlpalen, uitkomst: uk.Uitkomst | None, peildatum: dt.date) -> MijlpalenStand:
    return MijlpalenStand(dossier_id=m.dossier_id, peildatum=peildatum, **kolommen(m, uitkomst))
