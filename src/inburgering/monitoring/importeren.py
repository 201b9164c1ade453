"""Migration import: a gemeente loads its existing dossiers from a CSV file (docs/import.md).

* Every row is validated first, field by field, with Dutch messages; the key dates are also
  folded through the transition table (`bereken_toestand`) so the history is known to be valid.
* Nothing is imported when any row is invalid, unless the user chose "alleen geldige rijen".
* All imported rows are written in one transaction: a failure leaves nothing half imported.
* Re-importing is idempotent, keyed on BSN + gemeente: a person who already has a dossier in
  that gemeente is skipped.
* Dossiers are created through `services.open_dossier` and `services.registreer_reeks` with
  `bron=Bron.IMPORT`: every imported fact is a dated event in the log.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.accounts.toegang import gemeenten_voor
from inburgering.bsn import valideer_bsn
from inburgering.dossiers.models import (
    Bron,
    Doelgroep,
    Dossier,
    DossierEvent,
    Geslacht,
    Inburgeraar,
    Regime,
)
from inburgering.dossiers.services import Nieuw, NieuwDossier, open_dossier, registreer_reeks
from inburgering.dossiers.toestand import OngeldigeGebeurtenis, bereken_toestand
from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.intake.models import Leerroute
from inburgering.invoer import EENREGELIG, VROEGSTE_DATUM
from inburgering.wet import lbt_cesuur

from . import importgeschiedenis

#: (column, required, description) — the documented format (docs/import.md).
KOLOMMEN = [
    ("bsn", True, gettext_lazy("BSN, 9 cijfers (elfproef)")),
    ("voornamen", True, gettext_lazy("voornamen")),
    ("voorvoegsel", False, gettext_lazy("voorvoegsel")),
    ("achternaam", True, gettext_lazy("achternaam")),
    ("geboortedatum", True, gettext_lazy("datum")),
    ("geslacht", True, gettext_lazy("M, V of X")),
    ("land_van_herkomst", True, gettext_lazy("landcode, 2 letters (ISO 3166)")),
    ("doelgroep", True, gettext_lazy("asielstatushouder of gezinsmigrant_overig")),
    ("gemeente", True, gettext_lazy("CBS-gemeentecode, 4 cijfers")),
    ("regime", False, gettext_lazy("wi2021 (standaard) of wi2013")),
    ("consulent", False, gettext_lazy("gebruikersnaam van de consulent")),
    ("kennisgeving_datum", False, gettext_lazy("datum kennisgeving DUO")),
    ("koppeling_datum", False, gettext_lazy("datum koppeling COA")),
    ("huisvesting_datum", False, gettext_lazy("datum inschrijving BRP")),
    ("intake_gestart", False, gettext_lazy("datum start brede intake")),
    ("intake_afgerond", False, gettext_lazy("datum brede intake afgerond")),
    ("lbt_score", False, gettext_lazy("score leerbaarheidstoets, 0 tot en met 40")),
    ("lbt_datum", False, gettext_lazy("datum afname leerbaarheidstoets")),
    ("pip_dagtekening", False, gettext_lazy("dagtekening PIP")),
    ("leerroute", False, gettext_lazy("b1, onderwijs of z (verplicht bij een PIP)")),
    ("aangemeld_leerroute", False, gettext_lazy("datum aanmelding cursusinstelling")),
    ("cursusinstelling", False, gettext_lazy("naam cursusinstelling")),
    ("leerroute_gestart", False, gettext_lazy("datum start leerroute")),
    ("afgesloten_op", False, gettext_lazy("datum dossier afgesloten")),
    ("afsluitreden", False, gettext_lazy("reden van afsluiten (bijvoorbeeld voldaan of uitval)")),
    *[(k, False, omschrijving) for k, omschrijving in importgeschiedenis.KOLOMMEN],
]
VERPLICHT = [k for k, verplicht, _o in KOLOMMEN if verplicht]
DATUMVELDEN = [
    "geboortedatum",
    "kennisgeving_datum",
    "koppeling_datum",
    "huisvesting_datum",
    "intake_gestart",
    "intake_afgerond",
    "lbt_datum",
    "pip_dagtekening",
    "aangemeld_leerroute",
    "leerroute_gestart",
    "afgesloten_op",
]
SIGNALEN = [
    ("kennisgeving_datum", Soort.SIGNAAL_ONTVANGEN),
    ("koppeling_datum", Soort.COA_KOPPELING),
    ("huisvesting_datum", Soort.HUISVESTING),
]


@dataclass
class Rij:
    nummer: int
    status: str = "nieuw"  # nieuw | aanwezig | ongeldig | geimporteerd
    fouten: list[tuple[str, str]] = field(default_factory=list)
    waarden: dict = field(default_factory=dict, repr=False)


@dataclass
class Verslag:
    rijen: list[Rij] = field(default_factory=list)
    bestandsfouten: list[str] = field(default_factory=list)
    geimporteerd: bool = False

    def aantal(self, status: str) -> int:
        return sum(1 for r in self.rijen if r.status == status)

    @property
    def ongeldig(self) -> list[Rij]:
        return [r for r in self.rijen if r.fouten]


def te_groot_melding() -> str:
    return _("Het bestand is groter dan %(mb)s MB. Splits het in kleinere bestanden.") % {
        "mb": settings.IMPORT_MAX_BYTES // 1_000_000
    }


def rijen_in(inhoud: bytes) -> int:
    """Number of data rows (lines after the header), counted without parsing the file."""
    return max(inhoud.rstrip(b"\r\n").count(b"\n"), 0)


def _lees(inhoud: bytes) -> tuple[list[str], list[dict]]:
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        tekst = inhoud.decode("cp1252")
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
    lezer = csv.DictReader(io.StringIO(tekst), delimiter=scheiding)
    koppen = [(k or "").strip().lower() for k in lezer.fieldnames or []]
    lezer.fieldnames = koppen
    rijen = [{k: (v or "").strip() for k, v in r.items() if k} for r in lezer]
    return koppen, rijen


def _datum(waarde: str) -> dt.date:
    for formaat in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(waarde, formaat).date()
        except ValueError:
            continue
    raise ValueError


def _valideer_velden(rij: Rij, r: dict, gemeenten: dict[str, Gemeente]) -> None:
    fout = rij.fouten.append
    w = rij.waarden
    for kolom in VERPLICHT:
        if not r.get(kolom):
            fout((kolom, _("Dit veld is verplicht.")))
    for kolom, waarde in r.items():  # every column is one line of text (invoer.py)
        try:
            EENREGELIG(waarde)
        except ValidationError as exc:
            fout((kolom, " ".join(exc.messages)))
    if r.get("bsn"):
        try:
            valideer_bsn(r["bsn"])
            w["bsn"] = r["bsn"]
        except ValidationError as exc:
            fout(("bsn", " ".join(exc.messages)))
    vandaag = timezone.localdate()
    for kolom in DATUMVELDEN:
        if not r.get(kolom):
            w[kolom] = None
            continue
        try:
            w[kolom] = _datum(r[kolom])
        except ValueError:
            fout(
                (
                    kolom,
                    _("'%(w)s' is geen datum; gebruik jjjj-mm-dd of dd-mm-jjjj.") % {"w": r[kolom]},
                )
            )
            continue
        if w[kolom] > vandaag:
            fout((kolom, _("De datum ligt in de toekomst.")))
        elif w[kolom] < VROEGSTE_DATUM:
            fout((kolom, _("Controleer het jaartal: de datum ligt vóór 1900.")))
    if r.get("geslacht") and r["geslacht"].upper() not in Geslacht.values:
        fout(("geslacht", _("Gebruik M, V of X.")))
    if r.get("land_van_herkomst") and not (
        len(r["land_van_herkomst"]) == 2 and r["land_van_herkomst"].isalpha()
    ):
        fout(("land_van_herkomst", _("Gebruik een landcode van 2 letters, bijvoorbeeld SY.")))
    if r.get("doelgroep") and r["doelgroep"] not in Doelgroep.values:
        fout(("doelgroep", _("Gebruik asielstatushouder of gezinsmigrant_overig.")))
    if r.get("regime") and r["regime"] not in Regime.values:
        fout(("regime", _("Gebruik wi2021 of wi2013.")))
    if r.get("gemeente"):
        w["gemeente"] = gemeenten.get(r["gemeente"])
        if w["gemeente"] is None:
            fout(("gemeente", _("Onbekende gemeentecode, of u werkt niet voor deze gemeente.")))
    if not any(r.get(k) for k, _s in SIGNALEN):
        fout(
            (
                "kennisgeving_datum",
                _(
                    "Vul minstens één datum in: kennisgeving DUO, koppeling "
                    "COA of inschrijving BRP."
                ),
            )
        )
    if r.get("lbt_score"):
        if not r["lbt_score"].isdigit() or not 0 <= int(r["lbt_score"]) <= 40:
            fout(("lbt_score", _("De score is een geheel getal van 0 tot en met 40.")))
        elif not r.get("lbt_datum"):
            fout(("lbt_datum", _("Vul de datum van de leerbaarheidstoets in bij een score.")))
    elif r.get("lbt_datum"):
        fout(("lbt_score", _("Vul de score in bij een datum van de leerbaarheidstoets.")))
    if r.get("leerroute") and r["leerroute"] not in Leerroute.values:
        fout(("leerroute", _("Gebruik b1, onderwijs of z.")))
    if r.get("pip_dagtekening") and not r.get("leerroute"):
        fout(("leerroute", _("Vul de leerroute van het PIP in.")))
    if r.get("afgesloten_op") and r.get("afsluitreden") not in Afsluitreden.values:
        fout(("afsluitreden", _("Vul een geldige reden van afsluiten in, bijvoorbeeld voldaan.")))
    if r.get("consulent"):
        consulent = Gebruiker.objects.filter(username=r["consulent"]).first()
        gemeente = w.get("gemeente")
        if consulent is None:
            fout(("consulent", _("Onbekende gebruikersnaam.")))
        elif gemeente and not consulent.gemeenten.filter(pk=gemeente.pk).exists():
            fout(("consulent", _("Deze consulent werkt niet voor deze gemeente.")))
        w["consulent"] = consulent
    else:
        w["consulent"] = None
    w["geschiedenis"], fouten = importgeschiedenis.valideer(r, w, _datum)
    rij.fouten.extend(fouten)


def _events(r: dict, w: dict) -> tuple[Nieuw, list[Nieuw]]:
    """The first signal and the further events, in process order (stable-sorted by date)."""
    signalen = sorted((w[k], i, soort) for i, (k, soort) in enumerate(SIGNALEN) if w.get(k))
    eerste = Nieuw(signalen[0][2], signalen[0][0], {})
    verder = [Nieuw(soort, datum, {}) for datum, _i, soort in signalen[1:]]
    if w.get("intake_gestart"):
        verder.append(Nieuw(Soort.INTAKE_GESTART, w["intake_gestart"]))
    if w.get("intake_afgerond"):
        verder.append(Nieuw(Soort.INTAKE_AFGEROND, w["intake_afgerond"]))
    if w.get("lbt_datum"):
        score = int(r["lbt_score"])
        cesuur = lbt_cesuur(w["lbt_datum"])
        verder.append(
            Nieuw(Soort.LBT_AFGENOMEN, w["lbt_datum"], {"score": score, "cesuur": cesuur})
        )
    if w.get("pip_dagtekening"):
        verder.append(
            Nieuw(Soort.PIP_VASTGESTELD, w["pip_dagtekening"], {"leerroute": r["leerroute"]})
        )
    if w.get("aangemeld_leerroute"):
        verder.append(
            Nieuw(
                Soort.AANGEMELD_LEERROUTE,
                w["aangemeld_leerroute"],
                {"cursusinstelling": r.get("cursusinstelling", "")},
            )
        )
    if w.get("leerroute_gestart"):
        verder.append(Nieuw(Soort.LEERROUTE_GESTART, w["leerroute_gestart"]))
    if w.get("afgesloten_op"):
        verder.append(
            Nieuw(Soort.DOSSIER_AFGESLOTEN, w["afgesloten_op"], {"reden": r["afsluitreden"]})
        )
    verder.extend(w.get("geschiedenis", []))
    verder.sort(key=lambda n: n.datum)
    return eerste, verder


def _proefvouw(r: dict, w: dict) -> str | None:
    """Fold the row's history as the services will; the Dutch message when it does not fit."""
    eerste, verder = _events(r, w)
    reeks = [
        eerste,
        Nieuw(Soort.DOELGROEP_VASTGESTELD, eerste.datum, {"doelgroep": r["doelgroep"]}),
        *verder,
    ]
    events = [DossierEvent(soort=n.soort, datum=n.datum, gegevens=n.gegevens or {}) for n in reeks]
    try:
        bereken_toestand(events)
    except OngeldigeGebeurtenis as exc:
        return str(exc)
    return None


#: Called as voortgang(fase, rows done, rows in all) while a file is checked and imported.
Voortgang = Callable[[str, int, int], None]
VOORTGANG_ELKE = 200


def _geen_voortgang(fase: str, klaar: int, totaal: int) -> None:
    return None


def valideer(
    inhoud: bytes, gebruiker: Gebruiker, *, voortgang: Voortgang = _geen_voortgang
) -> Verslag:
    verslag = Verslag()
    if len(inhoud) > settings.IMPORT_MAX_BYTES:
        verslag.bestandsfouten.append(te_groot_melding())
        return verslag
    try:
        koppen, rijen = _lees(inhoud)
    except (csv.Error, UnicodeDecodeError):
        verslag.bestandsfouten.append(_("Het bestand is geen leesbaar CSV-bestand."))
        return verslag
    if len(rijen) > settings.IMPORT_MAX_RIJEN:
        verslag.bestandsfouten.append(
            _(
                "Het bestand heeft %(n)s rijen; er kunnen er hoogstens %(max)s tegelijk worden "
                "geïmporteerd. Splits het bestand."
            )
            % {"n": f"{len(rijen):n}", "max": f"{settings.IMPORT_MAX_RIJEN:n}"}
        )
        return verslag
    ontbrekend = [k for k in VERPLICHT if k not in koppen]
    if ontbrekend:
        verslag.bestandsfouten.append(
            _("Verplichte kolommen ontbreken: %(k)s.") % {"k": ", ".join(ontbrekend)}
        )
        return verslag
    if not rijen:
        verslag.bestandsfouten.append(_("Het bestand bevat geen rijen."))
        return verslag
    gemeenten = {g.cbs_code: g for g in gemeenten_voor(gebruiker)}
    gezien: set[tuple[str, str]] = set()
    for nummer, r in enumerate(rijen, start=2):  # row 1 is the header
        if nummer % VOORTGANG_ELKE == 0:
            voortgang("controleren", nummer - 1, len(rijen))
        rij = Rij(nummer)
        verslag.rijen.append(rij)
        _valideer_velden(rij, r, gemeenten)
        rij.waarden["ruw"] = r
        if rij.fouten:
            rij.status = "ongeldig"
            continue
        sleutel = (r["bsn"], r["gemeente"])
        if sleutel in gezien:
            rij.fouten.append(
                ("bsn", _("Dit BSN staat al eerder in het bestand voor deze gemeente."))
            )
            rij.status = "ongeldig"
            continue
        gezien.add(sleutel)
        gemeente = rij.waarden["gemeente"]
        # Only this gemeente's own records count. Whether the person is known elsewhere is
        # never consulted nor shown: the row builds a dossier from the file alone, and a
        # running dossier in another gemeente is told there (services.open_dossier).
        if Dossier.objects.filter(inburgeraar__bsn=r["bsn"], gemeente=gemeente).exists():
            rij.status = "aanwezig"
            continue
        melding = _proefvouw(r, rij.waarden)
        if melding:
            rij.fouten.append(("datums", melding))
            rij.status = "ongeldig"
    return verslag


def importeer(
    inhoud: bytes,
    *,
    gebruiker: Gebruiker,
    alleen_geldige: bool = False,
    voortgang: Voortgang = _geen_voortgang,
) -> Verslag:
    verslag = valideer(inhoud, gebruiker, voortgang=voortgang)
    if verslag.bestandsfouten or (verslag.ongeldig and not alleen_geldige):
        return verslag
    nieuw = [rij for rij in verslag.rijen if rij.status == "nieuw"]
    with transaction.atomic():
        for klaar, rij in enumerate(nieuw, start=1):
            _importeer_rij(rij, gebruiker)
            rij.status = "geimporteerd"
            if klaar % VOORTGANG_ELKE == 0:
                voortgang("importeren", klaar, len(nieuw))
    verslag.geimporteerd = True
    return verslag


def _importeer_rij(rij: Rij, gebruiker: Gebruiker) -> None:
    w = rij.waarden
    r = w["ruw"]
    # What the file says, in a record of the file's gemeente; never another gemeente's record.
    persoon = Inburgeraar(
        gemeente=w["gemeente"],
        bsn=r["bsn"],
        voornamen=r["voornamen"],
        voorvoegsel=r.get("voorvoegsel", ""),
        geslachtsnaam=r["achternaam"],
        geboortedatum=w["geboortedatum"],
        geslacht=r["geslacht"].upper(),
        land_van_herkomst=r["land_van_herkomst"].upper(),
    )
    eerste, verder = _events(r, w)
    dossier = open_dossier(
        persoon,
        NieuwDossier(
            gemeente=w["gemeente"],
            regime=r.get("regime") or Regime.WI2021,
            doelgroep=r["doelgroep"],
            eerste_soort=eerste.soort,
            eerste_datum=eerste.datum,
            gegevens=eerste.gegevens or {},
        ),
        actor=gebruiker,
        bron=Bron.IMPORT,
        consulent=w.get("consulent"),
        bron_referentie="import",
    )
    if verder:
        registreer_reeks(
            dossier, verder, bron=Bron.IMPORT, actor=gebruiker, bron_referentie="import"
        )
