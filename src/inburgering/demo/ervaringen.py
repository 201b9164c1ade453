"""Demo answers to the portal's experience questionnaire (issue 19 item 7), given through
`inburgering.portaal.services` for replayed dossiers of one demo gemeente (Utrecht) at the
milestone the portal offers them, so the monitoring table has cells above and below the
minimum of 10 respondents: after the brede intake up to 14 people answer (only 6 of them the
route question; the demo of seed 2026 and the tests' have at least 10 there), six months into
the route up to 11, at the end up to 4. A few leave a free text (without names).
Reproducible: no randomness, the order of the dossiers decides. The answers have no link to a
dossier; a second run adds only what is missing up to these numbers."""

from __future__ import annotations

from inburgering.dossiers.models import Dossier
from inburgering.portaal import services
from inburgering.portaal.models import Ervaring, Ervaringsmoment, Mijlpaal, Portaalprofiel
from inburgering.portaal.sessie import Burger

from .gemeenten import UTRECHT

AANTALLEN = {Mijlpaal.INTAKE: 14, Mijlpaal.ROUTE: 11, Mijlpaal.EINDE: 4}
#: After the brede intake only this many answer the route question (too early for some).
ROUTEVRAAG_NA_INTAKE = 6
SCHAAL = ("ja", "ja", "beetje", "nee", "ja")
TEKSTEN = (
    "De brieven zijn lang. Ik begrijp ze pas met hulp.",
    "Mijn contactpersoon belt mij terug. Dat is fijn.",
    "Ik wil graag meer uren les.",
    "Ik wist niet dat ik een afspraak had.",
)
TALEN = ("ar", "nl", "ti", "en", "uk", "fa")
#: At most this many dossiers are looked at.
MAXIMUM_DOSSIERS = 1500


def maak_ervaringen() -> dict[str, int]:
    nodig = {
        m: max(0, n - Ervaring.objects.filter(gemeente__cbs_code=UTRECHT, mijlpaal=m).count())
        for m, n in AANTALLEN.items()
    }
    gegeven = dict.fromkeys(AANTALLEN, 0)
    dossiers = (
        Dossier.objects.filter(gemeente__cbs_code=UTRECHT, inburgeraar__bsn__isnull=False)
        .select_related("inburgeraar")
        .order_by("pk")[:MAXIMUM_DOSSIERS]
    )
    for dossier in dossiers:
        if not any(nodig.values()):
            break
        # The questionnaire's services read only the dossier; the demo person has no portal
        # profile (they never logged in), so an unsaved one stands in.
        burger = Burger(dossier, Portaalprofiel(inburgeraar=dossier.inburgeraar))
        mijlpaal = services.open_ervaring(burger)
        if mijlpaal is None or not nodig[mijlpaal]:
            continue
        i = gegeven[mijlpaal]
        routevraag = mijlpaal != Mijlpaal.INTAKE or i < ROUTEVRAAG_NA_INTAKE
        services.geef_ervaring(
            burger,
            mijlpaal=mijlpaal,
            brieven=SCHAAL[i % len(SCHAAL)],
            contactpersoon=SCHAAL[(i + 2) % len(SCHAAL)],
            route=SCHAAL[(i + 1) % len(SCHAAL)] if routevraag else "",
            toelichting=TEKSTEN[i % len(TEKSTEN)] if i % 3 == 0 else "",
            taal=TALEN[i % len(TALEN)],
        )
        gegeven[mijlpaal] += 1
        nodig[mijlpaal] -= 1
    return {str(m): n for m, n in gegeven.items()}


def verwijder_momenten(dossiers) -> int:
    """That the demo dossiers answered or skipped (no reverse relation on Dossier: "+")."""
    return Ervaringsmoment.objects.filter(dossier__in=dossiers)._raw_delete(
        Ervaringsmoment.objects.db
    )


def verwijder(gemeenten) -> int:
    """Before demo gemeenten without dossiers are removed: their answers (all demo answers, as
    no dossier is left there)."""
    return Ervaring.objects.filter(gemeente__in=gemeenten)._raw_delete(Ervaring.objects.db)
