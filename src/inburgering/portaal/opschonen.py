"""Retention (Besluit 9.9 lid 1; dossiers/bewaren.py): the messages to the person lose the
phone number or e-mail address they went to. (The experience answers hold no link to the
person; the profile goes with the person record.)"""

from inburgering.dossiers.models import Dossier

from .models import Portaalbericht


def opschonen(dossier: Dossier) -> dict:
    return {"berichten": Portaalbericht.objects.filter(dossier=dossier).update(adres="")}
