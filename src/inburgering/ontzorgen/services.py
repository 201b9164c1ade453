"""Ontzorgen and maatschappelijke begeleiding: the writes and the rules they apply.

* `start_ontzorgen` records the day the right to bijstand arises (typed in, or `importeer_csv`
  from the benefits system) after `wet.financieel_ontzorgen` says the person qualifies; the end
  of the six months is the rule's.
* `leg_last_vast` / `wijzig_last` / `beeindig_last`: fixed costs with a validated IBAN, an amount
  above zero and a first month inside the period (`wet.ontzorgen_betaalmaand`). A changed payee
  or IBAN waits for a second user (`keur_begunstigde_goed`).
* `maak_batch`: a gemeente's payments of a month as pain.001 + CSV, built and validated whole
  before one transaction stores it; `keur_batch_goed` by a second user records them as paid.
* `start_begeleiding` / `noteer` / `beeindig_begeleiding`: Wi art. 13, linked to the provider
  through `partners.services.koppel` (bron "mb:<pk>").
* `status_voor(dossier, soort)`: the shared status block, filtered by `partners.toegang`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import wet
from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.dossiers.models import Doelgroep, Dossier, Regime
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.uitleg import regeltekst
from inburgering.dossiers.workflow import Soort
from inburgering.partners.models import Grond, Organisatie, Organisatiesoort
from inburgering.partners.services import koppel, ontkoppel
from inburgering.partners.toegang import Gegeven, mag_zien
from inburgering.statusmachine import Statusmachine
from inburgering.wet.typen import Verblijfsgrond as WetVerblijfsgrond
from inburgering.wet.voorzieningen import eerste_van_maand, laatste_van_maand

from . import bestanden
from .iban import fout_in_iban, normaliseer
from .models import (
    Batchstatus,
    Begeleiding,
    Begeleidingsnotitie,
    Betaalbatch,
    Betaling,
    Betalingstatus,
    Kostensoort,
    Notitiesoort,
    Ontzorgbeleid,
    Ontzorging,
    VasteLast,
    euro,
)


class OntzorgenFout(Exception):
    """A write is refused (Dutch message for the user)."""


BATCH_STATUS = Statusmachine.uit_paren(
    Batchstatus,
    [
        (Batchstatus.CONCEPT, Batchstatus.GOEDGEKEURD),
        (Batchstatus.CONCEPT, Batchstatus.INGETROKKEN),
    ],
)


def _datum(dag: dt.date | None) -> str:
    return dag.isoformat() if dag else ""


def _registreer(dossier: Dossier, soort: Soort, datum: dt.date, actor, gegevens: dict) -> None:
    """Record a fact; a date in the future (a planned end) is recorded as of today."""
    try:
        registreer(dossier, soort, min(datum, timezone.localdate()), actor=actor, gegevens=gegevens)
    except OngeldigeGebeurtenis as fout:
        raise OntzorgenFout(str(fout)) from fout


# --- qualification and start ---------------------------------------------------------------


def beoordeel(dossier: Dossier, verblijfsgrond: str, recht_op_bijstand_vanaf: dt.date | None):
    """The rule's outcome for this dossier (Pw art. 56a lid 1-2)."""
    return wet.financieel_ontzorgen(
        inburgeringsplichtig_wi2021=dossier.regime == Regime.WI2021,
        verblijfsgrond=WetVerblijfsgrond(verblijfsgrond),
        recht_op_bijstand_vanaf=recht_op_bijstand_vanaf,
    )


def start_ontzorgen(
    dossier: Dossier,
    *,
    verblijfsgrond: str,
    recht_op_bijstand_vanaf: dt.date,
    actor: Gebruiker | None,
    budgetbeheerder: Organisatie | None = None,
    bron: str = "invoer",
) -> Ontzorging:
    """Start ontzorgen from the day the right to bijstand arises; refused when the person does
    not qualify or the dossier already has it."""
    uitkomst = beoordeel(dossier, verblijfsgrond, recht_op_bijstand_vanaf)
    if not uitkomst.waarde.van_toepassing or uitkomst.waarde.einde is None:
        raise OntzorgenFout(regeltekst(uitkomst.uitleg))
    with transaction.atomic():
        if Ontzorging.objects.filter(dossier=dossier).exists():
            raise OntzorgenFout(_("Dit dossier heeft al een registratie voor ontzorgen."))
        ontzorging = Ontzorging.objects.create(
            dossier=dossier,
            verblijfsgrond=verblijfsgrond,
            recht_op_bijstand_vanaf=recht_op_bijstand_vanaf,
            einde=uitkomst.waarde.einde,
            bron=bron,
        )
        _registreer(
            dossier,
            Soort.ONTZORGEN_GESTART,
            recht_op_bijstand_vanaf,
            actor,
            {
                "recht_op_bijstand_vanaf": recht_op_bijstand_vanaf.isoformat(),
                "einde": uitkomst.waarde.einde.isoformat(),
                "bron": bron,
            },
        )
        if budgetbeheerder is not None:
            zet_budgetbeheerder(ontzorging, budgetbeheerder)
    return ontzorging


def zet_budgetbeheerder(ontzorging: Ontzorging, organisatie: Organisatie | None) -> None:
    """Link (or unlink) a budget manager: a `Betrokkenheid` with Grond.ONTZORGEN."""
    bron = f"ontzorgen:{ontzorging.pk}"
    vandaag = timezone.localdate()
    with transaction.atomic():
        if ontzorging.budgetbeheerder_id and ontzorging.budgetbeheerder_id != getattr(
            organisatie, "pk", None
        ):
            ontkoppel(ontzorging.dossier, bron=bron, einde=vandaag)
        if organisatie is not None:
            if organisatie.soort != Organisatiesoort.BUDGETBEHEER:
                raise OntzorgenFout(_("Kies een organisatie voor budgetbeheer."))
            try:
                koppel(
                    organisatie,
                    ontzorging.dossier,
                    Grond.ONTZORGEN,
                    bron=bron,
                    begin=min(vandaag, ontzorging.recht_op_bijstand_vanaf),
                )
            except ValidationError as fout:
                raise OntzorgenFout(" ".join(fout.messages)) from fout
        ontzorging.budgetbeheerder = organisatie
        ontzorging.save(update_fields=["budgetbeheerder"])


@dataclass
class Importresultaat:
    gestart: int = 0
    fouten: list[str] = field(default_factory=list)


def importeer_csv(inhoud: bytes, *, gemeente_dossiers, actor: Gebruiker) -> Importresultaat:
    """Start dates from the benefits system: a CSV with `dossier` (the dossier's uuid),
    `recht_op_bijstand_vanaf` (YYYY-MM-DD) and `verblijfsgrond`. All lines or none: any error
    and nothing is stored; the result lists the errors per line."""
    resultaat = Importresultaat()
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        resultaat.fouten.append(_("Het bestand is geen UTF-8-tekst."))
        return resultaat
    lezer = csv.DictReader(io.StringIO(tekst), delimiter=";" if ";" in tekst[:200] else ",")
    nodig = {"dossier", "recht_op_bijstand_vanaf"}
    if not nodig <= set(lezer.fieldnames or []):
        resultaat.fouten.append(
            _("Kolommen ontbreken: dossier en recht_op_bijstand_vanaf zijn verplicht.")
        )
        return resultaat
    try:
        with transaction.atomic():
            for nummer, rij in enumerate(lezer, start=2):
                try:
                    dossier = gemeente_dossiers.filter(
                        uuid=(rij.get("dossier") or "").strip()
                    ).first()
                except ValidationError:
                    dossier = None
                if dossier is None:
                    resultaat.fouten.append(_("Regel %(n)s: dossier onbekend.") % {"n": nummer})
                    continue
                try:
                    datum = dt.date.fromisoformat(
                        (rij.get("recht_op_bijstand_vanaf") or "").strip()
                    )
                except ValueError:
                    resultaat.fouten.append(
                        _("Regel %(n)s: de datum moet de vorm JJJJ-MM-DD hebben.") % {"n": nummer}
                    )
                    continue
                grond = (rij.get("verblijfsgrond") or "asiel_bepaalde_tijd").strip()
                if grond not in {v.value for v in WetVerblijfsgrond}:
                    resultaat.fouten.append(
                        _("Regel %(n)s: onbekende verblijfsgrond.") % {"n": nummer}
                    )
                    continue
                try:
                    start_ontzorgen(
                        dossier,
                        verblijfsgrond=grond,
                        recht_op_bijstand_vanaf=datum,
                        actor=actor,
                        bron="import",
                    )
                except OntzorgenFout as fout:
                    resultaat.fouten.append(
                        _("Regel %(n)s: %(fout)s") % {"n": nummer, "fout": fout}
                    )
                    continue
                resultaat.gestart += 1
            if resultaat.fouten:
                raise OntzorgenFout("terugdraaien")
    except OntzorgenFout:
        resultaat.gestart = 0
    return resultaat


def leg_vrijwillige_voortzetting_vast(
    ontzorging: Ontzorging, tot: dt.date | None, actor: Gebruiker
) -> None:
    """Record (or clear) the inburgeraar's choice to continue after the six months."""
    if tot is not None and tot <= ontzorging.einde:
        raise OntzorgenFout(
            _("Vrijwillige voortzetting loopt na het einde van de zes maanden (%(einde)s).")
            % {"einde": ontzorging.einde.strftime("%d-%m-%Y")}
        )
    with transaction.atomic():
        ontzorging.vrijwillig_tot = tot
        ontzorging.save(update_fields=["vrijwillig_tot"])
        _registreer(
            ontzorging.dossier,
            Soort.ONTZORGEN_BEEINDIGD if tot is None else Soort.ONTZORGEN_GESTART,
            timezone.localdate(),
            actor,
            {"reden": _("vrijwillige voortzetting vervalt"), "vrijwillig_tot": ""}
            if tot is None
            else {
                "recht_op_bijstand_vanaf": ontzorging.recht_op_bijstand_vanaf.isoformat(),
                "einde": tot.isoformat(),
                "bron": "vrijwillig",
            },
        )


def zet_toeslagen_ontvangen(ontzorging: Ontzorging, datum: dt.date | None) -> None:
    ontzorging.toeslagen_ontvangen = datum
    ontzorging.save(update_fields=["toeslagen_ontvangen"])


def beeindig_ontzorgen(
    ontzorging: Ontzorging, einde: dt.date, actor: Gebruiker, reden: str = ""
) -> None:
    """End ontzorgen (after the afbouwgesprek); fixed costs stop after that month."""
    if einde < ontzorging.recht_op_bijstand_vanaf:
        raise OntzorgenFout(_("Het einde ligt voor de start van het ontzorgen."))
    with transaction.atomic():
        ontzorging.beeindigd_op = einde
        ontzorging.save(update_fields=["beeindigd_op"])
        ontzorging.lasten.filter(Q(tot__isnull=True) | Q(tot__gt=einde)).filter(
            vanaf__lte=eerste_van_maand(einde)
        ).update(tot=eerste_van_maand(einde))
        ontkoppel(ontzorging.dossier, bron=f"ontzorgen:{ontzorging.pk}", einde=einde)
        _registreer(
            ontzorging.dossier,
            Soort.ONTZORGEN_BEEINDIGD,
            einde,
            actor,
            {"reden": reden, "vrijwillig_tot": _datum(ontzorging.vrijwillig_tot)},
        )


# --- fixed costs ---------------------------------------------------------------------------


def toegestane_soorten(gemeente: Gemeente) -> list[tuple[str, str]]:
    beleid = Ontzorgbeleid.objects.filter(gemeente=gemeente).first()
    return [
        (k, v)
        for k, v in Kostensoort.choices
        if k != Kostensoort.OVERIG or (beleid is not None and beleid.overige_kosten)
    ]


def _controleer_last(
    ontzorging: Ontzorging,
    *,
    soort: str,
    iban: str,
    bedrag_cents: int,
    vanaf: dt.date,
    tot: dt.date | None,
) -> str:
    fout = fout_in_iban(iban)
    if fout:
        raise OntzorgenFout(fout)
    if soort not in dict(toegestane_soorten(ontzorging.dossier.gemeente)):
        raise OntzorgenFout(_("Deze soort vaste last betaalt de gemeente niet."))
    for maand in (vanaf,) + ((tot,) if tot else ()):
        validatie = wet.ontzorgen_betaalmaand(
            recht_op_bijstand_vanaf=ontzorging.recht_op_bijstand_vanaf,
            maand=maand,
            bedrag_cents=bedrag_cents,
            vrijwillig_tot=ontzorging.vrijwillig_tot,
        )
        if not validatie.geldig:
            raise OntzorgenFout(" ".join(o.melding for o in validatie.overtredingen))
    if tot is not None and tot < vanaf:
        raise OntzorgenFout(_("De laatste maand ligt voor de eerste maand."))
    return normaliseer(iban)


def _last_gegevens(last: VasteLast, actie: str) -> dict:
    return {
        "last": last.pk,
        "actie": actie,
        "soort": last.soort,
        "begunstigde": last.begunstigde,
        "bedrag_cents": last.bedrag_cents,
        "vanaf": _datum(last.vanaf),
        "tot": _datum(last.tot),
    }


def leg_last_vast(
    ontzorging: Ontzorging,
    *,
    soort: str,
    begunstigde: str,
    iban: str,
    bedrag_cents: int,
    kenmerk: str,
    vanaf: dt.date,
    tot: dt.date | None = None,
    actor: Gebruiker,
) -> VasteLast:
    """A new fixed cost. Its payee needs no second approval: the first payments come in a
    batch that a second user approves."""
    if ontzorging.beeindigd_op is not None:
        raise OntzorgenFout(_("Het ontzorgen is beëindigd."))
    vanaf, tot = eerste_van_maand(vanaf), (eerste_van_maand(tot) if tot else None)
    iban = _controleer_last(
        ontzorging, soort=soort, iban=iban, bedrag_cents=bedrag_cents, vanaf=vanaf, tot=tot
    )
    with transaction.atomic():
        last = VasteLast.objects.create(
            ontzorging=ontzorging,
            soort=soort,
            begunstigde=begunstigde.strip(),
            iban=iban,
            bedrag_cents=bedrag_cents,
            kenmerk=kenmerk.strip(),
            vanaf=vanaf,
            tot=tot,
        )
        _registreer(
            ontzorging.dossier,
            Soort.ONTZORGEN_VASTE_LAST,
            timezone.localdate(),
            actor,
            _last_gegevens(last, "nieuw"),
        )
    return last


def wijzig_last(
    last: VasteLast,
    *,
    begunstigde: str,
    iban: str,
    bedrag_cents: int,
    kenmerk: str,
    vanaf: dt.date,
    tot: dt.date | None,
    actor: Gebruiker,
) -> VasteLast:
    """Change a fixed cost. A new payee or IBAN waits for a second user's approval; until
    then no batch is made for the gemeente."""
    vanaf, tot = eerste_van_maand(vanaf), (eerste_van_maand(tot) if tot else None)
    iban = _controleer_last(
        last.ontzorging,
        soort=last.soort,
        iban=iban,
        bedrag_cents=bedrag_cents,
        vanaf=vanaf,
        tot=tot,
    )
    with transaction.atomic():
        last = VasteLast.objects.select_for_update().get(pk=last.pk)
        begunstigde_anders = begunstigde.strip() != last.begunstigde or iban != last.iban
        last.begunstigde, last.iban, last.bedrag_cents = begunstigde.strip(), iban, bedrag_cents
        last.kenmerk, last.vanaf, last.tot = kenmerk.strip(), vanaf, tot
        if begunstigde_anders:
            last.wacht_op_goedkeuring = True
            last.gewijzigd_door = actor
            last.wijziging += 1
        last.save()
        _registreer(
            last.ontzorging.dossier,
            Soort.ONTZORGEN_VASTE_LAST,
            timezone.localdate(),
            actor,
            _last_gegevens(last, "begunstigde gewijzigd" if begunstigde_anders else "gewijzigd"),
        )
    return last


def keur_begunstigde_goed(last: VasteLast, actor: Gebruiker) -> VasteLast:
    """Four eyes on a changed payee: never by who changed it."""
    with transaction.atomic():
        last = VasteLast.objects.select_for_update().get(pk=last.pk)
        if not last.wacht_op_goedkeuring:
            raise OntzorgenFout(_("Deze begunstigde wacht niet op goedkeuring."))
        if last.gewijzigd_door_id == actor.pk:
            raise OntzorgenFout(
                _(
                    "U heeft deze begunstigde zelf gewijzigd. Volgens het vier-ogenprincipe "
                    "keurt een andere medewerker de wijziging goed."
                )
            )
        last.wacht_op_goedkeuring = False
        last.save(update_fields=["wacht_op_goedkeuring"])
        _registreer(
            last.ontzorging.dossier,
            Soort.ONTZORGEN_VASTE_LAST,
            timezone.localdate(),
            actor,
            _last_gegevens(last, "begunstigde goedgekeurd"),
        )
    return last


def beeindig_last(last: VasteLast, tot: dt.date, actor: Gebruiker) -> VasteLast:
    tot = eerste_van_maand(tot)
    if tot < last.vanaf:
        raise OntzorgenFout(_("De laatste maand ligt voor de eerste maand."))
    with transaction.atomic():
        last.tot = tot
        last.save(update_fields=["tot"])
        _registreer(
            last.ontzorging.dossier,
            Soort.ONTZORGEN_VASTE_LAST,
            timezone.localdate(),
            actor,
            _last_gegevens(last, "beëindigd"),
        )
    return last


def inhouding_per_maand(ontzorging: Ontzorging, maand: dt.date) -> int:
    """What is deducted from the bijstand for ``maand``: the fixed costs payable that month."""
    return sum(b for _l, b in _te_betalen(ontzorging, maand))


def _te_betalen(ontzorging: Ontzorging, maand: dt.date) -> list[tuple[VasteLast, int]]:
    maand = eerste_van_maand(maand)
    if ontzorging.beeindigd_op is not None and maand > ontzorging.beeindigd_op:
        return []
    if not wet.ontzorgen_betaalmaand(
        recht_op_bijstand_vanaf=ontzorging.recht_op_bijstand_vanaf,
        maand=maand,
        bedrag_cents=1,
        vrijwillig_tot=ontzorging.vrijwillig_tot,
    ).geldig:
        return []
    return [
        (last, last.bedrag_cents)
        for last in ontzorging.lasten.all()
        if last.vanaf <= maand and (last.tot is None or last.tot >= maand)
    ]


# --- batches -------------------------------------------------------------------------------


def maak_batch(
    gemeente: Gemeente, maand: dt.date, *, actor: Gebruiker, uitvoerdatum: dt.date | None = None
) -> Betaalbatch:
    """The gemeente's payments for ``maand``: both files built and checked in memory, then
    stored in one transaction. Refused (nothing stored) when the gemeente has no paying
    account, a batch for the month exists, a payee change awaits approval, an IBAN is invalid,
    or there is nothing to pay."""
    maand = eerste_van_maand(maand)
    beleid = Ontzorgbeleid.objects.filter(gemeente=gemeente).first()
    if beleid is None or fout_in_iban(beleid.iban):
        raise OntzorgenFout(
            _("Leg eerst een geldig IBAN van de gemeente vast in het beleid voor ontzorgen.")
        )
    if (
        Betaalbatch.objects.filter(gemeente=gemeente, maand=maand)
        .exclude(status=Batchstatus.INGETROKKEN)
        .exists()
    ):
        raise OntzorgenFout(_("Voor deze maand is al een batch gemaakt."))
    # One query over the fixed costs of the month (values, no model instances: 8,000 rows for
    # 2,000 households); the rule decides per distinct (start, continuation) whether the month
    # is payable.
    rijen = (
        VasteLast.objects.filter(
            ontzorging__dossier__gemeente=gemeente,
            ontzorging__recht_op_bijstand_vanaf__lte=laatste_van_maand(maand),
            vanaf__lte=maand,
        )
        .filter(Q(tot__isnull=True) | Q(tot__gte=maand))
        .filter(Q(ontzorging__beeindigd_op__isnull=True) | Q(ontzorging__beeindigd_op__gte=maand))
        .order_by("ontzorging_id", "pk")
        .values_list(
            "pk",
            "ontzorging_id",
            "ontzorging__dossier_id",
            "ontzorging__recht_op_bijstand_vanaf",
            "ontzorging__vrijwillig_tot",
            "soort",
            "begunstigde",
            "iban",
            "bedrag_cents",
            "kenmerk",
            "wacht_op_goedkeuring",
        )
    )
    betaalbaar: dict[tuple[dt.date, dt.date | None], bool] = {}
    regels: list[tuple[int, int, bestanden.Regel]] = []
    wachtend: list[str] = []
    ongeldig: list[str] = []
    iban_geldig: dict[str, bool] = {}
    # end-to-end ids stay unique when a withdrawn month is made again: the attempt's number
    poging = Betaalbatch.objects.filter(gemeente=gemeente, maand=maand).count() + 1
    prefix = f"OZ{gemeente.cbs_code or gemeente.pk}{maand:%Y%m}{poging}"
    for pk, o_id, d_id, start, vrijwillig, soort, naam, iban, bedrag, kenmerk, wacht in rijen:
        sleutel = (start, vrijwillig)
        if sleutel not in betaalbaar:
            betaalbaar[sleutel] = wet.ontzorgen_betaalmaand(
                recht_op_bijstand_vanaf=start,
                maand=maand,
                bedrag_cents=1,
                vrijwillig_tot=vrijwillig,
            ).geldig
        if not betaalbaar[sleutel]:
            continue
        if wacht:
            wachtend.append(f"{naam} ({d_id})")
            continue
        if iban not in iban_geldig:
            iban_geldig[iban] = fout_in_iban(iban) is None
        if not iban_geldig[iban] or bedrag <= 0:
            ongeldig.append(f"{naam} ({d_id})")
            continue
        regels.append(
            (o_id, pk, bestanden.Regel(d_id, soort, naam, iban, bedrag, kenmerk, f"{prefix}-{pk}"))
        )
    if wachtend:
        raise OntzorgenFout(
            _(
                "Geen batch: een gewijzigde begunstigde wacht nog op goedkeuring door een "
                "tweede medewerker (%(lijst)s)."
            )
            % {"lijst": ", ".join(wachtend[:5])}
        )
    if ongeldig:
        raise OntzorgenFout(
            _("Geen batch: ongeldig IBAN of bedrag bij %(lijst)s.")
            % {"lijst": ", ".join(ongeldig[:5])}
        )
    if not regels:
        raise OntzorgenFout(_("Er is voor deze maand niets te betalen."))
    uitvoerdatum = uitvoerdatum or max(maand, timezone.localdate())
    alle = [r for _o, _l, r in regels]
    try:
        xml, bericht_id = bestanden.pain001(
            rekeninghouder=beleid.rekeninghouder or gemeente.naam,
            iban=normaliseer(beleid.iban),
            bic=beleid.bic,
            uitvoerdatum=uitvoerdatum,
            regels=alle,
        )
    except Exception as fout:  # sepaxml raises plain Exceptions for bad input
        raise OntzorgenFout(
            _("Het SEPA-bestand voldoet niet aan pain.001: %(fout)s") % {"fout": fout}
        ) from fout
    inhoud_csv = bestanden.als_csv(maand, alle)
    try:
        with transaction.atomic():
            batch = Betaalbatch.objects.create(
                gemeente=gemeente,
                maand=maand,
                uitvoerdatum=uitvoerdatum,
                bericht_id=bericht_id,
                aantal=len(alle),
                totaal_cents=sum(r.bedrag_cents for r in alle),
                pain001=xml,
                csv=inhoud_csv,
                aangemaakt_door=actor,
            )
            Betaling.objects.bulk_create(
                [
                    Betaling(
                        batch=batch,
                        ontzorging_id=o,
                        vaste_last_id=last,
                        maand=maand,
                        soort=r.soort,
                        begunstigde=r.begunstigde,
                        iban=r.iban,
                        bedrag_cents=r.bedrag_cents,
                        kenmerk=r.kenmerk,
                        end_to_end_id=r.end_to_end_id,
                    )
                    for o, last, r in regels
                ],
                batch_size=2000,
            )
    except IntegrityError as fout:
        raise OntzorgenFout(_("Voor deze maand is al een batch gemaakt.")) from fout
    return batch


def keur_batch_goed(batch: Betaalbatch, actor: Gebruiker) -> Betaalbatch:
    """Four eyes: a second user approves; the payments are then recorded as paid."""
    with transaction.atomic():
        batch = Betaalbatch.objects.select_for_update().get(pk=batch.pk)
        BATCH_STATUS.controleer(
            batch.status,
            Batchstatus.GOEDGEKEURD,
            melding=_("Deze batch wacht niet (meer) op goedkeuring."),
            fout=OntzorgenFout,
        )
        if batch.aangemaakt_door_id == actor.pk:
            raise OntzorgenFout(
                _(
                    "U heeft deze batch zelf gemaakt. Volgens het vier-ogenprincipe keurt een "
                    "andere medewerker hem goed."
                )
            )
        gewijzigd = batch.betalingen.filter(
            Q(vaste_last__wacht_op_goedkeuring=True)
            | ~Q(vaste_last__iban=F("iban"))
            | ~Q(vaste_last__begunstigde=F("begunstigde"))
        )
        if gewijzigd.exists():
            raise OntzorgenFout(
                _("Een begunstigde in deze batch is sindsdien gewijzigd; trek de batch in.")
            )
        batch.status = Batchstatus.GOEDGEKEURD
        batch.goedgekeurd_door = actor
        batch.goedgekeurd_op = timezone.now()
        batch.save(update_fields=["status", "goedgekeurd_door", "goedgekeurd_op"])
        batch.betalingen.update(status=Betalingstatus.BETAALD)
    return batch


def trek_batch_in(batch: Betaalbatch, actor: Gebruiker) -> Betaalbatch:
    with transaction.atomic():
        batch = Betaalbatch.objects.select_for_update().get(pk=batch.pk)
        BATCH_STATUS.controleer(
            batch.status,
            Batchstatus.INGETROKKEN,
            melding=_("Alleen een batch die op goedkeuring wacht kan worden ingetrokken."),
            fout=OntzorgenFout,
        )
        batch.status = Batchstatus.INGETROKKEN
        batch.save(update_fields=["status"])
        batch.betalingen.update(status=Betalingstatus.VERVALLEN)
    return batch


def registreer_weigering(betaling: Betaling, reden: str, actor: Gebruiker) -> Betaling:
    """The bank refused a paid payment (a returned transfer): recorded and signalled."""
    if not reden.strip():
        raise OntzorgenFout(_("Vul de reden van de weigering in."))
    with transaction.atomic():
        betaling = Betaling.objects.select_for_update().get(pk=betaling.pk)
        if betaling.status != Betalingstatus.BETAALD:
            raise OntzorgenFout(_("Alleen een betaalde betaling kan geweigerd worden."))
        betaling.status = Betalingstatus.GEWEIGERD
        betaling.reden = reden.strip()[:200]
        betaling.save(update_fields=["status", "reden"])
        _registreer(
            betaling.ontzorging.dossier,
            Soort.ONTZORGEN_BETALING,
            timezone.localdate(),
            actor,
            {
                "betaling": betaling.pk,
                "status": "geweigerd",
                "maand": betaling.maand.strftime("%m-%Y"),
                "reden": betaling.reden,
            },
        )
    return betaling


def batches_voor(gemeente_ids: list[int]):
    return Betaalbatch.objects.filter(gemeente_id__in=gemeente_ids).select_related(
        "gemeente", "aangemaakt_door", "goedgekeurd_door"
    )


def betalingen_van(ontzorging: Ontzorging):
    return ontzorging.betalingen.exclude(status=Betalingstatus.VERVALLEN).order_by(
        "-maand", "soort"
    )


# --- maatschappelijke begeleiding ----------------------------------------------------------


def start_begeleiding(
    dossier: Dossier,
    *,
    organisatie: Organisatie,
    begeleider: str,
    aanvang: dt.date | None,
    praktisch: bool = True,
    pvt: bool = False,
    map_: bool = False,
    actor: Gebruiker | None,
) -> Begeleiding:
    """Wi art. 13: asylum status holders only, from the BRP registration (the default
    start); the provider is linked to the dossier (Grond.BEGELEIDING, bron "mb:<pk>")."""
    uitkomst = wet.maatschappelijke_begeleiding(
        doelgroep=wet.Doelgroep(dossier.doelgroep)
        if dossier.doelgroep
        else wet.Doelgroep.GEZINSMIGRANT_OVERIG,
        inschrijving_brp=dossier.brp_inschrijving_datum,
    )
    if not uitkomst.waarde.recht:
        raise OntzorgenFout(regeltekst(uitkomst.uitleg))
    aanvang = aanvang or uitkomst.waarde.aanvang
    if aanvang is None:
        raise OntzorgenFout(regeltekst(uitkomst.uitleg))
    if organisatie.soort != Organisatiesoort.BEGELEIDING:
        raise OntzorgenFout(_("Kies een organisatie voor maatschappelijke begeleiding."))
    with transaction.atomic():
        if Begeleiding.objects.filter(dossier=dossier).exists():
            raise OntzorgenFout(_("Dit dossier heeft al maatschappelijke begeleiding."))
        mb = Begeleiding.objects.create(
            dossier=dossier,
            organisatie=organisatie,
            begeleider=begeleider.strip(),
            aanvang=aanvang,
            praktisch=praktisch,
            pvt=pvt,
            map=map_,
        )
        try:
            koppel(organisatie, dossier, Grond.BEGELEIDING, bron=f"mb:{mb.pk}", begin=aanvang)
        except ValidationError as fout:
            raise OntzorgenFout(" ".join(fout.messages)) from fout
        _registreer(
            dossier,
            Soort.BEGELEIDING_GESTART,
            aanvang,
            actor,
            {"organisatie": organisatie.naam, "begeleider": mb.begeleider},
        )
    return mb


def noteer(
    begeleiding: Begeleiding,
    *,
    datum: dt.date,
    soort: str,
    tekst: str,
    door: Gebruiker,
    namens_begeleider: bool = False,
) -> Begeleidingsnotitie:
    if not tekst.strip():
        raise OntzorgenFout(_("Schrijf de notitie."))
    if soort not in Notitiesoort.values:
        raise OntzorgenFout(_("Kies contact of voortgang."))
    if datum < begeleiding.aanvang:
        raise OntzorgenFout(_("De datum ligt voor de start van de begeleiding."))
    return Begeleidingsnotitie.objects.create(
        begeleiding=begeleiding,
        datum=datum,
        soort=soort,
        tekst=tekst.strip(),
        door=door,
        namens_begeleider=namens_begeleider,
    )


def beeindig_begeleiding(
    begeleiding: Begeleiding, einde: dt.date, actor: Gebruiker, reden: str = ""
) -> Begeleiding:
    if einde < begeleiding.aanvang:
        raise OntzorgenFout(_("Het einde ligt voor de start van de begeleiding."))
    with transaction.atomic():
        begeleiding.einde = einde
        begeleiding.save(update_fields=["einde"])
        ontkoppel(begeleiding.dossier, bron=f"mb:{begeleiding.pk}", einde=einde)
        _registreer(
            begeleiding.dossier, Soort.BEGELEIDING_BEEINDIGD, einde, actor, {"reden": reden}
        )
    return begeleiding


# --- the shared status ---------------------------------------------------------------------


@dataclass(frozen=True)
class Lastregel:
    """One fixed cost in the shared status: what kind, the newest payment's status and the
    last month paid; payee, IBAN, amount and the bank's reason only with
    `Gegeven.ONTZORGEN_BETALING`."""

    soort: str
    betaald_tot: dt.date | None  # last month paid
    laatste_status: str
    kostensoort: str = ""  # the code of `soort`
    status: str = ""  # the code of the newest payment's status; "" before the first
    laatste_maand: dt.date | None = None  # the month of the newest payment
    begunstigde: str = ""  # only with Gegeven.ONTZORGEN_BETALING
    iban: str = ""
    bedrag_cents: int | None = None
    reden: str = ""  # why the bank refused the newest payment
    wacht_op_goedkeuring: bool = False

    @property
    def bedrag(self) -> str:
        return euro(self.bedrag_cents)


def lastregels(
    ontzorgingen: list[Ontzorging], soort: Organisatiesoort | str | None
) -> dict[int, tuple[Lastregel, ...]]:
    """The fixed costs of many ontzorgingen with their payment status, by ontzorging id, in two
    queries (the API's list). ``soort`` as in `status_voor`: payee, IBAN, amount and reason
    only for a kind that may see `Gegeven.ONTZORGEN_BETALING` (None: the consulent)."""
    betaling_ok = soort is None or mag_zien(soort, Gegeven.ONTZORGEN_BETALING)
    ids = [o.pk for o in ontzorgingen]
    laatste: dict[int, Betaling] = {}  # the newest payment per fixed cost
    betaald_tot: dict[int, dt.date] = {}  # the last month paid per fixed cost
    for b in (
        Betaling.objects.filter(ontzorging_id__in=ids)
        .exclude(status=Betalingstatus.VERVALLEN)
        .only("vaste_last_id", "maand", "status", "reden")
        .order_by("maand", "pk")
    ):
        laatste[b.vaste_last_id] = b
        if b.status == Betalingstatus.BETAALD:
            betaald_tot[b.vaste_last_id] = b.maand
    uit: dict[int, list[Lastregel]] = {pk: [] for pk in ids}
    for last in VasteLast.objects.filter(ontzorging_id__in=ids).order_by("soort", "pk"):
        b = laatste.get(last.pk)
        uit[last.ontzorging_id].append(
            Lastregel(
                soort=last.get_soort_display(),
                betaald_tot=betaald_tot.get(last.pk),
                laatste_status=b.get_status_display() if b else _("Nog niet betaald"),
                kostensoort=last.soort,
                status=b.status if b else "",
                laatste_maand=b.maand if b else None,
                begunstigde=last.begunstigde if betaling_ok else "",
                iban=last.iban if betaling_ok else "",
                bedrag_cents=last.bedrag_cents if betaling_ok else None,
                reden=b.reden if b and betaling_ok else "",
                wacht_op_goedkeuring=last.wacht_op_goedkeuring,
            )
        )
    return {pk: tuple(regels) for pk, regels in uit.items()}


def ontzorgen_loopt(ontzorging: Ontzorging, op: dt.date) -> bool:
    """Whether the six months (or the voluntary continuation) run on ``op`` and it was not
    ended."""
    return (
        ontzorging.beeindigd_op is None
        and wet.ontzorgen_loopt(
            recht_op_bijstand_vanaf=ontzorging.recht_op_bijstand_vanaf,
            peildatum=op,
            vrijwillig_tot=ontzorging.vrijwillig_tot,
        ).waarde
    )


@dataclass(frozen=True)
class Status:
    """The block shown to the consulent (soort None: everything) and to partners."""

    ontzorgen: bool
    ontzorgen_loopt: bool = False
    aanvang: dt.date | None = None
    einde: dt.date | None = None
    vrijwillig_tot: dt.date | None = None
    beeindigd_op: dt.date | None = None
    toeslagen_ontvangen: dt.date | None = None
    lasten: tuple[Lastregel, ...] = ()
    inhouding_cents: int | None = None
    betalingen_zichtbaar: bool = False
    begeleiding: bool = False
    begeleiding_zichtbaar: bool = False
    organisatie: str = ""
    begeleider: str = ""
    begeleiding_aanvang: dt.date | None = None
    begeleiding_einde: dt.date | None = None
    onderdelen: tuple[str, ...] = ()
    laatste_notitie: dt.date | None = None

    @property
    def inhouding(self) -> str:
        return euro(self.inhouding_cents)


def status_voor(
    dossier: Dossier, soort: Organisatiesoort | str | None, op: dt.date | None = None
) -> Status:
    """The shared status of ontzorgen and MB. ``soort`` None: the consulent (everything);
    a partner kind: only what `partners.toegang.mag_zien` allows (a begeleider sees that the
    rent is paid, not the IBAN or the amount)."""
    op = op or timezone.localdate()
    zie = (lambda g: True) if soort is None else (lambda g: mag_zien(soort, g))
    status_ok, betaling_ok = zie(Gegeven.ONTZORGEN_STATUS), zie(Gegeven.ONTZORGEN_BETALING)
    velden: dict = {"ontzorgen": False}
    ontzorging = Ontzorging.objects.filter(dossier=dossier).first()
    if ontzorging is not None and status_ok:
        lasten = lastregels([ontzorging], soort)[ontzorging.pk]
        loopt = ontzorgen_loopt(ontzorging, op)
        velden.update(
            ontzorgen=True,
            ontzorgen_loopt=loopt,
            aanvang=ontzorging.recht_op_bijstand_vanaf,
            einde=ontzorging.einde,
            vrijwillig_tot=ontzorging.vrijwillig_tot,
            beeindigd_op=ontzorging.beeindigd_op,
            toeslagen_ontvangen=ontzorging.toeslagen_ontvangen,
            lasten=lasten,
            inhouding_cents=inhouding_per_maand(ontzorging, op) if betaling_ok else None,
            betalingen_zichtbaar=betaling_ok,
        )
    mb = Begeleiding.objects.filter(dossier=dossier).select_related("organisatie").first()
    if mb is not None and zie(Gegeven.BEGELEIDING):
        onderdelen = [
            naam
            for aan, naam in (
                (mb.praktisch, _("praktische zaken")),
                (mb.pvt, _("PVT")),
                (mb.map, _("MAP")),
            )
            if aan
        ]
        laatste = mb.notities.order_by("-datum").values_list("datum", flat=True).first()
        velden.update(
            begeleiding=True,
            begeleiding_zichtbaar=True,
            organisatie=mb.organisatie.naam,
            begeleider=mb.begeleider,
            begeleiding_aanvang=mb.aanvang,
            begeleiding_einde=mb.einde,
            onderdelen=tuple(onderdelen),
            laatste_notitie=laatste,
        )
    return Status(**velden)


def kosten_totaal(gemeente_ids: list[int]) -> int:
    return (
        Betaling.objects.filter(
            batch__gemeente_id__in=gemeente_ids, status=Betalingstatus.BETAALD
        ).aggregate(s=Sum("bedrag_cents"))["s"]
        or 0
    )


def kwalificeert(dossier: Dossier) -> bool:
    """Whether ontzorgen may apply at all (Wi2021, asylum status holder): for the menus."""
    return dossier.regime == Regime.WI2021 and dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
