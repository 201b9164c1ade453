"""Reconciliation with DUO: differences between our records and DUO's, and signals we expected
but did not get. `afstemmen(gemeente)` returns a `Rapport`; `start`/`voer_uit` run it in the
background and keep the report (`Afstemmingsrun`; page koppelingen/duo/afstemming/, command
`manage.py afstemmen` for the scheduler).

The cheapest calls (DUO has no bulk API: every question is about one person): one question
per dossier in the common case.

* A dossier with a vastgesteld PIP: DUO's PIP (dagtekening, route, level). A PIP DUO does not
  know is the finding that matters most (it is ours to deliver).
* A dossier without a PIP: DUO's doelgroep, which also tells whether DUO knows the person; only
  when DUO gives none, the inburgeringsplicht as a second question.
* The termijn: our computed end against the termijn DUO last signalled to us (SS102-SS104, kept
  as `termijn_duo` events), without a question. DUO signals every change of the termijn and of
  the doelgroep (SS124/SS125), so those are not asked for again per dossier with a PIP.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass, field

from django.utils import timezone

from inburgering import achtergrond
from inburgering.dossiers import deadlines
from inburgering.dossiers.models import Bron, Dossier
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import Fase, Soort

from ..models import Afstemmingsrun, InkomendBericht, Status, UitgaandBericht
from ..pauze import huidige_pauze
from .client import DuoClient, DuoFout, GeenAfzender, client_voor
from .handlers import LEERROUTE_VAN_DUO

logger = logging.getLogger(__name__)

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
    aantal_dossiers: int = 0
    aantal_vragen: int = 0

    def van(self, onderwerp: str) -> list[Bevinding]:
        return [b for b in self.bevindingen if b.onderwerp == onderwerp]


def heeft_afzender(gemeente) -> bool:
    """Whether DUO can be asked for this gemeente: an OIN to send as `bron`."""
    return bool(client_voor(gemeente).bron_oin)


def afstemmen(gemeente, *, client: DuoClient | None = None, peildatum=None) -> Rapport:
    peildatum = peildatum or timezone.localdate()
    client = client or client_voor(gemeente)
    rapport = Rapport(peildatum)
    if not client.bron_oin:  # not one question per dossier that cannot leave
        raise GeenAfzender
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
        rapport.aantal_dossiers += 1
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
            rapport.aantal_vragen += _vergelijk_met_duo(client, bsn, t, events, bevinding)
        except DuoFout as fout:
            rapport.aantal_vragen += 1
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


def _vergelijk_met_duo(client, bsn, t, events, bevinding) -> int:
    """Field-by-field comparison with DUO's registration of one person, with the cheapest
    questions (module docstring); returns how many questions were asked."""
    vragen = 0
    if t.pip_dagtekening:
        vragen += 1
        pip = (client.pip(bsn) or {}).get("pip")
        if pip is None:
            bevinding("verschil", "pip", t.pip_dagtekening, "geen PIP", "PIP niet bekend bij DUO.")
        else:
            if pip["dagtekeningPip"] != t.pip_dagtekening.isoformat():
                bevinding("verschil", "pip", t.pip_dagtekening, pip["dagtekeningPip"],
                          "Dagtekening PIP verschilt.")  # fmt: skip
            duo_route = LEERROUTE_VAN_DUO.get(pip["leerroute"], "")
            if t.leerroute and duo_route != t.leerroute:
                bevinding("verschil", "leerroute", t.leerroute, duo_route, "Leerroute verschilt.")
            niveau = pip.get("niveau") or ""
            ons_niveau = _ons_niveau(events)
            if ons_niveau and niveau and ons_niveau != niveau:
                bevinding("verschil", "niveau", ons_niveau, niveau, "Niveau verschilt.")
    else:
        vragen += 1
        doelgroep = client.doelgroep(bsn)
        if doelgroep is None:
            vragen += 1
            if client.inburgeringsplicht(bsn) is None:
                bevinding("verschil", "bekend_bij_duo", "lopend dossier", "onbekend",
                          "DUO kent deze persoon niet als inburgeringsplichtige.")  # fmt: skip
                return vragen
        duo_dg = "asielstatushouder" if (doelgroep or {}).get("indeling") == \
            "Asielstatushouder" else "gezinsmigrant_overig"  # fmt: skip
        if doelgroep and t.doelgroep and duo_dg != t.doelgroep:
            bevinding("verschil", "doelgroep", t.doelgroep, duo_dg, "Doelgroep verschilt.")
    ons = deadlines.inburgeringstermijn(t)
    ons_einde = getattr(ons.waarde, "einde", None) if ons is not None else None
    if ons_einde and t.termijn_duo_einde and ons_einde != t.termijn_duo_einde:
        bevinding("verschil", "termijn", ons_einde, t.termijn_duo_einde,
                  "Einddatum inburgeringstermijn verschilt van wat DUO meldde.")  # fmt: skip
    return vragen


# --- in the background ------------------------------------------------------------------------


def start(gemeente, *, door=None, op_achtergrond: bool = True) -> Afstemmingsrun:
    """A reconciliation for this gemeente, run in the background (inburgering/achtergrond.py;
    `op_achtergrond=False`: the caller runs it, as the scheduler's command does). One at a
    time per gemeente: a waiting or running one is returned instead of a second."""
    lopend = Afstemmingsrun.objects.filter(
        gemeente=gemeente, status__in=[Afstemmingsrun.Status.WACHTEND, Afstemmingsrun.Status.BEZIG]
    ).first()
    if lopend is not None:
        return lopend
    run = Afstemmingsrun.objects.create(gemeente=gemeente, aangevraagd_door=door)
    if op_achtergrond:
        achtergrond.na_commit(voer_uit, run.pk)
    return run


def voer_uit(run_id: int, *, client: DuoClient | None = None) -> bool:
    """Claim and run one waiting reconciliation; keeps its report. False when already taken."""
    if huidige_pauze() is not None:  # DUO refused our identity: ask nothing until resumed
        return False
    if not achtergrond.claim(Afstemmingsrun, run_id):
        return False
    run = Afstemmingsrun.objects.select_related("gemeente").get(pk=run_id)
    try:
        rapport = afstemmen(run.gemeente, client=client)
    except Exception as fout:  # the run must end visibly, whatever went wrong
        logger.exception("Afstemming %s mislukt", run_id)
        Afstemmingsrun.objects.filter(pk=run_id).update(
            status=Afstemmingsrun.Status.MISLUKT, klaar_op=timezone.now(), fout=type(fout).__name__
        )
        return True
    Afstemmingsrun.objects.filter(pk=run_id).update(
        status=Afstemmingsrun.Status.KLAAR,
        klaar_op=timezone.now(),
        peildatum=rapport.peildatum,
        aantal_dossiers=rapport.aantal_dossiers,
        aantal_vragen=rapport.aantal_vragen,
        bevindingen=[asdict(b) for b in rapport.bevindingen],
    )
    return True


def verwerk_wachtende() -> int:
    """The worker's round: every waiting reconciliation."""
    return sum(
        voer_uit(pk)
        for pk in Afstemmingsrun.objects.filter(status=Afstemmingsrun.Status.WACHTEND)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
