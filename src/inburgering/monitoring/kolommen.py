"""The columns of the relation's row per dossier (`models.MijlpalenVelden`): `kolommen` is the
only place that builds a row, for the stored projection (`projectie.py`) and for the temporary
table of a past peildatum (`relatie.py`) alike, so both hold the same values by construction."""

from __future__ import annotations

import dataclasses

from inburgering.dossiers.uitkomsten import MOMENTEN, moment_datum
from inburgering.wet.kalender import plus_jaren, plus_maanden

from . import extractie as ex
from . import uitkomsten as uk
from .models import MijlpalenProjectie

#: Columns that are `Mijlpalen` fields (the rest is derived from them by `kolommen`).
_MIJLPALEN = {f.name for f in dataclasses.fields(ex.Mijlpalen)}
MIJLPAAL_KOLOMMEN = [
    f.name for f in MijlpalenProjectie._meta.concrete_fields if f.name in _MIJLPALEN
]


def kolommen(m: ex.Mijlpalen, u: uk.Uitkomst | None) -> dict:
    """Every column of the dossier's row, from its milestones and folded outcome events."""
    rij = {veld: getattr(m, veld) for veld in MIJLPAAL_KOLOMMEN}
    rij["wachtredenen"] = ",".join(m.wachtredenen)
    einde, bron = m.termijn_einde
    rij |= {
        "pip_deadline": m.pip_deadline,
        "conform": m.conform,
        "termijn_einde": einde,
        "termijn_bron": bron,
        "huisvesting_3m": plus_maanden(m.huisvesting, 3) if m.huisvesting else None,
        "pip_2j": plus_jaren(m.pip, 2) if m.pip else None,
        "pip_3j": plus_jaren(m.pip, 3) if m.pip else None,
    }
    for moment in MOMENTEN:
        rij[f"moment_{moment}"] = moment_datum(m.route_start, moment) if m.route_start else None
    return rij | uk.samenvatting(m, u or uk.GEEN)


#: The dossier's and person's current values the tables filter and group by, copied into the
#: temporary table: (column, where the projection finds it).
GROEPEN = {
    "gemeente_id": "dossier__gemeente_id",
    "doelgroep": "dossier__doelgroep",
    "consulent_id": "dossier__consulent_id",
    "geslacht": "dossier__inburgeraar__geslacht",
    "geboortedatum": "dossier__inburgeraar__geboortedatum",
    "regime": "dossier__regime",
}
