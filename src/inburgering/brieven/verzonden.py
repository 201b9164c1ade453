"""The letters the gemeente sent to the person, from every app that writes them: one list per
dossier for the inburgeraar's portal (issue 19, docs/adr/0038).

The apps that write letters to the person sit above this one (intake's summonses, the PIP
beschikking, the fine letters of handhaving). Each registers a source from its
`AppConfig.ready` (`registreer_briefbron`): a function of a dossier that returns the letters
that went out, as `Verzondenbrief`. Only letters that were sent or vastgesteld: never a draft,
an unsent letter or an internal document. A reader (the portal) gets them all through
`verzonden_brieven` and knows no app's models; the PDF is made on request by the source.

A letter is known by its kenmerk (`services.kenmerk`): unique in the installation, printed on
the letter, and free of personal data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

#: Kinds of letters of the sources registered here (the portal words them in the person's
#: language; a kind it does not know gets a general title and explanation).
PIP_BESCHIKKING = "pip_beschikking"
BOETE_VOORNEMEN = "handhaving_voornemen"
BOETE_BESCHIKKING = "handhaving_beschikking"


@dataclass(frozen=True)
class Verzondenbrief:
    """One letter that went out to the person.

    `datum`: the day it was sent (a beschikking: its dagtekening, the day the bezwaar term
    counts from). `beschikking`: a decision open to bezwaar (Awb 1:3, 6:7). `periode`: the
    period of a summons in which the person must come; `reageren_tot`: the last day for a
    zienswijze on a voornemen (Awb 4:8). `bron`: the source's own record, for a reader that
    knows that app (the portal shows the PIP's summary next to its beschikking)."""

    kenmerk: str
    soort: str
    onderwerp: str
    datum: dt.date
    pdf: Callable[[], bytes]
    beschikking: bool = False
    periode: tuple[dt.date, dt.date] | None = None
    reageren_tot: dt.date | None = None
    vervangen: bool = False
    bron: Any = None


Briefbron = Callable[[Any], Iterable[Verzondenbrief]]

#: The sources by name (the app's label), filled from the apps' AppConfig.ready.
BRONNEN: dict[str, Briefbron] = {}


def registreer_briefbron(naam: str, bron: Briefbron) -> None:
    if naam in BRONNEN and BRONNEN[naam] is not bron:
        raise ValueError(f"briefbron {naam!r} is al geregistreerd")
    BRONNEN[naam] = bron


def verzonden_brieven(dossier: Any) -> list[Verzondenbrief]:
    """Every letter that went out to the person of this dossier, newest first."""
    brieven = [brief for bron in BRONNEN.values() for brief in bron(dossier)]
    return sorted(brieven, key=lambda b: (b.datum, b.kenmerk), reverse=True)


def verzonden_brief(dossier: Any, kenmerk: str) -> Verzondenbrief | None:
    """The letter with this kenmerk, only when it went out to the person of this dossier."""
    return next((b for b in verzonden_brieven(dossier) if b.kenmerk == kenmerk), None)
