from django.utils import translation

from inburgering.dossiers.models import Bron, DossierEvent
from inburgering.dossiers.workflow import Soort
from inburgering.labels import bekend_label, label


def test_label_follows_the_active_language():
    with translation.override("nl"):
        assert label(Bron, Bron.GEBRUIKER) == "Medewerker"
    with translation.override("en"):
        assert label(Bron, Bron.GEBRUIKER) == "Staff member"
    with translation.override("nl"):
        assert label(Bron, Bron.GEBRUIKER) == "Medewerker"  # not the cached English one


def test_unknown_values():
    assert label(Soort, "bestaat_niet") == "bestaat_niet"
    assert bekend_label(Soort, "bestaat_niet") is None
    assert bekend_label(Soort, None) is None
    assert bekend_label(Soort, ["lijst"]) is None


def test_event_labels_equal_djangos_display():
    event = DossierEvent(soort=Soort.PIP_VASTGESTELD, bron=Bron.DUO)
    with translation.override("nl"):
        assert event.soort_label == event.get_soort_display()
        assert event.bron_label == event.get_bron_display()
