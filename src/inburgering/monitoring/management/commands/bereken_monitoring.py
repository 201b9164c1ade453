"""Renew the large monitoring selections someone asked for in the last day (ADR 0042), so the
national dashboard is read, not computed, when someone opens it. The planner runs it every
five minutes; a run that finds nothing asked for does nothing."""

from django.core.management.base import BaseCommand

from inburgering.monitoring import vooraf
from inburgering.monitoring.tabellen import tabellen


class Command(BaseCommand):
    help = "Bereken de grote monitoringselecties vooraf (landelijk, regio's) die gevraagd zijn."

    def handle(self, *args, **options):
        gedaan = vooraf.vernieuw(tabellen)
        for sel, duur in gedaan:
            self.stdout.write(f"{len(sel.gemeente_ids)} gemeenten: {duur:.1f} s")
        self.stdout.write(f"Klaar: {len(gedaan)} selecties vooraf berekend.")
