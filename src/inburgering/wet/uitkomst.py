"""Result types shared by all rules: plain frozen dataclasses that serialise easily."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

from .grondslag import Bron, Grondslag

T = TypeVar("T")


def naar_json(waarde: Any) -> Any:
    """Convert a value (dataclass, enum, date, Decimal, Grondslag, tuple, ...) to JSON types."""
    if isinstance(waarde, Grondslag):
        return str(waarde)
    if isinstance(waarde, Enum):
        return waarde.value
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return str(waarde)
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        return {f.name: naar_json(getattr(waarde, f.name)) for f in dataclasses.fields(waarde)}
    if isinstance(waarde, dict):
        return {str(k): naar_json(v) for k, v in waarde.items()}
    if isinstance(waarde, list | tuple | set | frozenset):
        items = [naar_json(v) for v in waarde]
        return sorted(items, key=str) if isinstance(waarde, set | frozenset) else items
    return waarde


@dataclass(frozen=True)
class Uitkomst(Generic[T]):
    """The outcome of a rule: value, legal basis, one Dutch sentence for the consulent."""

    waarde: T
    grondslagen: tuple[Grondslag, ...]
    uitleg: str
    bron: Bron = Bron.WET
    regel: str = ""

    def als_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings, citations as strings)."""
        resultaat: dict[str, Any] = naar_json(self)
        return resultaat


@dataclass(frozen=True)
class Overtreding:
    """One violated validation rule, with a Dutch message for the user."""

    code: str
    veld: str
    melding: str


@dataclass(frozen=True)
class Validatie:
    """Outcome of a validation: every violation found (not just the first)."""

    overtredingen: tuple[Overtreding, ...]
    uitleg: str
    grondslagen: tuple[Grondslag, ...] = ()
    bron: Bron = Bron.PRAKTIJK
    regel: str = ""

    @property
    def geldig(self) -> bool:
        return not self.overtredingen

    @property
    def waarde(self) -> tuple[Overtreding, ...]:
        return self.overtredingen

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(o.code for o in self.overtredingen)

    def als_dict(self) -> dict[str, Any]:
        resultaat: dict[str, Any] = naar_json(self)
        return resultaat | {"geldig": self.geldig}
