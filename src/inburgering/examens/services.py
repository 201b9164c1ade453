"""The person's exams: the plan from the vastgesteld PIP (`wet.examenplan`), DUO's results as the
SS199 handler recorded them, the free attempts left from DUO's Examen API, and the payments the
gemeente recorded. `overzicht(dossier)` returns everything the fragment `examens/_overzicht.html`
shows; `registreer_betaling` is the only write.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import wet
from inburgering.accounts.models import Gebruiker
from inburgering.dossiers.models import Dossier, DossierEvent
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.workflow import Soort
from inburgering.intake.models import Leerroute
from inburgering.koppelingen.duo.client import (
    DuoFout,
    DuoOnbereikbaar,
    GeenAfzender,
    Transport,
    client_voor,
)
from inburgering.labels import label
from inburgering.pip import services as pip_services
from inburgering.pip.models import ZrouteExamens

from .models import ExamenBetaling, Onderdeel, euro

logger = logging.getLogger(__name__)

#: One attempt costs about € 50 [praktijk]; more than this for one attempt is a typing error.
MAX_BEDRAG_CENTS = 100_000


class ExamenFout(OngeldigeGebeurtenis):
    """The input does not fit; the message is Dutch and meant for the user."""


# --- the plan ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pipgrond:
    """What the plan is derived from: the vastgesteld PIP version, or, for a dossier without one
    in this app (migrated or demo data), the latest `PIP_VASTGESTELD` fact in the log."""

    leerroute: str  # intake.Leerroute: "b1", "onderwijs", "z"
    niveau: str
    zroute_examens: str
    versienummer: int | None
    dagtekening: dt.date | None

    @property
    def route_naam(self) -> str:
        return label(Leerroute, self.leerroute)


def pip_grond(dossier: Dossier) -> Pipgrond | None:
    versie = pip_services.vastgestelde_versie(pip_services.pip_van(dossier))
    if versie is not None and versie.leerroute:
        return Pipgrond(
            versie.leerroute, versie.niveau, versie.zroute_examens, versie.versienummer,
            versie.dagtekening,
        )  # fmt: skip
    vervangen = DossierEvent.objects.filter(dossier=dossier, corrigeert__isnull=False).values(
        "corrigeert_id"
    )
    ev = (
        DossierEvent.objects.filter(dossier=dossier, soort=Soort.PIP_VASTGESTELD)
        .exclude(pk__in=vervangen)
        .order_by("-datum", "-id")
        .first()
    )
    if ev is None:
        return None
    g = ev.gegevens or {}
    leerroute = g.get("leerroute") or dossier.leerroute
    if leerroute not in Leerroute.values:
        return None
    versie_nr = g.get("versie")
    return Pipgrond(
        leerroute, g.get("niveau") or "", "",
        versie_nr if isinstance(versie_nr, int) else None, ev.datum,
    )  # fmt: skip


def plan_van(grond: Pipgrond | None) -> wet.Uitkomst[tuple[wet.Examenplanregel, ...]] | None:
    """The exam plan of the PIP (None without a PIP or a leerroute)."""
    if grond is None:
        return None
    leerroute = pip_services.wet_leerroute(grond.leerroute)
    if leerroute is None:
        return None
    niveau = wet.Taalniveau(grond.niveau) if grond.niveau in ("A2", "B1") else None
    keuze = grond.zroute_examens
    return wet.examenplan(
        leerroute=leerroute,
        niveau=niveau,
        zroute_a2=keuze in (ZrouteExamens.A2, ZrouteExamens.A2_EN_KNM),
        zroute_knm=keuze in (ZrouteExamens.KNM, ZrouteExamens.A2_EN_KNM),
    )


def onderdelen_in_plan(dossier: Dossier) -> list[str]:
    plan = plan_van(pip_grond(dossier))
    return [r.onderdeel.value for r in plan.waarde] if plan else []


# --- DUO's results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Poging:
    """One result DUO reported (an SS199 fact in the log)."""

    datum: dt.date
    onderdeel: str
    resultaat: str
    niveau: str
    reden: str
    telt: bool

    @property
    def geslaagd(self) -> bool:
        return self.resultaat == "Geslaagd"

    @property
    def resultaat_tekst(self) -> str:
        return {
            "Geslaagd": _("Geslaagd"),
            "Gezakt": _("Niet geslaagd"),
            "Geen": _("Geen resultaat"),
        }.get(self.resultaat, self.resultaat or "—")

    @property
    def reden_tekst(self) -> str:
        return {
            "Verwijtbaar": _("verwijtbaar"),
            "Nietverwijtbaar": _("niet verwijtbaar"),
            "Afgemeld": _("afgemeld"),
            "Absent": _("afwezig"),
        }.get(self.reden, self.reden)


def _geldige_resultaten(dossier: Dossier) -> list[DossierEvent]:
    """The dossier's exam-result facts, without withdrawn ones and without those a later event
    corrected."""
    vervangen = DossierEvent.objects.filter(dossier=dossier, corrigeert__isnull=False).values(
        "corrigeert_id"
    )
    return list(
        DossierEvent.objects.filter(dossier=dossier, soort=Soort.EXAMENRESULTAAT)
        .exclude(pk__in=vervangen)
        .order_by("datum", "id")
    )


def _uitslag(g: dict, datum: dt.date) -> wet.Examenuitslag | None:
    try:
        onderdeel = wet.Examenonderdeel(g.get("onderdeel"))
    except ValueError:
        return None
    niveau = g.get("niveau") or ""
    return wet.Examenuitslag(
        onderdeel,
        dt.date.fromisoformat(g["examendatum"]) if g.get("examendatum") else datum,
        g.get("resultaat") or "",
        wet.Taalniveau(niveau) if niveau in ("A2", "B1") else None,
        g.get("reden_geen_resultaat") or "",
    )


def uitslagen(dossier: Dossier) -> list[wet.Examenuitslag]:
    """DUO's results for this dossier, oldest first. A B2 result counts as above B1."""
    lijst = []
    for ev in _geldige_resultaten(dossier):
        gegevens = dict(ev.gegevens or {})
        if gegevens.get("niveau") == "B2":
            gegevens["niveau"] = "B1"  # passes every plan level we have (A2, B1)
        if (u := _uitslag(gegevens, ev.datum)) is not None:
            lijst.append(u)
    return sorted(lijst, key=lambda u: u.examendatum)


def _pogingen(dossier: Dossier) -> list[Poging]:
    pogingen = []
    for ev in _geldige_resultaten(dossier):
        g = ev.gegevens or {}
        u = _uitslag(g, ev.datum)
        if u is None:
            continue
        pogingen.append(
            Poging(
                u.examendatum, u.onderdeel.value, u.resultaat, g.get("niveau") or "",
                u.reden_geen_resultaat, wet.telt_als_poging(u),
            )
        )  # fmt: skip
    return sorted(pogingen, key=lambda p: p.datum)


# --- DUO's Examen API: free attempts -------------------------------------------------------------


@dataclass(frozen=True)
class GratisPogingen:
    per_onderdeel: dict[str, int]
    fout: str = ""


def gratis_pogingen(dossier: Dossier, *, transport: Transport | None = None) -> GratisPogingen:
    """The free attempts left per component, asked of DUO now. DUO unreachable or refusing gives
    an empty answer with a Dutch reason; a person DUO does not know gives no numbers."""
    client = client_voor(dossier.gemeente, transport=transport)
    try:
        lijst = client.gratis_examenpogingen(dossier.inburgeraar.bsn)
    except GeenAfzender:
        return GratisPogingen(
            {}, _("Deze gemeente heeft geen OIN om DUO mee te bevragen; vraag de beheerder.")
        )
    except DuoOnbereikbaar:
        logger.warning("DUO Examen API onbereikbaar")
        return GratisPogingen({}, _("DUO is nu niet bereikbaar; probeer het later opnieuw."))
    except DuoFout as fout:
        logger.warning("DUO Examen API antwoordde %s", fout.status)
        reden = "; ".join(fout.teksten) or str(fout.status)
        return GratisPogingen({}, _("DUO gaf geen antwoord: %(reden)s") % {"reden": reden})
    return GratisPogingen({p["onderdeel"]: p["gratisPogingenTegoed"] for p in lijst})


# --- payments ------------------------------------------------------------------------------------


def registreer_betaling(
    dossier: Dossier,
    *,
    onderdeel: str,
    bedrag_cents: int,
    datum: dt.date,
    factuurreferentie: str,
    actor: Gebruiker | None,
    toelichting: str = "",
) -> ExamenBetaling:
    """Record what the gemeente paid for one attempt: an `EXAMEN_BETAALD` event in the log and
    its row, in one transaction. Refused (ExamenFout, Dutch): no vastgesteld PIP, a component
    outside the plan of the PIP's route, an amount of zero or less or above the maximum, a date
    in the future or before the PIP, no or a repeated invoice reference."""
    factuurreferentie = (factuurreferentie or "").strip()
    if not isinstance(bedrag_cents, int) or isinstance(bedrag_cents, bool):
        raise ExamenFout(_("Het bedrag is ongeldig."))
    if bedrag_cents < 0:
        raise ExamenFout(_("Een bedrag kan niet negatief zijn."))
    if bedrag_cents == 0:
        raise ExamenFout(_("Het bedrag moet groter zijn dan € 0."))
    if bedrag_cents > MAX_BEDRAG_CENTS:
        raise ExamenFout(
            _("Het bedrag is hoger dan € %(max)s voor één examenpoging; controleer het bedrag.")
            % {"max": euro(MAX_BEDRAG_CENTS)}
        )
    if datum > timezone.localdate():
        raise ExamenFout(_("De betaaldatum ligt in de toekomst."))
    if not factuurreferentie:
        raise ExamenFout(_("Vul de factuurreferentie in."))
    if len(factuurreferentie) > 50:
        raise ExamenFout(_("De factuurreferentie is langer dan 50 tekens."))
    grond = pip_grond(dossier)
    plan = plan_van(grond)
    if grond is None or plan is None:
        raise ExamenFout(
            _("Er is nog geen vastgesteld PIP met een leerroute; het examenplan volgt daaruit.")
        )
    if onderdeel not in Onderdeel.values:
        raise ExamenFout(_("Kies een examenonderdeel."))
    if onderdeel not in {r.onderdeel.value for r in plan.waarde}:
        raise ExamenFout(
            _("%(onderdeel)s hoort niet bij de examens van %(route)s in het PIP van deze persoon.")
            % {
                "onderdeel": label(Onderdeel, onderdeel),
                "route": grond.route_naam,
            }
        )
    if grond.dagtekening and datum < grond.dagtekening:
        raise ExamenFout(
            _("De betaaldatum ligt vóór de dagtekening van het PIP (%(dag)s).")
            % {"dag": grond.dagtekening.strftime("%d-%m-%Y")}
        )
    if ExamenBetaling.objects.filter(
        dossier=dossier, onderdeel=onderdeel, factuurreferentie=factuurreferentie
    ).exists():
        raise ExamenFout(
            _("Deze factuur is voor dit onderdeel al vastgelegd (%(ref)s).")
            % {"ref": factuurreferentie}
        )
    try:
        with transaction.atomic():
            event = registreer(
                dossier,
                Soort.EXAMEN_BETAALD,
                datum,
                actor=actor,
                gegevens={
                    "onderdeel": onderdeel,
                    "bedrag_cents": bedrag_cents,
                    "factuurreferentie": factuurreferentie,
                },
                toelichting=toelichting,
            )
            return ExamenBetaling.objects.create(
                dossier=dossier,
                onderdeel=onderdeel,
                bedrag_cents=bedrag_cents,
                datum=datum,
                factuurreferentie=factuurreferentie,
                event=event,
                geregistreerd_door=actor,
            )
    except IntegrityError as exc:  # a colleague recorded the same invoice at the same moment
        raise ExamenFout(
            _("Deze factuur is voor dit onderdeel al vastgelegd (%(ref)s).")
            % {"ref": factuurreferentie}
        ) from exc


# --- the overview --------------------------------------------------------------------------------


@dataclass
class Onderdeelregel:
    onderdeel: str
    naam: str
    niveau: str
    vereist: bool
    pogingen: list[Poging] = field(default_factory=list)
    aantal_pogingen: int = 0
    behaald: bool = False
    behaald_op: dt.date | None = None
    gratis: int | None = None
    betalingen: list[ExamenBetaling] = field(default_factory=list)

    @property
    def betaald_cents(self) -> int:
        return sum(b.bedrag_cents for b in self.betalingen)

    @property
    def betaald_euro(self) -> str:
        return euro(self.betaald_cents)


@dataclass
class Overzicht:
    dossier: Dossier
    pip: Pipgrond | None
    plan: wet.Uitkomst | None
    regels: list[Onderdeelregel]
    buiten_plan: list[Poging]
    betalingen: list[ExamenBetaling]
    gratis: GratisPogingen | None

    @property
    def heeft_plan(self) -> bool:
        return self.plan is not None

    @property
    def totaal_cents(self) -> int:
        return sum(b.bedrag_cents for b in self.betalingen)

    @property
    def totaal_euro(self) -> str:
        return euro(self.totaal_cents)

    @property
    def grondslagen(self) -> str:
        return "; ".join(str(g) for g in self.plan.grondslagen) if self.plan else ""

    @property
    def behaald(self) -> int:
        return sum(1 for r in self.regels if r.behaald)


def overzicht(
    dossier: Dossier, *, duo: bool = True, transport: Transport | None = None
) -> Overzicht:
    """Everything `examens/_overzicht.html` shows for `dossier`. With `duo` the free attempts are
    asked of DUO's Examen API (one call); without, they are left out."""
    grond = pip_grond(dossier)
    plan = plan_van(grond)
    pogingen = _pogingen(dossier)
    betalingen = list(ExamenBetaling.objects.filter(dossier=dossier).order_by("datum", "id"))
    gratis = gratis_pogingen(dossier, transport=transport) if duo else None
    regels: list[Onderdeelregel] = []
    if plan is not None:
        standen = {s.onderdeel: s for s in wet.examenstand(plan.waarde, uitslagen(dossier)).waarde}
        for r in plan.waarde:
            stand = standen[r.onderdeel]
            code = r.onderdeel.value
            regels.append(
                Onderdeelregel(
                    onderdeel=code,
                    naam=label(Onderdeel, code),
                    niveau=r.niveau.value if r.niveau else "",
                    vereist=r.vereist,
                    pogingen=[p for p in pogingen if p.onderdeel == code],
                    aantal_pogingen=stand.pogingen,
                    behaald=stand.behaald,
                    behaald_op=stand.behaald_op,
                    gratis=gratis.per_onderdeel.get(code) if gratis else None,
                    betalingen=[b for b in betalingen if b.onderdeel == code],
                )
            )
    in_plan = {r.onderdeel for r in regels}
    return Overzicht(
        dossier=dossier,
        pip=grond,
        plan=plan,
        regels=regels,
        buiten_plan=[p for p in pogingen if p.onderdeel not in in_plan],
        betalingen=betalingen,
        gratis=gratis,
    )
