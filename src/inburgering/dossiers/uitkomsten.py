"""Participation follow-up, costs and dual activities of a dossier (issue 6, items 3 and 5).

Recorded as events (facts that never change the phase) through `services.registreer`:

* `participatie_gemeten`: {"moment": "6"|"12"|"24", "status": [...], "uren_werk": int?}
  — the person's situation N months after the (first) start of the leerroute; several statuses
  at once are normal (werk + uitkering).
* `kosten_geregistreerd`: {"bedrag_cents": int, "post": ..., "aanbieder": str?}
* `duale_activiteit_gestart` / `duale_activiteit_beeindigd`: {"activiteit": ...,
  "organisatie": str?, "uren_per_week": int?}; at most one running activity per kind, so the
  end names the kind it ends.

None of this is a legal computation: the law has no follow-up moments or cost reporting. The
same definitions are used by the dossier page and by monitoring (`monitoring/uitkomsten.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker
from inburgering.wet.kalender import plus_maanden

from .models import Dossier, DossierEvent
from .services import registreer
from .toestand import geldige_events
from .workflow import Afsluitreden, Soort

#: Follow-up moments in months after the first start of the leerroute.
MOMENTEN = (6, 12, 24)
#: A measurement may be taken from one month before the moment; it is overdue one month after.
MARGE_MAANDEN = 1
#: Upper bound of one cost registration (a full leerroute costs up to about € 10,000; this
#: catches a misplaced comma, not a policy limit).
MAX_BEDRAG_CENTS = 50_000_00


class Participatiestatus(models.TextChoices):
    WERK = "werk", _("Werk")
    VRIJWILLIGERSWERK = "vrijwilligerswerk", _("Vrijwilligerswerk")
    OPLEIDING = "opleiding", _("Opleiding")
    UITKERING = "uitkering", _("Uitkering")
    GEEN = "geen", _("Geen van deze")
    ONBEKEND = "onbekend", _("Onbekend")


#: Statuses that count as "participating" for the local targets.
PARTICIPEREND = frozenset(
    {Participatiestatus.WERK, Participatiestatus.VRIJWILLIGERSWERK, Participatiestatus.OPLEIDING}
)
#: Statuses that exclude every other one.
EXCLUSIEF = frozenset({Participatiestatus.GEEN, Participatiestatus.ONBEKEND})


class Kostenpost(models.TextChoices):
    LEERROUTE = "leerroute", _("Leerroute")
    ONTZORGING = "ontzorging", _("Ontzorging")
    TOLK = "tolk", _("Tolk")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang")
    REISKOSTEN = "reiskosten", _("Reiskosten")
    OVERIG = "overig", _("Overig")


class DualeActiviteit(models.TextChoices):
    WERK = "werk", _("Werk")
    VRIJWILLIGERSWERK = "vrijwilligerswerk", _("Vrijwilligerswerk")
    STAGE = "stage", _("Stage of werkervaringsplek")
    OPLEIDING = "opleiding", _("Opleiding")


@lru_cache(maxsize=65_536)  # monitoring asks it for every dossier and moment
def moment_datum(route_start: dt.date, moment: int) -> dt.date:
    """The date a follow-up moment falls due: route start + N months."""
    return plus_maanden(route_start, moment)


def vroegste_meetdatum(route_start: dt.date, moment: int) -> dt.date:
    return plus_maanden(route_start, moment - MARGE_MAANDEN)


def moment_verwacht(
    route_start: dt.date | None,
    moment: int,
    peildatum: dt.date,
    afgesloten: dt.date | None = None,
    afsluitreden: str = "",
) -> bool:
    """Is a measurement due on the peildatum? The moment has come (route start + N months on or
    before the peildatum) and the dossier was not closed before it for a reason other than
    voldaan (someone who moved away, left or died is no longer followed up; after voldaan the
    gemeente still follows up participation)."""
    if route_start is None:
        return False
    datum = moment_datum(route_start, moment)
    if datum > peildatum:
        return False
    return not (afgesloten and afgesloten < datum and afsluitreden != Afsluitreden.VOLDAAN)


@dataclass
class Meting:
    moment: int
    event: DossierEvent | None = None
    datum_verwacht: dt.date | None = None
    #: "gemeten", "te_laat" (more than a month overdue), "nu" (due), "gepland", "vervalt".
    stand: str = "gepland"

    @property
    def statussen(self) -> list[str]:
        if self.event is None:
            return []
        gemeten = set(self.event.gegevens.get("status", []))
        return [str(label) for code, label in Participatiestatus.choices if code in gemeten]


@dataclass
class Activiteit:
    activiteit: str
    start: dt.date
    einde: dt.date | None = None
    organisatie: str = ""
    uren_per_week: int | None = None

    @property
    def label(self) -> str:
        return str(dict(DualeActiviteit.choices).get(self.activiteit, self.activiteit))


@dataclass
class Stand:
    """A dossier's participation follow-up, dual activities and costs, on one date."""

    route_start: dt.date | None
    metingen: list[Meting]
    activiteiten: list[Activiteit]
    kosten_cents: int = 0
    kosten_per_post: dict[str, int] = field(default_factory=dict)

    def meting(self, moment: int) -> Meting:
        return next(m for m in self.metingen if m.moment == moment)

    @property
    def lopend(self) -> dict[str, Activiteit]:
        return {a.activiteit: a for a in self.activiteiten if a.einde is None}

    @property
    def kosten_euro(self) -> str:
        return euro(self.kosten_cents)

    @property
    def kosten_posten_euro(self) -> list[tuple[str, str]]:
        labels = dict(Kostenpost.choices)
        return [(str(labels.get(p, p)), euro(c)) for p, c in sorted(self.kosten_per_post.items())]


def euro(cents: int) -> str:
    """Dutch notation without the sign: 123456 -> "1.234,56"."""
    hele, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{hele:,}".replace(",", ".") + f",{rest:02d}"


def stand(events: Iterable[DossierEvent], vandaag: dt.date) -> Stand:
    """Fold the dossier's (counting) events into its follow-up state on `vandaag`."""
    geldig = [e for e in geldige_events(events) if e.datum <= vandaag]
    starts = [e.datum for e in geldig if e.soort == Soort.LEERROUTE_GESTART]
    route_start = min(starts) if starts else None
    afsluiting = [e for e in geldig if e.soort == Soort.DOSSIER_AFGESLOTEN]
    afgesloten = afsluiting[-1].datum if afsluiting else None
    reden = afsluiting[-1].gegevens.get("reden", "") if afsluiting else ""
    gemeten: dict[int, DossierEvent] = {}
    activiteiten: list[Activiteit] = []
    lopend: dict[str, Activiteit] = {}
    kosten: dict[str, int] = {}
    for e in geldig:
        g = e.gegevens
        if e.soort == Soort.PARTICIPATIE_GEMETEN and str(g.get("moment", "")).isdigit():
            gemeten[int(g["moment"])] = e  # the latest counts
        elif e.soort == Soort.DUALE_ACTIVITEIT_GESTART:
            a = Activiteit(
                g.get("activiteit", ""), e.datum, None, g.get("organisatie", ""),
                g.get("uren_per_week"),
            )  # fmt: skip
            activiteiten.append(a)
            lopend[a.activiteit] = a
        elif e.soort == Soort.DUALE_ACTIVITEIT_BEEINDIGD:
            beeindigd = lopend.pop(str(g.get("activiteit", "")), None)
            if beeindigd is not None:
                beeindigd.einde = e.datum
        elif e.soort == Soort.KOSTEN_GEREGISTREERD:
            post = g.get("post", Kostenpost.OVERIG)
            kosten[post] = kosten.get(post, 0) + int(g.get("bedrag_cents", 0))
    metingen = []
    for moment in MOMENTEN:
        m = Meting(moment, gemeten.get(moment))
        if route_start is not None:
            m.datum_verwacht = moment_datum(route_start, moment)
        if m.event is not None:
            m.stand = "gemeten"
        elif route_start is None:
            m.stand = "gepland"
        elif moment_verwacht(route_start, moment, vandaag, afgesloten, reden):
            te_laat = plus_maanden(m.datum_verwacht, MARGE_MAANDEN) < vandaag
            m.stand = "te_laat" if te_laat else "nu"
        elif afgesloten and reden != Afsluitreden.VOLDAAN:
            m.stand = "vervalt"
        metingen.append(m)
    return Stand(route_start, metingen, activiteiten, sum(kosten.values()), kosten)


# --- Recording (always through the services) ------------------------------------------------


def meet_participatie(
    dossier: Dossier,
    datum: dt.date,
    moment: int,
    status: list[str],
    *,
    actor: Gebruiker | None,
    uren_werk: int | None = None,
    corrigeert: DossierEvent | None = None,
    toelichting: str = "",
) -> DossierEvent:
    gegevens: dict[str, Any] = {"moment": str(moment), "status": sorted(status)}
    if uren_werk:
        gegevens["uren_werk"] = uren_werk
    return registreer(
        dossier,
        Soort.PARTICIPATIE_GEMETEN,
        datum,
        actor=actor,
        gegevens=gegevens,
        corrigeert=corrigeert,
        toelichting=toelichting,
    )


def registreer_kosten(
    dossier: Dossier,
    datum: dt.date,
    bedrag_cents: int,
    post: str,
    *,
    actor: Gebruiker | None,
    aanbieder: str = "",
    toelichting: str = "",
) -> DossierEvent:
    gegevens = {"bedrag_cents": int(bedrag_cents), "post": post}
    if aanbieder:
        gegevens["aanbieder"] = aanbieder
    return registreer(
        dossier,
        Soort.KOSTEN_GEREGISTREERD,
        datum,
        actor=actor,
        gegevens=gegevens,
        toelichting=toelichting,
    )


def start_activiteit(
    dossier: Dossier,
    datum: dt.date,
    activiteit: str,
    *,
    actor: Gebruiker | None,
    organisatie: str = "",
    uren_per_week: int | None = None,
    toelichting: str = "",
) -> DossierEvent:
    gegevens: dict[str, Any] = {"activiteit": activiteit}
    if organisatie:
        gegevens["organisatie"] = organisatie
    if uren_per_week:
        gegevens["uren_per_week"] = uren_per_week
    return registreer(
        dossier,
        Soort.DUALE_ACTIVITEIT_GESTART,
        datum,
        actor=actor,
        gegevens=gegevens,
        toelichting=toelichting,
    )


def beeindig_activiteit(
    dossier: Dossier,
    datum: dt.date,
    activiteit: str,
    *,
    actor: Gebruiker | None,
    toelichting: str = "",
) -> DossierEvent:
    return registreer(
        dossier,
        Soort.DUALE_ACTIVITEIT_BEEINDIGD,
        datum,
        actor=actor,
        gegevens={"activiteit": activiteit},
        toelichting=toelichting,
    )
