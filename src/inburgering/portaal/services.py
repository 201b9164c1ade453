"""The portal's reads and writes (docs/adr/0025). Views call these only.

Everything takes the citizen's own dossier (from the session, `sessie.Burger`); an object id
from a URL is always looked up inside that dossier, so another person's object is a 404, the
same as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from inburgering.accounts.models import Gebruiker, GemeenteConfiguratie
from inburgering.accounts.toegang import log_inzage
from inburgering.brieven import services as brieven
from inburgering.brieven.verzonden import Verzondenbrief, verzonden_brief, verzonden_brieven
from inburgering.dossiers import panelen
from inburgering.dossiers.deadlines import inburgeringstermijn
from inburgering.dossiers.models import Bron, Dossier, DossierEvent
from inburgering.dossiers.persoonsgegevens import wijzig_persoonsgegevens
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.intake.models import Afspraak
from inburgering.wet.kalender import plus_maanden
from inburgering.wet.voorzieningen import eerste_van_maand

from . import woorden
from .gezin import kinddossiers, meelezen_geweigerd, meelezende_ouders
from .models import Ervaring, Ervaringsmoment, Mijlpaal, Portaalprofiel
from .sessie import Burger
from .toelichting import Toelichting, bezwaar, datum_in_taal, toelichting

#: The account under which the access log records a citizen's own views (Inzagelog needs a
#: user; this one cannot log in). The dossier in the row says whose portal it was.
PORTAALACCOUNT = "portaal-inburgeraar"


class Portaalfout(Exception):
    """A request the portal refuses, with a message for the citizen (translated)."""


# --- login -------------------------------------------------------------------------------------


def dossier_bij_bsn(bsn: str) -> Dossier | None:
    """The dossier the portal shows for this BSN: an open one first, then the newest; only in
    the gemeenten this portal serves (`PORTAAL_GEMEENTEN`). None when there is none."""
    dossiers = Dossier.objects.filter(inburgeraar__bsn=bsn).select_related("inburgeraar")
    if settings.PORTAAL_GEMEENTEN:
        dossiers = dossiers.filter(gemeente__cbs_code__in=settings.PORTAAL_GEMEENTEN)
    return (
        dossiers.annotate(
            dicht=Case(
                When(fase=Fase.AFGEROND, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("dicht", "-aangemaakt_op", "-pk")
        .first()
    )


def profiel_bij_inloggen(dossier: Dossier, taal_cookie: str) -> Portaalprofiel:
    """The profile (created at the first login); a language chosen before logging in is kept
    when the profile has none yet."""
    profiel, _nieuw = Portaalprofiel.objects.get_or_create(inburgeraar=dossier.inburgeraar)
    if not profiel.taal and taal_cookie in dict(settings.PORTAAL_TALEN):
        profiel.taal = taal_cookie
    profiel.vorige_inlog_op = profiel.laatst_ingelogd_op
    profiel.laatst_ingelogd_op = timezone.now()
    profiel.save()
    return profiel


def uitloggen_overal(burger: Burger) -> None:
    """Every session of this person ends (their version no longer matches)."""
    Portaalprofiel.objects.filter(pk=burger.profiel.pk).update(
        sessieversie=burger.profiel.sessieversie + 1
    )


def portaalaccount() -> Gebruiker:
    account, nieuw = Gebruiker.objects.get_or_create(
        username=PORTAALACCOUNT,
        defaults={"first_name": "Inburgeraar", "last_name": "(portaal)", "is_active": False},
    )
    if nieuw:
        account.set_unusable_password()
        account.save(update_fields=["password"])
    return account


def _doel(burger: Burger, pagina: str) -> str:
    """`portaal: <page>`; while a parent reads a child's dossier `portaal ouder <the parent's
    dossier id>: <page>`, so the row names the child's dossier and who looked (ADR 0039)."""
    if burger.ouder is not None:
        return f"portaal ouder {burger.ouder.pk}: {pagina}"[:60]
    return f"portaal: {pagina}"[:60]


def log(burger: Burger, pagina: str) -> None:
    """Every portal page that shows personal data is in the access log."""
    log_inzage(portaalaccount(), [burger.dossier.pk], _doel(burger, pagina))


# --- a parent reading a minor child's dossier (ADR 0039) ---------------------------------------


def kinderen(burger: Burger) -> list[Dossier]:
    """The children's dossiers this person may read now (`gezin.kinddossiers`); their names on
    a page are in the access log (`log_kinderen`)."""
    return kinddossiers(burger.eigen_dossier)


def log_kinderen(burger: Burger, dossiers: list[Dossier], pagina: str) -> None:
    if dossiers:
        log_inzage(
            portaalaccount(),
            [d.pk for d in dossiers],
            f"portaal ouder {burger.eigen_dossier.pk}: {pagina}"[:60],
        )


def kind_dossier(burger: Burger, pk: int) -> Dossier:
    """The child's dossier with this id, if this person may read it; else 404, the same as
    for an id that does not exist (nothing confirmed: ADR 0005, 0039)."""
    dossier = next((d for d in kinderen(burger) if d.pk == pk), None)
    if dossier is None:
        raise Http404
    return dossier


def _alleen_eigen(burger: Burger) -> None:
    """Reading along is read-only: a parent changes nothing in the child's dossier here."""
    if burger.meelezen:
        raise Portaalfout(
            _("U kijkt mee in het dossier van uw kind. Hier kunt u niets veranderen.")
        )


@dataclass(frozen=True)
class Meelezen:
    """What the child sees about its parents reading along: whether it said no."""

    geweigerd: bool


def meelezen(burger: Burger) -> Meelezen | None:
    """For the person's own dossier: a choice to show when a parent can (or, after the person
    said no, could) read it along (ADR 0039); None when no parent could and nothing was said.
    No parent's name: the page shows the person's own choice, not someone else's data."""
    if burger.meelezen:
        return None
    geweigerd = meelezen_geweigerd(burger.dossier)
    if not geweigerd and not meelezende_ouders(burger.dossier):
        return None
    return Meelezen(geweigerd)


def kies_meelezen(burger: Burger, *, toestaan: bool) -> DossierEvent:
    """The child's own choice: its parents may (no longer) read its dossier along. A fact in
    the dossier (source inburgeraar), so the consulent sees it on the timeline; the rule
    (`gezin.kinddossiers`) reads the latest choice on every request of the parent."""
    _alleen_eigen(burger)
    with transaction.atomic():
        if meelezen_geweigerd(burger.dossier) != toestaan:
            raise Portaalfout(_("Dit had u al gekozen."))
        return registreer(
            burger.dossier,
            Soort.MEELEZEN_TOEGESTAAN if toestaan else Soort.MEELEZEN_GEWEIGERD,
            timezone.localdate(),
            bron=Bron.INBURGERAAR,
        )


# --- what the person sees ----------------------------------------------------------------------


@dataclass
class Contactpersoon:
    naam: str
    telefoon: str
    email: str
    gemeente: str
    bereikbaar: str


def contactpersoon(dossier: Dossier) -> Contactpersoon:
    hoofd = brieven.briefhoofd(dossier.gemeente)
    consulent = dossier.consulent
    return Contactpersoon(
        naam=consulent.get_full_name() if consulent else "",
        telefoon=brieven.telefoon_van(consulent) or hoofd.telefoon,
        email=(consulent.email if consulent else "") or hoofd.email,
        gemeente=dossier.gemeente.naam,
        bereikbaar=bereikbaarheid(dossier),
    )


def bereikbaarheid(dossier: Dossier) -> str:
    """When the contact person can be reached: the gemeente's own text
    (`GemeenteConfiguratie.contact_bereikbaar`, as the gemeente wrote it), else the default in
    the person's language."""
    eigen = (
        GemeenteConfiguratie.objects.filter(gemeente_id=dossier.gemeente_id)
        .values_list("contact_bereikbaar", flat=True)
        .first()
    )
    return eigen or _("Maandag tot en met vrijdag, van 9.00 tot 17.00 uur.")


def contactpersoon_veranderd(burger: Burger) -> bool:
    """True when a (new) consulent was assigned after the person's previous login: the home
    page says so during this visit. Not at the first login (nothing changed for them yet)."""
    vorige = burger.profiel.vorige_inlog_op
    if vorige is None:
        return False
    return burger.dossier.events.filter(
        soort=Soort.CONSULENT_TOEGEWEZEN, geregistreerd_op__gt=vorige
    ).exists()


@dataclass
class Afspraakregel:
    afspraak: Afspraak
    soort: str
    vorm: str
    bevestigd: bool = False
    verzetten_gevraagd: bool = False


def _reacties(dossier: Dossier) -> dict[int, set[str]]:
    reacties: dict[int, set[str]] = {}
    for soort, gegevens in dossier.events.filter(
        soort__in=[Soort.AFSPRAAK_BEVESTIGD, Soort.VERZETTEN_GEVRAAGD]
    ).values_list("soort", "gegevens"):
        reacties.setdefault(int(gegevens.get("afspraak", 0)), set()).add(soort)
    return reacties


def afspraken(dossier: Dossier, nu: dt.datetime | None = None) -> list[Afspraakregel]:
    """Planned appointments from now on, with what the person already answered."""
    nu = nu or timezone.now()
    reacties = _reacties(dossier)
    regels = []
    for a in dossier.afspraken.filter(status=Afspraak.Status.GEPLAND, begin__gte=nu).order_by(
        "begin"
    ):
        r = reacties.get(a.pk, set())
        regels.append(
            Afspraakregel(
                a,
                str(woorden.AFSPRAAKSOORT.get(a.soort, woorden.AFSPRAAKSOORT["overig"])),
                str(woorden.AFSPRAAKVORM.get(a.vorm, "")),
                Soort.AFSPRAAK_BEVESTIGD in r,
                Soort.VERZETTEN_GEVRAAGD in r,
            )
        )
    return regels


def eigen_afspraak(burger: Burger, pk: int) -> Afspraak:
    afspraak = burger.dossier.afspraken.filter(pk=pk).first()
    if afspraak is None:
        raise Http404
    return afspraak


def _omschrijving(afspraak: Afspraak) -> str:
    return f"{afspraak.get_soort_display()} {timezone.localtime(afspraak.begin):%d-%m-%Y %H:%M}"


def _open_afspraak(burger: Burger, pk: int) -> Afspraak:
    afspraak = eigen_afspraak(burger, pk)
    if afspraak.status != Afspraak.Status.GEPLAND or afspraak.begin < timezone.now():
        raise Portaalfout(_("Deze afspraak kunt u niet meer veranderen."))
    return afspraak


def bevestig_afspraak(burger: Burger, pk: int) -> DossierEvent:
    _alleen_eigen(burger)
    with transaction.atomic():
        afspraak = _open_afspraak(burger, pk)
        if Soort.AFSPRAAK_BEVESTIGD in _reacties(burger.dossier).get(afspraak.pk, set()):
            raise Portaalfout(_("U heeft deze afspraak al bevestigd."))
        return registreer(
            burger.dossier,
            Soort.AFSPRAAK_BEVESTIGD,
            timezone.localdate(),
            bron=Bron.INBURGERAAR,
            gegevens={"afspraak": afspraak.pk, "afspraak_omschrijving": _omschrijving(afspraak)},
        )


def vraag_verzetten(burger: Burger, pk: int, wens: str) -> DossierEvent:
    _alleen_eigen(burger)
    with transaction.atomic():
        afspraak = _open_afspraak(burger, pk)
        if Soort.VERZETTEN_GEVRAAGD in _reacties(burger.dossier).get(afspraak.pk, set()):
            raise Portaalfout(_("U heeft al gevraagd om deze afspraak te verzetten."))
        return registreer(
            burger.dossier,
            Soort.VERZETTEN_GEVRAAGD,
            timezone.localdate(),
            bron=Bron.INBURGERAAR,
            gegevens={
                "afspraak": afspraak.pk,
                "afspraak_omschrijving": _omschrijving(afspraak),
                "wens": wens,
            },
        )


def ics(afspraak: Afspraak) -> str:
    """The appointment as an iCalendar file (RFC 5545), in UTC."""

    def utc(moment: dt.datetime) -> str:
        return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")

    def tekst(waarde: str) -> str:
        return (
            waarde.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", " ")
        )

    einde = afspraak.begin + dt.timedelta(minutes=afspraak.duur_minuten)
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Inburgering regiesysteem//portaal//NL",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:afspraak-{afspraak.pk}@inburgering.portaal",
        f"DTSTAMP:{utc(timezone.now())}",
        f"DTSTART:{utc(afspraak.begin)}",
        f"DTEND:{utc(einde)}",
        f"SUMMARY:{tekst(str(woorden.AFSPRAAKSOORT.get(afspraak.soort, '')))}",
        f"LOCATION:{tekst(afspraak.locatie or str(woorden.AFSPRAAKVORM.get(afspraak.vorm, '')))}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(regels) + "\r\n"


@dataclass
class Plansamenvatting:
    route: str
    niveau: str
    uren_per_week: int | None
    dagtekening: dt.date | None
    ondersteuning: str
    voortgangsgesprekken: int | None
    bezwaar: str = ""
    kenmerk: str = ""


def pip_samenvatting(dossier: Dossier) -> Plansamenvatting | None:
    """The PIP in force (the newest vastgesteld version), in the portal's words."""
    from inburgering.pip.models import PipVersie, Status

    versie = (
        PipVersie.objects.filter(pip__dossier=dossier, status=Status.VASTGESTELD)
        .order_by("-versienummer")
        .first()
    )
    return None if versie is None else plansamenvatting(versie)


def plansamenvatting(versie: Any) -> Plansamenvatting:
    """One vastgestelde PIP version in the portal's words, with how to object to it and the
    kenmerk of its beschikking (the letter in the letters list)."""
    from inburgering.pip.documenten import kenmerk_van

    return Plansamenvatting(
        route=str(woorden.LEERROUTE.get(versie.leerroute, "")),
        niveau=versie.niveau,
        uren_per_week=versie.intensiteit_uren_per_week,
        dagtekening=versie.dagtekening,
        ondersteuning=versie.ondersteuning_en_begeleiding,
        voortgangsgesprekken=versie.aantal_voortgangsgesprekken,
        bezwaar=bezwaar(versie.dagtekening) if versie.dagtekening else "",
        kenmerk=kenmerk_van(versie),
    )


@dataclass
class Lesregel:
    naam: str
    school: str
    status: str
    begin: dt.date | None
    einde: dt.date | None
    aangeboden: Decimal
    aanwezig: Decimal
    procent: Decimal | None
    #: PVT or MAP progress of this placement, in plain sentences.
    voortgang: list[str] = field(default_factory=list)


@dataclass
class Examenregel:
    naam: str
    behaald: bool
    behaald_op: dt.date | None
    pogingen: int


@dataclass
class Route:
    termijn_einde: dt.date | None
    lessen: list[Lesregel] = field(default_factory=list)
    examens: list[Examenregel] = field(default_factory=list)
    #: Z-route progress (course hours, participation hours against their norms).
    zroute: list[str] = field(default_factory=list)


def _uren(waarde: Decimal) -> str:
    return f"{waarde:.0f}"


def _voortgang(plaatsing: Any, aanwezig: Decimal, onderdelen: Any) -> list[str]:
    """The PVT's or the MAP's parts of one placement (Besluit 3.1, 3.2), from the rules'
    outcome (`traject.uren.onderdelen_van`), in the person's words."""
    from inburgering.wet import MAP_THEMAS
    from inburgering.wet.uren import PVT_UREN

    if onderdelen is None:
        return []
    stand = onderdelen.waarde
    if isinstance(stand, bool):  # PVT: hours, the activity on core values, the signing
        return [
            _("Participatieverklaring: %(uren)s van de %(norm)s uur gevolgd.")
            % {"uren": _uren(aanwezig), "norm": _uren(PVT_UREN)},
            _("Activiteit over de kernwaarden van Nederland: gedaan.")
            if plaatsing.kernwaarden_activiteit_op
            else _("Activiteit over de kernwaarden van Nederland: nog niet gedaan."),
            _("U heeft de participatieverklaring ondertekend.")
            if plaatsing.ondertekend_op
            else _("U moet de participatieverklaring nog ondertekenen."),
        ]
    return [  # MAP: the eight themes and the eindgesprek
        _("%(gedaan)s van de %(alle)s onderwerpen over werk gedaan.")
        % {"gedaan": len(stand.gevolgd), "alle": len(MAP_THEMAS)},
        _("Het eindgesprek is geweest.") if stand.eindgesprek else _("Het eindgesprek komt nog."),
    ]


def _zroute(uitkomst: Any) -> list[str]:
    if uitkomst is None:
        return []
    stand = uitkomst.waarde
    regels = [
        _("Z-route: %(uren)s van de %(norm)s uur les gevolgd.")
        % {"uren": _uren(stand.cursusuren), "norm": _uren(stand.cursusnorm)}
    ]
    if stand.participatienorm is not None:
        regels.append(
            _("Z-route: %(uren)s van de %(norm)s uur meedoen in de buurt of op het werk.")
            % {"uren": _uren(stand.participatie_uren), "norm": _uren(stand.participatienorm)}
        )
    return regels


def route(dossier: Dossier) -> Route:
    from inburgering.examens import services as examens
    from inburgering.traject.uren import routebeeld

    toestand = bereken_toestand(list(dossier.events.all()))
    termijn = inburgeringstermijn(toestand)
    beeld = routebeeld(dossier, timezone.localdate())
    lessen = [
        Lesregel(
            naam=b.plaatsing.contract.product.naam,
            school=b.plaatsing.contract.product.aanbieder.naam,
            status=str(woorden.PLAATSING.get(b.plaatsing.status, "")),
            begin=b.plaatsing.gestart_op or b.plaatsing.verwachte_start,
            einde=b.plaatsing.beeindigd_op or b.plaatsing.verwacht_einde,
            aangeboden=sum((u.aangeboden for u in b.uren), Decimal(0)),
            aanwezig=sum((u.aanwezig for u in b.uren), Decimal(0)),
            procent=b.aanwezigheid.waarde,
            voortgang=_voortgang(
                b.plaatsing, sum((u.aanwezig for u in b.uren), Decimal(0)), b.onderdelen
            ),
        )
        for b in beeld.plaatsingen
    ]
    overzicht = examens.overzicht(dossier, duo=False)
    examenregels = [
        Examenregel(
            str(woorden.EXAMEN.get(r.onderdeel, r.onderdeel)),
            r.behaald,
            r.behaald_op,
            r.aantal_pogingen,
        )
        for r in overzicht.regels
    ]
    return Route(
        termijn.waarde.einde if termijn else None, lessen, examenregels, _zroute(beeld.zroute)
    )


@dataclass
class Betaalregel:
    soort: str
    betaald_tot: dt.date | None


@dataclass
class Betalingen:
    """What the gemeente pays for the person from their bijstand (financieel ontzorgen, Pw art.
    56a): per fixed cost the last month paid. No payee, IBAN or amount: the portal says what is
    taken care of; the letters and the consulent give the details."""

    einde: dt.date
    regels: list[Betaalregel] = field(default_factory=list)


def betalingen(dossier: Dossier) -> Betalingen | None:
    from inburgering.ontzorgen.models import Betalingstatus, Ontzorging

    ontzorging = Ontzorging.objects.filter(dossier=dossier, beeindigd_op__isnull=True).first()
    if ontzorging is None:
        return None
    betaald: dict[int, dt.date] = {}
    for last_id, maand in ontzorging.betalingen.filter(status=Betalingstatus.BETAALD).values_list(
        "vaste_last_id", "maand"
    ):
        betaald[last_id] = max(maand, betaald.get(last_id, maand))
    regels = [
        Betaalregel(str(woorden.KOSTEN.get(last.soort, last.soort)), betaald.get(last.pk))
        for last in ontzorging.lasten.order_by("pk")
    ]
    return Betalingen(ontzorging.vrijwillig_tot or ontzorging.einde, regels)


@dataclass
class Portaalbrief:
    """A letter that went out, as the portal lists it: its kind and date in the person's
    language, the Dutch letter (subject, PDF) and the explanation; for a PIP beschikking also
    the plan's summary in the person's language."""

    brief: Verzondenbrief
    titel: str
    aard: str
    datum: str
    toelichting: Toelichting
    plan: Plansamenvatting | None = None


def _aard(brief: Verzondenbrief) -> str:
    if brief.beschikking:
        return _("Besluit")
    if brief.reageren_tot is not None:
        return _("Voornemen: u mag reageren")
    return _("Brief")


def brieven_van(dossier: Dossier) -> list[Portaalbrief]:
    """Every letter that went out to the person, from every app that writes letters
    (`brieven.verzonden`: summonses and reminders, the PIP beschikkingen, the fine letters),
    newest first, in the active language."""
    from inburgering.pip.models import PipVersie

    regels = []
    for brief in verzonden_brieven(dossier):
        plan = plansamenvatting(brief.bron) if isinstance(brief.bron, PipVersie) else None
        regels.append(
            Portaalbrief(
                brief=brief,
                titel=str(woorden.BRIEFSOORT.get(brief.soort, woorden.ANDERE_BRIEF)),
                aard=_aard(brief),
                datum=datum_in_taal(brief.datum),
                toelichting=toelichting(brief),
                plan=plan,
            )
        )
    return regels


def eigen_brief(burger: Burger, kenmerk: str) -> Verzondenbrief:
    """A letter of the person's own dossier that went out; anything else (another person's,
    a draft, a kenmerk that does not exist) is the same 404."""
    brief = verzonden_brief(burger.dossier, kenmerk)
    if brief is None:
        raise Http404
    return brief


def brief_pdf(brief: Verzondenbrief) -> tuple[bytes, str]:
    return brief.pdf(), f"brief-{brief.kenmerk}.pdf"


def volgende_stappen(
    dossier: Dossier, regels: list[Afspraakregel], plan: Plansamenvatting | None
) -> list[str]:
    """What to do next, in plain words."""
    stappen = []
    onbevestigd = [r for r in regels if not r.bevestigd and not r.verzetten_gevraagd]
    if onbevestigd:
        eerste = timezone.localtime(onbevestigd[0].afspraak.begin)
        stappen.append(
            _("Laat ons weten of u naar de afspraak op %(datum)s komt.")
            % {"datum": eerste.strftime("%d-%m-%Y %H:%M")}
        )
    elif regels:
        stappen.append(_("Kom naar uw afspraak. Neem uw identiteitsbewijs mee."))
    if plan is None and dossier.fase != Fase.AFGEROND:
        stappen.append(
            _(
                "Samen met uw contactpersoon maakt u een plan voor uw inburgering. "
                "Wij nemen contact met u op."
            )
        )
    elif plan is not None:
        stappen.append(_("Ga naar uw lessen. Bent u ziek? Meld het dan bij de school."))
    if not dossier.inburgeraar.telefoon and not dossier.inburgeraar.email:
        stappen.append(_("Geef uw telefoonnummer of e-mailadres door. Dan kunnen wij u bereiken."))
    if not stappen:
        stappen.append(_("U hoeft nu niets te doen."))
    return stappen


# --- what the person may change ----------------------------------------------------------------


def wijzig_contact(burger: Burger, *, telefoon: str, email: str, taal: str) -> DossierEvent | None:
    """Phone, e-mail and preferred language, recorded as a change with source "inburgeraar";
    the language also becomes the portal's."""
    _alleen_eigen(burger)
    nieuw: dict[str, Any] = {"telefoon": telefoon, "email": email}
    if taal:
        nieuw["voorkeurstaal"] = taal
    with transaction.atomic():
        event = wijzig_persoonsgegevens(burger.dossier, nieuw, actor=None, bron=Bron.INBURGERAAR)
        if taal:
            Portaalprofiel.objects.filter(pk=burger.profiel.pk).update(taal=taal)
    return event


def kies_taal(burger: Burger | None, taal: str) -> None:
    if burger is not None and taal in dict(settings.PORTAAL_TALEN):
        Portaalprofiel.objects.filter(pk=burger.profiel.pk).update(taal=taal)


# --- the experience questionnaire ------------------------------------------------------------

#: The second milestone: this many months after the start of the learning route.
ERVARING_ROUTE_MAANDEN = 6


def ervaring_mijlpalen(dossier: Dossier, vandaag: dt.date | None = None) -> dict[str, dt.date]:
    """The milestones of the experience questionnaire this dossier has reached on `vandaag`
    (default today), each with the day it was reached, derived from the dossier's facts (its
    event log, folded by `bereken_toestand`, corrections and withdrawals applied):

    * ``intake``: the brede intake is completed (INTAKE_AFGEROND; also when it was completed
      without the person, Wi art. 14), from that day on;
    * ``route``: `ERVARING_ROUTE_MAANDEN` months after the first start of the learning route
      (LEERROUTE_GESTART), from that day on (the same day of the month, `wet.plus_maanden`);
    * ``einde``: the end of the inburgering: the dossier is closed (DOSSIER_AFGESLOTEN, which
      also records completion, e.g. "voldaan") or the inburgeringstermijn has ended (DUO's end
      date when DUO reported one, including an extension; else the termijn computed from the
      first PIP, Wi art. 11), whichever comes first, from that day on.

    A milestone whose day is after `vandaag` is not in the result."""
    vandaag = vandaag or timezone.localdate()
    toestand = bereken_toestand(list(dossier.events.all()))
    dagen: dict[str, dt.date | None] = {
        Mijlpaal.INTAKE: toestand.intake_afgerond,
        Mijlpaal.ROUTE: (
            plus_maanden(toestand.leerroute_gestart, ERVARING_ROUTE_MAANDEN)
            if toestand.leerroute_gestart
            else None
        ),
    }
    termijn = inburgeringstermijn(toestand)
    termijn_einde = toestand.termijn_duo_einde or (termijn.waarde.einde if termijn else None)
    einden = [d for d in (toestand.afgesloten_op, termijn_einde) if d is not None]
    dagen[Mijlpaal.EINDE] = min(einden) if einden else None
    return {m: dag for m, dag in dagen.items() if dag is not None and dag <= vandaag}


def open_ervaring(burger: Burger, vandaag: dt.date | None = None) -> str | None:
    """The milestone whose questionnaire the portal offers now, or None: the latest milestone
    reached (`ervaring_mijlpalen`), if it was neither answered nor skipped. An earlier
    milestone that was not answered lapses once a later one is reached: the questions are
    about the experience at that moment."""
    bereikt = ervaring_mijlpalen(burger.dossier, vandaag)
    laatste = next((m for m in reversed(Mijlpaal.values) if m in bereikt), None)
    if laatste is None:
        return None
    if Ervaringsmoment.objects.filter(dossier=burger.dossier, mijlpaal=laatste).exists():
        return None
    return laatste


def _moment(burger: Burger, mijlpaal: str, *, overgeslagen: bool) -> None:
    if open_ervaring(burger) != mijlpaal:
        raise Portaalfout(_("Deze vragen zijn nu niet (meer) voor u. Dank u wel."))
    try:
        with transaction.atomic():
            Ervaringsmoment.objects.create(
                dossier=burger.dossier, mijlpaal=mijlpaal, overgeslagen=overgeslagen
            )
    except IntegrityError:  # answered in another tab at the same moment
        raise Portaalfout(_("Deze vragen zijn nu niet (meer) voor u. Dank u wel.")) from None


def geef_ervaring(
    burger: Burger,
    *,
    mijlpaal: str,
    brieven: str,
    contactpersoon: str,
    route: str,
    toelichting: str,
    taal: str,
) -> None:
    """Store the answers of the open milestone without a link to the person (gemeente,
    language, milestone, month); remember for the dossier only that the milestone was
    answered. After the commit the gemeente's kept monitoring tables are renewed (ADR 0037):
    an answer is not a fact in the dossier's log."""
    _alleen_eigen(burger)
    gemeente_id = burger.dossier.gemeente_id
    with transaction.atomic():
        _moment(burger, mijlpaal, overgeslagen=False)
        Ervaring.objects.create(
            gemeente_id=gemeente_id,
            taal=taal,
            mijlpaal=mijlpaal,
            brieven=brieven,
            contactpersoon=contactpersoon,
            route=route,
            toelichting=toelichting.strip(),
            maand=eerste_van_maand(timezone.localdate()),
        )
        transaction.on_commit(lambda: panelen.gemeente_gewijzigd(gemeente_id))


def sla_ervaring_over(burger: Burger, mijlpaal: str) -> None:
    """The person does not want to answer at this milestone: remembered, not asked again."""
    _alleen_eigen(burger)
    _moment(burger, mijlpaal, overgeslagen=True)
