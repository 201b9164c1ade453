"""Parts of the transfer package that other apps contribute (fines from `handhaving`, the
fixed bills of `ontzorgen`, ...). An app registers its part once, from its AppConfig.ready:

    registreer_onderdeel("handhaving", exporteer=samenvatting_als_json, importeer=lees_in)

`exporteer(dossier)` returns JSON-ready data (dicts, lists, text, numbers, booleans, None; dates
as ISO text) for the old dossier; it lands under `onderdelen.<naam>` in the package.
`importeer(dossier, data)` gets the new dossier and that data, inside the transaction that
stores the transfer: raise `OngeldigOnderdeel` with a Dutch message to refuse the package (then
nothing is saved). A part in a received package that this installation does not know stays in
the stored package and is shown as not processed (docs/adr/0024)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from inburgering.dossiers.models import Dossier


class OngeldigOnderdeel(ValueError):
    """A part refuses the received data; the message is Dutch and meant for the user."""


@dataclass(frozen=True)
class Onderdeel:
    naam: str
    exporteer: Callable[[Dossier], Any]
    importeer: Callable[[Dossier, Any], None]


REGISTER: dict[str, Onderdeel] = {}


def registreer_onderdeel(
    naam: str,
    exporteer: Callable[[Dossier], Any],
    importeer: Callable[[Dossier, Any], None],
) -> Onderdeel:
    """Register a part under `naam` (lower case letters, digits, underscore). Registering the
    same name again replaces it (a reloaded app)."""
    if not naam or not all(c.islower() or c.isdigit() or c == "_" for c in naam):
        raise ValueError(f"Ongeldige naam voor een onderdeel: {naam!r}")
    onderdeel = Onderdeel(naam, exporteer, importeer)
    REGISTER[naam] = onderdeel
    return onderdeel


def exporteer_onderdelen(dossier: Dossier) -> dict[str, Any]:
    return {naam: o.exporteer(dossier) for naam, o in sorted(REGISTER.items())}


def importeer_onderdelen(dossier: Dossier, data: dict[str, Any]) -> list[str]:
    """Hand each known part its data; returns the names this installation does not know."""
    onbekend = []
    for naam, waarde in data.items():
        onderdeel = REGISTER.get(naam)
        if onderdeel is None:
            onbekend.append(naam)
            continue
        onderdeel.importeer(dossier, waarde)
    return sorted(onbekend)
