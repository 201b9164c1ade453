"""Demo data of the learning route: providers with locations, products and a file layout,
contracts for the demo gemeenten, and (through the traject services) placements with monthly
hours for generated dossiers whose PIP is vastgesteld; some wait longer than the norm, some
are absent more than the norm allows; one signed PVT, one MAP halfway and bridging activities
beside a Z-route (participation hours for DUO) per gemeente.

Called once from the demo command after the dossiers exist (`maak_route()`); `verwijder()` is
called by `opslag.verwijder_demodata` before the dossiers go. Reproducible: no randomness, the
choices follow the order of the dossiers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from inburgering.accounts.models import Gemeente
from inburgering.bsn import SYNTHETISCHE_BSNS
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.workflow import Fase
from inburgering.koppelingen.models import UitgaandBericht
from inburgering.traject import services, uren
from inburgering.traject.models import (
    LEERROUTE_PRODUCT,
    Aanbieder,
    Bestandsindeling,
    Contract,
    Keurmerk,
    Locatie,
    Plaatsing,
    Product,
    Uren,
)

from .gemeenten import DEMO_AANDEEL

#: (name, KvK, DUO institution number (the simulator knows the first two), quality mark, place,
#: products as (kind, name, hours a week, weeks)).
AANBIEDERS = [
    (
        "Taalhuis Voorbeeld",
        "90000001",
        "0000012345",
        Keurmerk.BLIK_OP_WERK,
        "Utrecht",
        [
            ("b1", "B1-route dagprogramma", 12, 104),
            ("z", "Z-route met participatie", 10, 104),
            ("knm", "KNM-cursus", 3, 12),
        ],
    ),
    (
        "ROC Taalschakel",
        "90000002",
        "0000067890",
        Keurmerk.BEIDE,
        "Deventer",
        [
            ("onderwijs", "Taalschakeltraject", 20, 52),
            ("b1", "B1-route avondprogramma", 8, 104),
        ],
    ),
    (
        "Stichting Meedoen",
        "90000003",
        "",
        Keurmerk.GEEN,
        "Heiloo",
        [
            ("pvt", "Participatieverklaringstraject", 3, 6),
            ("map", "MAP-werkplaats", 4, 12),
            ("overbrugging", "Taalcafé (overbrugging)", 4, 26),
        ],
    ),
]
PER_GEMEENTE = 8


def _eerste_van_maand(d: dt.date, terug: int = 0) -> dt.date:
    d = d.replace(day=1)
    for _ in range(terug):
        d = (d - dt.timedelta(days=1)).replace(day=1)
    return d


def _aanbieders() -> list[Aanbieder]:
    uit = []
    for naam, kvk, nummer, keurmerk, plaats, producten in AANBIEDERS:
        aanbieder = Aanbieder.objects.filter(kvk_nummer=kvk).first()
        if aanbieder is None:
            aanbieder = services.bewaar(
                Aanbieder(naam=naam, kvk_nummer=kvk, instellingsnummer=nummer, keurmerk=keurmerk)
            )
            locatie = services.bewaar(
                Locatie(
                    aanbieder=aanbieder,
                    naam=f"{naam} {plaats}",
                    adres="Stationsplein 1",
                    postcode="1234 AB",
                    plaats=plaats,
                )
            )
            for soort, productnaam, per_week, weken in producten:
                services.bewaar(
                    Product(
                        aanbieder=aanbieder,
                        soort=soort,
                        naam=productnaam,
                        locatie=locatie,
                        uren_per_week=per_week,
                        duur_weken=weken,
                    )
                )
            services.bewaar(
                Bestandsindeling(
                    aanbieder=aanbieder,
                    naam="Maandstaat",
                    kolom_bsn="BSN",
                    kolom_begin="Van",
                    kolom_einde="Tot",
                    kolom_aangeboden="Aangeboden",
                    kolom_aanwezig="Aanwezig",
                    kolom_correctie="Correctie",
                    periodesoort="maand",
                )
            )
        uit.append(aanbieder)
    return uit


def _contracten(gemeente: Gemeente, aanbieders, vandaag: dt.date) -> dict[str, Contract]:
    per_soort: dict[str, Contract] = {}
    starts = [_eerste_van_maand(vandaag, -i) for i in (-1, -3, -5)]  # three coming months
    for aanbieder in aanbieders:
        for product in aanbieder.producten.order_by("pk"):
            kenmerk = f"DEMO-{gemeente.cbs_code}-{product.pk}"
            contract = Contract.objects.filter(gemeente=gemeente, kenmerk=kenmerk).first()
            if contract is None:
                contract = services.bewaar(
                    Contract(
                        gemeente=gemeente,
                        product=product,
                        kenmerk=kenmerk,
                        begin=vandaag - dt.timedelta(days=730),
                        einde=vandaag + dt.timedelta(days=365),
                        prijs_per_uur=Decimal("14.50")
                        if product.soort in LEERROUTE_PRODUCT.values()
                        else None,
                        prijs_per_product=None
                        if product.soort in LEERROUTE_PRODUCT.values()
                        else Decimal("650.00"),
                        capaciteit=40,
                        startmomenten=[d.isoformat() for d in starts],
                        max_wachttijd_weken=8 if gemeente.cbs_code != "0450" else 12,
                    )
                )
            per_soort.setdefault(product.soort, contract)
    return per_soort


def _plaats(dossier: Dossier, contract: Contract, nummer: int, vandaag: dt.date) -> int:
    """Place one dossier; returns the number of hour periods recorded. Patterns by `nummer`:
    0 waiting longer than the norm, 1 waiting within it, 2 started with absence, the rest
    started and attending."""
    actor = dossier.consulent
    dagtekening = services.pip_dagtekening(dossier) or vandaag
    if nummer == 0:
        aanmelding = max(dagtekening, vandaag - dt.timedelta(days=100))
    elif nummer == 1:
        aanmelding = max(dagtekening, vandaag - dt.timedelta(days=10))
    else:
        aanmelding = max(dagtekening, vandaag - dt.timedelta(days=200))
    plaatsing = services.plaats(dossier, contract, aangemeld_op=aanmelding, actor=actor)
    if nummer <= 1:
        return 0
    start = min(aanmelding + dt.timedelta(days=21), vandaag)
    plaatsing = services.wijzig_status(plaatsing, "gestart", datum=start, actor=actor)
    per_week = plaatsing.uren_per_week or 12
    perioden = 0
    maand = _eerste_van_maand(start)
    while maand <= vandaag:
        einde = uren.periode("maand", maand)[1]
        if einde >= vandaag:  # the running month: the provider reports it next month
            break
        aangeboden = Decimal(per_week * 4)
        recent = (vandaag - einde).days < 45
        deel = Decimal("0.55") if nummer == 2 and recent else Decimal("0.9")
        uren.registreer_uren(
            plaatsing,
            periodesoort="maand",
            periode_begin=maand,
            aangeboden=aangeboden,
            aanwezig=(aangeboden * deel).quantize(Decimal("1")),
            actor=actor,
        )
        perioden += 1
        maand = uren.periode("maand", einde + dt.timedelta(days=1))[0]
    return perioden


def _maanden_uren(plaatsing: Plaatsing, vandaag: dt.date, per_maand: int, tot: int) -> int:
    """Monthly hours for a started placement, at most `tot` months, never the running one."""
    perioden = 0
    maand = _eerste_van_maand(plaatsing.gestart_op)
    while perioden < tot:
        einde = uren.periode("maand", maand)[1]
        if einde >= vandaag:
            break
        uren.registreer_uren(
            plaatsing,
            periodesoort="maand",
            periode_begin=maand,
            aangeboden=Decimal(per_maand),
            aanwezig=Decimal(per_maand),
            actor=plaatsing.dossier.consulent,
        )
        perioden += 1
        maand = uren.periode("maand", einde + dt.timedelta(days=1))[0]
    return perioden


def _naast(dossier: Dossier, contract: Contract, nummer: int, vandaag: dt.date) -> int:
    """Beside the learning route: the PVT signed and the MAP halfway (pattern 2), and for a
    Z-route a bridging activity whose hours count as participation (Besluit 3.14 lid 2)."""
    actor = dossier.consulent
    aanmelding = max(services.pip_dagtekening(dossier) or vandaag, vandaag - dt.timedelta(150))
    start = aanmelding + dt.timedelta(days=14)
    if start >= vandaag:
        return 0
    plaatsing = services.plaats(dossier, contract, aangemeld_op=aanmelding, actor=actor)
    plaatsing = services.wijzig_status(plaatsing, "gestart", datum=start, actor=actor)
    soort = contract.product.soort
    if soort == "pvt":
        perioden = _maanden_uren(plaatsing, vandaag, 7, 2)
        if perioden == 2:  # 14 hours: the activity, then the signing (delivered to DUO)
            klaar = uren.periode("maand", _eerste_van_maand(start, -1))[1] + dt.timedelta(1)
            services.registreer_onderdelen(
                plaatsing, kernwaarden_activiteit_op=klaar, ondertekend_op=klaar, actor=actor
            )
            services.wijzig_status(plaatsing, "afgerond", datum=klaar, actor=actor)
        return perioden
    if soort == "map":
        services.registreer_onderdelen(plaatsing, map_themas=["a", "b", "c", "d"], actor=actor)
        return _maanden_uren(plaatsing, vandaag, 16, 3)
    return _maanden_uren(plaatsing, vandaag, 40, 4)  # bridging activity of the Z-route


def maak_route(vandaag: dt.date | None = None) -> dict[str, int]:
    """Providers, contracts, placements and hours for the demo gemeenten (idempotent for the
    providers and contracts; placements only for dossiers without one)."""
    vandaag = vandaag or timezone.localdate()
    telling = {"aanbieders": 0, "contracten": 0, "plaatsingen": 0, "urenperioden": 0}
    with transaction.atomic():
        aanbieders = _aanbieders()
        telling["aanbieders"] = len(aanbieders)
        for gemeente in Gemeente.objects.filter(cbs_code__in=list(DEMO_AANDEEL)).order_by("pk"):
            contracten = _contracten(gemeente, aanbieders, vandaag)
            telling["contracten"] += len(contracten)
            dossiers = (
                Dossier.objects.filter(
                    gemeente=gemeente,
                    inburgeraar__bsn__range=SYNTHETISCHE_BSNS,
                    fase__in=[Fase.PIP_VASTGESTELD, Fase.WACHT_OP_START, Fase.IN_LEERROUTE],
                    pip_dagtekening__isnull=False,
                    consulent__isnull=False,
                    plaatsingen=None,
                )
                .select_related("gemeente", "inburgeraar")
                .order_by("pip_dagtekening", "pk")[:PER_GEMEENTE]
            )
            for nummer, dossier in enumerate(dossiers):
                soort = LEERROUTE_PRODUCT.get(dossier.leerroute)
                contract = contracten.get(soort.value if soort else "b1") or contracten["b1"]
                try:
                    telling["urenperioden"] += _plaats(dossier, contract, nummer, vandaag)
                except services.TrajectFout:
                    continue  # e.g. a PIP dated today with a start in the future
                telling["plaatsingen"] += 1
                naast = ["pvt", "map"] if nummer == 2 else []
                if contract.product.soort == "z" and nummer >= 2:
                    naast = ["overbrugging", *naast]
                for soort in naast:
                    try:
                        telling["urenperioden"] += _naast(
                            dossier, contracten[soort], nummer, vandaag
                        )
                    except services.TrajectFout:
                        continue
                    telling["plaatsingen"] += 1
    return telling


def verwijder(dossiers) -> None:
    """Remove the route records of these (synthetic) dossiers, before the dossiers go, and the
    demo providers and contracts (whatever was placed on them in the demo goes with them)."""
    contracten = Contract.objects.filter(kenmerk__startswith="DEMO-")
    demo = Plaatsing.objects.filter(Q(dossier__in=dossiers) | Q(contract__in=contracten))
    Uren.objects.filter(plaatsing__in=demo).delete()
    demo.delete()
    UitgaandBericht.objects.filter(dossier__in=dossiers).delete()
    contracten.delete()
    Aanbieder.objects.filter(kvk_nummer__in=[a[1] for a in AANBIEDERS]).delete()
