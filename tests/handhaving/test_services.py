"""The fine procedure through its services: each step, its event on the dossier, and the
refusals with their legal reason (nothing half saved)."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from inburgering.dossiers.models import DossierEvent
from inburgering.dossiers.workflow import Soort
from inburgering.handhaving import services as s
from inburgering.handhaving.models import Handhavingszaak, ZaakStatus
from inburgering.handhaving.statussen import ZAAK_STATUS
from tests.handhaving.factories import dossier_met_adres, signaal, tot_beschikking, tot_voornemen

pytestmark = pytest.mark.django_db
Z = ZaakStatus


def _vandaag():
    return timezone.localdate()


def _soorten(dossier):
    return list(
        DossierEvent.objects.filter(dossier=dossier, soort__startswith="handhaving_")
        .order_by("pk")
        .values_list("soort", flat=True)
    )


@pytest.fixture
def gezin(gemeente_a, consulent_a):
    return dossier_met_adres(gemeente_a, consulent_a)


@pytest.fixture
def asiel(gemeente_a, consulent_a):
    return dossier_met_adres(gemeente_a, consulent_a, doelgroep="asielstatushouder")


def test_full_procedure_writes_an_event_per_step(gezin, consulent_a):
    zaak = tot_voornemen(gezin, consulent_a, dagen_geleden=20)
    assert zaak.status == Z.VOORNEMEN
    assert zaak.voorgesteld_cents == 5_000  # art. 23, opzet 100% of € 50
    assert zaak.zienswijze_tot == _vandaag() - dt.timedelta(days=6)
    zaak = s.registreer_zienswijze(
        zaak, datum=_vandaag() - dt.timedelta(days=10), vorm="mondeling",
        inhoud="Was ziek, maar heeft geen briefje.", actor=consulent_a,
    )  # fmt: skip
    zaak = s.neem_beschikking(
        zaak, datum=_vandaag(), bedrag_cents=5_000, motivering="Ziekte niet aangetoond.",
        kanaal="email", actor=consulent_a,
    )  # fmt: skip
    zaak = s.beslis_rechtsmiddel(
        zaak, soort="bezwaar", uitspraak="deels", datum=_vandaag(), bedrag_cents=2_500,
        actor=consulent_a,
    )  # fmt: skip
    assert zaak.status == Z.HEROVERWOGEN and zaak.bedrag_cents == 2_500
    zaak = s.draag_over(zaak, datum=_vandaag(), actor=consulent_a)
    zaak = s.meld_afgedaan(zaak, naar="betaald", datum=_vandaag(), actor=consulent_a)
    assert zaak.status == Z.BETAALD
    assert _soorten(gezin) == [
        Soort.HANDHAVING_SIGNAAL,
        Soort.HANDHAVING_VOORNEMEN,
        Soort.HANDHAVING_ZIENSWIJZE,
        Soort.HANDHAVING_BESCHIKKING,
        Soort.HANDHAVING_RECHTSMIDDEL,
        Soort.HANDHAVING_INVORDERING,
        Soort.HANDHAVING_AFGEDAAN,
    ]
    # Voornemen and beschikking went out through the brieven app, each with its own kenmerk.
    kenmerken = set(
        DossierEvent.objects.filter(dossier=gezin, soort=Soort.BRIEF_VERZONDEN).values_list(
            "gegevens__kenmerk", flat=True
        )
    )
    assert kenmerken == {s.kenmerk_voornemen(zaak), s.kenmerk_beschikking(zaak)}


def test_voornemen_refused_without_individual_assessment_for_asylum_permit_holder(
    asiel, consulent_a
):
    zaak = signaal(asiel, consulent_a)
    with pytest.raises(s.Handhavingsfout, match="C-158/23"):
        s.stuur_voornemen(zaak, datum=_vandaag(), kanaal="post", actor=consulent_a)
    zaak.refresh_from_db()
    assert zaak.status == Z.SIGNAAL and zaak.voornemen_op is None
    assert _soorten(asiel) == [Soort.HANDHAVING_SIGNAAL]
    assert not DossierEvent.objects.filter(dossier=asiel, soort=Soort.BRIEF_VERZONDEN).exists()
    zaak = s.leg_beoordeling_vast(
        zaak, datum=_vandaag(), beoordelaar="T. Leider", afwegingen="Weegt zwaar: geen reden.",
        boete_passend=True, actor=consulent_a,
    )  # fmt: skip
    zaak = s.stuur_voornemen(zaak, datum=_vandaag(), kanaal="post", actor=consulent_a)
    assert zaak.status == Z.VOORNEMEN


def test_assessment_not_appropriate_refuses_the_voornemen(asiel, consulent_a):
    zaak = signaal(asiel, consulent_a)
    zaak = s.leg_beoordeling_vast(
        zaak, datum=_vandaag(), beoordelaar="T. Leider", afwegingen="Traumaklachten.",
        boete_passend=False, actor=consulent_a,
    )  # fmt: skip
    with pytest.raises(s.Handhavingsfout, match="niet passend"):
        s.stuur_voornemen(zaak, datum=_vandaag(), kanaal="post", actor=consulent_a)


def test_wi27_bijstand_reduced_refuses_the_voornemen_and_ends_without_fine(gezin, consulent_a):
    zaak = signaal(gezin, consulent_a, bijstand_verlaagd=True)
    with pytest.raises(s.Handhavingsfout, match="artikel 27"):
        s.stuur_voornemen(zaak, datum=_vandaag(), kanaal="post", actor=consulent_a)
    ander = signaal(gezin, consulent_a)
    ander = s.leg_bijstand_verlaagd_vast(ander, datum=_vandaag(), actor=consulent_a)
    assert ander.status == Z.GEEN_BOETE and "artikel 27" in ander.geen_boete_reden
    assert ander.bijstand_verlaagd


@pytest.mark.parametrize(
    ("dagen_na_voornemen", "toegestaan"),
    [(13, False), (14, False), (15, True)],  # the term's last day is 14 days after sending
)
def test_beschikking_refused_until_the_zienswijze_term_ended(
    gezin, consulent_a, dagen_na_voornemen, toegestaan
):
    zaak = tot_voornemen(gezin, consulent_a, dagen_geleden=dagen_na_voornemen)
    assert zaak.zienswijze_tot == zaak.voornemen_op + dt.timedelta(days=14)

    def beschik():
        return s.neem_beschikking(
            zaak, datum=_vandaag(), bedrag_cents=5_000, motivering="Passend.", kanaal="post",
            actor=consulent_a,
        )  # fmt: skip

    if toegestaan:
        assert beschik().status == Z.BESCHIKT
    else:
        with pytest.raises(s.Handhavingsfout, match="zienswijzetermijn loopt tot en met"):
            beschik()
        zaak.refresh_from_db()
        assert zaak.status == Z.VOORNEMEN and zaak.beschikt_op is None
        assert Soort.HANDHAVING_BESCHIKKING not in _soorten(gezin)


def test_beschikking_not_dated_before_the_zienswijze(gezin, consulent_a):
    zaak = tot_voornemen(gezin, consulent_a, dagen_geleden=5)
    zaak = s.registreer_zienswijze(
        zaak, datum=_vandaag(), vorm="schriftelijk", inhoud="Geen reden.", actor=consulent_a
    )
    with pytest.raises(s.Handhavingsfout, match="vóór het voornemen of de zienswijze"):
        s.neem_beschikking(
            zaak, datum=_vandaag() - dt.timedelta(days=1), bedrag_cents=5_000, motivering="x",
            kanaal="post", actor=consulent_a,
        )  # fmt: skip


def test_collection_steps_not_dated_before_the_beschikking(gezin, consulent_a):
    zaak = tot_beschikking(gezin, consulent_a)
    gisteren = _vandaag() - dt.timedelta(days=1)
    with pytest.raises(s.Handhavingsfout, match="vóór de beschikking"):
        s.draag_over(zaak, datum=gisteren, actor=consulent_a)
    with pytest.raises(s.Handhavingsfout, match="vóór de beschikking"):
        s.meld_afgedaan(zaak, naar="betaald", datum=gisteren, actor=consulent_a)
    zaak.refresh_from_db()
    assert zaak.status == Z.BESCHIKT and zaak.overgedragen_op is None


def test_beschikking_within_the_term_after_a_zienswijze(gezin, consulent_a):
    zaak = tot_voornemen(gezin, consulent_a, dagen_geleden=2)
    zaak = s.registreer_zienswijze(
        zaak, datum=_vandaag(), vorm="schriftelijk", inhoud="Geen reden.", actor=consulent_a
    )
    zaak = s.neem_beschikking(
        zaak, datum=_vandaag(), bedrag_cents=5_000, motivering="Passend.", kanaal="post",
        actor=consulent_a,
    )  # fmt: skip
    assert zaak.status == Z.BESCHIKT


@pytest.mark.parametrize(
    ("bedrag", "melding"),
    [(0, "groter dan nul"), (-500, "groter dan nul"), (80_001, "artikel 26")],
)
def test_amount_refused_with_the_article(gezin, consulent_a, bedrag, melding):
    zaak = tot_voornemen(gezin, consulent_a, dagen_geleden=20)
    with pytest.raises(s.Handhavingsfout, match=melding):
        s.neem_beschikking(
            zaak, datum=_vandaag(), bedrag_cents=bedrag, motivering="x", kanaal="post",
            actor=consulent_a,
        )  # fmt: skip
    zaak.refresh_from_db()
    assert zaak.status == Z.VOORNEMEN and zaak.opgelegd_cents is None


def test_cap_of_a_new_termijn_refuses_a_fine_above_it(gezin, consulent_a):
    # New termijn of 6 months: cap € 400. € 250 imposed, then another € 250 is too much.
    tot_beschikking(gezin, consulent_a, artikel="22", nieuwe_termijn_maanden=6)
    tweede = tot_voornemen(gezin, consulent_a, artikel="22", nieuwe_termijn_maanden=6)
    assert tweede.voorgesteld_cents == 15_000  # the rules package caps the proposal
    with pytest.raises(s.Handhavingsfout, match="plafond van € 400"):
        s.neem_beschikking(
            tweede, datum=_vandaag(), bedrag_cents=25_000, motivering="x", kanaal="post",
            actor=consulent_a,
        )  # fmt: skip
    tweede = s.neem_beschikking(
        tweede, datum=_vandaag(), bedrag_cents=15_000, motivering="x", kanaal="post",
        actor=consulent_a,
    )  # fmt: skip
    (termijn, nieuw) = s.termijnstanden(s.zaken_van(gezin))
    assert termijn.ruimte.waarde.totaal_cents == 0
    assert nieuw.ruimte.waarde.totaal_cents == 40_000 and nieuw.ruimte.waarde.bereikt
    derde = signaal(gezin, consulent_a, artikel="22", nieuwe_termijn_maanden=6)
    with pytest.raises(s.Handhavingsfout, match="plafond is bereikt"):
        s.stuur_voornemen(derde, datum=_vandaag(), kanaal="post", actor=consulent_a)


def test_cap_of_the_termijn_is_2400(gezin, consulent_a):
    for _ in range(3):
        tot_beschikking(gezin, consulent_a, bedrag_cents=80_000)
    (termijn,) = s.termijnstanden(s.zaken_van(gezin))
    assert termijn.ruimte.waarde.totaal_cents == 240_000 and termijn.ruimte.waarde.bereikt


def test_doubling_uses_earlier_irrevocable_fines_of_the_dossier(gezin, consulent_a):
    eerste = tot_beschikking(gezin, consulent_a, dagen_geleden=100)
    # Irrevocable once bezwaar was decided (ongegrond).
    s.beslis_rechtsmiddel(
        eerste, soort="bezwaar", uitspraak="ongegrond", datum=_vandaag(), actor=consulent_a
    )
    tweede = tot_voornemen(gezin, consulent_a, dagen_geleden=0)
    assert tweede.voorgesteld_cents == 10_000
    assert tweede.berekening["waarde"]["basisbedrag_cents"] == 10_000


def test_doubling_not_while_the_earlier_fine_can_still_be_challenged(gezin, consulent_a):
    tot_beschikking(gezin, consulent_a)  # dagtekening today: bezwaar term runs
    tweede = tot_voornemen(gezin, consulent_a, dagen_geleden=0)
    assert tweede.voorgesteld_cents == 5_000


def test_status_table_refuses_skipping_steps(gezin, consulent_a):
    zaak = signaal(gezin, consulent_a)
    with pytest.raises(s.Handhavingsfout, match="De status kan niet"):
        s.draag_over(zaak, datum=_vandaag(), actor=consulent_a)
    with pytest.raises(s.Handhavingsfout, match="De status kan niet"):
        s.registreer_zienswijze(
            zaak, datum=_vandaag(), vorm="schriftelijk", inhoud="x", actor=consulent_a
        )
    assert _soorten(gezin) == [Soort.HANDHAVING_SIGNAAL]


def test_every_status_pair_is_reachable_or_refused():
    assert ZAAK_STATUS.mag(None, Z.SIGNAAL)
    assert not ZAAK_STATUS.mag(Z.SIGNAAL, Z.BESCHIKT)
    assert not ZAAK_STATUS.mag(Z.BETAALD, Z.OVERGEDRAGEN)
    bereikbaar = {naar for _van, naar in ZAAK_STATUS.paren()}
    assert bereikbaar == set(Z.values)


def test_geen_boete_needs_a_reason_and_is_not_possible_after_the_beschikking(gezin, consulent_a):
    zaak = signaal(gezin, consulent_a)
    with pytest.raises(s.Handhavingsfout, match="reden"):
        s.geen_boete(zaak, datum=_vandaag(), reden=" ", actor=consulent_a)
    opgelegd = tot_beschikking(gezin, consulent_a)
    with pytest.raises(s.Handhavingsfout, match="gegronde"):
        s.geen_boete(opgelegd, datum=_vandaag(), reden="spijt", actor=consulent_a)
    vervallen = s.beslis_rechtsmiddel(
        opgelegd, soort="beroep", uitspraak="gegrond", datum=_vandaag(), actor=consulent_a
    )
    assert vervallen.status == Z.GEEN_BOETE and vervallen.bedrag_cents == 0


def test_art23_signal_needs_culpability(gezin, consulent_a):
    with pytest.raises(s.Handhavingsfout, match="verwijtbaarheid"):
        s.open_zaak(gezin, artikel="23", constatering=_vandaag(), gedraging="x", actor=consulent_a)
    assert not Handhavingszaak.objects.exists()


def test_samenvatting_is_json_for_the_transfer_package(gezin, consulent_a):
    tot_beschikking(gezin, consulent_a)
    signaal(gezin, consulent_a, artikel="22", dagen_geleden=5)
    samen = s.samenvatting(gezin)
    json.dumps(samen)
    assert [z["status"] for z in samen["zaken"]] == ["beschikt", "signaal"]
    assert samen["zaken"][0]["opgelegd_cents"] == 5_000
    assert samen["termijnen"][0] == {
        "nieuwe_termijn_maanden": None,
        "totaal_cents": 5_000,
        "plafond_cents": 240_000,
        "ruimte_cents": 235_000,
    }


def test_collection_export_lists_handed_over_fines(gezin, consulent_a, dossier_b):
    zaak = tot_beschikking(gezin, consulent_a)
    assert s.ter_invordering([gezin]) == []
    s.draag_over(zaak, datum=_vandaag(), actor=consulent_a)
    zaken = s.ter_invordering([gezin, dossier_b])
    tekst = s.invorderingsbestand(zaken).decode("utf-8-sig")
    kop, rij = tekst.strip().split("\r\n")
    assert kop.startswith("kenmerk;gemeente;bsn")
    assert s.kenmerk_beschikking(zaak) in rij and ";5000;" in rij
    assert gezin.inburgeraar.bsn in rij
