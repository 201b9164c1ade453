"""Retention and erasure: Besluit inburgering 2021 art. 9.9 and AVG art. 17.

`te_verwijderen(peildatum)` says what is due, per dossier and retention category, with the
date, citation and Dutch explanation of `wet.bewaartermijn` (no law is computed here: this
module only maps a dossier's state onto the rule's inputs, like `deadlines.py`).
`verwijder(...)` removes it through the one audited path past the append-only triggers
(`onveranderlijk.uitzondering(OPSCHONEN)`) and writes a `Verwijdering` per dossier and
category; `verwijder_inzagelog` removes access-log rows past their (policy) period.

Two categories (docs/adr/0001-bewaartermijnen-en-opschonen.md):

* ``dossier`` (lid 1 a: five years after the plicht ended; lid 1 b: on death): every piece of
  personal data except the core data of lid 2 and the statistical remainder. Event payloads
  keep only the keys in `bewaarde_sleutels()` and `KERN_SLEUTELS`; explanations (`toelichting`),
  letters, reports, the health record, PIP texts, DUO messages and the person's contact data,
  languages, V-nummer and family members go.
* ``kerngegevens`` (lid 2: at most fifty years; on death at once): BSN, names, address and the
  vrijstelling/ontheffing details. What is left is the statistical remainder: the dossier's
  gemeente, doelgroep, phase, milestone dates, the payload keys the monitoring reads (route
  codes, LBT score, reasons, dates), and the person's sex and date of birth (the monitoring's
  tables by sex and age group), no longer linked to any identifier.

The event log is never deleted from: the types and dates of events are what every figure is
computed from, so the monitoring of past years stays the same (tests compare every table).

A person's own fields go only when every dossier of that person is due in that category, so
this works whether a person has dossiers in several gemeenten or one person row per gemeente.
"""

from __future__ import annotations

import getpass
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.conf import settings
from django.db import connection
from django.utils import timezone

from inburgering.wet import Gegevenscategorie, bewaartermijn
from inburgering.wet.kalender import plus_maanden

from . import gebeurtenissen
from .models import (
    Dossier,
    DossierEvent,
    Gezinsrelatie,
    Inburgeraar,
    Opschoonrun,
    Regime,
    Verwijdering,
)
from .onveranderlijk import OPSCHONEN, uitzondering
from .workflow import Afsluitreden, Fase

logger = logging.getLogger(__name__)

#: Other apps' personal data that goes with lid 1 (category `dossier`): per app a function of
#: the dossier that blanks what is personal in that app's records (free texts, names, contact
#: and payment details) and keeps what the statistics read (statuses, dates, amounts); it
#: returns counts for the run's report. Registered from the app's AppConfig.ready
#: (`registreer_opschoning`), as event types are: the dossier core imports no app for it.
OPSCHONINGEN: dict[str, Callable[[Dossier], dict]] = {}


def registreer_opschoning(app: str, opschonen: Callable[[Dossier], dict]) -> None:
    OPSCHONINGEN[app] = opschonen


def bewaarde_sleutels() -> frozenset[str]:
    """Payload keys that survive every purge: what the fold, the monitoring and the outcome
    pages read, as each event type's registration says (`bewaard` and its `detail`'s keys).
    Codes, numbers and dates, none of them identifying. Anything else (names, free text, DUO's
    raw data, the consulent's name, the AZC) goes with the ``dossier`` category."""
    return gebeurtenissen.bewaarde_sleutels()


#: Payload keys of Besluit 9.9 lid 2 f-h (vrijstelling, ontheffing, how the plicht ended):
#: kept with the core data and removed with it.
KERN_SLEUTELS = frozenset({"reden_duo", "vrijstellingen", "ontheffingen", "gebeurtenis"})

#: Closing reasons that end the inburgeringsplicht. `verhuisd` does not (the plicht goes on in
#: the new gemeente: the dossier waits for the person's later dossier to end it) and neither
#: does a temporary vrijstelling (the plicht can revive). `overleden` is lid 1 b.
PLICHT_GEEINDIGD = frozenset(
    {
        Afsluitreden.VOLDAAN,
        Afsluitreden.VRIJSTELLING,
        Afsluitreden.ONTHEFFING,
        Afsluitreden.VERTROKKEN,
        Afsluitreden.PLICHT_VERVALLEN,
        Afsluitreden.OVERLEDEN,
    }
)

#: What goes, per category, in words (the dry run's list).
WAT = {
    Gegevenscategorie.DOSSIER: (
        "toelichtingen en overige inhoud van gebeurtenissen, brieven, verslagen, gezondheid, "
        "afspraken, PIP-teksten, bezwaren, DUO-berichten; bij de persoon: contactgegevens, "
        "talen, V-nummer, land van herkomst en gezinsleden"
    ),
    Gegevenscategorie.KERNGEGEVENS: (
        "BSN, naam, adres en woonplaats van de persoon en de gegevens over vrijstelling en "
        "ontheffing"
    ),
}

#: Order of the categories: the core data go last (and never before the rest).
CATEGORIEEN = (Gegevenscategorie.DOSSIER, Gegevenscategorie.KERNGEGEVENS)


@dataclass(frozen=True)
class Termijn:
    """One category of one dossier that is due on the peildatum, with the rule's reason."""

    categorie: Gegevenscategorie
    verwijderen_uiterlijk: date
    grondslag: str
    uitleg: str


@dataclass
class TeVerwijderen:
    dossier_id: int
    gemeente: str
    inburgeraar_id: int
    afsluitreden: str
    termijnen: list[Termijn] = field(default_factory=list)
    #: categories in which the person's own fields go too (all the person's dossiers are due)
    persoon: set[Gegevenscategorie] = field(default_factory=set)


def einde_plicht(dossier: Dossier, later: dict[str, list[tuple[date, str]]], bsn: str):
    """(einde_plicht, overlijden) as inputs for `wet.bewaartermijn`, from the closing
    recorded in the dossier's projection (`fase_sinds` is the date of `dossier_afgesloten`).
    A dossier closed because the person moved takes the end from the person's later closed
    dossier (same BSN) that did end the plicht."""
    if dossier.fase != Fase.AFGEROND or dossier.fase_sinds is None:
        return None, None
    if dossier.afsluitreden == Afsluitreden.OVERLEDEN:
        return None, dossier.fase_sinds
    if dossier.afsluitreden in PLICHT_GEEINDIGD:
        return dossier.fase_sinds, None
    if dossier.afsluitreden == Afsluitreden.VERHUISD:
        volgende = [(d, r) for d, r in later.get(bsn, []) if d >= dossier.fase_sinds]
        if volgende:
            datum, reden = min(volgende)
            return (None, datum) if reden == Afsluitreden.OVERLEDEN else (datum, None)
    return None, None


def te_verwijderen(peildatum: date, gemeente: str | None = None) -> list[TeVerwijderen]:
    """Every dossier with a category due on `peildatum` that has not been removed yet."""
    dossiers = Dossier.objects.filter(fase=Fase.AFGEROND, regime=Regime.WI2021).select_related(
        "gemeente", "inburgeraar"
    )
    if gemeente:
        dossiers = dossiers.filter(gemeente__cbs_code=gemeente)
    dossiers = list(dossiers.order_by("pk"))
    bsns = {d.inburgeraar.bsn for d in dossiers if d.afsluitreden == Afsluitreden.VERHUISD}
    later: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for bsn, datum, reden in Dossier.objects.filter(
        inburgeraar__bsn__in=bsns, fase=Fase.AFGEROND, afsluitreden__in=PLICHT_GEEINDIGD
    ).values_list("inburgeraar__bsn", "fase_sinds", "afsluitreden"):
        later[bsn].append((datum, reden))
    gedaan = set(Verwijdering.objects.values_list("dossier_id", "categorie"))

    result: list[TeVerwijderen] = []
    verschuldigd: dict[tuple[int, str], bool] = {}
    for dossier in dossiers:
        einde, overlijden = einde_plicht(dossier, later, dossier.inburgeraar.bsn)
        item = TeVerwijderen(
            dossier.pk, dossier.gemeente.cbs_code, dossier.inburgeraar_id, dossier.afsluitreden
        )
        for categorie in CATEGORIEEN:
            uitkomst = bewaartermijn(categorie=categorie, einde_plicht=einde, overlijden=overlijden)
            datum = uitkomst.waarde.verwijderen_uiterlijk
            if datum is None or datum > peildatum:
                continue
            verschuldigd[dossier.pk, categorie] = True
            if (dossier.pk, categorie.value) in gedaan:
                continue
            grondslag = ", ".join(str(g) for g in uitkomst.grondslagen)
            item.termijnen.append(Termijn(categorie, datum, grondslag, uitkomst.uitleg))
        if item.termijnen:
            result.append(item)
    _persoon_verschuldigd(result, verschuldigd, gedaan)
    return result


def _persoon_verschuldigd(result, verschuldigd, gedaan) -> None:
    """Mark the categories in which the person's fields go: every dossier of the person is
    due or done in that category. A dossier outside the `--gemeente` selection was not
    evaluated and counts as not due, so a selection never removes more of a person."""
    per_persoon: dict[int, list[int]] = defaultdict(list)
    for dossier_id, persoon_id in Dossier.objects.filter(
        inburgeraar_id__in={item.inburgeraar_id for item in result}
    ).values_list("pk", "inburgeraar_id"):
        per_persoon[persoon_id].append(dossier_id)
    for item in result:
        for termijn in item.termijnen:
            categorie = termijn.categorie
            if all(
                verschuldigd.get((d, categorie)) or (d, categorie.value) in gedaan
                for d in per_persoon[item.inburgeraar_id]
            ):
                item.persoon.add(categorie)


def start_run(peildatum: date, *, proefdraai: bool, gemeente: str | None = None) -> Opschoonrun:
    from inburgering.accounts.models import Gemeente

    return Opschoonrun.objects.create(
        peildatum=peildatum,
        proefdraai=proefdraai,
        gemeente=Gemeente.objects.get(cbs_code=gemeente) if gemeente else None,
        uitgevoerd_door=_wie(),
    )


def _wie() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a container
        return ""


def proefdraaien(peildatum: date, gemeente: str | None = None):
    """The dry run: what would go, recorded as a run (nothing else changes)."""
    run = start_run(peildatum, proefdraai=True, gemeente=gemeente)
    plan = te_verwijderen(peildatum, gemeente)
    inzage = inzagelog_te_verwijderen(peildatum).count()
    _sluit(run, plan, inzage)
    return run, plan, inzage


def opschonen(peildatum: date, gemeente: str | None = None):
    """The purge: everything due on `peildatum`, recorded as a run."""
    run = start_run(peildatum, proefdraai=False, gemeente=gemeente)
    plan = te_verwijderen(peildatum, gemeente)
    verwijder(plan, run)
    inzage = verwijder_inzagelog(peildatum)
    _sluit(run, plan, inzage)
    return run, plan, inzage


def _sluit(run: Opschoonrun, plan: list[TeVerwijderen], inzage: int) -> None:
    per_categorie: dict[str, int] = defaultdict(int)
    for item in plan:
        for termijn in item.termijnen:
            per_categorie[termijn.categorie.value] += 1
    run.aantallen = {
        "dossiers": len(plan),
        **{f"dossiers_{k}": v for k, v in sorted(per_categorie.items())},
        "personen": len({i.inburgeraar_id for i in plan if i.persoon}),
        "inzagelog": inzage,
    }
    run.afgerond_op = timezone.now()
    run.save(update_fields=["aantallen", "afgerond_op"])
    # Counts and ids of the run only: never a BSN or a name in a log line.
    logger.info(
        "opschonen: %s run=%s peildatum=%s gemeente=%s %s",
        "proefdraai" if run.proefdraai else "verwijderd",
        run.pk,
        run.peildatum.isoformat(),
        run.gemeente.cbs_code if run.gemeente else "alle",
        " ".join(f"{k}={v}" for k, v in run.aantallen.items()),
    )


def verwijder(plan: list[TeVerwijderen], run: Opschoonrun) -> None:
    """Remove what `plan` lists, one transaction per dossier (a long first run keeps what it
    did when interrupted; the next run continues, as done categories are skipped)."""
    for item in plan:
        with uitzondering(OPSCHONEN):
            dossier = Dossier.objects.select_for_update().get(pk=item.dossier_id)
            for termijn in item.termijnen:
                if Verwijdering.objects.filter(
                    dossier=dossier, categorie=termijn.categorie.value
                ).exists():
                    continue
                if termijn.categorie is Gegevenscategorie.DOSSIER:
                    verwijderd = _dossiergegevens(dossier, item)
                else:
                    verwijderd = _kerngegevens(dossier, item)
                Verwijdering.objects.create(
                    run=run,
                    dossier=dossier,
                    datum=run.peildatum,
                    categorie=termijn.categorie.value,
                    verwijderen_uiterlijk=termijn.verwijderen_uiterlijk,
                    grondslag=termijn.grondslag,
                    uitleg=termijn.uitleg,
                    verwijderd=verwijderd,
                )


def _payloads(dossier: Dossier, bewaren: frozenset[str]) -> dict:
    """Blank `toelichting` and keep only the `bewaren` keys of every event's payload: the only
    UPDATE the event log's trigger lets through, and only in this transaction."""
    sleutels: set[str] = set()
    gewijzigd = 0
    for pk, gegevens, toelichting in dossier.events.values_list("pk", "gegevens", "toelichting"):
        gegevens = gegevens or {}
        nieuw = {k: v for k, v in gegevens.items() if k in bewaren}
        if nieuw == gegevens and not toelichting:
            continue
        sleutels |= set(gegevens) - set(nieuw)
        DossierEvent._base_manager.filter(pk=pk).update(gegevens=nieuw, toelichting="")
        gewijzigd += 1
    return {"gebeurtenissen": gewijzigd, "sleutels": sorted(sleutels)}


def _dossiergegevens(dossier: Dossier, item: TeVerwijderen) -> dict:
    """Lid 1: everything but the core data and the statistical remainder."""
    verwijderd: dict = {"gebeurtenissen": _payloads(dossier, bewaarde_sleutels() | KERN_SLEUTELS)}
    for app, opschonen in sorted(OPSCHONINGEN.items()):
        verwijderd[app] = opschonen(dossier)
    if Gegevenscategorie.DOSSIER in item.persoon:
        velden = {
            "v_nummer": "",
            "land_van_herkomst": "",
            "talen": [],
            "voorkeurstaal": "",
            "tolk_nodig": False,
            "telefoon": "",
            "email": "",
            "whatsapp": "",
        }
        Inburgeraar.objects.filter(pk=dossier.inburgeraar_id).update(**velden)
        gezin = Gezinsrelatie.objects.filter(inburgeraar_id=dossier.inburgeraar_id)
        verwijderd["persoon"] = sorted(velden)
        verwijderd["gezinsleden"] = gezin.delete()[0]
    return verwijderd


def _kerngegevens(dossier: Dossier, item: TeVerwijderen) -> dict:
    """Lid 2 (or lid 1 b): the core data. The person keeps sex and date of birth only, under a
    placeholder in the BSN column (not nine digits, so never a valid BSN, and unique)."""
    verwijderd: dict = {"gebeurtenissen": _payloads(dossier, bewaarde_sleutels())}
    if Gegevenscategorie.KERNGEGEVENS in item.persoon:
        velden = {
            "voornamen": "",
            "voorvoegsel": "",
            "geslachtsnaam": "",
            "post_straat": "",
            "post_postcode": "",
            "post_plaats": "",
        }
        Inburgeraar.objects.filter(pk=dossier.inburgeraar_id).update(
            bsn=vervangend_bsn(dossier.inburgeraar_id), **velden
        )
        verwijderd["persoon"] = ["bsn", *sorted(velden)]
    return verwijderd


def vervangend_bsn(pk: int) -> str:
    """'V' and the person's id in base 36: unique, nine characters at most, never a BSN."""
    cijfers = "0123456789abcdefghijklmnopqrstuvwxyz"
    tekst = ""
    while True:
        pk, rest = divmod(pk, 36)
        tekst = cijfers[rest] + tekst
        if not pk:
            return "V" + tekst.rjust(8, "0")


# --- The access log -----------------------------------------------------------------------------


def inzagelog_grens(peildatum: date) -> datetime:
    """Rows logged before this moment are past the access log's retention period
    (settings.INZAGELOG_BEWAARTERMIJN_MAANDEN, a policy choice: the law fixes none)."""
    dag = plus_maanden(peildatum, -settings.INZAGELOG_BEWAARTERMIJN_MAANDEN)
    return timezone.make_aware(datetime.combine(dag, time.min))


def inzagelog_te_verwijderen(peildatum: date):
    from inburgering.accounts.models import Inzagelog

    return Inzagelog.objects.filter(tijdstip__lt=inzagelog_grens(peildatum))


def exportlog_te_verwijderen(peildatum: date):
    from inburgering.accounts.models import Exportlog

    return Exportlog.objects.filter(tijdstip__lt=inzagelog_grens(peildatum))


def verwijder_inzagelog(peildatum: date) -> int:
    """Delete the access-log rows past their period, and the export log's with them (it is
    part of the access log), through the triggers' exception (which checks every row against
    the same limit). Returns the number of access-log rows."""
    grens = inzagelog_grens(peildatum)
    with uitzondering(OPSCHONEN, tot=grens):
        exportlog_te_verwijderen(peildatum)._raw_delete(connection.alias)
        return inzagelog_te_verwijderen(peildatum)._raw_delete(connection.alias)
