"""Involvement follows the placement: the school's organisation is involved from the
aanmelding, and no longer the day after the placement ended."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.partners.models import Betrokkenheid, Grond, Organisatiesoort
from inburgering.partners.toegang import dossiers_voor_organisatie
from inburgering.traject import services as traject
from tests.partners.factories import maak_organisatie
from tests.traject.factories import geplaatst, klaar_voor_plaatsing, maak_aanbieder, maak_contract

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(gemeente_a):
    aanbieder = maak_aanbieder("Taalschool De Brug")
    return maak_organisatie(Organisatiesoort.TAALAANBIEDER, gemeente_a, aanbieder=aanbieder)


def test_a_placement_involves_the_school_and_its_end_ends_it(gemeente_a, consulent_a, school):
    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a)
    contract = maak_contract(gemeente_a, school.aanbieder)
    vandaag = timezone.localdate()
    aangemeld = vandaag - dt.timedelta(days=30)
    plaatsing = geplaatst(dossier, contract, consulent_a, aangemeld_op=aangemeld)
    rij = Betrokkenheid.objects.get(dossier=dossier, organisatie=school)
    assert (rij.grond, rij.bron, rij.begin, rij.einde) == (
        Grond.PLAATSING,
        f"plaatsing:{plaatsing.pk}",
        aangemeld,
        None,
    )
    assert dossier in dossiers_voor_organisatie(school, vandaag)

    einde = vandaag - dt.timedelta(days=2)
    traject.wijzig_status(
        plaatsing, "geannuleerd", datum=einde, reden="Verhuisd", actor=consulent_a
    )
    rij.refresh_from_db()
    assert rij.einde == einde
    assert dossier in dossiers_voor_organisatie(school, einde)
    assert dossier not in dossiers_voor_organisatie(school, einde + dt.timedelta(days=1))
    assert dossier not in dossiers_voor_organisatie(school, vandaag)


def test_a_provider_without_a_partner_organisation_or_another_gemeente_involves_nobody(
    gemeente_a, gemeente_b, consulent_a
):
    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a)
    zonder = maak_contract(gemeente_a, maak_aanbieder("Zonder portaal"))
    geplaatst(dossier, zonder, consulent_a)
    elders = maak_aanbieder("Werkt elders")
    maak_organisatie(Organisatiesoort.TAALAANBIEDER, gemeente_b, aanbieder=elders)
    geplaatst(dossier, maak_contract(gemeente_a, elders), consulent_a)
    assert not Betrokkenheid.objects.filter(dossier=dossier).exists()


def test_a_failing_receiver_rolls_the_placement_back(gemeente_a, consulent_a, school):
    """The hook runs inside the placement's transaction: a receiver that raises leaves no
    placement (and no involvement) behind."""
    from inburgering.traject.haken import plaatsing_gewijzigd

    def weiger(**_kwargs):
        raise RuntimeError("geweigerd")

    plaatsing_gewijzigd.connect(weiger, dispatch_uid="test.weiger")
    try:
        dossier = klaar_voor_plaatsing(gemeente_a, consulent_a)
        with pytest.raises(RuntimeError):
            geplaatst(dossier, maak_contract(gemeente_a, school.aanbieder), consulent_a)
    finally:
        plaatsing_gewijzigd.disconnect(dispatch_uid="test.weiger")
    assert not dossier.plaatsingen.exists()
    assert not Betrokkenheid.objects.filter(dossier=dossier).exists()


def test_a_move_out_ends_every_involvement_on_the_day_of_the_move(
    gemeente_a, gemeente_b, consulent_a, school
):
    """The person moved to another gemeente: this gemeente's partners no longer need to know,
    whatever involved them (a running placement included), from the day after the move."""
    from inburgering.verhuizing.services import start_overdracht
    from tests.partners.factories import betrokken

    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a)
    vandaag = timezone.localdate()
    contract = maak_contract(gemeente_a, school.aanbieder)
    geplaatst(dossier, contract, consulent_a, aangemeld_op=vandaag - dt.timedelta(days=30))
    verhuisd = vandaag - dt.timedelta(days=3)
    later = betrokken(
        school, dossier, Grond.PARTICIPATIE, bron="test:2", begin=vandaag - dt.timedelta(days=1)
    )
    assert dossier in dossiers_voor_organisatie(school, vandaag)

    start_overdracht(dossier, naar_gemeente=gemeente_b, inschrijving=verhuisd, actor=consulent_a)

    rijen = {r.bron: r for r in Betrokkenheid.objects.filter(dossier=dossier)}
    assert rijen[later.bron].einde == later.begin  # began after the move: its first day only
    assert {r.einde for b, r in rijen.items() if b != later.bron} == {verhuisd}
    assert dossier in dossiers_voor_organisatie(school, verhuisd)
    assert dossier not in dossiers_voor_organisatie(school, vandaag)
