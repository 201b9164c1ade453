"""BRP dates as the BRP gives them: complete, or with an unknown day, month or year.

People born abroad often have a birth date of which only the year (or nothing) is known. The
BRP API Personen gives such a date as `JaarMaandDatum`, `JaarDatum` or `DatumOnbekend`; we keep
it as such and show it the Dutch way, with zeros for what is unknown ("00-00-1987"), instead of
inventing a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class BrpDatum:
    """A date with possibly unknown parts (None)."""

    jaar: int | None = None
    maand: int | None = None
    dag: int | None = None

    @property
    def volledig(self) -> dt.date | None:
        if self.jaar and self.maand and self.dag:
            return dt.date(self.jaar, self.maand, self.dag)
        return None

    @property
    def opslag(self) -> str:
        """ "JJJJ-MM-DD" with zeros for unknown parts, e.g. "1987-00-00"; sorts like a date."""
        return f"{self.jaar or 0:04d}-{self.maand or 0:02d}-{self.dag or 0:02d}"

    @property
    def tekst(self) -> str:
        """The Dutch notation with zeros for unknown parts: "00-00-1987", "00-00-0000"."""
        return f"{self.dag or 0:02d}-{self.maand or 0:02d}-{self.jaar or 0:04d}"

    @classmethod
    def uit_opslag(cls, waarde: str) -> BrpDatum:
        jaar, maand, dag = (int(deel) or None for deel in waarde.split("-"))
        return cls(jaar, maand, dag)

    @classmethod
    def uit_api(cls, waarde: dict | None) -> BrpDatum:
        """From the API's AbstractDatum (`type` Datum, JaarMaandDatum, JaarDatum, DatumOnbekend).
        Raises ValueError for anything else."""
        if not waarde:
            return cls()
        soort = waarde.get("type")
        if soort == "Datum":
            d = dt.date.fromisoformat(waarde["datum"])
            return cls(d.year, d.month, d.day)
        if soort == "JaarMaandDatum":
            return cls(int(waarde["jaar"]), int(waarde["maand"]))
        if soort == "JaarDatum":
            return cls(int(waarde["jaar"]))
        if soort == "DatumOnbekend":
            return cls()
        raise ValueError(f"Onbekend datumtype van de BRP: {soort!r}")

    def als_api(self) -> dict:
        """The API's representation (used by the simulator)."""
        maanden = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                   "september", "oktober", "november", "december"]  # fmt: skip
        if self.volledig:
            lang = f"{self.dag} {maanden[self.maand - 1]} {self.jaar}"
            return {"type": "Datum", "datum": self.volledig.isoformat(), "langFormaat": lang}
        if self.jaar and self.maand:
            lang = f"{maanden[self.maand - 1]} {self.jaar}"
            return {"type": "JaarMaandDatum", "jaar": self.jaar, "maand": self.maand,
                    "langFormaat": lang}  # fmt: skip
        if self.jaar:
            return {"type": "JaarDatum", "jaar": self.jaar, "langFormaat": str(self.jaar)}
        return {"type": "DatumOnbekend", "onbekend": True, "langFormaat": "onbekend"}
