"""Retention (Besluit 9.9 lid 1; dossiers/bewaren.py): what partners wrote about the person
goes (progress notes, the COA's client profile, exam wishes' remarks); the involvements
(organisation, ground, period) stay."""

from inburgering.dossiers.models import Dossier

from .models import Clientprofiel, Examenwens, Voortgangsnotitie


def opschonen(dossier: Dossier) -> dict:
    return {
        "notities": Voortgangsnotitie.objects.filter(betrokkenheid__dossier=dossier).update(
            onderwerp="", tekst=""
        ),
        "profielen": Clientprofiel.objects.filter(betrokkenheid__dossier=dossier).update(
            talen="",
            opleiding="",
            werkervaring="",
            voorkeuren="",
            azc_contact="",
            gezondheid="",
            toestemming_gezondheid=None,
        ),
        "examenwensen": Examenwens.objects.filter(betrokkenheid__dossier=dossier).update(
            toelichting=""
        ),
    }
