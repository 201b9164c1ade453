"""The learning route's casework: maintaining providers and contracts, placing a person on a
contract and moving the placement through its statuses (`statussen.PLAATSING_STATUS`), with
an event on the dossier for every step and the deliveries to DUO in the outbox.

Hours and their derived figures are in `uren.py`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from inburgering import wet
from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import Nieuw, registreer_reeks
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.uitleg import regeltekst, regeltekst_met
from inburgering.dossiers.workflow import Afsluitreden, Fase, Soort, volgende_fase
from inburgering.koppelingen.duo import leveringen
from inburgering.pip.models import Reden
from inburgering.pip.services import concept_van, pip_van, vastgestelde_versie, wet_leerroute

from .haken import plaatsing_gewijzigd
from .models import (
    LEERROUTE_PRODUCT,
    LOPEND,
    Contract,
    Instelling,
    Plaatsing,
    PlaatsingStatus,
    Productsoort,
    geldende_uren,
)
from .statussen import PLAATSING_STATUS

S = PlaatsingStatus
#: Products whose aanmelding is an Inburgeringsaanbod for DUO (a course at an institution).
AANBOD_PRODUCTEN = frozenset(LEERROUTE_PRODUCT.values())


class TrajectFout(OngeldigeGebeurtenis):
    """The action does not fit; the message is Dutch and meant for the user."""


# --- beheer ----------------------------------------------------------------------------------


def bewaar(obj):
    """Save a provider, location, product, contract or file layout after all its checks
    (the model's validation, unique constraints), in one transaction."""
    obj.full_clean()
    with transaction.atomic():
        obj.save()
    return obj


def contracten_van(gemeenten) -> list[Contract]:
    return list(
        Contract.objects.filter(gemeente__in=gemeenten)
        .select_related("gemeente", "product__aanbieder")
        .annotate(bezet=Count("plaatsingen", filter=Q(plaatsingen__status__in=LOPEND)))
    )


def aanwezigheidsnorm(gemeente: Gemeente) -> int:
    instelling = Instelling.objects.filter(gemeente=gemeente).first()
    return instelling.aanwezigheidsnorm if instelling else 80


def zet_aanwezigheidsnorm(gemeente: Gemeente, norm: int) -> Instelling:
    instelling, _nieuw = Instelling.objects.get_or_create(gemeente=gemeente)
    instelling.aanwezigheidsnorm = norm
    return bewaar(instelling)


# --- placement -------------------------------------------------------------------------------


def startmomenten(contract: Contract) -> list[dt.date]:
    return sorted(dt.date.fromisoformat(d) for d in contract.startmomenten or [])


def volgend_startmoment(contract: Contract, vanaf: dt.date) -> dt.date | None:
    return next((d for d in startmomenten(contract) if d >= vanaf), None)


def bezetting(contract: Contract) -> int:
    return contract.plaatsingen.filter(status__in=LOPEND).count()


@dataclass(frozen=True)
class Keuze:
    """A contract the consulent may choose, with what the choice needs to show."""

    contract: Contract
    bezet: int
    volgende_start: dt.date | None
    past_bij_pip: bool

    @property
    def vol(self) -> bool:
        return self.bezet >= self.contract.capaciteit

    @property
    def label(self) -> str:
        c = self.contract
        tekst = _("%(aanbieder)s – %(product)s (%(soort)s); bezet %(bezet)s van %(cap)s") % {
            "aanbieder": c.product.aanbieder.naam,
            "product": c.product.naam,
            "soort": c.product.get_soort_display(),
            "bezet": self.bezet,
            "cap": c.capaciteit,
        }
        if self.volgende_start:
            tekst += _("; volgende start %(d)s") % {"d": f"{self.volgende_start:%d-%m-%Y}"}
        if self.past_bij_pip:
            tekst += _("; past bij het PIP")
        return tekst


@dataclass(frozen=True)
class Voorstel:
    """What the vastgesteld PIP says about the placement: the product kind and hours a week."""

    productsoort: str | None
    uren_per_week: int | None

    @property
    def productlabel(self) -> str:
        return Productsoort(self.productsoort).label if self.productsoort else ""


def voorstel(dossier: Dossier) -> Voorstel | None:
    """None when the dossier has no vastgesteld PIP: a placement follows the PIP. A dossier
    whose PIP came in without a version here (the migration import, the demo generator) has
    the PIP's date and route on the dossier itself (the `PIP_VASTGESTELD` event)."""
    versie = vastgestelde_versie(pip_van(dossier))
    if versie is not None:
        route, uren = versie.leerroute, versie.intensiteit_uren_per_week
    elif dossier.pip_dagtekening:
        route, uren = dossier.leerroute, None
    else:
        return None
    soort = LEERROUTE_PRODUCT.get(route)
    return Voorstel(soort.value if soort else None, uren)


def pip_dagtekening(dossier: Dossier) -> dt.date | None:
    versie = vastgestelde_versie(pip_van(dossier))
    return versie.dagtekening if versie is not None else dossier.pip_dagtekening


def keuzes(dossier: Dossier, op: dt.date) -> list[Keuze]:
    """The gemeente's contracts running on `op`, those matching the PIP's route first."""
    advies = voorstel(dossier)
    contracten = (
        Contract.objects.filter(gemeente=dossier.gemeente, begin__lte=op, einde__gte=op)
        .select_related("product__aanbieder", "product__locatie")
        .annotate(bezet=Count("plaatsingen", filter=Q(plaatsingen__status__in=LOPEND)))
    )
    uit = [
        Keuze(
            c,
            c.bezet,
            volgend_startmoment(c, op),
            bool(advies and advies.productsoort == c.product.soort),
        )
        for c in contracten
    ]
    return sorted(uit, key=lambda k: (not k.past_bij_pip, k.contract.product.aanbieder.naam))


def _stap(plaatsing: Plaatsing, datum: dt.date, actor, fasesoort: Soort | None = None):
    """The step as a fact on the dossier, with the phase event when the phase table allows it
    (the first aanmelding or start of a learning route)."""
    product = plaatsing.contract.product
    gegevens = {
        "plaatsing": plaatsing.pk,
        "status": plaatsing.status,
        "product": product.naam,
        "aanbieder": product.aanbieder.naam,
    }
    if plaatsing.reden:
        gegevens["reden"] = plaatsing.reden
    reeks = [Nieuw(Soort.PLAATSING, datum, gegevens, "", None)]
    fase = Fase(plaatsing.dossier.fase) if plaatsing.dossier.fase else None
    if (
        fasesoort is not None
        and product.soort in AANBOD_PRODUCTEN
        and volgende_fase(fase, fasesoort) not in (None, fase)
    ):
        extra = Nieuw(fasesoort, datum, {"cursusinstelling": product.aanbieder.naam}, "", None)
        try:
            return registreer_reeks(plaatsing.dossier, [*reeks, extra], actor=actor)
        except OngeldigeGebeurtenis:
            pass  # e.g. a date before the PIP: the fact alone
    return registreer_reeks(plaatsing.dossier, reeks, actor=actor)


def controleer_route(dossier: Dossier, contract: Contract) -> None:
    """A placement in another learning route than the PIP's changes the route (Wi art. 17 lid
    2), and the college then adapts the PIP (Besluit 5.3 lid 6): allowed only once a new PIP
    version switches to that route (a draft with reden schakelen, or set)."""
    naar = {v: k for k, v in LEERROUTE_PRODUCT.items()}.get(contract.product.soort)
    advies = voorstel(dossier)
    if naar is None or advies is None or not advies.productsoort:
        return
    van = {v: k for k, v in LEERROUTE_PRODUCT.items()}.get(advies.productsoort)
    if van is None or van == naar:
        return
    concept = concept_van(pip_van(dossier))
    if concept is not None and concept.reden == Reden.SCHAKELEN and concept.leerroute == naar:
        return
    van_wet, naar_wet = wet_leerroute(van), wet_leerroute(naar)
    assert van_wet is not None and naar_wet is not None
    uitkomst = wet.pip_aanpassing_na_routewijziging(
        leerroute_pip=van_wet, leerroute_besluit=naar_wet
    )
    raise TrajectFout(
        regeltekst_met(
            uitkomst.uitleg,
            _("Stel eerst een nieuwe PIP-versie op om te schakelen (Besluit art. 5.3 lid 6)."),
        )
    )


def plaats(
    dossier: Dossier,
    contract: Contract,
    *,
    aangemeld_op: dt.date,
    uren_per_week: int | None = None,
    verwachte_start: dt.date | None = None,
    actor: Gebruiker | None = None,
) -> Plaatsing:
    """Register the person with the provider on the contract (status aangemeld). Delivers the
    aanbod to DUO for a course of a learning route at an institution with a DUO number."""
    PLAATSING_STATUS.controleer(None, S.AANGEMELD)
    if contract.gemeente_id != dossier.gemeente_id:
        raise TrajectFout(_("Dit contract hoort niet bij de gemeente van het dossier."))
    if voorstel(dossier) is None:
        raise TrajectFout(_("Plaatsen kan pas als het PIP is vastgesteld."))
    controleer_route(dossier, contract)
    dagtekening = pip_dagtekening(dossier)
    if dagtekening and aangemeld_op < dagtekening:
        raise TrajectFout(
            _("De aanmelddatum ligt vóór de dagtekening van het PIP (%(d)s).")
            % {"d": f"{dagtekening:%d-%m-%Y}"}
        )
    if not contract.begin <= aangemeld_op <= contract.einde:
        raise TrajectFout(
            _("De aanmelddatum ligt buiten de looptijd van het contract (%(van)s – %(tot)s).")
            % {"van": f"{contract.begin:%d-%m-%Y}", "tot": f"{contract.einde:%d-%m-%Y}"}
        )
    if aangemeld_op > timezone.localdate():
        raise TrajectFout(_("De aanmelddatum ligt in de toekomst."))
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        if bezetting(contract) >= contract.capaciteit:
            melding = _("Het contract is vol: alle %(n)s plaatsen zijn bezet.")
            raise TrajectFout(melding % {"n": contract.capaciteit})
        if dossier.plaatsingen.filter(contract=contract, status__in=LOPEND).exists():
            raise TrajectFout(_("De persoon is al geplaatst op dit contract."))
        start = verwachte_start or volgend_startmoment(contract, aangemeld_op)
        product = contract.product
        einde = (
            start + dt.timedelta(weeks=product.duur_weken) if start and product.duur_weken else None
        )
        plaatsing = Plaatsing(
            dossier=dossier,
            contract=contract,
            status=S.AANGEMELD,
            aangemeld_op=aangemeld_op,
            verwachte_start=start,
            verwacht_einde=einde,
            uren_per_week=uren_per_week or product.uren_per_week,
            wachten_uiterlijk=aangemeld_op + dt.timedelta(weeks=contract.max_wachttijd_weken),
            aangemeld_door=actor,
        )
        try:
            plaatsing.full_clean()
        except ValidationError as exc:
            raise TrajectFout(" ".join(exc.messages)) from exc
        plaatsing.save()
        _stap(plaatsing, aangemeld_op, actor, Soort.AANGEMELD_LEERROUTE)
        plaatsing_gewijzigd.send(Plaatsing, plaatsing=plaatsing, datum=aangemeld_op)
        nummer = product.aanbieder.instellingsnummer
        if product.soort in AANBOD_PRODUCTEN and nummer:
            leveringen.lever_aanbod(
                dossier,
                instellingsnummer=nummer,
                datum_aanbod=aangemeld_op,
                start=start,
                einde=einde,
                actor=actor,
            )
    return plaatsing


#: Which status sets which date field.
DATUMVELD = {
    S.INTAKE: "intake_op",
    S.GESTART: "gestart_op",
    S.AFGEROND: "beeindigd_op",
    S.UITGEVALLEN: "beeindigd_op",
    S.GEANNULEERD: "beeindigd_op",
    S.VERHUISD: "beeindigd_op",
}


def wijzig_status(
    plaatsing: Plaatsing, naar: str, *, datum: dt.date, reden: str = "", actor=None
) -> Plaatsing:
    """Move the placement on (intake, start, end, dropout, cancellation). Dropout and
    cancellation need a reason. Completion of a PVT, MAP or Z-route product is delivered to
    DUO; cancelling a placement whose aanbod went to DUO withdraws it."""
    with transaction.atomic():
        plaatsing = (
            Plaatsing.objects.select_for_update()
            .select_related("contract__product__aanbieder", "dossier__inburgeraar")
            .get(pk=plaatsing.pk)
        )
        PLAATSING_STATUS.controleer(plaatsing.status, naar)
        reden = reden.strip()
        if naar in (S.UITGEVALLEN, S.GEANNULEERD) and not reden:
            raise TrajectFout(_("Geef de reden van de uitval of annulering op."))
        if datum < plaatsing.aangemeld_op:
            raise TrajectFout(_("De datum ligt vóór de aanmelding."))
        if datum > timezone.localdate():
            raise TrajectFout(_("De datum ligt in de toekomst."))
        plaatsing.status = naar
        setattr(plaatsing, DATUMVELD[naar], datum)
        if reden:
            plaatsing.reden = reden
        plaatsing.save()
        _stap(plaatsing, datum, actor, Soort.LEERROUTE_GESTART if naar == S.GESTART else None)
        _lever_afronding(plaatsing, naar, datum, actor)
        plaatsing_gewijzigd.send(Plaatsing, plaatsing=plaatsing, datum=datum)
    return plaatsing


#: What completing a placement of these kinds needs recorded first, and the message.
AFRONDING_VEREIST = {
    Productsoort.PVT: (
        "ondertekend_op",
        gettext_noop("Leg eerst de ondertekening van de participatieverklaring vast."),
    ),
    Productsoort.MAP: (
        "eindgesprek_op",
        gettext_noop("Leg eerst het eindgesprek van de MAP vast."),
    ),
    Productsoort.Z_ROUTE: (
        "eindgesprek_op",
        gettext_noop("Leg eerst het eindgesprek van de Z-route vast."),
    ),
}


def _lever_afronding(plaatsing: Plaatsing, naar: str, datum: dt.date, actor) -> None:
    """Completing a PVT, MAP or Z-route placement needs its closing part recorded (Besluit
    3.1, 3.2 lid 2, 3.14 lid 2). PVT and MAP went to DUO when that part was recorded
    (`registreer_onderdelen`); the Z-route completion goes now, with the day of completion."""
    dossier, product = plaatsing.dossier, plaatsing.contract.product
    if naar == S.AFGEROND and product.soort in AFRONDING_VEREIST:
        veld, melding = AFRONDING_VEREIST[product.soort]
        if getattr(plaatsing, veld) is None:
            raise TrajectFout(_(melding))
        if product.soort == Productsoort.Z_ROUTE:
            leveringen.lever_zroute(dossier, datum=datum, actor=actor)
    nummer = product.aanbieder.instellingsnummer
    if naar == S.GEANNULEERD and product.soort in AANBOD_PRODUCTEN and nummer:
        leveringen.trek_aanbod_in(dossier, instellingsnummer=nummer, actor=actor)


ONDERDELEN = {
    Productsoort.PVT: {"kernwaarden_activiteit_op", "ondertekend_op"},
    Productsoort.MAP: {"map_themas", "eindgesprek_op"},
    Productsoort.Z_ROUTE: {"eindgesprek_op"},
}


def aanwezige_uren(plaatsing: Plaatsing) -> Decimal:
    rijen = geldende_uren([plaatsing]).get(plaatsing.pk, [])
    return sum((r.aanwezig for r in rijen), Decimal(0))


def registreer_onderdelen(
    plaatsing: Plaatsing,
    *,
    kernwaarden_activiteit_op: dt.date | None = None,
    ondertekend_op: dt.date | None = None,
    map_themas: list[str] | None = None,
    eindgesprek_op: dt.date | None = None,
    actor=None,
) -> Plaatsing:
    """Record the PVT's activity on the core values and the signing (Besluit 3.1), the MAP's
    themes and eindgesprek (3.2) or the Z-route's eindgesprek (3.14 lid 2). The signing needs
    the PVT complete by the rules package (12 hours attended and the activity); the MAP's
    eindgesprek all eight themes. A new signing or MAP eindgesprek date goes to DUO through
    the outbox. Every problem in one Dutch message; nothing is stored then."""
    nieuw = {
        "kernwaarden_activiteit_op": kernwaarden_activiteit_op,
        "ondertekend_op": ondertekend_op,
        "map_themas": sorted(set(map_themas or [])),
        "eindgesprek_op": eindgesprek_op,
    }
    with transaction.atomic():
        plaatsing = (
            Plaatsing.objects.select_for_update()
            .select_related("contract__product__aanbieder", "dossier__gemeente")
            .get(pk=plaatsing.pk)
        )
        soort = plaatsing.contract.product.soort
        toegestaan = ONDERDELEN.get(soort, set())
        gegeven = {k for k, v in nieuw.items() if v}
        if not toegestaan:
            raise TrajectFout(_("Dit product heeft geen PVT-, MAP- of Z-route-onderdelen."))
        fouten = []
        if gegeven - toegestaan:
            fouten.append(_("Deze gegevens horen niet bij dit product."))
        vandaag = timezone.localdate()
        for veld in ("kernwaarden_activiteit_op", "ondertekend_op", "eindgesprek_op"):
            datum = nieuw[veld]
            if datum and datum > vandaag:
                fouten.append(_("Een datum ligt in de toekomst."))
                break
            if datum and datum < plaatsing.aangemeld_op:
                fouten.append(_("Een datum ligt vóór de aanmelding."))
                break
        codes = {code for code, _naam in wet.MAP_THEMAS}
        if set(nieuw["map_themas"]) - codes:
            fouten.append(_("Onbekend MAP-thema."))
        if soort == Productsoort.PVT and nieuw["ondertekend_op"]:
            activiteit = nieuw["kernwaarden_activiteit_op"]
            uitkomst = wet.pvt_afgerond(
                uren_gevolgd=aanwezige_uren(plaatsing),
                kernwaarden_activiteit=bool(activiteit and activiteit <= nieuw["ondertekend_op"]),
                verklaring_ondertekend=True,
            )
            if not uitkomst.waarde:
                fouten.append(regeltekst(uitkomst.uitleg))
        if soort == Productsoort.MAP and nieuw["eindgesprek_op"] and not fouten:
            stand = wet.map_voortgang(themas=frozenset(nieuw["map_themas"]), eindgesprek=True)
            if not stand.waarde.afgerond:
                fouten.append(_("Het eindgesprek sluit de MAP af (Besluit art. 3.2 lid 2)."))
                fouten.append(regeltekst(stand.uitleg))
        if fouten:
            raise TrajectFout(format_lazy(" ".join(["{}"] * len(fouten)), *fouten))
        oud = {k: getattr(plaatsing, k) for k in nieuw}
        for veld in toegestaan:
            setattr(plaatsing, veld, nieuw[veld])
        plaatsing.save()
        gewijzigd = sorted(k for k in toegestaan if oud[k] != nieuw[k])
        if gewijzigd:
            product = plaatsing.contract.product
            registreer_reeks(
                plaatsing.dossier,
                [
                    Nieuw(
                        Soort.PLAATSING,
                        vandaag,
                        {
                            "plaatsing": plaatsing.pk,
                            "status": plaatsing.status,
                            "product": product.naam,
                            "aanbieder": product.aanbieder.naam,
                            "onderdelen": ", ".join(
                                str(Plaatsing._meta.get_field(k).verbose_name) for k in gewijzigd
                            ),
                        },
                        "",
                        None,
                    )
                ],
                actor=actor,
            )
        dossier = plaatsing.dossier
        if soort == Productsoort.PVT and nieuw["ondertekend_op"] and "ondertekend_op" in gewijzigd:
            leveringen.lever_pvt(dossier, datum=nieuw["ondertekend_op"], actor=actor)
        if soort == Productsoort.MAP and nieuw["eindgesprek_op"] and "eindgesprek_op" in gewijzigd:
            leveringen.lever_map(dossier, datum=nieuw["eindgesprek_op"], actor=actor)
    return plaatsing


def wachttijd(plaatsing: Plaatsing, peildatum: dt.date) -> wet.Uitkomst[wet.Wachttijd]:
    return wet.wachttijd(
        aangemeld=plaatsing.aangemeld_op,
        gestart=plaatsing.gestart_op,
        peildatum=plaatsing.beeindigd_op or peildatum,
        norm_weken=plaatsing.contract.max_wachttijd_weken,
    )


def beeindig_bij_verhuizing(dossier: Dossier, *, datum: dt.date, actor=None) -> list[Plaatsing]:
    """The person moved out of the gemeente: every running placement ends as verhuisd on the
    day of the move (Wi art. 15 lid 4 keeps the leerroute, not the old gemeente's contract;
    the new gemeente places the person under its own, with the placements in the transfer
    package, ADR 0024). A placement registered after that day ends on its own first day.
    Each end is a fact on the old dossier and ends the school's involvement (partners).
    Choice: nothing goes to DUO; the new gemeente's aanmelding replaces the aanbod."""
    beeindigd = []
    for plaatsing in dossier.plaatsingen.filter(status__in=LOPEND).order_by("pk"):
        beeindigd.append(
            wijzig_status(
                plaatsing,
                S.VERHUISD,
                datum=max(datum, plaatsing.aangemeld_op),
                actor=actor,
            )
        )
    return beeindigd


def na_verhuizing(sender, dossier: Dossier, nieuw: list | None = None, **_kwargs) -> None:
    """Receiver of `dossier_bijgewerkt`: the dossier was just closed as "verhuisd" (the
    consulent's transfer or DUO's SS120/SS121). Only the new events count, so a later fact on
    the closed dossier, or a rebuilt projection (`herbereken`: no `nieuw`), does nothing."""
    for event in nieuw or ():
        if (
            event.soort == Soort.DOSSIER_AFGESLOTEN
            and (event.gegevens or {}).get("reden") == Afsluitreden.VERHUISD
        ):
            beeindig_bij_verhuizing(dossier, datum=event.datum, actor=event.actor)


def plaatsingen_van(dossier: Dossier):
    return dossier.plaatsingen.select_related("contract__product__aanbieder").order_by(
        "-aangemeld_op", "-pk"
    )
