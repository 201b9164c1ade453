"""The learning route of the landelijk profile, written in bulk (like the rest of that
profile): course providers, contracts per gemeente, a placement for every dossier whose
timeline has an aanmelding or start of its route, and monthly hours for the last 12 months.

The placement follows the timeline: aangemeld on the `AANGEMELD_LEERROUTE` day (or the start
day when the school reported the start without one), gestart on the `LEERROUTE_GESTART` day,
and at the closure of the dossier afgerond (voldaan), uitgevallen (any other reason) or, when
the route never started, geannuleerd. Every step is a `PLAATSING` fact with the payload
`traject.services._stap` writes, placed just before the phase event the service writes with
it, and the timeline's `cursusinstelling` becomes the provider's name. The facts do not move
the phase, so the projection stays the fold of the events. `wachten_uiterlijk` and
`verzuimsignaal` are what the services store (the signal from the rules package).

Hours: a report per calendar month from the start (at most 12 months back) to the end or the
running month (hours so far); most people attend 82-100%, some drop below the 80% norm in the
last months, some vary, and the running month is missing for some (not yet reported).
No DUO deliveries are queued (the outbox stays empty, as for the rest of the bulk load)."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from inburgering import wet
from inburgering.accounts.models import Gemeente
from inburgering.dossiers.models import Bron
from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.traject.models import (
    LOPEND,
    Aanbieder,
    Bestandsindeling,
    Contract,
    Keurmerk,
    Locatie,
    Plaatsing,
    PlaatsingStatus,
    Product,
    Uren,
)

from .tijdlijn import SCHOLEN, Ev

S = PlaatsingStatus
#: KvK numbers of the generated providers: 91000001 and on (one per name in `SCHOLEN`).
KVK_BASIS = 91_000_000
#: Contract kenmerk prefix of the generated contracts (the reset removes them by it).
KENMERK = "LANDELIJK-"
#: The products every provider offers: (kind, name, hours a week, weeks).
PRODUCTEN = [
    ("b1", "B1-route", 12, 104),
    ("onderwijs", "Taalschakeltraject", 20, 52),
    ("z", "Z-route", 10, 104),
]
#: Maximum waiting time in weeks a gemeente agrees with its providers (drawn per gemeente).
NORMEN_WEKEN = (6, 8, 8, 10, 12)
#: Attendance profiles with their weights: steady, absent in the last two months, varying.
PROFIELEN = {"goed": 80, "verzuim": 12, "wisselend": 8}
#: Share of running placements whose running month is not reported yet.
NIET_GEMELD = 0.12
MAANDEN = 12
_ANKERS = {Soort.AANGEMELD_LEERROUTE, Soort.LEERROUTE_GESTART, Soort.DOSSIER_AFGESLOTEN}
_PROFIEL_NAMEN, _PROFIEL_GEWICHTEN = list(PROFIELEN), list(PROFIELEN.values())
_UREN_KOLOMMEN = (
    "plaatsing_id",
    "periodesoort",
    "periode_begin",
    "periode_einde",
    "aangeboden",
    "aanwezig",
    "correctie",
    "bron",
    "ingevoerd_door_id",
    "ingevoerd_op",
)


def _maand_terug(d: dt.date, n: int) -> dt.date:
    jaar, maand = divmod(d.year * 12 + d.month - 1 - n, 12)
    return dt.date(jaar, maand + 1, 1)


class Aanbod:
    """The providers (shared by all gemeenten) with a location, the three route products and
    a monthly file layout each; created once per load."""

    def __init__(self) -> None:
        self.aanbieders: list[Aanbieder] = []
        self.producten: dict[tuple[int, str], Product] = {}
        for i, naam in enumerate(SCHOLEN):
            kvk = str(KVK_BASIS + i + 1)
            aanbieder = Aanbieder.objects.filter(kvk_nummer=kvk).first()
            if aanbieder is None:
                aanbieder = self._maak(i, naam, kvk)
            self.aanbieders.append(aanbieder)
            for product in aanbieder.producten.all():
                self.producten[(i, product.soort)] = product

    @staticmethod
    def maanden(vandaag: dt.date, nu: dt.datetime) -> list[tuple[dt.date, dt.date, dt.datetime]]:
        """The last `MAANDEN` calendar months up to the running one: first and last day, and
        the moment the provider's report of it comes in (before a few days' delay)."""
        uit = []
        for n in range(MAANDEN - 1, -1, -1):
            begin = _maand_terug(vandaag, n)
            einde = _maand_terug(begin, -1) - dt.timedelta(days=1)
            uit.append((begin, einde, dt.datetime.combine(einde, dt.time(10), tzinfo=nu.tzinfo)))
        return uit

    @staticmethod
    def _maak(i: int, naam: str, kvk: str) -> Aanbieder:
        keurmerk = [Keurmerk.BLIK_OP_WERK, Keurmerk.BEIDE, Keurmerk.TAALSCHAKEL][i % 3]
        aanbieder = Aanbieder.objects.create(
            naam=naam,
            kvk_nummer=kvk,
            instellingsnummer=f"{7_000_000 + i + 1:010d}",
            keurmerk=keurmerk,
        )
        locatie = Locatie.objects.create(
            aanbieder=aanbieder,
            naam=f"{naam} hoofdlocatie",
            adres="Stationsplein 1",
            postcode=f"{3500 + i} AB",
            plaats="Utrecht",
        )
        Product.objects.bulk_create(
            Product(
                aanbieder=aanbieder,
                soort=soort,
                naam=productnaam,
                locatie=locatie,
                uren_per_week=per_week,
                duur_weken=weken,
            )
            for soort, productnaam, per_week, weken in PRODUCTEN
        )
        Bestandsindeling.objects.create(
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
        return aanbieder


@dataclass
class Routeplan:
    """One dossier's placement (saved after its dossier) and its hours per month."""

    plaatsing: Plaatsing
    facts: list[Ev]
    uren: list[tuple[dt.date, dt.date, int, int, dt.datetime]] = field(default_factory=list)
    profiel: str = ""


class Gemeenteroute:
    """The route of one gemeente: two or three of the providers, contracts per two-year
    period, and a plan per dossier."""

    def __init__(
        self,
        aanbod: Aanbod,
        gemeente: Gemeente,
        rng: random.Random,
        vandaag: dt.date,
        nu: dt.datetime,
    ) -> None:
        self.aanbod, self.gemeente, self.rng = aanbod, gemeente, rng
        self.vandaag, self.nu = vandaag, nu
        self.keuze = rng.sample(range(len(aanbod.aanbieders)), rng.choice([2, 3, 3]))
        self.norm = rng.choice(NORMEN_WEKEN)
        self.contracten: dict[tuple[int, str, int], Contract] = {}
        self.starts: dict[tuple[int, str, int], list[dt.date]] = {}
        self.maanden = aanbod.maanden(vandaag, nu)
        self.bezet: Counter[tuple[int, str, int]] = Counter()
        self.profielen: Counter[str] = Counter()

    def _contract(self, aanbieder: int, soort: str, op: dt.date) -> tuple[Contract, list[dt.date]]:
        jaar = op.year - op.year % 2
        sleutel = (aanbieder, soort, jaar)
        if sleutel not in self.contracten:
            begin, einde = dt.date(jaar, 1, 1), dt.date(jaar + 1, 12, 31)
            # a start every other month
            starts = [dt.date(jaar + m // 12, m % 12 + 1, 1) for m in range(0, 24, 2)]
            self.starts[sleutel] = starts
            self.contracten[sleutel] = Contract(
                gemeente=self.gemeente,
                product=self.aanbod.producten[(aanbieder, soort)],
                kenmerk=f"{KENMERK}{jaar}-{aanbieder + 1:02d}-{soort}",
                begin=begin,
                einde=einde,
                prijs_per_uur=Decimal("14.50") + Decimal(aanbieder) / 4,
                capaciteit=1,
                startmomenten=[d.isoformat() for d in starts],
                max_wachttijd_weken=self.norm,
            )
        return self.contracten[sleutel], self.starts[sleutel]

    def plan(self, events: list[Ev], leerroute: str) -> Routeplan | None:
        """The placement of one dossier from its placed events (which get the facts)."""
        eerst: dict[str, Ev] = {}
        wissels: list[tuple[dt.date, int | None]] = []  # (from, consulent)
        for e in events:
            if e.soort in _ANKERS:
                eerst.setdefault(e.soort, e)
            elif e.soort == Soort.CONSULENT_TOEGEWEZEN and e.datum is not None:
                wissels.append((e.datum, e.gegevens.get("consulent_id")))
        aanmelding = eerst.get(Soort.AANGEMELD_LEERROUTE)
        start = eerst.get(Soort.LEERROUTE_GESTART)
        afsluiting = eerst.get(Soort.DOSSIER_AFGESLOTEN)
        eerste = aanmelding or start
        if eerste is None:
            return None
        assert eerste.datum is not None
        rng = self.rng
        aanbieder_nr = rng.choice(self.keuze)
        contract, starts = self._contract(aanbieder_nr, leerroute or "b1", eerste.datum)
        product = contract.product
        naam = self.aanbod.aanbieders[aanbieder_nr].naam
        for e in events:
            if e.soort in (Soort.AANGEMELD_LEERROUTE, Soort.LEERROUTE_GESTART):
                e.gegevens = {**e.gegevens, "cursusinstelling": naam}
        volgende = next((d for d in starts if d >= eerste.datum), None)
        p = Plaatsing(
            contract=contract,
            status=S.AANGEMELD,
            aangemeld_op=eerste.datum,
            verwachte_start=volgende,
            verwacht_einde=volgende + dt.timedelta(weeks=product.duur_weken) if volgende else None,
            uren_per_week=product.uren_per_week,
            wachten_uiterlijk=eerste.datum + dt.timedelta(weeks=self.norm),
            aangemeld_door_id=_consulent_op(wissels, eerste.datum),
        )
        stappen: list[tuple[str, dt.date, Ev | None]] = [(S.AANGEMELD, eerste.datum, eerste)]
        einde_wacht = start.datum if start else (afsluiting.datum if afsluiting else self.vandaag)
        assert einde_wacht is not None
        wacht = (einde_wacht - eerste.datum).days
        if wacht >= 14 and rng.random() < 0.5:
            p.intake_op = eerste.datum + dt.timedelta(days=rng.randint(7, min(wacht - 1, 42)))
            p.status = S.INTAKE
            stappen.append((S.INTAKE, p.intake_op, None))
        if start is not None:
            p.gestart_op, p.status = start.datum, S.GESTART
            stappen.append((S.GESTART, start.datum, start))
        if afsluiting is not None:
            assert afsluiting.datum is not None
            reden = afsluiting.gegevens.get("reden", "")
            if reden == Afsluitreden.VERHUISD:
                p.status = S.VERHUISD  # as `traject.services.beeindig_bij_verhuizing` does
            elif p.status == S.GESTART:
                p.status = S.AFGEROND if reden == Afsluitreden.VOLDAAN else S.UITGEVALLEN
            else:
                p.status = S.GEANNULEERD
            if p.status not in (S.AFGEROND, S.VERHUISD):
                p.reden = str(Afsluitreden(reden).label) if reden in Afsluitreden.values else "-"
            p.beeindigd_op = afsluiting.datum
            stappen.append((p.status, afsluiting.datum, afsluiting))
        plan = Routeplan(p, [])
        for status, datum, anker in stappen:
            actor = _consulent_op(wissels, datum)
            plan.facts.append(self._feit(events, p, status, datum, anker, naam, actor))
        if p.status in LOPEND:
            self.bezet[(aanbieder_nr, leerroute or "b1", contract.begin.year)] += 1
        if p.gestart_op:
            self._uren(plan)
        return plan

    def _feit(self, events, p: Plaatsing, status, datum, anker: Ev | None, naam, actor) -> Ev:
        """The `PLAATSING` fact as `services._stap` writes it; placed just before its anchor
        (the phase event of the same step), otherwise at the end of the day."""
        gegevens: dict = {
            "plaatsing": 0,  # the placement's pk, set when it is saved
            "status": str(status),
            "product": p.contract.product.naam,
            "aanbieder": naam,
        }
        if p.reden and status == p.status:
            gegevens["reden"] = p.reden
        if anker is not None and anker.geregistreerd_op is not None:
            geregistreerd = anker.geregistreerd_op
        else:
            moment = dt.datetime.combine(datum, dt.time(9), tzinfo=self.nu.tzinfo)
            geregistreerd = min(moment + dt.timedelta(minutes=self.rng.randint(0, 480)), self.nu)
        feit = Ev(
            Soort.PLAATSING,
            anker.dag if anker else 0,
            Bron.GEBRUIKER,
            gegevens,
            datum=datum,
            geregistreerd_op=geregistreerd,
            actor_id=actor,
        )
        if anker is not None:
            plek = next(i for i, e in enumerate(events) if e is anker)
        else:
            plek = _einde_van_dag(events, datum)
        events.insert(plek, feit)
        return feit

    def _uren(self, plan: Routeplan) -> None:
        p, rng = plan.plaatsing, self.rng
        assert p.gestart_op is not None and p.uren_per_week is not None
        tot = p.beeindigd_op or self.vandaag
        profiel = rng.choices(_PROFIEL_NAMEN, weights=_PROFIEL_GEWICHTEN)[0]
        laatste = tot
        if p.status == S.GESTART and rng.random() < NIET_GEMELD:
            laatste = self.maanden[-1][0] - dt.timedelta(days=1)  # running month not reported
        venster = tot - dt.timedelta(days=27)
        perioden = []
        for begin, einde, gemeld in self.maanden:
            if einde < p.gestart_op:
                continue
            if begin > laatste:
                break
            dagen = (min(einde, tot) - max(begin, p.gestart_op)).days + 1
            aangeboden = round(p.uren_per_week * dagen / 7)
            if not aangeboden:
                continue
            if profiel == "verzuim" and (self.vandaag - einde).days < 45:
                deel = rng.uniform(0.35, 0.72)
            elif profiel == "wisselend":
                deel = rng.uniform(0.6, 0.98)
            else:
                deel = rng.uniform(0.82, 1.0)
            aanwezig = round(aangeboden * deel)
            moment = min(gemeld + dt.timedelta(days=rng.randint(2, 10)), self.nu)
            plan.uren.append((begin, einde, aangeboden, aanwezig, moment))
            if einde >= venster:
                perioden.append(
                    wet.Urenperiode(begin, einde, Decimal(aangeboden), Decimal(aanwezig))
                )
        # What `uren.werk_verzuim_bij` stores at the last entry (the gemeente's default norm;
        # only the periods in the rule's four-week window count).
        peil = min(tot, self.vandaag)
        p.verzuimsignaal = wet.verzuimsignaal(perioden, peildatum=peil, norm_procent=80).waarde
        plan.profiel = profiel
        self.profielen[profiel] += 1

    def sluit(self) -> int:
        """Capacity: the running placements with room to spare. The contracts are saved with
        the first batch of placements that needs them (`schrijf_plaatsingen`)."""
        for sleutel, contract in self.contracten.items():
            contract.capaciteit = max(10, round(self.bezet[sleutel] * 1.25) + 5)
        return len(self.contracten)


def _consulent_op(wissels: list[tuple[dt.date, int | None]], datum: dt.date) -> int | None:
    """The consulent assigned on `datum` (who takes the step in the services)."""
    consulent = None
    for vanaf, wie in wissels:
        if vanaf > datum:
            break
        consulent = wie
    return consulent


def _einde_van_dag(events: list[Ev], datum: dt.date) -> int:
    for i, e in enumerate(events):
        if e.datum is not None and e.datum > datum:
            return i
    return len(events)


def schrijf_plaatsingen(plannen: list[tuple[int, Routeplan]], batch: int, copy: bool) -> int:
    """Save the placements of written dossiers (and first the contracts they are the first to
    use), and give their facts the pk. PostgreSQL: ids from the sequence, then COPY."""
    nieuw = {id(p.plaatsing.contract): p.plaatsing.contract for _, p in plannen}
    Contract.objects.bulk_create([c for c in nieuw.values() if c.pk is None], batch_size=batch)
    plaatsingen = [p.plaatsing for _, p in plannen]
    for (dossier_id, _plan), plaatsing in zip(plannen, plaatsingen, strict=True):
        plaatsing.dossier_id = dossier_id
        plaatsing.contract_id = plaatsing.contract.pk
    if copy:
        _copy_plaatsingen(plaatsingen)
    else:
        Plaatsing.objects.bulk_create(plaatsingen, batch_size=batch)
    for _, plan in plannen:
        for feit in plan.facts:
            feit.gegevens["plaatsing"] = plan.plaatsing.pk
    return len(plannen)


_PLAATSING_KOLOMMEN = (
    "id",
    "dossier_id",
    "contract_id",
    "status",
    "aangemeld_op",
    "verwachte_start",
    "verwacht_einde",
    "intake_op",
    "gestart_op",
    "beeindigd_op",
    "reden",
    "uren_per_week",
    "wachten_uiterlijk",
    "verzuimsignaal",
    "aangemeld_door_id",
    "bijgewerkt_op",
    "map_themas",
)


def _copy_plaatsingen(plaatsingen: list[Plaatsing]) -> None:
    tabel = Plaatsing._meta.db_table
    nu = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [tabel, len(plaatsingen)],
        )
        for plaatsing, (pk,) in zip(plaatsingen, cursor.fetchall(), strict=True):
            plaatsing.pk = pk
        sql = f"COPY {tabel} ({', '.join(_PLAATSING_KOLOMMEN)}) FROM STDIN"
        with cursor.cursor.copy(sql) as kopie:
            for p in plaatsingen:
                kopie.write_row(
                    (
                        p.pk,
                        p.dossier_id,
                        p.contract_id,
                        p.status,
                        p.aangemeld_op,
                        p.verwachte_start,
                        p.verwacht_einde,
                        p.intake_op,
                        p.gestart_op,
                        p.beeindigd_op,
                        p.reden,
                        p.uren_per_week,
                        p.wachten_uiterlijk,
                        p.verzuimsignaal,
                        p.aangemeld_door_id,
                        nu,
                        json.dumps(p.map_themas or []),
                    )
                )


def schrijf_uren(plannen: list[tuple[int, Routeplan]], batch: int, copy: bool) -> int:
    rijen = [
        (
            plan.plaatsing.pk,
            "maand",
            begin,
            einde,
            aangeboden,
            aanwezig,
            False,
            Uren.Bron.BESTAND,
            plan.plaatsing.aangemeld_door_id,
            gemeld,
        )
        for _, plan in plannen
        for begin, einde, aangeboden, aanwezig, gemeld in plan.uren
    ]
    if copy:
        sql = f"COPY {Uren._meta.db_table} ({', '.join(_UREN_KOLOMMEN)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as kopie:
            for rij in rijen:
                kopie.write_row(rij)
    else:
        objecten = [
            Uren(
                **dict(
                    zip(
                        _UREN_KOLOMMEN,
                        (*rij[:4], Decimal(rij[4]), Decimal(rij[5]), *rij[6:]),
                        strict=True,
                    )
                )
            )
            for rij in rijen
        ]
        Uren.objects.bulk_create(objecten, batch_size=batch)
        # `ingevoerd_op` is auto_now_add: set the report moments afterwards (tests, SQLite).
        for obj, rij in zip(objecten, rijen, strict=True):
            obj.ingevoerd_op = rij[-1]
        Uren.objects.bulk_update(objecten, ["ingevoerd_op"], batch_size=batch)
    return len(rijen)


def verwijder() -> None:
    """The generated contracts and providers (after the placements of synthetic dossiers)."""
    Contract.objects.filter(kenmerk__startswith=KENMERK).delete()
    kvk = [str(KVK_BASIS + i + 1) for i in range(len(SCHOLEN))]
    Aanbieder.objects.filter(kvk_nummer__in=kvk).exclude(
        producten__contracten__isnull=False
    ).delete()
