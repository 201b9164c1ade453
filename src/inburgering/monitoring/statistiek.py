"""Small statistics helpers shared by the indicator modules (no database, no Django)."""

from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager

from .sql import rang


@contextmanager
def zonder_gc():
    """Pause the cyclic garbage collector (reference counting still frees everything)."""
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


# --- -------------------------------------------------------------------------------


def percentiel(waarden: list[int], p: float) -> int | None:
    """Nearest-rank percentile (as PostgreSQL's percentile_disc): the smallest value with at
    least p% of the values at or below it."""
    return rang(Counter(waarden), len(waarden), p)


def aandeel(teller: int, noemer: int) -> float | None:
    return round(100 * teller / noemer, 1) if noemer else None


# --- Indicators: SQL aggregates over the relation (`relatie.Relatie`) ---------------------------
# Each function takes the relation `r` (the selection's rows in the temporary table of this
# computation, and `r.peildatum`); the statements are `sql.vast`: built from the peildatum only.
# Grouping by the dossier's doelgroep, gemeente or consulent, or by the person's sex or age,
# uses their current values (`kolommen.GROEPEN`).
