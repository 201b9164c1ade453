"""Recording events through the service: validation, atomicity, append-only, projection."""

import datetime as dt

import pytest

from inburgering.dossiers.models import Dossier, DossierEvent, Inburgeraar
from inburgering.dossiers.services import herbereken, projectie, registreer, wijs_consulent_toe
from inburgering.dossiers.toestand import OngeldigeGebeurtenis, bereken_toestand
from inburgering.dossiers.workflow import Fase, Soort
from tests.conftest import maak_dossier, maak_persoon

pytestmark = pytest.mark.django_db


def test_opening_a_dossier_records_signal_doelgroep_and_consulent(dossier_a, consulent_a):
    soorten = list(dossier_a.events.values_list("soort", flat=True))
    assert soorten == [
        Soort.SIGNAAL_ONTVANGEN,
        Soort.DOELGROEP_VASTGESTELD,
        Soort.CONSULENT_TOEGEWEZEN,
    ]
    assert dossier_a.fase == Fase.GESIGNALEERD
    assert dossier_a.consulent == consulent_a


def test_projection_follows_each_event_and_equals_the_fold(dossier_a, consulent_a, vandaag):
    registreer(dossier_a, Soort.HUISVESTING, vandaag - dt.timedelta(days=10), actor=consulent_a)
    registreer(dossier_a, Soort.INTAKE_GESTART, vandaag - dt.timedelta(days=5), actor=consulent_a)
    dossier_a.refresh_from_db()
    assert dossier_a.fase == Fase.BREDE_INTAKE
    verwacht = projectie(bereken_toestand(dossier_a.events.all()))
    assert {veld: getattr(dossier_a, veld) for veld in verwacht} == verwacht


def test_pip_deadline_is_ten_weeks_after_kennisgeving_and_cleared_by_the_pip(
    gemeente_a, consulent_a
):
    kennisgeving = dt.date(2025, 6, 2)
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, kennisgeving=kennisgeving)
    assert dossier.pip_deadline >= kennisgeving + dt.timedelta(weeks=10) - dt.timedelta(days=1)
    assert dossier.pip_deadline <= kennisgeving + dt.timedelta(weeks=10) + dt.timedelta(days=3)
    for soort, datum in [
        (Soort.INTAKE_GESTART, dt.date(2025, 6, 10)),
        (Soort.INTAKE_AFGEROND, dt.date(2025, 7, 1)),
    ]:
        registreer(dossier, soort, datum)
    registreer(dossier, Soort.PIP_VASTGESTELD, dt.date(2025, 7, 20), gegevens={"leerroute": "b1"})
    assert dossier.pip_deadline is None
    assert dossier.pip_dagtekening == dt.date(2025, 7, 20)


def test_asylum_housing_after_kennisgeving_moves_the_pip_deadline(gemeente_a):
    dossier = maak_dossier(gemeente_a, kennisgeving=dt.date(2025, 3, 3))
    registreer(dossier, Soort.COA_KOPPELING, dt.date(2025, 2, 1), gegevens={"azc": "Budel"})
    zonder_woning = dossier.pip_deadline
    registreer(dossier, Soort.HUISVESTING, dt.date(2025, 5, 5))
    assert zonder_woning is None  # the clock waits for the BRP registration
    assert dossier.pip_deadline > dt.date(2025, 5, 5) + dt.timedelta(weeks=9)


def test_an_event_against_the_table_is_refused_and_nothing_is_saved(dossier_a):
    aantal = DossierEvent.objects.count()
    with pytest.raises(OngeldigeGebeurtenis):
        registreer(dossier_a, Soort.PIP_VASTGESTELD, dossier_a.kennisgeving_datum)
    assert DossierEvent.objects.count() == aantal
    dossier_a.refresh_from_db()
    assert dossier_a.fase == Fase.GESIGNALEERD


def test_future_dates_are_refused(dossier_a, vandaag):
    with pytest.raises(OngeldigeGebeurtenis, match="toekomst"):
        registreer(dossier_a, Soort.HUISVESTING, vandaag + dt.timedelta(days=1))


def test_events_are_append_only(dossier_a):
    event = dossier_a.events.first()
    event.toelichting = "gewijzigd"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        DossierEvent.objects.filter(pk=event.pk).update(toelichting="x")
    with pytest.raises(TypeError):
        DossierEvent.objects.filter(pk=event.pk).delete()


def test_a_correction_replaces_the_date_and_keeps_the_original(dossier_a, vandaag):
    fout = registreer(dossier_a, Soort.HUISVESTING, vandaag - dt.timedelta(days=3))
    registreer(dossier_a, Soort.HUISVESTING, vandaag - dt.timedelta(days=8), corrigeert=fout)
    assert dossier_a.brp_inschrijving_datum == vandaag - dt.timedelta(days=8)
    assert DossierEvent.objects.filter(pk=fout.pk).exists()
    with pytest.raises(OngeldigeGebeurtenis, match="al eerder gecorrigeerd"):
        registreer(dossier_a, Soort.HUISVESTING, vandaag, corrigeert=fout)


def test_a_correction_must_have_the_same_type(dossier_a, vandaag):
    fout = registreer(dossier_a, Soort.HUISVESTING, vandaag - dt.timedelta(days=3))
    with pytest.raises(OngeldigeGebeurtenis, match="dezelfde soort"):
        registreer(dossier_a, Soort.CONTACT, vandaag, corrigeert=fout)


def test_a_person_has_at_most_one_open_dossier_in_a_gemeente(dossier_a, gemeente_a, gemeente_b):
    from inburgering.dossiers.models import Regime
    from inburgering.dossiers.services import NieuwDossier, open_dossier

    def nieuw(gemeente):
        return NieuwDossier(
            gemeente, Regime.WI2021, "asielstatushouder", Soort.SIGNAAL_ONTVANGEN,
            dt.date(2025, 1, 1), {},
        )  # fmt: skip

    aantal = Dossier.objects.count()
    with pytest.raises(OngeldigeGebeurtenis, match="lopend dossier"):
        open_dossier(dossier_a.inburgeraar, nieuw(gemeente_a), actor=None)
    # A person record belongs to its gemeente: another gemeente never builds on it.
    with pytest.raises(ValueError, match="één gemeente"):
        open_dossier(dossier_a.inburgeraar, nieuw(gemeente_b), actor=None)
    assert Dossier.objects.count() == aantal


def test_a_failed_first_event_leaves_no_person_and_no_dossier(gemeente_a, vandaag):
    from inburgering.dossiers.models import Regime
    from inburgering.dossiers.services import NieuwDossier, open_dossier

    with pytest.raises(OngeldigeGebeurtenis):
        open_dossier(
            maak_persoon(),
            NieuwDossier(
                gemeente_a, Regime.WI2021, "asielstatushouder", Soort.PIP_VASTGESTELD, vandaag, {}
            ),
            actor=None,
        )
    assert not Inburgeraar.objects.exists()
    assert not Dossier.objects.exists()


def test_a_consulent_of_another_gemeente_cannot_be_assigned(dossier_a, consulent_b, vandaag):
    with pytest.raises(OngeldigeGebeurtenis, match="werkt niet voor"):
        wijs_consulent_toe(dossier_a, consulent_b, vandaag, actor=None)


def test_rebuilding_the_projection_restores_tampered_columns(dossier_a):
    Dossier.objects.filter(pk=dossier_a.pk).update(fase=Fase.IN_LEERROUTE, pip_deadline=None)
    herbereken(dossier_a)
    dossier_a.refresh_from_db()
    assert dossier_a.fase == Fase.GESIGNALEERD
    assert dossier_a.pip_deadline is not None


def test_a_move_with_a_pip_of_the_old_gemeente_gives_ten_weeks_from_registration(gemeente_b):
    from inburgering.dossiers.models import Regime
    from inburgering.dossiers.services import NieuwDossier, open_dossier

    dossier = open_dossier(
        maak_persoon(),
        NieuwDossier(
            gemeente_b,
            Regime.WI2021,
            "asielstatushouder",
            Soort.VESTIGING_NA_VERHUIZING,
            dt.date(2025, 9, 1),
            {"pip_vorige_gemeente": True, "leerroute": "b1"},
        ),
        actor=None,
    )
    assert dossier.fase == Fase.GEHUISVEST
    assert dossier.leerroute == "b1"
    assert dossier.pip_deadline == dt.date(2025, 11, 10)  # 1 Sept + 70 days


def test_duo_termijn_dates_are_kept_next_to_ours(dossier_a):
    registreer(
        dossier_a,
        Soort.TERMIJN_DUO,
        dossier_a.kennisgeving_datum,
        gegevens={"start": "2025-03-04", "einde": "2028-03-03"},
    )
    toestand = bereken_toestand(dossier_a.events.all())
    assert (toestand.termijn_duo_start, toestand.termijn_duo_einde) == (
        dt.date(2025, 3, 4),
        dt.date(2028, 3, 3),
    )
