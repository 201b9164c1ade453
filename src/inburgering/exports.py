"""CSV and XLSX files that are safe to open in a spreadsheet: the one place every export writes.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets (OWASP "CSV injection"): a name such as
`=HYPERLINK("http://…")` typed into a dossier would run on the machine of whoever opens the
export. So:

* **Text** cells get a single quote in front (`'=HYPERLINK(…)`), the OWASP advice; the quote
  shows, which is the point: the reader sees what was typed.
* **Numbers** (int, float, Decimal) are never text here: CSV writes them formatted by us (a
  negative number `-2,5` is a number to a spreadsheet, not a formula, and carries no text a user
  typed) and XLSX stores them as numbers. A number that arrives as text (already formatted) is
  escaped like any text, so formatting numbers is the caller's job, through `opmaak`.
* **XLSX** cells that are not numbers are always written as strings (`data_type = "s"`):
  openpyxl would otherwise store a str starting with `=` as a formula. Dangerous strings also
  get Excel's quote prefix (hidden, but keeps the cell text when someone edits it), so the
  value itself stays exactly as recorded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from decimal import Decimal

#: First characters a spreadsheet reads as the start of a formula (OWASP).
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def is_getal(waarde) -> bool:
    return isinstance(waarde, int | float | Decimal) and not isinstance(waarde, bool)


def neutraliseer(tekst: str) -> str:
    """Text as a spreadsheet shows it, never as a formula: a quote before a formula character."""
    return "'" + tekst if tekst.startswith(FORMULE_TEKENS) else tekst


def _standaard_opmaak(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    return str(waarde)


def csv_cel(waarde, opmaak: Callable[[object], str] = _standaard_opmaak) -> str:
    """One CSV cell: a number formatted by `opmaak` as is, anything else formatted and
    neutralised."""
    tekst = opmaak(waarde)
    return tekst if is_getal(waarde) else neutraliseer(tekst)


def als_csv(
    kop: Iterable,
    rijen: Iterable[Iterable],
    *,
    bom: bool = False,
    opmaak: Callable[[object], str] = _standaard_opmaak,
) -> bytes:
    """`;`-separated, CRLF, UTF-8 (with a BOM when `bom`, as Dutch Excel wants it)."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([neutraliseer(str(k)) for k in kop])
    for rij in rijen:
        schrijver.writerow([csv_cel(w, opmaak) for w in rij])
    return (("\ufeff" if bom else "") + uit.getvalue()).encode("utf-8")


def als_xlsx(titel_blad: str, rijen: Iterable[Iterable]) -> bytes:
    """One sheet with these rows: numbers as numbers, nothing as empty, everything else as a
    string cell (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    boek = Workbook()
    blad = boek.active
    blad.title = titel_blad[:31]
    for r, rij in enumerate(rijen, start=1):
        for k, waarde in enumerate(rij, start=1):
            if waarde is None:
                continue
            cel = blad.cell(row=r, column=k)
            if is_getal(waarde):
                cel.value = waarde
                continue
            tekst = waarde.isoformat() if isinstance(waarde, dt.date) else str(waarde)
            # Control characters make openpyxl refuse the whole file; they carry no meaning here.
            cel.value = tekst = ILLEGAL_CHARACTERS_RE.sub("", tekst)
            cel.data_type = "s"
            if tekst.startswith(FORMULE_TEKENS):
                cel.quotePrefix = True
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
