"""Attendance, the absence signal, waiting time, the 600 NT2 hours and Z-route progress:
thresholds and boundaries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from inburgering import wet
from inburgering.wet import Doelgroep, Urenperiode


def _maand(jaar, maand, aangeboden, aanwezig):
    import calendar

    laatste = calendar.monthrange(jaar, maand)[1]
    return Urenperiode(date(jaar, maand, 1), date(jaar, maand, laatste), aangeboden, aanwezig)


def test_attendance_percentage_rounds_half_up_to_one_decimal():
    u = wet.aanwezigheidspercentage([_maand(2025, 1, 30, 20), _maand(2025, 2, 30, 20)])
    assert u.waarde == Decimal("66.7")
    assert "40 van 60" in u.uitleg


def test_attendance_without_offered_hours_is_none():
    assert wet.aanwezigheidspercentage([]).waarde is None
    assert wet.aanwezigheidspercentage([_maand(2025, 1, 0, 0)]).waarde is None


def test_negative_hours_are_refused():
    with pytest.raises(ValueError):
        wet.aanwezigheidspercentage([_maand(2025, 1, 10, -1)])


def _week(begin, aangeboden, aanwezig):
    return Urenperiode(begin, begin + timedelta(days=6), aangeboden, aanwezig)


@pytest.mark.parametrize(
    ("aanwezig", "signaal"),
    [(Decimal("31.9"), True), (32, False), (40, False)],
)
def test_absence_signal_boundary_at_the_norm(aanwezig, signaal):
    """80% of 40 hours is 32: exactly at the norm is no signal, just below is."""
    peil = date(2025, 3, 28)
    weken = [_week(peil - timedelta(days=27 - 7 * i), 10, Decimal(aanwezig) / 4) for i in range(4)]
    assert wet.verzuimsignaal(weken, peildatum=peil).waarde is signaal


def test_absence_signal_only_counts_the_last_four_weeks():
    peil = date(2025, 3, 28)
    oud = _week(peil - timedelta(days=35), 10, 0)  # ended before the window
    recent = _week(peil - timedelta(days=6), 10, 10)
    assert wet.verzuimsignaal([oud, recent], peildatum=peil).waarde is False
    assert wet.verzuimsignaal([oud], peildatum=peil).waarde is False  # nothing offered in window


def test_absence_signal_prorates_a_month_over_the_window():
    """Peildatum 14 March: the window is 15 Feb – 14 Mar. February (28 days, 14 in the window)
    counts half: 20 offered, 20 attended; March 14 of 31 days: 20 offered, 0 attended → 50%."""
    feb = _maand(2025, 2, 40, 40)
    maart = Urenperiode(date(2025, 3, 1), date(2025, 3, 31), Decimal(31 * 20) / 14, 0)
    u = wet.verzuimsignaal([feb, maart], peildatum=date(2025, 3, 14))
    assert u.waarde is True
    assert "50.0%" in u.uitleg


def test_absence_norm_is_a_setting():
    peil = date(2025, 3, 28)
    weken = [_week(peil - timedelta(days=6), 10, 7)]
    assert wet.verzuimsignaal(weken, peildatum=peil, norm_procent=80).waarde is True
    assert wet.verzuimsignaal(weken, peildatum=peil, norm_procent=70).waarde is False
    with pytest.raises(ValueError):
        wet.verzuimsignaal(weken, peildatum=peil, norm_procent=0)


@pytest.mark.parametrize(("dagen", "boven"), [(42, False), (43, True)])
def test_waiting_time_over_the_norm_is_strictly_more_than_the_weeks(dagen, boven):
    begin = date(2025, 1, 6)
    u = wet.wachttijd(
        aangemeld=begin, gestart=None, peildatum=begin + timedelta(days=dagen), norm_weken=6
    )
    assert u.waarde.dagen == dagen
    assert u.waarde.boven_norm is boven


def test_waiting_time_stops_at_the_start():
    begin = date(2025, 1, 6)
    u = wet.wachttijd(aangemeld=begin, gestart=begin + timedelta(days=10),
                      peildatum=begin + timedelta(days=400), norm_weken=2)  # fmt: skip
    assert u.waarde.dagen == 10
    assert u.waarde.boven_norm is False


@pytest.mark.parametrize(("uren", "bereikt"), [(Decimal("599.99"), False), (600, True)])
def test_600_nt2_hours_threshold(uren, bereikt):
    u = wet.nt2_urenstand(uren)
    assert u.waarde.bereikt is bereikt
    assert str(u.grondslagen[0]).endswith("art. 5.5 lid 1")


def test_nt2_hours_of_the_brede_intake_count():
    assert wet.nt2_urenstand(550, 50).waarde.bereikt is True


def test_zroute_progress_for_asylum_status_holders_deducts_map_and_pvt():
    u = wet.zroute_voortgang(
        doelgroep=Doelgroep.ASIELSTATUSHOUDER, cursusuren=800, participatie_uren=700,
        map_uren=40, pvt_uren=60,
    )  # fmt: skip
    assert u.waarde.participatienorm == Decimal(700)
    assert u.waarde.cursus_voldaan and u.waarde.participatie_voldaan
    onder = wet.zroute_voortgang(
        doelgroep=Doelgroep.ASIELSTATUSHOUDER, cursusuren=Decimal("799.5"), participatie_uren=0
    )
    assert not onder.waarde.cursus_voldaan and not onder.waarde.participatie_voldaan


def test_zroute_progress_for_family_migrants_has_no_participation_norm():
    u = wet.zroute_voortgang(
        doelgroep=Doelgroep.GEZINSMIGRANT_OVERIG, cursusuren=800, participatie_uren=0
    )
    assert u.waarde.participatienorm is None
    assert u.waarde.participatie_voldaan
    assert "participatie" not in u.uitleg
