"""Test data builders for the termijn app, through the real services: a dossier with a PIP on a
chosen dagtekening (the `PIP_VASTGESTELD` fact, as migrated data has it), placements and hours
through `traject`, DUO's results, decisions and signals as DUO's handlers record them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from inburgering.dossiers.models import Bron
from inburgering.dossiers.services import Nieuw, registreer, registreer_reeks
from inburgering.dossiers.workflow import Soort
from inburgering.traject import services as traject
from inburgering.traject.models import Productsoort
from inburgering.wet.kalender import plus_maanden
from tests.conftest import maak_dossier
from tests.traject.factories import maak_aanbieder, maak_contract, met_uren

__all__ = [
    "besluit_duo",
    "dagtekening_voor_einde",
    "examen",
    "met_pip",
    "plaatsing_afgerond",
    "signaal_duo",
]


def dagtekening_voor_einde(einde: dt.date) -> dt.date:
    """The first PIP's dagtekening whose termijn ends on `einde` (Wi art. 11: the third
    anniversary of the dagtekening is the last day)."""
    return plus_maanden(einde, -36)


def met_pip(gemeente, consulent, dagtekening: dt.date, *, route="b1", niveau="B1", **velden):
    dossier = maak_dossier(
        gemeente,
        consulent=consulent,
        actor=consulent,
        kennisgeving=dagtekening - dt.timedelta(days=60),
        **velden,
    )
    registreer_reeks(
        dossier,
        [
            Nieuw(Soort.INTAKE_GESTART, dagtekening - dt.timedelta(days=30)),
            Nieuw(Soort.INTAKE_AFGEROND, dagtekening - dt.timedelta(days=10)),
            Nieuw(Soort.PIP_VASTGESTELD, dagtekening, {"leerroute": route, "niveau": niveau}),
        ],
        actor=consulent,
    )
    dossier.refresh_from_db()
    return dossier


def examen(dossier, onderdeel: str, datum: dt.date, resultaat="Geslaagd", niveau="B1"):
    return registreer(
        dossier, Soort.EXAMENRESULTAAT, datum, bron=Bron.DUO,
        gegevens={"onderdeel": onderdeel, "resultaat": resultaat, "niveau": niveau,
                  "examendatum": datum.isoformat()},
    )  # fmt: skip


def besluit_duo(dossier, gebeurtenis: str, datum: dt.date, onderdelen=()):
    gegevens = {"gebeurtenis": gebeurtenis, "omschrijving": f"besluit {gebeurtenis}"}
    if onderdelen:
        gegevens["onderdelen"] = list(onderdelen)
    return registreer(dossier, Soort.DUO_BESLUIT, datum, bron=Bron.DUO, gegevens=gegevens)


def signaal_duo(dossier, gebeurtenis: str, datum: dt.date, omschrijving="Verzoek ontheffing"):
    return registreer(
        dossier, Soort.DUO_ATTENTIESIGNAAL, datum, bron=Bron.DUO,
        gegevens={"gebeurtenis": gebeurtenis, "omschrijving": omschrijving},
    )  # fmt: skip


def plaatsing_afgerond(dossier, actor, soort: str, *, uren=None, afgerond=True):
    """A placement of `soort` (product kind), with monthly hours (offered, attended) and, when
    `afgerond`, completed."""
    vandaag = timezone.localdate()
    contract = maak_contract(dossier.gemeente, maak_aanbieder(f"Aanbieder {soort}"), soort=soort)
    aangemeld = max(contract.begin, dossier.pip_dagtekening)
    plaatsing = traject.plaats(dossier, contract, aangemeld_op=aangemeld, actor=actor)
    plaatsing = traject.wijzig_status(plaatsing, "gestart", datum=aangemeld, actor=actor)
    if uren is None and soort == Productsoort.PVT and afgerond:
        uren = [(Decimal(12), Decimal(12))]  # the PVT's 12 hours (Besluit 3.1 lid 3)
    if uren:
        maand = aangemeld.replace(day=1)
        rijen = []
        for aangeboden, aanwezig in uren:
            maand = (maand + dt.timedelta(days=32)).replace(day=1)
            if maand > vandaag:
                break
            rijen.append((maand, aangeboden, aanwezig))
        met_uren(plaatsing, actor, rijen)
    if afgerond:
        # the closing step the law names first (ADR 0030): PVT signing, MAP/Z-route eindgesprek
        if soort == Productsoort.PVT:
            traject.registreer_onderdelen(
                plaatsing, kernwaarden_activiteit_op=vandaag, ondertekend_op=vandaag, actor=actor
            )
        elif soort == Productsoort.MAP:
            traject.registreer_onderdelen(
                plaatsing, map_themas=list("abcdefgh"), eindgesprek_op=vandaag, actor=actor
            )
        elif soort == Productsoort.Z_ROUTE:
            traject.registreer_onderdelen(plaatsing, eindgesprek_op=vandaag, actor=actor)
        plaatsing = traject.wijzig_status(plaatsing, "afgerond", datum=vandaag, actor=actor)
    return plaatsing


UREN_VOL = [(Decimal(40), Decimal(40))] * 3
