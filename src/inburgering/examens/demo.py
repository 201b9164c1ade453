"""Demo exams: DUO (the simulator) reports exam results for demo dossiers in the B1-route, the
results reach the dossiers as SS199 notifications through our endpoint and worker, and the
gemeente's payments for the attempts are recorded through `services.registreer_betaling`.

Called once after the demo data are loaded (`vul_examens()`); it only picks dossiers without
exam results, so a second call adds others rather than duplicates.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from inburgering.bsn import SYNTHETISCHE_BSNS
from inburgering.dossiers.models import Doelgroep, Dossier
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.koppelingen.duo.client import gedeelde_simulator
from inburgering.koppelingen.duo.simulator import Scenarios
from inburgering.koppelingen.management.commands.duo_simulator import post_in_proces
from inburgering.koppelingen.outbox import verwerk_alles

from . import services
from .models import ExamenBetaling

#: The price of one attempt of an A2/KNM exam [praktijk: € 50]; the B1 state exam costs more.
PRIJS_CENTS = {"KNM": 5000, "A2": 5000, "B1": 7500}
#: Chance to pass one attempt (assumption, as in demo/uitkomsten.py).
SLAAGKANS = {"LE": 0.75, "LU": 0.78, "SC": 0.6, "SP": 0.65, "KNM": 0.85}
#: Asylum status holders: the gemeente pays the first two attempts per component [praktijk].
BETAALDE_POGINGEN = 2


def kandidaten(aantal: int) -> list[Dossier]:
    """Open demo dossiers in the B1-route with a PIP at least five months old and no exam result
    yet; those of the demo user `consulent` first, so the demo shows them."""
    vandaag = timezone.localdate()
    return list(
        Dossier.objects.filter(
            inburgeraar__bsn__range=SYNTHETISCHE_BSNS,
            leerroute="b1",
            fase=Fase.IN_LEERROUTE,
            gemeente__oin__gt="",
            events__soort=Soort.PIP_VASTGESTELD,
            events__datum__lte=vandaag - dt.timedelta(days=150),
        )
        .exclude(events__soort=Soort.EXAMENRESULTAAT)
        .select_related("gemeente", "inburgeraar", "consulent")
        .annotate(
            eerst=Case(
                When(consulent__username="consulent", then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("eerst", "pk")
        .distinct()[:aantal]
    )


def vul_examens(
    *, aantal: int = 25, seed: int = 2026, melding: Callable[[str], object] | None = None
) -> dict[str, int]:
    """Exam attempts (from DUO) and payments (by the gemeente) for up to `aantal` dossiers."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    sc = Scenarios(gedeelde_simulator())
    vandaag = timezone.localdate()
    telling = {"dossiers": 0, "resultaten": 0, "betalingen": 0}
    for dossier in kandidaten(aantal):
        bsn, oin = dossier.inburgeraar.bsn, dossier.gemeente.oin
        sc.registreer_gemeente(oin, dossier.gemeente.cbs_code)
        with sc.sim.opslag.transactie() as staat:
            bekend = bsn in staat["personen"]
        if not bekend:
            sc.nieuwe_statushouder(oin, bsn=bsn)  # DUO knows the person; SS101 is not sent
        grond = services.pip_grond(dossier)
        if grond is None or grond.dagtekening is None:
            continue
        dag = max(grond.dagtekening + dt.timedelta(days=120), vandaag - dt.timedelta(days=200))
        laatste = None
        for onderdeel in rng.sample(["LE", "LU", "SC", "SP", "KNM"], k=rng.randint(2, 5)):
            poging_dag = dag + dt.timedelta(days=rng.randint(0, 30))
            for _ in range(3):
                if poging_dag >= vandaag:
                    break
                geslaagd = rng.random() < SLAAGKANS[onderdeel]
                laatste = sc.examenresultaat(
                    bsn, oin, onderdeel=onderdeel, examendatum=poging_dag,
                    resultaat="Geslaagd" if geslaagd else "Gezakt",
                )  # fmt: skip
                telling["resultaten"] += 1
                if geslaagd:
                    break
                poging_dag += dt.timedelta(days=rng.randint(30, 60))
        if laatste is None:
            continue
        post_in_proces(laatste.headers, laatste.inhoud)  # SS199: DUO reports all results
        verwerk_alles()
        telling["dossiers"] += 1
        if dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER:
            telling["betalingen"] += _betalingen(dossier, vandaag)
    if melding:
        melding(
            f"Examens: {telling['resultaten']} resultaten van DUO bij {telling['dossiers']} "
            f"dossiers, {telling['betalingen']} betaalde pogingen."
        )
    return telling


def _betalingen(dossier: Dossier, vandaag: dt.date) -> int:
    """The gemeente pays the first attempts per component, two weeks before each exam."""
    overzicht = services.overzicht(dossier, duo=False)
    aantal = 0
    for regel in overzicht.regels:
        for nummer, poging in enumerate(regel.pogingen[:BETAALDE_POGINGEN], start=1):
            datum = max(poging.datum - dt.timedelta(days=14), overzicht.pip.dagtekening)
            services.registreer_betaling(
                dossier,
                onderdeel=regel.onderdeel,
                bedrag_cents=PRIJS_CENTS["KNM" if regel.onderdeel == "KNM" else regel.niveau],
                datum=min(datum, vandaag),
                factuurreferentie=f"DEMO-{dossier.pk}-{regel.onderdeel}-{nummer}",
                actor=dossier.consulent,
            )
            aantal += 1
    return aantal


def verwijder_betalingen(dossiers: QuerySet[Dossier]) -> int:
    """The payments of these (synthetic) dossiers: `demo.opslag.verwijder_demodata` calls this
    before it deletes their events and the demo users (both protected by the payments)."""
    return ExamenBetaling.objects.filter(dossier__in=dossiers.values("pk")).delete()[0]
