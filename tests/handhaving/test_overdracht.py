"""The fines travel in the transfer package on a move (Wi art. 35 lid 4), and a package whose
fines part is malformed is refused with nothing saved."""

import pytest

from inburgering.dossiers.models import Dossier
from inburgering.verhuizing import services as verhuizing
from tests.handhaving.factories import dossier_met_adres, tot_beschikking
from tests.verhuizing.factories import verhuisd

pytestmark = pytest.mark.django_db


def test_the_imposed_fine_is_in_the_package_and_read_by_the_new_gemeente(
    gemeente_a, gemeente_b, consulent_a, consulent_b
):
    dossier = dossier_met_adres(gemeente_a, consulent_a)
    zaak = tot_beschikking(dossier, consulent_a, dagen_geleden=30)
    overdracht = verhuisd(dossier, gemeente_b, consulent_a)
    (verzonden,) = overdracht.pakket["onderdelen"]["handhaving"]["zaken"]
    assert verzonden["artikel"] == zaak.artikel and verzonden["status"] == "beschikt"
    assert verzonden["opgelegd_cents"] == zaak.opgelegd_cents > 0
    nieuw = verhuizing.accepteer(overdracht, actor=consulent_b)
    assert nieuw.gemeente == gemeente_b  # accepted: the part passed its check


def test_a_malformed_fines_part_refuses_the_package(
    gemeente_a, gemeente_b, consulent_a, consulent_b
):
    dossier = dossier_met_adres(gemeente_a, consulent_a)
    tot_beschikking(dossier, consulent_a, dagen_geleden=30)
    overdracht = verhuisd(dossier, gemeente_b, consulent_a)
    overdracht.pakket["onderdelen"]["handhaving"]["zaken"][0]["opgelegd_cents"] = -5
    overdracht.save()
    aantal = Dossier.objects.count()
    with pytest.raises(verhuizing.OverdrachtFout, match="opgelegd_cents is geen bedrag"):
        verhuizing.accepteer(overdracht, actor=consulent_b)
    assert Dossier.objects.count() == aantal
