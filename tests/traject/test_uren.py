"""Hours: the consulent's entry and the provider's file (checks per row, all-or-nothing or
valid rows only), the figures on the Route tab and the total delivered to DUO."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from inburgering.koppelingen.models import UitgaandBericht
from inburgering.traject import services, uren
from inburgering.traject.models import Uren
from tests.conftest import maak_gebruiker
from tests.traject.factories import (
    geplaatst,
    klaar_voor_plaatsing,
    maak_aanbieder,
    maak_contract,
    maak_indeling,
    met_uren,
)

pytestmark = pytest.mark.django_db


def _maand(terug: int) -> dt.date:
    """The first day of the month `terug` months before this one."""
    d = timezone.localdate().replace(day=1)
    for _ in range(terug):
        d = (d - dt.timedelta(days=1)).replace(day=1)
    return d


@pytest.fixture
def aanbieder():
    return maak_aanbieder()


@pytest.fixture
def plaatsing(gemeente_a, consulent_a, aanbieder):
    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a, dagen_geleden=250)
    start = _maand(6)
    return geplaatst(
        dossier,
        maak_contract(gemeente_a, aanbieder),
        consulent_a,
        aangemeld_op=start,
        gestart_op=start,
    )


def test_entry_is_stored_and_the_total_goes_to_duo(plaatsing, consulent_a):
    met_uren(plaatsing, consulent_a, [(_maand(2), 48, 40), (_maand(1), 48, 44)])
    leveringen = UitgaandBericht.objects.filter(
        dossier=plaatsing.dossier, soort=UitgaandBericht.Soort.UREN_PARTICIPATIE_TAALLES
    ).order_by("pk")
    assert [lev.inhoud["uren"] for lev in leveringen] == [40, 84]
    assert leveringen.first().status == "vervangen"  # the newer total replaces the unsent one


@pytest.mark.parametrize(
    ("begin", "aangeboden", "aanwezig", "melding"),
    [
        (lambda: _maand(8), 10, 5, "valt buiten de plaatsing"),
        (lambda: _maand(0) + dt.timedelta(days=40), 10, 5, "toekomst"),
        (lambda: _maand(1), 300, 5, "60 uur per week"),
        (lambda: _maand(1), 10, 12, "meer uren aanwezig dan aangeboden"),
    ],
)
def test_entry_refuses_bad_periods(plaatsing, consulent_a, begin, aangeboden, aanwezig, melding):
    with pytest.raises(services.TrajectFout, match=melding):
        uren.registreer_uren(
            plaatsing,
            periodesoort="maand",
            periode_begin=begin(),
            aangeboden=Decimal(aangeboden),
            aanwezig=Decimal(aanwezig),
        )
    assert not Uren.objects.exists()


def test_a_week_may_hold_60_hours_not_more(plaatsing):
    maandag = _maand(1)
    uren.registreer_uren(
        plaatsing,
        periodesoort="week",
        periode_begin=maandag,
        aangeboden=Decimal(60),
        aanwezig=Decimal(60),
    )
    with pytest.raises(services.TrajectFout, match="60 uur"):
        uren.registreer_uren(
            plaatsing,
            periodesoort="week",
            periode_begin=maandag + dt.timedelta(days=7),
            aangeboden=Decimal("60.5"),
            aanwezig=Decimal(1),
        )


def test_a_period_twice_only_as_a_correction_and_the_newest_counts(plaatsing, consulent_a):
    met_uren(plaatsing, consulent_a, [(_maand(1), 40, 20)])
    with pytest.raises(services.TrajectFout, match="correctie"):
        met_uren(plaatsing, consulent_a, [(_maand(1), 40, 30)])
    uren.registreer_uren(
        plaatsing,
        periodesoort="maand",
        periode_begin=_maand(1),
        aangeboden=Decimal(40),
        aanwezig=Decimal(36),
        correctie=True,
    )
    geldend = uren.geldende_uren([plaatsing])[plaatsing.pk]
    assert [r.aanwezig for r in geldend] == [Decimal(36)]


def test_the_route_picture_shows_the_absence_signal(plaatsing, consulent_a, gemeente_a):
    vandaag = timezone.localdate()
    for i, aanwezig in enumerate([12, 12, 6, 6]):  # the last four weeks: 36 of 48 = 75%
        uren.registreer_uren(
            plaatsing,
            periodesoort="week",
            periode_begin=vandaag - dt.timedelta(days=27 - 7 * i),
            aangeboden=Decimal(12),
            aanwezig=Decimal(aanwezig),
        )
    beeld = uren.routebeeld(plaatsing.dossier, vandaag)
    assert beeld.verzuimsignaal
    assert beeld.plaatsingen[0].aanwezigheid.waarde == Decimal("75.0")
    assert beeld.nt2.waarde.uren == Decimal(36)
    assert not beeld.geen_uren_deze_periode
    services.zet_aanwezigheidsnorm(gemeente_a, 75)
    assert not uren.routebeeld(plaatsing.dossier, vandaag).verzuimsignaal


def test_no_hours_this_period_is_signalled(plaatsing, consulent_a):
    met_uren(plaatsing, consulent_a, [(_maand(2), 48, 46)])
    assert uren.routebeeld(plaatsing.dossier, timezone.localdate()).geen_uren_deze_periode


# --- the provider's file -----------------------------------------------------------------------


def _csv(*regels) -> bytes:
    kop = "BSN;Van;Tot;Aangeboden;Aanwezig;Correctie"
    return "\n".join([kop, *(";".join(map(str, r)) for r in regels)]).encode()


def _eind(begin: dt.date) -> dt.date:
    return uren.periode("maand", begin)[1]


def test_a_file_with_an_error_row_stores_nothing(plaatsing, aanbieder, consulent_a):
    indeling = maak_indeling(aanbieder)
    bsn = plaatsing.dossier.inburgeraar.bsn
    goed, fout = _maand(1), _maand(2)
    inhoud = _csv(
        (bsn, f"{goed:%d-%m-%Y}", f"{_eind(goed):%d-%m-%Y}", 40, "38,5", ""),
        (bsn, fout.isoformat(), _eind(fout).isoformat(), 40, -2, ""),
        ("123456782", goed.isoformat(), _eind(goed).isoformat(), 40, 30, ""),
        (bsn, goed.isoformat(), _eind(goed).isoformat(), 40, 30, ""),
    )
    verslag = uren.verwerk_bestand(inhoud, "maart.csv", indeling, consulent_a)
    assert verslag.opgeslagen == 0 and not Uren.objects.exists()
    fouten = {r.nummer: " ".join(r.fouten) for r in verslag.ongeldig}
    assert set(fouten) == {3, 4, 5}
    assert "negatief" in fouten[3]
    assert "niet geplaatst bij Taalhuis Voorbeeld" in fouten[4]
    assert "al eerder in het bestand" in fouten[5]
    verslag = uren.verwerk_bestand(inhoud, "maart.csv", indeling, consulent_a, alleen_geldige=True)
    assert verslag.opgeslagen == 1
    assert Uren.objects.get().aanwezig == Decimal("38.5")
    assert UitgaandBericht.objects.filter(
        soort=UitgaandBericht.Soort.UREN_PARTICIPATIE_TAALLES, inhoud__uren=38
    ).exists()


def test_a_period_already_stored_needs_the_correction_column(plaatsing, aanbieder, consulent_a):
    indeling = maak_indeling(aanbieder)
    met_uren(plaatsing, consulent_a, [(_maand(1), 40, 20)])
    bsn, begin = plaatsing.dossier.inburgeraar.bsn, _maand(1)
    regel = (bsn, begin.isoformat(), _eind(begin).isoformat(), 40, 30)
    verslag = uren.verwerk_bestand(_csv((*regel, "")), "x.csv", indeling, consulent_a)
    assert "correctie" in verslag.ongeldig[0].fouten[0]
    verslag = uren.verwerk_bestand(_csv((*regel, "ja")), "x.csv", indeling, consulent_a)
    assert verslag.opgeslagen == 1


def test_a_person_of_another_gemeente_reads_as_not_placed(gemeente_b, aanbieder, plaatsing):
    """The provider's file names a person placed in gemeente A; a user of gemeente B learns
    nothing about them."""
    indeling = maak_indeling(aanbieder)
    bob = maak_gebruiker("bob_uren", "consulent", gemeente_b)
    begin = _maand(1)
    inhoud = _csv(
        (plaatsing.dossier.inburgeraar.bsn, begin.isoformat(), _eind(begin).isoformat(), 10, 5, "")
    )
    verslag = uren.verwerk_bestand(inhoud, "x.csv", indeling, bob)
    assert "niet geplaatst" in verslag.ongeldig[0].fouten[0]


def test_file_errors(plaatsing, aanbieder, consulent_a):
    indeling = maak_indeling(aanbieder)
    assert (
        "Onbekende bestandsindeling"
        in uren.verwerk_bestand(_csv(), "x.csv", None, consulent_a).bestandsfouten[0]
    )
    anders = b"Persoon;Van;Tot\n1;2;3"
    assert (
        "ontbreken"
        in uren.verwerk_bestand(anders, "x.csv", indeling, consulent_a).bestandsfouten[0]
    )
    assert (
        "geen rijen"
        in uren.verwerk_bestand(_csv(), "x.csv", indeling, consulent_a).bestandsfouten[0]
    )
    assert (
        "leesbaar"
        in uren.verwerk_bestand(
            b"PK\x03\x04rommel", "x.xlsx", indeling, consulent_a
        ).bestandsfouten[0]
    )


def test_a_week_row_in_a_month_layout_is_refused(plaatsing, aanbieder, consulent_a):
    indeling = maak_indeling(aanbieder)
    begin = _maand(1)
    inhoud = _csv(
        (
            plaatsing.dossier.inburgeraar.bsn,
            begin.isoformat(),
            (begin + dt.timedelta(days=6)).isoformat(),
            10,
            5,
            "",
        )
    )
    verslag = uren.verwerk_bestand(inhoud, "x.csv", indeling, consulent_a)
    assert "geen maand" in verslag.ongeldig[0].fouten[0]


def test_an_xlsx_file_is_read(plaatsing, aanbieder, consulent_a):
    from openpyxl import Workbook

    indeling = maak_indeling(aanbieder)
    boek = Workbook()
    blad = boek.active
    blad.append(["BSN", "Van", "Tot", "Aangeboden", "Aanwezig", "Correctie"])
    begin = _maand(1)
    blad.append([plaatsing.dossier.inburgeraar.bsn, begin, _eind(begin), 40, 32, None])
    buffer = io.BytesIO()
    boek.save(buffer)
    verslag = uren.verwerk_bestand(buffer.getvalue(), "uren.xlsx", indeling, consulent_a)
    assert verslag.opgeslagen == 1, verslag.ongeldig and verslag.ongeldig[0].fouten
