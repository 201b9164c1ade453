"""Seeded, reproducible synthetic data: profiles `demo` (~500 dossiers, six gemeenten) and
`landelijk` (150,000 dossiers over ~340 gemeenten, calibrated on praktijk.md §5).

Every dossier is planned as a history of events (`tijdlijn`), placed on the calendar
(`plaatsing`), given consulenten (`toewijzing`) and folded with the application's own
`bereken_toestand` + `projectie`, so its projection columns equal the fold of its events.
Random streams are split per purpose and per gemeente, so the same seed gives the same data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import time
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from inburgering.bsn import SYNTHETISCH_BSN_BEREIK, TEST_BSN_BEREIK
from inburgering.dossiers.models import Dossier, DossierEvent, Geslacht, Regime
from inburgering.dossiers.workflow import Soort

from . import kalibratie as k
from .gemeenten import BUCH, DEMO_AANDEEL, GEMEENTEN, PER_CODE, UTRECHT
from .leerroute import Aanbod, Gemeenteroute
from .naspelen import maak_naspeler, schrijf_relaties
from .opslag import Schrijver
from .organisatie import maak_organisatie
from .personen import (
    GEDEELDE_ACHTERNAAM,
    Adres,
    BsnPool,
    geboortedatum,
    kies_herkomst,
    kinderen,
    maak_persoon,
)
from .plaatsing import ASIEL, DemoPlaatser, Geplaatst, LandelijkPlaatser, verdeel
from .tijdlijn import plaats
from .toewijzing import DossierOntwerp, projectie_van, wijs_toe

PROFIELEN = {"demo": 500, "landelijk": 150_000}
#: National synthetic BSNs stay out of the RvIG test range, which the demo profile uses.
LANDELIJK_BSN_BEREIK = range(SYNTHETISCH_BSN_BEREIK.start, TEST_BSN_BEREIK.start)
#: Benchmark databases beyond ~906K dossiers (the range above holds 908,182 valid numbers):
#: 980,000,000 up to the test range, 1.8M valid numbers. Never part of a demo or installation:
#: the event log's triggers only let the 99 block be deleted, so such a database is dropped,
#: never reset (`demo_data --reset` refuses it).
BREED_BSN_BEREIK = range(980_000_000, TEST_BSN_BEREIK.start)
_POSTCODE = {"0344": 35, "0150": 74, "0373": 18, "0450": 19, "0383": 19, "0399": 18}
#: Measured share of open dossiers in the landelijk profile (used to size staff and Utrecht).
OPEN_AANDEEL_LANDELIJK = 0.60


@dataclass
class Opties:
    profiel: str = "demo"
    seed: int = 2026
    dossiers: int | None = None
    batch: int = 2_000
    breed_bsn_bereik: bool = False
    melding: Callable[[str], None] = print


@dataclass
class Verslag:
    aantallen: dict[str, int] = field(default_factory=dict)
    per_fase: dict[tuple[str, str], int] = field(default_factory=dict)
    seconden: float = 0.0
    #: demo profile: planned events a service refused, by (soort, message); should be empty
    geweigerd: dict[tuple[str, str], int] = field(default_factory=dict)
    #: landelijk profile: started placements per attendance profile (leerroute.PROFIELEN)
    profielen: dict[str, int] = field(default_factory=dict)


def genereer(opties: Opties) -> Verslag:
    begin = time.monotonic()
    aantal = opties.dossiers or PROFIELEN[opties.profiel]
    demo = opties.profiel == "demo"
    vandaag, nu = timezone.localdate(), timezone.now()
    stroom = _stromen(opties.seed)
    if demo:
        aantallen = verdeel(aantal, DEMO_AANDEEL)
        plaatser = DemoPlaatser(stroom("doelen"), aantal, vandaag)
        bsns = BsnPool(TEST_BSN_BEREIK, stroom("bsn"))
    else:
        aantallen = verdeel_landelijk(aantal, stroom("verdeling"))
        plaatser = LandelijkPlaatser(vandaag)
        bereik = BREED_BSN_BEREIK if opties.breed_bsn_bereik else LANDELIJK_BSN_BEREIK
        bsns = BsnPool(bereik, stroom("bsn"))
    quotum = min(k.CONSULENT_CASELOAD, aantal)
    org = maak_organisatie(
        stroom("organisatie"), aantallen, 0.85 if demo else OPEN_AANDEEL_LANDELIJK, quotum
    )
    opties.melding(
        f"{len(org.gemeenten)} gemeenten, {sum(map(len, org.pools.values()))} "
        f"consulentplaatsen; {aantal} dossiers plannen..."
    )
    schrijver = Schrijver(batch=opties.batch)
    naspeler = maak_naspeler(org, stroom("naspelen"), vandaag) if demo else None
    aanbod = None if demo else Aanbod()
    verslag = Verslag()
    gedaan = 0
    for code in sorted(aantallen, key=lambda c: -aantallen[c]):
        rng = stroom(code)
        gemeente = org.gemeenten[code]
        adres = Adres(gemeente.naam, _POSTCODE.get(code, 10 + zlib.crc32(code.encode()) % 90))
        ontwerpen: list[DossierOntwerp] = []
        while len(ontwerpen) < aantallen[code]:
            ruimte = aantallen[code] - len(ontwerpen)
            ontwerpen.extend(_huishouden(rng, plaatser, bsns, adres, ruimte, vandaag, nu))
        wijs_toe(rng, ontwerpen, org.pools[code], org.vaste_caseload.get(code))
        # Landelijk: the learning route in bulk, from its own stream (the rest stays as it was).
        route = None
        if aanbod is not None:
            route = Gemeenteroute(aanbod, gemeente, stroom(f"route:{code}"), vandaag, nu)
        # Replayed: one transaction per gemeente (one commit instead of one per service call).
        with transaction.atomic() if naspeler else contextlib.nullcontext():
            _plaats_gemeente(ontwerpen, gemeente, schrijver, naspeler, verslag, route)
        schrijver.misschien_schrijven()
        gedaan += len(ontwerpen)
        if demo:
            opties.melding(
                f"  {gemeente.naam}: {len(ontwerpen)} dossiers nagespeeld via de services "
                f"({time.monotonic() - begin:.0f} s)"
            )
        if not demo and (gedaan // 10_000 != (gedaan - len(ontwerpen)) // 10_000):
            opties.melding(
                f"  {gedaan:>7} dossiers, {schrijver.aantallen['events']:>8} events "
                f"({time.monotonic() - begin:.0f} s)"
            )
    schrijver.schrijf()
    verslag.aantallen = dict(schrijver.aantallen, gemeenten=len(org.gemeenten))
    if naspeler is not None:
        verslag.aantallen.update(naspeler.aantallen)
        verslag.aantallen["inburgeraars"] = naspeler.aantallen["dossiers"]
        verslag.aantallen["events"] = DossierEvent.objects.filter(
            dossier__gemeente__in=org.gemeenten.values()
        ).count()
        verslag.geweigerd = dict(naspeler.geweigerd)
    verslag.seconden = time.monotonic() - begin
    return verslag


def _plaats_gemeente(ontwerpen, gemeente, schrijver, naspeler, verslag, route=None) -> None:
    """Write (bulk) or replay (services) the dossiers of one gemeente."""
    for ontwerp in ontwerpen:
        velden = projectie_van(ontwerp)
        sleutel = (velden["fase"], velden["doelgroep"])
        verslag.per_fase[sleutel] = verslag.per_fase.get(sleutel, 0) + 1
        if naspeler is None:
            if route is not None and ontwerp.regime == Regime.WI2021:
                # After the fold: the placement's facts do not change the projection.
                ontwerp.route = route.plan(ontwerp.events, velden["leerroute"])
            dossier = Dossier(uuid=ontwerp.uuid, gemeente=gemeente, regime=ontwerp.regime, **velden)
            schrijver.voeg_toe(ontwerp, dossier)
        else:
            naspeler.speel(ontwerp, gemeente)
    if naspeler is not None:
        schrijver.aantallen["gezinsrelaties"] += schrijf_relaties(ontwerpen)
    if route is not None:
        schrijver.tel("contracten", route.sluit())
        for profiel, aantal in route.profielen.items():
            verslag.profielen[profiel] = verslag.profielen.get(profiel, 0) + aantal


def _stromen(seed: int) -> Callable[[str], random.Random]:
    """Independent random streams per purpose, all derived from the seed."""
    return lambda naam: random.Random(f"{seed}:{naam}")


def verdeel_landelijk(aantal: int, rng: random.Random) -> dict[str, int]:
    """Dossiers per gemeente: DUO's 2023 counts where known (praktijk §5), otherwise population
    x a national rate with noise (cities somewhat above). Utrecht is pinned so that its gemeente
    view has ~UTRECHT_OPEN_DOEL open dossiers at 150K."""
    per_1000 = 3.5  # DUO counts per 1,000 inhabitants, roughly the national mean in 2023
    buch_inwoners = sum(PER_CODE[c].inwoners_k for c in BUCH)
    gewichten = {}
    for g in GEMEENTEN:
        if g.cbs_code in k.DUO_AANTALLEN_2023:
            gewichten[g.cbs_code] = float(k.DUO_AANTALLEN_2023[g.cbs_code])
        elif g.cbs_code in BUCH:
            gewichten[g.cbs_code] = k.BUCH_AANTAL_2023 * g.inwoners_k / buch_inwoners
        else:
            stad = 1.2 if g.inwoners_k >= 150 else 1.0
            ruis = rng.lognormvariate(0, 0.3)
            gewichten[g.cbs_code] = g.inwoners_k * per_1000 * stad * ruis
    utrecht = round(aantal * k.UTRECHT_OPEN_DOEL / OPEN_AANDEEL_LANDELIJK / 150_000)
    del gewichten[UTRECHT]
    aantallen = verdeel(aantal - utrecht, gewichten)
    aantallen[UTRECHT] = utrecht
    return {code: n for code, n in aantallen.items() if n > 0}


def _huishouden(
    rng: random.Random,
    plaatser,
    bsns: BsnPool,
    adres: Adres,
    ruimte: int,
    vandaag: dt.date,
    nu: dt.datetime,
) -> list[DossierOntwerp]:
    """One household: a person with a dossier, maybe a partner with a dossier, children."""
    hoofd = plaatser.hoofd(rng)
    doelgroep = hoofd.plan.doelgroep
    herkomst = kies_herkomst(rng, doelgroep)
    r = rng.random()
    if doelgroep == ASIEL:
        soort = "alleen" if r < 0.45 else "gezin" if r < 0.8 else "ouder" if r < 0.9 else "paar"
        man = rng.random() < {"alleen": 0.75, "ouder": 0.0}.get(soort, 0.6)
        partner_dossier = rng.random() < 0.6
    else:
        # Family migrants: mostly women joining a partner who already lives here.
        soort = "paar" if r < 0.35 else "gezin" if r < 0.75 else "alleen"
        man = rng.random() < (0.5 if soort == "alleen" else 0.35)
        partner_dossier = rng.random() < 0.05
    eerste = _ontwerp(
        rng, hoofd, herkomst, bsns, adres, vandaag, nu, Geslacht.MAN if man else Geslacht.VROUW
    )
    ontwerpen = [eerste]
    ik = eerste.persoon.inburgeraar
    gedeeld = herkomst.land in GEDEELDE_ACHTERNAAM
    vader = (ik.voornamen, ik.geslachtsnaam)
    if soort == "ouder":
        vader = (
            rng.choice(herkomst.mannen),
            ik.geslachtsnaam if gedeeld else rng.choice(herkomst.achternamen),
        )
    jongste = ik.geboortedatum
    if soort in ("gezin", "paar"):
        geslacht = Geslacht.VROUW if man else Geslacht.MAN
        achternaam = ik.geslachtsnaam if gedeeld else rng.choice(herkomst.achternamen)
        partner = plaatser.partner(rng, hoofd) if partner_dossier and ruimte > 1 else None
        if partner is not None:
            tweede = _ontwerp(
                rng, partner, herkomst, bsns, adres, vandaag, nu, geslacht, achternaam=achternaam
            )
            ontwerpen.append(tweede)
            zij = tweede.persoon.inburgeraar
            tweede.persoon.relaties.append(("partner", ik.naam, ik.geboortedatum, eerste.persoon))
            eerste.persoon.relaties.append(("partner", zij.naam, zij.geboortedatum, tweede.persoon))
            voornaam, geboren = zij.voornamen, zij.geboortedatum
        else:
            voornaam = rng.choice(herkomst.vrouwen if man else herkomst.mannen)
            geboren = ik.geboortedatum + dt.timedelta(days=rng.randint(-2500, 2500))
            eerste.persoon.relaties.append(("partner", f"{voornaam} {achternaam}", geboren, None))
        if not man:
            vader = (voornaam, achternaam)
        jongste = max(jongste, geboren)
    if soort in ("gezin", "ouder"):
        aantal = rng.choices([1, 2, 3, 4, 5], weights=[30, 32, 20, 12, 6])[0]
        for naam, geboren in kinderen(rng, herkomst, vader, jongste, hoofd.anker, vandaag, aantal):
            for ouder in ontwerpen:
                ouder.persoon.relaties.append(("kind", naam, geboren, None))
    return ontwerpen


def _ontwerp(
    rng: random.Random,
    geplaatst: Geplaatst,
    herkomst,
    bsns: BsnPool,
    adres: Adres,
    vandaag: dt.date,
    nu: dt.datetime,
    geslacht: str,
    achternaam: str | None = None,
) -> DossierOntwerp:
    plan = geplaatst.plan
    laag, hoog, modus = (
        (18, 27, 21)
        if plan.route == "onderwijs"
        else (18, 62, 27)
        if plan.doelgroep == ASIEL
        else (18, 55, 29)
    )
    geboren = geboortedatum(rng, geplaatst.anker, laag, hoog, modus)
    events = plaats(plan, geplaatst.anker, vandaag, nu, rng)
    gehuisvest = plan.doelgroep != ASIEL or any(e.soort == Soort.HUISVESTING for e in events)
    persoon = maak_persoon(
        rng,
        herkomst,
        bsn=bsns.volgende(),
        geslacht=geslacht,
        geboren=geboren,
        doelgroep=plan.doelgroep,
        adres=adres if gehuisvest else None,
        achternaam=achternaam,
    )
    return DossierOntwerp(
        persoon, geplaatst.regime, events, uuid=uuid.UUID(int=rng.getrandbits(128), version=4)
    )


def samenvatting(verslag: Verslag) -> list[str]:
    """Lines for the console: counts per phase and doelgroep."""
    fasen = sorted({f for f, _ in verslag.per_fase})
    regels = []
    for fase in fasen:
        asiel = verslag.per_fase.get((fase, ASIEL), 0)
        overig = sum(n for (f, d), n in verslag.per_fase.items() if f == fase and d != ASIEL)
        regels.append(f"  {fase:<22} asiel {asiel:>7}  gezin/overig {overig:>7}")
    return regels
