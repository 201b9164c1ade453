"""The fines in the transfer package on a move (Wi art. 35 lid 4: the file follows the person;
verhuizing/onderdelen.py). The sending gemeente's cases go along as `handhaving.samenvatting`
(articles, states, amounts, dates, totals per termijn). The receiving gemeente keeps them in the
stored package and reads them there: a fine is the sending college's decision, so no case is
opened here, but the new consulent sees what was imposed against the caps (docs/adr/0022)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from inburgering.dossiers.models import Dossier
from inburgering.verhuizing.onderdelen import OngeldigOnderdeel, registreer_onderdeel

from . import services
from .models import Artikel, ZaakStatus


def exporteer(dossier: Dossier) -> dict[str, Any]:
    return services.samenvatting(dossier)


def importeer(dossier: Dossier, data: Any) -> None:
    """Check what arrived; refuse a part that is not what `exporteer` writes."""
    if not isinstance(data, dict) or not isinstance(data.get("zaken"), list):
        raise OngeldigOnderdeel(_("Het onderdeel handhaving heeft geen lijst met zaken."))
    for i, zaak in enumerate(data["zaken"], start=1):
        if not isinstance(zaak, dict):
            raise OngeldigOnderdeel(_("Handhaving, zaak %(i)s: geen geldige zaak.") % {"i": i})
        if zaak.get("artikel") not in Artikel.values or zaak.get("status") not in ZaakStatus.values:
            raise OngeldigOnderdeel(
                _("Handhaving, zaak %(i)s: onbekend artikel of onbekende status.") % {"i": i}
            )
        for veld in ("voorgesteld_cents", "opgelegd_cents", "bedrag_cents"):
            waarde = zaak.get(veld)
            if waarde is not None and (not isinstance(waarde, int) or waarde < 0):
                raise OngeldigOnderdeel(
                    _("Handhaving, zaak %(i)s: %(veld)s is geen bedrag.") % {"i": i, "veld": veld}
                )


def registreer() -> None:
    registreer_onderdeel("handhaving", exporteer=exporteer, importeer=importeer)
