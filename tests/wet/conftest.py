from __future__ import annotations

from datetime import date

import pytest

import inburgering.wet as w


@pytest.fixture
def voorbeelduitkomsten() -> list:
    """One or more real outcomes of every registered rule (used for consistency checks)."""
    asiel, gezin = w.Doelgroep.ASIELSTATUSHOUDER, w.Doelgroep.GEZINSMIGRANT_OVERIG
    beoordeling = w.IndividueleBeoordeling(date(2024, 1, 5), "consulent", "uitzonderlijk", True)
    termijn = w.inburgeringstermijn(date(2022, 3, 1)).waarde
    ctx = w.ResultaatContext(date(2024, 1, 1), termijn.start, termijn.einde)
    uitkomsten = [
        w.pip_deadline(date(2024, 1, 2)),
        w.pip_deadline(date(2024, 1, 2), gehuisvest_via_taakstelling=True),
        w.pip_deadline(
            date(2024, 1, 2),
            gehuisvest_via_taakstelling=True,
            inschrijving_huisvestingsgemeente=date(2024, 2, 1),
            wacht_op_derde=True,
            informatie_derde_ontvangen=date(2024, 5, 1),
        ),
        w.pip_deadline(inschrijving_nieuwe_gemeente=date(2024, 3, 1), pip_vorige_gemeente=True),
        w.pip_deadline(date(2024, 1, 2), inschrijving_nieuwe_gemeente=date(2024, 3, 1)),
        w.pip_deadline(date(2024, 1, 2), wacht_op_derde=True),
        w.pip_inhoud_ontbrekend(w.PipInhoud(asiel, None, False, False)),
        w.inburgeringstermijn(
            date(2022, 3, 1),
            dagtekening_huidige_pip=date(2023, 1, 1),
            onderbrekingen=(w.Periode(date(2023, 1, 1), date(2023, 1, 31)),),
        ),
        w.verlengde_termijn(termijn, 6),
        w.verlenging_aanzienlijke_inspanningen(
            w.InspanningenInvoer(gezin, w.Leerroute.B1, None, False, 100, frozenset(), False, False)
        ),
        w.verlenging_aanvraagvenster(termijn.einde),
        w.verlenging_aanvraagvenster(termijn.einde, aanvraagdatum=date(2025, 1, 1)),
        w.verlenging_geen_verwijt(doelgroep=asiel, aanbod_niet_geleverd=True),
        w.verlenging_geen_verwijt(doelgroep=gezin),
        w.regime(date(2021, 12, 31)),
        w.lbt_uitkomst(30, date(2023, 1, 1)),
        w.lbt_hersignalering(30, date(2023, 1, 1)),
        w.lbt_ontheffing(
            beperking=w.Beperking.AUDITIEF, in_staat_geacht=False, peildatum=date(2026, 1, 1)
        ),
        w.lbt_ontheffing(
            beperking=w.Beperking.GEEN, in_staat_geacht=True, peildatum=date(2024, 1, 1)
        ),
        w.brede_intake_vervolg(1),
        w.brede_intake_vervolg(2),
        w.brede_intake_vervolg(3),
        w.brede_intake_ontbrekend(
            onderdelen=frozenset(),
            vve_relevant=True,
            gewezen_op_recht_alleen=False,
            schriftelijk_vastgelegd=False,
        ),
        w.brede_intake_ontbrekend(
            onderdelen=frozenset(),
            vve_relevant=False,
            gewezen_op_recht_alleen=True,
            schriftelijk_vastgelegd=True,
            regime=w.Regime.WI2013,
        ),
        w.brede_intake_en_pip(w.Regime.WI2021),
        w.brede_intake_en_pip(w.Regime.WI2013),
        w.schakelen_toegestaan(
            van=w.Leerroute.B1,
            naar=w.Leerroute.Z,
            termijn_start=date(2022, 1, 1),
            datum=date(2025, 1, 1),
        ),
        w.overdracht_bij_schakelen(w.Leerroute.Z, w.Leerroute.ONDERWIJS),
        w.overdracht_bij_schakelen(w.Leerroute.ONDERWIJS, w.Leerroute.B1),
        w.afschalen_toegestaan(leerroute=w.Leerroute.B1, nt2_uren=600, voldoende_inspanning=True),
        w.map_verplicht(leerroute=w.Leerroute.ONDERWIJS),
        w.zroute_urennorm(doelgroep=asiel, eerder_onderwijs_uren=10, cursusuren_vorige_route=5),
        w.zroute_urennorm(doelgroep=gezin),
        w.pvt_urennorm(3),
        w.pvt_afgerond(uren_gevolgd=12, kernwaarden_activiteit=True, verklaring_ondertekend=True),
        w.map_urennorm(),
        w.map_urennorm(5, w.Beleidskeuzes(map_urennorm=40)),
        w.boeteplafond(nieuwe_termijn_maanden=12),
        w.boete_art22(doelgroep=asiel),
        w.boete_art22(doelgroep=gezin, bijstand_verlaagd=True),
        w.boete_art23(
            constatering=date(2024, 6, 1),
            verwijtbaarheid=w.Verwijtbaarheid.OPZET,
            doelgroep=asiel,
            individuele_beoordeling=beoordeling,
            eerdere_overtredingen=(w.EerdereOvertreding(date(2024, 1, 1), True),),
        ),
        w.boete_duo_maximum(w.DuoBoete.PVT_MAP_NIET_AFGEROND),
        w.boete_duo_maximum(w.DuoBoete.LEERROUTE_NIET_BEHAALD),
        w.doelgroep(w.Verblijfsgrond.REGULIER_OVERIG),
        w.maatschappelijke_begeleiding(doelgroep=asiel, inschrijving_brp=date(2024, 1, 1)),
        w.maatschappelijke_begeleiding(doelgroep=gezin, inschrijving_brp=None),
        w.financieel_ontzorgen(
            inburgeringsplichtig_wi2021=True,
            verblijfsgrond=w.Verblijfsgrond.ASIEL_BEPAALDE_TIJD,
            recht_op_bijstand_vanaf=date(2024, 1, 1),
        ),
        w.kosten_inburgering(asiel),
        w.kosten_inburgering(gezin),
        w.bewaartermijn(categorie=w.Gegevenscategorie.KERNGEGEVENS, einde_plicht=date(2025, 1, 1)),
        w.bewaartermijn(categorie=w.Gegevenscategorie.LENING, lening_afgelost=date(2025, 1, 1)),
        w.bewaartermijn(categorie=w.Gegevenscategorie.DOSSIER, overlijden=date(2025, 1, 1)),
        w.pip_niveau_duo(w.Leerroute.B1, None),
        w.route_conform_lbt(True, w.Leerroute.Z),
        w.valideer_pip(
            w.PipBericht(date(2020, 1, 1), w.Leerroute.Z, w.Taalniveau.B1, 5),
            w.PipContext(gezin, date(2021, 1, 1), date(2021, 1, 1)),
        ),
        w.valideer_pip_verwijderen(termijn_vastgesteld=True, cursusuren_geregistreerd=True),
        w.valideer_map(w.ResultaatBericht(date(2024, 1, 1)), ctx),
        w.valideer_pvt(w.ResultaatBericht(None, True), ctx),
        w.valideer_zroute(
            w.ZrouteBericht(date(2024, 1, 1)), w.ZrouteContext(date(2024, 2, 1), True)
        ),
        w.valideer_participatie_uren(doelgroep=w.Doelgroep.ASIELSTATUSHOUDER, uren=10),
        w.map_voortgang(themas=frozenset({"a", "b"}), eindgesprek=False),
        w.valideer_aanbod(
            w.AanbodBericht(False, False), w.AanbodContext(gezin, w.Leerroute.ONDERWIJS, None)
        ),
        w.pip_aanpassing_na_routewijziging(
            leerroute_pip=w.Leerroute.B1,
            leerroute_besluit=w.Leerroute.B1,
            a2_onderdelen_besluit=frozenset({w.Examenonderdeel.SPREKEN}),
        ),
        w.pip_aanpassing_na_routewijziging(
            leerroute_pip=w.Leerroute.B1, leerroute_besluit=w.Leerroute.Z
        ),
        w.verlenging_ambtshalve(termijn.einde),
        w.verlenging_ambtshalve(termijn.einde, beschikkingsdatum=date(2024, 1, 1)),
        w.verlenging_ambtshalve(termijn.einde, categorie=True),
        w.duo_boete_verwachting(
            w.DuoBoete.PVT_MAP_NIET_AFGEROND,
            termijn_einde=date(2025, 3, 1),
            peildatum=date(2025, 1, 1),
            afgerond=False,
            doelgroep=asiel,
        ),
        w.duo_boete_verwachting(
            w.DuoBoete.LEERROUTE_NIET_BEHAALD,
            termijn_einde=date(2025, 3, 1),
            peildatum=date(2025, 1, 1),
            afgerond=False,
            ronde=3,
        ),
        w.duo_boete_verwachting(
            w.DuoBoete.LEERROUTE_NIET_BEHAALD,
            termijn_einde=date(2025, 3, 1),
            peildatum=date(2025, 1, 1),
            afgerond=False,
            ronde=2,
            verblijf_niet_verlengd_of_ingetrokken=True,
        ),
        w.lening_inburgering(
            w.Leningdoel.TAALSCHAKELTRAJECT,
            doelgroep=gezin,
            leerroute=w.Leerroute.ONDERWIJS,
            peildatum=date(2024, 1, 1),
            erkend_taalschakeltraject=True,
        ),
        w.lening_inburgering(
            w.Leningdoel.ALFABETISERING,
            doelgroep=asiel,
            leerroute=w.Leerroute.Z,
            peildatum=date(2040, 1, 1),
            termijn_einde=date(2025, 3, 1),
            inburgeringsplichtig=False,
            eerdere_lening_open=True,
        ),
        w.inburgeringsplichtig(
            verblijfsrecht=w.Verblijfsrecht.ASIEL,
            verblijf_verkregen=date(2024, 1, 1),
            geboortedatum=date(1990, 1, 1),
            besluit_verblijf=date(2024, 2, 1),
            tijdelijk_doel=True,
        ),
        w.inburgeringsplichtig(
            verblijfsrecht=w.Verblijfsrecht.ANDERS,
            verblijf_verkregen=date(2024, 1, 1),
            geboortedatum=date(2010, 1, 1),
            eu_eer_zwitserland=True,
        ),
        w.plicht_voortgezet(
            laatste_dag_plicht=date(2024, 1, 1), aansluitend_verblijf_onder_g_of_h=True
        ),
        w.plicht_voortgezet(laatste_dag_plicht=date(2024, 1, 1)),
        w.plicht_voortgezet(
            laatste_dag_plicht=date(2024, 1, 1),
            nieuwe_plicht_vanaf=date(2024, 6, 1),
            reden=w.Onderbrekingsreden.GEEN_INGEZETENE,
        ),
        w.inburgeringsplicht_voldaan(
            leerroute=w.Leerroute.ONDERWIJS,
            pvt_afgerond=True,
            map_afgerond=False,
            behaalde_onderdelen=frozenset(w.Examenonderdeel),
        ),
        w.inburgeringsplicht_voldaan(
            leerroute=w.Leerroute.B1,
            pvt_afgerond=False,
            map_afgerond=False,
            vrijgestelde_onderdelen=frozenset({w.Examenonderdeel.KNM}),
        ),
        w.vrijstelling_inburgeringsplicht(
            peildatum=date(2024, 1, 1),
            leerplicht_volgens_brp=w.Periode(date(2005, 9, 1), date(2015, 8, 31)),
            ingezetene_onafgebroken_sinds=date(2000, 1, 1),
            jaren_werk=6,
            b1_spreken_luisteren_vastgesteld=True,
        ),
        w.vrijstelling_inburgeringsplicht(
            peildatum=date(2024, 1, 1),
            deeldiploma_onderdelen=frozenset({w.Examenonderdeel.KNM}),
        ),
        w.ontheffing_belemmering(
            leerroute=w.Leerroute.Z,
            deskundigenverklaring=True,
            niet_binnen_vijf_jaar=True,
            onderdelen_niet_haalbaar=frozenset({w.Examenonderdeel.KNM}),
            zroute_participatiedeel_niet_haalbaar=True,
            aanvraagdatum=date(2024, 1, 1),
        ),
        w.ontheffing_belemmering(
            leerroute=w.Leerroute.B1, deskundigenverklaring=False, niet_binnen_vijf_jaar=True
        ),
        w.ontheffing_bijzondere_omstandigheden(
            zeer_uitzonderlijk_en_onvoorzien=True,
            niet_te_wijten=True,
            zeer_schrijnend=True,
            aanvraagdatum=date(2024, 1, 1),
        ),
        w.ontheffing_bijzondere_omstandigheden(
            zeer_uitzonderlijk_en_onvoorzien=True,
            niet_te_wijten=False,
            zeer_schrijnend=False,
            ambtshalve=True,
        ),
        w.examenplan(leerroute=w.Leerroute.B1, niveau=w.Taalniveau.A2),
        w.examenplan(leerroute=w.Leerroute.ONDERWIJS),
        w.examenplan(leerroute=w.Leerroute.Z, zroute_a2=True, zroute_knm=True),
        w.examenstand(
            w.examenplan(leerroute=w.Leerroute.B1).waarde,
            [w.Examenuitslag(w.Examenonderdeel.KNM, date(2026, 1, 1), "Geslaagd")],
        ),
        w.aanwezigheidspercentage([w.Urenperiode(date(2025, 1, 1), date(2025, 1, 31), 40, 30)]),
        w.verzuimsignaal(
            [w.Urenperiode(date(2025, 1, 1), date(2025, 1, 31), 40, 20)], peildatum=date(2025, 2, 1)
        ),
        w.wachttijd(
            aangemeld=date(2025, 1, 1), gestart=None, peildatum=date(2025, 3, 1), norm_weken=6
        ),
        w.nt2_urenstand(600),
        w.zroute_voortgang(doelgroep=asiel, cursusuren=100, participatie_uren=50),
        w.zroute_voortgang(doelgroep=gezin, cursusuren=800, participatie_uren=0),
        w.ontheffing_advies_uiterlijk(date(2026, 12, 7)),
        w.verlenging_aanvraagvenster(termijn.einde, aanvraagdatum=date(2040, 1, 1)),
        # handhaving
        w.individuele_beoordeling_vereist(asiel),
        w.toets_voornemen(
            doelgroep=asiel,
            beoordeling_vastgelegd=False,
            boete_passend=None,
            bijstand_verlaagd=True,
        ),
        w.zienswijzetermijn(date(2025, 3, 1)),
        w.beschikking_toegestaan(
            peildatum=date(2025, 3, 16), termijn_einde=date(2025, 3, 15), zienswijze_ontvangen=False
        ),
        w.boeteruimte([25_000], nieuwe_termijn_maanden=6),
        w.toets_boetebedrag(artikel="23", bedrag_cents=90_000, reeds_opgelegd_cents=200_000),
        w.boete_onherroepelijk(dagtekening=date(2025, 3, 1), peildatum=date(2025, 4, 13)),
        w.ontzorgen_loopt(recht_op_bijstand_vanaf=date(2026, 1, 1), peildatum=date(2026, 6, 30)),
        w.ontzorgen_loopt(
            recht_op_bijstand_vanaf=date(2026, 1, 1),
            peildatum=date(2026, 8, 1),
            vrijwillig_tot=date(2026, 9, 30),
        ),
        w.ontzorgen_betaalmaand(
            recht_op_bijstand_vanaf=date(2026, 1, 1), maand=date(2026, 7, 1), bedrag_cents=0
        ),
    ]
    gedekt = {u.regel for u in uitkomsten}
    assert gedekt == set(w.REGELS), set(w.REGELS) - gedekt
    return uitkomsten
