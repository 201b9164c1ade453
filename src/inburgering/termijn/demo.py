"""Demo data for the termijn: demo dossiers near the end of their termijn in several
situations. DUO (the simulator) sends its decisions and its request for advice as
notifications through our endpoint and worker (SS113 extension refused, SS116 partial
vrijstelling refused, SS118 ontheffing refused, SS119 partial ontheffing granted for
Spreken, SS140 request for advice); the consulent's steps go through `services`
(an application for extension with the gemeente's contribution, the advice on one request).

Called once after the demo data and the exams are loaded (`vul_termijnen()`); it only picks
dossiers without a termijn fact of this app, so a second call adds others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Case, IntegerField, Min, Q, Value, When
from django.utils import timezone

from inburgering.bsn import SYNTHETISCHE_BSNS
from inburgering.dossiers.models import Dossier, DossierEvent
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.koppelingen.duo.client import gedeelde_simulator
from inburgering.koppelingen.duo.simulator import Scenarios
from inburgering.koppelingen.management.commands.duo_simulator import post_in_proces
from inburgering.koppelingen.outbox import verwerk_alles
from inburgering.wet.kalender import plus_maanden

from . import services
from .keuzes import Advies, Verlengingsgrond

EIGEN = (
    Soort.VERLENGING_AANGEVRAAGD,
    Soort.VERLENGING_BESLUIT,
    Soort.ONTHEFFINGSADVIES,
    Soort.TERMIJN_EINDSTAND,
)

#: DUO's facts this hook makes: a dossier with one of them was picked before.
_VAN_DUO = Q(soort=Soort.DUO_BESLUIT) | Q(
    soort=Soort.DUO_ATTENTIESIGNAAL, gegevens__gebeurtenis="SS140"
)


def kandidaten(vandaag: dt.date, aantal: int) -> list[services.Termijnbeeld]:
    """Open demo dossiers whose termijn ends within six months, those of the demo user
    `consulent` first."""
    grens = plus_maanden(plus_maanden(vandaag, services.VOORUIT_MAANDEN), -36)
    qs = (
        Dossier.objects.filter(
            inburgeraar__bsn__range=SYNTHETISCHE_BSNS,
            gemeente__oin__gt="",
            fase__in=[Fase.PIP_VASTGESTELD, Fase.WACHT_OP_START, Fase.IN_LEERROUTE],
            consulent__isnull=False,
        )
        .exclude(events__soort__in=EIGEN)
        .exclude(pk__in=DossierEvent.objects.filter(_VAN_DUO).values("dossier_id"))
        .annotate(eerste_pip=Min("events__datum", filter=Q(events__soort=Soort.PIP_VASTGESTELD)))
        .filter(eerste_pip__lte=grens)
        .annotate(
            eerst=Case(
                When(consulent__username="consulent", then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("gemeente", "inburgeraar", "consulent")
        .order_by("eerst", "-eerste_pip", "pk")
    )
    uit = []
    for dossier in qs[: aantal * 4]:
        beeld = services.beeld(dossier, vandaag)
        if beeld.einde and vandaag <= beeld.einde <= plus_maanden(vandaag, 6):
            uit.append(beeld)
        if len(uit) == aantal:
            break
    return uit


def _duo(sc: Scenarios, dossier: Dossier, gebeurtenis: str, **persoon) -> None:
    bsn, oin = dossier.inburgeraar.bsn, dossier.gemeente.oin
    sc.registreer_gemeente(oin, dossier.gemeente.cbs_code)
    with sc.sim.opslag.transactie() as staat:
        if bsn not in staat["personen"]:
            bekend = False
        else:
            bekend = True
            staat["personen"][bsn].update(persoon)
    if not bekend:
        sc.nieuwe_statushouder(oin, bsn=bsn)
        with sc.sim.opslag.transactie() as staat:
            staat["personen"][bsn].update(persoon)
    n = sc.notificatie(gebeurtenis, bsn, oin)
    post_in_proces(n.headers, n.inhoud)
    verwerk_alles()


def vul_termijnen(
    *, aantal: int = 6, melding: Callable[[str], object] | None = None
) -> dict[str, int]:
    vandaag = timezone.localdate()
    sc = Scenarios(gedeelde_simulator())
    telling = {"dossiers": 0, "aanvragen": 0, "besluiten": 0, "adviesverzoeken": 0}
    for nummer, beeld in enumerate(kandidaten(vandaag, aantal)):
        dossier, actor = beeld.dossier, beeld.dossier.consulent
        telling["dossiers"] += 1
        situatie = nummer % 6
        if situatie in (0, 1) and beeld.venster_open:
            # An application (0: the gemeente did not deliver the aanbod; 1: efforts).
            geen_verwijt = situatie == 0
            grond = Verlengingsgrond.GEEN_VERWIJT if geen_verwijt else Verlengingsgrond.INSPANNINGEN
            services.vraag_verlenging_aan(
                dossier, datum=vandaag, actor=actor, grond=grond,
                aanbod_niet_geleverd=geen_verwijt,
                toelichting="Demo: aanvraag verlenging met bijdrage van de gemeente."
                if geen_verwijt else "Demo: aanvraag verlenging wegens inspanningen.",
            )  # fmt: skip
            telling["aanvragen"] += 1
            if situatie == 1:
                _duo(sc, dossier, "SS113")  # DUO refuses the extension
                telling["besluiten"] += 1
        elif situatie == 2:
            deel = {"oordeel": "Toekenning", "grond": "MED", "examenonderdeel": "SP",
                    "datumOordeel": vandaag.isoformat()}  # fmt: skip
            _duo(sc, dossier, "SS118")  # the full ontheffing refused ...
            _duo(sc, dossier, "SS119", ontheffingen=[{"GedeeltelijkeOntheffing": deel}])
            telling["besluiten"] += 2
        elif situatie == 3:
            _duo(sc, dossier, "SS116")  # partial vrijstelling refused
            telling["besluiten"] += 1
        elif situatie in (4, 5):
            _duo(sc, dossier, "SS140")  # DUO asks for the college's advice
            telling["adviesverzoeken"] += 1
            if situatie == 5:
                verzoek = services.beeld(dossier, vandaag).adviezen_open
                if verzoek:
                    services.registreer_advies(
                        dossier, signaal=verzoek[0].event.pk, advies=Advies.NEGATIEF,
                        datum=vandaag, actor=actor,
                        toelichting="Demo: geen zeer uitzonderlijke, onvoorziene omstandigheden.",
                    )  # fmt: skip
    if melding:
        melding(
            f"Termijnen: {telling['dossiers']} dossiers bij het einde van de termijn, "
            f"{telling['aanvragen']} aanvragen verlenging, {telling['besluiten']} besluiten van "
            f"DUO, {telling['adviesverzoeken']} adviesverzoeken."
        )
    return telling
