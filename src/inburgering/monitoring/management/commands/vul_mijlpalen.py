"""Fill the monitoring projection's missing rows from the event log, one gemeente at a time.

Run it after a migration that empties the projection (a cache) or after a bulk load, so that the
first dashboard view does not have to (nationally that is minutes, too long for a web request).
Rows that exist are left alone; writers keep them current."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inburgering.accounts.models import Gemeente
from inburgering.monitoring import indicatoren as ind
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
        totaal = 0
        for g in gemeenten:
            sel = ind.Selectie((g.pk,), timezone.localdate())
            with ind.sql_instellingen(sel):
                gevuld = projectie.vul(sel)
            if gevuld:
                self.stdout.write(f"{g.naam} ({g.cbs_code}): {gevuld} rijen gevuld.")
            totaal += gevuld
        self.stdout.write(f"Klaar: {totaal} ontbrekende rijen gevuld.")
