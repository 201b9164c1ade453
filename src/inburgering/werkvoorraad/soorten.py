"""The event type the work queue owns: a signal handled by the consulent. Registered from
`WerkvoorraadConfig.ready`; see `dossiers/gebeurtenissen.py` for what a registration says."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from inburgering.dossiers.gebeurtenissen import TEKST, registreer_soort
from inburgering.dossiers.workflow import Soort


def _signaal(gegevens: Mapping[str, Any]) -> str | None:
    signaal = gegevens.get("signaal")
    return str(signaal) if signaal else None


def registreer() -> None:
    registreer_soort(
        Soort.SIGNAAL_AFGEHANDELD,
        app="werkvoorraad",
        velden={"sleutel": TEKST, "signaal": TEKST},
        verplicht=["sleutel"],
        woorden=[_signaal],
    )
