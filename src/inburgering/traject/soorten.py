"""The event types the traject app owns: every step of a placement as a fact on the dossier.
The first aanmelding and start also move the dossier's phase through the existing
`AANGEMELD_LEERROUTE` / `LEERROUTE_GESTART` (registered by the dossiers app) when the phase
allows it. Registered from `TrajectConfig.ready`."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from inburgering.dossiers.gebeurtenissen import GETAL, TEKST, registreer_soort
from inburgering.dossiers.workflow import Soort

from .models import PlaatsingStatus


def _stap(gegevens: Mapping[str, Any]) -> str | None:
    status = gegevens.get("status")
    if status not in PlaatsingStatus.values:
        return None
    tekst = f"{PlaatsingStatus(status).label}: {gegevens.get('product') or ''}".strip(": ")
    if gegevens.get("onderdelen"):
        tekst += f" ({_('vastgelegd')}: {gegevens['onderdelen']})"
    if gegevens.get("reden"):
        tekst += f" ({_('reden')}: {gegevens['reden']})"
    return tekst


def registreer() -> None:
    registreer_soort(
        Soort.PLAATSING,
        app="traject",
        velden={
            "plaatsing": GETAL,
            "status": TEKST,
            "product": TEKST,
            "aanbieder": TEKST,
            "reden": TEKST,
            "onderdelen": TEKST,
        },
        verplicht=["plaatsing", "status"],
        woorden=[_stap],
    )
