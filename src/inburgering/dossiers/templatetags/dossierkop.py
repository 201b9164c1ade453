"""`{% load dossierkop %}{% dossiertabs dossier tab %}`: the dossier's tabs (dossiers/_kop.html).

Every dossier page shows these thirteen links. Through `{% url %}` and `{% translate %}` nodes they
cost a dossier page about as much as one of its queries (docs/performance.md, issue 22): here each
address is reversed once per process with a placeholder uuid and filled in per page, like the
caseload's row addresses (rijen.py), and the markup is formatted in Python.
"""

from __future__ import annotations

import uuid
from functools import lru_cache
from html import escape

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

register = template.Library()

#: (tab, URL name, label): in the order shown. The labels are the msgids the template had.
TABS = (
    ("overzicht", "dossiers:dossier", gettext_noop("Overzicht")),
    ("contact", "intake:contact", gettext_noop("Contact en afspraken")),
    ("oproepen", "intake:oproepen", gettext_noop("Oproepen brede intake")),
    ("brede_intake", "intake:brede_intake", gettext_noop("Brede intake")),
    ("toets_en_route", "intake:toets_en_route", gettext_noop("Toets en route")),
    ("pip", "pip:pip", gettext_noop("PIP")),
    ("route", "traject:route", gettext_noop("Route")),
    ("termijn", "termijn:termijn", gettext_noop("Termijn")),
    ("handhaving", "handhaving:handhaving", gettext_noop("Handhaving")),
    ("ontzorgen", "ontzorgen:dossier", gettext_noop("Ontzorgen en begeleiding")),
    ("uitkomsten", "dossiers:uitkomsten", gettext_noop("Participatie en uitkomsten")),
    ("partners", "partners:betrokken", gettext_noop("Ketenpartners")),
    ("verhuizing", "verhuizing:verhuizing", gettext_noop("Verhuizing")),
)

_NUL = str(uuid.UUID(int=0))


@lru_cache(maxsize=16)
def _adressen(prefix: str) -> tuple[str, ...]:
    """Each tab's address with the placeholder uuid, under this script prefix (reverse() reads
    the prefix itself; it is the key so that a change of prefix is never served stale)."""
    return tuple(escape(reverse(naam, kwargs={"uuid": _NUL})) for _tab, naam, _label in TABS)


@register.simple_tag
def dossiertabs(dossier, tab: str = "") -> SafeString:
    nummer = str(dossier.uuid)
    huidig = ' aria-current="page"'
    items = [
        '<li class="utrecht-nav-list__item"><a class="utrecht-nav-list__link" '
        f'href="{adres.replace(_NUL, nummer)}"{huidig if naam == tab else ""}>'
        f"{escape(gettext(label))}</a></li>"
        for (naam, _url, label), adres in zip(TABS, _adressen(get_script_prefix()), strict=True)
    ]
    return mark_safe("\n    ".join(items))  # noqa: S308 (addresses and labels escaped above)
