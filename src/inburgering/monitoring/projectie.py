"""The milestones projection: one `MijlpalenProjectie` row per dossier, for today's indicators.

The event queries of `indicatoren` fold 3.2 million events for the national set on every
request. For a peildatum from today on, a dossier's milestones over its whole log are also its
milestones on that peildatum (no event lies in the future: `dossiers.services` refuses them),
so they can be kept per dossier and read as one row each.

A row holds what `kolommen.kolommen` makes of the dossier's milestones and outcome events (the
relation the indicator tables aggregate). Consistency: the milestones and outcomes are folded
in one of two ways driven by the same rule tables (`extractie.mijlpaal_regels`, `detail_regels`,
`uitkomsten._pas_toe`), and tests hold them equal:

- On every new event, `services.registreer_reeks` sends `dossier_bijgewerkt` inside its
  transaction, with the dossier row locked and all its events in hand; `bijwerken` folds them
  in memory (`extractie.mijlpalen_van`, `uitkomsten.uitkomst_van`) and upserts the row.
- On a read, rows that are missing (bulk loads, data from before this table) are computed
  by the event queries (`extractie.uit_log`, `uitkomsten.uit_log`) and inserted with
  ON CONFLICT DO NOTHING. A concurrent writer's upsert therefore always wins over a filler
  that read the log before the writer committed.
- A row whose `laatste_datum` lies after the peildatum is not used; that dossier is read from
  the log for the peildatum. Peildata in the past and `bekend_op` use the log only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from . import extractie as ex
from . import uitkomsten as uk
from .definities import cohort_q, cohortdatum
from .kolommen import GROEPEN, MIJLPAAL_KOLOMMEN, kolommen
from .models import MijlpalenProjectie

#: Columns of the projection in `Mijlpalen` terms (the derived values are stored beside them).
VELDEN = MIJLPAAL_KOLOMMEN
#: Every column a writer sets.
_ALLE = [f.name for f in MijlpalenProjectie._meta.concrete_fields if f.name != "dossier"]
#: Where each `Mijlpalen` field comes from when reading, in the dataclass's order (so that rows
#: become objects positionally): the dossier and the person supply their current values.
_ELDERS = {"dossier_id": "dossier_id", **GROEPEN}
_KOLOMMEN = [_ELDERS.get(f.name, f.name) for f in dataclasses.fields(ex.Mijlpalen)]
_HELE_LOG = dt.date.max


def bruikbaar(sel: ex.Selectie) -> bool:
    return sel.bekend_op is None and sel.peildatum >= timezone.localdate()


def bijwerken(dossier, events) -> None:
    """Recompute one dossier's row from all its events (the writer's transaction has them in
    memory; `extractie.mijlpalen_van` folds exactly as the event queries aggregate)."""
    m = ex.mijlpalen_van(dossier, events)
    if m is None:
        MijlpalenProjectie.objects.filter(dossier_id=dossier.pk).delete()
        return
    MijlpalenProjectie.objects.bulk_create(
        [_rij(m, uk.uitkomst_van(events))],
        update_conflicts=True,
        unique_fields=["dossier"],
        update_fields=_ALLE,
    )


def vul(sel: ex.Selectie) -> int:
    """Insert the rows missing for the selection's dossiers; returns how many were added."""
    from inburgering.dossiers.models import Dossier

    ontbrekend = Dossier.objects.filter(**_dossierfilter(sel), mijlpalen_projectie__isnull=True)
    if not ontbrekend.exists():
        return 0
    ontbrekend = ontbrekend.values("pk")
    hele_log = ex.Selectie(sel.gemeente_ids, _HELE_LOG)
    rijen = ex.uit_log(hele_log, ontbrekend)
    per_dossier = uk.uit_log(hele_log, rijen, ontbrekend)
    MijlpalenProjectie.objects.bulk_create(
        [_rij(m, per_dossier.get(m.dossier_id)) for m in rijen],
        ignore_conflicts=True,
        batch_size=2000,
    )
    return len(rijen)


def vul_per_gemeente(gemeenten, melding=None) -> int:
    """Fill the missing rows one gemeente at a time (after a bulk load or a migration that
    emptied the projection): one statement for the whole country needs minutes and, right after
    a load without planner statistics, can take far longer."""
    totaal = 0
    for gemeente in gemeenten:
        sel = ex.Selectie((gemeente.pk,), timezone.localdate())
        with ex.sql_instellingen(sel):
            gevuld = vul(sel)
        if gevuld and melding:
            melding(f"{gemeente.naam} ({gemeente.cbs_code}): {gevuld} rijen gevuld.")
        totaal += gevuld
    return totaal


def lees(sel: ex.Selectie) -> list[ex.Mijlpalen]:
    """The milestones of the selection (for per-dossier use such as the CBS delivery); dossiers
    whose row is newer than the peildatum from the log."""
    vul(sel)
    opgeslagen = in_selectie(sel).filter(laatste_datum__lte=sel.peildatum)
    rijen = [_mijlpalen(waarden) for waarden in opgeslagen.values_list(*_KOLOMMEN)]
    later = in_selectie(sel, cohort=False).filter(laatste_datum__gt=sel.peildatum)
    later = later.values("dossier_id")
    if later.exists():
        rijen.extend(ex.uit_log(sel, later))
    return rijen


def in_selectie(sel: ex.Selectie, cohort: bool = True):
    """The stored rows of the selection's dossiers (and of its cohort, by the stored cohort
    date: `definities.cohortdatum`)."""
    rijen = MijlpalenProjectie.objects.filter(**_dossierfilter(sel, "dossier__"))
    if cohort and (sel.van or sel.tot):
        rijen = rijen.annotate(_cohort=cohortdatum(sel.cohortbasis)).filter(cohort_q(sel))
    return rijen


def _dossierfilter(sel: ex.Selectie, prefix: str = "") -> dict:
    filter = {f"{prefix}gemeente_id__in": sel.gemeente_ids}
    if sel.doelgroep:
        filter[f"{prefix}doelgroep"] = sel.doelgroep
    if sel.consulent_id:
        filter[f"{prefix}consulent_id"] = sel.consulent_id
    return filter


def _rij(m: ex.Mijlpalen, uitkomst: uk.Uitkomst | None) -> MijlpalenProjectie:
    return MijlpalenProjectie(dossier_id=m.dossier_id, **kolommen(m, uitkomst))


def _mijlpalen(waarden) -> ex.Mijlpalen:
    m = ex.Mijlpalen(*waarden)
    m.wachtredenen = m.wachtredenen.split(",") if m.wachtredenen else []
    return m


def mijlpalen(sel: ex.Selectie) -> list[ex.Mijlpalen]:
    """The milestones of every dossier in the selection on the peildatum. From today on (and
    without `bekend_op`) they come from the projection (this module), which holds the same
    values as the event queries (`extractie.uit_log`); for earlier peildata from the event
    log itself. Lives here, not in `indicatoren`, so imports go one way (indicatoren below)."""
    if not sel.gemeente_ids:
        return []
    with ex.sql_instellingen(sel):
        if bruikbaar(sel):
            return lees(sel)
        return ex.uit_log(sel)
