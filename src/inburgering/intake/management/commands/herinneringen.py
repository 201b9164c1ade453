from django.core.management.base import BaseCommand

from inburgering.intake.herinneringen import verstuur


class Command(BaseCommand):
    help = "Maak herinneringen voor afspraken waarvan het herinneringsmoment is aangebroken."

    def handle(self, *args, **options):
        self.stdout.write(f"Herinneringen klaargezet: {verstuur()}")
