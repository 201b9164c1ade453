"""Demo data of financieel ontzorgen and maatschappelijke begeleiding, made through
`inburgering.ontzorgen.services` for replayed dossiers of asylum status holders in the demo
gemeenten, so the tab, the work queue and the timeline agree.

Per gemeente: the gemeente's policy and paying account, a budget manager and an MB
organisation (partners), and households in every state: running (toeslagen not yet received),
close to the end of the six months (afbouwgesprek), ended after six months, continued
voluntarily, one with a changed payee waiting for a second user; approved batches of the past
months (one payment refused by the bank) and the current month's batch waiting for approval.
The start of ontzorgen is the BRP registration (bijstand starts on the regeldag at housing).
Reproducible: no randomness, the order of the dossiers decides."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.db import transaction
from django.utils import timezone

from inburgering.accounts.models import Gebruiker, Gemeente, Rol
from inburgering.bsn import SYNTHETISCHE_BSNS
from inburgering.dossiers.models import Doelgroep, Dossier, Regime
from inburgering.ontzorgen import services
from inburgering.ontzorgen.models import (
    Begeleiding,
    Betaalbatch,
    Betaling,
    Ontzorgbeleid,
    Ontzorging,
)
from inburgering.partners.models import Betrokkenheid, Organisatie, Organisatiesoort
from inburgering.wet.kalender import plus_maanden
from inburgering.wet.voorzieningen import eerste_van_maand

from .gemeenten import DEMO_AANDEEL
from .tijdlijn import MB_ORGANISATIE

PER_STAAT = 3
MB_PER_GEMEENTE = 8
#: Valid (mod-97) Dutch IBANs of the demo payees; none is a real account holder's.
IBANS = {
    "gemeente": "NL20INGB0001234567",
    "huur": "NL91ABNA0417164300",
    "energie": "NL63TRIO0212345678",
    "water": "NL39RABO0300065264",
    "zorgverzekering": "NL22SNSB0912345678",
}
BEGUNSTIGDEN = {
    "huur": ("Woonstichting Demo", 62500),
    "energie": ("Energie Demo BV", 14500),
    "water": ("Waterbedrijf Demo", 2100),
    "zorgverzekering": ("Zorgverzekeraar Demo", 14800),
}


def _organisatie(soort: str, naam: str, gemeente: Gemeente) -> Organisatie:
    org, _nieuw = Organisatie.objects.get_or_create(naam=naam, soort=soort)
    org.gemeenten.add(gemeente)
    return org


def mb_organisatie(gemeente: Gemeente) -> Organisatie:
    """The demo's organisation for maatschappelijke begeleiding, working for `gemeente` (also
    used by the replay for old-law asylum status holders, demo/naspelen.py)."""
    return _organisatie(Organisatiesoort.BEGELEIDING, MB_ORGANISATIE, gemeente)


def _medewerkers(gemeente: Gemeente) -> list[Gebruiker]:
    return list(
        Gebruiker.objects.filter(
            gemeenten=gemeente, rol__in=[Rol.CONSULENT, Rol.TEAMLEIDER], is_active=True
        ).order_by("rol", "pk")[:2]
    )


def _kandidaten(gemeente: Gemeente, van: dt.date, tot: dt.date) -> list[Dossier]:
    return list(
        Dossier.objects.filter(
            gemeente=gemeente,
            inburgeraar__bsn__range=SYNTHETISCHE_BSNS,
            regime=Regime.WI2021,
            doelgroep=Doelgroep.ASIELSTATUSHOUDER,
            consulent__isnull=False,
            brp_inschrijving_datum__gte=van,
            brp_inschrijving_datum__lte=tot,
            ontzorging__isnull=True,
        )
        .select_related("gemeente", "consulent")
        .order_by("brp_inschrijving_datum", "pk")[:PER_STAAT]
    )


def _start(dossier: Dossier, budgetbeheer: Organisatie | None) -> Ontzorging | None:
    start = dossier.brp_inschrijving_datum
    assert start is not None
    try:
        ontzorging = services.start_ontzorgen(
            dossier,
            verblijfsgrond="asiel_bepaalde_tijd",
            recht_op_bijstand_vanaf=start,
            actor=dossier.consulent,
            budgetbeheerder=budgetbeheer,
        )
        for soort, (naam, bedrag) in BEGUNSTIGDEN.items():
            services.leg_last_vast(
                ontzorging,
                soort=soort,
                begunstigde=naam,
                iban=IBANS[soort],
                bedrag_cents=bedrag,
                kenmerk=f"{soort.upper()[:4]}-{dossier.pk}",
                vanaf=start,
                actor=dossier.consulent,
            )
    except services.OntzorgenFout:
        return None
    return ontzorging


def maak_ontzorgen(vandaag: dt.date | None = None) -> dict[str, int]:
    vandaag = vandaag or timezone.localdate()
    telling = {"ontzorgingen": 0, "batches": 0, "begeleidingen": 0}
    for volgnummer, gemeente in enumerate(
        Gemeente.objects.filter(cbs_code__in=list(DEMO_AANDEEL)).order_by("pk")
    ):
        medewerkers = _medewerkers(gemeente)
        if len(medewerkers) < 2:
            continue
        maker, keurder = medewerkers
        with transaction.atomic():
            Ontzorgbeleid.objects.get_or_create(
                gemeente=gemeente,
                defaults={"rekeninghouder": f"Gemeente {gemeente.naam}", "iban": IBANS["gemeente"]},
            )
            budget = _organisatie(Organisatiesoort.BUDGETBEHEER, "Budgetbeheer Demo", gemeente)
            mb_org = mb_organisatie(gemeente)
            # running (0-3 months), near the end (5 months), past the six months (8-11 months)
            lopend = _kandidaten(gemeente, plus_maanden(vandaag, -3), vandaag)
            bijna = _kandidaten(
                gemeente,
                plus_maanden(vandaag, -6) + dt.timedelta(days=10),
                plus_maanden(vandaag, -5),
            )
            voorbij = _kandidaten(gemeente, plus_maanden(vandaag, -11), plus_maanden(vandaag, -9))
            vrijwillig = _kandidaten(
                gemeente,
                plus_maanden(vandaag, -9) + dt.timedelta(days=1),
                plus_maanden(vandaag, -7),
            )
            gestart: list[Ontzorging] = []
            for nummer, dossier in enumerate(lopend + bijna + voorbij + vrijwillig):
                o = _start(dossier, budget if nummer % 3 == 0 else None)
                if o is not None:
                    gestart.append(o)
            for o in gestart:
                if o.dossier in bijna + voorbij + vrijwillig:
                    services.zet_toeslagen_ontvangen(
                        o, o.recht_op_bijstand_vanaf + dt.timedelta(weeks=6)
                    )
                if o.dossier in vrijwillig:
                    with contextlib.suppress(services.OntzorgenFout):
                        services.leg_vrijwillige_voortzetting_vast(
                            o, plus_maanden(vandaag, 2), o.dossier.consulent
                        )
            telling["ontzorgingen"] += len(gestart)
            # Approved batches of the past three months, then this month's batch to approve.
            for terug in (3, 2, 1):
                maand = eerste_van_maand(plus_maanden(vandaag, -terug))
                try:
                    batch = services.maak_batch(gemeente, maand, actor=maker, uitvoerdatum=maand)
                except services.OntzorgenFout:
                    continue
                services.keur_batch_goed(batch, keurder)
                telling["batches"] += 1
            geweigerd = (
                Betaling.objects.filter(batch__gemeente=gemeente, status="betaald", soort="energie")
                .order_by("-maand", "pk")
                .first()
            )
            if geweigerd is not None:
                services.registreer_weigering(geweigerd, "Rekeningnummer onbekend (AC01)", keurder)
            try:
                services.maak_batch(gemeente, vandaag, actor=maker)
                telling["batches"] += 1
            except services.OntzorgenFout:
                pass
            for o in gestart:
                if o.dossier in voorbij:
                    services.beeindig_ontzorgen(o, o.einde, o.dossier.consulent, "afbouwgesprek")
            # A changed payee waiting for a second user, made after this month's batch: that
            # batch can then only be withdrawn. Not in the first two gemeenten, whose batch
            # stays ready to approve.
            if lopend and volgnummer >= 2:
                last = Ontzorging.objects.get(dossier=lopend[0]).lasten.filter(soort="huur").first()
                if last is not None:
                    services.wijzig_last(
                        last,
                        begunstigde="Nieuwe verhuurder Demo",
                        iban=IBANS["water"],
                        bedrag_cents=last.bedrag_cents,
                        kenmerk=last.kenmerk,
                        vanaf=last.vanaf,
                        tot=None,
                        actor=maker,
                    )
            telling["begeleidingen"] += _begeleiding(gemeente, mb_org, vandaag)
    return telling


def _begeleiding(gemeente: Gemeente, organisatie: Organisatie, vandaag: dt.date) -> int:
    dossiers = (
        Dossier.objects.filter(
            gemeente=gemeente,
            inburgeraar__bsn__range=SYNTHETISCHE_BSNS,
            doelgroep=Doelgroep.ASIELSTATUSHOUDER,
            consulent__isnull=False,
            brp_inschrijving_datum__isnull=False,
            begeleiding__isnull=True,
            brp_inschrijving_datum__lte=vandaag - dt.timedelta(days=14),
        )
        .select_related("consulent")
        .order_by("-brp_inschrijving_datum", "pk")[:MB_PER_GEMEENTE]
    )
    aantal = 0
    for nummer, dossier in enumerate(dossiers):
        try:
            mb = services.start_begeleiding(
                dossier,
                organisatie=organisatie,
                begeleider=f"Begeleider {nummer + 1}",
                aanvang=None,
                pvt=nummer % 2 == 0,
                map_=nummer % 3 == 0,
                actor=dossier.consulent,
            )
            services.noteer(
                mb,
                datum=min(vandaag, mb.aanvang + dt.timedelta(days=7)),
                soort="contact",
                tekst="Kennismaking thuis; post en DigiD besproken.",
                door=dossier.consulent,
                namens_begeleider=True,
            )
        except services.OntzorgenFout:
            continue
        aantal += 1
    return aantal


def verwijder(dossiers) -> None:
    """Remove the ontzorgen and MB records of these (synthetic) dossiers, before they go."""
    Betaling.objects.filter(ontzorging__dossier__in=dossiers).delete()
    Betaalbatch.objects.filter(betalingen__isnull=True).delete()
    for o in Ontzorging.objects.filter(dossier__in=dossiers):
        o.lasten.all().delete()
    Ontzorging.objects.filter(dossier__in=dossiers).delete()
    Begeleiding.objects.filter(dossier__in=dossiers).delete()
    Betrokkenheid.objects.filter(dossier__in=dossiers).delete()
    Organisatie.objects.filter(
        naam__in=["Budgetbeheer Demo", "Begeleiding Demo"], betrokkenheden__isnull=True
    ).delete()
