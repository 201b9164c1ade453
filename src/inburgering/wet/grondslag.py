"""Legal citations (``Grondslag``) and the mark for where a rule comes from (``Bron``).

A ``Grondslag`` names an article (and optionally a lid and onderdeel) in an official text
identified by its BWB id, e.g. ``BWBR0045555 art. 5.3 lid 1``. Every ``Grondslag`` created
in this package is remembered in a module-level set so that a test can check each citation
against the official texts in ``shared/reference/wetten``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

WI2021 = "BWBR0044770"  # Wet inburgering 2021
BI2021 = "BWBR0045555"  # Besluit inburgering 2021
PW = "BWBR0015703"  # Participatiewet

WET_NAMEN = {
    WI2021: "Wet inburgering 2021",
    BI2021: "Besluit inburgering 2021",
    PW: "Participatiewet",
}

_BEKEND: set[Grondslag] = set()


class Bron(StrEnum):
    """Where a rule comes from, as marked in ``wet-inburgering-regels.md``.

    [wet]: checked against the official text. [praktijk]: official guidance, DUO's contract or
    case law, not statute. [open]: not confirmed, always a configurable parameter.
    """

    WET = "wet"
    PRAKTIJK = "praktijk"
    WET_EN_PRAKTIJK = "wet+praktijk"
    OPEN = "open"


@dataclass(frozen=True)
class Grondslag:
    """A citation: BWB id, article, and optionally lid and onderdeel.

    ``str(Grondslag(BI2021, "5.3", 1))`` gives ``"BWBR0045555 art. 5.3 lid 1"``.
    """

    bwb_id: str
    artikel: str
    lid: int | None = None
    onderdeel: str | None = None

    def __post_init__(self) -> None:
        if self.bwb_id not in WET_NAMEN:
            raise ValueError(f"onbekende BWB id: {self.bwb_id}")
        if self.lid is not None and self.lid < 1:
            raise ValueError("lid moet 1 of hoger zijn")
        _BEKEND.add(self)

    def __str__(self) -> str:
        tekst = f"{self.bwb_id} art. {self.artikel}"
        if self.lid is not None:
            tekst += f" lid {self.lid}"
        if self.onderdeel is not None:
            tekst += f" onder {self.onderdeel}"
        return tekst

    @property
    def wet(self) -> str:
        """Human name of the regulation, e.g. ``Besluit inburgering 2021``."""
        return WET_NAMEN[self.bwb_id]


def wi(artikel: str, lid: int | None = None, onderdeel: str | None = None) -> Grondslag:
    """Citation in the Wet inburgering 2021 (BWBR0044770)."""
    return Grondslag(WI2021, artikel, lid, onderdeel)


def bi(artikel: str, lid: int | None = None, onderdeel: str | None = None) -> Grondslag:
    """Citation in the Besluit inburgering 2021 (BWBR0045555)."""
    return Grondslag(BI2021, artikel, lid, onderdeel)


def pw(artikel: str, lid: int | None = None, onderdeel: str | None = None) -> Grondslag:
    """Citation in the Participatiewet (BWBR0015703)."""
    return Grondslag(PW, artikel, lid, onderdeel)


def alle_grondslagen() -> frozenset[Grondslag]:
    """Every ``Grondslag`` created so far (all module-level citations after import)."""
    return frozenset(_BEKEND)
