"""One handler per DUO gebeurtenisId: fetch what DUO knows, record it as dossier events.

Every event goes through `dossiers.services.registreer` with `bron=DUO` and the notification's
berichtId as `bron_referentie`, so the transition table validates it. A handler runs inside the
worker's transaction: any exception (including `OngeldigeGebeurtenis`) rolls back everything the
handler did and the notification is retried / shown to the beheerder (see `outbox.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from inburgering.accounts.models import Gemeente, Samenwerkingsverband
from inburgering.dossiers.models import Bron, Doelgroep, Dossier, DossierEvent, Inburgeraar, Regime
from inburgering.dossiers.services import NieuwDossier, open_dossier, registreer
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import FEITEN, Afsluitreden, Fase, Soort

from ..brp.client import brp_client
from ..models import InkomendBericht, Status
from .client import DuoClient, client_voor
from .dezelfde_feiten import AL_BEKEND, al_afgesloten, al_bekend

#: DUO's attention signals (Attentiesignalen), each with its meaning for the consulent: recorded
#: as a fact (`duo_attentiesignaal`) on the person's dossier.
ATTENTIESIGNALEN = {
    "SS112": "Verzoek verlenging inburgeringstermijn ingediend",
    "SS122": "Vertrokken naar andere gemeente: vul inspanningen en resultaten aan",
    "SS123": "Vertrokken uit Nederland: vul inspanningen en resultaten aan",
    "SS126": "Tien weken verstreken en nog geen leerroute vastgesteld",
    "SS127": "Nog geen inburgeringsaanbod ontvangen (leerroute al vastgesteld)",
    "SS132": "Opleidingscontract ontvangen, nog geen PIP",
    "SS133": "Opleidingscontract met taalniveau niet conform de leerroute",
    "SS135": "Opleidingscontract met te hoog taalniveau volgens de PIP (Z-route)",
    "SS136": "Opleidingscontract voor taalschakeltraject, geen onderwijsroute",
    "SS140": "Verzoek ontheffing (bijzondere individuele omstandigheden): DUO vraagt advies",
    "SS141": "Z-route voldaan: tekst voor het certificaat beschikbaar in de portal",
    "SS142": "Niet-vrijstellende opleiding beëindigd wegens uitschrijving: neem contact op, "
    "herzie zo nodig de PIP",
}
#: DUO's decisions on a request (Gebeurtenissen, "Beslissing op verzoek"): a fact
#: (`duo_besluit`) on the dossier. SS130 also resumes a plicht closed by SS109 (`hervat`).
BESLUITEN = {
    "SS113": "Verzoek verlenging afgewezen",
    "SS114": "Verzoek gehele vrijstelling afgewezen",
    "SS115": "Verzoek tijdelijke vrijstelling afgewezen",
    "SS116": "Verzoek gedeeltelijke vrijstelling afgewezen",
    "SS117": "Verzoek gedeeltelijke vrijstelling toegekend",
    "SS118": "Verzoek ontheffing afgewezen",
    "SS119": "Verzoek gedeeltelijke ontheffing toegekend",
    "SS130": "Tijdelijke vrijstelling ingetrokken: inburgeringsplicht hervat (PIP al bekend)",
}
#: Every gebeurtenisId DUO documents (Gebeurtenissen overzicht and Attentiesignalen). The
#: endpoint stores any id that matches the spec's pattern; ids outside this set are kept as
#: `onbekend` for the beheerder (a new id of DUO is never lost nor answered with an error).
CATALOGUS = frozenset(
    f"SS{n}" for n in (101, 102, 103, 104, 106, 107, 108, 109, 110, 111, 120, 121, 124, 125,
                       128, 129, 131, 137, 139, 199)
) | frozenset(ATTENTIESIGNALEN) | frozenset(BESLUITEN)  # fmt: skip
#: Signals of a new inburgeringsplichtige for the gemeente (a "wave" on the caseload page).
NIEUWE_INBURGERAAR = frozenset({"SS101", "SS128", "SS129", "SS139", "SS120", "SS121"})
LEERROUTE_VAN_DUO = {"B": "b1", "O": "onderwijs", "Z": "z"}
AFSLUITREDEN = {
    "SS106": Afsluitreden.VOLDAAN,
    "SS107": Afsluitreden.VRIJSTELLING,
    "SS108": Afsluitreden.ONTHEFFING,
    "SS109": Afsluitreden.TIJDELIJKE_VRIJSTELLING,
    "SS110": Afsluitreden.PLICHT_VERVALLEN,
    "SS111": Afsluitreden.OVERLEDEN,
}


ONBEKEND = (
    "Gebeurtenis niet in de catalogus van DUO: bewaard, niet verwerkt. Beoordeel het bericht."
)
GEEN_DOSSIER = "Geen lopend dossier van deze persoon in de gemeente: alleen bewaard."


class VerwerkingsFout(Exception):
    """The notification cannot be processed now (kept and retried; Dutch message for beheer)."""


@dataclass
class Context:
    bericht: InkomendBericht
    gemeente: Gemeente
    client: DuoClient
    #: Events written, and events left out because the dossier already held the same fact.
    nieuw: int = 0
    bekend: int = 0

    @property
    def bsn(self) -> str:
        return self.bericht.bsn

    @property
    def ref(self) -> str:
        return str(self.bericht.bericht_id)

    @property
    def datum(self) -> dt.date:
        """The notification's own date (DUO's registration), for facts without an API date."""
        return timezone.localdate(self.bericht.registratie_datumtijd)

    def registreer(
        self, dossier: Dossier, soort: Soort, datum: dt.date, **kwargs
    ) -> DossierEvent | None:
        """Record a DUO event, unless the dossier holds the same fact (`dezelfde_feiten`)."""
        datum = min(datum, timezone.localdate())
        if al_bekend(self.bericht.gebeurtenis_id, dossier, soort, datum, kwargs.get("gegevens")):
            self.bekend += 1
            return None
        self.nieuw += 1
        return registreer(dossier, soort, datum, bron=Bron.DUO, bron_referentie=self.ref, **kwargs)


Uitkomst = tuple[Dossier | None, str]
HANDLERS: dict[str, Callable[[Context], Uitkomst]] = {}


def handler(*ids: str):
    def registreer_handler(functie):
        for gebeurtenis_id in ids:
            HANDLERS[gebeurtenis_id] = functie
        return functie

    return registreer_handler


# --- the worker's entry point ---------------------------------------------------------------


def eerder_verwerkt(bericht_id) -> QuerySet[DossierEvent]:
    """The facts a notification with this berichtId already wrote (the index
    `dossiers_event_bronref` serves it: one lookup, whatever the size of the log)."""
    return DossierEvent.objects.filter(bron=Bron.DUO, bron_referentie=str(bericht_id))


def verwerk_notificatie(bericht: InkomendBericht, client: DuoClient | None = None) -> None:
    functie = HANDLERS.get(bericht.gebeurtenis_id)
    if bericht.gebeurtenis_id not in CATALOGUS:
        _klaar(bericht, Status.ONBEKEND, None, ONBEKEND)
        return
    if functie is None:
        _klaar(bericht, Status.GENEGEERD, None, "Geen actie nodig voor deze gebeurtenis.")
        return
    if not bericht.bsn:
        bsn = bsn_bij_v_nummer(bericht)
        if bsn is None:
            _klaar(bericht, Status.KOPPELEN, None, ALLEEN_V_NUMMER)
            return
        bericht.bsn = bsn
        bericht.save(update_fields=["bsn"])
    gemeente = bericht.gemeente or bepaal_gemeente(bericht.doel_oin, bericht.bsn)
    if gemeente is None:
        raise VerwerkingsFout("Niet te bepalen voor welke gemeente deze notificatie is.")
    bericht.gemeente = gemeente
    al = eerder_verwerkt(bericht.bericht_id)
    if al.exists():  # processed before (e.g. the status update was lost): do not repeat
        _klaar(bericht, Status.VERWERKT, al.first().dossier, "Al eerder verwerkt.")
        return
    afgesloten = al_afgesloten(bericht.gebeurtenis_id, AFSLUITREDEN.get(bericht.gebeurtenis_id),
                               bericht.bsn, gemeente)  # fmt: skip
    if afgesloten is not None:  # the same closing again: DUO need not even be asked
        _klaar(bericht, Status.VERWERKT, afgesloten, AL_BEKEND)
        return
    ctx = Context(bericht, gemeente, client or client_voor(gemeente))
    dossier, resultaat = functie(ctx)
    if ctx.bekend and not ctx.nieuw:
        resultaat = AL_BEKEND
    if dossier is not None and bericht.v_nummer is not None:
        onthoud_v_nummer(dossier, bericht.v_nummer)
    _klaar(bericht, Status.VERWERKT, dossier, resultaat)


ALLEEN_V_NUMMER = (
    "De notificatie bevat alleen een V-nummer dat bij geen persoon in de gemeente bekend is. "
    "DUO is alleen met een BSN te bevragen: koppel het bericht aan het BSN van de persoon."
)


def _v_nummer(waarde: int) -> str:
    """DUO sends the vNummer as an integer; the dossier keeps its 10 digits (leading zeros)."""
    return f"{waarde:010d}"


def bsn_bij_v_nummer(bericht: InkomendBericht) -> str | None:
    """The BSN of the one person with the notification's vNummer in the addressed gemeente(n),
    or None: no vNummer, nobody, or (never expected) two different people with it."""
    if bericht.v_nummer is None:
        return None
    gemeenten = Gemeente.objects.filter(
        Q(oin=bericht.doel_oin) | Q(samenwerkingsverbanden__oin=bericht.doel_oin)
    )
    if bericht.gemeente_id is not None:
        gemeenten = Gemeente.objects.filter(pk=bericht.gemeente_id)
    bsns = set(
        Inburgeraar.objects.filter(
            v_nummer=_v_nummer(bericht.v_nummer), gemeente__in=gemeenten
        ).values_list("bsn", flat=True)[:2]
    )
    return bsns.pop() if len(bsns) == 1 else None


def onthoud_v_nummer(dossier: Dossier, v_nummer: int) -> None:
    """Keep the vNummer DUO sent next to a BSN, so a later vNummer-only notification about the
    same person resolves without a manual link. A different vNummer already recorded stays."""
    Inburgeraar.objects.filter(pk=dossier.inburgeraar_id, v_nummer="").update(
        v_nummer=_v_nummer(v_nummer)
    )


def _klaar(bericht: InkomendBericht, status: str, dossier: Dossier | None, tekst: str) -> None:
    bericht.status = status
    bericht.dossier = dossier
    bericht.resultaat = tekst
    bericht.verwerkt_op = timezone.now()
    bericht.save(update_fields=["status", "dossier", "resultaat", "verwerkt_op", "gemeente"])


def bepaal_gemeente(doel_oin: str, bsn: str = "") -> Gemeente | None:
    """The gemeente a notification is for: by its OIN, or within a regional service by the
    person's open dossier, or the service's only gemeente."""
    gemeente = Gemeente.objects.filter(oin=doel_oin).first()
    if gemeente is not None:
        return gemeente
    verband = Samenwerkingsverband.objects.filter(oin=doel_oin).first()
    if verband is None:
        return None
    gemeenten = list(verband.gemeenten.all())
    if len(gemeenten) == 1:
        return gemeenten[0]
    if bsn:
        dossier = (
            Dossier.objects.select_related("gemeente")
            .filter(inburgeraar__bsn=bsn, gemeente__in=gemeenten)
            .exclude(fase=Fase.AFGEROND)
            .order_by("pk")
            .first()
        )
        if dossier is not None:
            return dossier.gemeente
    return None


# --- helpers ----------------------------------------------------------------------------------


def open_dossier_van(bsn: str, gemeente: Gemeente | None = None) -> Dossier | None:
    """The person's running dossier, that of `gemeente` first: two gemeenten may each hold one
    for a while (a registration before the move was known; see services.open_dossier)."""
    lopend = (
        Dossier.objects.select_related("gemeente")
        .filter(inburgeraar__bsn=bsn)
        .exclude(fase=Fase.AFGEROND)
    )
    if gemeente is not None:
        eigen = lopend.filter(gemeente=gemeente).first()
        if eigen is not None:
            return eigen
    return lopend.order_by("pk").first()


def _doelgroep(ctx: Context) -> tuple[str, dt.date | None]:
    data = ctx.client.doelgroep(ctx.bsn) or {}
    waarde = (
        Doelgroep.ASIELSTATUSHOUDER
        if data.get("indeling") == "Asielstatushouder"
        else Doelgroep.GEZINSMIGRANT_OVERIG
    )
    return waarde, _d(data.get("begindatum"))


def _d(waarde: str | None) -> dt.date | None:
    return dt.date.fromisoformat(waarde) if waarde else None


def _plicht(ctx: Context) -> dict:
    plicht = ctx.client.inburgeringsplicht(ctx.bsn)
    if plicht is None:
        raise VerwerkingsFout("DUO kent (nog) geen inburgeringsplicht voor deze persoon.")
    return plicht


def _inburgeraar(ctx: Context) -> Inburgeraar:
    """This gemeente's record of the person, else a new one from the BRP: never another
    gemeente's record (person data is kept per gemeente)."""
    bestaand = Inburgeraar.objects.filter(bsn=ctx.bsn, gemeente=ctx.gemeente).first()
    if bestaand is not None:
        return bestaand
    brp = brp_client().raadpleeg(ctx.bsn)  # BrpOnbereikbaar: the worker retries later
    if brp is None:
        raise VerwerkingsFout("De BRP kent deze persoon niet; dossier niet aangemaakt.")
    persoon = Inburgeraar(
        gemeente=ctx.gemeente,
        bsn=ctx.bsn,
        voornamen=brp.voornamen,
        voorvoegsel=brp.voorvoegsel,
        geslachtsnaam=brp.geslachtsnaam,
        geboortedatum=brp.geboortedatum.volledig,
        geboortedatum_onvolledig="" if brp.geboortedatum.volledig else brp.geboortedatum.opslag,
        geslacht=brp.geslacht,
        land_van_herkomst=brp.geboorteland,
        v_nummer=_v_nummer(ctx.bericht.v_nummer) if ctx.bericht.v_nummer is not None else "",
    )
    try:
        persoon.save()
    except ValidationError as fout:
        raise VerwerkingsFout(
            "Persoonsgegevens (BRP) geweigerd: " + "; ".join(fout.messages)
        ) from fout
    return persoon


def nieuw_dossier(
    ctx: Context, soort: Soort, datum: dt.date, gegevens: dict, doelgroep: str
) -> Dossier:
    """Open a dossier with its first DUO event and the doelgroep, all with the berichtId."""
    return open_dossier(
        _inburgeraar(ctx),
        NieuwDossier(
            gemeente=ctx.gemeente,
            regime=Regime.WI2021,
            doelgroep=doelgroep,
            eerste_soort=soort,
            eerste_datum=min(datum, timezone.localdate()),
            gegevens=gegevens,
        ),
        actor=None,
        bron=Bron.DUO,
        bron_referentie=ctx.ref,
    )


def _laatste_dossier(ctx: Context) -> Dossier | None:
    """The person's running dossier in the gemeente, else the latest closed one there (facts
    may be recorded after a closing: `workflow.FEITEN`), else None."""
    dossier = open_dossier_van(ctx.bsn, ctx.gemeente)
    if dossier is not None and dossier.gemeente_id == ctx.gemeente.pk and dossier.fase:
        return dossier
    return (
        Dossier.objects.filter(inburgeraar__bsn=ctx.bsn, gemeente=ctx.gemeente, fase=Fase.AFGEROND)
        .order_by("-pk")
        .first()
    )


def _vereist_dossier(ctx: Context) -> Dossier:
    dossier = open_dossier_van(ctx.bsn, ctx.gemeente)
    if dossier is None or dossier.gemeente_id != ctx.gemeente.pk or not dossier.fase:
        raise VerwerkingsFout("Er is (nog) geen lopend dossier van deze persoon in de gemeente.")
    return dossier


# --- handlers ---------------------------------------------------------------------------------


@handler("SS101", "SS128", "SS129", "SS139")
def nieuwe_inburgeringsplichtige(ctx: Context) -> Uitkomst:
    plicht = _plicht(ctx)
    if not plicht.get("indicatorInburgeringsplicht"):
        return None, "Volgens DUO geen inburgeringsplicht: geen dossier aangemaakt."
    doelgroep, _ = _doelgroep(ctx)
    datum = _d(plicht.get("datumKennisgevingInburgeringsplicht")) or _d(
        plicht.get("begindatum")
    ) or ctx.datum  # fmt: skip
    gegevens = {"gebeurtenis": ctx.bericht.gebeurtenis_id}
    dossier = open_dossier_van(ctx.bsn, ctx.gemeente)
    if dossier is None:
        return nieuw_dossier(ctx, Soort.SIGNAAL_ONTVANGEN, datum, gegevens, doelgroep), (
            "Nieuw dossier aangemaakt."
        )
    if dossier.gemeente_id != ctx.gemeente.pk:
        raise VerwerkingsFout("De persoon heeft een lopend dossier in een andere gemeente.")
    if not dossier.fase:  # every earlier event was withdrawn (wrong-law correction): revive
        ctx.registreer(dossier, Soort.SIGNAAL_ONTVANGEN, datum, gegevens=gegevens)
        ctx.registreer(dossier, Soort.DOELGROEP_VASTGESTELD, datum,
                       gegevens={"doelgroep": doelgroep})  # fmt: skip
        return dossier, "Dossier opnieuw in gebruik genomen."
    if ctx.bericht.gebeurtenis_id == "SS139":
        if dossier.brp_inschrijving_datum:
            return dossier, f"{AL_BEKEND} (inschrijving in de gemeente)"
        ctx.registreer(dossier, Soort.HUISVESTING, ctx.datum, gegevens=gegevens)
        return dossier, "Inschrijving in de huisvestingsgemeente vastgelegd."
    if dossier.kennisgeving_datum:
        return dossier, f"{AL_BEKEND} (kennisgeving)"
    ctx.registreer(dossier, Soort.SIGNAAL_ONTVANGEN, datum, gegevens=gegevens)
    return dossier, "Kennisgeving vastgelegd bij bestaand dossier."


@handler("SS120", "SS121")
def vestiging_na_verhuizing(ctx: Context) -> Uitkomst:
    plicht = _plicht(ctx)
    if not plicht.get("indicatorInburgeringsplicht"):
        return None, "Volgens DUO geen inburgeringsplicht: geen dossier aangemaakt."
    doelgroep, _ = _doelgroep(ctx)
    met_pip = ctx.bericht.gebeurtenis_id == "SS121"
    pip = (ctx.client.pip(ctx.bsn) or {}).get("pip") if met_pip else None
    termijn = ctx.client.inburgeringstermijn(ctx.bsn) if met_pip else None
    oud = open_dossier_van(ctx.bsn, ctx.gemeente)
    if oud is not None and oud.gemeente_id == ctx.gemeente.pk:
        return oud, f"{AL_BEKEND} (lopend dossier in deze gemeente)"
    if oud is not None:
        ctx.registreer(oud, Soort.DOSSIER_AFGESLOTEN, ctx.datum,
                       gegevens={"reden": Afsluitreden.VERHUISD})  # fmt: skip
    gegevens = {"pip_vorige_gemeente": met_pip and pip is not None}
    if pip:
        gegevens["leerroute"] = LEERROUTE_VAN_DUO.get(pip["leerroute"], "")
    dossier = nieuw_dossier(ctx, Soort.VESTIGING_NA_VERHUIZING, ctx.datum, gegevens, doelgroep)
    if termijn:
        gegevens = {"start": termijn["startdatum"], "einde": termijn["einddatum"]}
        ctx.registreer(dossier, Soort.TERMIJN_DUO, _d(termijn["startdatum"]), gegevens=gegevens)
    tekst = "Dossier geopend na verhuizing" + (" (vorige dossier afgesloten)." if oud else ".")
    return dossier, tekst


@handler("SS124", "SS125")
def doelgroep_gewijzigd(ctx: Context) -> Uitkomst:
    dossier = _vereist_dossier(ctx)
    doelgroep, begindatum = _doelgroep(ctx)
    ctx.registreer(dossier, Soort.DOELGROEP_VASTGESTELD, begindatum or ctx.datum,
                   gegevens={"doelgroep": doelgroep})  # fmt: skip
    return dossier, "Doelgroep bijgewerkt."


@handler(*AFSLUITREDEN)
def plicht_beeindigd(ctx: Context) -> Uitkomst:
    plicht = _plicht(ctx)
    dossier = open_dossier_van(ctx.bsn, ctx.gemeente)
    if dossier is None or dossier.gemeente_id != ctx.gemeente.pk or not dossier.fase:
        return None, "Geen lopend dossier in deze gemeente; niets af te sluiten."
    gebeurtenis = ctx.bericht.gebeurtenis_id
    if (
        gebeurtenis == "SS110"
        and not plicht.get("indicatorInburgeringsplicht")
        and not plicht.get("begindatum")
    ):
        return trek_duo_registraties_in(ctx, dossier)
    gegevens = {"reden": AFSLUITREDEN[gebeurtenis], "gebeurtenis": gebeurtenis}
    if plicht.get("redenGeenInburgeringsplicht"):
        gegevens["reden_duo"] = plicht["redenGeenInburgeringsplicht"]
    if gebeurtenis in ("SS107", "SS109"):
        gegevens["vrijstellingen"] = ctx.client.vrijstellingen(ctx.bsn)
    if gebeurtenis == "SS108":
        gegevens["ontheffingen"] = ctx.client.ontheffingen(ctx.bsn)
    datum = _d(plicht.get("einddatum")) or _d(plicht.get("wijzigingsdatum")) or ctx.datum
    ctx.registreer(dossier, Soort.DOSSIER_AFGESLOTEN, datum, gegevens=gegevens)
    return dossier, f"Dossier afgesloten ({AFSLUITREDEN[gebeurtenis].label})."


def trek_duo_registraties_in(ctx: Context, dossier: Dossier) -> Uitkomst:
    """DUO withdrew the plicht as never having existed under this law (wrong-law correction):
    withdraw every DUO event of the dossier, facts first so the history stays valid."""
    ingetrokken = set(
        DossierEvent.objects.filter(dossier=dossier, soort=Soort.INTREKKING).values_list(
            "corrigeert_id", flat=True
        )
    )
    events = [
        e for e in dossier.events.filter(bron=Bron.DUO).exclude(soort=Soort.INTREKKING)
        if e.pk not in ingetrokken
    ]  # fmt: skip
    events.sort(key=lambda e: (e.soort not in FEITEN, -e.pk))
    for event in events:
        gegevens = {"gebeurtenis": "SS110", "toelichting": "verkeerde_wet"}
        ctx.registreer(dossier, Soort.INTREKKING, ctx.datum, corrigeert=event, gegevens=gegevens)
    return dossier, f"Correctie van DUO: {len(events)} registratie(s) ingetrokken."


@handler("SS102", "SS103", "SS104")
def termijn(ctx: Context) -> Uitkomst:
    dossier = _vereist_dossier(ctx)
    t = ctx.client.inburgeringstermijn(ctx.bsn)
    if t is None:
        raise VerwerkingsFout("DUO heeft (nog) geen inburgeringstermijn voor deze persoon.")
    datum = _d(t["startdatum"]) if ctx.bericht.gebeurtenis_id == "SS102" else None
    gegevens = {"start": t["startdatum"], "einde": t["einddatum"]}
    if t.get("verlengingsgrondcode"):
        gegevens["verlengingsgrond"] = t["verlengingsgrondcode"]
    ctx.registreer(dossier, Soort.TERMIJN_DUO, datum or _d(t.get("wijzigingsdatum")) or ctx.datum,
                   gegevens=gegevens)  # fmt: skip
    return dossier, "Inburgeringstermijn van DUO vastgelegd."


@handler("SS137")
def lbt_aangemeld(ctx: Context) -> Uitkomst:
    dossier = _vereist_dossier(ctx)
    if ctx.client.lbt_examennummer(ctx.bsn) is None:
        return dossier, "Volgens DUO niet (meer) aangemeld voor de leerbaarheidstoets."
    ctx.registreer(dossier, Soort.LBT_AANGEMELD, ctx.datum)
    return dossier, "Aanmelding leerbaarheidstoets vastgelegd."


@handler("SS131")
def lbt_afgenomen(ctx: Context) -> Uitkomst:
    dossier = _vereist_dossier(ctx)
    resultaten = sorted(ctx.client.lbt_resultaten(ctx.bsn), key=lambda r: r["datumAfname"])
    if not resultaten:
        raise VerwerkingsFout("DUO geeft (nog) geen resultaat van de leerbaarheidstoets.")
    r = resultaten[-1]
    score = round(float(r["behaaldeScore"].replace(",", ".")))
    ctx.registreer(dossier, Soort.LBT_AFGENOMEN, _d(r["datumAfname"]), gegevens={
        "score": score, "behaalde_score": r["behaaldeScore"],
        "benodigde_score": r["benodigdeScore"], "resultaat": r["resultaat"],
    })  # fmt: skip
    return dossier, f"Leerbaarheidstoets: {r['resultaat']}."


@handler("SS199")
def examenresultaat(ctx: Context) -> Uitkomst:
    # A result after the closing (e.g. voldaan by SS106) still belongs to the dossier.
    dossier = _laatste_dossier(ctx)
    if dossier is None:
        raise VerwerkingsFout("Er is (nog) geen dossier van deze persoon in de gemeente.")
    for r in ctx.client.examenresultaten(ctx.bsn):  # known results: see dezelfde_feiten
        ctx.registreer(dossier, Soort.EXAMENRESULTAAT, _d(r["examendatum"]), gegevens={
            "onderdeel": r["onderdeel"], "resultaat": r["resultaat"],
            "niveau": r.get("niveau", ""), "examendatum": r["examendatum"],
            "reden_geen_resultaat": r.get("redenGeenResultaat", ""),
        })  # fmt: skip
    return dossier, f"{ctx.nieuw} nieuw(e) examenresultaat/-resultaten vastgelegd."


def _signaal(ctx: Context, soort: Soort, omschrijving: str, extra: dict | None = None) -> Uitkomst:
    """Record DUO's signal or decision as a fact on the person's dossier in the gemeente (the
    running one, else the latest closed one); without a dossier it is only kept."""
    dossier = _laatste_dossier(ctx)
    if dossier is None:
        return None, GEEN_DOSSIER
    gebeurtenis = ctx.bericht.gebeurtenis_id
    gegevens = {"gebeurtenis": gebeurtenis, "omschrijving": omschrijving, **(extra or {})}
    ctx.registreer(dossier, soort, ctx.datum, gegevens=gegevens)
    tekst = f"{gebeurtenis} vastgelegd: {omschrijving}."
    if dossier.fase == Fase.AFGEROND:
        tekst += " (bij het afgesloten dossier)"
    return dossier, tekst


@handler(*ATTENTIESIGNALEN)
def attentiesignaal(ctx: Context) -> Uitkomst:
    return _signaal(ctx, Soort.DUO_ATTENTIESIGNAAL, ATTENTIESIGNALEN[ctx.bericht.gebeurtenis_id])


@handler(*BESLUITEN)
def besluit(ctx: Context) -> Uitkomst:
    gebeurtenis = ctx.bericht.gebeurtenis_id
    if gebeurtenis == "SS130":
        hervat = _hervat_na_tijdelijke_vrijstelling(ctx)
        if hervat is not None:
            return hervat
    extra = {}
    if gebeurtenis in DEELBESLUITEN:
        bron, sleutel = DEELBESLUITEN[gebeurtenis]
        extra["onderdelen"] = toegekende_onderdelen(getattr(ctx.client, bron)(ctx.bsn), sleutel)
    return _signaal(ctx, Soort.DUO_BESLUIT, BESLUITEN[gebeurtenis], extra)


#: Partial decisions granted: where DUO lists the components (Vrijstelling / Ontheffing API).
DEELBESLUITEN = {
    "SS117": ("vrijstellingen", "GedeeltelijkeVrijstelling"),
    "SS119": ("ontheffingen", "GedeeltelijkeOntheffing"),
}


def toegekende_onderdelen(lijst: list, sleutel: str) -> list[str]:
    """The exam components of the granted partial decisions in DUO's answer (sorted codes)."""
    onderdelen = set()
    for item in lijst or []:
        besluiten = item.get(sleutel) if isinstance(item, dict) else None
        for besluit in besluiten if isinstance(besluiten, list) else [besluiten]:
            if (
                isinstance(besluit, dict)
                and besluit.get("oordeel") == "Toekenning"
                and besluit.get("examenonderdeel")
            ):
                onderdelen.add(str(besluit["examenonderdeel"]))
    return sorted(onderdelen)


def _hervat_na_tijdelijke_vrijstelling(ctx: Context) -> Uitkomst | None:
    """SS130: DUO withdrew the tijdelijke vrijstelling and the earlier plicht resumes with the
    PIP already known. When the person has no running dossier in the gemeente and the latest
    one was closed by the tijdelijke vrijstelling (SS109), that closing is withdrawn
    (`intrekking`): the fold puts the dossier back in the phase it had (PIP, leerroute), with
    no change to the transition table. The decision itself is recorded as a fact, and DUO's
    current termijn when it has one. None: nothing to resume (the decision is only recorded)."""
    if open_dossier_van(ctx.bsn, ctx.gemeente) is not None:
        return None
    dossier = _laatste_dossier(ctx)
    if dossier is None or dossier.afsluitreden != Afsluitreden.TIJDELIJKE_VRIJSTELLING:
        return None
    afsluiting = (
        dossier.events.filter(soort=Soort.DOSSIER_AFGESLOTEN)
        .exclude(pk__in=DossierEvent.objects.filter(soort=Soort.INTREKKING, dossier=dossier)
                 .values("corrigeert_id"))
        .order_by("-datum", "-pk")
        .first()
    )  # fmt: skip
    if afsluiting is None:
        return None
    gegevens = {"gebeurtenis": "SS130", "toelichting": "tijdelijke_vrijstelling_ingetrokken"}
    ctx.registreer(dossier, Soort.INTREKKING, ctx.datum, corrigeert=afsluiting, gegevens=gegevens)
    gegevens = {"gebeurtenis": "SS130", "omschrijving": BESLUITEN["SS130"]}
    ctx.registreer(dossier, Soort.DUO_BESLUIT, ctx.datum, gegevens=gegevens)
    t = ctx.client.inburgeringstermijn(ctx.bsn)
    if t is not None:
        gegevens = {"start": t["startdatum"], "einde": t["einddatum"]}
        if t.get("verlengingsgrondcode"):
            gegevens["verlengingsgrond"] = t["verlengingsgrondcode"]
        ctx.registreer(dossier, Soort.TERMIJN_DUO, _d(t.get("wijzigingsdatum")) or ctx.datum,
                       gegevens=gegevens)  # fmt: skip
    return dossier, "Tijdelijke vrijstelling ingetrokken: dossier heropend, plicht hervat."


def toestand_van(dossier: Dossier):
    return bereken_toestand(dossier.events.all())
