"""Linking and unlinking an organisation to a dossier. The records that cause an involvement
(a placement, an MB assignment, ontzorgen, a COA handover) call these in their own transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from inburgering.dossiers.models import Dossier

from .models import Betrokkenheid, Grond, Organisatie


def koppel(
    organisatie: Organisatie, dossier: Dossier, grond: Grond, *, bron: str, begin: dt.date
) -> Betrokkenheid:
    """Start (or reopen) the organisation's involvement for `bron`; idempotent."""
    if not organisatie.gemeenten.filter(pk=dossier.gemeente_id).exists():
        raise ValidationError(
            _("%(organisatie)s werkt niet voor de gemeente van dit dossier.")
            % {"organisatie": organisatie.naam}
        )
    betrokkenheid, nieuw = Betrokkenheid.objects.get_or_create(
        organisatie=organisatie,
        dossier=dossier,
        grond=grond,
        bron=bron,
        defaults={"begin": begin},
    )
    if not nieuw and (betrokkenheid.einde is not None or betrokkenheid.begin > begin):
        betrokkenheid.einde = None
        betrokkenheid.begin = min(betrokkenheid.begin, begin)
        betrokkenheid.save(update_fields=["einde", "begin"])
    return betrokkenheid


def ontkoppel(dossier: Dossier, *, bron: str, einde: dt.date) -> int:
    """End every open involvement caused by `bron` on `einde` (inclusive); returns how many."""
    return (
        Betrokkenheid.objects.filter(dossier=dossier, bron=bron, einde__isnull=True)
        .filter(begin__lte=einde)
        .update(einde=einde)
    )
