"""The event types the API writes on the dossier: what a partner reports through the API, as
facts in the dossier's log (they never change the phase). Registered from `ApiConfig.ready`.

`coa_overdracht` is a draft: the consulent accepts it on the partners pages, which read this
payload (documented in docs/api.md, "COA-overdracht")."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from inburgering.dossiers.gebeurtenissen import GETAL, LIJST, OBJECT, TEKST, registreer_soort
from inburgering.dossiers.workflow import Soort


def _organisatie(gegevens: Mapping[str, Any]) -> str | None:
    naam = gegevens.get("organisatie")
    return f"{_('door')} {naam}" if naam else None


def _resultaat(gegevens: Mapping[str, Any]) -> str | None:
    resultaat = gegevens.get("resultaat")
    return str(resultaat) if resultaat else None


def _onderdelen(gegevens: Mapping[str, Any]) -> str | None:
    onderdelen = gegevens.get("onderdelen") or []
    maand = gegevens.get("beoogde_maand") or ""
    if not onderdelen:
        return None
    return f"{', '.join(str(o) for o in onderdelen)} {maand}".strip()


def _periode(gegevens: Mapping[str, Any]) -> str | None:
    begin, einde = gegevens.get("periode_begin"), gegevens.get("periode_einde")
    return f"{begin} – {einde}" if begin and einde else None


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
    registreer_soort(
        Soort.EXAMENINTENTIE,
        app="api",
        velden={
            "plaatsing": GETAL,
            "organisatie": TEKST,
            "onderdelen": LIJST,
            "beoogde_maand": TEKST,
        },
        verplicht=["plaatsing", "onderdelen", "beoogde_maand"],
        woorden=[_onderdelen, _organisatie],
    )
    registreer_soort(
        Soort.MB_RAPPORTAGE,
        app="api",
        velden={
            "organisatie": TEKST,
            "soort": TEKST,
            "periode_begin": TEKST,
            "periode_einde": TEKST,
            "contactmomenten": GETAL,
        },
        verplicht=["organisatie", "soort", "periode_begin", "periode_einde"],
        woorden=[_periode, _organisatie],
    )
