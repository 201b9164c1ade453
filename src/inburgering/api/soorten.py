"""The event type only the API writes on the dossier: a school's intake result (a fact in the
dossier's log, no phase change). Registered from `ApiConfig.ready`. Exam intentions, MB reports
and the COA's handover go through the partners app's services and are its events
(`examenwens`, `partner_voortgang`, `clientprofiel_coa`), the same as from the partner pages."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from inburgering.dossiers.gebeurtenissen import GETAL, OBJECT, TEKST, registreer_soort
from inburgering.dossiers.workflow import Soort


def _organisatie(gegevens: Mapping[str, Any]) -> str | None:
    naam = gegevens.get("organisatie")
    return f"{_('door')} {naam}" if naam else None


def _resultaat(gegevens: Mapping[str, Any]) -> str | None:
    resultaat = gegevens.get("resultaat")
    return str(resultaat) if resultaat else None


def registreer() -> None:
    registreer_soort(
        Soort.INTAKERESULTAAT_AANBIEDER,
        app="api",
        velden={
            "plaatsing": GETAL,
            "organisatie": TEKST,
            "intake_op": TEKST,
            "resultaat": TEKST,
            "niveaus": OBJECT,
            "verwachte_start": TEKST,
        },
        verplicht=["plaatsing", "intake_op", "resultaat"],
        woorden=[_resultaat, _organisatie],
    )
