"""Registry of all rules, filled by the ``@regel`` decorator.

``docs/rules.md`` is generated from this registry by ``scripts/generate_rules_doc.py``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from .grondslag import Bron, Grondslag

F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True)
class RegelInfo:
    """What the registry records about one rule."""

    naam: str
    module: str
    grondslagen: tuple[Grondslag, ...]
    bron: Bron
    beschrijving: str
    beleidskeuzes: tuple[str, ...]
    signatuur: str
    functie: Callable[..., object]


REGELS: dict[str, RegelInfo] = {}


def _default_tekst(waarde: object) -> str:
    if isinstance(waarde, Enum):
        return f"{type(waarde).__name__}.{waarde.name}"
    if waarde is None or isinstance(waarde, bool | int | str | tuple | frozenset):
        return repr(waarde)
    return f"{type(waarde).__name__}()"


def _signatuur(functie: Callable[..., object]) -> str:
    """A short, stable signature text for the docs (no object reprs, no quotes)."""
    delen: list[str] = []
    ster_gezet = False
    for param in inspect.signature(functie).parameters.values():
        if param.kind is param.KEYWORD_ONLY and not ster_gezet:
            delen.append("*")
            ster_gezet = True
        tekst = param.name
        if param.annotation is not param.empty:
            tekst += f": {str(param.annotation).strip(chr(39))}"
        if param.default is not param.empty:
            tekst += f" = {_default_tekst(param.default)}"
        delen.append(tekst)
    retour = inspect.signature(functie).return_annotation
    pijl = "" if retour is inspect.Signature.empty else f" -> {str(retour).strip(chr(39))}"
    return f"({', '.join(delen)}){pijl}"


def regel(
    *grondslagen: Grondslag,
    bron: Bron = Bron.WET,
    beleidskeuzes: tuple[str, ...] = (),
) -> Callable[[F], F]:
    """Register a rule with its citations, source mark and the options it reads.

    ``beleidskeuzes`` names the fields of ``Beleidskeuzes`` the rule depends on.
    """

    def decorator(functie: F) -> F:
        naam = functie.__name__
        if naam in REGELS:
            raise ValueError(f"regel {naam} is al geregistreerd")
        doc = inspect.getdoc(functie) or ""
        REGELS[naam] = RegelInfo(
            naam=naam,
            module=functie.__module__.rsplit(".", 1)[-1],
            grondslagen=tuple(grondslagen),
            bron=bron,
            beschrijving=doc.split("\n\n", 1)[0].replace("\n", " "),
            beleidskeuzes=beleidskeuzes,
            signatuur=_signatuur(functie),
            functie=functie,
        )
        functie.__regel__ = REGELS[naam]  # type: ignore[attr-defined]
        return functie

    return decorator


def alle_regels() -> list[RegelInfo]:
    """All registered rules, sorted by module then name."""
    return sorted(REGELS.values(), key=lambda r: (r.module, r.naam))
