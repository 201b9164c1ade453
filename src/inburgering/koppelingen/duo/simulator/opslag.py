"""The simulator's own state: what "DUO" knows. In memory, or in a JSON file so that the
`duo_simulator` command, the web process and the worker (separate processes) share one DUO."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any


def lege_staat() -> dict[str, Any]:
    return {
        "personen": {},
        "gemeenten": {},  # OIN -> CBS-code
        "contactpersonen": {},
        "volgend_contactpersoon_id": 1,
        "instellingen": [
            {
                "instellingsnummer": "0000012345", "naam": "Taalhuis Voorbeeld",
                "postcode": "3511AB", "huisnummer": 1, "plaatsnaam": "Utrecht",
                "indicatieBowKeurmerk": True, "indicatieTstKeurmerk": False,
            },
            {
                "instellingsnummer": "0000067890", "naam": "ROC Taalschakel",
                "postcode": "7411AA", "huisnummer": 10, "plaatsnaam": "Deventer",
                "indicatieBowKeurmerk": False, "indicatieTstKeurmerk": True,
            },
        ],
    }  # fmt: skip


class Opslag:
    """In-memory state; `transactie()` gives the state under a lock."""

    def __init__(self, staat: dict[str, Any] | None = None):
        self._staat = staat or lege_staat()
        self._slot = threading.RLock()

    def lees(self) -> dict[str, Any]:
        return self._staat

    def bewaar(self, staat: dict[str, Any]) -> None:
        self._staat = staat

    def transactie(self) -> _Transactie:
        return _Transactie(self)


class BestandOpslag(Opslag):
    """State in a JSON file (atomically replaced on every change)."""

    def __init__(self, pad: Path | str):
        super().__init__()
        self.pad = Path(pad)

    def lees(self) -> dict[str, Any]:
        try:
            return json.loads(self.pad.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return lege_staat()

    def bewaar(self, staat: dict[str, Any]) -> None:
        self.pad.parent.mkdir(parents=True, exist_ok=True)
        fd, tijdelijk = tempfile.mkstemp(dir=self.pad.parent, prefix=".duo-sim-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(staat, f)
        os.replace(tijdelijk, self.pad)


class _Transactie:
    def __init__(self, opslag: Opslag):
        self.opslag = opslag

    def __enter__(self) -> dict[str, Any]:
        self.opslag._slot.acquire()
        self.staat = self.opslag.lees()
        return self.staat

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.opslag.bewaar(self.staat)
        finally:
            self.opslag._slot.release()
