"""Derive a dossier's current state from its event log.

This is the only place where events become phase and facts. The fold is deterministic: events
are applied in the order of the date they took legal effect, then in the order they were recorded.
Events that a later correction superseded are left out. Asking for the state on a peildatum gives
exactly what a report for that date needs, as known at that moment (`bekend_op`) or as known now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.utils.translation import gettext as _

from .gebeurtenissen import TOESTAND
from .workflow import Afsluitreden, Fase, OngeldigeGebeurtenis, Soort, volgende_fase

__all__ = ["DossierToestand", "EventLike", "OngeldigeGebeurtenis", "bereken_toestand"]


class EventLike(Protocol):
    """What the fold reads of an event (a `DossierEvent`, saved or not); read-only, so a model
    whose `id` is always set fits too."""

    @property
    def id(self) -> int | None: ...
    @property
    def soort(self) -> str: ...
    @property
    def datum(self) -> dt.date: ...
    @property
    def geregistreerd_op(self) -> dt.datetime: ...
    @property
    def gegevens(self) -> dict[str, Any]: ...
    @property
    def corrigeert_id(self) -> int | None: ...


@dataclass
class DossierToestand:
    fase: Fase | None = None
    fase_sinds: dt.date | None = None
    fasehistorie: list[tuple[dt.date, Fase]] = field(default_factory=list)
    afsluitreden: str = ""
    doelgroep: str = ""
    doelgroephistorie: list[tuple[dt.date, str]] = field(default_factory=list)
    consulent_id: int | None = None
    consulenthistorie: list[tuple[dt.date, int | None]] = field(default_factory=list)
    kennisgeving_datum: dt.date | None = None
    koppeling_datum: dt.date | None = None
    azc: str = ""
    brp_inschrijving_datum: dt.date | None = None
    #: The first BRP registration in the gemeente (a later address does not move it).
    eerste_brp_inschrijving_datum: dt.date | None = None
    intake_gestart: dt.date | None = None
    intake_afgerond: dt.date | None = None
    eerste_pip_dagtekening: dt.date | None = None
    pip_dagtekening: dt.date | None = None
    leerroute: str = ""
    aangemeld_leerroute: dt.date | None = None
    leerroute_gestart: dt.date | None = None
    afgesloten_op: dt.date | None = None
    laatste_contact: dt.date | None = None
    lbt_score: int | None = None
    lbt_datum: dt.date | None = None
    #: Registration in this gemeente after a move, and whether the old gemeente had set a PIP.
    vestiging_datum: dt.date | None = None
    pip_vorige_gemeente: bool = False
    #: DUO's own dates for the termijn (SS102/SS103/SS104), kept next to our computation.
    termijn_duo_start: dt.date | None = None
    termijn_duo_einde: dt.date | None = None
    #: The summons flow for the brede intake (Wi art. 14, 22).
    oproepen: int = 0
    niet_gevolgde_oproepen: int = 0
    laatste_oproep_tot: dt.date | None = None
    intake_zonder_persoon: bool = False
    #: What the dossier is waiting for, and since when; waiting for a third party suspends the
    #: PIP deadline (Besluit 5.3 lid 2) until the information is received.
    wacht_op: str = ""
    wacht_op_sinds: dt.date | None = None
    wacht_op_derde: bool = False
    informatie_derde_ontvangen: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.fase not in (None, Fase.AFGEROND)


Event = TypeVar("Event", bound=EventLike)


def geldige_events(events: Iterable[Event]) -> list[Event]:
    """The events that count: superseded and withdrawn ones removed, in fold order."""
    events = list(events)
    superseded = {event.corrigeert_id for event in events if event.corrigeert_id}
    counting = [
        event for event in events if event.id not in superseded and event.soort != Soort.INTREKKING
    ]
    return sorted(counting, key=_volgorde)


def _volgorde(event: EventLike) -> tuple[dt.date, bool, int]:
    # An unsaved event (id None) was recorded last.
    return (event.datum, event.id is None, event.id or 0)


def bereken_toestand(
    events: Iterable[EventLike],
    peildatum: dt.date | None = None,
    bekend_op: dt.datetime | None = None,
) -> DossierToestand:
    """Fold the event log into the dossier's state.

    `peildatum` leaves out events that took effect later; `bekend_op` leaves out events recorded
    later (so a report can be reproduced as it was made). Raises OngeldigeGebeurtenis when the
    history breaks the transition table or a consistency rule.
    """
    events = list(events)
    if bekend_op is not None:
        events = [e for e in events if e.id is None or e.geregistreerd_op <= bekend_op]
    toestand = DossierToestand()
    for event in geldige_events(events):
        if peildatum is not None and event.datum > peildatum:
            break
        _pas_toe(toestand, event)
    _controleer_samenhang(toestand)
    return toestand


def _pas_toe(t: DossierToestand, event: EventLike) -> None:
    soort = Soort(event.soort)
    nieuwe_fase = volgende_fase(t.fase, soort)
    if nieuwe_fase is None:
        huidige = Fase(t.fase).label if t.fase else _("nog geen gebeurtenissen")
        raise OngeldigeGebeurtenis(
            _("'%(event)s' kan niet worden geregistreerd in fase '%(fase)s' (datum %(datum)s).")
            % {"event": soort.label, "fase": huidige, "datum": event.datum.strftime("%d-%m-%Y")}
        )
    if nieuwe_fase != t.fase:
        t.fase = nieuwe_fase
        t.fase_sinds = event.datum
        t.fasehistorie.append((event.datum, nieuwe_fase))

    # What the event's type contributes beyond the phase: its registration says
    # (`gebeurtenissen.registreer_soort(..., toestand=...)`).
    bijdrage = TOESTAND.get(soort)
    if bijdrage is not None:
        bijdrage(t, event.datum, event.gegevens or {})


def _controleer_samenhang(t: DossierToestand) -> None:
    if (
        t.koppeling_datum
        and t.brp_inschrijving_datum
        and t.brp_inschrijving_datum < t.koppeling_datum
    ):
        raise OngeldigeGebeurtenis(
            _(
                "De inschrijving in de BRP (%(brp)s) ligt vóór de koppeling door het COA "
                "(%(koppeling)s). Controleer beide datums."
            )
            % {
                "brp": t.brp_inschrijving_datum.strftime("%d-%m-%Y"),
                "koppeling": t.koppeling_datum.strftime("%d-%m-%Y"),
            }
        )
    if t.afsluitreden and t.afsluitreden not in Afsluitreden.values:
        raise OngeldigeGebeurtenis(_("Onbekende reden van afsluiten: %s") % t.afsluitreden)
