"""Fill the monitoring projection's missing rows from the event log, one gemeente at a time.

Run it after a migration that empties the projection (a cache) or after a bulk load, so that the
first dashboard view does not have to (nationally that is minutes, too long for a web request).
Rows that exist are left alone; writers keep them current."""

from django.core.management.base import BaseCommand, CommandError

from inburgering.accounts.models import Gemeente
from inburgering.monitoring import projectie


class Command(BaseCommand):
    help = "Vul de ontbrekende rijen van de mijlpalenprojectie (monitoring) uit de gebeurtenissen."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", help="CBS-code; zonder: alle gemeenten")

    def handle(self, *args, gemeente=None, **options):
        gemeenten = Gemeente.objects.order_by("cbs_code")
        if gemeente:
            gemeenten = gemeenten.filter(cbs_code=gemeente)
            if not gemeenten.exists():
                raise CommandError(f"Onbekende gemeente: {gemeente}")
        totaal = projectie.vul_per_gemeente(gemeenten, self.stdout.write)
        self.stdout.write(f"Klaar: {totaal} ontbrekende rijen gevuld.")
