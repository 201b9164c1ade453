"""The reconciliation report in words: the findings are stored as codes, ISO dates and Dutch
sentences (afstemming.py, JSON in `Afstemmingsrun.bevindingen`); the page shows subjects as
words, dates as dd-mm-jjjj, codes as their labels and the explanation in the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from inburgering.dossiers.models import Doelgroep
from inburgering.dossiers.referentie import LEERROUTES
from inburgering.labels import bekend_label

ONDERWERPEN = {
    "plichtsignaal": _("Signaal inburgeringsplicht"),
    "pip_na_ss139": _("PIP na melding SS139"),
    "pip_niet_geleverd": _("PIP geleverd aan DUO"),
    "duo_antwoord": _("Antwoord van DUO"),
    "pip": _("PIP"),
    "leerroute": _("Leerroute"),
    "niveau": _("Niveau"),
    "bekend_bij_duo": _("Bekend bij DUO"),
    "doelgroep": _("Doelgroep"),
    "termijn": _("Einde inburgeringstermijn"),
}

WAARDEN = {
    "gehuisvest": _("gehuisvest"),
    "geen PIP": _("geen PIP"),
    "lopend dossier": _("lopend dossier"),
    "onbekend": _("onbekend"),
}

#: The fixed sentences of afstemming.py (stored in Dutch) with their translation.
TOELICHTINGEN = {
    "Gehuisvest, maar geen signaal van DUO over de inburgeringsplicht.": _(
        "Gehuisvest, maar geen signaal van DUO over de inburgeringsplicht."
    ),
    "PIP vastgesteld, maar nooit (met succes) aan DUO geleverd.": _(
        "PIP vastgesteld, maar nooit (met succes) aan DUO geleverd."
    ),
    "PIP niet bekend bij DUO.": _("PIP niet bekend bij DUO."),
    "Dagtekening PIP verschilt.": _("Dagtekening PIP verschilt."),
    "Leerroute verschilt.": _("Leerroute verschilt."),
    "Niveau verschilt.": _("Niveau verschilt."),
    "DUO kent deze persoon niet als inburgeringsplichtige.": _(
        "DUO kent deze persoon niet als inburgeringsplichtige."
    ),
    "Doelgroep verschilt.": _("Doelgroep verschilt."),
    "Einddatum inburgeringstermijn verschilt van wat DUO meldde.": _(
        "Einddatum inburgeringstermijn verschilt van wat DUO meldde."
    ),
}


def _waarde(onderwerp: str, waarde: str) -> str:
    if waarde in ("", "-"):
        return "—"
    try:
        return dt.date.fromisoformat(waarde).strftime("%d-%m-%Y")
    except ValueError:
        pass
    if onderwerp == "leerroute" and waarde in LEERROUTES:
        return str(LEERROUTES[waarde])
    if onderwerp == "doelgroep":
        return bekend_label(Doelgroep, waarde) or waarde
    return str(WAARDEN.get(waarde, waarde))


def leesbaar(bevinding: Mapping[str, Any]) -> dict[str, Any]:
    """One stored finding with the words the page shows."""
    onderwerp = str(bevinding.get("onderwerp", ""))
    toelichting = str(bevinding.get("toelichting", ""))
    return {
        **bevinding,
        "onderwerp": str(ONDERWERPEN.get(onderwerp, onderwerp)),
        "ons": _waarde(onderwerp, str(bevinding.get("ons", ""))),
        "duo": _waarde(onderwerp, str(bevinding.get("duo", ""))),
        "toelichting": str(TOELICHTINGEN.get(toelichting, toelichting)),
    }
