"""Give every planned dossier its consulenten and actors, then fold it into the projection."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from typing import Any

from inburgering.dossiers.models import Bron
from inburgering.dossiers.services import projectie
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import Soort

from .organisatie import Medewerker
from .personen import NieuwePersoon
from .tijdlijn import Ev


@dataclass
class DossierOntwerp:
    persoon: NieuwePersoon
    regime: str
    events: list[Ev]  # placed on the calendar, sorted in fold order
    uuid: uuid.UUID
    #: landelijk profile: the placement and hours (`leerroute.Routeplan`), None otherwise
    route: Any = None

    @property
    def is_open(self) -> bool:
        return not any(e.soort == Soort.DOSSIER_AFGESLOTEN for e in self.events)

    @property
    def slots(self) -> int:
        return sum(1 for e in self.events if e.soort == Soort.CONSULENT_TOEGEWEZEN)


def wijs_toe(
    rng: random.Random,
    ontwerpen: list[DossierOntwerp],
    pool: list[Medewerker],
    vast: tuple[Medewerker, int] | None = None,
) -> None:
    """Choose consulenten: the fixed consulent gets exactly the asked number of open dossiers
    (when there are enough), the others share the rest round-robin, closed ones at random."""
    vaste, quotum = vast if vast else (None, 0)
    anderen = [m for m in pool if m != vaste] or pool
    open_met_consulent = [o for o in ontwerpen if o.is_open and o.slots]
    rng.shuffle(open_met_consulent)
    laatste: dict[int, Medewerker] = {}
    for i, ontwerp in enumerate(open_met_consulent):
        if vaste is not None and i < quotum:
            laatste[id(ontwerp)] = vaste
        else:
            laatste[id(ontwerp)] = anderen[(i - quotum) % len(anderen)]
    for ontwerp in ontwerpen:
        if not ontwerp.slots:
            _zet_actoren(ontwerp, [])
            continue
        einde = laatste.get(id(ontwerp)) or rng.choice(anderen)
        reeks = [rng.choice(anderen) for _ in range(ontwerp.slots - 1)] + [einde]
        _zet_actoren(ontwerp, reeks)


def _zet_actoren(ontwerp: DossierOntwerp, reeks: list[Medewerker]) -> None:
    huidige: Medewerker | None = None
    slot = 0
    for ev in ontwerp.events:
        if ev.soort == Soort.CONSULENT_TOEGEWEZEN:
            huidige = reeks[slot]
            slot += 1
            ev.gegevens = {"consulent_id": huidige.id, "naam": huidige.naam}
        ev.actor_id = huidige.id if huidige and ev.bron == Bron.GEBRUIKER else None


def projectie_van(ontwerp: DossierOntwerp) -> dict[str, Any]:
    """The Dossier's projection columns, by the same fold the application uses."""
    return projectie(bereken_toestand(ontwerp.events), ontwerp.regime)
