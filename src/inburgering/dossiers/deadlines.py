"""Deadlines of a dossier. The dates come from the rules package; this module only maps the
dossier's folded state onto the rules' inputs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from inburgering.wet import PipDeadline, Regime, Termijn
from inburgering.wet import inburgeringstermijn as inburgeringstermijn_regel
from inburgering.wet import pip_deadline as pip_deadline_regel
from inburgering.wet.uitkomst import Uitkomst

from .toestand import DossierToestand
from .uitleg import citaten


def pip_deadline(
    toestand: DossierToestand, regime: str | None = None
) -> Uitkomst[PipDeadline] | None:
    """The explained PIP deadline (Besluit inburgering 2021 art. 5.3), or None when no PIP
    deadline runs: no kennisgeving yet, a PIP already set, the dossier closed, or a dossier
    under the old Wet inburgering (2013), which has no PIP (Wi art. 54 lid 1; `regime`, the
    dossier's, when the caller has it)."""
    if toestand.pip_dagtekening or not toestand.is_open or regime == Regime.WI2013:
        return None
    # Besluit 5.3 lid 3 (a move with a PIP) is applied by the rule itself.
    verhuisd_met_pip = toestand.vestiging_datum is not None and toestand.pip_vorige_gemeente
    if not toestand.kennisgeving_datum and not verhuisd_met_pip:
        return None
    # A COA koppeling means housing under art. 28 Huisvestingswet 2014 (the taakstelling).
    via_taakstelling = toestand.koppeling_datum is not None
    return pip_deadline_regel(
        toestand.kennisgeving_datum,
        inschrijving_nieuwe_gemeente=toestand.vestiging_datum,
        pip_vorige_gemeente=verhuisd_met_pip,
        wacht_op_derde=toestand.wacht_op_derde,
        informatie_derde_ontvangen=toestand.informatie_derde_ontvangen,
        gehuisvest_via_taakstelling=via_taakstelling,
        inschrijving_huisvestingsgemeente=(
            toestand.brp_inschrijving_datum if via_taakstelling else None
        ),
    )


def vestiging_bij_gemeente(toestand: DossierToestand) -> dt.date | None:
    """Since when the person is settled in this gemeente for DUO: the date of DUO's PIP rule
    "De datum dagtekening mag niet voor de vestiging van de inburgeraar bij de gemeente
    liggen" (DUO M2M, README, "Het aanleveren van een PIP", Datum dagtekening).

    DUO reads the BRP: the vestiging is the registration in the gemeente (BRP's
    `datumInschrijvingInGemeente`), after a move the registration in the new gemeente
    (SS120/SS121). It is the first registration in the gemeente: a later address in the same
    gemeente (a second HUISVESTING) does not move it, as the current `brp_inschrijving_datum`
    does. None while the person is not registered in the gemeente (the caller falls back on
    DUO's kennisgeving, as DUO's APIs do not return this date)."""
    return toestand.vestiging_datum or toestand.eerste_brp_inschrijving_datum


def inburgeringstermijn(toestand: DossierToestand) -> Uitkomst[Termijn] | None:
    """The inburgeringstermijn (Wi art. 11) once a PIP is set: it starts the day after the first
    PIP's dagtekening and is not moved by later PIP versions."""
    if not toestand.eerste_pip_dagtekening:
        return None
    return inburgeringstermijn_regel(
        toestand.eerste_pip_dagtekening, dagtekening_huidige_pip=toestand.pip_dagtekening
    )


def pip_deadline_datum(toestand: DossierToestand, regime: str | None = None) -> dt.date | None:
    uitkomst = pip_deadline(toestand, regime)
    return uitkomst.waarde.uiterlijk if uitkomst else None


def grondslag_tekst(uitkomst: Uitkomst[Any]) -> str:
    """ "Wet inburgering 2021, art. 11 lid 1; ..." for letters and documents."""
    return citaten(uitkomst.grondslagen)
