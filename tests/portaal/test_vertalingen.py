"""The portal speaks eight languages (settings.PORTAAL_TALEN): every catalogue of the portal
holds every string of the portal's code and templates, translated, with the placeholders of
the Dutch text; Arabic and Farsi run right to left."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

import inburgering.portaal

PORTAAL = Path(inburgering.portaal.__file__).parent
TALEN = [code for code, _naam in settings.PORTAAL_TALEN if code != "nl"]
PLAATSHOUDER = re.compile(r"%\(\w+\)[sd]")


def _catalogus(taal: str) -> polib.POFile:
    return polib.pofile(str(PORTAAL / "locale" / taal / "LC_MESSAGES" / "django.po"))


def _msgids_in_de_bron() -> set[str]:
    """The msgids of the portal's templates and Python files, read from the sources."""
    gevonden: set[str] = set()
    for pad in PORTAAL.rglob("*.html"):
        tekst = pad.read_text(encoding="utf-8")
        gevonden |= set(re.findall(r'{% translate "([^"]+)"', tekst))
        gevonden |= set(re.findall(r"{% translate '([^']+)'", tekst))
    for pad in PORTAAL.rglob("*.py"):
        if "migrations" in pad.parts:
            continue
        tekst = pad.read_text(encoding="utf-8")
        gevonden |= {m for m in re.findall(r'\b_\(\s*"([^"]+)"\s*\)', tekst)}
    return gevonden


def test_elke_portaaltaal_heeft_een_catalogus():
    assert sorted(TALEN) == ["ar", "en", "fa", "so", "ti", "tr", "uk"]
    for taal in TALEN:
        assert (PORTAAL / "locale" / taal / "LC_MESSAGES" / "django.mo").exists(), taal


@pytest.mark.parametrize("taal", TALEN)
def test_catalogus_is_volledig_en_bij(taal):
    po = _catalogus(taal)
    msgids = {e.msgid for e in po if not e.obsolete}
    ontbreekt = _msgids_in_de_bron() - msgids
    assert not ontbreekt, f"{taal}: run makemessages in src/inburgering/portaal: {ontbreekt}"
    onvertaald = [e.msgid for e in po if not e.obsolete and not e.translated()]
    assert not onvertaald, f"{taal}: not translated: {onvertaald}"
    assert not [e.msgid for e in po if "fuzzy" in e.flags], f"{taal}: fuzzy entries"


@pytest.mark.parametrize("taal", TALEN)
def test_plaatshouders_blijven_gelijk(taal):
    for e in _catalogus(taal):
        if e.obsolete:
            continue
        verwacht = set(PLAATSHOUDER.findall(e.msgid))
        vertalingen = list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr]
        for v in vertalingen:
            assert set(PLAATSHOUDER.findall(v)) == verwacht, (taal, e.msgid, v)


@pytest.mark.parametrize(
    "taal, tekst",
    [
        ("ar", "مرحبًا بك في Mijn inburgering"),
        ("ti", "እንቋዕ ናብ Mijn inburgering ብደሓን መጻእኩም"),
        ("uk", "Ласкаво просимо до Mijn inburgering"),
    ],
)
def test_de_vertaling_wordt_gebruikt(taal, tekst):
    with translation.override(taal):
        assert translation.gettext("Welkom bij Mijn inburgering") == tekst


def test_rechts_naar_links_voor_arabisch_en_farsi():
    rtl = {code for code in dict(settings.PORTAAL_TALEN) if code in settings.LANGUAGES_BIDI}
    assert rtl == {"ar", "fa"}
