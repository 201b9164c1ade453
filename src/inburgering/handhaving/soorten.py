"""The event types the handhaving app owns: every step of a fine case as a fact on the dossier
(the phase never changes). Registered from `HandhavingConfig.ready`."""

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Choices
from django.utils.translation import gettext as _

from inburgering.dossiers.gebeurtenissen import GETAL, JANEE, TEKST, registreer_soort
from inburgering.dossiers.workflow import Soort
from inburgering.labels import label

from .models import Rechtsmiddel, Uitspraak, Zienswijzevorm

#: The step events, in the order of the procedure.
STAPPEN = (
    Soort.HANDHAVING_SIGNAAL,
    Soort.HANDHAVING_BEOORDELING,
    Soort.HANDHAVING_VOORNEMEN,
    Soort.HANDHAVING_ZIENSWIJZE,
    Soort.HANDHAVING_BESCHIKKING,
    Soort.HANDHAVING_GEEN_BOETE,
    Soort.HANDHAVING_RECHTSMIDDEL,
    Soort.HANDHAVING_INVORDERING,
    Soort.HANDHAVING_AFGEDAAN,
)

VELDEN: dict[str, type | tuple[type, ...]] = {
    "zaak": GETAL,
    "artikel": TEKST,
    "status": TEKST,
    "bedrag_cents": GETAL,
    "termijn_tot": TEKST,
    "kenmerk": TEKST,
    "vorm": TEKST,
    "uitspraak": TEKST,
    "rechtsmiddel": TEKST,
    "boete_passend": JANEE,
    "reden": TEKST,
}


def _euro(cents: float) -> str:
    euros, rest = divmod(int(cents), 100)
    return f"€ {euros:,}".replace(",", ".") + (f",{rest:02d}" if rest else "")


def _artikel(gegevens: Mapping[str, Any]) -> str | None:
    return _("artikel %(a)s") % {"a": gegevens["artikel"]} if gegevens.get("artikel") else None


def _bedrag(gegevens: Mapping[str, Any]) -> str | None:
    bedrag = gegevens.get("bedrag_cents")
    return _euro(bedrag) if isinstance(bedrag, int | float) else None


def _passend(gegevens: Mapping[str, Any]) -> str | None:
    waarde = gegevens.get("boete_passend")
    if waarde is None:
        return None
    return _("boete passend") if waarde else _("boete niet passend")


def _termijn(gegevens: Mapping[str, Any]) -> str | None:
    if not gegevens.get("termijn_tot"):
        return None
    return _("zienswijze tot en met %(d)s") % {"d": gegevens["termijn_tot"]}


def _tekst(sleutel: str) -> Callable[[Mapping[str, Any]], str | None]:
    def deel(gegevens: Mapping[str, Any]) -> str | None:
        waarde = gegevens.get(sleutel)
        return str(waarde) if waarde else None

    return deel


def _keuze(sleutel: str, keuzes: type[Choices]) -> Callable[[Mapping[str, Any]], str | None]:
    def deel(gegevens: Mapping[str, Any]) -> str | None:
        waarde = gegevens.get(sleutel)
        return str(label(keuzes, waarde)) if waarde else None

    return deel


def registreer() -> None:
    for soort in STAPPEN:
        registreer_soort(
            soort,
            app="handhaving",
            velden=VELDEN,
            verplicht=["zaak"],
            woorden=[
                _artikel,
                _bedrag,
                _passend,
                _termijn,
                _keuze("vorm", Zienswijzevorm),
                _keuze("rechtsmiddel", Rechtsmiddel),
                _keuze("uitspraak", Uitspraak),
                _tekst("kenmerk"),
                _tekst("reden"),
            ],
        )
