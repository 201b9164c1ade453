"""What the DUO simulator knows about the demo people, so that DUO and the demo agree.

DUO is the source of the inburgeringsplicht: every demo person is known there with the plicht
from the kennisgeving, the doelgroep and the vestiging in the gemeente of the dossier. Each PIP
the replay sets is delivered at once (`lever`) by the outbox worker through the real client,
as in production a few minutes after the vaststelling, and checked against what DUO knew then.
The reconciliation (koppelingen/duo/afstemming.py) then finds only the differences made on
purpose below (`VERSCHILLEN`) and what the plans really contain (a housed person whose
kennisgeving has not come yet): a worklist with a handful of real findings instead of hundreds
of "DUO kent deze persoon niet".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from inburgering.accounts.models import Gemeente
from inburgering.bsn import SYNTHETISCHE_BSNS
from inburgering.dossiers.deadlines import vestiging_bij_gemeente
from inburgering.dossiers.models import Doelgroep, Dossier, Inburgeraar
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import Fase
from inburgering.koppelingen.duo.client import gedeelde_simulator
from inburgering.koppelingen.duo.simulator import Scenarios
from inburgering.koppelingen.models import Status, UitgaandBericht
from inburgering.koppelingen.outbox import verwerk_alles

from .gemeenten import UTRECHT

#: Differences with DUO made on purpose in Utrecht's open dossiers, so the reconciliation has
#: something real to show: (what, how many).
VERSCHILLEN = (("onbekend", 2), ("doelgroep", 1), ("pip_dagtekening", 1), ("leerroute", 1))


def _indeling(doelgroep: str) -> dict[str, str]:
    asiel = doelgroep == Doelgroep.ASIELSTATUSHOUDER
    return {
        "indeling": "Asielstatushouder" if asiel else "Gezinsmigrant en overige migrant",
        "gedetailleerdeDoelgroep": "Asielstatushouder" if asiel else "Overig",
    }


def _persoon(dossier: Dossier, toestand) -> dict[str, Any]:
    ik: Inburgeraar = dossier.inburgeraar
    start = toestand.kennisgeving_datum or toestand.koppeling_datum or dossier.fase_sinds
    # DUO's "vestiging van de inburgeraar bij de gemeente" is the registration in the gemeente's
    # BRP, not the COA koppeling (ADR 0036; the simulator's regels.py): the same date the
    # product checks (`vestiging_bij_gemeente`), DUO's kennisgeving while there is none.
    vestiging = vestiging_bij_gemeente(toestand) or start
    plicht: dict[str, Any] = {
        "indicatorInburgeringsplicht": True,
        "begindatum": start.isoformat(),
        "datumKennisgevingInburgeringsplicht": start.isoformat(),
    }
    if dossier.fase == Fase.AFGEROND and dossier.afsluitreden == "voldaan":
        plicht.update(
            indicatorInburgeringsplicht=False,
            einddatum=dossier.fase_sinds.isoformat(),
            redenGeenInburgeringsplicht="Inburgeringsplicht voldaan",
        )
    return {
        "gemeente": dossier.gemeente.cbs_code,
        "vestigingsdatum": vestiging.isoformat(),
        "inburgeringsplicht": plicht,
        "doelgroep": {"begindatum": start.isoformat(), **_indeling(dossier.doelgroep)},
        "pip": None,
        "brp": {
            "voornamen": ik.voornamen,
            "geslachtsnaam": ik.geslachtsnaam,
            "geboortedatum": ik.geboortedatum.isoformat() if ik.geboortedatum else "",
            "geslacht": ik.geslacht or "X",
            "landVanHerkomst": ik.land_van_herkomst or "XX",
        },
    }


def lever(dossier: Dossier) -> None:
    """Right after a PIP is set (as the worker would, minutes later): DUO knows the person as
    of today's facts, and the outbox delivers the PIP through the real client."""
    _werk_bij(gedeelde_simulator(), [dossier])
    verwerk_alles()


def ken_gemeenten(gemeenten) -> None:
    """DUO knows the demo gemeenten by their OIN."""
    scenarios = Scenarios(gedeelde_simulator())
    for gemeente in gemeenten:
        scenarios.registreer_gemeente(gemeente.oin, gemeente.cbs_code)


def _werk_bij(simulator, dossiers: list[Dossier]) -> None:
    """Write what DUO knows of these people; a PIP DUO already has stays."""
    with simulator.opslag.transactie() as staat:
        for dossier in dossiers:
            toestand = bereken_toestand(list(dossier.events.all()))
            nieuw = _persoon(dossier, toestand)
            oud = staat["personen"].get(dossier.inburgeraar.bsn) or {}
            for sleutel in ("pip", "pip_initieel"):
                if oud.get(sleutel):
                    nieuw[sleutel] = oud[sleutel]
            staat["personen"][dossier.inburgeraar.bsn] = nieuw


def synchroniseer(gemeenten: list[Gemeente]) -> dict[str, int]:
    """Make the simulator know the demo people, deliver the queued PIPs, then make the
    differences of `VERSCHILLEN`. Returns counts for the console."""
    simulator = gedeelde_simulator()
    ken_gemeenten(gemeenten)
    dossiers = list(
        Dossier.objects.filter(gemeente__in=gemeenten, inburgeraar__bsn__range=SYNTHETISCHE_BSNS)
        .select_related("inburgeraar", "gemeente")
        .prefetch_related("events")
        .order_by("pk")
    )
    vergeet_oude_personen()
    _werk_bij(simulator, dossiers)
    telling = verwerk_alles()
    geleverd = UitgaandBericht.objects.filter(
        dossier__in=dossiers, soort=UitgaandBericht.Soort.PIP, status=Status.VERWERKT
    ).count()
    aantallen = {"bij DUO bekend": len(dossiers), "PIPs geleverd": geleverd}
    if telling.mislukt:
        aantallen["PIP-leveringen mislukt"] = telling.mislukt
    aantallen["verschillen met DUO"] = _maak_verschillen(simulator, dossiers)
    return aantallen


def vergeet_oude_personen() -> None:
    """People of an earlier demo load (removed with --reset) are forgotten by DUO: the same
    seed hands out the same BSNs again."""
    bekend = set(Inburgeraar.objects.values_list("bsn", flat=True))
    with gedeelde_simulator().opslag.transactie() as staat:
        for bsn in [b for b in staat["personen"] if _synthetisch(b) and b not in bekend]:
            del staat["personen"][bsn]


def _synthetisch(bsn: str) -> bool:
    return bsn.isdigit() and SYNTHETISCHE_BSNS[0] <= bsn <= SYNTHETISCHE_BSNS[1]


def _maak_verschillen(simulator, dossiers: list[Dossier]) -> int:
    lopend = [d for d in dossiers if d.gemeente.cbs_code == UTRECHT and d.fase != Fase.AFGEROND]
    zonder_pip = [d for d in lopend if d.pip_dagtekening is None]
    met_pip = [d for d in lopend if d.pip_dagtekening is not None]
    gemaakt = 0
    with simulator.opslag.transactie() as staat:
        for soort, aantal in VERSCHILLEN:
            bron = met_pip if soort in ("pip_dagtekening", "leerroute") else zonder_pip
            for dossier in bron[:aantal]:
                bron.remove(dossier)
                persoon = staat["personen"].get(dossier.inburgeraar.bsn)
                pip = ((persoon or {}).get("pip") or {}).get("pip")
                if persoon is None or (soort in ("pip_dagtekening", "leerroute") and not pip):
                    continue
                if soort == "onbekend":
                    del staat["personen"][dossier.inburgeraar.bsn]
                elif soort == "doelgroep":
                    ander = (
                        Doelgroep.GEZINSMIGRANT_OVERIG
                        if dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
                        else Doelgroep.ASIELSTATUSHOUDER
                    )
                    persoon["doelgroep"].update(_indeling(ander))
                elif soort == "pip_dagtekening":
                    eerder = dt.date.fromisoformat(pip["dagtekeningPip"]) - dt.timedelta(days=14)
                    pip["dagtekeningPip"] = eerder.isoformat()
                else:
                    pip["leerroute"] = "Z" if pip["leerroute"] != "Z" else "B"
                gemaakt += 1
    return gemaakt
