"""Rebuild every dossier's projections from its event log (after a migration or rules change)."""

from django.core.management.base import BaseCommand

from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import herbereken


class Command(BaseCommand):
    help = "Herbereken de projecties van alle dossiers (of van één gemeente) uit de gebeurtenissen."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", help="CBS-code; zonder: alle gemeenten")

    def handle(self, *args, gemeente=None, **options):
        dossiers = Dossier.objects.order_by("pk")
        if gemeente:
            dossiers = dossiers.filter(gemeente__cbs_code=gemeente)
        aantal = 0
        for dossier in dossiers.iterator(chunk_size=500):
            herbereken(dossier)
            aantal += 1
        self.stdout.write(f"{aantal} dossiers herberekend.")
