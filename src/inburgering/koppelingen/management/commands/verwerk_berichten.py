"""The background worker: DUO's messages both ways and, with `ACHTERGROND_UITVOERING =
"worker"`, the background work (large migration imports, reconciliations with DUO).
`manage.py verwerk_berichten --once` or a loop (default)."""

import time

from django.core.management.base import BaseCommand

from inburgering.koppelingen.duo import afstemming
from inburgering.koppelingen.hartslag import klop
from inburgering.koppelingen.outbox import verwerk_alles, verwerk_ronde
from inburgering.monitoring import importtaken


class Command(BaseCommand):
    help = "Verwerk notificaties van DUO en verstuur leveringen aan DUO (met herhaalpogingen)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Eén keer alles wat klaarstaat.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconden tussen rondes.")
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, once: bool, interval: float, batch: int, **opties):
        if once:
            klop()
            telling = verwerk_alles(limiet=batch)
            self.stdout.write(f"Verwerkt: {telling.verwerkt}, mislukt: {telling.mislukt}")
            self.stdout.write(f"Importtaken: {importtaken.verwerk_wachtende()}")
            self.stdout.write(f"Afstemmingen: {afstemming.verwerk_wachtende()}")
            return
        self.stdout.write("DUO-berichtenverwerker gestart (Ctrl+C stopt).")
        try:
            while True:
                # The sign of life /gezond/klaar reports (koppelingen/hartslag.py).
                klop()
                telling = verwerk_ronde(batch)
                if imports := importtaken.verwerk_wachtende():
                    self.stdout.write(f"Importtaken: {imports}")
                if afstemmingen := afstemming.verwerk_wachtende():
                    self.stdout.write(f"Afstemmingen: {afstemmingen}")
                if telling.verwerkt or telling.mislukt:
                    self.stdout.write(f"Verwerkt: {telling.verwerkt}, mislukt: {telling.mislukt}")
                else:
                    time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("Gestopt.")
