"""Citations, sources and explanations in words (dossiers/uitleg.py)."""

import datetime as dt

from django.utils import translation

from inburgering.dossiers import uitleg
from inburgering.wet import inburgeringstermijn, pip_deadline
from inburgering.wet.grondslag import Bron, bi, wi


def test_citation_reads_as_the_law_is_named_and_links_to_the_article():
    assert uitleg.citaat(wi("11", 1)) == "Wet inburgering 2021, art. 11 lid 1"
    assert uitleg.citaat(wi("14", 3, "a")) == "Wet inburgering 2021, art. 14 lid 3 onder a"
    assert uitleg.bwb_url(bi("5.3", 1)) == (
        "https://wetten.overheid.nl/jci1.3:c:BWBR0045555&artikel=5.3&lid=1"
    )


def test_source_in_words():
    assert uitleg.bron_woorden(Bron.WET) == ""
    assert "uitvoeringspraktijk" in uitleg.bron_woorden(Bron.WET_EN_PRAKTIJK)


def test_explanations_in_english_where_covered_and_marked_dutch_where_not():
    deadline = pip_deadline(dt.date(2026, 3, 2))
    termijn = inburgeringstermijn(dt.date(2026, 5, 1))
    with translation.override("en"):
        for uitkomst in (deadline, termijn):
            tekst = uitleg.in_taal(uitkomst.uitleg)
            assert tekst.taal == "en", uitkomst.uitleg
        assert uitleg.in_taal(termijn.uitleg).tekst.startswith(
            "The integration period runs from 02-05-2026"
        )
        onbekend = uitleg.in_taal("Een zin die de tabel niet kent.")
        assert onbekend.taal == "nl" and onbekend.tekst == "Een zin die de tabel niet kent."
    with translation.override("nl"):
        assert uitleg.in_taal(deadline.uitleg).tekst == deadline.uitleg
