"""Retention (Besluit 9.9 lid 1; dossiers/bewaren.py): the free texts of letters, appointments,
conversations, reports, health notes and decisions go; dates, statuses and codes stay."""

from inburgering.dossiers.models import Dossier

from .models import (
    Afspraak,
    BredeIntake,
    Brief,
    Gezondheid,
    IntakeGesprek,
    LbtOntheffing,
    Leerbaarheidstoets,
    Routebesluit,
    Schooladvies,
    Verslag,
)


def opschonen(dossier: Dossier) -> dict:
    intakes = BredeIntake.objects.filter(dossier=dossier)
    return {
        "brieven": Brief.objects.filter(dossier=dossier).update(onderwerp="", tekst=""),
        "afspraken": Afspraak.objects.filter(dossier=dossier).update(locatie="", tolk_taal=""),
        "gesprekken": IntakeGesprek.objects.filter(intake__in=intakes).update(
            deelnemers="", tolk_taal=""
        ),
        "verslagen": Verslag.objects.filter(intake__in=intakes).update(tekst=""),
        "gezondheid": Gezondheid.objects.filter(intake__in=intakes).update(tekst=""),
        "lbt": Leerbaarheidstoets.objects.filter(dossier=dossier).update(afnemer=""),
        "lbt_ontheffingen": LbtOntheffing.objects.filter(dossier=dossier).update(motivering=""),
        "schooladviezen": Schooladvies.objects.filter(dossier=dossier).update(toelichting=""),
        "routebesluiten": Routebesluit.objects.filter(dossier=dossier).update(toelichting=""),
    }
