"""A move out of the gemeente ends the running placements (traject/services.py,
`beeindig_bij_verhuizing`): the old gemeente's contract no longer pays, the new gemeente
places the person under its own. Neither a dropout nor a cancellation, so the monitoring's
dropout figures do not count it."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.models import Bron
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.traject import services
from inburgering.traject.forms import StatusForm
from inburgering.traject.models import PlaatsingStatus
from inburgering.verhuizing.services import start_overdracht
from tests.traject.factories import geplaatst, klaar_voor_plaatsing, maak_aanbieder, maak_contract

pytestmark = pytest.mark.django_db
S = PlaatsingStatus


def _plaatsingen(gemeente, consulent):
    """A finished placement, a started one and one waiting for its start."""
    vandaag = timezone.localdate()
    dossier = klaar_voor_plaatsing(gemeente, consulent)
    contract = maak_contract(gemeente, maak_aanbieder("Taalschool De Brug"))
    ander = maak_contract(gemeente, maak_aanbieder("Taalhuis Oost", instellingsnummer="0000054321"))
    klaar = geplaatst(
        dossier,
        ander,
        consulent,
        aangemeld_op=vandaag - dt.timedelta(days=100),
        gestart_op=vandaag - dt.timedelta(days=90),
    )
    klaar = services.wijzig_status(
        klaar, S.AFGEROND, datum=vandaag - dt.timedelta(days=40), actor=consulent
    )
    gestart = geplaatst(
        dossier,
        contract,
        consulent,
        aangemeld_op=vandaag - dt.timedelta(days=30),
        gestart_op=vandaag - dt.timedelta(days=20),
    )
    wacht = geplaatst(dossier, ander, consulent, aangemeld_op=vandaag - dt.timedelta(days=2))
    return dossier, klaar, gestart, wacht


def test_the_transfer_ends_every_running_placement_on_the_day_of_the_move(
    gemeente_a, gemeente_b, consulent_a
):
    dossier, klaar, gestart, wacht = _plaatsingen(gemeente_a, consulent_a)
    verhuisd = timezone.localdate() - dt.timedelta(days=5)

    start_overdracht(dossier, naar_gemeente=gemeente_b, inschrijving=verhuisd, actor=consulent_a)

    for p in (klaar, gestart, wacht):
        p.refresh_from_db()
    assert (klaar.status, klaar.beeindigd_op) == (S.AFGEROND, verhuisd - dt.timedelta(days=35))
    assert (gestart.status, gestart.beeindigd_op) == (S.VERHUISD, verhuisd)
    # Registered after the day of the move (the move was recorded late): ends on its first day.
    assert (wacht.status, wacht.beeindigd_op) == (S.VERHUISD, wacht.aangemeld_op)
    stappen = [
        e.gegevens
        for e in dossier.events.filter(soort=Soort.PLAATSING).order_by("pk")
        if e.gegevens["status"] == S.VERHUISD
    ]
    assert [s["plaatsing"] for s in stappen] == [gestart.pk, wacht.pk]
    assert not services.plaatsingen_van(dossier).filter(status__in=[S.AANGEMELD, S.GESTART])


def test_duos_report_of_the_move_ends_them_too_and_a_later_fact_changes_nothing(
    gemeente_a, consulent_a
):
    """DUO's SS120/SS121 closes the old dossier with the same event (koppelingen/duo)."""
    dossier, _klaar, gestart, wacht = _plaatsingen(gemeente_a, consulent_a)
    vandaag = timezone.localdate()
    registreer(
        dossier,
        Soort.DOSSIER_AFGESLOTEN,
        vandaag,
        bron=Bron.DUO,
        gegevens={"reden": Afsluitreden.VERHUISD},
    )
    gestart.refresh_from_db()
    wacht.refresh_from_db()
    assert (gestart.status, gestart.beeindigd_op) == (S.VERHUISD, vandaag)
    assert wacht.status == S.VERHUISD
    aantal = dossier.events.count()

    registreer(dossier, Soort.NOTITIE, vandaag, gegevens={}, toelichting="Na de verhuizing")
    assert dossier.events.count() == aantal + 1  # the note only


def test_another_closing_reason_leaves_the_placements_to_the_consulent(gemeente_a, consulent_a):
    dossier, _klaar, gestart, _wacht = _plaatsingen(gemeente_a, consulent_a)
    registreer(
        dossier,
        Soort.DOSSIER_AFGESLOTEN,
        timezone.localdate(),
        gegevens={"reden": Afsluitreden.VERTROKKEN},
    )
    gestart.refresh_from_db()
    assert gestart.status == S.GESTART


def test_the_consulent_cannot_choose_verhuisd_by_hand():
    keuzes = {waarde for waarde, _label in StatusForm().fields["status"].choices}
    assert S.VERHUISD not in keuzes
    assert {S.INTAKE, S.GESTART, S.AFGEROND, S.UITGEVALLEN, S.GEANNULEERD} <= keuzes


def test_rebuilding_the_projection_of_a_moved_dossier_changes_no_placement(
    gemeente_a, gemeente_b, consulent_a
):
    """`herbereken` sends the signal without new events: nothing ends twice, nothing fails."""
    from inburgering.dossiers.services import herbereken

    dossier, _klaar, gestart, _wacht = _plaatsingen(gemeente_a, consulent_a)
    verhuisd = timezone.localdate() - dt.timedelta(days=1)
    start_overdracht(dossier, naar_gemeente=gemeente_b, inschrijving=verhuisd, actor=consulent_a)
    aantal = dossier.events.count()
    herbereken(dossier)
    gestart.refresh_from_db()
    assert (gestart.status, gestart.beeindigd_op) == (S.VERHUISD, verhuisd)
    assert dossier.events.count() == aantal
