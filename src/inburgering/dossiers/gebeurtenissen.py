"""The event-type registry: per event type what the rest of the code needs to know about it.

Every `workflow.Soort` is registered exactly once, by the app that owns it, from its
`AppConfig.ready` (`<app>/soorten.py`), the way DUO's handlers register per gebeurtenisId. A
registration says:

- `app`: the owning app (who writes it; where its pages are);
- `handmatig`: whether the generic step form on the dossier page may record it (an allow-list:
  a new type never appears there by accident);
- `velden` and `verplicht`: the payload schema, checked by `services.registreer_reeks` on every
  write (the migration import included; the demo generator writes in bulk and its test checks
  every payload);
- `woorden`: how the timeline describes the payload, as a list of parts (`Deel`) each reading
  one key in the meaning it has for this type (`reden` is a closing reason for one type and a
  missed summons for another);
- `mijlpalen`: which monitoring milestones the event's date feeds, and whether the first
  ("min") or last ("max") date counts (`monitoring.extractie.mijlpaal_regels`);
- `toestand`: what it contributes to the dossier's state beyond the phase (a function of the
  `toestand.DossierToestand`, the event's date and its payload, applied in fold order);
- `detail`: what its payload contributes to the dossier's monitoring row
  (`monitoring.extractie.Mijlpalen`): a `Bijdrage`, the payload keys it reads and how;
- `bewaard`: the payload keys that survive the retention purge because the fold, monitoring or
  the outcome pages read them (`bewaren.bewaarde_sleutels`); a `detail`'s keys always do.

Adding an event type: the `Soort` value (and its migration), its place in the phase table
(`workflow.TRANSITIES` or `FEITEN`), and one `registreer_soort` call; nothing else lists types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Choices
from django.utils.translation import gettext as _

from inburgering.labels import bekend_label, label

from .workflow import OngeldigeGebeurtenis, Soort

#: A part of the timeline text: the payload in, a few words (or nothing) out.
Deel = Callable[[Mapping[str, Any]], str | None]

#: A contribution to the dossier state: (the `toestand.DossierToestand`, the event's date, its
#: payload); it changes the state in place.
Toestandbijdrage = Callable[[Any, dt.date, Mapping[str, Any]], None]


@dataclass(frozen=True)
class Bijdrage:
    """What an event's payload contributes to a monitoring row, applied in fold order.

    `sleutels`: the payload keys read, each as text the way SQL's `->>` gives it (JSON
    true/false in lower case; `extractie.als_tekst` gives the same in memory), so the SQL over
    the log and the fold of one dossier's events feed `pas_toe` the same values;
    `pas_toe(row, date, values by key)` changes the row in place."""

    sleutels: tuple[str, ...]
    pas_toe: Callable[[Any, dt.date, Mapping[str, str | None]], None]


#: JSON types a payload key may hold (None is always allowed: an absent value).
TEKST, GETAL, JANEE, LIJST, OBJECT = str, (int, float), bool, list, dict


@dataclass(frozen=True)
class Gebeurtenistype:
    soort: Soort
    app: str
    handmatig: bool = False
    velden: Mapping[str, type | tuple[type, ...]] = field(default_factory=dict)
    verplicht: tuple[str, ...] = ()
    woorden: tuple[Deel, ...] = ()
    mijlpalen: tuple[tuple[str, str], ...] = ()
    toestand: Toestandbijdrage | None = None
    detail: Bijdrage | None = None
    bewaard: frozenset[str] = frozenset()

    def beschrijf(self, gegevens: Mapping[str, Any]) -> str:
        """The payload in words for the timeline (no personal identifiers)."""
        return ", ".join(d for d in (deel(gegevens or {}) for deel in self.woorden) if d)


#: Keyed by `Soort` (a str: the stored value finds its entry too).
REGISTER: dict[str, Gebeurtenistype] = {}
#: Per type its contribution to the state, for the fold's hot loop (a plain dict lookup).
TOESTAND: dict[str, Toestandbijdrage] = {}
#: Types registered twice, kept for the completeness test instead of failing app loading.
DUBBEL: list[Soort] = []


def registreer_soort(
    soort: Soort,
    *,
    app: str,
    handmatig: bool = False,
    velden: Mapping[str, type | tuple[type, ...]] | None = None,
    verplicht: Iterable[str] = (),
    woorden: Iterable[Deel] = (),
    mijlpalen: Iterable[tuple[str, str]] = (),
    toestand: Toestandbijdrage | None = None,
    detail: Bijdrage | None = None,
    bewaard: Iterable[str] = (),
) -> Gebeurtenistype:
    """Register one event type (from the owning app's `ready`)."""
    soort = Soort(soort)
    if soort in REGISTER:
        DUBBEL.append(soort)
    type_ = Gebeurtenistype(
        soort,
        app,
        handmatig,
        dict(velden or {}),
        tuple(verplicht),
        tuple(woorden),
        tuple(mijlpalen),
        toestand,
        detail,
        frozenset(bewaard),
    )
    REGISTER[soort] = type_
    if toestand is not None:
        TOESTAND[soort] = toestand
    else:
        TOESTAND.pop(soort, None)
    return type_


def type_van(soort: Soort | str) -> Gebeurtenistype:
    return REGISTER[Soort(soort)]


def beschrijf(soort: Soort | str, gegevens: Mapping[str, Any] | None) -> str:
    """The timeline text of an event's payload (nothing for a type this version does not know)."""
    type_ = REGISTER.get(soort)
    return type_.beschrijf(gegevens or {}) if type_ is not None else ""


def bewaarde_sleutels() -> frozenset[str]:
    """The payload keys kept by the retention purge: every registration's `bewaard` and the keys
    its monitoring `detail` reads."""
    sleutels: set[str] = set()
    for type_ in REGISTER.values():
        sleutels |= type_.bewaard
        if type_.detail is not None:
            sleutels.update(type_.detail.sleutels)
    return frozenset(sleutels)


def handmatig(soorten: Iterable[Soort]) -> list[Soort]:
    """The types among `soorten` the generic step form may record."""
    return [soort for soort in soorten if type_van(soort).handmatig]


def ontbrekend() -> list[Soort]:
    """Event types without a registration (the completeness test lists them)."""
    return [soort for soort in Soort if soort not in REGISTER]


def controleer_gegevens(soort: Soort | str, gegevens: Mapping[str, Any] | None) -> None:
    """Raise OngeldigeGebeurtenis (Dutch) when the payload does not fit the type's schema."""
    type_ = type_van(soort)
    gegevens = gegevens or {}
    if not isinstance(gegevens, Mapping):
        raise OngeldigeGebeurtenis(
            _("De gegevens bij '%(soort)s' hebben een ongeldige vorm.")
            % {"soort": label(Soort, type_.soort)}
        )
    onbekend = sorted(set(gegevens) - set(type_.velden))
    if onbekend:
        raise OngeldigeGebeurtenis(
            _("Onbekende gegevens bij '%(soort)s': %(sleutels)s.")
            % {"soort": label(Soort, type_.soort), "sleutels": ", ".join(onbekend)}
        )
    for sleutel in type_.verplicht:
        if gegevens.get(sleutel) in (None, ""):
            raise OngeldigeGebeurtenis(
                _("'%(sleutel)s' ontbreekt bij '%(soort)s'.")
                % {"soort": label(Soort, type_.soort), "sleutel": sleutel}
            )
    for sleutel, waarde in gegevens.items():
        soorten = type_.velden[sleutel]
        # bool is an int in Python; a number field does not take true/false.
        geldig = waarde is None or (
            isinstance(waarde, soorten)
            and not (isinstance(waarde, bool) and bool not in _tuple(soorten))
        )
        if not geldig:
            raise OngeldigeGebeurtenis(
                _("'%(sleutel)s' bij '%(soort)s' heeft een ongeldige waarde.")
                % {"soort": label(Soort, type_.soort), "sleutel": sleutel}
            )


def _tuple(soorten: type | tuple[type, ...]) -> tuple[type, ...]:
    return soorten if isinstance(soorten, tuple) else (soorten,)


# --- parts of a timeline text -------------------------------------------------------------------


def tekst(sleutel: str, sjabloon: Any = None, als: str | None = None) -> Deel:
    """The value as it is, or put in a (lazily translated) `sjabloon` under the name `als`
    (default: the key itself)."""

    def deel(gegevens: Mapping[str, Any]) -> str | None:
        waarde = gegevens.get(sleutel)
        if not waarde:
            return None
        if sjabloon is None:
            return str(waarde)
        return str(sjabloon % {als or sleutel: waarde})

    return deel


def keuze(sleutel: str, keuzes: type[Choices] | Mapping[str, Any]) -> Deel:
    """The label of a choice (a TextChoices class or a dict of lazy labels); nothing when the
    value is not one of them."""

    def deel(gegevens: Mapping[str, Any]) -> str | None:
        waarde = gegevens.get(sleutel)
        if isinstance(keuzes, Mapping):
            return str(keuzes[waarde]) if isinstance(waarde, str) and waarde in keuzes else None
        return bekend_label(keuzes, waarde)

    return deel


def datum_iso(waarde: Any) -> dt.date | None:
    """A payload date (ISO text) as a date; None when absent."""
    return dt.date.fromisoformat(waarde) if waarde else None


def bedrag(sleutel: str = "bedrag_cents") -> Deel:
    def deel(gegevens: Mapping[str, Any]) -> str | None:
        if gegevens.get(sleutel) is None:
            return None
        return f"€ {gegevens[sleutel] / 100:.2f}".replace(".", ",")

    return deel
