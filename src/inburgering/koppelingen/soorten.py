"""The event types only DUO delivers (koppelingen.duo.handlers): its termijn, a registration
after a move, the leerbaarheidstoets registration, exam results, DUO's attention signals and
its decisions on requests (the latter two: the signal's meaning in the timeline). Registered from
`KoppelingenConfig.ready`; see `dossiers/gebeurtenissen.py` for what a registration says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from inburgering.dossiers.gebeurtenissen import (
    JANEE,
    LIJST,
    TEKST,
    Bijdrage,
    datum_iso,
    registreer_soort,
)
from inburgering.dossiers.soorten import leerroute
from inburgering.dossiers.toestand import DossierToestand
from inburgering.dossiers.workflow import Soort


def _examen(gegevens: Mapping[str, Any]) -> str | None:
    if not gegevens.get("onderdeel"):
        return None
    return f"{gegevens['onderdeel']}: {gegevens.get('resultaat', '')}".strip(": ")


def _signaal(gegevens: Mapping[str, Any]) -> str | None:
    """E.g. "SS142: Niet-vrijstellende opleiding beëindigd wegens uitschrijving"."""
    delen = [gegevens.get("gebeurtenis"), gegevens.get("omschrijving")]
    return ": ".join(d for d in delen if d) or None


def _uiterlijk(gegevens: Mapping[str, Any]) -> str | None:
    return f"uiterlijk {gegevens['uiterlijk']}" if gegevens.get("uiterlijk") else None


def _termijn(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.termijn_duo_start = datum_iso(g.get("start")) or t.termijn_duo_start
    t.termijn_duo_einde = datum_iso(g.get("einde")) or t.termijn_duo_einde


def _termijn_detail(m: Any, datum: dt.date, w: Mapping[str, str | None]) -> None:
    if w["einde"]:
        m.termijn_duo_einde = dt.date.fromisoformat(w["einde"])


def _vestiging(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    t.vestiging_datum = datum
    t.brp_inschrijving_datum = datum
    t.pip_vorige_gemeente = bool(g.get("pip_vorige_gemeente"))
    t.leerroute = g.get("leerroute", t.leerroute)


def _vestiging_detail(m: Any, datum: dt.date, w: Mapping[str, str | None]) -> None:
    m.pip_vorige_gemeente = str(w["pip_vorige_gemeente"]).lower() in ("true", "1")
    m.leerroute = w["leerroute"] or m.leerroute


def registreer() -> None:
    S = Soort
    app = "koppelingen"
    registreer_soort(
        S.TERMIJN_DUO,
        app=app,
        velden={"start": TEKST, "einde": TEKST, "verlengingsgrond": TEKST},
        toestand=_termijn,
        detail=Bijdrage(("einde",), _termijn_detail),
        bewaard=["start"],
    )
    registreer_soort(
        S.VESTIGING_NA_VERHUIZING,
        app=app,
        velden={"pip_vorige_gemeente": JANEE, "leerroute": TEKST},
        woorden=[leerroute],
        mijlpalen=[("signaal", "min"), ("huisvesting", "max"), ("vestiging", "max")],
        toestand=_vestiging,
        detail=Bijdrage(("pip_vorige_gemeente", "leerroute"), _vestiging_detail),
    )
    registreer_soort(S.LBT_AANGEMELD, app=app)
    registreer_soort(
        S.EXAMENRESULTAAT,
        app=app,
        velden={
            "onderdeel": TEKST,
            "resultaat": TEKST,
            "niveau": TEKST,
            "examendatum": TEKST,
            "reden_geen_resultaat": TEKST,
        },
        verplicht=["onderdeel"],
        woorden=[_examen],
        mijlpalen=[("examen", "max")],
        bewaard=["resultaat", "onderdeel"],
    )
    signaal = {"gebeurtenis": TEKST, "omschrijving": TEKST, "uiterlijk": TEKST, "onderdelen": LIJST}
    for soort in (S.DUO_ATTENTIESIGNAAL, S.DUO_BESLUIT):
        registreer_soort(
            soort,
            app=app,
            velden=signaal,
            verplicht=["gebeurtenis"],
            woorden=[_signaal, _uiterlijk],
        )
