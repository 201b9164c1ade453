"""Gemeente overview (issue 23, item 2) in the shape of DUO's overview in the evaluation's case
reports (seed 004, "Cijfers", peildatum 8-12-2023): per doelgroep the inburgeringsplichtigen,
of whom with a PIP, per route; per gemeente and, for a regional service, for its gemeenten
together. Beside it the statushouders housed this calendar year against the taakstelling
(entered per half year, `models.Taakstelling`).

Counts of people come from the relation narrowed to the population on the peildatum
(`definities.STAND`); "housed" counts dossiers over time (`definities.VERLOOP`, read before the
narrowing by `gehuisvest`): asielstatushouders with their BRP registration (the latest
`huisvesting`) in the calendar year, on or before the peildatum.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from inburgering.dossiers.models import Doelgroep

from . import indicatoren as ind
from . import statistiek
from .sql import groepen, vast
from .tabel import Tabel, route_naam

ROUTES = ["b1", "onderwijs", "z"]


@vast
def _huisvesting():
    rijen = ind.relatie_rijen().filter(huisvesting__isnull=False)
    return groepen(rijen, "gemeente_id", ExtractYear("huisvesting"), "doelgroep")


def huisvesting(r) -> list[tuple]:
    """(gemeente, calendar year of the latest BRP registration, doelgroep, dossiers): the one
    scan behind `gehuisvest` and the housed-per-year table (`aanvullend`)."""
    return r.gedeeld(_huisvesting)


def gehuisvest(r) -> dict[tuple[int, int], int]:
    """(gemeente, calendar year) -> asielstatushouders housed (BRP registration) in that year,
    on or before the peildatum. Call on the VERLOOP relation (closed dossiers count too)."""
    per: dict[tuple[int, int], int] = defaultdict(int)
    for g, jaar, doelgroep, n in huisvesting(r):
        if doelgroep == Doelgroep.ASIELSTATUSHOUDER:
            per[(g, int(jaar))] += n
    return dict(per)


def taakstellingen(gemeente_ids, jaar: int) -> dict[int, int]:
    """Gemeente -> the year's taakstelling (both half years added; absent: not entered)."""
    from .models import Taakstelling

    per: dict[int, int] = defaultdict(int)
    for g, aantal in Taakstelling.objects.filter(
        gemeente_id__in=gemeente_ids, jaar=jaar
    ).values_list("gemeente_id", "aantal"):
        per[g] += aantal
    return dict(per)


def overzicht(r, namen: dict[int, str], gehuisvest: dict[tuple[int, int], int]) -> Tabel:
    """One row per gemeente and doelgroep plus its total; with several gemeenten (a regional
    service) their totals as well."""
    jaar = r.peildatum.year
    per: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for gemeente, doelgroep, route, n, *_fasen in ind.personen(r):
        per[(gemeente, doelgroep)][route] += n
    doelen = taakstellingen(r.sel.gemeente_ids, jaar)
    doelgroepen = dict(Doelgroep.choices)

    def cijfers(routes: dict[str, int]) -> list:
        totaal = sum(routes.values())
        met_pip = totaal - routes.get("", 0)
        return [totaal, met_pip, *[routes.get(route, 0) for route in ROUTES]]

    def huisvesting(gemeenten) -> list:
        huis = sum(gehuisvest.get((g, jaar), 0) for g in gemeenten)
        doel = [doelen[g] for g in gemeenten if g in doelen]
        taak = sum(doel) if doel else None
        return [huis, taak, statistiek.aandeel(huis, taak) if taak else None]

    def blok(label: str, gemeenten) -> list[list]:
        rijen = []
        samen: dict[str, int] = defaultdict(int)
        for d in Doelgroep.values:
            routes: dict[str, int] = defaultdict(int)
            for g in gemeenten:
                for route, n in per.get((g, d), {}).items():
                    routes[route] += n
                    samen[route] += n
            leeg = [None, None, None]
            extra = huisvesting(gemeenten) if d == Doelgroep.ASIELSTATUSHOUDER else leeg
            rijen.append([label, str(doelgroepen[d]), *cijfers(routes), *extra])
        rijen.append([label, _("Totaal"), *cijfers(samen), *huisvesting(gemeenten)])
        return rijen

    gemeenten = sorted(r.sel.gemeente_ids, key=lambda g: namen.get(g, ""))
    rijen: list[list] = []
    for g in gemeenten:
        rijen += blok(namen.get(g, "?"), [g])
    if len(gemeenten) > 1:
        rijen += blok(_("Alle gekozen gemeenten"), gemeenten)
    return Tabel(
        "gemeente_overzicht",
        _("Overzicht per gemeente (zoals het overzicht van DUO)"),
        [
            _("Gemeente"),
            _("Doelgroep"),
            _("Totaal inburgeringsplichtig"),
            _("Waarvan met PIP"),
            *[_("Waarvan %(route)s") % {"route": route_naam(route)} for route in ROUTES],
            _("Gehuisvest in %(jaar)s") % {"jaar": jaar},
            _("Taakstelling %(jaar)s") % {"jaar": jaar},
            _("% van de taakstelling"),
        ],
        rijen,
        _(
            "Per doelgroep: de mensen in de populatie op de peildatum, waarvan met een PIP, per "
            "leerroute van het laatste PIP. Gehuisvest: asielstatushouders met hun inschrijving "
            "in de BRP in dit kalenderjaar tot en met de peildatum, ook als hun dossier later is "
            "afgesloten. Taakstelling: beide halfjaren van dit jaar zoals ingevoerd; leeg als die "
            "niet is ingevoerd."
        ),
    )
