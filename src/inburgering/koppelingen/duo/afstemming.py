"""Reconciliation with DUO: differences between our records and DUO's, and signals we expected
but did not get: `afstemmen(gemeente)` returns a `Rapport` (page: koppelingen/duo/afstemming/)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from inburgering.dossiers import deadlines
from inburgering.dossiers.models import Bron, Dossier
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import Fase, Soort

from ..models import InkomendBericht, Status, UitgaandBericht
from .client import DuoClient, DuoFout, client_voor
from .handlers import LEERROUTE_VAN_DUO

WEKEN_TOT_PIP_NA_SS139 = 8


@dataclass(frozen=True)
class Bevinding:
    dossier_uuid: str
    soort: str  # "verschil" or "ontbreekt"
    onderwerp: str
    ons: str
    duo: str
    toelichting: str


@dataclass
class Rapport:
    peildatum: dt.date
    bevindingen: list[Bevinding] = field(default_factory=list)

    def van(self, onderwerp: str) -> list[Bevinding]:
        return [b for b in self.bevindingen if b.onderwerp == onderwerp]


def afstemmen(gemeente, *, client: DuoClient | None = None, peildatum=None) -> Rapport:
    peildatum = peildatum or timezone.localdate()
    client = client or client_voor(gemeente)
    rapport = Rapport(peildatum)
    dossiers = (
        Dossier.objects.filter(gemeente=gemeente)
        .exclude(fase__in=[Fase.AFGEROND, ""])
        .select_related("inburgeraar")
        .prefetch_related("events")
    )
    geleverd = set(
        UitgaandBericht.objects.filter(
            gemeente=gemeente, soort=UitgaandBericht.Soort.PIP, status=Status.VERWERKT
        ).values_list("dossier_id", flat=True)
    )
    ss139 = dict(
        InkomendBericht.objects.filter(
            gemeente=gemeente, gebeurtenis_id="SS139", dossier__isnull=False
        ).values_list("dossier_id", "registratie_datumtijd")
    )
    for dossier in dossiers:
        events = list(dossier.events.all())
        t = bereken_toestand(events)
        u = str(dossier.uuid)
        bsn = dossier.inburgeraar.bsn

        def bevinding(soort, onderwerp, ons, duo, tekst, u=u):
            rapport.bevindingen.append(Bevinding(u, soort, onderwerp, str(ons), str(duo), tekst))

        duo_signaal = any(e.soort == Soort.SIGNAAL_ONTVANGEN and e.bron == Bron.DUO for e in events)
        if t.brp_inschrijving_datum and not t.kennisgeving_datum and not duo_signaal:
            tekst = "Gehuisvest, maar geen signaal van DUO over de inburgeringsplicht."
            bevinding("ontbreekt", "plichtsignaal", "gehuisvest", "-", tekst)
        if dossier.pk in ss139 and not t.pip_dagtekening:
            grens = timezone.localdate(ss139[dossier.pk]) + dt.timedelta(
                weeks=WEKEN_TOT_PIP_NA_SS139
            )
            if peildatum > grens:
                tekst = f"SS139 ontvangen, maar na {WEKEN_TOT_PIP_NA_SS139} weken geen PIP."
                bevinding("ontbreekt", "pip_na_ss139", "geen PIP", "-", tekst)
        if t.pip_dagtekening and dossier.pk not in geleverd:
            bevinding("ontbreekt", "pip_niet_geleverd", t.pip_dagtekening, "-",
                      "PIP vastgesteld, maar nooit (met succes) aan DUO geleverd.")  # fmt: skip

        try:
            _vergelijk_met_duo(client, bsn, t, events, bevinding)
        except DuoFout as fout:
            bevinding(
                "verschil",
                "duo_antwoord",
                "-",
                f"status {fout.status}",
                f"DUO gaf geen bruikbaar antwoord: {fout}",
            )
    return rapport


def _ons_niveau(events) -> str:
    niveaus = [e.gegevens.get("niveau") for e in events if e.soort == Soort.PIP_VASTGESTELD]
    return next((n for n in reversed(niveaus) if n), "")


def _vergelijk_met_duo(client, bsn, t, events, bevinding) -> None:
    """Field-by-field comparison with DUO's registration of one person."""
    doelgroep = client.doelgroep(bsn)
    if doelgroep is None and client.inburgeringsplicht(bsn) is None:
        bevinding("verschil", "bekend_bij_duo", "lopend dossier", "onbekend",
                  "DUO kent deze persoon niet als inburgeringsplichtige.")  # fmt: skip
        return
    duo_dg = "asielstatushouder" if (doelgroep or {}).get("indeling") == "Asielstatushouder" \
        else "gezinsmigrant_overig"  # fmt: skip
    if doelgroep and t.doelgroep and duo_dg != t.doelgroep:
        bevinding("verschil", "doelgroep", t.doelgroep, duo_dg, "Doelgroep verschilt.")
    pip = (client.pip(bsn) or {}).get("pip")
    if t.pip_dagtekening and pip is None:
        bevinding("verschil", "pip", t.pip_dagtekening, "geen PIP", "PIP niet bekend bij DUO.")
    elif pip is not None:
        if t.pip_dagtekening and pip["dagtekeningPip"] != t.pip_dagtekening.isoformat():
            bevinding("verschil", "pip", t.pip_dagtekening, pip["dagtekeningPip"],
                      "Dagtekening PIP verschilt.")  # fmt: skip
        duo_route = LEERROUTE_VAN_DUO.get(pip["leerroute"], "")
        if t.leerroute and duo_route != t.leerroute:
            bevinding("verschil", "leerroute", t.leerroute, duo_route, "Leerroute verschilt.")
        niveau = pip.get("niveau") or ""
        ons_niveau = _ons_niveau(events)
        if ons_niveau and niveau and ons_niveau != niveau:
            bevinding("verschil", "niveau", ons_niveau, niveau, "Niveau verschilt.")
    termijn = client.inburgeringstermijn(bsn)
    ons = deadlines.inburgeringstermijn(t)
    if termijn and ons is not None:
        ons_einde = getattr(ons.waarde, "einde", None)
        if ons_einde and ons_einde.isoformat() != termijn["einddatum"]:
            bevinding("verschil", "termijn", ons_einde, termijn["einddatum"],
                      "Einddatum inburgeringstermijn verschilt.")  # fmt: skip
    if termijn and t.termijn_duo_einde and t.termijn_duo_einde.isoformat() != termijn["einddatum"]:
        bevinding("verschil", "termijn_duo", t.termijn_duo_einde, termijn["einddatum"],
                  "Vastgelegde DUO-termijn is verouderd.")  # fmt: skip
