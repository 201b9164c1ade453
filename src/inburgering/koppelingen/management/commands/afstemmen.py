"""Reconciliation with DUO for the scheduler: `manage.py afstemmen [--gemeente CODE]`.

One run per gemeente with an OIN (the ones DUO knows), kept as `Afstemmingsrun` and shown on
/koppelingen/duo/afstemming/. Runs in this process, one gemeente after the other."""

from django.core.management.base import BaseCommand, CommandError

from inburgering.accounts.models import Gemeente
from inburgering.koppelingen.duo.afstemming import start, voer_uit


class Command(BaseCommand):
    help = "Stem de lopende dossiers af met DUO (per gemeente) en bewaar het rapport."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", help="CBS-code; zonder: elke gemeente met een OIN.")

    def handle(self, *args, gemeente: str | None = None, **opties):
        gemeenten = Gemeente.objects.exclude(oin="").order_by("cbs_code")
        if gemeente:
            gemeenten = gemeenten.filter(cbs_code=gemeente)
            if not gemeenten.exists():
                raise CommandError(f"Geen gemeente met CBS-code {gemeente} en een OIN.")
        for g in gemeenten:
            run = start(g, op_achtergrond=False)
            voer_uit(run.pk)
            run.refresh_from_db()
            self.stdout.write(
                f"{g.cbs_code} {g.naam}: {run.get_status_display()}, {run.aantal_dossiers} "
                f"dossiers, {run.aantal_vragen} vragen aan DUO, {len(run.bevindingen)} bevindingen"
            )
