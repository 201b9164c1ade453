"""Deduplication by content: DUO may send the same fact again with a new berichtId (a resend
after a timeout on its side, a replayed batch). The berichtId check in `handlers` catches only
the same message; this module decides, per gebeurtenisId, when a fact is *the same* as one the
dossier already holds, so that no second event is written. The message is still stored and
marked `verwerkt` with the result text `AL_BEKEND`.

The rules (also in docs/architecture.md, "DUO-keten"). "Latest" means the latest event of that
kind that has not been withdrawn (`intrekking`): a value that changed and changed back is a new
fact, the same value sent twice is not.

* SS101, SS128, SS129, SS139 (signaal_ontvangen): the dossier has a kennisgeving with the
  same date; SS139 (huisvesting): a registration in the gemeente with the same date.
* SS102, SS103, SS104 (termijn_duo): the latest termijn has the same start, end and
  verlengingsgrond.
* SS124, SS125 (doelgroep_vastgesteld): the latest doelgroep has the same value and date.
* SS131 (lbt_afgenomen): an LBT result with the same toetsdatum and score.
* SS137 (lbt_aangemeld): the person is still registered (an aanmelding after the latest
  result).
* SS199 (examenresultaat): a result with the same onderdeel, examendatum and resultaat.
* Attention signals and decisions on requests (duo_attentiesignaal, duo_besluit; SS112-SS119,
  SS122, SS123, SS126, SS127, SS130, SS132, SS133, SS135, SS136, SS140-SS142): a signal with
  the same gebeurtenisId and date. SS130's resumption itself is guarded by its handler (it
  only withdraws a closing that still counts; the repeat finds a running dossier).
* SS106-SS111 (dossier_afgesloten): no running dossier in the gemeente and the latest one was
  closed with the same reason (checked before DUO is asked: `al_afgesloten`).

Besides these, the handlers keep their own guards (a kennisgeving on a dossier that has one, a
vestiging while a dossier in the gemeente runs); their result text starts with `AL_BEKEND` too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from inburgering.dossiers.models import Dossier, DossierEvent
from inburgering.dossiers.workflow import Fase, Soort

AL_BEKEND = "Al bekend: geen nieuwe gebeurtenis."

#: (dossier, soort, datum, gegevens) -> whether the dossier already holds this fact.
Vergelijking = Callable[[Dossier, str, dt.date, dict], bool]


def _geldig(dossier: Dossier, soort: str):
    """The dossier's events of `soort` that were not withdrawn, newest first."""
    ingetrokken = DossierEvent.objects.filter(dossier=dossier, soort=Soort.INTREKKING).values(
        "corrigeert_id"
    )
    return (
        DossierEvent.objects.filter(dossier=dossier, soort=soort)
        .exclude(pk__in=ingetrokken)
        .order_by("-datum", "-pk")
    )


def _zelfde_datum(dossier, soort, datum, gegevens) -> bool:
    return _geldig(dossier, soort).filter(datum=datum).exists()


def _laatste_gelijk(*velden: str) -> Vergelijking:
    def vergelijk(dossier, soort, datum, gegevens) -> bool:
        laatste = _geldig(dossier, soort).order_by("-pk").first()
        return laatste is not None and all(
            laatste.gegevens.get(v) == gegevens.get(v) for v in velden
        )

    return vergelijk


def _doelgroep(dossier, soort, datum, gegevens) -> bool:
    laatste = _geldig(dossier, soort).order_by("-pk").first()
    return (
        laatste is not None
        and laatste.datum == datum
        and laatste.gegevens.get("doelgroep") == gegevens.get("doelgroep")
    )


def _lbt_resultaat(dossier, soort, datum, gegevens) -> bool:
    return (
        _geldig(dossier, soort)
        .filter(datum=datum, gegevens__behaalde_score=gegevens.get("behaalde_score"))
        .exists()
    )


def _nog_aangemeld(dossier, soort, datum, gegevens) -> bool:
    aanmelding = _geldig(dossier, soort).order_by("-pk").first()
    if aanmelding is None:
        return False
    resultaat = _geldig(dossier, Soort.LBT_AFGENOMEN).order_by("-pk").first()
    return resultaat is None or resultaat.pk < aanmelding.pk


def _examen(dossier, soort, datum, gegevens) -> bool:
    return (
        _geldig(dossier, soort)
        .filter(
            gegevens__onderdeel=gegevens.get("onderdeel"),
            gegevens__examendatum=gegevens.get("examendatum"),
            gegevens__resultaat=gegevens.get("resultaat"),
        )
        .exists()
    )


def _zelfde_signaal(dossier, soort, datum, gegevens) -> bool:
    return (
        _geldig(dossier, soort)
        .filter(datum=datum, gegevens__gebeurtenis=gegevens.get("gebeurtenis"))
        .exists()
    )


#: The ids of DUO's attention signals and decisions on requests (the handlers' tables).
SIGNALEN = tuple(f"SS{n}" for n in (112, 122, 123, 126, 127, 132, 133, 135, 136, 140, 141, 142))
BESLUITEN = tuple(f"SS{n}" for n in (113, 114, 115, 116, 117, 118, 119, 130))
_KENNISGEVING = {Soort.SIGNAAL_ONTVANGEN: _zelfde_datum}
_TERMIJN = {Soort.TERMIJN_DUO: _laatste_gelijk("start", "einde", "verlengingsgrond")}
_DOELGROEP = {Soort.DOELGROEP_VASTGESTELD: _doelgroep}
#: Per gebeurtenisId: per event soort its handler writes, when that event is already known.
REGELS: dict[str, dict[str, Vergelijking]] = {
    "SS101": _KENNISGEVING,
    "SS128": _KENNISGEVING,
    "SS129": _KENNISGEVING,
    "SS139": {**_KENNISGEVING, Soort.HUISVESTING: _zelfde_datum},
    **{i: _TERMIJN for i in ("SS102", "SS103", "SS104")},
    **{i: _DOELGROEP for i in ("SS124", "SS125")},
    "SS131": {Soort.LBT_AFGENOMEN: _lbt_resultaat},
    "SS137": {Soort.LBT_AANGEMELD: _nog_aangemeld},
    "SS199": {Soort.EXAMENRESULTAAT: _examen},
    **{i: {Soort.DUO_ATTENTIESIGNAAL: _zelfde_signaal} for i in SIGNALEN},
    **{i: {Soort.DUO_BESLUIT: _zelfde_signaal} for i in BESLUITEN},
}


def al_bekend(gebeurtenis_id: str, dossier: Dossier, soort: str, datum, gegevens: dict) -> bool:
    """Whether `dossier` already holds this fact (then the handler writes no event)."""
    vergelijk = REGELS.get(gebeurtenis_id, {}).get(soort)
    return vergelijk is not None and vergelijk(dossier, soort, datum, gegevens or {})


def al_afgesloten(gebeurtenis_id: str, reden: str | None, bsn: str, gemeente) -> Dossier | None:
    """A closing notification (SS106-SS111) for a person whose dossier in this gemeente is
    already closed with the same reason, and who has no running one: the closed dossier."""
    if reden is None:
        return None
    dossiers = Dossier.objects.filter(inburgeraar__bsn=bsn, gemeente=gemeente)
    if dossiers.exclude(fase=Fase.AFGEROND).exists():
        return None
    laatste = dossiers.order_by("-pk").first()
    if laatste is None:
        return None
    afsluiting = _geldig(laatste, Soort.DOSSIER_AFGESLOTEN).order_by("-pk").first()
    if afsluiting is None or afsluiting.gegevens.get("reden") != reden:
        return None
    return laatste
