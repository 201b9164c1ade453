"""The demo gemeenten's housing taakstelling for this year and last (through the monitoring
service, as a teamleider enters it), sized to each gemeente's share of the demo dossiers, so the
gemeente overview in monitoring has its "taakstelling" and "%" columns filled."""

from __future__ import annotations

from django.utils import timezone

from inburgering.accounts.models import Gemeente
from inburgering.monitoring import taakstelling

from .gemeenten import DEMO_AANDEEL

#: Vergunninghouders to house per half year for the whole demo (split by share).
PER_HALFJAAR = 90


def vul_taakstellingen() -> int:
    jaar = timezone.localdate().year
    aantal = 0
    for gemeente in Gemeente.objects.filter(cbs_code__in=list(DEMO_AANDEEL)):
        per_halfjaar = max(1, round(PER_HALFJAAR * DEMO_AANDEEL[gemeente.cbs_code]))
        for j in (jaar - 1, jaar):
            for halfjaar in (1, 2):
                taakstelling.leg_vast(
                    gemeente.pk, jaar=j, halfjaar=halfjaar, aantal=per_halfjaar, door=None
                )
                aantal += 1
    return aantal
