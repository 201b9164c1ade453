"""Reminders and "something changed" messages to citizens (portaal/berichten.py): prepares the
due reminders, then sends what waits. Idempotent; run every 15 minutes like `herinneringen`."""

from django.core.management.base import BaseCommand

from inburgering.portaal.berichten import verstuur_ronde, zet_herinneringen_klaar


class Command(BaseCommand):
    help = "Zet herinneringen klaar en verstuur wachtende berichten aan inburgeraars."

    def handle(self, *args, **opties):
        klaar = zet_herinneringen_klaar()
        verzonden, mislukt = verstuur_ronde()
        self.stdout.write(f"{klaar} klaargezet, {verzonden} verzonden, {mislukt} mislukt")
