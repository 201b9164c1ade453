"""The milestones projection: one `MijlpalenProjectie` row per dossier, for today's indicators.

The event queries of `indicatoren` fold 3.2 million events for the national set on every
request. For a peildatum from today on, a dossier's milestones over its whole log are also its
milestones on that peildatum (no event lies in the future: `dossiers.services` refuses them),
so they can be kept per dossier and read as one row each.

Consistency: a row is computed in one of two ways driven by the same rule tables
(`indicatoren.MIJLPAAL_REGELS`, `_detail`, `uitkomsten._pas_toe`), and tests hold them equal:

- On every new event, `services.registreer_reeks` sends `dossier_bijgewerkt` inside its
  transaction, with the dossier row locked and all its events in hand; `bijwerken` folds them
  in memory (`indicatoren.mijlpalen_van`, `uitkomsten.uitkomst_van`) and upserts the row.
- On a read, rows that are missing (bulk loads, data from before this table) are computed
  by the event queries (`indicatoren.uit_log`, `uitkomsten.uit_log`) and inserted with
  ON CONFLICT DO NOTHING. A concurrent writer's upsert therefore always wins over a filler
  that read the log before the writer committed.
- A row whose `laatste_datum` lies after the peildatum is not used; that dossier is read from
  the log for the peildatum. Peildata in the past and `bekend_op` use the log only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from . import indicatoren as ind
from . import uitkomsten as uk
from .models import MijlpalenProjectie

#: Columns of the projection in `Mijlpalen` terms (the outcomes are stored beside them).
VELDEN = [
    f.name
    for f in MijlpalenProjectie._meta.concrete_fields
    if f.name not in ("dossier", "uitkomst")
]
#: Where each `Mijlpalen` field comes from when reading, in the dataclass's order (so that rows
#: become objects positionally): the dossier and the person supply their current values.
_ELDERS = {
    "dossier_id": "dossier_id",
    "gemeente_id": "dossier__gemeente_id",
    "doelgroep": "dossier__doelgroep",
    "consulent_id": "dossier__consulent_id",
    "geslacht": "dossier__inburgeraar__geslacht",
    "geboortedatum": "dossier__inburgeraar__geboortedatum",
}
_KOLOMMEN = [_ELDERS.get(f.name, f.name) for f in dataclasses.fields(ind.Mijlpalen)]
_HELE_LOG = dt.date.max


def bruikbaar(sel: ind.Selectie) -> bool:
    return sel.bekend_op is None and sel.peildatum >= timezone.localdate()


def bijwerken(dossier, events) -> None:
    """Recompute one dossier's row from all its events (the writer's transaction has them in
    memory; `indicatoren.mijlpalen_van` folds exactly as the event queries aggregate)."""
    m = ind.mijlpalen_van(dossier, events)
    if m is None:
        MijlpalenProjectie.objects.filter(dossier_id=dossier.pk).delete()
        return
    MijlpalenProjectie.objects.bulk_create(
        [_rij(m, {dossier.pk: uk.uitkomst_van(events)})],
        update_conflicts=True,
        unique_fields=["dossier"],
        update_fields=[*VELDEN, "uitkomst"],
    )


def vul(sel: ind.Selectie) -> int:
    """Insert the rows missing for the selection's dossiers; returns how many were added."""
    from inburgering.dossiers.models import Dossier

    ontbrekend = Dossier.objects.filter(**_dossierfilter(sel), mijlpalen_projectie__isnull=True)
    if not ontbrekend.exists():
        return 0
    ontbrekend = ontbrekend.values("pk")
    hele_log = ind.Selectie(sel.gemeente_ids, _HELE_LOG)
    rijen = ind.uit_log(hele_log, ontbrekend)
    per_dossier = uk.uit_log(hele_log, rijen, ontbrekend)
    MijlpalenProjectie.objects.bulk_create(
        [_rij(m, per_dossier) for m in rijen], ignore_conflicts=True, batch_size=2000
    )
    return len(rijen)


def lees(sel: ind.Selectie) -> list[ind.Mijlpalen]:
    return lees_met_uitkomsten(sel, uitkomsten=False)[0]


def lees_met_uitkomsten(sel: ind.Selectie, uitkomsten: bool = True) -> tuple[list, dict]:
    """The milestones of the selection and (when asked) the outcomes of those dossiers, in one
    read of the stored rows; dossiers whose row is newer than the peildatum from the log."""
    vul(sel)
    in_selectie = MijlpalenProjectie.objects.filter(**_dossierfilter(sel, "dossier__"))
    opgeslagen = in_selectie.filter(laatste_datum__lte=sel.peildatum)
    if sel.van:
        opgeslagen = opgeslagen.filter(signaal__gte=sel.van)
    if sel.tot:
        opgeslagen = opgeslagen.filter(signaal__lte=sel.tot)
    rijen, per_dossier = [], {}
    if uitkomsten:
        for *waarden, uitkomst in opgeslagen.values_list(*_KOLOMMEN, "uitkomst"):
            rijen.append(_mijlpalen(waarden))
            if uitkomst:
                per_dossier[rijen[-1].dossier_id] = uk.Uitkomst.van_json(uitkomst)
    else:
        rijen = [_mijlpalen(waarden) for waarden in opgeslagen.values_list(*_KOLOMMEN)]
    later = in_selectie.filter(laatste_datum__gt=sel.peildatum).values("dossier_id")
    if later.exists():
        van_log = ind.uit_log(sel, later)
        rijen.extend(van_log)
        if uitkomsten:
            per_dossier.update(uk.uit_log(sel, van_log, later))
    return rijen, per_dossier


def _dossierfilter(sel: ind.Selectie, prefix: str = "") -> dict:
    filter = {f"{prefix}gemeente_id__in": sel.gemeente_ids}
    if sel.doelgroep:
        filter[f"{prefix}doelgroep"] = sel.doelgroep
    if sel.consulent_id:
        filter[f"{prefix}consulent_id"] = sel.consulent_id
    return filter


def _rij(m: ind.Mijlpalen, per_dossier: dict) -> MijlpalenProjectie:
    waarden = {veld: getattr(m, veld) for veld in VELDEN}
    waarden["wachtredenen"] = ",".join(m.wachtredenen)
    uitkomst = per_dossier.get(m.dossier_id)  # None: no outcome events
    waarden["uitkomst"] = uitkomst.als_json() if uitkomst else None
    return MijlpalenProjectie(dossier_id=m.dossier_id, **waarden)


def _mijlpalen(waarden) -> ind.Mijlpalen:
    m = ind.Mijlpalen(*waarden)
    m.wachtredenen = m.wachtredenen.split(",") if m.wachtredenen else []
    return m
