"""Handlers: what DUO's notifications do to dossiers, end to end through the simulator."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.models import Bron, Dossier, DossierEvent, Inburgeraar
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Afsluitreden, Fase, Soort
from inburgering.koppelingen.duo import afstemming
from inburgering.koppelingen.golven import golven
from inburgering.koppelingen.models import InkomendBericht, Status

from .conftest import OIN_A, OIN_B


def test_ss101_maakt_dossier_met_duo_events(scenarios, stuur, gem_a):
    n = scenarios.nieuwe_statushouder(OIN_A)
    telling = stuur(n)
    assert telling.verwerkt == 1
    dossier = Dossier.objects.get()
    assert dossier.gemeente == gem_a and dossier.fase == Fase.GESIGNALEERD
    assert dossier.doelgroep == "asielstatushouder"
    assert dossier.kennisgeving_datum == timezone.localdate()
    assert dossier.inburgeraar.geslachtsnaam  # from the BRP stand-in
    events = list(dossier.events.all())
    assert [e.soort for e in events] == [Soort.SIGNAAL_ONTVANGEN, Soort.DOELGROEP_VASTGESTELD]
    assert {e.bron for e in events} == {Bron.DUO}
    assert {e.bron_referentie for e in events} == {n.headers["berichtId"]}
    bericht = InkomendBericht.objects.get()
    assert bericht.status == Status.VERWERKT and bericht.dossier == dossier


def test_geen_dubbel_dossier(scenarios, stuur, sim):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    # DUO sends about the same person again (new berichtId): no second dossier or signal
    stuur(scenarios.notificatie("SS101", n.body["bsn"], OIN_A))
    assert Dossier.objects.count() == 1
    assert DossierEvent.objects.filter(soort=Soort.SIGNAAL_ONTVANGEN).count() == 1
    # a notification re-queued after processing does not record anything twice
    bericht = InkomendBericht.objects.first()
    InkomendBericht.objects.filter(pk=bericht.pk).update(status=Status.OPNIEUW)
    from inburgering.koppelingen.outbox import verwerk_alles

    verwerk_alles()
    assert DossierEvent.objects.count() == 2


def test_golf_van_50_zichtbaar_als_golf(scenarios, stuur, gem_a, gem_b):
    begin = timezone.now()
    stuur(scenarios.golf(OIN_A, 50))
    assert Dossier.objects.filter(gemeente=gem_a).count() == 50
    resultaat = golven([gem_a.pk, gem_b.pk], begin)
    assert len(resultaat) == 1
    assert resultaat[0].gemeente_id == gem_a.pk and resultaat[0].aantal == 50
    assert golven([gem_a.pk], timezone.now() + dt.timedelta(seconds=1)) == []


def test_ss139_bij_bestaand_dossier_is_huisvesting(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    stuur(scenarios.notificatie("SS139", n.body["bsn"], OIN_A))
    dossier = Dossier.objects.get()
    assert dossier.fase == Fase.GEHUISVEST
    assert dossier.brp_inschrijving_datum == timezone.localdate()


def test_verkeerde_wet_correctie_trekt_duo_registraties_in(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    stuur(scenarios.verkeerde_wet_correctie(n.body["bsn"], OIN_A))
    dossier = Dossier.objects.get()
    intrekkingen = dossier.events.filter(soort=Soort.INTREKKING)
    assert intrekkingen.count() == 2
    assert {e.corrigeert.soort for e in intrekkingen} == {
        Soort.SIGNAAL_ONTVANGEN,
        Soort.DOELGROEP_VASTGESTELD,
    }
    assert dossier.fase == ""  # no counting event left


def test_verkeerde_wet_met_eigen_registraties_half_niets_opgeslagen(scenarios, stuur, consulent_a):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    dossier = Dossier.objects.get()
    registreer(dossier, Soort.INTAKE_GESTART, timezone.localdate(), actor=consulent_a)
    telling = stuur(scenarios.verkeerde_wet_correctie(n.body["bsn"], OIN_A))
    assert telling.mislukt == 1
    # the first withdrawal succeeded inside the handler, the second failed: all rolled back
    assert not DossierEvent.objects.filter(soort=Soort.INTREKKING).exists()
    bericht = InkomendBericht.objects.get(gebeurtenis_id="SS110")
    assert bericht.status == Status.OPNIEUW and bericht.pogingen == 1
    assert "kan niet worden geregistreerd" in bericht.laatste_fout


def test_lbt_termijn_en_examen(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    bsn = n.body["bsn"]
    stuur(n)
    stuur(scenarios.lbt_resultaat(bsn, OIN_A, score="27,60"))
    stuur(scenarios.termijn_start(bsn, OIN_A))
    stuur(scenarios.examenresultaat(bsn, OIN_A))
    dossier = Dossier.objects.get()
    soorten = list(dossier.events.values_list("soort", flat=True))
    assert Soort.LBT_AANGEMELD in soorten
    lbt = dossier.events.get(soort=Soort.LBT_AFGENOMEN)
    assert lbt.gegevens["score"] == 28 and lbt.gegevens["resultaat"] == "B1-route haalbaar"
    termijn = dossier.events.get(soort=Soort.TERMIJN_DUO)
    start = timezone.localdate()
    assert termijn.gegevens["start"] == start.isoformat()
    assert termijn.gegevens["einde"] == (start.replace(year=start.year + 3)
                                         - dt.timedelta(days=1)).isoformat()  # fmt: skip
    examen = dossier.events.get(soort=Soort.EXAMENRESULTAAT)
    assert examen.gegevens["onderdeel"] == "KNM" and examen.gegevens["resultaat"] == "Geslaagd"
    assert InkomendBericht.objects.filter(status=Status.VERWERKT).count() == 5


def test_verhuizing_sluit_oud_en_opent_nieuw(scenarios, stuur, gem_a, gem_b):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    stuur(scenarios.verhuizing(n.body["bsn"], OIN_B))
    oud = Dossier.objects.get(gemeente=gem_a)
    nieuw = Dossier.objects.get(gemeente=gem_b)
    assert oud.fase == Fase.AFGEROND and oud.afsluitreden == Afsluitreden.VERHUISD
    assert nieuw.fase == Fase.GEHUISVEST
    vestiging = nieuw.events.get(soort=Soort.VESTIGING_NA_VERHUIZING)
    assert vestiging.gegevens["pip_vorige_gemeente"] is False
    assert InkomendBericht.objects.get(gebeurtenis_id="SS120").dossier == nieuw


def test_na_verhuizing_eigen_persoonsgegevens_uit_de_brp(scenarios, stuur, gem_a, gem_b):
    """The receiving gemeente gets a record of its own from the BRP, not what A stored."""
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    oud = Dossier.objects.get(gemeente=gem_a)
    Inburgeraar.objects.filter(pk=oud.inburgeraar_id).update(
        voornamen="Alleen bij A bekend", telefoon="0611111111"
    )
    stuur(scenarios.verhuizing(n.body["bsn"], OIN_B))
    nieuw = Dossier.objects.get(gemeente=gem_b)
    assert nieuw.inburgeraar_id != oud.inburgeraar_id
    assert nieuw.inburgeraar.gemeente == gem_b
    assert nieuw.inburgeraar.voornamen != "Alleen bij A bekend"
    assert nieuw.inburgeraar.telefoon == ""


def test_plicht_voldaan_sluit_dossier(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    stuur(scenarios.plicht_voldaan(n.body["bsn"], OIN_A))
    dossier = Dossier.objects.get()
    assert dossier.fase == Fase.AFGEROND and dossier.afsluitreden == Afsluitreden.VOLDAAN


def test_doelgroepwijziging(scenarios, stuur, sim):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    with sim.opslag.transactie() as staat:
        staat["personen"][n.body["bsn"]]["doelgroep"]["indeling"] = (
            "Gezinsmigrant en overige migrant"
        )
    stuur(scenarios.notificatie("SS124", n.body["bsn"], OIN_A))
    assert Dossier.objects.get().doelgroep == "gezinsmigrant_overig"


def test_besluit_zonder_dossier_wordt_alleen_bewaard(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(scenarios.notificatie("SS114", n.body["bsn"], OIN_A))
    bericht = InkomendBericht.objects.get()
    assert bericht.status == Status.VERWERKT and "Geen lopend dossier" in bericht.resultaat
    assert not Dossier.objects.exists()


def test_een_golf_staat_op_het_caseloaddashboard(scenarios, stuur, gem_a, client, teamleider_a):
    stuur(scenarios.golf(OIN_A, 6))
    client.force_login(teamleider_a)
    html = client.get(reverse("dossiers:caseload"), {"scope": "gemeente"}).content.decode()
    assert "Golf van aankomsten: 6 nieuwe inburgeringsplichtigen van DUO voor Utrecht" in html


def test_afstemmingsrapport_toont_een_pip_die_duo_niet_kent(
    scenarios, stuur, gem_a, client, teamleider_a
):
    stuur(scenarios.nieuwe_statushouder(OIN_A))
    dossier = Dossier.objects.get(gemeente=gem_a)
    for soort in (Soort.INTAKE_GESTART, Soort.INTAKE_AFGEROND):
        registreer(dossier, soort, timezone.localdate())
    registreer(dossier, Soort.PIP_VASTGESTELD, timezone.localdate(), gegevens={"leerroute": "b1"})
    client.force_login(teamleider_a)
    gestart = client.post(reverse("koppelingen:afstemming"), {"gemeente": gem_a.pk})
    assert gestart.status_code == 302
    wachtend = client.get(gestart["Location"]).content.decode()
    assert 'data-testid="afstemming-lopend"' in wachtend and "PIP niet bekend" not in wachtend
    assert afstemming.verwerk_wachtende() == 1  # what the worker does
    antwoord = client.get(reverse("koppelingen:afstemming"), {"gemeente": gem_a.pk})
    html = antwoord.content.decode()
    assert "PIP niet bekend bij DUO." in html
    assert "nooit (met succes) aan DUO geleverd" in html
    assert dossier.inburgeraar.naam in html


def test_afstemming_alleen_voor_rollen_met_dossiertoegang(client, beheerder):
    client.force_login(beheerder)
    assert client.get(reverse("koppelingen:afstemming")).status_code == 403


def test_afstemming_meldt_een_weigering_van_duo_in_plaats_van_te_falen(
    gemeente_a, dossier_a, duo_opname
):
    from inburgering.koppelingen.duo.afstemming import afstemmen

    # an OIN DUO does not know: DUO refuses every question
    gemeente_a.oin = "00000009999999999000"
    gemeente_a.save(update_fields=["oin"])
    rapport = afstemmen(gemeente_a)
    assert [b.onderwerp for b in rapport.bevindingen] == ["duo_antwoord"]
    assert "DUO gaf geen bruikbaar antwoord" in rapport.bevindingen[0].toelichting


def test_afstemming_zonder_oin_vraagt_duo_niets_en_zegt_waarom(
    gemeente_a, dossier_a, client, teamleider_a, settings
):
    """Without an OIN for `bron` no question can leave (an empty header is outside DUO's
    contract): the page says so and does not start a run; the service refuses as well."""
    import pytest

    from inburgering.koppelingen.duo.client import GeenAfzender
    from inburgering.koppelingen.models import Afstemmingsrun

    settings.DUO_AFNEMER_OIN = ""
    with pytest.raises(GeenAfzender):
        afstemming.afstemmen(gemeente_a)
    client.force_login(teamleider_a)
    pagina = client.get(reverse("koppelingen:afstemming"), {"gemeente": gemeente_a.pk})
    assert 'data-testid="afstemming-geen-oin"' in pagina.content.decode()
    gestart = client.post(reverse("koppelingen:afstemming"), {"gemeente": gemeente_a.pk})
    assert gestart.status_code == 302 and not Afstemmingsrun.objects.exists()
    settings.DUO_AFNEMER_OIN = "00000001001234567000"
    pagina = client.get(reverse("koppelingen:afstemming"), {"gemeente": gemeente_a.pk})
    assert 'data-testid="afstemming-geen-oin"' not in pagina.content.decode()
