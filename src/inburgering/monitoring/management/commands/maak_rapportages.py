"""Make the periodic reports the scheduler owes (docs/adr/0026-uitkomsten-populatie-en-cohort.md):
per gemeente the last completed quarter and, in the first quarter, the previous year. Reports
that exist are left alone (their text may have been edited), so a run can be repeated."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from inburgering.accounts.models import Gemeente
from inburgering.monitoring import rapportage


class Command(BaseCommand):
    help = (
        "Maak de periodieke rapportages per gemeente (laatste kwartaal; in het eerste "
        "kwartaal ook het vorige jaar)."
    )

    def handle(self, *args, **options):
        rapporten = rapportage.volgens_planning(
            Gemeente.objects.order_by("cbs_code"), timezone.localdate()
        )
        self.stdout.write(f"Klaar: {len(rapporten)} rapportages aanwezig.")
