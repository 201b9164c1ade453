"""Test data builders for the intake, through the intake services (`brede_intake`,
`oproepen`), which record the dossier events themselves.

`rond_intake_af` (conversation, every topic, LBT, afgerond, route decision) lives in
tests/pip/conftest.py and is re-exported here.
"""

import datetime as dt

from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.intake import brede_intake as bi
from inburgering.intake import oproepen
from inburgering.intake.models import Brief, IntakeGesprek
from tests.pip.conftest import rond_intake_af

__all__ = ["contact", "eerste_oproep", "intake_gesprek", "rond_intake_af"]


def contact(dossier: Dossier, actor, *, datum: dt.date, kanaal: str = "telefoon", samenvatting=""):
    """A contact moment, as the contact page records it."""
    return registreer(dossier, Soort.CONTACT, datum, actor=actor, gegevens={"kanaal": kanaal},
                      toelichting=samenvatting)  # fmt: skip


def intake_gesprek(dossier: Dossier, actor, *, datum: dt.date, vorm: str = "persoonlijk"):
    """An intake conversation; the first one starts the brede intake (`intake_gestart`)."""
    gesprek: IntakeGesprek = bi.voeg_gesprek_toe(
        dossier, actor=actor, datum=datum, vorm=vorm, versie="uitgebreid"
    )
    dossier.refresh_from_db()
    return gesprek


def eerste_oproep(dossier: Dossier, actor, *, datum: dt.date, kanaal: str = "post") -> Brief:
    """The first summons to the brede intake (letter stored as sent, `oproep` event)."""
    brief = oproepen.stuur_oproep(dossier, kanaal=kanaal, periode_van=datum + dt.timedelta(days=7),
                                  periode_tot=datum + dt.timedelta(days=14), datum=datum,
                                  actor=actor)  # fmt: skip
    dossier.refresh_from_db()
    return brief
