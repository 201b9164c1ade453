"""Retention (Besluit 9.9 lid 1; dossiers/bewaren.py): the PIP's free texts (support,
intensities, agreements, objections, progress talks) go; route, level, dates and statuses stay."""

from inburgering.dossiers.models import Dossier

from .models import Bezwaar, PipVersie, Voortgangsgesprek


def opschonen(dossier: Dossier) -> dict:
    versies = PipVersie.objects.filter(pip__dossier=dossier)
    return {
        "versies": versies.update(
            ondersteuning_en_begeleiding="",
            pvt_intensiteit="",
            map_intensiteit="",
            vve_afspraken="",
            participatiewet_beschikkingen="",
            lbt_afwijking_toelichting="",
        ),
        "bezwaren": Bezwaar.objects.filter(versie__in=versies).update(toelichting=""),
        "voortgangsgesprekken": Voortgangsgesprek.objects.filter(pip__dossier=dossier).update(
            verslag=""
        ),
    }
