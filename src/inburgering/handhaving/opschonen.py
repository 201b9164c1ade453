"""Retention (Besluit 9.9 lid 1; dossiers/bewaren.py): a fine case keeps its article, status,
dates and amounts (the monitoring and the caps read those) and loses the facts, the
assessment, the zienswijze and every reason in words."""

from inburgering.dossiers.models import Dossier

from .models import Handhavingszaak


def opschonen(dossier: Dossier) -> dict:
    return {
        "zaken": Handhavingszaak.objects.filter(dossier=dossier).update(
            gedraging="",
            beoordelaar="",
            beoordeling="",
            zienswijze="",
            motivering="",
            geen_boete_reden="",
            afgedaan_reden="",
        )
    }
