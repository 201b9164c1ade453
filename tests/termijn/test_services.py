"""The termijn services on recorded data: the extension window (day before / of / after), DUO's
decisions, the advice task, closing at the end of the termijn and the worklist filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from inburgering import wet
from inburgering.dossiers.models import DossierEvent
from inburgering.dossiers.workflow import Afsluitreden, Fase, Soort
from inburgering.koppelingen.duo.handlers import toegekende_onderdelen
from inburgering.termijn import services
from inburgering.termijn.keuzes import Advies, Besluituitkomst, Verlengingsgrond
from inburgering.traject.models import Productsoort
from inburgering.werkvoorraad import services as werkvoorraad
from inburgering.wet.kalender import plus_maanden
from tests.termijn.factories import (
    UREN_VOL,
    besluit_duo,
    dagtekening_voor_einde,
    examen,
    met_pip,
    plaatsing_afgerond,
    signaal_duo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def einde():
    """A termijn that ended 40 days ago: every date of its window lies in the past."""
    return timezone.localdate() - dt.timedelta(days=40)


def _dossier(gemeente, consulent, einde, **velden):
    return met_pip(gemeente, consulent, dagtekening_voor_einde(einde), **velden)


def test_termijn_einde_en_venster_uit_het_pip(gemeente_a, consulent_a, einde):
    dossier = _dossier(gemeente_a, consulent_a, einde)
    beeld = services.beeld(dossier, einde - dt.timedelta(days=10))
    assert beeld.einde == einde
    assert beeld.venster.waarde.vroegst == plus_maanden(einde + dt.timedelta(days=1), -6)
    assert beeld.venster_open
    assert not beeld.verstreken and beeld.binnen_kort


@pytest.mark.parametrize(
    ("verschuiving", "toegestaan"),
    [("dag_voor_venster", False), ("eerste_dag", True), ("laatste_dag", True), ("dag_na", False)],
)
def test_aanvraag_alleen_binnen_het_venster(
    gemeente_a, consulent_a, einde, verschuiving, toegestaan
):
    dossier = _dossier(gemeente_a, consulent_a, einde)
    vroegst = plus_maanden(einde + dt.timedelta(days=1), -6)
    datum = {
        "dag_voor_venster": vroegst - dt.timedelta(days=1),
        "eerste_dag": vroegst,
        "laatste_dag": einde,
        "dag_na": einde + dt.timedelta(days=1),
    }[verschuiving]
    aanvraag = lambda: services.vraag_verlenging_aan(  # noqa: E731
        dossier, datum=datum, grond=Verlengingsgrond.GEEN_VERWIJT, actor=consulent_a,
        aanbod_niet_geleverd=True,
    )  # fmt: skip
    if toegestaan:
        event = aanvraag()
        assert event.gegevens["termijn_einde"] == einde.isoformat()
        assert event.gegevens["aanbod_niet_geleverd"] is True
        beeld = services.beeld(dossier, datum)
        assert beeld.aanvraag_lopend
        assert beeld.geen_verwijt.waarde.melden_aan_duo  # asielstatushouder, aanbod not delivered
    else:
        with pytest.raises(services.TermijnFout, match=r"BWBR0045555 art\. 4\.5 lid 1"):
            aanvraag()
        assert not DossierEvent.objects.filter(
            dossier=dossier, soort=Soort.VERLENGING_AANGEVRAAGD
        ).exists()


def test_geen_verwijt_vraagt_een_grond(gemeente_a, consulent_a, einde):
    dossier = _dossier(gemeente_a, consulent_a, einde)
    with pytest.raises(services.TermijnFout, match="niet verwijtbaar"):
        services.vraag_verlenging_aan(
            dossier, datum=einde, grond=Verlengingsgrond.GEEN_VERWIJT, actor=consulent_a
        )


def test_besluit_op_aanvraag_verlengt_de_termijn(gemeente_a, consulent_a, einde):
    dossier = _dossier(gemeente_a, consulent_a, einde)
    with pytest.raises(services.TermijnFout, match="geen aanvraag"):
        services.registreer_verlengingsbesluit(
            dossier, datum=einde, uitkomst=Besluituitkomst.TOEGEKEND, maanden=6, actor=consulent_a
        )
    services.vraag_verlenging_aan(
        dossier, datum=einde - dt.timedelta(days=30), grond=Verlengingsgrond.INSPANNINGEN,
        actor=consulent_a,
    )  # fmt: skip
    services.registreer_verlengingsbesluit(
        dossier, datum=einde - dt.timedelta(days=5), uitkomst=Besluituitkomst.TOEGEKEND,
        maanden=6, actor=consulent_a,
    )  # fmt: skip
    beeld = services.beeld(dossier, einde)
    assert beeld.einde == plus_maanden(einde + dt.timedelta(days=1), 6) - dt.timedelta(days=1)
    assert not beeld.aanvraag_lopend and not beeld.verstreken
    assert [b.toegekend for b in beeld.besluiten] == [True]


def test_ambtshalve_besluit_niet_voor_het_venster(gemeente_a, consulent_a, einde):
    dossier = _dossier(gemeente_a, consulent_a, einde)
    vroegst = plus_maanden(einde + dt.timedelta(days=1), -6)
    with pytest.raises(services.TermijnFout, match=r"art\. 4\.5 lid 2"):
        services.registreer_verlengingsbesluit(
            dossier, datum=vroegst - dt.timedelta(days=1), uitkomst=Besluituitkomst.TOEGEKEND,
            maanden=3, ambtshalve=True, actor=consulent_a,
        )  # fmt: skip
    services.registreer_verlengingsbesluit(
        dossier, datum=vroegst, uitkomst=Besluituitkomst.TOEGEKEND, maanden=3, ambtshalve=True,
        actor=consulent_a,
    )  # fmt: skip
    assert services.beeld(dossier, vroegst).einde == plus_maanden(
        einde + dt.timedelta(days=1), 3
    ) - dt.timedelta(days=1)


def test_gedeeltelijke_ontheffing_haalt_onderdeel_uit_open_punten(gemeente_a, consulent_a, einde):
    dossier = _dossier(gemeente_a, consulent_a, einde)
    peil = einde - dt.timedelta(days=20)
    voor = services.beeld(dossier, peil)
    assert "SP" in voor.open_onderdelen
    besluit_duo(dossier, "SS118", peil - dt.timedelta(days=30))  # ontheffing afgewezen
    besluit_duo(dossier, "SS119", peil - dt.timedelta(days=10), onderdelen=["SP"])
    na = services.beeld(dossier, peil)
    assert "SP" not in na.open_onderdelen
    assert set(voor.open_onderdelen) - set(na.open_onderdelen) == {"SP"}
    assert [(b.gebeurtenis, b.toegekend) for b in na.besluiten] == [
        ("SS118", False),
        ("SS119", True),
    ]
    assert not any("SP" in o for o in na.open_punten)


def test_toegekende_onderdelen_uit_duos_antwoord():
    antwoord = [
        {"GedeeltelijkeOntheffing": {"oordeel": "Toekenning", "examenonderdeel": "SP"}},
        {"GedeeltelijkeOntheffing": {"oordeel": "Afwijzing", "examenonderdeel": "LE"}},
        {"GeheleOntheffing": {"oordeel": "Afwijzing"}},
    ]
    assert toegekende_onderdelen(antwoord, "GedeeltelijkeOntheffing") == ["SP"]


def test_inspanningen_uit_geregistreerde_uren_examens_pvt_en_map(gemeente_a, consulent_a, einde):
    dossier = _dossier(gemeente_a, consulent_a, einde)
    peil = timezone.localdate()
    beeld = services.beeld(dossier, peil)
    assert not beeld.inspanningen.waarde.voldaan
    assert len(beeld.inspanningen.waarde.ontbrekend) >= 4
    plaatsing_afgerond(dossier, consulent_a, Productsoort.B1_ROUTE, uren=UREN_VOL, afgerond=False)
    plaatsing_afgerond(dossier, consulent_a, Productsoort.PVT)
    plaatsing_afgerond(dossier, consulent_a, Productsoort.MAP)
    for onderdeel in ("LE", "LU", "KNM"):
        examen(dossier, onderdeel, einde - dt.timedelta(days=100))
    beeld = services.beeld(dossier, peil)
    assert beeld.uren_taalles > 0 and beeld.alle_lessen_gevolgd
    assert beeld.pvt_afgerond and beeld.map_afgerond
    assert beeld.inspanningen.waarde.voldaan, beeld.inspanningen.uitleg
    assert beeld.open_onderdelen == ["SC", "SP"]
    assert not beeld.boete_art24.waarde.boete  # PVT and MAP completed
    assert beeld.boete_art25.waarde.boete and beeld.boete_art25.waarde.bedrag_cents == 100_000


def test_boeterisico_zonder_pvt_en_map(gemeente_a, consulent_a, einde):
    dossier = _dossier(gemeente_a, consulent_a, einde)
    beeld = services.beeld(dossier, timezone.localdate())
    assert beeld.boete_art24.waarde.boete and beeld.boete_art24.waarde.bedrag_cents == 34_000
    assert beeld.boete_cents == 134_000


def test_adviesverzoek_wordt_taak_en_advies_gaat_terug(gemeente_a, consulent_a, einde):
    dossier = _dossier(gemeente_a, consulent_a, einde)
    vandaag = timezone.localdate()
    verzoek = signaal_duo(dossier, "SS140", vandaag - dt.timedelta(days=40))
    signaal = next(
        s for s in werkvoorraad.signalen(consulent_a, vandaag) if s.sleutel == f"event:{verzoek.pk}"
    )
    assert signaal.uiterlijk == wet.ontheffing_advies_uiterlijk(verzoek.datum).waarde
    assert verzoek.datum + dt.timedelta(weeks=4) <= signaal.uiterlijk  # the Atw may move it on
    assert signaal.verlopen  # 40 days ago + 4 weeks (+ at most 3 Atw days) lies before today
    assert "/termijn/" in signaal.url
    with pytest.raises(services.TermijnFout, match="Motiveer"):
        services.registreer_advies(
            dossier, signaal=verzoek.pk, advies=Advies.POSITIEF, datum=vandaag, actor=consulent_a
        )
    advies = services.registreer_advies(
        dossier, signaal=verzoek.pk, advies=Advies.POSITIEF, datum=vandaag, actor=consulent_a,
        toelichting="Zeer schrijnende situatie na ernstig ongeval.",
    )  # fmt: skip
    assert advies.gegevens["terug_naar_duo"] is True
    assert not any(
        s.sleutel == f"event:{verzoek.pk}" for s in werkvoorraad.signalen(consulent_a, vandaag)
    )
    assert not services.beeld(dossier, vandaag).adviezen_open
    with pytest.raises(services.TermijnFout, match="al advies"):
        services.registreer_advies(
            dossier, signaal=verzoek.pk, advies=Advies.NEGATIEF, datum=vandaag,
            actor=consulent_a, toelichting="nogmaals",
        )  # fmt: skip


def test_afsluiten_pas_na_het_einde_met_eindstand(gemeente_a, consulent_a, einde):
    dossier = _dossier(gemeente_a, consulent_a, einde)
    with pytest.raises(services.TermijnFout, match="nog niet verstreken"):
        services.sluit_af(dossier, datum=einde, actor=consulent_a)
    services.sluit_af(dossier, datum=einde + dt.timedelta(days=1), actor=consulent_a)
    dossier.refresh_from_db()
    assert dossier.fase == Fase.AFGEROND
    assert dossier.afsluitreden == Afsluitreden.TERMIJN_VERSTREKEN
    eindstand = DossierEvent.objects.get(dossier=dossier, soort=Soort.TERMIJN_EINDSTAND)
    assert eindstand.gegevens["boete_art24"] is True
    assert "het participatieverklaringstraject is niet afgerond" in eindstand.gegevens["open"]


def test_werklijst_filters(gemeente_a, gemeente_b, consulent_a, consulent_b, collega_a):
    vandaag = timezone.localdate()
    over = lambda m: plus_maanden(vandaag, m)  # noqa: E731
    twee = _dossier(gemeente_a, consulent_a, over(2))
    vijf = _dossier(gemeente_a, collega_a, over(5), route="z", niveau="A2")
    _dossier(gemeente_a, consulent_a, over(8))  # outside the six months
    verstreken = _dossier(gemeente_a, consulent_a, vandaag - dt.timedelta(days=1))
    _dossier(gemeente_b, consulent_b, over(2))  # another gemeente

    def lijst(**f):
        return {
            r.dossier.pk for r in services.werklijst(consulent_a, vandaag, services.Filters(**f))
        }

    assert lijst() == {twee.pk, vijf.pk}
    assert lijst(binnen="3") == {twee.pk}
    assert lijst(binnen="verstreken") == {verstreken.pk}
    assert lijst(binnen="") == {twee.pk, vijf.pk, verstreken.pk}
    assert lijst(leerroute="z") == {vijf.pk}
    assert lijst(eigen=True) == {twee.pk}
    assert lijst(boete=True) == {twee.pk, vijf.pk}  # nothing completed: both at risk
    rij = services.werklijst(consulent_a, vandaag, services.Filters(binnen="3"))[0]
    assert rij.einde == over(2) and rij.boete_cents == 134_000


def test_verzoek_bij_duo_telt_als_aanvraag_en_afwijzing_sluit_het_af(
    gemeente_a, consulent_a, einde
):
    dossier = _dossier(gemeente_a, consulent_a, einde)
    signaal_duo(dossier, "SS112", einde - dt.timedelta(days=60), "Verzoek verlenging ingediend")
    beeld = services.beeld(dossier, einde - dt.timedelta(days=50))
    assert beeld.aanvraag_lopend and not beeld.verlenging_mogelijk
    with pytest.raises(services.TermijnFout, match="al een aanvraag"):
        services.vraag_verlenging_aan(
            dossier, datum=einde - dt.timedelta(days=50), grond=Verlengingsgrond.INSPANNINGEN,
            actor=consulent_a,
        )  # fmt: skip
    besluit_duo(dossier, "SS113", einde - dt.timedelta(days=20))  # DUO refuses
    beeld = services.beeld(dossier, einde - dt.timedelta(days=10))
    assert not beeld.aanvraag_lopend
    assert [(b.onderwerp, b.toegekend) for b in beeld.besluiten] == [("verlenging", False)]
    assert beeld.einde == einde  # a refusal does not move the end
