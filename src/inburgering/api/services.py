"""What the API reads and writes, through the apps that own the data: placements and hours
through `traject` (the same checks as the consulent's form and the provider's file), reports
as events on the dossier through `dossiers.services`. Every write is all or nothing."""

from __future__ import annotations

import calendar
import datetime as dt
from array import array
from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers import panelen
from inburgering.dossiers.models import Dossier, DossierEvent
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.workflow import Soort
from inburgering.ontzorgen.models import Ontzorging
from inburgering.partners import services as partner_services
from inburgering.partners.models import (
    Betrokkenheid,
    Clientprofiel,
    Grond,
    Organisatie,
    Profielstatus,
)
from inburgering.partners.services import Partnerfout
from inburgering.partners.toegang import dossiers_voor_organisatie
from inburgering.statusmachine import Statusfout
from inburgering.traject import services as traject_services
from inburgering.traject import uren as traject_uren
from inburgering.traject.models import Periodesoort, Plaatsing, PlaatsingStatus, Uren

from . import serializers
from .fouten import Conflict, NietGevonden, Ongeldig
from .vast import VasteQuery

#: Compiled once (`vast.VasteQuery`): every read asks it.
_WERKGEBIED = VasteQuery(
    lambda organisatie_id: Organisatie.gemeenten.through.objects.filter(
        organisatie_id=organisatie_id
    ).values("gemeente_id")
)


def werkgebied_van(organisatie: Organisatie) -> list[int]:
    """The ids of the gemeenten the organisation works for, straight from the link table (on
    every read: linking or unlinking a gemeente counts at once)."""
    return sorted(r["gemeente_id"] for r in _WERKGEBIED.rijen(organisatie_id=organisatie.pk))


#: Seconds a process uses the kept list it read without asking the cache again (at 25 reads/s
#: per process, the hundred version keys of a large werkgebied were 1 ms of CPU per read).
VASTHOUDEN = 1.0


def bewaarde_ids(
    naam: str,
    organisatie: Organisatie,
    werkgebied: list[int],
    extra: tuple,
    lijst: Callable[[], QuerySet],
) -> Sequence[int]:
    """The ids of `lijst()` (a list under the access condition), in order of id, kept like the
    caseload panels (`dossiers.panelen`, ADR 0040): per organisation, werkgebied, day and
    `extra`, renewed as soon as a fact (or an involvement) changes a dossier in one of those
    gemeenten, else after a minute; a process holds what it read for `VASTHOUDEN` seconds.
    Evaluating the condition over all of a large provider's placements was most of a list
    read (docs/performance.md); a page is now a slice of the kept list, and its rows are read
    again WITH the condition, so a stale list can leave a row out but never show one the
    organisation may no longer see. Kept as an array of 64-bit integers: unpickled as one
    block, not as 9,000 numbers."""
    vandaag = timezone.localdate()

    def maak() -> array:
        return array("q", lijst().order_by("pk").values_list("pk", flat=True))

    sleutel = (organisatie.pk, organisatie.aanbieder_id, vandaag.isoformat(), *extra)
    return panelen.bewaard(f"api:{naam}", werkgebied, sleutel, maak, vasthouden=VASTHOUDEN)


def dossiers_van(
    organisatie: Organisatie, werkgebied: list[int] | None = None
) -> QuerySet[Dossier]:
    """The dossiers the organisation is involved in today, in a gemeente it works for
    (`werkgebied`: those gemeenten, when the caller has read them already)."""
    if werkgebied is None:
        return dossiers_voor_organisatie(organisatie)
    actief = Betrokkenheid.objects.actief_op(timezone.localdate()).filter(organisatie=organisatie)
    return Dossier.objects.filter(pk__in=actief.values("dossier_id"), gemeente_id__in=werkgebied)


def dossier_van(organisatie: Organisatie, uuid) -> Dossier:
    dossier = dossiers_van(organisatie).filter(uuid=uuid).first()
    if dossier is None:
        raise NietGevonden
    return dossier


def _plaatsingen(
    organisatie_id: int, aanbieder_id: int, op: dt.date, gemeenten: Any
) -> QuerySet[Plaatsing]:
    """THE access condition of a school's placements: with its own provider, in a dossier the
    organisation is involved in on `op`, in one of `gemeenten` (the werkgebied)."""
    # The same condition as `dossiers_voor_organisatie`, one subquery flatter: compiling the
    # nested form cost more CPU than running it (benchmark_api.py). The gemeenten straight from
    # the link table: no query of their own, and no join with the gemeente table to plan.
    actief = Betrokkenheid.objects.actief_op(op).filter(organisatie_id=organisatie_id)
    return Plaatsing.objects.filter(
        contract__product__aanbieder_id=aanbieder_id,
        dossier_id__in=actief.values("dossier_id"),
        dossier__gemeente_id__in=gemeenten,
    )


def plaatsingen_van(
    organisatie: Organisatie, werkgebied: list[int] | None = None
) -> QuerySet[Plaatsing]:
    """The placements with the organisation's own language school, in dossiers it is involved
    in (its involvement through the placement, in a gemeente it works for; `werkgebied`: those
    gemeenten, when the caller has read them already)."""
    if organisatie.aanbieder_id is None:
        return Plaatsing.objects.none()
    gemeenten = (
        werkgebied
        if werkgebied is not None
        else Organisatie.gemeenten.through.objects.filter(organisatie_id=organisatie.pk).values(
            "gemeente_id"
        )
    )
    return _plaatsingen(organisatie.pk, organisatie.aanbieder_id, timezone.localdate(), gemeenten)


def met_id(qs: QuerySet, ids: Sequence[int]) -> QuerySet:
    """The rows of `qs` (the access condition, applied again) with these ids, in order of id:
    a page of a kept list (`bewaarde_ids`)."""
    return qs.filter(pk__in=list(ids)).order_by("pk")


#: The page's rows per (columns, with a status filter): compiled once (`vast.VasteQuery`).
_PAGINA: dict[tuple[tuple[str, ...], bool], VasteQuery] = {}


def plaatsingen_op_pagina(
    organisatie: Organisatie,
    werkgebied: list[int],
    ids: Sequence[int],
    velden: tuple[str, ...],
    status: str | None = None,
) -> list[dict[str, Any]]:
    """The columns `velden` of the placements `ids` (a page of the kept list) that the
    organisation may see now (`_plaatsingen`, applied again: a stale list leaves a row out),
    with `status` if given, in order of id."""
    if organisatie.aanbieder_id is None:
        return []
    query = _PAGINA.get((velden, status is not None))
    if query is None:

        def maak(organisatie_id, aanbieder_id, op, werkgebied, ids, status=None):
            qs = _plaatsingen(organisatie_id, aanbieder_id, op, werkgebied)
            if status is not None:
                qs = qs.filter(status=status)
            return qs.filter(pk__in=ids).order_by("pk").values(*velden)

        query = _PAGINA[(velden, status is not None)] = VasteQuery(maak)
    extra = {"status": status} if status is not None else {}
    return query.rijen(
        organisatie_id=organisatie.pk,
        aanbieder_id=organisatie.aanbieder_id,
        op=timezone.localdate(),
        werkgebied=werkgebied,
        ids=list(ids),
        **extra,
    )


def plaatsing_van(organisatie: Organisatie, pk: int) -> Plaatsing:
    if not 1 <= pk <= 2**62:  # the database's integer; larger is simply not there
        raise NietGevonden
    plaatsing = (
        plaatsingen_van(organisatie)
        .select_related("dossier", "contract__product__aanbieder")
        .filter(pk=pk)
        .first()
    )
    if plaatsing is None:
        raise NietGevonden
    return plaatsing


def ontzorgingen_van(
    organisatie: Organisatie, werkgebied: list[int] | None = None
) -> QuerySet[Ontzorging]:
    """Financieel ontzorgen in the dossiers the organisation is involved in (a budget manager
    through `Grond.ONTZORGEN`, a begeleider through the MB); what of it the caller sees is the
    need-to-know table's (`ontzorgen.services.lastregels`)."""
    return Ontzorging.objects.filter(dossier__in=dossiers_van(organisatie, werkgebied))


def ontzorging_van(organisatie: Organisatie, uuid) -> Ontzorging:
    ontzorging = (
        ontzorgingen_van(organisatie)
        .select_related("dossier__inburgeraar")
        .filter(dossier__uuid=uuid)
        .first()
    )
    if ontzorging is None:
        raise NietGevonden
    return ontzorging


# --- hours in bulk ---------------------------------------------------------------------------

VELDEN_UREN = {"plaatsing", "periodesoort", "periodeBegin", "aangeboden", "aanwezig", "correctie"}
HONDERDSTE = Decimal("0.01")


def _getal(waarde: Any) -> Decimal | None:
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        return None
    getal = Decimal(str(waarde))
    if not getal.is_finite() or getal < 0 or getal > 9999:
        return None
    return getal.quantize(HONDERDSTE, rounding=ROUND_HALF_UP)


def lees_uren(data: Any) -> list[dict[str, Any]]:
    """Check the shape of a bulk request quickly (10,000 records; a DRF serializer took
    seconds): every problem at once, as invalidParams, or the records with Python values.
    Unknown fields are ignored, as the DRF serializers of the other endpoints do."""
    if not isinstance(data, dict) or not isinstance(data.get("uren"), list):
        raise Ongeldig(
            _("Stuur een object met de lijst 'uren'."),
            [{"name": "uren", "code": "required", "reason": _("Dit veld is verplicht.")}],
        )
    rijen = data["uren"]
    fouten: list[dict[str, str]] = []
    if not rijen:
        fouten.append({"name": "uren", "code": "min_length", "reason": _("De lijst is leeg.")})
    if len(rijen) > settings.API_MAX_UREN:
        raise Ongeldig(
            _("Hoogstens %(n)s records per verzoek; splits de melding.")
            % {"n": settings.API_MAX_UREN},
            [{"name": "uren", "code": "max_length", "reason": _("Te veel records.")}],
        )
    uit = []
    soorten = set(Periodesoort.values)
    for i, rij in enumerate(rijen):
        naam = f"uren[{i}]"
        al = len(fouten)

        def fout(veld: str, code: str, reden: str, naam: str = naam) -> None:
            fouten.append(
                {"name": f"{naam}.{veld}" if veld else naam, "code": code, "reason": reden}
            )

        if not isinstance(rij, dict):
            fout("", "invalid", _("Een record is een object."))
            continue
        for veld in sorted(VELDEN_UREN - {"correctie"} - set(rij)):
            fout(veld, "required", _("Dit veld is verplicht."))
        plaatsing = rij.get("plaatsing")
        if "plaatsing" in rij and (
            isinstance(plaatsing, bool)
            or not isinstance(plaatsing, int)
            or not 1 <= plaatsing <= 2**62
        ):
            fout("plaatsing", "invalid", _("Geef het id van de plaatsing als geheel getal."))
        soort = rij.get("periodesoort")
        if "periodesoort" in rij and soort not in soorten:
            fout("periodesoort", "invalid_choice", _("Kies 'week' of 'maand'."))
        begin = None
        if "periodeBegin" in rij:
            try:
                if not isinstance(rij["periodeBegin"], str) or len(rij["periodeBegin"]) != 10:
                    raise ValueError
                begin = dt.date.fromisoformat(rij["periodeBegin"])
            except ValueError:
                fout("periodeBegin", "invalid", _("Geef een datum als JJJJ-MM-DD."))
        getallen = {}
        for veld in ("aangeboden", "aanwezig"):
            if veld in rij:
                getallen[veld] = _getal(rij[veld])
                if getallen[veld] is None:
                    fout(veld, "invalid", _("Geef een aantal uren van 0 tot 9999."))
        correctie = rij.get("correctie", False)
        if not isinstance(correctie, bool):
            fout("correctie", "invalid", _("Geef true of false."))
        if len(fouten) > al:
            continue
        uit.append(
            {
                "plaatsing": plaatsing,
                "periodesoort": soort,
                "begin": begin,
                "aangeboden": getallen.get("aangeboden"),
                "aanwezig": getallen.get("aanwezig"),
                "correctie": correctie,
            }
        )
    if fouten:
        raise Ongeldig(_("Een of meer records zijn ongeldig; er is niets opgeslagen."), fouten)
    return uit


def meld_uren(organisatie: Organisatie, records: list[dict[str, Any]], *, actor: Gebruiker):
    """Store the hours of many periods at once, or nothing: an unknown placement (or one of
    another organisation) is 404 for the whole request, a period already reported without
    `correctie` is 409, any other broken rule 400; each with the records it concerns."""
    ids = {r["plaatsing"] for r in records}
    plaatsingen = {
        p.pk: p
        for p in plaatsingen_van(organisatie)
        .filter(pk__in=ids)
        .select_related("dossier__gemeente", "contract__product")
    }
    onbekend = [
        {
            "name": f"uren[{i}].plaatsing",
            "code": "not_found",
            "reason": _("Onbekende plaatsing."),
        }
        for i, r in enumerate(records)
        if r["plaatsing"] not in plaatsingen
    ]
    if onbekend:
        raise Ongeldig(
            _("Een of meer plaatsingen bestaan niet of horen niet bij uw organisatie."),
            onbekend,
            status_code=404,
        )
    bekend: dict[tuple[int, str], set[dt.date]] = defaultdict(set)
    for pk, soort, begin in Uren.objects.filter(plaatsing_id__in=plaatsingen).values_list(
        "plaatsing_id", "periodesoort", "periode_begin"
    ):
        bekend[(pk, soort)].add(begin)
    vandaag = timezone.localdate()
    fouten, conflicten, gezien = [], [], set()
    nieuw = []
    for i, r in enumerate(records):
        plaatsing = plaatsingen[r["plaatsing"]]
        begin, einde = traject_uren.periode(r["periodesoort"], r["begin"])
        sleutel = (plaatsing.pk, r["periodesoort"], begin)
        naam = f"uren[{i}]"
        if sleutel in gezien:
            fouten.append(
                {
                    "name": naam,
                    "code": "duplicate",
                    "reason": _("Deze periode staat al eerder in dit verzoek voor deze plaatsing."),
                }
            )
            continue
        gezien.add(sleutel)
        for melding in traject_uren.fouten_in_periode(
            plaatsing,
            begin,
            einde,
            r["aangeboden"],
            r["aanwezig"],
            correctie=r["correctie"],
            bekend=set(),
            vandaag=vandaag,
        ):
            fouten.append({"name": naam, "code": "invalid", "reason": melding})
        if begin in bekend[(plaatsing.pk, r["periodesoort"])] and not r["correctie"]:
            conflicten.append(
                {
                    "name": naam,
                    "code": "already_reported",
                    "reason": _(
                        "Voor deze periode zijn al uren gemeld; stuur correctie: true om ze te "
                        "vervangen."
                    ),
                }
            )
        nieuw.append(
            Uren(
                plaatsing=plaatsing,
                periodesoort=r["periodesoort"],
                periode_begin=begin,
                periode_einde=einde,
                aangeboden=r["aangeboden"],
                aanwezig=r["aanwezig"],
                correctie=r["correctie"],
                bron=Uren.Bron.BESTAND,
                ingevoerd_door=actor,
            )
        )
    if fouten:
        raise Ongeldig(_("Een of meer records zijn ongeldig; er is niets opgeslagen."), fouten)
    if conflicten:
        raise Conflict(
            _("Een of meer perioden zijn al gemeld; er is niets opgeslagen."), conflicten
        )
    with transaction.atomic():
        Uren.objects.bulk_create(nieuw, batch_size=500)
        traject_uren.werk_verzuim_bij(plaatsingen.values())
        traject_uren.lever_gevolgde_uren(
            Dossier.objects.filter(
                pk__in={p.dossier_id for p in plaatsingen.values()}
            ).select_related("gemeente"),
            actor=actor,
        )
    return len(nieuw), sorted(plaatsingen)


# --- reports as events -----------------------------------------------------------------------


def _niet_in_toekomst(datum: dt.date, veld: str) -> None:
    if datum > timezone.localdate():
        raise Ongeldig(
            _("De datum ligt in de toekomst."),
            [{"name": veld, "code": "future", "reason": _("De datum ligt in de toekomst.")}],
        )


def _registreer(dossier: Dossier, soort: Soort, datum: dt.date, *, actor, **extra):
    try:
        return registreer(dossier, soort, datum, actor=actor, **extra)
    except OngeldigeGebeurtenis as exc:
        raise Ongeldig(str(exc)) from exc


def meld_intakeresultaat(
    organisatie: Organisatie, plaatsing: Plaatsing, data: dict[str, Any], *, actor: Gebruiker
) -> DossierEvent:
    """The provider's intake: the placement goes to `intake` (from `aangemeld`) and the result
    is a fact on the dossier. A placement past its intake is a conflict."""
    intake_op: dt.date = data["intakeOp"]
    _niet_in_toekomst(intake_op, "intakeOp")
    if plaatsing.status not in (PlaatsingStatus.AANGEMELD, PlaatsingStatus.INTAKE):
        raise Conflict(
            _("De plaatsing heeft de status '%(s)s'; een intakeresultaat kan niet meer.")
            % {"s": plaatsing.get_status_display()}
        )
    verwachte_start = data.get("verwachteStart")
    gegevens = {
        "plaatsing": plaatsing.pk,
        "organisatie": organisatie.naam,
        "intake_op": intake_op.isoformat(),
        "resultaat": data["resultaat"],
        "niveaus": dict(data.get("niveaus") or {}),
        "verwachte_start": verwachte_start.isoformat() if verwachte_start else None,
    }
    with transaction.atomic():
        if plaatsing.status == PlaatsingStatus.AANGEMELD:
            try:
                traject_services.wijzig_status(
                    plaatsing, PlaatsingStatus.INTAKE, datum=intake_op, actor=actor
                )
            except Statusfout as exc:
                raise Conflict(str(exc)) from exc
            except OngeldigeGebeurtenis as exc:
                raise Ongeldig(str(exc)) from exc
        return _registreer(
            plaatsing.dossier,
            Soort.INTAKERESULTAAT_AANBIEDER,
            intake_op,
            actor=actor,
            gegevens=gegevens,
        )


def _betrokkenheid(organisatie: Organisatie, dossier: Dossier, grond: Grond) -> Betrokkenheid:
    betrokkenheid = partner_services.betrokkenheid_van(organisatie, dossier, grond)
    if betrokkenheid is None:
        raise NietGevonden()
    return betrokkenheid


def meld_examenintentie(
    organisatie: Organisatie, plaatsing: Plaatsing, data: dict[str, Any], *, actor: Gebruiker
) -> DossierEvent:
    """The school's exam intention: per component the same `Examenwens` a school reports on its
    partner page (`partners.services.meld_examenwens`), expected by the month's last day. All
    components or none; the answer is the last component's event."""
    jaar, maand = (int(d) for d in data["beoogdeMaand"].split("-"))
    verwacht_op = dt.date(jaar, maand, calendar.monthrange(jaar, maand)[1])
    betrokkenheid = _betrokkenheid(organisatie, plaatsing.dossier, Grond.PLAATSING)
    try:
        with transaction.atomic():
            for onderdeel in dict.fromkeys(data["onderdelen"]):
                partner_services.meld_examenwens(
                    betrokkenheid, onderdeel=onderdeel, verwacht_op=verwacht_op, toelichting="",
                    actor=actor,
                )  # fmt: skip
    except Partnerfout as exc:
        raise Ongeldig(str(exc)) from exc
    return DossierEvent.objects.filter(dossier=plaatsing.dossier, soort=Soort.EXAMENWENS).latest(
        "pk"
    )


def meld_mb_rapportage(
    organisatie: Organisatie, dossier: Dossier, data: dict[str, Any], *, actor: Gebruiker
) -> DossierEvent:
    """The begeleider's report: the same progress note a begeleider writes on the partner page
    (`partners.services.schrijf_voortgang`), dated at the period's end (or today)."""
    _niet_in_toekomst(data["periodeBegin"], "periodeBegin")
    betrokkenheid = _betrokkenheid(organisatie, dossier, Grond.BEGELEIDING)
    soort = dict(serializers.MB_SOORTEN)[data["soort"]]
    onderwerp = _("%(soort)s %(van)s – %(tot)s, %(n)s contactmomenten") % {
        "soort": soort,
        "van": f"{data['periodeBegin']:%d-%m-%Y}",
        "tot": f"{data['periodeEinde']:%d-%m-%Y}",
        "n": data["contactmomenten"],
    }
    try:
        notitie = partner_services.schrijf_voortgang(
            betrokkenheid,
            datum=min(data["periodeEinde"], timezone.localdate()),
            onderwerp=onderwerp[:120],
            tekst=data.get("samenvatting", ""),
            actor=actor,
        )
    except Partnerfout as exc:
        raise Ongeldig(str(exc)) from exc
    return DossierEvent.objects.filter(
        dossier=dossier, soort=Soort.PARTNER_VOORTGANG, gegevens__notitie=notitie.pk
    ).latest("pk")


def meld_coa_overdracht(
    organisatie: Organisatie, dossier: Dossier, data: dict[str, Any], *, actor: Gebruiker
) -> DossierEvent:
    """The COA's warm handover through the API: the same client profile the COA fills in on its
    partner page (`partners.services.bewaar_profiel` + `draag_over`), handed over at once, so the
    consulent takes it over on the dossier's Ketenpartners tab. One handover per involvement: a
    second one is a conflict (the profile can no longer change)."""
    _niet_in_toekomst(data["overdrachtOp"], "overdrachtOp")
    betrokkenheid = _betrokkenheid(organisatie, dossier, Grond.COA_OVERDRACHT)
    if (
        Clientprofiel.objects.filter(betrokkenheid=betrokkenheid)
        .exclude(status=Profielstatus.CONCEPT)
        .exists()
    ):
        raise Conflict(_("Het COA heeft deze persoon al overgedragen."))
    contact = data["contactpersoon"]
    azc_contact = ", ".join(
        d
        for d in (data["azc"], contact["naam"], contact.get("telefoon"), contact.get("email"))
        if d
    )
    try:
        with transaction.atomic():
            profiel = partner_services.bewaar_profiel(
                betrokkenheid,
                actor=actor,
                talen=data.get("taalvoortgang", ""),
                opleiding=data.get("opleiding", ""),
                werkervaring=data.get("werkervaring", ""),
                voorkeuren=data.get("bijzonderheden", ""),
                azc_contact=azc_contact[:300],
            )
            partner_services.draag_over(profiel, actor=actor)
    except Partnerfout as exc:
        raise Ongeldig(str(exc)) from exc
    return DossierEvent.objects.filter(dossier=dossier, soort=Soort.CLIENTPROFIEL_COA).latest("pk")
