"""The termijn during the route: its end and extension, DUO's decisions on vrijstelling and
ontheffing, the college's advice, and the end of the termijn (docs/adr/0023).

Everything is computed from what is recorded: the dossier's event log (PIP, DUO's termijn and
decisions, the extension facts of this app), the placements and hours of `traject`, and DUO's
exam results (`examens`). The law is in `inburgering.wet`; this module maps the records onto
the rules' inputs and writes events through `dossiers.services` only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Min, Q
from django.utils.translation import gettext as _

from inburgering import wet
from inburgering.accounts.models import Gebruiker
from inburgering.dossiers import deadlines
from inburgering.dossiers.gebeurtenissen import beschrijf
from inburgering.dossiers.models import Doelgroep, Dossier, DossierEvent
from inburgering.dossiers.services import Nieuw, registreer, registreer_reeks
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.dossiers.toestand import (
    DossierToestand,
    OngeldigeGebeurtenis,
    bereken_toestand,
    geldige_events,
)
from inburgering.dossiers.workflow import Afsluitreden, Fase, Soort
from inburgering.examens import services as examens
from inburgering.examens.models import Onderdeel
from inburgering.labels import label
from inburgering.traject.models import PlaatsingStatus, Productsoort
from inburgering.traject.services import aanwezigheidsnorm, plaatsingen_van
from inburgering.traject.uren import NT2, TAALLES, geldende_uren
from inburgering.wet.kalender import plus_maanden

from .keuzes import Advies, Besluituitkomst, Verlengingsgrond
from .taken import ADVIESVERZOEK

#: The worklist looks ahead six months (the extension window, Besluit 4.5 lid 1) and marks
#: the last three.
VOORUIT_MAANDEN = 6
KORT_MAANDEN = 3
#: An extension decision states its duration (Besluit 4.5 lid 4); this bounds a typing error.
MAX_VERLENGING_MAANDEN = 24

#: DUO's decisions on a request (SS113-SS119) by subject, for the Termijn tab.
BESLUITONDERWERP = {
    "SS113": "verlenging",
    "SS114": "vrijstelling",
    "SS115": "vrijstelling",
    "SS116": "vrijstelling",
    "SS117": "vrijstelling",
    "SS118": "ontheffing",
    "SS119": "ontheffing",
    "SS130": "vrijstelling",
}
TOEGEKEND = frozenset({"SS117", "SS119"})
#: DUO's signal that the person applied for an extension at DUO.
VERZOEK_VERLENGING = "SS112"


class TermijnFout(OngeldigeGebeurtenis):
    """The action does not fit the termijn (Dutch message with the article)."""


@dataclass(frozen=True)
class Besluit:
    """One decision of DUO on the dossier (from its own event or the consulent's record)."""

    datum: dt.date
    onderwerp: str  # verlenging, vrijstelling, ontheffing
    toegekend: bool
    omschrijving: str
    onderdelen: tuple[str, ...] = ()
    gebeurtenis: str = ""


@dataclass(frozen=True)
class Adviesverzoek:
    event: DossierEvent
    uiterlijk: wet.Uitkomst[dt.date]
    advies: DossierEvent | None

    @property
    def open(self) -> bool:
        return self.advies is None

    @property
    def advies_tekst(self) -> str:
        return beschrijf(self.advies.soort, self.advies.gegevens) if self.advies else ""


@dataclass(frozen=True)
class Onderdeelstand:
    code: str
    behaald: bool
    vrijgesteld: bool

    @property
    def open(self) -> bool:
        return not (self.behaald or self.vrijgesteld)

    @property
    def naam(self) -> str:
        return label(Onderdeel, self.code)


@dataclass
class Termijnbeeld:
    """Everything the Termijn tab and the worklist show for one dossier on `peildatum`."""

    dossier: Dossier
    peildatum: dt.date
    toestand: DossierToestand
    termijn: wet.Uitkomst[wet.Termijn] | None = None
    einde: dt.date | None = None
    einde_duo: dt.date | None = None
    verlengingen: list[DossierEvent] = field(default_factory=list)
    aanvragen: list[DossierEvent] = field(default_factory=list)
    besluiten: list[Besluit] = field(default_factory=list)
    leerroute: wet.Leerroute | None = None
    niveau: str = ""
    doelgroep: wet.Doelgroep = wet.Doelgroep.GEZINSMIGRANT_OVERIG
    uren_taalles: Decimal = Decimal(0)
    uren_per_soort: dict[str, Decimal] = field(default_factory=dict)
    aanwezigheid: wet.Uitkomst[Decimal | None] | None = None
    norm: int = 80
    alle_lessen_gevolgd: bool = False
    pvt_afgerond: bool = False
    map_afgerond: bool = False
    onderdelen: list[Onderdeelstand] = field(default_factory=list)
    vrijgesteld: frozenset[wet.Examenonderdeel] = frozenset()
    zroute: wet.Uitkomst[wet.ZrouteStand] | None = None
    inspanningen: wet.Uitkomst[wet.Inspanningenbeoordeling] | None = None
    venster: wet.Uitkomst[wet.Aanvraagvenster] | None = None
    ambtshalve: wet.Uitkomst[wet.AmbtshalveVerlenging] | None = None
    geen_verwijt: wet.Uitkomst[wet.GeenVerwijtBeoordeling] | None = None
    plichtstand: wet.Uitkomst[wet.Plichtstand] | None = None
    boete_art24: wet.Uitkomst[wet.DuoBoeteVerwachting] | None = None
    boete_art25: wet.Uitkomst[wet.DuoBoeteVerwachting] | None = None
    adviesverzoeken: list[Adviesverzoek] = field(default_factory=list)
    routewijziging: wet.Uitkomst[tuple[str, ...]] | None = None

    @property
    def aanvraagregels(self) -> list[tuple[dt.date, str]]:
        return [(e.datum, beschrijf(e.soort, e.gegevens)) for e in self.aanvragen]

    @property
    def heeft_termijn(self) -> bool:
        return self.einde is not None

    @property
    def dagen_tot_einde(self) -> int | None:
        return (self.einde - self.peildatum).days if self.einde else None

    @property
    def verstreken(self) -> bool:
        return self.einde is not None and self.peildatum > self.einde

    @property
    def binnen_kort(self) -> bool:
        """Ends within three months (and has not yet ended)."""
        return (
            self.einde is not None
            and not self.verstreken
            and self.einde <= plus_maanden(self.peildatum, KORT_MAANDEN)
        )

    @property
    def venster_open(self) -> bool:
        v = self.venster.waarde if self.venster else None
        return v is not None and v.vroegst <= self.peildatum <= (v.laatst or self.peildatum)

    @property
    def aanvraag_lopend(self) -> bool:
        """An application recorded after the last decision on it."""
        if not self.aanvragen:
            return False
        laatste = self.aanvragen[-1]
        return not any(
            b.onderwerp == "verlenging" and b.datum >= laatste.datum for b in self.besluiten
        )

    @property
    def open_onderdelen(self) -> list[str]:
        return [o.code for o in self.onderdelen if o.open]

    @property
    def open_punten(self) -> tuple[str, ...]:
        return self.plichtstand.waarde.ontbrekend if self.plichtstand else ()

    @property
    def boete_cents(self) -> int:
        return sum(
            b.waarde.bedrag_cents
            for b in (self.boete_art24, self.boete_art25)
            if b and b.waarde.boete
        )

    @property
    def boete_euro(self) -> str:
        return wet.boetes.euro(self.boete_cents)

    @property
    def verlenging_mogelijk(self) -> bool:
        return bool(
            not self.verstreken
            and not self.aanvraag_lopend
            and (
                (self.inspanningen and self.inspanningen.waarde.voldaan)
                or (self.geen_verwijt and self.geen_verwijt.waarde.grond_aanwezig)
            )
        )

    @property
    def adviezen_open(self) -> list[Adviesverzoek]:
        return [a for a in self.adviesverzoeken if a.open]


# --- reading the records -------------------------------------------------------------------------


def _iso(waarde: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(waarde)) if waarde else None
    except ValueError:
        return None


def _besluiten(events: Iterable[DossierEvent]) -> list[Besluit]:
    lijst = []
    for e in events:
        g = e.gegevens or {}
        if e.soort == Soort.DUO_BESLUIT and g.get("gebeurtenis") in BESLUITONDERWERP:
            code = g["gebeurtenis"]
            lijst.append(
                Besluit(
                    e.datum, BESLUITONDERWERP[code], code in TOEGEKEND,
                    str(g.get("omschrijving") or code), tuple(g.get("onderdelen") or ()), code,
                )
            )  # fmt: skip
        elif e.soort == Soort.VERLENGING_BESLUIT:
            toegekend = g.get("uitkomst") == Besluituitkomst.TOEGEKEND
            tekst = (
                _("Verlenging toegekend: %(n)s maanden") % {"n": g.get("maanden")}
                if toegekend
                else _("Verlenging afgewezen")
            )
            if g.get("ambtshalve"):
                tekst += " " + _("(ambtshalve)")
            lijst.append(Besluit(e.datum, "verlenging", toegekend, tekst))
        elif e.soort == Soort.TERMIJN_DUO and g.get("verlengingsgrond"):
            lijst.append(
                Besluit(
                    e.datum, "verlenging", True,
                    _("Termijn verlengd volgens DUO tot %(d)s (grond %(g)s)")
                    % {"d": g.get("einde"), "g": g["verlengingsgrond"]},
                )
            )  # fmt: skip
    return lijst


def _vrijgesteld(besluiten: list[Besluit]) -> frozenset[wet.Examenonderdeel]:
    codes = {o for b in besluiten if b.toegekend for o in b.onderdelen}
    bekend = {o.value for o in wet.Examenonderdeel}
    return frozenset(wet.Examenonderdeel(c) for c in codes if c in bekend)


def _termijn(
    toestand: DossierToestand, verlengingen: list[DossierEvent]
) -> tuple[wet.Uitkomst[wet.Termijn] | None, dt.date | None]:
    """The computed termijn (Wi art. 11) after the granted extensions recorded here, and the end
    that counts: DUO's own end date when it is later (DUO decides the termijn; its SS103/SS104
    carry extensions this app may not have seen), else ours."""
    uitkomst = deadlines.inburgeringstermijn(toestand)
    if uitkomst is not None:
        for e in verlengingen:
            g = e.gegevens or {}
            if _iso(g.get("termijn_einde")):
                termijn = wet.Termijn(uitkomst.waarde.start, _iso(g["termijn_einde"]))  # type: ignore[arg-type]
                uitkomst = wet.Uitkomst(
                    termijn, (*uitkomst.grondslagen, wet.termijnen.G_DUUR_IN_BESCHIKKING),
                    _("De termijn loopt na het besluit van DUO tot en met %(d)s.")
                    % {"d": termijn.einde.strftime("%d-%m-%Y")},
                    regel="verlengde_termijn",
                )  # fmt: skip
            else:
                uitkomst = wet.verlengde_termijn(uitkomst.waarde, int(g.get("maanden") or 0))
    ons = uitkomst.waarde.einde if uitkomst else None
    kandidaten = [d for d in (ons, toestand.termijn_duo_einde) if d]
    return uitkomst, max(kandidaten) if kandidaten else None


def _uren(dossier: Dossier) -> tuple[dict[str, Decimal], list, Any]:
    plaatsingen = list(plaatsingen_van(dossier))
    uren = geldende_uren(plaatsingen)
    per_soort: dict[str, Decimal] = defaultdict(Decimal)
    perioden: list[wet.Urenperiode] = []
    for p in plaatsingen:
        rijen = uren.get(p.pk, [])
        per_soort[p.contract.product.soort] += sum((r.aanwezig for r in rijen), Decimal(0))
        if p.contract.product.soort in TAALLES:
            perioden += [
                wet.Urenperiode(r.periode_begin, r.periode_einde, r.aangeboden, r.aanwezig)
                for r in rijen
            ]
    return dict(per_soort), plaatsingen, wet.aanwezigheidspercentage(perioden)


def _afgerond(plaatsingen, soort: str) -> bool:
    return any(
        p.contract.product.soort == soort and p.status == PlaatsingStatus.AFGEROND
        for p in plaatsingen
    )


def beeld(dossier: Dossier, peildatum: dt.date) -> Termijnbeeld:
    """The termijn of `dossier` on `peildatum`, computed from the records by the rules."""
    events = list(dossier.events.all())
    toestand = bereken_toestand(events)
    geldig = [e for e in geldige_events(events) if e.datum <= peildatum]
    b = Termijnbeeld(dossier, peildatum, toestand)
    b.verlengingen = [
        e
        for e in geldig
        if e.soort == Soort.VERLENGING_BESLUIT
        and (e.gegevens or {}).get("uitkomst") == Besluituitkomst.TOEGEKEND
    ]
    # An application recorded here, or the one the person filed at DUO (signal SS112).
    b.aanvragen = [
        e
        for e in geldig
        if e.soort == Soort.VERLENGING_AANGEVRAAGD
        or (
            e.soort == Soort.DUO_ATTENTIESIGNAAL
            and (e.gegevens or {}).get("gebeurtenis") == VERZOEK_VERLENGING
        )
    ]
    b.besluiten = _besluiten(geldig)
    b.vrijgesteld = _vrijgesteld(b.besluiten)
    b.einde_duo = toestand.termijn_duo_einde
    b.termijn, b.einde = _termijn(toestand, b.verlengingen)
    adviezen = {
        (e.gegevens or {}).get("signaal"): e for e in geldig if e.soort == Soort.ONTHEFFINGSADVIES
    }
    b.adviesverzoeken = [
        Adviesverzoek(e, wet.ontheffing_advies_uiterlijk(e.datum), adviezen.get(e.pk))
        for e in geldig
        if e.soort == Soort.DUO_ATTENTIESIGNAAL
        and (e.gegevens or {}).get("gebeurtenis") == ADVIESVERZOEK
    ]
    b.doelgroep = (
        wet.Doelgroep.ASIELSTATUSHOUDER
        if dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
        else wet.Doelgroep.GEZINSMIGRANT_OVERIG
    )
    grond = examens.pip_grond(dossier)
    if grond is not None:
        b.leerroute = {"b1": wet.Leerroute.B1, "onderwijs": wet.Leerroute.ONDERWIJS}.get(
            grond.leerroute, wet.Leerroute.Z if grond.leerroute == "z" else None
        )
        b.niveau = grond.niveau
    per_soort, plaatsingen, aanwezigheid = _uren(dossier)
    b.uren_per_soort = per_soort
    b.uren_taalles = sum((per_soort.get(s, Decimal(0)) for s in TAALLES), Decimal(0))
    b.aanwezigheid = aanwezigheid
    b.norm = aanwezigheidsnorm(dossier.gemeente)
    # Documented choice (ADR 0023): "alle lessen gevolgd, buiten geoorloofd verzuim" (Besluit
    # 4.4 lid 2 onder b) is read as attendance at or above the gemeente's norm over all
    # recorded NT2 and KNM hours; without recorded hours it is not met.
    b.alle_lessen_gevolgd = aanwezigheid.waarde is not None and aanwezigheid.waarde >= b.norm
    b.pvt_afgerond = _afgerond(plaatsingen, Productsoort.PVT)
    b.map_afgerond = _afgerond(plaatsingen, Productsoort.MAP)
    plan = examens.plan_van(grond)
    behaald: set[wet.Examenonderdeel] = set()
    if plan is not None:
        standen = wet.examenstand(plan.waarde, examens.uitslagen(dossier)).waarde
        behaald = {s.onderdeel for s in standen if s.behaald}
        b.onderdelen = [
            Onderdeelstand(r.onderdeel.value, r.onderdeel in behaald, r.onderdeel in b.vrijgesteld)
            for r in plan.waarde
            if r.vereist
        ]
    if b.leerroute is wet.Leerroute.Z or per_soort.get(Productsoort.Z_ROUTE):
        b.zroute = wet.zroute_voortgang(
            doelgroep=b.doelgroep,
            cursusuren=per_soort.get(Productsoort.Z_ROUTE, Decimal(0)),
            participatie_uren=per_soort.get(Productsoort.OVERBRUGGING, Decimal(0)),
            map_uren=per_soort.get(Productsoort.MAP, Decimal(0)),
            pvt_uren=per_soort.get(Productsoort.PVT, Decimal(0)),
        )
    if b.leerroute is not None:
        zroute_behaald = bool(
            b.zroute and b.zroute.waarde.cursus_voldaan and b.zroute.waarde.participatie_voldaan
        )
        b.plichtstand = wet.inburgeringsplicht_voldaan(
            leerroute=b.leerroute,
            pvt_afgerond=b.pvt_afgerond,
            map_afgerond=b.map_afgerond,
            behaalde_onderdelen=frozenset(behaald),
            vrijgestelde_onderdelen=b.vrijgesteld,
            zroute_behaald=zroute_behaald,
        )
        b.inspanningen = wet.verlenging_aanzienlijke_inspanningen(
            wet.InspanningenInvoer(
                doelgroep=b.doelgroep,
                leerroute=b.leerroute,
                niveau_pip=wet.Taalniveau(b.niveau) if b.niveau in ("A2", "B1") else None,
                alle_lessen_gevolgd=b.alle_lessen_gevolgd,
                gevolgde_uren=b.uren_taalles,
                behaalde_onderdelen=frozenset(behaald | set(b.vrijgesteld)),
                pvt_afgerond=b.pvt_afgerond,
                map_afgerond=b.map_afgerond,
            )
        )
    laatste = b.aanvragen[-1].gegevens if b.aanvragen else {}
    b.geen_verwijt = wet.verlenging_geen_verwijt(
        doelgroep=b.doelgroep,
        omstandigheid_belette_deelname=bool(laatste.get("omstandigheid")),
        niet_vrijstellende_opleiding=bool(laatste.get("niet_vrijstellende_opleiding")),
        aanbod_niet_geleverd=bool(laatste.get("aanbod_niet_geleverd")),
    )
    if b.einde is not None:
        b.venster = wet.verlenging_aanvraagvenster(b.einde)
        b.ambtshalve = wet.verlenging_ambtshalve(b.einde)
        if b.plichtstand is not None:
            stand = b.plichtstand.waarde
            pvt_map = b.pvt_afgerond and (b.map_afgerond or b.leerroute is wet.Leerroute.ONDERWIJS)
            b.boete_art24 = wet.duo_boete_verwachting(
                wet.DuoBoete.PVT_MAP_NIET_AFGEROND, termijn_einde=b.einde, peildatum=peildatum,
                afgerond=pvt_map, doelgroep=b.doelgroep,
            )  # fmt: skip
            route_open = any(
                "niet behaald" in o or "zelfredzaamheidsroute" in o for o in stand.ontbrekend
            )
            b.boete_art25 = wet.duo_boete_verwachting(
                wet.DuoBoete.LEERROUTE_NIET_BEHAALD, termijn_einde=b.einde, peildatum=peildatum,
                afgerond=not route_open, doelgroep=b.doelgroep,
            )  # fmt: skip
    b.routewijziging = _routewijziging(dossier, b.leerroute, plaatsingen)
    return b


def _routewijziging(
    dossier: Dossier, leerroute: wet.Leerroute | None, plaatsingen
) -> wet.Uitkomst[tuple[str, ...]] | None:
    """Besluit 5.3 lid 6: a running placement in another route than the PIP's means the route
    was changed without a new PIP version; the PIP must be adapted."""
    if leerroute is None:
        return None
    routes = {
        Productsoort.B1_ROUTE: wet.Leerroute.B1,
        Productsoort.ONDERWIJSROUTE: wet.Leerroute.ONDERWIJS,
        Productsoort.Z_ROUTE: wet.Leerroute.Z,
    }
    lopend = [
        routes[p.contract.product.soort]
        for p in plaatsingen
        if p.contract.product.soort in NT2
        and p.status in (PlaatsingStatus.AANGEMELD, PlaatsingStatus.INTAKE, PlaatsingStatus.GESTART)
    ]
    if not lopend or lopend[0] is leerroute:
        return None
    return wet.pip_aanpassing_na_routewijziging(
        leerroute_pip=leerroute, leerroute_besluit=lopend[0]
    )


# --- recording -----------------------------------------------------------------------------------


def _met_artikel(uitkomst: wet.Uitkomst[Any]) -> str:
    return f"{uitkomst.uitleg} ({'; '.join(str(g) for g in uitkomst.grondslagen)})"


def vraag_verlenging_aan(
    dossier: Dossier,
    *,
    datum: dt.date,
    grond: str,
    actor: Gebruiker | None,
    aanbod_niet_geleverd: bool = False,
    omstandigheid: bool = False,
    niet_vrijstellende_opleiding: bool = False,
    toelichting: str = "",
) -> DossierEvent:
    """Record the application for an extension (or the gemeente's proposal to DUO to extend ex
    officio). Refused outside the window of Besluit 4.5 lid 1 (lid 2 for ex officio: from six
    months before expiry), with the article."""
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        b = beeld(dossier, datum)
        if b.einde is None:
            raise TermijnFout(
                _("Er is nog geen inburgeringstermijn: die begint met het eerste PIP (Wi art. 11).")
            )
        if grond not in Verlengingsgrond.values:
            raise TermijnFout(_("Kies de grond voor de verlenging."))
        if b.aanvraag_lopend:
            raise TermijnFout(
                _("Er loopt al een aanvraag tot verlenging; leg eerst het besluit vast.")
            )
        venster = wet.verlenging_aanvraagvenster(b.einde, aanvraagdatum=datum)
        if not venster.waarde.binnen_venster:
            raise TermijnFout(_met_artikel(venster))
        if grond == Verlengingsgrond.GEEN_VERWIJT and not (
            aanbod_niet_geleverd or omstandigheid or niet_vrijstellende_opleiding
        ):
            raise TermijnFout(
                _(
                    "Geef aan waarom het overschrijden niet verwijtbaar is (Wi art. 12 lid 1 "
                    "onder a; Besluit art. 4.3)."
                )
            )
        gegevens = {
            "grond": grond,
            "termijn_einde": b.einde.isoformat(),
            "aanbod_niet_geleverd": aanbod_niet_geleverd,
            "omstandigheid": omstandigheid,
            "niet_vrijstellende_opleiding": niet_vrijstellende_opleiding,
            "inspanningen_voldaan": bool(b.inspanningen and b.inspanningen.waarde.voldaan),
        }
        return registreer(
            dossier, Soort.VERLENGING_AANGEVRAAGD, datum, actor=actor, gegevens=gegevens,
            toelichting=toelichting,
        )  # fmt: skip


def registreer_verlengingsbesluit(
    dossier: Dossier,
    *,
    datum: dt.date,
    uitkomst: str,
    actor: Gebruiker | None,
    maanden: int = 0,
    ambtshalve: bool = False,
    toelichting: str = "",
) -> DossierEvent:
    """Record DUO's decision on the extension. A decision on an application needs the
    application; an ex officio decision for one person is not given earlier than six months
    before the termijn expires (Besluit 4.5 lid 2); a granted one states its duration (lid 4)."""
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        b = beeld(dossier, datum)
        if b.einde is None:
            raise TermijnFout(
                _("Er is nog geen inburgeringstermijn: die begint met het eerste PIP (Wi art. 11).")
            )
        if uitkomst not in Besluituitkomst.values:
            raise TermijnFout(_("Kies de uitkomst van het besluit."))
        toegekend = uitkomst == Besluituitkomst.TOEGEKEND
        if toegekend and not 1 <= maanden <= MAX_VERLENGING_MAANDEN:
            raise TermijnFout(
                _(
                    "Vul de duur van de verlenging in maanden in, zoals in de beschikking staat "
                    "(Besluit art. 4.5 lid 4)."
                )
            )
        if ambtshalve:
            regel = wet.verlenging_ambtshalve(b.einde, beschikkingsdatum=datum)
            if not regel.waarde.toegestaan:
                raise TermijnFout(_met_artikel(regel))
        elif not b.aanvraag_lopend:
            raise TermijnFout(
                _(
                    "Er is geen aanvraag tot verlenging vastgelegd waarop DUO beslist; leg eerst "
                    "de aanvraag vast of kies ambtshalve (Besluit art. 4.5)."
                )
            )
        gegevens: dict[str, Any] = {"uitkomst": uitkomst, "ambtshalve": ambtshalve}
        if toegekend:
            gegevens["maanden"] = maanden
            nieuw = wet.verlengde_termijn(wet.Termijn(b.einde, b.einde), maanden).waarde
            gegevens["termijn_einde"] = nieuw.einde.isoformat()
        return registreer(
            dossier, Soort.VERLENGING_BESLUIT, datum, actor=actor, gegevens=gegevens,
            toelichting=toelichting,
        )  # fmt: skip


def registreer_advies(
    dossier: Dossier,
    *,
    signaal: int,
    advies: str,
    datum: dt.date,
    actor: Gebruiker | None,
    toelichting: str = "",
) -> DossierEvent:
    """Record the college's advice on DUO's request (SS140) for DUO (Besluit 2.8 lid 2 and 4);
    the request leaves the werkvoorraad (`signaal_afgehandeld`) in the same transaction."""
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        b = beeld(dossier, datum)
        verzoek = next((a for a in b.adviesverzoeken if a.event.pk == signaal), None)
        if verzoek is None:
            raise TermijnFout(_("Dit adviesverzoek van DUO hoort niet bij dit dossier."))
        if not verzoek.open:
            raise TermijnFout(_("Over dit verzoek is al advies vastgelegd."))
        if advies not in Advies.values:
            raise TermijnFout(_("Kies het advies."))
        if not toelichting.strip():
            raise TermijnFout(
                _("Motiveer het advies: DUO beslist op de individuele omstandigheden.")
            )
        gegevens = {
            "advies": advies,
            "signaal": signaal,
            "uiterlijk": verzoek.uiterlijk.waarde.isoformat(),
            "terug_naar_duo": True,
        }
        omschrijving = str((verzoek.event.gegevens or {}).get("omschrijving", ""))
        afgehandeld = {"sleutel": f"event:{signaal}", "signaal": omschrijving}
        reeks = [
            Nieuw(Soort.ONTHEFFINGSADVIES, datum, gegevens, toelichting),
            Nieuw(
                Soort.SIGNAAL_AFGEHANDELD,
                datum,
                afgehandeld,
                _("Advies over de ontheffing vastgelegd."),
            ),
        ]
        return registreer_reeks(dossier, reeks, actor=actor)[0]


def sluit_af(
    dossier: Dossier, *, datum: dt.date, actor: Gebruiker | None, toelichting: str = ""
) -> DossierEvent:
    """Close the dossier because the termijn expired: first the outcome (`termijn_eindstand`:
    what was achieved, what stays open, DUO's expected fines), then `dossier_afgesloten` with
    reden `termijn_verstreken`. Refused while the termijn runs or an extension is pending."""
    with transaction.atomic():
        Dossier.objects.select_for_update().get(pk=dossier.pk)
        b = beeld(dossier, datum)
        if b.einde is None or not b.verstreken:
            raise TermijnFout(
                _("De termijn is nog niet verstreken; afsluiten om deze reden kan pas na %(d)s.")
                % {"d": b.einde.strftime("%d-%m-%Y") if b.einde else "—"}
            )
        if b.aanvraag_lopend:
            raise TermijnFout(
                _("DUO heeft nog niet beslist op de aanvraag tot verlenging; wacht dat besluit af.")
            )
        eindstand = {
            "termijn_einde": b.einde.isoformat(),
            "open": list(b.open_punten),
            "behaalde_onderdelen": sorted(o.code for o in b.onderdelen if o.behaald),
            "vrijgestelde_onderdelen": sorted(o.value for o in b.vrijgesteld),
            "uren": float(b.uren_taalles),
            "pvt_afgerond": b.pvt_afgerond,
            "map_afgerond": b.map_afgerond,
            "boete_art24": bool(b.boete_art24 and b.boete_art24.waarde.boete),
            "boete_art25": bool(b.boete_art25 and b.boete_art25.waarde.boete),
            "verlengd": bool(b.verlengingen),
        }
        reden = {"reden": Afsluitreden.TERMIJN_VERSTREKEN.value}
        reeks = [
            Nieuw(Soort.TERMIJN_EINDSTAND, datum, eindstand, toelichting),
            Nieuw(Soort.DOSSIER_AFGESLOTEN, datum, reden, toelichting),
        ]
        return registreer_reeks(dossier, reeks, actor=actor)[0]


# --- the worklist ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    binnen: str = "6"  # "6", "3", "verstreken" or "" (all)
    leerroute: str = ""
    boete: bool = False
    eigen: bool = False


def werklijst(user: Gebruiker, peildatum: dt.date, filters: Filters) -> list[Termijnbeeld]:
    """Open dossiers of the user's gemeenten whose termijn ends within six months (or has
    ended), soonest first. Candidates are read with one query on the first PIP's date (the
    termijn is at least three years from it, extensions only move it later); each candidate's
    termijn is then computed by the rules."""
    grens = plus_maanden(peildatum, VOORUIT_MAANDEN)
    vroegste_pip = plus_maanden(grens, -wet.termijnen.TERMIJN_MAANDEN)
    qs = (
        dossiers_voor(user)
        .exclude(fase=Fase.AFGEROND)
        .exclude(fase="")
        .annotate(
            eerste_pip=Min("events__datum", filter=Q(events__soort=Soort.PIP_VASTGESTELD)),
        )
        .filter(eerste_pip__lte=vroegste_pip)
        .select_related("inburgeraar", "consulent", "gemeente")
    )
    if filters.leerroute:
        qs = qs.filter(leerroute=filters.leerroute)
    if filters.eigen:
        qs = qs.filter(consulent=user)
    rijen = []
    for dossier in qs:
        b = beeld(dossier, peildatum)
        if b.einde is None or b.einde > grens:
            continue
        if filters.binnen == "3" and not b.binnen_kort:
            continue
        if filters.binnen == "6" and b.verstreken:
            continue
        if filters.binnen == "verstreken" and not b.verstreken:
            continue
        if filters.boete and not b.boete_cents:
            continue
        rijen.append(b)
    return sorted(rijen, key=lambda r: (r.einde, r.dossier.pk))
