"""Retention (Besluit 9.9 lid 1; dossiers/bewaren.py): DUO's messages carry the BSN and DUO's
personal data in their payload; that goes, the message's kind, status and dates stay."""

from inburgering.dossiers.models import Dossier

from .models import InkomendBericht, UitgaandBericht


def opschonen(dossier: Dossier) -> dict:
    return {
        "inkomend": InkomendBericht.objects.filter(dossier=dossier).update(
            bsn="", v_nummer=None, inhoud={}, resultaat="", laatste_fout=""
        ),
        "uitgaand": UitgaandBericht.objects.filter(dossier=dossier).update(
            inhoud={}, antwoord=None, bevindingen=[], laatste_fout=""
        ),
    }
