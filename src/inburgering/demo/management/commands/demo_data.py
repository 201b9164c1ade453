"""`manage.py demo_data`: load synthetic dossiers (see inburgering.demo.generator).

Demo users (password Inburgering-demo-2026): consulent, consulent2, teamleider (Utrecht, Team
Noord), zaffier (the four BUCH gemeenten), kwaliteit (Utrecht and Deventer), privacy (all demo
gemeenten), beheerder (staff and superuser, all gemeenten).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from inburgering.accounts.models import Gemeente
from inburgering.bsn import SYNTHETISCH_BSN_BEREIK, SYNTHETISCHE_BSNS
from inburgering.demo import duo
from inburgering.demo import ervaringen as ervaringen_demo
from inburgering.demo import handhaving as handhaving_demo
from inburgering.demo import ontzorgen as ontzorgen_demo
from inburgering.demo import partners as partners_demo
from inburgering.demo import traject as traject_demo
from inburgering.demo.contactpersoon import meld_contactpersonen
from inburgering.demo.gemeenten import DEMO_AANDEEL
from inburgering.demo.generator import (
    BREED_BSN_BEREIK,
    PROFIELEN,
    Opties,
    genereer,
    samenvatting,
)
from inburgering.demo.opslag import verwijder_demodata
from inburgering.demo.portaalgezin import maak_portaalgezin
from inburgering.demo.taakstelling import vul_taakstellingen
from inburgering.dossiers.models import Inburgeraar
from inburgering.examens.demo import vul_examens
from inburgering.monitoring import projectie
from inburgering.monitoring.models import MijlpalenProjectie
from inburgering.termijn.demo import vul_termijnen
from inburgering.verhuizing.demo import maak_verhuizingen


class Command(BaseCommand):
    help = "Laad synthetische inburgeringsdossiers (profiel demo of landelijk)."

    def add_arguments(self, parser):
        parser.add_argument("--profiel", choices=sorted(PROFIELEN), default="demo")
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help="Startwaarde; standaard 2026 (demo) of 1 (landelijk).",
        )
        parser.add_argument(
            "--dossiers",
            type=int,
            default=None,
            help="Aantal dossiers; standaard 500 (demo) of 150000 (landelijk).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Verwijder eerst alle eerder gegenereerde gegevens.",
        )
        parser.add_argument(
            "--alleen-reset",
            action="store_true",
            help="Verwijder gegenereerde gegevens en laad niets.",
        )
        parser.add_argument(
            "--als-leeg",
            action="store_true",
            help="Laad alleen als er nog geen synthetische gegevens zijn (voor ./scripts/demo).",
        )
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument(
            "--breed-bsn-bereik",
            action="store_true",
            help="Alleen benchmarkdatabases boven ~906.000 dossiers: BSN's vanaf 980000000. "
            "Zo'n database kan niet met --reset worden geleegd; verwijder hem.",
        )

    def handle(self, *args, **opties):
        if opties["breed_bsn_bereik"] and opties["profiel"] != "landelijk":
            raise CommandError("--breed-bsn-bereik hoort alleen bij --profiel landelijk.")
        breed = (str(BREED_BSN_BEREIK.start), str(SYNTHETISCH_BSN_BEREIK.start - 1))
        if (opties["reset"] or opties["alleen_reset"]) and Inburgeraar.objects.filter(
            bsn__range=breed
        ).exists():
            raise CommandError(
                "Deze benchmarkdatabase heeft BSN's uit het brede bereik (980000000-989999999); "
                "die kunnen niet worden gewist. Verwijder de database en laad opnieuw."
            )
        if opties["reset"] or opties["alleen_reset"]:
            aantallen = verwijder_demodata()
            self.stdout.write("Verwijderd: " + ", ".join(f"{k} {v}" for k, v in aantallen.items()))
            if opties["alleen_reset"]:
                return
        elif Inburgeraar.objects.filter(bsn__range=SYNTHETISCHE_BSNS).exists():
            if opties["als_leeg"]:
                self.stdout.write("Demogegevens zijn al geladen; er is niets gewijzigd.")
                return
            raise CommandError(
                "Er staan al synthetische gegevens in de database. Gebruik --reset om ze eerst "
                "te verwijderen."
            )
        profiel = opties["profiel"]
        seed = opties["seed"] if opties["seed"] is not None else (2026 if profiel == "demo" else 1)
        verslag = genereer(
            Opties(
                profiel=profiel,
                seed=seed,
                dossiers=opties["dossiers"],
                batch=opties["batch"],
                breed_bsn_bereik=opties["breed_bsn_bereik"],
                melding=self.stdout.write,
            )
        )
        if profiel == "demo":
            # DUO (the simulator) learns the demo people and receives their PIPs.
            gemeenten = list(Gemeente.objects.filter(cbs_code__in=DEMO_AANDEEL))
            # Apps with demo records of their own (made through their services for the replayed
            # dossiers) add one line each here; deliveries they queue go out with the PIPs.
            self.stdout.write(f"Leerroute: {traject_demo.maak_route()}")
            self.stdout.write(f"Ketenpartners: {partners_demo.maak_partners()}")
            self.stdout.write(f"Ontzorgen en begeleiding: {ontzorgen_demo.maak_ontzorgen()}")
            # One gemeente reports its consulenten as contact persons to DUO.
            self.stdout.write(f"Contactpersonen aan DUO: {meld_contactpersonen()} gemeld")
            # The portal: a parent who may read their minor daughter's dossier (ADR 0039).
            kind = maak_portaalgezin()
            self.stdout.write(f"Portaal, ouder en kind: {'aangemaakt' if kind else 'niet nodig'}")
            aantallen = duo.synchroniseer(gemeenten)
            self.stdout.write(
                "DUO-simulator: " + ", ".join(f"{k} {v}" for k, v in aantallen.items())
            )
            # Exams: DUO's results for people DUO now knows, and the gemeente's payments.
            vul_examens(melding=self.stdout.write)
            # The termijn: extension, DUO's decisions and advice near the end of the termijn.
            vul_termijnen(melding=self.stdout.write)
            # Fines: a case in each state of the procedure (handhaving services).
            boetes = handhaving_demo.maak_handhaving()
            self.stdout.write(f"Handhaving: {boetes['zaken']} zaken")
            for melding in boetes["geweigerd"]:
                self.stdout.write(self.style.WARNING(f"Geweigerd handhaving {melding}"))
            # Moves: one completed transfer (Utrecht → Deventer), one waiting in Utrecht.
            maak_verhuizingen(melding=self.stdout.write)
            # The housing taakstelling per half year (gemeente overview in monitoring).
            self.stdout.write(f"Taakstelling: {vul_taakstellingen()} halfjaren vastgelegd")
            # The portal's experience questionnaire: answers at the milestones (Utrecht).
            self.stdout.write(f"Ervaringen (portaal): {ervaringen_demo.maak_ervaringen()}")
        # The rows were bulk-loaded around `services`; fill the monitoring projection now rather
        # than on the first dashboard view (nationally that takes about two minutes). Fresh
        # planner statistics first: without them PostgreSQL picks plans that take far longer.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        if profiel == "demo":
            # The replay kept the milestones current event by event; the demo is rebuilt from
            # the log in one pass, as after the bulk load, so both read paths agree exactly.
            MijlpalenProjectie.objects.filter(
                dossier__gemeente__cbs_code__in=list(DEMO_AANDEEL)
            ).delete()
        gevuld = projectie.vul_per_gemeente(Gemeente.objects.order_by("cbs_code"))
        self.stdout.write(f"Monitoring: mijlpalen van {gevuld} dossiers vastgelegd.")
        if verslag.profielen:  # landelijk: started placements per attendance profile
            self.stdout.write(f"Leerroute, aanwezigheidsprofielen: {verslag.profielen}")
        for (soort, melding), aantal in sorted(verslag.geweigerd.items()):
            self.stdout.write(self.style.WARNING(f"Geweigerd ({aantal}x) {soort}: {melding}"))
        self.stdout.write("Per fase:")
        for regel in samenvatting(verslag):
            self.stdout.write(regel)
        self.stdout.write(
            self.style.SUCCESS(
                "Klaar: "
                + ", ".join(f"{k} {v}" for k, v in verslag.aantallen.items())
                + f" in {verslag.seconden:.1f} s"
            )
        )
