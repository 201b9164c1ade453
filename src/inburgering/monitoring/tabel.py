"""One dashboard table (page, chart, CSV and XLSX) and how its cells are written; below the
modules that compute the tables (`tabellen`, `tabellen_uitkomsten`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from inburgering import exports
from inburgering.intake.models import Leerroute

from .grafieken import staafdiagram


@dataclass
class Tabel:
    sleutel: str
    titel: str
    kolommen: list[str]
    rijen: list[list]
    toelichting: str = ""
    #: Chart: the label column and the value columns to draw; None = no chart.
    grafiek: tuple[int, list[int]] | None = None
    eenheid: str = ""
    extra: dict = field(default_factory=dict)
    #: The last row adds up the others: left out of the chart.
    totaalrij: bool = False
    #: `definities.STAND` (people on the peildatum) or `definities.VERLOOP` (over time).
    soort: str = "verloop"
    #: The definitions it was computed with, in words (`definities.omschrijving`).
    definities: list[str] = field(default_factory=list)

    @property
    def cellen(self) -> list[list[tuple[str, bool]]]:
        """The rows as shown on the page: (text, is a number) per cell."""
        return [[_cel(w) for w in rij] for rij in self.rijen]

    def svg(self):
        if not self.grafiek or not self.rijen:
            return ""
        label, waarden = self.grafiek
        rijen = self.rijen[:-1] if self.totaalrij else self.rijen
        return staafdiagram(
            self.titel,
            [str(r[label]) for r in rijen],
            [(self.kolommen[k], [r[k] for r in rijen]) for k in waarden],
            self.eenheid,
        )


def onderdeelnamen() -> dict[str, str]:
    """DUO's exam components (SS199 codes) by name."""
    return {
        "LE": _("Lezen"),
        "LU": _("Luisteren"),
        "SC": _("Schrijven"),
        "SP": _("Spreken"),
        "KNM": _("Kennis van de Nederlandse Maatschappij"),
    }


def route_naam(code: str) -> str:
    return Leerroute(code).label if code in Leerroute.values else _("Nog niet bekend")


def _cel(waarde) -> tuple[str, bool]:
    """A cell for the page: numbers localised (one decimal, none when whole), dates as dd-mm-jjjj,
    nothing as a dash."""
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        return celtekst(waarde), False
    decimalen = 1 if isinstance(waarde, float) and not waarde.is_integer() else 0
    return number_format(waarde, decimalen), True


def celtekst(waarde) -> str:
    if waarde is None:
        return "–"
    if isinstance(waarde, float):
        return f"{waarde:.1f}".replace(".", ",")
    if isinstance(waarde, dt.date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


def als_csv(tabel: Tabel) -> bytes:
    """Semicolon-separated with a BOM and decimal commas, as Dutch spreadsheet software reads;
    text cells neutralised against formulas (`inburgering.exports`)."""
    return exports.als_csv(
        tabel.kolommen,
        [*tabel.rijen, *_definitierijen(tabel)],
        bom=True,
        opmaak=lambda w: "" if w is None else celtekst(w),
    )


def _definitierijen(tabel: Tabel) -> list[list]:
    """After the data, one empty row and the definitions, one per row (first column)."""
    return [[], *[[regel] for regel in tabel.definities]] if tabel.definities else []


def als_xlsx(tabel: Tabel) -> bytes:
    """Title row, header row, the rows: numbers as numbers, text as strings (never formulas)."""
    return exports.als_xlsx(
        tabel.sleutel, [[tabel.titel], tabel.kolommen, *tabel.rijen, *_definitierijen(tabel)]
    )
