"""The event types the PIP app owns: vaststelling of a version, and every other PIP step
(drafts, approval, objections, progress talks) as a fact. Registered from `PipConfig.ready`; see
`dossiers/gebeurtenissen.py` for what a registration says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from inburgering.dossiers.gebeurtenissen import GETAL, TEKST, Bijdrage, registreer_soort
from inburgering.dossiers.soorten import leerroute
from inburgering.dossiers.toestand import DossierToestand
from inburgering.dossiers.workflow import Soort


def _vastgesteld(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.eerste_pip_dagtekening = t.eerste_pip_dagtekening or datum
    t.pip_dagtekening = datum
    t.leerroute = g.get("leerroute", t.leerroute)


def _vastgesteld_detail(m: Any, datum: dt.date, w: Mapping[str, str | None]) -> None:
    """The leerroute of each PIP version; a change between versions is a route switch."""
    route = w["leerroute"]
    if route and m.leerroute and route != m.leerroute:
        m.routewissels += 1
    m.leerroute = route or m.leerroute
    m.eerste_leerroute = m.eerste_leerroute or m.leerroute


def registreer() -> None:
    registreer_soort(
        Soort.PIP_VASTGESTELD,
        app="pip",
        velden={"leerroute": TEKST, "versie": GETAL, "reden": TEKST, "niveau": TEKST},
        woorden=[leerroute],
        mijlpalen=[("pip", "min")],
        toestand=_vastgesteld,
        detail=Bijdrage(("leerroute",), _vastgesteld_detail),
    )
    registreer_soort(
        Soort.PIP_STAP,
        app="pip",
        velden={"pip": TEKST, "versie": GETAL, "ontvangen_op": TEKST},
    )
