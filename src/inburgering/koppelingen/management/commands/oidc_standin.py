"""The stand-in OpenID Connect provider over HTTP, for the demo (koppelingen/oidc_standin).

    manage.py oidc_standin --port 8090 [--client-id inburgering --client-secret ...]
                           [--redirect-uri http://localhost:8000/account/oidc/terug/]
                           [--post-logout-redirect-uri http://localhost:8000/account/inloggen/]
                           [--gebruikers accounts.json]

Then run the application with OIDC_ISSUER=http://127.0.0.1:8090 and the same client id and
secret (docs/deployment.md, "Inloggen via de identity provider"). --gebruikers: a JSON list of
{"sub": ..., "claims": {...}}; without it the demo accounts (one per role).

The citizens' portal (docs/adr/0025) logs in through the same stand-in with its own client:
--portaal-client-id portaal --portaal-client-secret ... ; its login page lists citizens with a
BSN claim: those of --burgers (JSON list of {"bsn": ..., "naam": ...}) or, with
--burgers-uit-demo N, N demo persons with a dossier from the database plus one person without
a dossier (to see the friendly refusal).
"""

from __future__ import annotations

import json
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIServer, make_server

from django.core.management.base import BaseCommand, CommandError

from inburgering.koppelingen.oidc_standin import Standin, StandinGebruiker, burger


def bsn_zonder_dossier() -> str:
    """The highest valid test BSN (RvIG test range) that no person record here has: the demo
    person without a dossier."""
    from inburgering.bsn import TEST_BSN_BEREIK, elfproef
    from inburgering.dossiers.models import Inburgeraar

    for n in reversed(TEST_BSN_BEREIK):
        bsn = str(n)
        if elfproef(bsn) and not Inburgeraar.objects.filter(bsn=bsn).exists():
            return bsn
    raise CommandError("geen vrij test-BSN")


def _gezin_dat_meeleest() -> tuple[list, list[int]]:
    """Parents (person records) with a linked child in a gemeente that lets parents read along
    in the portal (ADR 0039, demo/portaalgezin.py), and the ids of those children's records:
    the parent is offered, the child through the parent."""
    from django.db.models import Exists, OuterRef

    from inburgering.accounts.models import GemeenteConfiguratie
    from inburgering.dossiers.models import Gezinsrelatie, Inburgeraar

    aan = GemeenteConfiguratie.objects.filter(
        gemeente_id=OuterRef("inburgeraar__gemeente_id"), portaal_kinderen=True
    )
    relaties = Gezinsrelatie.objects.filter(
        soort=Gezinsrelatie.Soort.KIND, gerelateerde__isnull=False
    ).filter(Exists(aan))
    ouders = list(
        Inburgeraar.objects.filter(pk__in=relaties.values("inburgeraar_id")).order_by("pk")
    )
    return ouders, list(relaties.values_list("gerelateerde_id", flat=True))


def demo_burgers(aantal: int) -> list[StandinGebruiker]:
    """`aantal` persons with an open dossier and a consulent (those with a planned appointment
    and a PIP first, so the portal shows something; and one who received a fine letter, so the
    letters page shows every kind of letter), and one without a dossier."""
    from django.db.models import Exists, F, OuterRef
    from django.utils import timezone

    from inburgering.dossiers.models import Dossier, DossierEvent
    from inburgering.dossiers.workflow import Fase, Soort
    from inburgering.intake.models import Afspraak

    gepland = Afspraak.objects.filter(
        dossier=OuterRef("pk"), status=Afspraak.Status.GEPLAND, begin__gt=timezone.now()
    )
    boetebrief = DossierEvent.objects.filter(
        dossier=OuterRef("pk"), soort=Soort.HANDHAVING_VOORNEMEN
    )
    ouders, kinderen = _gezin_dat_meeleest()
    dossiers = (
        Dossier.objects.exclude(fase=Fase.AFGEROND)
        .exclude(inburgeraar_id__in=kinderen)
        .filter(consulent__isnull=False)
        .annotate(met_afspraak=Exists(gepland), met_boetebrief=Exists(boetebrief))
        .select_related("inburgeraar")
        .order_by("-met_afspraak", F("pip_dagtekening").desc(nulls_last=True), "gemeente_id", "pk")
    )
    gekozen: dict[str, str] = {}
    boete = False
    for d in dossiers[: aantal * 4]:
        if len(gekozen) >= aantal:
            break
        if d.inburgeraar.bsn not in gekozen:
            gekozen[d.inburgeraar.bsn] = d.inburgeraar.naam
            boete = boete or d.met_boetebrief
    if not boete and aantal > 1:
        met_boete = next(
            (d for d in dossiers.filter(met_boetebrief=True) if d.inburgeraar.bsn not in gekozen),
            None,
        )
        if met_boete is not None:
            if len(gekozen) >= aantal:
                gekozen.pop(list(gekozen)[-1])
            gekozen[met_boete.inburgeraar.bsn] = met_boete.inburgeraar.naam
    # A parent who may read a minor child's dossier (demo/portaalgezin.py, ADR 0039) first.
    for ouder in ouders[:1]:
        if aantal > 1:
            gekozen.pop(ouder.bsn, None)
            if len(gekozen) >= aantal:
                gekozen.pop(list(gekozen)[-1])
            gekozen = {ouder.bsn: ouder.naam, **gekozen}
    burgers = [burger(bsn, naam) for bsn, naam in gekozen.items()]
    burgers.append(burger(bsn_zonder_dossier(), "Zonder Dossier"))
    return burgers


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class Command(BaseCommand):
    help = "Stand-in OpenID Connect-provider voor demo en tests (geen echte identiteiten)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8090)
        parser.add_argument("--issuer", help="Eigen basis-URL; standaard http://host:port.")
        parser.add_argument("--client-id", default="inburgering")
        parser.add_argument("--client-secret", default="standin-geheim")
        parser.add_argument("--redirect-uri", action="append", default=[])
        parser.add_argument(
            "--post-logout-redirect-uri",
            action="append",
            default=[],
            help="Toegestaan adres na uitloggen (RP-initiated logout); zonder: elk adres.",
        )
        parser.add_argument("--gebruikers", help="JSON-bestand met accounts en hun claims.")
        parser.add_argument("--portaal-client-id", default="")
        parser.add_argument("--portaal-client-secret", default="")
        parser.add_argument("--portaal-redirect-uri", action="append", default=[])
        parser.add_argument("--burgers", help="JSON-bestand met burgers: bsn en naam.")
        parser.add_argument(
            "--burgers-uit-demo", type=int, default=0, help="Aantal demopersonen uit de database."
        )

    def handle(self, *args, **opties):
        gebruikers = None
        if opties["gebruikers"]:
            try:
                data = json.loads(Path(opties["gebruikers"]).read_text(encoding="utf-8"))
                gebruikers = [StandinGebruiker(g["sub"], g.get("claims", {})) for g in data]
            except (OSError, ValueError, KeyError, TypeError) as fout:
                raise CommandError(f"--gebruikers onleesbaar: {fout}") from None
        burgers: list[StandinGebruiker] = []
        if opties["burgers"]:
            try:
                data = json.loads(Path(opties["burgers"]).read_text(encoding="utf-8"))
                burgers = [burger(str(b["bsn"]), str(b.get("naam", ""))) for b in data]
            except (OSError, ValueError, KeyError, TypeError) as fout:
                raise CommandError(f"--burgers onleesbaar: {fout}") from None
        if opties["burgers_uit_demo"]:
            burgers += demo_burgers(opties["burgers_uit_demo"])
        issuer = opties["issuer"] or f"http://{opties['host']}:{opties['port']}"
        clients = {opties["client_id"]: (opties["client_secret"], opties["redirect_uri"])}
        burgerclients = set()
        if opties["portaal_client_id"]:
            clients[opties["portaal_client_id"]] = (
                opties["portaal_client_secret"],
                opties["portaal_redirect_uri"],
            )
            burgerclients.add(opties["portaal_client_id"])
        uitlog = opties["post_logout_redirect_uri"]
        standin = Standin(
            issuer,
            clients,
            gebruikers,
            burgers=burgers,
            burgerclients=burgerclients,
            uitlog_uris={opties["client_id"]: uitlog} if uitlog else None,
        )
        with make_server(opties["host"], opties["port"], standin, server_class=_Server) as s:
            portaal = opties["portaal_client_id"]
            extra = f", portaal {portaal} met {len(burgers)} burgers" if portaal else ""
            self.stdout.write(f"OIDC stand-in op {issuer} (client {opties['client_id']}{extra})")
            s.serve_forever()
