"""Status machines as tables: every allowed (from, to) pair written down, checked in one place.

The dossier's phase has its table in `dossiers/workflow.py` (TRANSITIES, folded from the event
log). Other things with a status that is stored on a row (a PIP version; placements and fines
next) declare a `Statusmachine` beside their model, and every service that changes the status
calls `controleer` first, so the rules are read in one table instead of scattered `if`s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from .labels import label


class Statusfout(ValueError):
    """A forbidden status change; the message is Dutch and meant for the user."""


@dataclass(frozen=True)
class Statusmachine:
    """`overgangen`: per status (None: a new row) the statuses it may go to."""

    keuzes: type[models.Choices]
    overgangen: Mapping[str | None, frozenset[str]]

    @classmethod
    def uit_paren(
        cls, keuzes: type[models.Choices], paren: Iterable[tuple[str | None, str]]
    ) -> Statusmachine:
        overgangen: dict[str | None, set[str]] = {}
        for van, naar in paren:
            overgangen.setdefault(van, set()).add(naar)
        return cls(keuzes, {van: frozenset(naar) for van, naar in overgangen.items()})

    def mag(self, van: str | None, naar: str) -> bool:
        return naar in self.overgangen.get(van, frozenset())

    def paren(self) -> set[tuple[str | None, str]]:
        return {(van, naar) for van, naar_set in self.overgangen.items() for naar in naar_set}

    def controleer(
        self,
        van: str | None,
        naar: str,
        *,
        melding: str | None = None,
        fout: type[Exception] = Statusfout,
    ) -> None:
        """Raise `fout` with `melding` (or a general Dutch message) when the table has no
        (van, naar) pair."""
        if self.mag(van, naar):
            return
        if melding is None:
            melding = _("De status kan niet van '%(van)s' naar '%(naar)s' gaan.") % {
                "van": label(self.keuzes, van) if van else _("nieuw"),
                "naar": label(self.keuzes, naar),
            }
        raise fout(melding)
