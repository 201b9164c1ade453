"""Fill the monitoring projection's missing rows from the event log, one gemeente at a time.

Run it after a migration that empties the projection (a cache) or after a bulk load, so that the
first dashboard view does not have to (nationally that is minutes, too long for a web request).
Then the rows of the last quarter end (`stand.py`, ADR 0035; or `--peildatum`, a past quarter
end), which the periodic reports and a past peildatum read. Rows that exist are left alone;
writers keep them current."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inburgering.accounts.models import Gemeente
from inburgering.monitoring import projectie, stand
from inburgering.monitoring.extractie import Selectie, sql_instellingen


class Command(BaseCommand):
    help = "Vul de ontbrekende rijen van de mijlpalenprojectie (monitoring) uit de gebeurtenissen."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", help="CBS-code; zonder: alle gemeenten")
        parser.add_argument(
            "--peildatum",
            type=dt.date.fromisoformat,
            help="Een voorbij kwartaaleinde (JJJJ-MM-DD); standaard het laatste.",
        )

    def handle(self, *args, gemeente=None, peildatum=None, **options):
        peildatum = peildatum or stand.laatste_kwartaaleinde(timezone.localdate())
        if not stand.bruikbaar(Selectie((), peildatum)):
            raise CommandError(f"{peildatum} is geen voorbij kwartaaleinde.")
        gemeenten = Gemeente.objects.order_by("cbs_code")
        if gemeente:
            gemeenten = gemeenten.filter(cbs_code=gemeente)
            if not gemeenten.exists():
                raise CommandError(f"Onbekende gemeente: {gemeente}")
        totaal = projectie.vul_per_gemeente(gemeenten, self.stdout.write)
        self.stdout.write(f"Klaar: {totaal} ontbrekende rijen gevuld.")
        opgeslagen = 0
        for g in gemeenten:
            sel = Selectie((g.pk,), peildatum)
            with sql_instellingen(sel):
                opgeslagen += stand.vul(sel)
        self.stdout.write(f"Kwartaaleinde {peildatum}: {opgeslagen} ontbrekende rijen gevuld.")
