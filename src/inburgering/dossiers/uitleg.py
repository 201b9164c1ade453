"""The rules' explanations and citations as the pages show them.

The rules package (`inburgering.wet`) is pure and speaks Dutch: each outcome carries one Dutch
sentence and its citations as `Grondslag` values (`BWBR0044770 art. 11 lid 1`). This module is
the presentation layer on top (docs/adr/0019-uitleg-en-woorden-in-de-presentatie.md):

* a citation reads "Wet inburgering 2021, art. 11 lid 1" and links to the article on
  wetten.overheid.nl (its JCI address, which always opens the version in force);
* where the rule marks its source as practice (`Bron`), words instead of "[wet+praktijk]";
* in English, the explanation sentences are translated by the phrase table below; a sentence it
  does not cover stays Dutch and is marked `lang="nl"`, so a screen reader reads it as Dutch and
  nobody reads a half-translated sentence as the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inburgering.wet.grondslag import Bron, Grondslag

WETTEN_OVERHEID = "https://wetten.overheid.nl/jci1.3:c:{bwb}&artikel={artikel}"


def citaat(grondslag: Grondslag) -> str:
    """ "Wet inburgering 2021, art. 11 lid 1" (with "onder a" for an onderdeel)."""
    tekst = f"{grondslag.wet}, art. {grondslag.artikel}"
    if grondslag.lid is not None:
        tekst += f" lid {grondslag.lid}"
    if grondslag.onderdeel is not None:
        tekst += f" onder {grondslag.onderdeel}"
    return tekst


def bwb_url(grondslag: Grondslag) -> str:
    """The article on wetten.overheid.nl (JCI 1.3 address of the version in force)."""
    url = WETTEN_OVERHEID.format(bwb=grondslag.bwb_id, artikel=grondslag.artikel)
    if grondslag.lid is not None:
        url += f"&lid={grondslag.lid}"
    return url


def citaten(grondslagen: Iterable[Grondslag]) -> str:
    return "; ".join(citaat(g) for g in grondslagen)


def bron_woorden(bron: Bron | str | None) -> str:
    """Words for a rule that is not (only) statute; nothing for statute."""
    if bron == Bron.PRAKTIJK:
        return _("uitvoeringspraktijk (geen wettekst)")
    if bron == Bron.WET_EN_PRAKTIJK:
        return _("wet, aangevuld met de uitvoeringspraktijk")
    if bron == Bron.OPEN:
        return _("niet bevestigd: een instelling van de gemeente")
    return ""


@dataclass(frozen=True)
class Tekst:
    tekst: str
    taal: str  # "nl" or "en"


_D = r"(\d{2}-\d{2}-\d{4})"

#: Dutch fragments of the explanations (wet/pip.py, wet/termijnen.py) and their English.
#: A fragment matches whole; what is left over after all of them decides whether the
#: sentence was fully translated.
_ENGELS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), e)
    for p, e in [
        (
            rf"Het PIP moet uiterlijk op {_D} zijn vastgesteld: ",
            r"The PIP must be adopted by \1: ",
        ),
        (
            rf"10 weken na de kennisgeving van DUO op {_D}",
            r"10 weeks after DUO's notification of \1",
        ),
        (
            rf"10 weken na de inschrijving in de BRP van de huisvestingsgemeente op {_D}, omdat "
            r"die inschrijving na de kennisgeving van DUO lag",
            r"10 weeks after the registration in the BRP of the housing municipality on \1, "
            r"because that registration came after DUO's notification",
        ),
        (
            rf"10 weken na de inschrijving in de nieuwe gemeente op {_D}, met dezelfde leerroute "
            r"als eerder vastgesteld",
            r"10 weeks after the registration in the new municipality on \1, with the learning "
            r"route set before",
        ),
        (
            rf"2 weken na ontvangst op {_D} van de informatie van een derde waarop de gemeente "
            r"wachtte",
            r"2 weeks after the municipality received, on \1, the information from a third "
            r"party it was waiting for",
        ),
        (
            rf"; omdat {_D} geen werkdag is, schuift de termijn op grond van de Algemene "
            rf"termijnenwet door naar {_D}",
            r"; because \1 is not a working day, the General Time Limits Act (Algemene "
            r"termijnenwet) moves the deadline to \2",
        ),
        (
            r"De termijn voor het PIP loopt nog niet: de inburgeringsplichtige is nog niet "
            r"ingeschreven in de gemeente waar hij als statushouder wordt gehuisvest\.",
            "The PIP deadline has not started: the person is not yet registered in the "
            "municipality where they are housed as a status holder.",
        ),
        (
            r"De gemeente wacht op informatie van een derde zonder welke het PIP redelijkerwijs "
            r"niet kan worden vastgesteld; de termijn is 2 weken na ontvangst daarvan\.",
            "The municipality is waiting for information from a third party without which "
            "the PIP cannot reasonably be adopted; the deadline is 2 weeks after it arrives.",
        ),
        (
            rf"De inburgeringstermijn loopt van {_D} \(de dag na de dagtekening van het eerste "
            rf"PIP\) tot en met {_D}",
            r"The integration period runs from \1 (the day after the date of the first PIP) "
            r"up to and including \2",
        ),
        (
            rf"De inburgeringstermijn loopt van {_D} \(de dag na de dagtekening van het eerste "
            rf"PIP\) tot {_D}",
            r"The integration period runs from \1 (the day after the date of the first PIP) "
            r"until \2",
        ),
        (
            r"; een opnieuw vastgesteld PIP verschuift de aanvang niet",
            "; a PIP adopted again does not move the start",
        ),
        (r", verlengd met (\d+) dagen onderbreking", r", extended by \1 days of interruption"),
    ]
]


def in_taal(uitleg: str) -> Tekst:
    """The explanation in the active language where the phrase table covers all of it."""
    if not (get_language() or "nl").startswith("en") or not uitleg:
        return Tekst(uitleg, "nl")
    engels = rest = uitleg
    for patroon, vervanging in _ENGELS:
        engels = patroon.sub(vervanging, engels)
        rest = patroon.sub("", rest)
    if re.sub(r"[\s.;:,]", "", rest):
        return Tekst(uitleg, "nl")
    return Tekst(engels, "en")
