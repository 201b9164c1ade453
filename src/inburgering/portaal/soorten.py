"""The event types the portal owns: what the inburgeraar did in the portal, as facts in the
dossier (source "inburgeraar"). Registered from `PortaalConfig.ready`."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from inburgering.dossiers.gebeurtenissen import GETAL, TEKST, registreer_soort
from inburgering.dossiers.workflow import Soort


def _afspraak(gegevens: Mapping[str, Any]) -> str | None:
    omschrijving = gegevens.get("afspraak_omschrijving")
    return str(omschrijving) if omschrijving else None


def _wens(gegevens: Mapping[str, Any]) -> str | None:
    wens = gegevens.get("wens")
    return f"{_('wens')}: {wens}" if wens else None


def registreer() -> None:
    registreer_soort(
        Soort.AFSPRAAK_BEVESTIGD,
        app="portaal",
        velden={"afspraak": GETAL, "afspraak_omschrijving": TEKST},
        verplicht=["afspraak"],
        woorden=[_afspraak],
    )
    registreer_soort(
        Soort.VERZETTEN_GEVRAAGD,
        app="portaal",
        velden={"afspraak": GETAL, "afspraak_omschrijving": TEKST, "wens": TEKST},
        verplicht=["afspraak"],
        woorden=[_afspraak, _wens],
    )
    # the child's own choice about a parent reading along (ADR 0039): no payload
    registreer_soort(Soort.MEELEZEN_GEWEIGERD, app="portaal")
    registreer_soort(Soort.MEELEZEN_TOEGESTAAN, app="portaal")
