"""What every part of the PIP services shares: its errors, constants, the gemeente's configuration
and reading a dossier's PIP."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import wet
from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.dossiers.models import Doelgroep, Dossier
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import DossierToestand, OngeldigeGebeurtenis, bereken_toestand
from inburgering.dossiers.workflow import Soort
from inburgering.intake import brede_intake as bi
from inburgering.intake.models import Leerroute

from ..models import (
    Pip,
    PipInstelling,
    PipSjabloon,
    PipVersie,
    Status,
)

#: Awb art. 6:7: an objection is lodged within six weeks; art. 7:10 lid 1: the college decides
#: within six weeks (twelve with an advisory committee) after that period ended. [praktijk] The
#: Awb is not among the official texts in shared/reference/wetten, so these are configurable
#: constants here and not rules in `inburgering.wet`.
BEZWAARTERMIJN_WEKEN = 6
AWB_BEZWAAR = "Algemene wet bestuursrecht art. 6:7, 6:8 en 6:9"
AWB_BESLISTERMIJN = "Algemene wet bestuursrecht art. 7:10 lid 1"

CONCEPT_STATUSSEN = (Status.CONCEPT, Status.TER_GOEDKEURING, Status.GOEDGEKEURD)

STANDAARD_TEKSTEN = {
    "ondersteuning_en_begeleiding": (
        "U krijgt een vaste consulent. Die spreekt u regelmatig over hoe het gaat. De "
        "taalschool vertelt ons hoe vaak u naar de les gaat en hoe u vooruitgaat."
    ),
    "pvt_intensiteit": (
        "U volgt het participatieverklaringstraject van minimaal 12 uur, met een excursie, en "
        "u ondertekent de participatieverklaring."
    ),
    "map_intensiteit": (
        "U volgt de module Arbeidsmarkt en Participatie: activiteiten over werk, verspreid over "
        "het eerste jaar, en een eindgesprek met de gemeente."
    ),
    "aantal_voortgangsgesprekken": 4,
}


class PipFout(OngeldigeGebeurtenis):
    """The action does not fit; the message is Dutch and meant for the user."""


class Wijzigingsconflict(PipFout):
    """Someone else changed the draft since this user opened it. Nothing was saved."""

    def __init__(self, door: str):
        super().__init__(
            _(
                "%(door)s heeft dit PIP intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen. "
                "Hieronder staat de nieuwe versie; breng uw wijzigingen opnieuw aan."
            )
            % {"door": door or _("Een collega")}
        )


def vier_ogen(gemeente: Gemeente) -> bool:
    return PipInstelling.objects.filter(gemeente=gemeente, vier_ogen=True).exists()


def sjabloon(gemeente: Gemeente) -> dict:
    """The gemeente's texts, falling back to the built-in B1 texts per field."""
    eigen = PipSjabloon.objects.filter(gemeente=gemeente).first()
    teksten = dict(STANDAARD_TEKSTEN)
    teksten.update(
        inleiding="",
        afsluiting="",
        bezwaar_tekst=_(
            "Stuur uw bezwaarschrift naar het college van burgemeester en wethouders van de "
            "gemeente %(gemeente)s."
        )
        % {"gemeente": gemeente.naam},
    )
    if eigen:
        for veld in [*teksten]:
            waarde = getattr(eigen, veld, None)
            if waarde not in (None, ""):
                teksten[veld] = waarde
    return teksten


def pip_van(dossier: Dossier) -> Pip | None:
    return Pip.objects.filter(dossier=dossier).first()


def concept_van(pip: Pip | None) -> PipVersie | None:
    if pip is None:
        return None
    return pip.versies.filter(status__in=CONCEPT_STATUSSEN).order_by("-versienummer").first()


def vastgestelde_versie(pip: Pip | None) -> PipVersie | None:
    if pip is None:
        return None
    return pip.versies.filter(status=Status.VASTGESTELD).order_by("-versienummer").first()


def toestand_van(dossier: Dossier) -> DossierToestand:
    return bereken_toestand(dossier.events.all())


def wet_leerroute(code: str) -> wet.Leerroute | None:
    return bi.NAAR_WET_LEERROUTE.get(Leerroute(code)) if code else None


def wet_doelgroep(dossier: Dossier) -> wet.Doelgroep:
    return (
        wet.Doelgroep.ASIELSTATUSHOUDER
        if dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
        else wet.Doelgroep.GEZINSMIGRANT_OVERIG
    )


def notitie(
    dossier: Dossier,
    actor: Gebruiker,
    actie: str,
    tekst: str,
    *,
    datum: dt.date | None = None,
    **gegevens,
) -> None:
    """A PIP step in the dossier's log, dated `datum` (default today; the demo replays history
    with the planned dates)."""
    registreer(
        dossier,
        Soort.PIP_STAP,
        datum or timezone.localdate(),
        actor=actor,
        gegevens={"pip": actie, **gegevens},
        toelichting=tekst,
    )


def moment(datum: dt.date | None) -> dt.datetime:
    """Now, or (for a step dated in the past, as the demo replays it) that day at 10:00."""
    if datum is None:
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(datum, dt.time(10)))


@dataclass(frozen=True)
class Voortgang:
    """Recorded progress of the route for the rules on later PIP versions: the NT2 course
    hours attended, as the app that records them counts them (`bron`)."""

    nt2_uren: Decimal
    bron: str


#: Extension point: functions giving a dossier's recorded progress (None: nothing recorded).
#: The termijn app registers the learning route's hours (`traject`), which pip cannot import.
VOORTGANGSBRONNEN: list[Callable[[Dossier], Voortgang | None]] = []


def geregistreerde_voortgang(dossier: Dossier) -> Voortgang | None:
    for bron in VOORTGANGSBRONNEN:
        voortgang = bron(dossier)
        if voortgang is not None:
            return voortgang
    return None
