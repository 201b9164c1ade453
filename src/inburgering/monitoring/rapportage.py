"""Periodic report per gemeente (issue 23, item 5): a quarter or a year, with key indicators
against the previous period and the local targets, charts with their tables, the definitions
used and a text the beleidsmedewerker edits before publishing (`models.Rapportage`).

The figures are the dashboard's tables (`tabellen.tabellen`) for the gemeente on the period's
last day, population "inburgeringsplichtig op de peildatum" and cohort basis DUO-kennisgeving
(`definities`), computed again each time from the log, so a published report can be
reproduced. Reports are made on demand (the page) and by the scheduler (`maak_rapportages`,
docs/adr/0026-uitkomsten-populatie-en-cohort.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from . import extractie as ex
from .definities import STAND, VERLOOP, Cohortbasis, Populatie, omschrijving
from .tabel import Tabel
from .tabellen import tabellen

#: The tables shown in full (chart and table) in the report.
TABELLEN = ["gemeente_overzicht", "trechter", "pip_termijn", "uitval_route", "participatie_bekend"]


@dataclass(frozen=True)
class Periode:
    jaar: int
    kwartaal: int = 0  # 0: the whole year

    @property
    def begin(self) -> dt.date:
        return dt.date(self.jaar, 3 * self.kwartaal - 2 if self.kwartaal else 1, 1)

    @property
    def einde(self) -> dt.date:
        if not self.kwartaal or self.kwartaal == 4:
            return dt.date(self.jaar, 12, 31)
        return dt.date(self.jaar, 3 * self.kwartaal + 1, 1) - dt.timedelta(days=1)

    @property
    def vorige(self) -> Periode:
        if not self.kwartaal:
            return Periode(self.jaar - 1)
        return (
            Periode(self.jaar - 1, 4)
            if self.kwartaal == 1
            else Periode(self.jaar, self.kwartaal - 1)
        )

    @property
    def naam(self) -> str:
        return f"{self.jaar} K{self.kwartaal}" if self.kwartaal else str(self.jaar)


def periode_van(rapport) -> Periode:
    return Periode(rapport.jaar, rapport.kwartaal)


def laatste_afgesloten_kwartaal(dag: dt.date) -> Periode:
    kwartaal = (dag.month - 1) // 3 + 1
    return Periode(dag.year, kwartaal - 1) if kwartaal > 1 else Periode(dag.year - 1, 4)


def selectie(gemeente_id: int, peildatum: dt.date) -> ex.Selectie:
    return ex.Selectie(
        (gemeente_id,),
        peildatum,
        populatie=Populatie.PLICHTIG,
        cohortbasis=Cohortbasis.KENNISGEVING,
    )


@dataclass
class Kerncijfer:
    naam: str
    waarde: object
    vorige: object
    eenheid: str = ""
    streefwaarde: int | None = None

    @property
    def verschil(self):
        if isinstance(self.waarde, int | float) and isinstance(self.vorige, int | float):
            verschil = self.waarde - self.vorige
            return round(verschil, 1) if isinstance(verschil, float) else verschil
        return None


def _totaalrij(tabel: Tabel, label: str) -> list:
    return next((r for r in tabel.rijen if len(r) > 1 and r[1] == label), [])


def _cijfers(per: dict[str, Tabel]) -> dict[str, object]:
    overzicht = _totaalrij(per["gemeente_overzicht"], _("Totaal"))
    waarden = {
        "plichtig": overzicht[2] if overzicht else None,
        "met_pip": overzicht[3] if overzicht else None,
        "gehuisvest": overzicht[7] if overzicht else None,
        "taakstelling": overzicht[9] if overzicht else None,
        "pip_termijn": per["pip_termijn"].extra.get("aandeel"),
        "uitval": per["uitval_route"].rijen[-1][4] if per["uitval_route"].rijen else None,
        "bekend": per["participatie_bekend"].rijen[-1][3],
        "kosten": per["kosten_traject_posten"].rijen[-1][-1],
    }
    return waarden


def _namen() -> list[tuple[str, str, str]]:
    return [
        ("plichtig", _("Inburgeringsplichtigen op de peildatum"), ""),
        ("met_pip", _("Waarvan met PIP"), ""),
        ("gehuisvest", _("Statushouders gehuisvest dit jaar"), ""),
        ("taakstelling", _("Gehuisvest als % van de taakstelling"), "%"),
        ("pip_termijn", _("PIP binnen de wettelijke termijn"), "%"),
        ("uitval", _("Uitval van gestarte leerroutes"), "%"),
        ("bekend", _("Werk- en participatiesituatie bekend"), "%"),
        ("kosten", _("Kosten per traject, gemiddeld (€)"), ""),
    ]


@dataclass
class Inhoud:
    periode: Periode
    vorige: Periode
    kerncijfers: list[Kerncijfer]
    doelen: Tabel
    tabellen: list[Tabel]
    definities: dict[str, list[str]]


def inhoud(rapport) -> Inhoud:
    """Everything the report shows, computed for the period's last day and the previous
    period's."""
    periode = periode_van(rapport)
    nu = {t.sleutel: t for t in tabellen(selectie(rapport.gemeente_id, periode.einde))}
    toen = {t.sleutel: t for t in tabellen(selectie(rapport.gemeente_id, periode.vorige.einde))}
    a, b = _cijfers(nu), _cijfers(toen)
    kerncijfers = [Kerncijfer(naam, a[k], b[k], eenheid) for k, naam, eenheid in _namen()]
    sel = selectie(rapport.gemeente_id, periode.einde)
    return Inhoud(
        periode,
        periode.vorige,
        kerncijfers,
        nu["doelen"],
        [nu[k] for k in TABELLEN],
        {
            _("Aantallen mensen"): omschrijving(sel, STAND),
            _("Verloop en uitkomsten"): omschrijving(sel, VERLOOP),
        },
    )


def maak(gemeente, periode: Periode, gebruiker=None):
    """The report of the gemeente for the period, made once (idempotent)."""
    from .models import Rapportage

    soort = Rapportage.Soort.KWARTAAL if periode.kwartaal else Rapportage.Soort.JAAR
    with transaction.atomic():
        rapport, _nieuw = Rapportage.objects.get_or_create(
            gemeente=gemeente,
            soort=soort,
            jaar=periode.jaar,
            kwartaal=periode.kwartaal,
            defaults={"gewijzigd_door": gebruiker},
        )
    return rapport


def volgens_planning(gemeenten, vandaag: dt.date) -> list:
    """What the scheduler makes: each gemeente's last completed quarter and, in the first
    quarter, the previous year."""
    kwartaal = laatste_afgesloten_kwartaal(vandaag)
    perioden = [kwartaal] + ([Periode(vandaag.year - 1)] if vandaag.month <= 3 else [])
    return [maak(g, p) for g in gemeenten for p in perioden]
