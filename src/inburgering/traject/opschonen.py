"""Retention (Besluit 9.9 lid 1; dossiers/bewaren.py): a placement keeps its product, status,
dates and hours (the route's figures) and loses the reason in words."""

from inburgering.dossiers.models import Dossier

from .models import Plaatsing


def opschonen(dossier: Dossier) -> dict:
    return {"plaatsingen": Plaatsing.objects.filter(dossier=dossier).update(reden="")}
