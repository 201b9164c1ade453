"""Caseload rows as plain strings, computed once in Python.

Rendering 50 rows through template tags (lazy labels, includes, date filters, pluralised
translations) cost more than all the page's queries together; see docs/performance.md.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from html import escape as e

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from . import caseload as cl

BADGE_KLASSE = {
    "verlopen": "utrecht-status-badge--danger",
    "risico": "utrecht-status-badge--warning",
    "op_schema": "utrecht-status-badge--safe",
}


@dataclass(frozen=True)
class Deadline:
    datum: str
    klasse: str
    tekst: str


def deadline(datum: dt.date | None, vandaag: dt.date) -> Deadline | None:
    if datum is None:
        return None
    dagen = (datum - vandaag).days
    status = cl.deadline_status(datum, vandaag)
    if dagen < 0:
        tekst = ngettext("%(n)s dag te laat", "%(n)s dagen te laat", -dagen) % {"n": -dagen}
    else:
        tekst = ngettext("nog %(n)s dag", "nog %(n)s dagen", dagen) % {"n": dagen}
    return Deadline(_d(datum), BADGE_KLASSE[status], tekst)


@dataclass(frozen=True)
class Rij:
    pk: int
    uuid: str
    url: str
    naam: str
    gemeente: str
    doelgroep: str
    fase: str
    fase_sinds: str
    deadline: Deadline | None
    wacht_op: str
    wacht_sinds: str
    laatste_contact: str
    volgende_afspraak: str
    consulent: str


#: A dossier's page address with a placeholder, filled per row (reverse() per row was slower).
_NUL = uuid.UUID(int=0)


def rij(
    dossier: dict,
    vandaag: dt.date,
    labels: dict[str, dict[str, str]],
    volgende: dt.datetime | None = None,
) -> Rij:
    """A row from one of `caseload.caseload`'s dicts and the dossier's next appointment."""
    consulent = " ".join(
        n for n in (dossier["consulent__first_name"], dossier["consulent__last_name"]) if n
    )
    naam = (
        dossier["inburgeraar__voornamen"],
        dossier["inburgeraar__voorvoegsel"],
        dossier["inburgeraar__geslachtsnaam"],
    )
    return Rij(
        pk=dossier["pk"],
        uuid=str(dossier["uuid"]),
        url=labels["url"].replace(str(_NUL), str(dossier["uuid"])),
        naam=" ".join(p for p in naam if p),
        gemeente=dossier["gemeente__naam"],
        doelgroep=labels["doelgroep"].get(dossier["doelgroep"], ""),
        fase=labels["fase"].get(dossier["fase"], ""),
        fase_sinds=_d(dossier["fase_sinds"]),
        deadline=deadline(dossier["pip_deadline"], vandaag),
        wacht_op=labels["wacht_op"].get(dossier["wacht_op"], ""),
        wacht_sinds=_d(dossier["wacht_op_sinds"]),
        laatste_contact=_d(dossier["laatste_contact"]) or "—",
        volgende_afspraak=volgende.astimezone().strftime("%d-%m-%Y %H:%M") if volgende else "—",
        consulent=consulent or dossier["consulent__username"] or "—",
    )


#: `data-label` names the column: on a narrow screen each row is a card and every value is
#: preceded by its column's name (app.css, `.app-caseload` under 40rem).
_RIJ = (
    '<tr class="utrecht-table__row"><td class="utrecht-table__cell app-caseload__selectie">'
    '<input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" '
    'name="dossiers" value="{}" form="bulk" aria-label="{} {}"></td>'
    '<th scope="row" class="utrecht-table__header-cell">'
    '<a class="utrecht-link" href="{}">{}</a></th>'
    '<td class="utrecht-table__cell" data-label="{}">{}</td>'
    '<td class="utrecht-table__cell" data-label="{}">{}</td>'
    '<td class="utrecht-table__cell" data-label="{}">{}<br>'
    '<span class="app-klein">{} {}</span></td>'
    '<td class="utrecht-table__cell" data-label="{}">{}</td>'
    '<td class="utrecht-table__cell" data-label="{}">{}</td>'
    '<td class="utrecht-table__cell" data-label="{}"><span class="app-klein">{}:</span> {}<br>'
    '<span class="app-klein">{}:</span> {}</td>'
    '<td class="utrecht-table__cell" data-label="{}">{}</td></tr>'
)


def rij_html(r: Rij, woorden: dict[str, str]) -> str:
    """One table row. The page's hot loop (see module docstring): every value is escaped with
    the standard library's html.escape, which Django's escape wraps (its lazy-string checks
    per argument cost more than the escaping)."""
    deadline_html = (
        f"{e(r.deadline.datum)}<br>"
        f'<span class="utrecht-status-badge {r.deadline.klasse}">{e(r.deadline.tekst)}</span>'
        if r.deadline
        else "—"
    )
    wacht_html = (
        f"{e(r.wacht_op)}<br>"
        f'<span class="app-klein">{e(woorden["sinds"])} {e(r.wacht_sinds)}</span>'
        if r.wacht_op
        else "—"
    )
    return _RIJ.format(
        e(r.uuid),
        e(woorden["selecteer"]),
        e(r.naam),
        e(r.url),
        e(r.naam),
        woorden["k_gemeente"],
        e(r.gemeente),
        woorden["k_doelgroep"],
        e(r.doelgroep),
        woorden["k_fase"],
        e(r.fase),
        e(woorden["sinds"]),
        e(r.fase_sinds),
        woorden["k_deadline"],
        deadline_html,
        woorden["k_wacht"],
        wacht_html,
        woorden["k_contact"],
        e(woorden["laatste"]),
        e(r.laatste_contact),
        e(woorden["volgende"]),
        e(r.volgende_afspraak),
        woorden["k_consulent"],
        e(r.consulent),
    )


def tabelrijen(rijen: list[Rij]) -> SafeString:
    woorden = {
        "selecteer": gettext("Selecteer"),
        "sinds": gettext("sinds"),
        "laatste": gettext("laatste"),
        "volgende": gettext("volgende"),
        # The column names (escaped once here), as in the table head.
        **{
            sleutel: e(gettext(kolom))
            for sleutel, kolom in (
                ("k_gemeente", "Gemeente"),
                ("k_doelgroep", "Doelgroep"),
                ("k_fase", "Fase"),
                ("k_deadline", "Uiterste datum PIP"),
                ("k_wacht", "Wacht op"),
                ("k_contact", "Contact"),
                ("k_consulent", "Consulent"),
            )
        },
    }
    return mark_safe("".join(rij_html(r, woorden) for r in rijen))  # noqa: S308 (escaped in rij_html)


def labels() -> dict[str, dict[str, str]]:
    """Per request instead of per row: the choice labels, translated, and the row address."""
    from .models import Doelgroep
    from .workflow import Fase, WachtOp

    return {
        "doelgroep": {k: str(v) for k, v in Doelgroep.choices},
        "fase": {k: str(v) for k, v in Fase.choices},
        "wacht_op": {k: str(v) for k, v in WachtOp.choices},
        "sinds": gettext("sinds"),
        "url": reverse("dossiers:dossier", kwargs={"uuid": _NUL}),
    }


def _d(datum: dt.date | None) -> str:
    return datum.strftime("%d-%m-%Y") if datum else ""
