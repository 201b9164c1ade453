"""Demo data of the fine procedure: for a few generated dossiers per demo gemeente a fine case
in each state (signaal, individueel beoordeeld, voornemen with the zienswijze term running or
passed, zienswijze, boete opgelegd, geen boete under Wi art. 27, bezwaar deels gegrond,
overgedragen voor invordering, betaald, kwijtgescholden), made through the handhaving
services, so the tab, the letters and the timeline agree.

Called once from the demo command after the exams (`maak_handhaving()`); `verwijder()` is
called by `opslag.verwijder_demodata` before the dossiers go. Reproducible: no randomness, the
states follow the order of the dossiers."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from inburgering.accounts.models import Gemeente
from inburgering.brieven.services import heeft_postadres
from inburgering.bsn import SYNTHETISCHE_BSNS
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.workflow import Fase
from inburgering.handhaving import services
from inburgering.handhaving.models import Handhavingszaak

from .gemeenten import DEMO_AANDEEL

#: The end state of each demo case, in the order the dossiers are taken.
TOESTANDEN = (
    "signaal",
    "beoordeeld",
    "voornemen_lopend",
    "voornemen_verstreken",
    "zienswijze",
    "beschikt",
    "geen_boete_art27",
    "heroverwogen",
    "overgedragen",
    "betaald",
    "kwijtgescholden",
)

FEITEN = {
    "22": "Niet verschenen op de afspraak voor de brede intake na de waarschuwing en de tweede "
    "oproep.",
    "23": "Drie lesweken achter elkaar niet aanwezig bij de taalcursus, zonder afmelding of "
    "reden; de afspraken in het PIP zijn besproken in het voortgangsgesprek.",
}


def _dossiers(gemeente: Gemeente, vandaag: dt.date):
    return (
        Dossier.objects.filter(
            gemeente=gemeente,
            inburgeraar__bsn__range=SYNTHETISCHE_BSNS,
            fase__in=[Fase.PIP_VASTGESTELD, Fase.WACHT_OP_START, Fase.IN_LEERROUTE],
            pip_dagtekening__lte=vandaag - dt.timedelta(days=150),
            consulent__isnull=False,
            handhavingszaken=None,
        )
        .select_related("gemeente", "inburgeraar", "consulent")
        .order_by("pip_dagtekening", "pk")[: len(TOESTANDEN)]
    )


def _kanaal(dossier: Dossier) -> str:
    return "post" if heeft_postadres(dossier.inburgeraar) else "persoonlijk"


def _zaak(dossier: Dossier, toestand: str, nummer: int, vandaag: dt.date) -> Handhavingszaak:
    actor = dossier.consulent
    artikel = "22" if nummer % 4 == 3 else "23"
    dag = vandaag - dt.timedelta(days=100)
    zaak = services.open_zaak(
        dossier,
        artikel=artikel,
        constatering=dag,
        gedraging=FEITEN[artikel],
        verwijtbaarheid=("opzet", "grove_schuld", "geen_opzet_of_grove_schuld")[nummer % 3]
        if artikel == "23"
        else "",
        actor=actor,
    )
    if toestand == "signaal":
        return zaak
    if toestand == "geen_boete_art27":
        return services.leg_bijstand_verlaagd_vast(
            zaak, datum=dag + dt.timedelta(days=5), actor=actor
        )
    if dossier.doelgroep == "asielstatushouder" or toestand == "beoordeeld":
        zaak = services.leg_beoordeling_vast(
            zaak,
            datum=dag + dt.timedelta(days=3),
            beoordelaar=actor.weergavenaam,
            afwegingen=(
                "Gesproken met de inburgeraar en de cursusinstelling. Geen medische of "
                "persoonlijke omstandigheden die het verzuim verklaren; eerdere afspraken en een "
                "waarschuwing hebben niet geholpen. In dit uitzonderlijke geval is een boete "
                "passend."
            ),
            boete_passend=True,
            actor=actor,
        )
    if toestand == "beoordeeld":
        return zaak
    voornemen = {"voornemen_lopend": vandaag - dt.timedelta(days=5)}.get(
        toestand, dag + dt.timedelta(days=7)
    )
    zaak = services.stuur_voornemen(zaak, datum=voornemen, kanaal=_kanaal(dossier), actor=actor)
    if toestand in ("voornemen_lopend", "voornemen_verstreken"):
        return zaak
    if toestand == "zienswijze" or nummer % 2:
        zaak = services.registreer_zienswijze(
            zaak,
            datum=voornemen + dt.timedelta(days=6),
            vorm="mondeling" if nummer % 3 else "schriftelijk",
            inhoud="Inburgeraar zegt dat de lestijden niet te combineren waren met werk; "
            "geen rooster of verklaring van de werkgever meegestuurd.",
            actor=actor,
        )
    if toestand == "zienswijze":
        return zaak
    beschikt = zaak.zienswijze_tot + dt.timedelta(days=3)
    zaak = services.neem_beschikking(
        zaak,
        datum=beschikt,
        bedrag_cents=zaak.voorgesteld_cents,
        motivering="De feiten staan vast. De zienswijze (of het uitblijven ervan) geeft geen "
        "aanleiding om van de boete af te zien; het bedrag volgt uit het Besluit inburgering.",
        kanaal=_kanaal(dossier),
        actor=actor,
    )
    if toestand == "beschikt":
        return zaak
    if toestand == "heroverwogen":
        return services.beslis_rechtsmiddel(
            zaak,
            soort="bezwaar",
            uitspraak="deels",
            datum=beschikt + dt.timedelta(days=40),
            bedrag_cents=max(1, zaak.opgelegd_cents // 2),
            actor=actor,
        )
    zaak = services.draag_over(zaak, datum=beschikt + dt.timedelta(days=50), actor=actor)
    if toestand == "betaald":
        return services.meld_afgedaan(
            zaak, naar="betaald", datum=beschikt + dt.timedelta(days=70), actor=actor
        )
    if toestand == "kwijtgescholden":
        return services.meld_afgedaan(
            zaak,
            naar="kwijtgescholden",
            datum=beschikt + dt.timedelta(days=75),
            reden="Geen betalingscapaciteit (schuldhulpverlening).",
            actor=actor,
        )
    return zaak


def maak_handhaving(vandaag: dt.date | None = None) -> dict:
    """A fine case in each state for the first dossiers of every demo gemeente (only dossiers
    without a case: running it again adds nothing for those)."""
    vandaag = vandaag or timezone.localdate()
    telling: dict = {"zaken": 0, "geweigerd": []}
    for gemeente in Gemeente.objects.filter(cbs_code__in=list(DEMO_AANDEEL)).order_by("pk"):
        for nummer, (dossier, toestand) in enumerate(
            zip(_dossiers(gemeente, vandaag), TOESTANDEN, strict=False)
        ):
            try:
                with transaction.atomic():
                    _zaak(dossier, toestand, nummer, vandaag)
            except services.Handhavingsfout as exc:
                telling["geweigerd"].append(f"{toestand}: {exc}")  # the command reports it
                continue
            telling["zaken"] += 1
    return telling


def verwijder(dossiers) -> int:
    """Remove the fine cases of these (synthetic) dossiers, before the dossiers go."""
    return Handhavingszaak.objects.filter(dossier__in=dossiers).delete()[0]
