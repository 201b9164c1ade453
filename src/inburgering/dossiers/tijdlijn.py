"""The dossier page's timeline as HTML built in Python, like the caseload rows (rijen.py).

Through template tags, a timeline of 46 events (labels, summaries, two date filters and a
translated sentence per event) cost more than the rest of the page together.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as e

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .gebeurtenissen import beschrijf
from .models import DossierEvent


def tijdlijn_html(events: Iterable[DossierEvent], gecorrigeerd: set[int]) -> SafeString:
    """The <li> items, newest first as given; a corrected event is marked as such."""
    woorden = {
        "gecorrigeerd": e(gettext("gecorrigeerd")),
        "door": e(gettext("door")),
        "bron": gettext("Bron: %(bron)s, vastgelegd %(tijd)s"),
    }
    items = [_item(ev, ev.pk in gecorrigeerd, woorden) for ev in events]
    if not items:
        items = [f"<li>{e(gettext('Nog geen gebeurtenissen.'))}</li>"]
    return mark_safe("\n".join(items))  # noqa: S308 (every value escaped in _item)


def _item(ev: DossierEvent, vervallen: bool, woorden: dict[str, str]) -> str:
    samenvatting = beschrijf(ev.soort, ev.gegevens)
    kop = f"<strong>{ev.datum.strftime('%d-%m-%Y')}</strong> — {e(ev.soort_label)}"
    if samenvatting:
        kop += f": {e(samenvatting)}"
    if vervallen:
        kop += (
            ' <span class="utrecht-status-badge utrecht-status-badge--inactive">'
            f"{woorden['gecorrigeerd']}</span>"
        )
    tijd = timezone.localtime(ev.geregistreerd_op).strftime("%d-%m-%Y %H:%M")
    bron = e(woorden["bron"] % {"bron": ev.bron_label, "tijd": tijd})
    if ev.actor_id:
        bron += f" {woorden['door']} {e(ev.actor.weergavenaam)}"
    toelichting = f'<p class="utrecht-paragraph">{e(ev.toelichting)}</p>' if ev.toelichting else ""
    klasse = (
        "app-tijdlijn__item app-tijdlijn__item--vervallen" if vervallen else "app-tijdlijn__item"
    )
    return (
        f'<li class="{klasse}"><p class="utrecht-paragraph">{kop}</p>'
        f'<p class="app-klein">{bron}</p>{toelichting}</li>'
    )
