"""`{% dossiertabs %}` (dossiers/templatetags/dossierkop.py): the thirteen tab links formatted in
Python from addresses reversed once per script prefix. Each must still be the tab's own address
for this dossier, the current tab marked, and a script prefix honoured (the addresses are kept)."""

import re

import pytest
from django.test.utils import override_script_prefix
from django.urls import reverse

from inburgering.dossiers.templatetags.dossierkop import TABS

pytestmark = pytest.mark.django_db


def _tabs(html: str) -> list[tuple[str, bool, str]]:
    nav = html.split('class="app-tabs"', 1)[1].split("</nav>", 1)[0]
    return [
        (href, huidig != "", label)
        for href, huidig, label in re.findall(
            r'<a class="utrecht-nav-list__link" href="([^"]+)"( aria-current="page")?>([^<]+)</a>',
            nav,
        )
    ]


@pytest.mark.parametrize(
    ("naam", "huidig"),
    [("dossiers:dossier", "overzicht"), ("intake:contact", "contact"), ("pip:pip", "pip")],
)
def test_tabs_link_to_this_dossier_and_mark_the_current_one(
    client, dossier_a, consulent_a, naam, huidig
):
    client.force_login(consulent_a)
    html = client.get(reverse(naam, args=[dossier_a.uuid])).content.decode()
    tabs = _tabs(html)
    assert [href for href, _, _ in tabs] == [
        reverse(url, kwargs={"uuid": dossier_a.uuid}) for _, url, _ in TABS
    ]
    assert [gemarkeerd for _, gemarkeerd, _ in tabs] == [tab == huidig for tab, _, _ in TABS]
    assert [label for _, _, label in tabs][:2] == ["Overzicht", "Contact en afspraken"]


def test_tabs_translated(client, dossier_a, consulent_a):
    client.force_login(consulent_a)
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(reverse("intake:contact", args=[dossier_a.uuid])).content.decode()
    labels = [label for _, _, label in _tabs(html)]
    assert "Contact en afspraken" not in labels
    assert len(labels) == len(TABS)


def test_tabs_follow_the_script_prefix(client, dossier_a, consulent_a):
    """Under a prefix (an installation at /regie/) the kept addresses are that prefix's, and
    a request without it right after gets its own again."""
    client.force_login(consulent_a)
    pad = reverse("dossiers:dossier", args=[dossier_a.uuid])
    with override_script_prefix("/regie/"):
        html = client.get(pad).content.decode()
    assert all(href.startswith("/regie/") for href, _, _ in _tabs(html))
    assert f"/regie/dossiers/{dossier_a.uuid}/contact/" in html
    html = client.get(pad).content.decode()
    assert not any(href.startswith("/regie/") for href, _, _ in _tabs(html))
