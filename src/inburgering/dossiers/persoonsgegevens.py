"""Changing a person's contact data after the dossier exists, with its history in the event log.

The person record is the gemeente's own (ADR 0002): the change is made to the record of the
dossier's gemeente only, and recorded as one `persoonsgegevens_gewijzigd` event in that dossier
with every changed field's old and new value, so the timeline shows who changed what and when.
Names, BSN and birth date are not edited here: they come from the BRP and DUO.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inburgering.accounts.models import Gebruiker

from .models import Bron, Dossier, DossierEvent, Inburgeraar
from .referentie import taalnaam
from .services import registreer
from .workflow import Soort

#: The fields a consulent may change, with the words the timeline uses for them.
BEWERKBAAR = {
    "talen": gettext_lazy("talen"),
    "voorkeurstaal": gettext_lazy("voorkeurstaal"),
    "tolk_nodig": gettext_lazy("tolk nodig"),
    "telefoon": gettext_lazy("telefoon"),
    "email": gettext_lazy("e-mail"),
    "whatsapp": gettext_lazy("WhatsApp"),
    "post_straat": gettext_lazy("straat en huisnummer (post)"),
    "post_postcode": gettext_lazy("postcode (post)"),
    "post_plaats": gettext_lazy("plaats (post)"),
}


def huidige_waarden(persoon: Inburgeraar) -> dict[str, Any]:
    return {veld: getattr(persoon, veld) for veld in BEWERKBAAR}


def wijzig_persoonsgegevens(
    dossier: Dossier,
    nieuw: Mapping[str, Any],
    *,
    actor: Gebruiker | None,
    datum: dt.date | None = None,
    toelichting: str = "",
    bron: str = Bron.GEBRUIKER,
) -> DossierEvent | None:
    """Save the changed fields of the person of `dossier` and record the change; None when
    nothing changed. One transaction: the record and the event are saved together or not."""
    onbekend = sorted(set(nieuw) - set(BEWERKBAAR))
    if onbekend:
        raise ValueError(f"not editable here: {', '.join(onbekend)}")
    with transaction.atomic():
        persoon = Inburgeraar.objects.select_for_update().get(pk=dossier.inburgeraar_id)
        wijzigingen = []
        for veld, waarde in nieuw.items():
            oud = getattr(persoon, veld)
            if veld == "talen" and set(oud or []) == set(waarde or []):
                continue  # the same languages in another order
            if oud != waarde:
                wijzigingen.append({"veld": veld, "oud": oud, "nieuw": waarde})
                setattr(persoon, veld, waarde)
        if not wijzigingen:
            return None
        persoon.save(update_fields=[w["veld"] for w in wijzigingen])
        dossier.inburgeraar = persoon
        return registreer(
            dossier,
            Soort.PERSOONSGEGEVENS_GEWIJZIGD,
            datum or timezone.localdate(),
            actor=actor,
            bron=bron,
            gegevens={"wijzigingen": wijzigingen},
            toelichting=toelichting,
        )


def _waarde(veld: str, waarde: Any) -> str:
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if veld == "talen" and isinstance(waarde, list):
        return ", ".join(taalnaam(str(t)) for t in waarde) or "—"
    if veld == "voorkeurstaal":
        return taalnaam(waarde) or "—"
    return str(waarde) if waarde not in (None, "") else "—"


def beschrijf_wijzigingen(gegevens: Mapping[str, Any]) -> str | None:
    """The timeline's words: "telefoon: 06 1234 5678 → 06 8765 4321; talen: Arabisch → ..."."""
    wijzigingen = gegevens.get("wijzigingen")
    if not isinstance(wijzigingen, list):
        return None
    delen = []
    for w in wijzigingen:
        if not isinstance(w, Mapping) or not isinstance(w.get("veld"), str):
            continue
        veld = w["veld"]
        naam = str(BEWERKBAAR.get(veld, veld))
        delen.append(f"{naam}: {_waarde(veld, w.get('oud'))} → {_waarde(veld, w.get('nieuw'))}")
    return "; ".join(delen) or None
