"""The event types the partners app owns: what a partner reports on a dossier, as a fact in the
consulent's timeline. Registered from `PartnersConfig.ready`."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from inburgering.dossiers.gebeurtenissen import GETAL, TEKST, registreer_soort
from inburgering.dossiers.workflow import Soort


def _door(gegevens: Mapping[str, Any]) -> str | None:
    organisatie = gegevens.get("organisatie")
    return f"{_('door')} {organisatie}" if organisatie else None


def _voortgang(gegevens: Mapping[str, Any]) -> str | None:
    return gegevens.get("onderwerp") or None


def _examenwens(gegevens: Mapping[str, Any]) -> str | None:
    if not gegevens.get("onderdeel"):
        return None
    return _("%(onderdeel)s, verwacht examenklaar op %(datum)s") % {
        "onderdeel": gegevens["onderdeel"],
        "datum": gegevens.get("verwacht_op", ""),
    }


def registreer() -> None:
    registreer_soort(
        Soort.PARTNER_VOORTGANG,
        app="partners",
        velden={"organisatie": TEKST, "notitie": GETAL, "onderwerp": TEKST},
        verplicht=["organisatie", "notitie"],
        woorden=[_voortgang, _door],
    )
    registreer_soort(
        Soort.CLIENTPROFIEL_COA,
        app="partners",
        velden={"organisatie": TEKST, "profiel": GETAL},
        verplicht=["organisatie", "profiel"],
        woorden=[_door],
    )
    registreer_soort(
        Soort.EXAMENWENS,
        app="partners",
        velden={"organisatie": TEKST, "onderdeel": TEKST, "verwacht_op": TEKST},
        verplicht=["organisatie", "onderdeel", "verwacht_op"],
        woorden=[_examenwens, _door],
    )
