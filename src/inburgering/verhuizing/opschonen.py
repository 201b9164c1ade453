"""Retention (Besluit 9.9 lid 1; dossiers/bewaren.py): a transfer package is a copy of the
dossier's personal data; it goes with the dossier it left or arrived in. The transfer row
(gemeenten, dates, status) stays."""

from django.db.models import Q

from inburgering.dossiers.models import Dossier

from .models import Overdracht


def opschonen(dossier: Dossier) -> dict:
    return {
        "pakketten": Overdracht.objects.filter(
            Q(oud_dossier=dossier) | Q(nieuw_dossier=dossier)
        ).update(pakket={})
    }
