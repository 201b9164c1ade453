"""Caseload rows as plain strings, computed once in Python.

Rendering 50 rows through template tags (lazy labels, includes, date filters, pluralised
translations) cost more than all the page's queries together; see docs/performance.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from . import caseload as cl
from .models import Dossier

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


def rij(dossier: Dossier, vandaag: dt.date, labels: dict[str, dict[str, str]]) -> Rij:
    volgende = getattr(dossier, "volgende_afspraak", None)
    return Rij(
        pk=dossier.pk,
        uuid=str(dossier.uuid),
        url=reverse("dossiers:dossier", kwargs={"uuid": dossier.uuid}),
        naam=dossier.inburgeraar.naam,
        gemeente=dossier.gemeente.naam,
        doelgroep=labels["doelgroep"].get(dossier.doelgroep, ""),
        fase=labels["fase"].get(dossier.fase, ""),
        fase_sinds=_d(dossier.fase_sinds),
        deadline=deadline(dossier.pip_deadline, vandaag),
        wacht_op=labels["wacht_op"].get(dossier.wacht_op, ""),
        wacht_sinds=_d(dossier.wacht_op_sinds),
        laatste_contact=_d(dossier.laatste_contact) or "—",
        volgende_afspraak=volgende.astimezone().strftime("%d-%m-%Y %H:%M") if volgende else "—",
        consulent=dossier.consulent.weergavenaam if dossier.consulent else "—",
    )


_RIJ = (
    '<tr class="utrecht-table__row"><td class="utrecht-table__cell">'
    '<input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" '
    'name="dossiers" value="{}" form="bulk" aria-label="{} {}"></td>'
    '<th scope="row" class="utrecht-table__header-cell">'
    '<a class="utrecht-link" href="{}">{}</a></th>'
    '<td class="utrecht-table__cell">{}</td><td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell">{}<br><span class="app-klein">{} {}</span></td>'
    '<td class="utrecht-table__cell">{}</td><td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell"><span class="app-klein">{}:</span> {}<br>'
    '<span class="app-klein">{}:</span> {}</td><td class="utrecht-table__cell">{}</td></tr>'
)


def rij_html(r: Rij, woorden: dict[str, str]) -> SafeString:
    """One table row, escaped by format_html (the page's hot loop; see module docstring)."""
    deadline_html = (
        format_html(
            '{}<br><span class="utrecht-status-badge {}">{}</span>',
            r.deadline.datum,
            r.deadline.klasse,
            r.deadline.tekst,
        )
        if r.deadline
        else "—"
    )
    wacht_html = (
        format_html(
            '{}<br><span class="app-klein">{} {}</span>',
            r.wacht_op,
            woorden["sinds"],
            r.wacht_sinds,
        )
        if r.wacht_op
        else "—"
    )
    return format_html(
        _RIJ,
        r.uuid,
        woorden["selecteer"],
        r.naam,
        r.url,
        r.naam,
        r.gemeente,
        r.doelgroep,
        r.fase,
        woorden["sinds"],
        r.fase_sinds,
        deadline_html,
        wacht_html,
        woorden["laatste"],
        r.laatste_contact,
        woorden["volgende"],
        r.volgende_afspraak,
        r.consulent,
    )


def tabelrijen(rijen: list[Rij]) -> SafeString:
    woorden = {
        "selecteer": gettext("Selecteer"),
        "sinds": gettext("sinds"),
        "laatste": gettext("laatste"),
        "volgende": gettext("volgende"),
    }
    return mark_safe("".join(rij_html(r, woorden) for r in rijen))  # noqa: S308 (escaped above)


def labels() -> dict[str, dict[str, str]]:
    """Choice labels translated once per request instead of once per row."""
    from .models import Doelgroep
    from .workflow import Fase, WachtOp

    return {
        "doelgroep": {k: str(v) for k, v in Doelgroep.choices},
        "fase": {k: str(v) for k, v in Fase.choices},
        "wacht_op": {k: str(v) for k, v in WachtOp.choices},
        "sinds": gettext("sinds"),
    }


def _d(datum: dt.date | None) -> str:
    return datum.strftime("%d-%m-%Y") if datum else ""
