"""Sections of a partner's dossier page that other apps own (docs/adr/0027).

An app that holds a category of the need-to-know table (`toegang.Gegeven`) registers a
function that renders its block for a partner of a given kind (`registreer_sectie`, from its
AppConfig.ready; ontzorgen registers its shared status). The partner page shows a block only
for a category its kind may see (`mag_zien`), so the app never decides access itself and
partners never imports the app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from inburgering.dossiers.models import Dossier

from .models import Organisatiesoort
from .toegang import Gegeven, mag_zien

Sectie = Callable[[HttpRequest, Dossier, Organisatiesoort], SafeString]
SECTIES: dict[Gegeven, Sectie] = {}


def registreer_sectie(gegeven: Gegeven, maak: Sectie) -> None:
    SECTIES[gegeven] = maak


def secties_voor(
    request: HttpRequest, dossier: Dossier, soort: Organisatiesoort
) -> dict[str, SafeString]:
    """The rendered blocks this kind may see, by category value."""
    return {
        gegeven.value: maak(request, dossier, soort)
        for gegeven, maak in SECTIES.items()
        if mag_zien(soort, gegeven)
    }
