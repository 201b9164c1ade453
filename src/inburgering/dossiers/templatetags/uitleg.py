"""Template tags for the rules' explanations, citations and codes in words (dossiers/uitleg.py)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inburgering.dossiers import uitleg as u
from inburgering.dossiers.referentie import taalnaam as _taalnaam

register = template.Library()


@register.simple_tag
def grondslagen(uitkomst) -> SafeString:
    """ "Grondslag: <a>Wet inburgering 2021, art. 11 lid 1</a>; … (words for the source)"."""
    links = format_html_join(
        "; ",
        '<a class="utrecht-link" href="{}" rel="noopener">{}</a>',
        ((u.bwb_url(g), u.citaat(g)) for g in getattr(uitkomst, "grondslagen", ())),
    )
    if not links:
        links = format_html("{}", _("uitvoeringspraktijk DUO"))
    bron = u.bron_woorden(getattr(uitkomst, "bron", None))
    extra = format_html(" ({})", bron) if bron else ""
    return format_html('<span class="app-grondslag">{}: {}{}</span>', _("Grondslag"), links, extra)


@register.simple_tag
def uitlegtekst(uitkomst) -> SafeString:
    """The explanation in the active language; a sentence without translation keeps lang="nl".
    `uitkomst`: an outcome of the rules, a record that stored one (`.uitleg`) or its JSON form."""
    zin = uitkomst.get("uitleg") if isinstance(uitkomst, dict) else getattr(uitkomst, "uitleg", "")
    tekst = u.in_taal(zin or "")
    if tekst.taal == "nl" and not _actief_nl():
        return format_html('<span lang="nl">{}</span>', tekst.tekst)
    return format_html("{}", tekst.tekst)


@register.simple_tag
def uitleg(uitkomst) -> SafeString:
    """The whole explanation paragraph: sentence, citations with links, source."""
    if not uitkomst:
        return format_html("")
    return format_html(
        '<p class="utrecht-paragraph app-uitleg">{}<br>{}</p>',
        uitlegtekst(uitkomst),
        grondslagen(uitkomst),
    )


@register.filter
def isodatum(waarde):
    """ "2026-03-01" (a date as JSON stores it, e.g. in a transfer package) -> "01-03-2026";
    anything else (an incomplete date, empty) unchanged."""
    try:
        return dt.date.fromisoformat(str(waarde)[:10]).strftime("%d-%m-%Y") if waarde else waarde
    except ValueError:
        return waarde


@register.filter
def taalnaam(code: str) -> str:
    """ "ti" -> "Tigrinya" (ISO 639, referentie.taalnaam)."""
    return _taalnaam(code)


def _actief_nl() -> bool:
    return (get_language() or "nl").startswith("nl")
