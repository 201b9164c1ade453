"""Retention of personal data (Besluit inburgering 2021 art. 9.9, BWBR0045555)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .beleidskeuzes import STANDAARD, Beleidskeuzes
from .grondslag import bi
from .kalender import datum_nl, plus_jaren
from .regels import regel
from .uitkomst import Uitkomst

G_VIJF_JAAR = bi("9.9", 1, "a")
G_OVERLIJDEN = bi("9.9", 1, "b")
G_KERNGEGEVENS = bi("9.9", 2)
G_LENING = bi("9.9", 3)


class Gegevenscategorie(StrEnum):
    """Which retention rule applies to a piece of data."""

    DOSSIER = "dossier"
    """All personal data not listed below (lid 1)."""
    KERNGEGEVENS = "kerngegevens"
    """BSN, name, address, residence, date of birth, vrijstelling/ontheffing data, date and way
    the plicht was met, unrecoverable loan debt (lid 2)."""
    LENING = "lening"
    """Loan data of family migrants and others (lid 3): 5 years after the loan ended."""


@dataclass(frozen=True)
class Bewaartermijn:
    """``verwijderen_uiterlijk`` is the latest deletion date (None: not yet determined)."""

    verwijderen_uiterlijk: date | None


@regel(
    G_VIJF_JAAR,
    G_OVERLIJDEN,
    G_KERNGEGEVENS,
    G_LENING,
    beleidskeuzes=("overlijden_ook_kerngegevens", "ontbrekende_dag"),
)
def bewaartermijn(
    *,
    categorie: Gegevenscategorie,
    einde_plicht: date | None = None,
    overlijden: date | None = None,
    lening_afgelost: date | None = None,
    opties: Beleidskeuzes = STANDAARD,
) -> Uitkomst[Bewaartermijn]:
    """Latest date to delete personal data. [wet]

    Besluit 9.9 lid 1: five years after the plicht ends (a) or on death (b); lid 2: core data at
    most fifty years (counted, by choice, from the end of the plicht); lid 3: loan data five
    years after the loan was repaid, remitted or extinguished. Death also ends the core-data
    period unless ``opties.overlijden_ook_kerngegevens`` is False.
    """
    if overlijden is not None and (
        categorie is not Gegevenscategorie.KERNGEGEVENS or opties.overlijden_ook_kerngegevens
    ):
        return Uitkomst(
            Bewaartermijn(overlijden),
            (G_OVERLIJDEN,),
            f"De betrokkene is overleden: verwijder de gegevens per {datum_nl(overlijden)}.",
            regel="bewaartermijn",
        )
    if categorie is Gegevenscategorie.LENING:
        if lening_afgelost is None:
            return Uitkomst(
                Bewaartermijn(None),
                (G_LENING,),
                "De leninggegevens blijven bewaard tot vijf jaar nadat de lening is voldaan of "
                "kwijtgescholden.",
                regel="bewaartermijn",
            )
        datum = plus_jaren(lening_afgelost, 5, opties)
        return Uitkomst(
            Bewaartermijn(datum),
            (G_LENING,),
            f"Verwijder de leninggegevens uiterlijk op {datum_nl(datum)}, vijf jaar na het einde "
            "van de lening.",
            regel="bewaartermijn",
        )
    jaren, grondslag = (
        (50, G_KERNGEGEVENS) if categorie is Gegevenscategorie.KERNGEGEVENS else (5, G_VIJF_JAAR)
    )
    if einde_plicht is None:
        return Uitkomst(
            Bewaartermijn(None),
            (grondslag,),
            "De inburgeringsplicht loopt nog; de bewaartermijn begint pas als die eindigt.",
            regel="bewaartermijn",
        )
    datum = plus_jaren(einde_plicht, jaren, opties)
    return Uitkomst(
        Bewaartermijn(datum),
        (grondslag,),
        f"Verwijder deze gegevens uiterlijk op {datum_nl(datum)}, {jaren} jaar na het einde van "
        "de inburgeringsplicht.",
        regel="bewaartermijn",
    )
