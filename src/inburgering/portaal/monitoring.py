"""The experience questionnaire on the monitoring dashboard (`monitoring.tabellen.registreer_tabel`)
and the free-text answers for the quality officer (issue 19 item 7). From the portal's own
records (`Ervaring`: gemeente, milestone, month, answers; no link to a person), per selection
(gemeenten, peildatum). A cell counts people, and a count of fewer than `MINIMUM` people is
never shown: the whole row of such a milestone and question reads "< 10"."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from inburgering.accounts.models import Gemeente
from inburgering.monitoring.extractie import Selectie
from inburgering.monitoring.tabel import Tabel

from .models import Ervaring, Mijlpaal, Schaal

#: Fewer respondents than this in a cell: the cell is suppressed (issue 19 item 7).
MINIMUM = 10
ONDERDRUKT = "< 10"

VRAGEN = ("brieven", "contactpersoon", "route")


def vraagnamen() -> dict[str, str]:
    return {
        "brieven": _("Brieven zijn duidelijk"),
        "contactpersoon": _("Weet wie de contactpersoon is"),
        "route": _("Route past"),
    }


def _aandeel(n: int, totaal: int) -> float:
    return round(100 * n / totaal, 1)


def tabel(sel: Selectie) -> Tabel:
    """Per milestone and question: the number of people who answered it and the share of each
    answer; a row with fewer than `MINIMUM` respondents shows only "< 10"."""
    antwoorden = Ervaring.objects.filter(gemeente_id__in=sel.gemeente_ids, maand__lte=sel.peildatum)
    telling: Counter[tuple[str, str, str]] = Counter()
    for rij in antwoorden.values("mijlpaal", *VRAGEN):
        for vraag in VRAGEN:
            if rij[vraag]:
                telling[rij["mijlpaal"], vraag, rij[vraag]] += 1
    namen = vraagnamen()
    rijen: list[list] = []
    for mijlpaal in Mijlpaal:
        for vraag in VRAGEN:
            per = [telling[mijlpaal.value, vraag, s.value] for s in Schaal]
            totaal = sum(per)
            if totaal < MINIMUM:
                cijfers: list = [ONDERDRUKT] * (1 + len(per))
            else:
                cijfers = [totaal, *(_aandeel(n, totaal) for n in per)]
            rijen.append([str(mijlpaal.label), namen[vraag], *cijfers])
    tabel = Tabel(
        "ervaringen",
        _("Ervaringen van inburgeraars (vragenlijst in het portaal)"),
        [
            _("Moment"),
            _("Vraag"),
            _("Aantal antwoorden"),
            _("% ja"),
            _("% een beetje"),
            _("% nee"),
        ],
        rijen,
        _(
            "Vrijwillige antwoorden in het portaal na de brede intake, zes maanden na de start "
            "van de leerroute en aan het einde. Een cel met minder dan %(n)s mensen wordt niet "
            'getoond ("< %(n)s"): dan is de hele regel van dat moment en die vraag leeg.'
        )
        % {"n": MINIMUM},
        extra={
            "pagina": "ervaringen:toelichtingen",
            "paginatekst": _("Lees de toelichtingen (zonder namen)"),
        },
    )
    # Its own population, stated like every table's (monitoring/definities.py).
    tabel.definities = [
        _("Peildatum: %(d)s.") % {"d": sel.peildatum.strftime("%d-%m-%Y")},
        _(
            "Populatie: de antwoorden op de vragenlijst in het portaal in de gekozen gemeenten, "
            "gegeven in de maand van de peildatum of eerder. Antwoorden hebben geen koppeling "
            "met een persoon of dossier."
        ),
        _("De filters voor doelgroep, consulent en instroomperiode gelden niet voor deze tabel."),
    ]
    return tabel


@dataclass(frozen=True)
class Toelichting:
    """One free-text answer as the quality officer sees it: nothing that points at a person."""

    mijlpaal: str
    maand: dt.date
    gemeente: str
    tekst: str


def toelichtingen(gemeente_ids) -> list[Toelichting]:
    """The free-text answers in these gemeenten, newest month first: milestone, month,
    gemeente and text only (the records hold no more)."""
    namen = dict(Gemeente.objects.filter(pk__in=gemeente_ids).values_list("pk", "naam"))
    mijlpalen = dict(Mijlpaal.choices)
    return [
        Toelichting(str(mijlpalen.get(m, m)), maand, namen.get(g, ""), tekst)
        for m, maand, g, tekst in Ervaring.objects.filter(gemeente_id__in=gemeente_ids)
        .exclude(toelichting="")
        .order_by("-maand", "mijlpaal", "toelichting")
        .values_list("mijlpaal", "maand", "gemeente_id", "toelichting")
    ]
