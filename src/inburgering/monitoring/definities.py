"""Population and cohort of the monitoring tables (issue 23): one definition, chosen once in the
filters (`extractie.Selectie.populatie`, `.cohortbasis`) and applied to the relation itself
(`relatie.py`), so that every table, chart and export counts the same dossiers and says so.

Two kinds of table (`Tabel.soort`):

* **stand** ("counts of people on the peildatum": funnel, routes, LBT tables, dual activities,
  the gemeente overview): the chosen population as is. The default, "inburgeringsplichtig op de
  peildatum", is what DUO counts: Wi2021, known to DUO (a kennisgeving, or a move from another
  gemeente) and not closed on the peildatum.
* **verloop** (lead times, outcomes, dropout, costs: these need the dossiers that have ended):
  the same population without the condition "not closed on the peildatum".

The cohort (the "instroom" period `van`/`tot` and the cohort year of the outcome tables) is the
date of DUO's kennisgeving (default; the date the sources count by) or the first signal (DUO,
COA or BRP, whichever came first). Without a kennisgeving (a move, an import without one, COA
before DUO) the first signal stands in for it.

Reporting conventions of this product, not law; docs/uitkomsten.md and ADR 0026.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inburgering.dossiers.models import Regime


class Populatie(models.TextChoices):
    PLICHTIG = "plichtig", gettext_lazy("Inburgeringsplichtig op de peildatum (Wi2021, open)")
    ALLE = "alle", gettext_lazy("Alle dossiers")
    WI2013 = "wi2013", gettext_lazy("Wi2013-dossiers")


class Cohortbasis(models.TextChoices):
    KENNISGEVING = "kennisgeving", gettext_lazy("Datum kennisgeving DUO")
    SIGNAAL = "signaal", gettext_lazy("Datum eerste signaal (DUO, COA of BRP)")


#: Kinds of table: a count of people on the peildatum, or what happened over time.
STAND, VERLOOP = "stand", "verloop"


def cohortdatum(basis: str):
    """The cohort date of a relation row (or projection row) as an expression."""
    if basis == Cohortbasis.SIGNAAL:
        return F("signaal")
    return Coalesce("kennisgeving", "signaal")


def cohortdatum_van(m, basis: str):
    """The same for a `extractie.Mijlpalen` in memory."""
    if basis == Cohortbasis.SIGNAAL:
        return m.signaal
    return m.kennisgeving or m.signaal


def in_cohort(sel, m) -> bool:
    if not (sel.van or sel.tot):
        return True
    datum = cohortdatum_van(m, sel.cohortbasis)
    if datum is None:
        return False
    return not ((sel.van and datum < sel.van) or (sel.tot and datum > sel.tot))


def cohort_q(sel) -> Q:
    """The cohort filter on rows annotated with `_cohort` (`cohortdatum`)."""
    q = Q()
    if sel.van:
        q &= Q(_cohort__gte=sel.van)
    if sel.tot:
        q &= Q(_cohort__lte=sel.tot)
    return q


#: Known to DUO as inburgeringsplichtig in this gemeente: DUO's kennisgeving, or a move in.
BEKEND_BIJ_DUO = Q(kennisgeving__isnull=False) | Q(vestiging__isnull=False)


def populatie_q(populatie: str, soort: str) -> Q | None:
    """The rows of the relation (milestones on the peildatum, current regime) in the population
    for a kind of table; None: every row."""
    if populatie == Populatie.WI2013:
        return Q(regime=Regime.WI2013)
    if populatie == Populatie.PLICHTIG:
        q = Q(regime=Regime.WI2021) & BEKEND_BIJ_DUO
        return q & Q(afgesloten__isnull=True) if soort == STAND else q
    return None


def omschrijving(sel, soort: str) -> list[str]:
    """The definitions a table was computed with, in words (page, CSV, XLSX, report)."""
    populatie = {
        (Populatie.PLICHTIG, STAND): _(
            "Populatie: inburgeringsplichtig op de peildatum — Wi2021, bij DUO bekend "
            "(kennisgeving of verhuizing naar deze gemeente) en op de peildatum niet afgesloten "
            "(zoals de cijfers van DUO)."
        ),
        (Populatie.PLICHTIG, VERLOOP): _(
            "Populatie: Wi2021-dossiers die bij DUO bekend zijn (kennisgeving of verhuizing), "
            "open en afgesloten: deze tabel gaat over verloop en uitkomsten."
        ),
        (Populatie.ALLE, STAND): _(
            "Populatie: alle dossiers (open en afgesloten, Wi2021 en Wi2013)."
        ),
        (Populatie.ALLE, VERLOOP): _(
            "Populatie: alle dossiers (open en afgesloten, Wi2021 en Wi2013)."
        ),
        (Populatie.WI2013, STAND): _("Populatie: dossiers onder de Wi2013 (open en afgesloten)."),
        (Populatie.WI2013, VERLOOP): _("Populatie: dossiers onder de Wi2013 (open en afgesloten)."),
    }[(Populatie(sel.populatie), soort)]
    basis = (
        _("datum kennisgeving DUO (zonder kennisgeving: eerste signaal)")
        if sel.cohortbasis == Cohortbasis.KENNISGEVING
        else _("datum eerste signaal (DUO, COA of BRP)")
    )
    periode = _("alle")
    if sel.van or sel.tot:
        van = sel.van.strftime("%d-%m-%Y") if sel.van else "…"
        tot = sel.tot.strftime("%d-%m-%Y") if sel.tot else "…"
        periode = f"{van} – {tot}"
    return [
        _("Peildatum: %(d)s.") % {"d": sel.peildatum.strftime("%d-%m-%Y")},
        populatie,
        _("Cohort: %(basis)s; instroomperiode: %(periode)s.")
        % {"basis": basis, "periode": periode},
    ]
