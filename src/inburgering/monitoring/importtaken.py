"""Large migration imports run in the background, with their progress on a page.

A file above `IMPORT_DIRECT_MAX_RIJEN` rows becomes an `Importtaak`: the upload is stored, the
user is sent to the task's page and the import runs outside the request (a 100,000-row file
took over a minute and a page of 160 MB when it ran inside one). A thread of the web process or
the worker runs it, as `ACHTERGROND_UITVOERING` says (inburgering/achtergrond.py); a task is
claimed with one conditional UPDATE, so it never runs twice. The import itself is the same
function as in the request (`importeren.importeer`): checked first, then written in one
transaction, all or nothing. Progress of the checking phase is written to the task row; during
the write phase the row is inside the import's transaction, so its progress goes through the
cache (visible to other processes with a shared cache, REDIS_URL).
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.utils import timezone

from inburgering import achtergrond
from inburgering.accounts.models import Gebruiker

from . import importeren
from .models import Importtaak

logger = logging.getLogger(__name__)

#: At most this many messages per row are kept in a task's report (the page shows them all).
MAX_MELDINGEN = 2_000


def maak_taak(
    inhoud: bytes, *, gebruiker: Gebruiker, alleen_geldige: bool, bestandsnaam: str = ""
) -> Importtaak:
    taak = Importtaak.objects.create(
        gebruiker=gebruiker,
        bestand=inhoud,
        bestandsnaam=bestandsnaam[:200],
        alleen_geldige=alleen_geldige,
        totaal=importeren.rijen_in(inhoud),
    )
    achtergrond.na_commit(verwerk, taak.pk)
    return taak


def verwerk_wachtende() -> int:
    """Run every waiting task (the worker's round); returns how many ran."""
    gedaan = 0
    for taak_id in Importtaak.objects.filter(status=Importtaak.Status.WACHTEND).values_list(
        "pk", flat=True
    ):
        gedaan += verwerk(taak_id)
    return gedaan


def verwerk(taak_id: int) -> bool:
    """Claim and run one task; False when another process has it already."""
    if not achtergrond.claim(Importtaak, taak_id, fase="controleren"):
        return False
    taak = Importtaak.objects.select_related("gebruiker").get(pk=taak_id)

    def voortgang(fase: str, klaar: int, totaal: int) -> None:
        cache.set(_sleutel(taak_id), (fase, klaar, totaal), 3600)
        if fase == "controleren":  # outside the import's transaction: the row can be updated
            Importtaak.objects.filter(pk=taak_id).update(fase=fase, verwerkt=klaar, totaal=totaal)

    try:
        verslag = importeren.importeer(
            bytes(taak.bestand),
            gebruiker=taak.gebruiker,
            alleen_geldige=taak.alleen_geldige,
            voortgang=voortgang,
        )
    except Exception:  # the task must end visibly, whatever went wrong
        logger.exception("Importtaak %s mislukt", taak_id)
        _sluit(taak_id, Importtaak.Status.MISLUKT, {"mislukt": True})
        return True
    _sluit(taak_id, Importtaak.Status.KLAAR, als_json(verslag))
    return True


def _sluit(taak_id: int, status: str, verslag: dict) -> None:
    Importtaak.objects.filter(pk=taak_id).update(
        status=status, klaar_op=timezone.now(), verslag=verslag, bestand=b"", fase=""
    )
    cache.delete(_sleutel(taak_id))


def als_json(verslag: importeren.Verslag) -> dict:
    """What the task's page shows: counts and the messages per row and field."""
    meldingen = [
        [rij.nummer, veld, str(melding)] for rij in verslag.ongeldig for veld, melding in rij.fouten
    ]
    return {
        "geimporteerd": verslag.geimporteerd,
        "rijen": len(verslag.rijen),
        "aantallen": {
            s: verslag.aantal(s) for s in ("geimporteerd", "aanwezig", "ongeldig", "nieuw")
        },
        "bestandsfouten": [str(f) for f in verslag.bestandsfouten],
        "meldingen": meldingen[:MAX_MELDINGEN],
        "meldingen_weggelaten": max(len(meldingen) - MAX_MELDINGEN, 0),
    }


def voortgang(taak: Importtaak) -> tuple[str, int, int]:
    """(fase, rows done, rows in all) as far as this process can see it."""
    if taak.status != Importtaak.Status.BEZIG:
        return taak.fase, taak.verwerkt, taak.totaal
    return cache.get(_sleutel(taak.pk)) or (taak.fase, taak.verwerkt, taak.totaal)


def _sleutel(taak_id: int) -> str:
    return f"importtaak:{taak_id}:voortgang"
