"""Hours offered and attended per placement per period, entered by the consulent or uploaded
as a provider's file, and the figures derived from them by the rules package.

A period is a week (7 days from its first day) or a calendar month (the day given is moved to
the 1st). Checks per period (the same for a form and for a file row, with a Dutch message):
the period overlaps the placement (from its start, or aanmelding when it has not started, to
its end or today), lies not in the future, hours are not negative, at most 60 a week (pro
rata for a month) and attended ≤ offered, and a period already recorded for the placement is
only accepted as a correction (the newest row of a period counts).

The upload follows the migration import (monitoring/importeren.py): every row is checked first,
nothing is stored while a row is wrong unless the user chose "valid rows only", and what is
stored is stored in one transaction. After storing, each affected dossier's total of NT2 and
KNM course hours goes to DUO through the outbox (GevolgdeUren, participatietaalles)."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering import wet
from inburgering.bsn import valideer_bsn
from inburgering.dossiers.models import Doelgroep, Dossier
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.koppelingen.duo import leveringen
from inburgering.koppelingen.models import UitgaandBericht
from inburgering.pip.models import Voortgangsgesprek

from .models import (
    Bestandsindeling,
    Periodesoort,
    Plaatsing,
    PlaatsingStatus,
    Productsoort,
    Uren,
    geldende_uren,
)
from .services import TrajectFout, aanwezigheidsnorm

MAX_PER_WEEK = Decimal(60)
#: Course hours of NT2 and KNM at an institution: what DUO's participatietaalles counts and
#: what counts towards the 600 hours of Besluit 5.5.
TAALLES = frozenset(
    {Productsoort.B1_ROUTE, Productsoort.ONDERWIJSROUTE, Productsoort.Z_ROUTE, Productsoort.KNM}
)
NT2 = frozenset({Productsoort.B1_ROUTE, Productsoort.ONDERWIJSROUTE, Productsoort.Z_ROUTE})


def periode(soort: str, begin: dt.date) -> tuple[dt.date, dt.date]:
    if soort == Periodesoort.MAAND:
        eerste = begin.replace(day=1)
        laatste = calendar.monthrange(eerste.year, eerste.month)[1]
        return eerste, eerste.replace(day=laatste)
    return begin, begin + dt.timedelta(days=6)


def _looptijd(plaatsing: Plaatsing, vandaag: dt.date) -> tuple[dt.date, dt.date]:
    return plaatsing.gestart_op or plaatsing.aangemeld_op, plaatsing.beeindigd_op or vandaag


def fouten_in_periode(
    plaatsing: Plaatsing,
    begin: dt.date,
    einde: dt.date,
    aangeboden: Decimal,
    aanwezig: Decimal,
    *,
    correctie: bool,
    bekend: set[dt.date],
    vandaag: dt.date,
) -> list[str]:
    """The Dutch messages for one period of hours (empty: it may be stored). `bekend`: the
    first days of the periods already recorded for the placement."""
    fouten = []
    van, tot = _looptijd(plaatsing, vandaag)
    if begin > vandaag:
        fouten.append(_("De periode ligt in de toekomst."))
    elif einde < van or begin > tot:
        fouten.append(
            _("De periode %(b)s – %(e)s valt buiten de plaatsing (%(van)s – %(tot)s).")
            % {
                "b": f"{begin:%d-%m-%Y}",
                "e": f"{einde:%d-%m-%Y}",
                "van": f"{van:%d-%m-%Y}",
                "tot": f"{tot:%d-%m-%Y}",
            }
        )
    if aangeboden < 0 or aanwezig < 0:
        fouten.append(_("Uren kunnen niet negatief zijn."))
    else:
        maximum = MAX_PER_WEEK * Decimal((einde - begin).days + 1) / 7
        if aangeboden > maximum or aanwezig > maximum:
            fouten.append(
                _("Meer dan 60 uur per week is niet mogelijk (hoogstens %(m)s in deze periode).")
                % {"m": maximum.quantize(Decimal("1"))}
            )
        if aanwezig > aangeboden:
            fouten.append(_("Er zijn meer uren aanwezig dan aangeboden."))
    if begin in bekend and not correctie:
        fouten.append(
            _("Voor deze periode zijn al uren geregistreerd; geef een wijziging op als correctie.")
        )
    return fouten


def registreer_uren(
    plaatsing: Plaatsing,
    *,
    periodesoort: str,
    periode_begin: dt.date,
    aangeboden: Decimal,
    aanwezig: Decimal,
    correctie: bool = False,
    actor=None,
) -> Uren:
    """The consulent's entry of one period; raises TrajectFout with every problem at once."""
    begin, einde = periode(periodesoort, periode_begin)
    bekend = set(
        plaatsing.uren.filter(periodesoort=periodesoort).values_list("periode_begin", flat=True)
    )
    fouten = fouten_in_periode(
        plaatsing,
        begin,
        einde,
        aangeboden,
        aanwezig,
        correctie=correctie,
        bekend=bekend,
        vandaag=timezone.localdate(),
    )
    if fouten:
        raise TrajectFout(" ".join(fouten))
    with transaction.atomic():
        rij = Uren.objects.create(
            plaatsing=plaatsing,
            periodesoort=periodesoort,
            periode_begin=begin,
            periode_einde=einde,
            aangeboden=aangeboden,
            aanwezig=aanwezig,
            correctie=correctie,
            bron=Uren.Bron.HANDMATIG,
            ingevoerd_door=actor,
        )
        werk_verzuim_bij([plaatsing])
        lever_gevolgde_uren([plaatsing.dossier], actor=actor)
    return rij


# --- the figures -----------------------------------------------------------------------------


def _perioden(rijen) -> list[wet.Urenperiode]:
    return [
        wet.Urenperiode(r.periode_begin, r.periode_einde, r.aangeboden, r.aanwezig) for r in rijen
    ]


def _som(rijen) -> Decimal:
    return sum((r.aanwezig for r in rijen), Decimal(0))


def totaal_taalles(dossier: Dossier) -> Decimal:
    plaatsingen = list(dossier.plaatsingen.filter(contract__product__soort__in=TAALLES))
    return sum((_som(r) for r in geldende_uren(plaatsingen).values()), Decimal(0))


def werk_verzuim_bij(plaatsingen, peildatum: dt.date | None = None) -> None:
    """Store each placement's absence signal (the rules package's, with the gemeente's norm)
    for the caseload filter."""
    peildatum = peildatum or timezone.localdate()
    plaatsingen = list(plaatsingen)
    uren = geldende_uren(plaatsingen)
    normen: dict[int, int] = {}
    for p in plaatsingen:
        gemeente = p.dossier.gemeente
        if gemeente.pk not in normen:
            normen[gemeente.pk] = aanwezigheidsnorm(gemeente)
        signaal = wet.verzuimsignaal(
            _perioden(uren.get(p.pk, [])), peildatum=peildatum, norm_procent=normen[gemeente.pk]
        ).waarde
        if signaal != p.verzuimsignaal:
            Plaatsing.objects.filter(pk=p.pk).update(verzuimsignaal=signaal)
            p.verzuimsignaal = signaal


def lever_gevolgde_uren(dossiers, *, actor=None) -> list[UitgaandBericht]:
    """The total of NT2 and KNM hours per dossier to DUO (whole hours, as the contract asks).
    The totals of all dossiers come from two queries (a bulk call of the partner API covers
    hundreds of dossiers); then one outbox row per dossier."""
    dossiers = list(dossiers)
    plaatsingen = list(
        Plaatsing.objects.filter(
            dossier_id__in=[d.pk for d in dossiers], contract__product__soort__in=TAALLES
        )
    )
    per_dossier: dict[int, list[Plaatsing]] = defaultdict(list)
    for p in plaatsingen:
        per_dossier[p.dossier_id].append(p)
    uren = geldende_uren(plaatsingen) if plaatsingen else {}
    uit = []
    for dossier in dossiers:
        eigen = per_dossier.get(dossier.pk)
        if not eigen:
            continue
        totaal = sum((_som(uren.get(p.pk, [])) for p in eigen), Decimal(0))
        uit.append(
            leveringen.lever_uren(
                dossier,
                soort=UitgaandBericht.Soort.UREN_PARTICIPATIE_TAALLES,
                uren=int(totaal),
                actor=actor,
            )
        )
    uit.extend(lever_participatie_uren(dossiers, actor=actor))
    return uit


def lever_participatie_uren(dossiers, *, actor=None) -> list[UitgaandBericht]:
    """The Z-route's participation activities to DUO (GevolgdeUren, participatieactiviteiten):
    for an asielstatushouder with a Z-route placement, the hours attended in participation
    activities (bridging activities: the rules package's `participatie_uren` of Besluit 3.14
    lid 2 onder b). The rules package checks the delivery first (`lever_uren`)."""
    ids = [d.pk for d in dossiers if d.doelgroep == Doelgroep.ASIELSTATUSHOUDER]
    in_zroute = set(
        Plaatsing.objects.filter(
            dossier_id__in=ids, contract__product__soort=Productsoort.Z_ROUTE
        ).values_list("dossier_id", flat=True)
    )
    if not in_zroute:
        return []
    activiteiten = list(
        Plaatsing.objects.filter(
            dossier_id__in=in_zroute, contract__product__soort=Productsoort.OVERBRUGGING
        )
    )
    uren = geldende_uren(activiteiten) if activiteiten else {}
    per_dossier: dict[int, Decimal] = defaultdict(Decimal)
    for p in activiteiten:
        per_dossier[p.dossier_id] += _som(uren.get(p.pk, []))
    return [
        leveringen.lever_uren(
            dossier,
            soort=UitgaandBericht.Soort.UREN_PARTICIPATIE,
            uren=int(per_dossier[dossier.pk]),
            actor=actor,
        )
        for dossier in dossiers
        if dossier.pk in in_zroute
    ]


@dataclass
class Plaatsingsbeeld:
    plaatsing: Plaatsing
    wachttijd: wet.Uitkomst
    uren: list[Uren]
    aanwezigheid: wet.Uitkomst
    verzuim: wet.Uitkomst
    #: PVT (`wet.pvt_afgerond`) or MAP (`wet.map_voortgang`) progress of this placement.
    onderdelen: wet.Uitkomst | None = None
    #: The MAP themes as (code, name, followed) for the checklist.
    themas: list[tuple[str, str, bool]] = field(default_factory=list)

    @property
    def aanwezig_totaal(self) -> Decimal:
        return _som(self.uren)


def onderdelen_van(p: Plaatsing, aanwezig: Decimal) -> wet.Uitkomst | None:
    soort = p.contract.product.soort
    if soort == Productsoort.PVT:
        return wet.pvt_afgerond(
            uren_gevolgd=aanwezig,
            kernwaarden_activiteit=p.kernwaarden_activiteit_op is not None,
            verklaring_ondertekend=p.ondertekend_op is not None,
        )
    if soort == Productsoort.MAP:
        return wet.map_voortgang(
            themas=frozenset(p.map_themas or []), eindgesprek=p.eindgesprek_op is not None
        )
    return None


@dataclass
class Routebeeld:
    plaatsingen: list[Plaatsingsbeeld]
    per_maand: list[tuple[str, Decimal, Decimal, int]]
    nt2: wet.Uitkomst
    zroute: wet.Uitkomst | None
    pvt: wet.Uitkomst
    map: wet.Uitkomst
    norm: int
    verzuimsignaal: bool
    boven_norm: bool
    geen_uren_deze_periode: bool
    leveringen: list = field(default_factory=list)
    volgend_gesprek: object | None = None


def _maandsleutel(d: dt.date) -> str:
    return f"{d:%Y-%m}"


def routebeeld(dossier: Dossier, peildatum: dt.date) -> Routebeeld:
    """Everything the Route tab shows, computed by the rules package from the records."""
    from .services import plaatsingen_van, wachttijd

    plaatsingen = list(plaatsingen_van(dossier))
    uren = geldende_uren(plaatsingen)
    norm = aanwezigheidsnorm(dossier.gemeente)
    beelden = []
    per_maand: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    per_soort: dict[str, Decimal] = defaultdict(Decimal)
    for p in plaatsingen:
        rijen = uren.get(p.pk, [])
        perioden = _perioden(rijen)
        beelden.append(
            Plaatsingsbeeld(
                p,
                wachttijd(p, peildatum),
                rijen,
                wet.aanwezigheidspercentage(perioden),
                wet.verzuimsignaal(perioden, peildatum=peildatum, norm_procent=norm),
                onderdelen_van(p, _som(rijen)),
                [(c, n, c in (p.map_themas or [])) for c, n in wet.MAP_THEMAS]
                if p.contract.product.soort == Productsoort.MAP
                else [],
            )
        )
        for r in rijen:
            som = per_maand[_maandsleutel(r.periode_begin)]
            som[0] += r.aangeboden
            som[1] += r.aanwezig
        per_soort[p.contract.product.soort] += _som(rijen)
    hoogste = max((v[0] for v in per_maand.values()), default=Decimal(0)) or Decimal(1)
    maanden = [
        (k, v[0], v[1], round(v[1] * 10 / hoogste) * 10) for k, v in sorted(per_maand.items())
    ]
    nt2 = wet.nt2_urenstand(sum((per_soort[s] for s in NT2), Decimal(0)))
    doelgroep = (
        wet.Doelgroep.ASIELSTATUSHOUDER
        if dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
        else wet.Doelgroep.GEZINSMIGRANT_OVERIG
    )
    zroute = None
    if any(p.contract.product.soort == Productsoort.Z_ROUTE for p in plaatsingen):
        zroute = wet.zroute_voortgang(
            doelgroep=doelgroep,
            cursusuren=per_soort[Productsoort.Z_ROUTE],
            participatie_uren=per_soort[Productsoort.OVERBRUGGING],
            map_uren=per_soort[Productsoort.MAP],
            pvt_uren=per_soort[Productsoort.PVT],
        )
    lopend = [
        b
        for b in beelden
        if b.plaatsing.status
        in (PlaatsingStatus.AANGEMELD, PlaatsingStatus.INTAKE, PlaatsingStatus.GESTART)
    ]
    gestart = [b for b in lopend if b.plaatsing.status == PlaatsingStatus.GESTART]
    maand = _maandsleutel(peildatum)
    return Routebeeld(
        plaatsingen=beelden,
        per_maand=maanden,
        nt2=nt2,
        zroute=zroute,
        pvt=wet.pvt_urennorm(per_soort[Productsoort.PVT]),
        map=wet.map_urennorm(per_soort[Productsoort.MAP]),
        norm=norm,
        verzuimsignaal=any(b.verzuim.waarde for b in lopend),
        boven_norm=any(b.wachttijd.waarde.boven_norm for b in lopend if not b.plaatsing.gestart_op),
        geen_uren_deze_periode=bool(gestart)
        and not any(
            _maandsleutel(r.periode_begin) == maand or r.periode_einde >= peildatum.replace(day=1)
            for b in gestart
            for r in b.uren
        ),
        leveringen=list(dossier.duo_leveringen.order_by("-pk")[:20]),
        volgend_gesprek=Voortgangsgesprek.objects.filter(
            pip__dossier=dossier, gehouden_op__isnull=True
        )
        .order_by("gepland_op")
        .first(),
    )


# --- the provider's file ---------------------------------------------------------------------


@dataclass
class Rij:
    nummer: int
    fouten: list[str] = field(default_factory=list)
    waarden: dict = field(default_factory=dict, repr=False)


@dataclass
class Verslag:
    rijen: list[Rij] = field(default_factory=list)
    bestandsfouten: list[str] = field(default_factory=list)
    opgeslagen: int = 0

    @property
    def ongeldig(self) -> list[Rij]:
        return [r for r in self.rijen if r.fouten]

    @property
    def geldig(self) -> list[Rij]:
        return [r for r in self.rijen if not r.fouten]


def _lees_csv(inhoud: bytes) -> list[dict[str, str]]:
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = inhoud.decode("cp1252")
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
    lezer = csv.DictReader(io.StringIO(tekst), delimiter=scheiding)
    lezer.fieldnames = [(k or "").strip().lower() for k in lezer.fieldnames or []]
    return [{k: (v or "").strip() for k, v in r.items() if k} for r in lezer]


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    return str(waarde).strip()


def _lees_xlsx(inhoud: bytes) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    blad = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True).active
    regels = blad.iter_rows(values_only=True)
    koppen = [_tekst(k).lower() for k in next(regels, ())]
    return [
        {k: _tekst(v) for k, v in zip(koppen, regel, strict=False) if k}
        for regel in regels
        if any(v not in (None, "") for v in regel)
    ]


def _datum(waarde: str) -> dt.date:
    for formaat in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(waarde, formaat).date()
        except ValueError:
            continue
    raise ValueError


def _uren(waarde: str) -> Decimal:
    getal = Decimal(waarde.replace(",", "."))
    if not getal.is_finite():
        raise InvalidOperation
    return getal


JA = {"ja", "j", "1", "true", "waar", "x", "yes"}


def valideer_bestand(
    inhoud: bytes, bestandsnaam: str, indeling: Bestandsindeling | None, gebruiker
) -> Verslag:
    verslag = Verslag()
    if indeling is None:
        verslag.bestandsfouten.append(
            _("Onbekende bestandsindeling: kies de indeling van de aanbieder.")
        )
        return verslag
    if len(inhoud) > settings.IMPORT_MAX_BYTES:
        verslag.bestandsfouten.append(_("Het bestand is te groot."))
        return verslag
    try:
        lees = _lees_xlsx if bestandsnaam.lower().endswith(".xlsx") else _lees_csv
        rijen = lees(inhoud)
    except Exception:
        verslag.bestandsfouten.append(_("Het bestand is geen leesbaar CSV- of XLSX-bestand."))
        return verslag
    kolommen = {
        "bsn": indeling.kolom_bsn,
        "begin": indeling.kolom_begin,
        "einde": indeling.kolom_einde,
        "aangeboden": indeling.kolom_aangeboden,
        "aanwezig": indeling.kolom_aanwezig,
        "correctie": indeling.kolom_correctie,
    }
    kolommen = {k: v.strip().lower() for k, v in kolommen.items() if v.strip()}
    koppen = set(rijen[0]) if rijen else set()
    ontbrekend = [v for v in kolommen.values() if v not in koppen]
    if not rijen:
        verslag.bestandsfouten.append(_("Het bestand bevat geen rijen."))
        return verslag
    if ontbrekend:
        verslag.bestandsfouten.append(
            _("Het bestand past niet bij de indeling '%(i)s': kolommen %(k)s ontbreken.")
            % {"i": indeling.naam, "k": ", ".join(ontbrekend)}
        )
        return verslag
    if len(rijen) > settings.IMPORT_MAX_RIJEN:
        verslag.bestandsfouten.append(_("Het bestand heeft te veel rijen; splits het."))
        return verslag
    vandaag = timezone.localdate()
    # One query for the placements with this provider of every person in the file, only
    # within the user's own dossiers: a person elsewhere reads as "not placed".
    bsns = {r.get(kolommen["bsn"], "") for r in rijen}
    plaatsingen: dict[str, list[Plaatsing]] = defaultdict(list)
    for p in Plaatsing.objects.filter(
        dossier__in=dossiers_voor(gebruiker),
        dossier__inburgeraar__bsn__in=bsns,
        contract__product__aanbieder=indeling.aanbieder,
    ).select_related("dossier__inburgeraar", "dossier__gemeente"):
        plaatsingen[p.dossier.inburgeraar.bsn].append(p)
    bekend: dict[int, set[dt.date]] = defaultdict(set)
    for pk, begin in Uren.objects.filter(
        plaatsing__in=[p for lijst in plaatsingen.values() for p in lijst],
        periodesoort=indeling.periodesoort,
    ).values_list("plaatsing_id", "periode_begin"):
        bekend[pk].add(begin)
    in_bestand: set[tuple[int, dt.date]] = set()
    for nummer, r in enumerate(rijen, start=2):  # row 1 is the header
        rij = Rij(nummer)
        verslag.rijen.append(rij)
        _valideer_rij(rij, r, kolommen, indeling, plaatsingen, bekend, in_bestand, vandaag)
    return verslag


def _valideer_rij(rij, r, kolommen, indeling, plaatsingen, bekend, in_bestand, vandaag) -> None:
    fout = rij.fouten.append
    bsn = r.get(kolommen["bsn"], "")
    try:
        valideer_bsn(bsn)
    except ValidationError as exc:
        fout(exc.messages[0])
        return
    waarden = {}
    for sleutel, melding in (
        ("begin", _("Begin periode is geen datum (gebruik 01-03-2025).")),
        ("einde", _("Einde periode is geen datum (gebruik 31-03-2025).")),
    ):
        try:
            waarden[sleutel] = _datum(r.get(kolommen[sleutel], ""))
        except ValueError:
            fout(melding)
    for sleutel, melding in (
        ("aangeboden", _("Aangeboden uren is geen getal.")),
        ("aanwezig", _("Aanwezige uren is geen getal.")),
    ):
        try:
            waarden[sleutel] = _uren(r.get(kolommen[sleutel], ""))
        except (InvalidOperation, ValueError):
            fout(melding)
    if rij.fouten:
        return
    begin, einde = periode(indeling.periodesoort, waarden["begin"])
    if waarden["einde"] != einde or waarden["begin"] != begin:
        fout(
            _("De periode %(b)s – %(e)s is geen %(soort)s (verwacht %(vb)s – %(ve)s).")
            % {
                "b": f"{waarden['begin']:%d-%m-%Y}",
                "e": f"{waarden['einde']:%d-%m-%Y}",
                "soort": indeling.get_periodesoort_display().lower(),
                "vb": f"{begin:%d-%m-%Y}",
                "ve": f"{einde:%d-%m-%Y}",
            }
        )
        return
    kandidaten = plaatsingen.get(bsn, [])
    if not kandidaten:
        fout(_("Deze persoon is niet geplaatst bij %(a)s.") % {"a": indeling.aanbieder.naam})
        return
    plaatsing = next(
        (
            p
            for p in kandidaten
            if _looptijd(p, vandaag)[0] <= einde and begin <= _looptijd(p, vandaag)[1]
        ),
        kandidaten[0],
    )
    correctie = r.get(kolommen.get("correctie", ""), "").lower() in JA
    if (plaatsing.pk, begin) in in_bestand:
        fout(_("Deze periode staat al eerder in het bestand voor deze persoon."))
        return
    fouten = fouten_in_periode(
        plaatsing,
        begin,
        einde,
        waarden["aangeboden"],
        waarden["aanwezig"],
        correctie=correctie,
        bekend=bekend[plaatsing.pk],
        vandaag=vandaag,
    )
    if fouten:
        rij.fouten.extend(fouten)
        return
    in_bestand.add((plaatsing.pk, begin))
    rij.waarden = {
        "plaatsing": plaatsing,
        "begin": begin,
        "einde": einde,
        "aangeboden": waarden["aangeboden"],
        "aanwezig": waarden["aanwezig"],
        "correctie": correctie,
    }


def verwerk_bestand(
    inhoud: bytes,
    bestandsnaam: str,
    indeling: Bestandsindeling | None,
    gebruiker,
    *,
    alleen_geldige: bool = False,
) -> Verslag:
    """Check every row, then store all rows (or, when chosen, the valid ones) in one
    transaction, and deliver the new totals to DUO."""
    verslag = valideer_bestand(inhoud, bestandsnaam, indeling, gebruiker)
    if verslag.bestandsfouten or (verslag.ongeldig and not alleen_geldige):
        return verslag
    geldig = verslag.geldig
    if not geldig:
        return verslag
    with transaction.atomic():
        Uren.objects.bulk_create(
            [
                Uren(
                    plaatsing=r.waarden["plaatsing"],
                    periodesoort=indeling.periodesoort,
                    periode_begin=r.waarden["begin"],
                    periode_einde=r.waarden["einde"],
                    aangeboden=r.waarden["aangeboden"],
                    aanwezig=r.waarden["aanwezig"],
                    correctie=r.waarden["correctie"],
                    bron=Uren.Bron.BESTAND,
                    ingevoerd_door=gebruiker,
                )
                for r in geldig
            ],
            batch_size=500,
        )
        werk_verzuim_bij(
            {r.waarden["plaatsing"].pk: r.waarden["plaatsing"] for r in geldig}.values()
        )
        dossiers = {r.waarden["plaatsing"].dossier_id for r in geldig}
        lever_gevolgde_uren(Dossier.objects.filter(pk__in=dossiers), actor=gebruiker)
    verslag.opgeslagen = len(geldig)
    return verslag
