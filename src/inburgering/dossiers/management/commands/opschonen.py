"""Remove personal data past its retention period (Besluit inburgering 2021 art. 9.9) and
access-log rows past theirs. Run daily (README, "Retention"); `--dry-run` first."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inburgering.accounts.models import Gemeente
from inburgering.dossiers import bewaren


class Command(BaseCommand):
    help = (
        "Verwijder persoonsgegevens na de wettelijke bewaartermijn (Besluit inburgering 2021 "
        "art. 9.9) en oude regels van het inzagelog. Met --dry-run: alleen tonen wat zou gaan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon per dossier wat zou gaan; wijzig niets."
        )
        parser.add_argument("--gemeente", help="CBS-code; zonder: alle gemeenten")
        parser.add_argument(
            "--peildatum",
            type=dt.date.fromisoformat,
            help="JJJJ-MM-DD; standaard vandaag (alleen later dan vandaag bij --dry-run)",
        )

    def handle(self, *args, dry_run=False, gemeente=None, peildatum=None, **options):
        vandaag = timezone.localdate()
        peildatum = peildatum or vandaag
        if peildatum > vandaag and not dry_run:
            raise CommandError("Een peildatum in de toekomst kan alleen met --dry-run.")
        if gemeente and not Gemeente.objects.filter(cbs_code=gemeente).exists():
            raise CommandError(f"Onbekende gemeente: {gemeente}")
        if dry_run:
            run, plan, inzage = bewaren.proefdraaien(peildatum, gemeente)
        else:
            run, plan, inzage = bewaren.opschonen(peildatum, gemeente)
        uuids = dict(
            bewaren.Dossier.objects.filter(pk__in=[i.dossier_id for i in plan]).values_list(
                "pk", "uuid"
            )
        )
        werkwoord = "gaat" if dry_run else "is verwijderd"
        for item in plan:
            self.stdout.write(
                f"Dossier {uuids[item.dossier_id]} (gemeente {item.gemeente}, "
                f"afgesloten: {item.afsluitreden})"
            )
            for termijn in item.termijnen:
                persoon = " (ook bij de persoon)" if termijn.categorie in item.persoon else ""
                self.stdout.write(
                    f"  {termijn.categorie.value}{persoon} {werkwoord}: "
                    f"{bewaren.WAT[termijn.categorie]}.\n"
                    f"    {termijn.uitleg} ({termijn.grondslag})"
                )
        soort = "Proefdraai" if dry_run else "Opschoning"
        self.stdout.write(
            f"{soort} {run.pk} per {peildatum:%d-%m-%Y}: {len(plan)} dossiers; inzagelog: "
            f"{inzage} regels van voor {bewaren.inzagelog_grens(peildatum):%d-%m-%Y} "
            f"({'gaan' if dry_run else 'verwijderd'})."
        )
