"""The learning route's recorded NT2 hours (`traject`) as the PIP's source for afschalen
(Besluit 5.5 lid 1), through `pip.services.VOORTGANGSBRONNEN` (pip cannot import traject)."""

from __future__ import annotations

from decimal import Decimal

from inburgering.dossiers.models import Dossier
from inburgering.pip.services import VOORTGANGSBRONNEN, Voortgang
from inburgering.traject.models import Plaatsing
from inburgering.traject.uren import NT2, geldende_uren

BRON = "traject"


def nt2_voortgang(dossier: Dossier) -> Voortgang | None:
    """The NT2 hours attended in the dossier's placements; None without any recorded hours."""
    plaatsingen = list(Plaatsing.objects.filter(dossier=dossier, contract__product__soort__in=NT2))
    rijen = [r for lijst in geldende_uren(plaatsingen).values() for r in lijst]
    if not rijen:
        return None
    return Voortgang(sum((r.aanwezig for r in rijen), Decimal(0)), BRON)


def registreer() -> None:
    if nt2_voortgang not in VOORTGANGSBRONNEN:
        VOORTGANGSBRONNEN.append(nt2_voortgang)
