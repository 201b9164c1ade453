"""AVG art. 15 (right of access): everything this system holds about one person, for one user.

The data collection is one function, `overzicht(user, bsn)`, which returns a JSON-ready dict (the
documented structure in docs/architecture.md, "AVG-inzage", key `schema`); the PDF is rendered
from that same dict, so the two downloads cannot drift apart.

Scope: the person is found through dossiers the user may handle for this purpose
(`dossiers_in_scope`): the privacy officer all dossiers of its gemeenten, a consulent those of
`dossiers_voor(user)`. A BSN without such a dossier gives None, exactly as an unknown BSN: the
answer never tells whether the person is known in another gemeente. Persons are looked up via
their dossiers (`bsn` + dossier in scope, distinct), so this works whether a person is one row
for all gemeenten or one row per gemeente: every matching person record is reported.

Health information (Wi art. 37 lid 2) is listed as present with its date, not its text: only
the roles that may read it hand it over (see docs).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from inburgering.accounts.models import Gebruiker, Inzagelog, Rol
from inburgering.accounts.toegang import gemeente_ids
from inburgering.dossiers.gebeurtenissen import beschrijf
from inburgering.dossiers.models import Dossier, Inburgeraar
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.dossiers.workflow import Soort
from inburgering.intake.models import BredeIntake
from inburgering.koppelingen.models import InkomendBericht, UitgaandBericht
from inburgering.labels import label
from inburgering.pip.models import PipVersie

#: Version of the JSON structure; change it when a key changes meaning or disappears.
SCHEMA = "inburgering.avg-inzage/1"

#: Roles that may produce an overview: the privacy officer, and a consulent on request.
INZAGE_ROLLEN = frozenset({Rol.PRIVACY, Rol.CONSULENT})

CONTACT_SOORTEN = (Soort.CONTACT, Soort.WARME_OVERDRACHT)
UITKOMST_SOORTEN = (
    Soort.PARTICIPATIE_GEMETEN,
    Soort.KOSTEN_GEREGISTREERD,
    Soort.DUALE_ACTIVITEIT_GESTART,
    Soort.DUALE_ACTIVITEIT_BEEINDIGD,
    Soort.EXAMENRESULTAAT,
)


def mag_inzageverzoek_doen(user: Gebruiker) -> bool:
    return user.is_authenticated and user.is_active and user.rol in INZAGE_ROLLEN


def dossiers_in_scope(user: Gebruiker) -> QuerySet[Dossier]:
    """The dossiers this user may report on: the privacy officer has no caseload but answers
    requests for its gemeenten; a consulent only for the dossiers it may see anyway."""
    if not mag_inzageverzoek_doen(user):
        return Dossier.objects.none()
    if user.rol == Rol.PRIVACY:
        return Dossier.objects.filter(gemeente_id__in=gemeente_ids(user))
    return dossiers_voor(user)


def personen(user: Gebruiker, bsn: str) -> list[Inburgeraar]:
    """Every person record with this BSN that has a dossier in the user's scope."""
    in_scope = dossiers_in_scope(user).filter(inburgeraar__bsn=bsn)
    return list(Inburgeraar.objects.filter(pk__in=in_scope.values("inburgeraar_id")).order_by("pk"))


def dossier_ids(user: Gebruiker, bsn: str) -> list[int]:
    return list(
        dossiers_in_scope(user)
        .filter(inburgeraar__bsn=bsn)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _d(waarde) -> str | None:
    if waarde is None:
        return None
    if isinstance(waarde, dt.datetime):
        return timezone.localtime(waarde).isoformat(timespec="seconds")
    return waarde.isoformat()


def _naam(user: Gebruiker | None) -> str:
    return user.weergavenaam if user else ""


def overzicht(user: Gebruiker, bsn: str) -> dict | None:
    """Everything held about the person with this BSN in the user's scope; None when nothing
    (the same for an unknown BSN and one known only outside the user's gemeenten)."""
    gevonden = personen(user, bsn)
    if not gevonden:
        return None
    scope = dossiers_in_scope(user)
    with translation.override("nl"):
        return {
            "schema": SCHEMA,
            "gemaakt_op": _d(timezone.now()),
            "gemaakt_door": user.weergavenaam,
            "personen": [_persoon(p, scope) for p in gevonden],
        }


def _persoon(p: Inburgeraar, scope: QuerySet[Dossier]) -> dict:
    dossiers = (
        scope.filter(inburgeraar=p)
        .select_related("gemeente", "consulent")
        .order_by("aangemaakt_op", "pk")
    )
    return {
        "persoonsgegevens": {
            "bsn": p.bsn,
            "v_nummer": p.v_nummer,
            "voornamen": p.voornamen,
            "voorvoegsel": p.voorvoegsel,
            "geslachtsnaam": p.geslachtsnaam,
            "geboortedatum": _d(p.geboortedatum),
            # A date the BRP gave with unknown parts: "JJJJ-MM-DD" with zeros ("1987-00-00").
            "geboortedatum_onvolledig": p.geboortedatum_onvolledig,
            "geslacht": p.get_geslacht_display(),
            "land_van_herkomst": p.land_van_herkomst,
            "talen": list(p.talen or []),
            "voorkeurstaal": p.voorkeurstaal,
            "tolk_nodig": p.tolk_nodig,
            "telefoon": p.telefoon,
            "email": p.email,
            "whatsapp": p.whatsapp,
            "postadres": " ".join(x for x in (p.post_straat, p.post_postcode, p.post_plaats) if x),
            "vastgelegd_op": _d(p.aangemaakt_op),
        },
        "gezinsleden": [
            {
                "relatie": g.get_soort_display(),
                "naam": g.naam,
                "geboortedatum": _d(g.geboortedatum),
            }
            for g in p.gezinsrelaties.order_by("pk")
        ],
        "dossiers": [_dossier(d) for d in dossiers],
    }


def _gebeurtenis(e) -> dict:
    return {
        "datum": _d(e.datum),
        "geregistreerd_op": _d(e.geregistreerd_op),
        "soort": e.soort,
        "omschrijving": label(Soort, e.soort),
        "bron": e.bron_label,
        "gegevens_in_woorden": beschrijf(e.soort, e.gegevens),
        "toelichting": e.toelichting,
        "medewerker": _naam(e.actor),
    }


def _dossier(d: Dossier) -> dict:

    events = list(d.events.select_related("actor").order_by("datum", "id"))
    intake = BredeIntake.objects.filter(dossier=d).first()
    gezondheid = getattr(intake, "gezondheid", None) if intake else None
    versies = PipVersie.objects.filter(pip__dossier=d).select_related("vastgesteld_door")
    inzages = (
        Inzagelog.objects.filter(dossier=d).select_related("gebruiker").order_by("tijdstip", "id")
    )
    ontvangen = InkomendBericht.objects.filter(
        Q(dossier=d) | Q(dossier__isnull=True, bsn=d.inburgeraar.bsn, gemeente=d.gemeente)
    ).order_by("ontvangen_op", "id")
    return {
        "dossiernummer": str(d.uuid),
        "gemeente": d.gemeente.naam,
        "regime": d.get_regime_display(),
        "doelgroep": d.get_doelgroep_display(),
        "fase": d.get_fase_display(),
        "afsluitreden": d.get_afsluitreden_display() if d.afsluitreden else "",
        "consulent": _naam(d.consulent),
        "aangemaakt_op": _d(d.aangemaakt_op),
        "gebeurtenissen": [_gebeurtenis(e) for e in events],
        "contactmomenten": [_gebeurtenis(e) for e in events if e.soort in CONTACT_SOORTEN],
        "uitkomsten": [_gebeurtenis(e) for e in events if e.soort in UITKOMST_SOORTEN],
        "afspraken": [
            {
                "begin": _d(a.begin),
                "soort": a.get_soort_display(),
                "vorm": a.get_vorm_display(),
                "status": a.get_status_display(),
                "locatie": a.locatie,
                "medewerker": _naam(a.medewerker),
            }
            for a in d.afspraken.select_related("medewerker").order_by("begin", "pk")
        ],
        "brieven": [
            {
                "datum": _d(b.aangemaakt_op),
                "soort": b.get_soort_display(),
                "kanaal": b.get_kanaal_display(),
                "onderwerp": b.onderwerp,
            }
            for b in d.brieven.order_by("aangemaakt_op", "pk")
        ],
        "brede_intake": None
        if intake is None
        else {
            "afgerond_op": _d(intake.afgerond_op),
            "gesprekken": [_d(g.datum) for g in intake.gesprekken.order_by("datum", "pk")],
            "verslagen": [
                {"onderwerp": str(v), "tekst": v.tekst}
                for v in intake.verslagen.select_related("lokaal_onderdeel").order_by("pk")
            ],
            "gezondheidsinformatie_vastgelegd_op": _d(gezondheid.bijgewerkt_op)
            if gezondheid and gezondheid.tekst
            else None,
        },
        "leerbaarheidstoetsen": [
            {"datum": _d(t.datum), "score": t.score} for t in d.lbt.order_by("datum", "pk")
        ],
        "routebesluiten": [
            {"datum": _d(r.datum), "leerroute": r.get_leerroute_display(), "niveau": r.niveau}
            for r in d.routebesluiten.order_by("datum", "pk")
        ],
        "pip_versies": [
            {
                "versienummer": v.versienummer,
                "status": v.get_status_display(),
                "reden": v.get_reden_display(),
                "leerroute": v.get_leerroute_display() if v.leerroute else "",
                "dagtekening": _d(v.dagtekening),
                "beschikking": v.dagtekening is not None and not v.is_concept,
            }
            for v in versies.order_by("versienummer")
        ],
        "duo_berichten": {
            "ontvangen": [
                {
                    "ontvangen_op": _d(b.ontvangen_op),
                    "gebeurtenis": b.gebeurtenis_id,
                    "status": b.get_status_display(),
                }
                for b in ontvangen
            ],
            "verzonden": [
                {
                    "aangemaakt_op": _d(b.aangemaakt_op),
                    "soort": b.get_soort_display(),
                    "status": b.get_status_display(),
                }
                for b in UitgaandBericht.objects.filter(dossier=d).order_by("aangemaakt_op", "id")
            ],
        },
        "inzages": [
            {"tijdstip": _d(r.tijdstip), "medewerker": r.gebruiker.weergavenaam, "doel": r.doel}
            for r in inzages
        ],
    }
