"""Domain enums shared by the rules (Dutch domain words, values as DUO/legal terms)."""

from __future__ import annotations

from enum import StrEnum


class Doelgroep(StrEnum):
    """Target group: Wi art. 13 lid 1 (asylum) or Wi art. 19 (family and other migrants)."""

    ASIELSTATUSHOUDER = "asielstatushouder"
    GEZINSMIGRANT_OVERIG = "gezinsmigrant_overig"


class Verblijfsgrond(StrEnum):
    """Residence permit type, as far as the rules need it (Wi art. 13 lid 1, 19; Pw art. 56a)."""

    ASIEL_BEPAALDE_TIJD = "asiel_bepaalde_tijd"
    """Verblijfsvergunning asiel voor bepaalde tijd (Vw art. 28)."""
    REGULIER_GEZIN_BIJ_ASIELSTATUSHOUDER = "regulier_gezin_bij_asielstatushouder"
    """Regular permit as family member of an asylum permit holder (Wi art. 13 lid 1 onder b)."""
    REGULIER_OVERIG = "regulier_overig"
    """Any other regular fixed-term permit (Wi art. 19)."""


class Leerroute(StrEnum):
    """Leerroute (Wi art. 7, 8, 9); values are DUO's codes (PIP API: B, O, Z)."""

    B1 = "B"
    ONDERWIJS = "O"
    Z = "Z"


class Taalniveau(StrEnum):
    """CEFR level used in the PIP and exams."""

    A1 = "A1"
    A2 = "A2"
    B1 = "B1"


TAALNIVEAU_ORDE = {Taalniveau.A1: 1, Taalniveau.A2: 2, Taalniveau.B1: 3}


class Examenonderdeel(StrEnum):
    """Exam components of the inburgeringsexamen (Besluit 3.3, 3.4)."""

    LEZEN = "LE"
    LUISTEREN = "LU"
    SCHRIJVEN = "SC"
    SPREKEN = "SP"
    KNM = "KNM"


TAALONDERDELEN = frozenset(
    {
        Examenonderdeel.LEZEN,
        Examenonderdeel.LUISTEREN,
        Examenonderdeel.SCHRIJVEN,
        Examenonderdeel.SPREKEN,
    }
)


class Verwijtbaarheid(StrEnum):
    """Degree of culpability for an art. 23 fine (Besluit 7.1 lid 4)."""

    OPZET = "opzet"
    GROVE_SCHULD = "grove_schuld"
    GEEN_OPZET_OF_GROVE_SCHULD = "geen_opzet_of_grove_schuld"
    VERMINDERD = "verminderd"


class Regime(StrEnum):
    """Which law applies to a dossier (Wi art. 54)."""

    WI2013 = "wi2013"
    WI2021 = "wi2021"
