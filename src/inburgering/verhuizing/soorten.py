"""The event types of a transfer (Wi 2021 art. 35 lid 4): sent on the old dossier, received on
the new one. Registered from `VerhuizingConfig.ready`; see `dossiers/gebeurtenissen.py`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from inburgering.dossiers.gebeurtenissen import (
    JANEE,
    TEKST,
    Bijdrage,
    datum_iso,
    keuze,
    registreer_soort,
    tekst,
)
from inburgering.dossiers.soorten import leerroute
from inburgering.dossiers.toestand import DossierToestand
from inburgering.dossiers.workflow import Soort

#: How the package went: within this installation, or as a file to another one.
WIJZEN = {"direct": _("rechtstreeks"), "bestand": _("als bestand")}


def _ontvangen(t: DossierToestand, datum: dt.date, g: Mapping[str, Any]) -> None:
    """The package sets what Besluit 5.3 lid 3 and Wi art. 15 lid 4 read: the registration in
    this gemeente, whether the former gemeente had set a PIP, and then its leerroute. Without
    a PIP the kennisgeving of DUO (a national fact) travels, so lid 1 can run."""
    inschrijving = datum_iso(g.get("inschrijving")) or datum
    t.vestiging_datum = inschrijving
    t.brp_inschrijving_datum = t.brp_inschrijving_datum or inschrijving
    t.pip_vorige_gemeente = bool(g.get("pip_vorige_gemeente"))
    if t.pip_vorige_gemeente and g.get("leerroute"):
        t.leerroute = g["leerroute"]
    if not t.kennisgeving_datum:
        t.kennisgeving_datum = datum_iso(g.get("kennisgeving"))


def _ontvangen_detail(m: Any, datum: dt.date, w: Mapping[str, str | None]) -> None:
    m.pip_vorige_gemeente = str(w["pip_vorige_gemeente"]).lower() in ("true", "1")
    if m.pip_vorige_gemeente and w["leerroute"]:
        m.leerroute = w["leerroute"]


def registreer() -> None:
    app = "verhuizing"
    registreer_soort(
        Soort.OVERDRACHT_VERZONDEN,
        app=app,
        velden={
            "naar_gemeente": TEKST,
            "naar_gemeente_code": TEKST,
            "overdracht": TEKST,
            "wijze": TEKST,
        },
        verplicht=["overdracht", "wijze"],
        woorden=[
            tekst("naar_gemeente", _("aan gemeente %(gemeente)s"), als="gemeente"),
            keuze("wijze", WIJZEN),
        ],
    )
    registreer_soort(
        Soort.OVERDRACHT_ONTVANGEN,
        app=app,
        velden={
            "van_gemeente": TEKST,
            "van_gemeente_code": TEKST,
            "overdracht": TEKST,
            "formaatversie": TEKST,
            "inschrijving": TEKST,
            "kennisgeving": TEKST,
            "pip_vorige_gemeente": JANEE,
            "leerroute": TEKST,
        },
        verplicht=["van_gemeente", "overdracht", "inschrijving", "pip_vorige_gemeente"],
        woorden=[
            tekst("van_gemeente", _("overgedragen vanuit gemeente %(gemeente)s"), als="gemeente"),
            leerroute,
        ],
        # No milestone of its own: the registration date is the `vestiging_na_verhuizing` event
        # the new dossier opens with (or DUO's), not the day the package was taken over.
        toestand=_ontvangen,
        detail=Bijdrage(("pip_vorige_gemeente", "leerroute"), _ontvangen_detail),
        # After the retention purge the fold falls back to the event's date for `inschrijving`
        # (the dossier is long closed then; no deadline depends on it).
        bewaard=["pip_vorige_gemeente", "leerroute"],
    )
