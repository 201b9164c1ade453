"""Drafting, guards before vaststelling, four eyes, optimistic locking, later versions,
objections and progress conversations."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers import deadlines
from inburgering.dossiers.models import Doelgroep, DossierEvent
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.koppelingen.models import Status as LeverStatus
from inburgering.koppelingen.models import UitgaandBericht
from inburgering.pip import services as s
from inburgering.pip.models import Bezwaar, PipInstelling, PipSjabloon, PipVersie, Reden, Status
from tests.conftest import maak_dossier

from .conftest import dossier_klaar, rond_intake_af

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate


def _vast(versie, actor):
    return s.stel_vast(versie, gezien_versie=versie.versie, actor=actor)


def _bewaar(versie, actor, **gegevens):
    return s.bewaar(versie, gegevens, gezien_versie=versie.versie, actor=actor)


def test_concept_komt_uit_sjabloon_routebesluit_en_intake(klaar, consulent_a, gemeente_a):
    PipSjabloon.objects.create(
        gemeente=gemeente_a, pvt_intensiteit="Eigen PVT-tekst", aantal_voortgangsgesprekken=6
    )
    versie = s.stel_op(klaar, actor=consulent_a)
    assert (versie.versienummer, versie.status, versie.reden) == (1, Status.CONCEPT, Reden.EERSTE)
    assert (versie.leerroute, versie.niveau, versie.intensiteit_uren_per_week) == ("b1", "B1", 12)
    assert versie.pvt_intensiteit == "Eigen PVT-tekst"
    assert versie.map_intensiteit == s.STANDAARD_TEKSTEN["map_intensiteit"]
    assert versie.aantal_voortgangsgesprekken == 6
    assert versie.lbt_haalbaar is True
    assert klaar.events.filter(soort=Soort.PIP_STAP, gegevens__pip="concept").exists()
    with pytest.raises(s.PipFout, match="al een PIP"):
        s.stel_op(klaar, actor=consulent_a)


def test_vaststelling_registreert_event_termijn_gesprekken_en_levering(klaar, consulent_a):
    versie = s.stel_op(klaar, actor=consulent_a)
    assert s.controleer(versie).meldingen == []
    uitkomst = _vast(versie, consulent_a)
    klaar.refresh_from_db()
    assert klaar.fase == Fase.PIP_VASTGESTELD and klaar.pip_dagtekening == VANDAAG()
    event = klaar.events.get(soort=Soort.PIP_VASTGESTELD)
    assert event.gegevens == {"leerroute": "b1", "versie": 1, "reden": "eerste", "niveau": "B1"}
    assert uitkomst.versie.status == Status.VASTGESTELD
    assert uitkomst.levering.status == LeverStatus.NIEUW, uitkomst.levering.bevindingen
    assert uitkomst.levering.inhoud["leerroute"] == "B"
    termijn = deadlines.inburgeringstermijn(s.toestand_van(klaar))
    assert termijn.waarde.start == VANDAAG() + dt.timedelta(days=1)
    gesprekken = list(versie.pip.voortgangsgesprekken.all())
    assert len(gesprekken) == 4
    assert all(termijn.waarde.start < g.gepland_op < termijn.waarde.einde for g in gesprekken)
    assert gesprekken == sorted(gesprekken, key=lambda g: g.gepland_op)


def test_intake_niet_afgerond_blokkeert(gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    versie = s.stel_op(dossier, actor=consulent_a)
    meldingen = s.controleer(versie).meldingen
    assert any("brede intake is nog niet afgerond" in m for m in meldingen)
    assert "Er is geen brede intake vastgelegd." in meldingen
    assert "Ontbreekt: de leerroute." in meldingen  # no route decision yet
    with pytest.raises(s.PipFout, match="nog niet afgerond"):
        _vast(versie, consulent_a)
    assert not dossier.events.filter(soort=Soort.PIP_VASTGESTELD).exists()
    versie.refresh_from_db()
    assert versie.status == Status.CONCEPT


def test_heropende_intake_blokkeert(klaar, consulent_a):
    versie = s.stel_op(klaar, actor=consulent_a)
    from inburgering.intake import brede_intake as bi

    bi.voeg_gesprek_toe(klaar, actor=consulent_a, datum=VANDAAG(), vorm="telefoon")
    assert any("Brede intake" in m for m in s.controleer(versie).meldingen)


def test_ontbrekende_inhoud_per_element(klaar, consulent_a):
    versie = s.stel_op(klaar, actor=consulent_a)
    versie = _bewaar(
        versie,
        consulent_a,
        ondersteuning_en_begeleiding=" ",
        pvt_intensiteit="",
        intensiteit_uren_per_week=None,
        aantal_voortgangsgesprekken=None,
        bijstand=True,
    )
    meldingen = s.controleer(versie).meldingen
    for stuk in [
        "de ondersteuning en begeleiding",
        "de intensiteit van PVT en MAP",
        "de intensiteit van de leerroute",
        "het aantal voortgangsgesprekken",
        "de beschikkingen op grond van de Participatiewet (waaronder ontzorgen)",
    ]:
        assert f"Ontbreekt: {stuk}." in meldingen


def test_zroute_vraagt_examenkeuze_en_afwijking_lbt_motivering(gemeente_a, consulent_a):
    dossier = dossier_klaar(
        gemeente_a, consulent_a, score=35, leerroute="z", niveau="A2", afwijking=["schooladvies"]
    )
    versie = s.stel_op(dossier, actor=consulent_a)
    assert versie.lbt_afwijking_redenen == ["schooladvies"]
    meldingen = s.controleer(versie).meldingen
    # Besluit 3.14 lid 7: without the person's wish and the college's judgement no choice is due
    assert not any("KNM" in m for m in meldingen), meldingen
    versie.regelfeiten = {"zroute_examenwens": True, "zroute_in_staat_geacht": True}
    versie.save(update_fields=["regelfeiten"])
    meldingen = s.controleer(versie).meldingen
    assert (
        "Ontbreekt: welke A2-examens en/of het examen KNM worden afgelegd (de "
        "inburgeringsplichtige wenst dat en het college acht hem daartoe in staat)." in meldingen
    )
    versie = _bewaar(
        versie,
        consulent_a,
        lbt_afwijking_redenen=[],
        lbt_afwijking_toelichting="",
        zroute_examens="knm",
    )
    meldingen = s.controleer(versie).meldingen
    assert meldingen == ["Ontbreekt: de motivering van de afwijking van de leerbaarheidstoets."]


def test_map_niet_verplicht_in_onderwijsroute(gemeente_a, consulent_a):
    dossier = dossier_klaar(gemeente_a, consulent_a, leerroute="onderwijs")
    versie = s.stel_op(dossier, actor=consulent_a)
    assert versie.map_intensiteit == ""
    assert s.map_verplicht(versie).waarde is False
    assert s.controleer(versie).meldingen == []


@pytest.mark.parametrize(
    ("wijziging", "code_tekst"),
    [
        ({"dagtekening_dagen": -40}, "voor de start van de inburgeringsplicht"),
        ({"dagtekening_dagen": -30}, "voor de vestiging in de gemeente"),
        ({"niveau": "A2"}, "Niveau A2 bij de B1-route kan niet in het eerste PIP"),
        ({"geschatte_intensiteit_uren": 20000}, "tussen 1 en 9999 uur"),
    ],
)
def test_elke_duo_regel_blokkeert(klaar, consulent_a, wijziging, code_tekst):
    versie = s.stel_op(klaar, actor=consulent_a)
    if "dagtekening_dagen" in wijziging:
        wijziging = {"dagtekening": VANDAAG() + dt.timedelta(days=wijziging["dagtekening_dagen"])}
    versie = _bewaar(versie, consulent_a, **wijziging)
    meldingen = s.controleer(versie).meldingen
    assert any(code_tekst in m for m in meldingen), meldingen
    with pytest.raises(s.PipFout, match=code_tekst):
        _vast(versie, consulent_a)


def test_duo_regels_intensiteit_alleen_b1_en_asiel(gemeente_a, consulent_a):
    dossier = dossier_klaar(
        gemeente_a, consulent_a, doelgroep=Doelgroep.GEZINSMIGRANT_OVERIG, intensiteit=None
    )
    versie = s.stel_op(dossier, actor=consulent_a)
    versie = _bewaar(versie, consulent_a, geschatte_intensiteit_uren=500)
    assert s.controleer(versie).duo.codes == {"PIP_INTENSITEIT_ALLEEN_ASIEL"}


def test_onderwijsroute_a2_en_zroute_b1_regels(gemeente_a, consulent_a):
    dossier = dossier_klaar(gemeente_a, consulent_a, leerroute="onderwijs")
    versie = _bewaar(s.stel_op(dossier, actor=consulent_a), consulent_a, niveau="A2")
    assert "PIP_A2_ONDERWIJSROUTE" in s.controleer(versie).duo.codes
    versie = _bewaar(
        versie,
        consulent_a,
        leerroute="z",
        niveau="B1",
        zroute_examens="geen",
        lbt_afwijking_toelichting="School",
    )
    assert "PIP_B1_ZROUTE" in s.controleer(versie).duo.codes


def test_zonder_kennisgeving_geen_vaststelling(gemeente_a, consulent_a):
    from inburgering.dossiers.models import Regime
    from inburgering.dossiers.services import NieuwDossier, open_dossier
    from tests.conftest import maak_persoon

    start = VANDAAG() - dt.timedelta(days=20)
    dossier = open_dossier(
        maak_persoon(),
        NieuwDossier(
            gemeente_a,
            Regime.WI2021,
            Doelgroep.ASIELSTATUSHOUDER,
            Soort.COA_KOPPELING,
            start,
            {"azc": "Ter Apel"},
        ),
        actor=consulent_a,
        consulent=consulent_a,
    )
    rond_intake_af(dossier, consulent_a, datum=start + dt.timedelta(days=1))
    versie = s.stel_op(dossier, actor=consulent_a)
    assert any("kennisgeving van DUO ontbreekt" in m for m in s.controleer(versie).meldingen)


def test_vier_ogen_andere_medewerker_keurt_goed(klaar, consulent_a, collega_a, gemeente_a):
    PipInstelling.objects.create(gemeente=gemeente_a, vier_ogen=True)
    versie = s.stel_op(klaar, actor=consulent_a)
    assert any("vier-ogenprincipe" in m for m in s.controleer(versie).meldingen)
    with pytest.raises(s.PipFout, match="vier-ogenprincipe"):
        _vast(versie, consulent_a)
    with pytest.raises(s.PipFout, match="eerst ter goedkeuring"):
        s.keur_goed(versie, gezien_versie=versie.versie, actor=collega_a)
    versie = s.bied_aan(versie, gezien_versie=versie.versie, actor=consulent_a)
    with pytest.raises(s.PipFout, match="zelf opgesteld"):
        s.keur_goed(versie, gezien_versie=versie.versie, actor=consulent_a)
    versie.refresh_from_db()
    assert versie.status == Status.TER_GOEDKEURING and versie.goedgekeurd_door is None
    versie = s.keur_goed(versie, gezien_versie=versie.versie, actor=collega_a)
    assert versie.goedgekeurd_door == collega_a
    # a change after approval voids it
    gewijzigd = _bewaar(versie, consulent_a, aantal_voortgangsgesprekken=5)
    assert gewijzigd.status == Status.CONCEPT and gewijzigd.goedgekeurd_door is None
    gewijzigd = s.bied_aan(gewijzigd, gezien_versie=gewijzigd.versie, actor=consulent_a)
    gewijzigd = s.keur_goed(gewijzigd, gezien_versie=gewijzigd.versie, actor=collega_a)
    assert _vast(gewijzigd, consulent_a).versie.status == Status.VASTGESTELD


def test_wijziger_mag_niet_goedkeuren(klaar, consulent_a, collega_a, gemeente_a):
    PipInstelling.objects.create(gemeente=gemeente_a, vier_ogen=True)
    versie = _bewaar(s.stel_op(klaar, actor=consulent_a), collega_a, aantal_voortgangsgesprekken=3)
    versie = s.bied_aan(versie, gezien_versie=versie.versie, actor=consulent_a)
    with pytest.raises(s.PipFout, match="zelf opgesteld of gewijzigd"):
        s.keur_goed(versie, gezien_versie=versie.versie, actor=collega_a)


def test_tweede_bewerker_krijgt_melding_niets_overschreven(klaar, consulent_a, collega_a):
    versie = s.stel_op(klaar, actor=consulent_a)
    gezien = versie.versie
    s.bewaar(versie, {"vve_afspraken": "Eerste tekst"}, gezien_versie=gezien, actor=consulent_a)
    with pytest.raises(s.Wijzigingsconflict, match="Anna Test heeft dit PIP intussen gewijzigd"):
        s.bewaar(versie, {"vve_afspraken": "Tweede tekst"}, gezien_versie=gezien, actor=collega_a)
    versie.refresh_from_db()
    assert versie.vve_afspraken == "Eerste tekst" and versie.versie == gezien + 1
    with pytest.raises(s.Wijzigingsconflict):
        s.stel_vast(versie, gezien_versie=gezien, actor=collega_a)
    assert not klaar.events.filter(soort=Soort.PIP_VASTGESTELD).exists()


def _vastgesteld_lang_geleden(gemeente, consulent, dagen):
    """A dossier whose first PIP was set `dagen` ago."""
    dossier = dossier_klaar(gemeente, consulent, dagen_geleden=dagen + 30)
    versie = s.stel_op(dossier, actor=consulent)
    versie = _bewaar(versie, consulent, dagtekening=VANDAAG() - dt.timedelta(days=dagen))
    _vast(versie, consulent)
    # The transition table allows a new PIP version once the person is enrolled.
    registreer(
        dossier,
        Soort.AANGEMELD_LEERROUTE,
        VANDAAG() - dt.timedelta(days=dagen - 5),
        actor=consulent,
    )
    dossier.refresh_from_db()
    return dossier


def test_een_nieuwe_versie_kan_direct_na_vaststelling(klaar, consulent_a):
    """A correction straight after vaststelling: the table allows PIP_VASTGESTELD again."""
    _vast(s.stel_op(klaar, actor=consulent_a), consulent_a)
    nieuw = s.nieuwe_versie(klaar, reden=Reden.WIJZIGING, actor=consulent_a)
    meldingen = s.controleer(nieuw).meldingen
    assert not any("kan geen nieuwe versie" in m for m in meldingen)


def test_schakelen_na_anderhalf_jaar_geweigerd(gemeente_a, consulent_a):
    dossier = _vastgesteld_lang_geleden(gemeente_a, consulent_a, 600)
    with pytest.raises(s.PipFout, match="mag niet meer: de termijn van anderhalf jaar eindigde"):
        s.nieuwe_versie(dossier, reden=Reden.SCHAKELEN, leerroute="z", actor=consulent_a)
    assert s.concept_van(s.pip_van(dossier)) is None
    # special case (Besluit 5.4 lid 3) is allowed
    nieuw = s.nieuwe_versie(
        dossier,
        reden=Reden.SCHAKELEN,
        leerroute="z",
        actor=consulent_a,
        feiten={"bijzonder_geval": True},
    )
    assert (nieuw.leerroute, nieuw.niveau) == ("z", "A2")


def test_schakelen_binnen_termijn_houdt_aanvang_termijn(gemeente_a, consulent_a):
    dossier = _vastgesteld_lang_geleden(gemeente_a, consulent_a, 200)
    start = deadlines.inburgeringstermijn(s.toestand_van(dossier)).waarde.start
    nieuw = s.nieuwe_versie(dossier, reden=Reden.SCHAKELEN, leerroute="z", actor=consulent_a)
    nieuw = _bewaar(
        nieuw,
        consulent_a,
        zroute_examens="a2_en_knm",
        lbt_afwijking_toelichting="Toch Z-route na voortgang.",
    )
    voorvertoning = s.voorvertoning(nieuw, dossier)
    assert voorvertoning.termijn.waarde.start == start
    assert "verschuift de aanvang niet" in voorvertoning.termijn.uitleg
    assert s.controleer(nieuw).meldingen == []
    _vast(nieuw, consulent_a)
    dossier.refresh_from_db()
    toestand = s.toestand_van(dossier)
    assert dossier.leerroute == "z" and dossier.fase == Fase.WACHT_OP_START
    assert deadlines.inburgeringstermijn(toestand).waarde.start == start
    statussen = list(s.pip_van(dossier).versies.values_list("status", flat=True))
    assert statussen == [Status.VERVANGEN, Status.VASTGESTELD]


def test_afschalen_volgens_regels(gemeente_a, consulent_a):
    dossier = _vastgesteld_lang_geleden(gemeente_a, consulent_a, 300)
    with pytest.raises(s.PipFout, match="400 van de 600 cursusuren"):
        s.nieuwe_versie(
            dossier,
            reden=Reden.AFSCHALEN,
            actor=consulent_a,
            feiten={"nt2_uren": 400, "voldoende_inspanning": True},
        )
    with pytest.raises(s.PipFout, match="onvoldoende ingespannen"):
        s.nieuwe_versie(
            dossier,
            reden=Reden.AFSCHALEN,
            actor=consulent_a,
            feiten={"nt2_uren": 600, "voldoende_inspanning": False},
        )
    nieuw = s.nieuwe_versie(
        dossier,
        reden=Reden.AFSCHALEN,
        actor=consulent_a,
        feiten={"nt2_uren": 550, "nt2_uren_brede_intake": 50, "voldoende_inspanning": True},
    )
    assert (nieuw.leerroute, nieuw.niveau) == ("b1", "A2")
    assert s.controleer(nieuw).meldingen == []  # A2 in a later PIP is fine for DUO
    # changing the route in an afschalen version is refused
    fout = _bewaar(nieuw, consulent_a, leerroute="onderwijs", niveau="B1")
    assert "De leerroute wijzigt alleen met een nieuwe versie om te schakelen." in (
        s.controleer(fout).meldingen
    )


def test_nieuwe_dagtekening_niet_voor_vorige(gemeente_a, consulent_a):
    dossier = _vastgesteld_lang_geleden(gemeente_a, consulent_a, 100)
    nieuw = s.nieuwe_versie(dossier, reden=Reden.WIJZIGING, actor=consulent_a)
    nieuw = _bewaar(nieuw, consulent_a, dagtekening=VANDAAG() - dt.timedelta(days=101))
    assert "PIP_VOOR_ACTUELE_PIP" in s.controleer(nieuw).duo.codes


def test_bezwaar_datums(gemeente_a, consulent_a):
    dossier = _vastgesteld_lang_geleden(gemeente_a, consulent_a, 60)
    versie = s.vastgestelde_versie(s.pip_van(dossier))
    dag = versie.dagtekening
    bezwaar = s.registreer_bezwaar(
        versie, ontvangen_op=dag + dt.timedelta(days=20), toelichting="Route", actor=consulent_a
    )
    data = s.bezwaardata(bezwaar)
    einde = dag + dt.timedelta(weeks=6)
    while einde.weekday() >= 5:  # Algemene termijnenwet
        einde += dt.timedelta(days=1)
    assert data.bezwaartermijn_einde >= einde - dt.timedelta(days=0) and data.tijdig
    assert data.beslissen_uiterlijk == data.bezwaartermijn_einde + dt.timedelta(weeks=6)
    assert "Algemene wet bestuursrecht art. 7:10 lid 1" in data.grondslag
    laat = Bezwaar(versie=versie, ontvangen_op=data.bezwaartermijn_einde + dt.timedelta(days=1))
    assert s.bezwaardata(laat).tijdig is False
    with pytest.raises(s.PipFout, match="vóór de ontvangst"):
        s.beslis_bezwaar(bezwaar, beslissing="ongegrond", beslist_op=dag, actor=consulent_a)
    s.beslis_bezwaar(bezwaar, beslissing="ongegrond", beslist_op=VANDAAG(), actor=consulent_a)
    with pytest.raises(s.PipFout, match="al beslist"):
        s.beslis_bezwaar(bezwaar, beslissing="gegrond", beslist_op=VANDAAG(), actor=consulent_a)
    assert dossier.events.filter(gegevens__pip="bezwaar").count() == 1
    assert dossier.events.filter(gegevens__pip="beslissing_bezwaar").count() == 1
    with pytest.raises(s.PipFout, match="vóór de dagtekening"):
        s.registreer_bezwaar(
            versie, ontvangen_op=dag - dt.timedelta(days=1), toelichting="", actor=consulent_a
        )


def test_voortgangsgesprek_vastleggen(gemeente_a, consulent_a):
    dossier = _vastgesteld_lang_geleden(gemeente_a, consulent_a, 200)
    gesprek = s.pip_van(dossier).voortgangsgesprekken.first()
    with pytest.raises(s.PipFout, match="verslag"):
        s.leg_gesprek_vast(gesprek, gehouden_op=VANDAAG(), verslag=" ", actor=consulent_a)
    s.leg_gesprek_vast(gesprek, gehouden_op=VANDAAG(), verslag="Gaat goed.", actor=consulent_a)
    event = dossier.events.filter(soort=Soort.CONTACT).last()
    assert event.toelichting == "Voortgangsgesprek 1: Gaat goed."
    # a later version with fewer conversations keeps the held one
    nieuw = s.nieuwe_versie(dossier, reden=Reden.WIJZIGING, actor=consulent_a)
    nieuw = _bewaar(nieuw, consulent_a, aantal_voortgangsgesprekken=2)
    _vast(nieuw, consulent_a)
    gesprekken = list(s.pip_van(dossier).voortgangsgesprekken.all())
    assert len(gesprekken) == 2 and gesprekken[0].verslag == "Gaat goed."


def test_elke_actie_schrijft_een_event(klaar, consulent_a, collega_a, gemeente_a):
    PipInstelling.objects.create(gemeente=gemeente_a, vier_ogen=True)
    voor = DossierEvent.objects.filter(dossier=klaar).count()
    versie = s.stel_op(klaar, actor=consulent_a)
    versie = _bewaar(versie, consulent_a, vve_afspraken="")
    versie = s.bied_aan(versie, gezien_versie=versie.versie, actor=consulent_a)
    versie = s.keur_goed(versie, gezien_versie=versie.versie, actor=collega_a)
    _vast(versie, consulent_a)
    acties = list(klaar.events.filter(soort=Soort.PIP_STAP).values_list("gegevens__pip", flat=True))
    assert acties == ["concept", "gewijzigd", "ter_goedkeuring", "goedgekeurd"]
    assert DossierEvent.objects.filter(dossier=klaar).count() == voor + 5


def test_duo_onbereikbaar_bij_vaststelling_levering_staat_toch_klaar(klaar, consulent_a, settings):
    """Outbox first: DUO unreachable while the PIP is set loses no delivery (it used to: the
    context lookup raised and no row was written)."""
    settings.DUO_BASE_URL = "https://127.0.0.1:9/v1"  # nothing listens there
    versie = s.stel_op(klaar, actor=consulent_a)
    uitkomst = _vast(versie, consulent_a)
    assert uitkomst.leverfout == ""
    klaar.refresh_from_db()
    assert klaar.fase == Fase.PIP_VASTGESTELD  # the decision stands
    levering = UitgaandBericht.objects.get()
    assert uitkomst.levering == levering and levering.status == "nieuw"
    assert levering.inhoud["dagtekeningPip"] == versie.dagtekening.isoformat()


def test_verhuizing_houdt_leerroute(gemeente_a, consulent_a):
    from inburgering.dossiers.models import Regime
    from inburgering.dossiers.services import NieuwDossier, open_dossier
    from tests.conftest import maak_persoon

    start = VANDAAG() - dt.timedelta(days=30)
    dossier = open_dossier(
        maak_persoon(),
        NieuwDossier(
            gemeente_a,
            Regime.WI2021,
            Doelgroep.ASIELSTATUSHOUDER,
            Soort.VESTIGING_NA_VERHUIZING,
            start,
            {"pip_vorige_gemeente": True, "leerroute": "onderwijs"},
        ),
        actor=consulent_a,
        consulent=consulent_a,
    )
    registreer(dossier, Soort.SIGNAAL_ONTVANGEN, start, actor=consulent_a)
    rond_intake_af(dossier, consulent_a, datum=start + dt.timedelta(days=1), leerroute="b1")
    versie = s.stel_op(dossier, actor=consulent_a)
    assert (versie.reden, versie.leerroute) == (Reden.VERHUIZING, "onderwijs")
    versie = _bewaar(versie, consulent_a, leerroute="b1")
    assert any("dezelfde leerroute" in m for m in s.controleer(versie).meldingen)
    assert PipVersie.objects.count() == 1
