"""Demo moves through the services: one person moved from Utrecht to Deventer and was taken
over there (completed transfer), one moved from Deventer to Utrecht and waits in Utrecht's list
"Verhuizingen" for the demo user `consulent`.

Called once from the demo command after the dossiers, routes and exams exist (`maak_verhuizingen`);
`verwijder(dossier_ids)` is called by `demo.opslag.verwijder_demodata` before the dossiers go."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.utils import timezone

from inburgering.accounts.models import Gebruiker, Gemeente, Rol
from inburgering.bsn import SYNTHETISCHE_BSNS
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.workflow import Fase
from inburgering.koppelingen.duo.client import gedeelde_simulator
from inburgering.koppelingen.duo.simulator import Scenarios

from . import services
from .models import Overdracht

UTRECHT, DEVENTER = "0344", "0150"


def _kandidaten(gemeente: Gemeente) -> Any:
    """Open demo dossiers with a PIP (a history that moves on after the registration date is
    refused by the fold; the next candidate is tried)."""
    return (
        Dossier.objects.filter(
            gemeente=gemeente,
            inburgeraar__bsn__range=SYNTHETISCHE_BSNS,
            fase__in=[Fase.IN_LEERROUTE, Fase.WACHT_OP_START],
            consulent__isnull=False,
        )
        .select_related("consulent", "gemeente")
        # From the end: demo/duo.py makes its deliberate differences with DUO on the first
        # Utrecht dossiers, which the reconciliation must still find open.
        .order_by("-pk")
    )


def _verhuis(van: Gemeente, naar: Gemeente, dagen_geleden: int) -> Overdracht | None:
    inschrijving = timezone.localdate() - dt.timedelta(days=dagen_geleden)
    for dossier in _kandidaten(van)[:20]:
        try:
            return services.start_overdracht(
                dossier, naar_gemeente=naar, inschrijving=inschrijving, actor=dossier.consulent
            )
        except (services.OverdrachtFout, OngeldigeGebeurtenis):
            continue
    return None


def _duo_kent_verhuizing(overdracht: Overdracht) -> None:
    """DUO (the simulator) learns the completed move, as it does from the BRP in reality, so the
    reconciliation of the receiving gemeente finds the person there. The waiting move is not
    known to DUO yet (the register has not caught up)."""
    naar = overdracht.naar_gemeente
    persoon = overdracht.pakket["persoon"]["bsn"]
    if naar is None or not naar.oin:
        return
    simulator = gedeelde_simulator()
    with simulator.opslag.transactie() as staat:
        bekend = persoon in staat["personen"]
    if bekend:
        Scenarios(simulator).verhuizing(persoon, naar.oin)  # the notification is not sent


def maak_verhuizingen(melding: Callable[[str], Any] = print) -> None:
    gemeenten = {g.cbs_code: g for g in Gemeente.objects.filter(cbs_code__in=[UTRECHT, DEVENTER])}
    if len(gemeenten) < 2:
        melding("Verhuizingen: Utrecht of Deventer ontbreekt; geen verhuizingen gemaakt.")
        return
    utrecht, deventer = gemeenten[UTRECHT], gemeenten[DEVENTER]
    afgerond = _verhuis(utrecht, deventer, dagen_geleden=6)
    if afgerond is not None:
        ontvanger = (
            Gebruiker.objects.filter(gemeenten=deventer, rol=Rol.TEAMLEIDER, is_active=True)
            .order_by("pk")
            .first()
        )
        if ontvanger is not None:
            services.accepteer(afgerond, actor=ontvanger)
            _duo_kent_verhuizing(afgerond)
    wachtend = _verhuis(deventer, utrecht, dagen_geleden=2)
    melding(
        "Verhuizingen: "
        + ("1 overgedragen" if afgerond else "geen overgedragen")
        + ", "
        + ("1 wacht op overname in Utrecht" if wachtend else "geen wachtend")
        + "."
    )


def verwijder(dossier_ids: Any) -> int:
    """The transfers of these (demo) dossiers, before the dossiers themselves go."""
    rijen = Overdracht.objects.filter(
        Q(oud_dossier__in=dossier_ids) | Q(nieuw_dossier__in=dossier_ids)
    )
    return int(rijen.delete()[0])
