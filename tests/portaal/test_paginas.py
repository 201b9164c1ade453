"""What the citizen sees and may change: appointments (confirm, ask to reschedule, .ics), the
plan, the route, letters, contact details; the writes are events with source "inburgeraar"."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.models import Bron
from inburgering.dossiers.workflow import Soort
from inburgering.intake.afspraken import plan_afspraak
from inburgering.intake.brieven import kenmerk_van, maak_brief, markeer_verzonden
from inburgering.intake.models import Briefsoort, Kanaal
from inburgering.portaal.models import Portaalprofiel

from .conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingelogd(portaal_aan, burgerdossier, client):
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    return client


def test_overzicht_toont_contactpersoon_afspraak_en_wat_te_doen(ingelogd, burgerdossier):
    tekst = ingelogd.get(reverse("portaal:overzicht")).content.decode()
    assert burgerdossier.consulent.get_full_name() in tekst
    assert "Stadskantoor" in tekst
    assert "Laat ons weten of u naar de afspraak" in tekst
    assert "Maandag tot en met vrijdag" in tekst


def test_afspraak_bevestigen_is_een_gebeurtenis_van_de_inburgeraar(ingelogd, burgerdossier):
    afspraak = burgerdossier.afspraken.get()
    antwoord = ingelogd.post(reverse("portaal:bevestigen", args=[afspraak.pk]))
    assert antwoord.status_code == 302
    event = burgerdossier.events.get(soort=Soort.AFSPRAAK_BEVESTIGD)
    assert event.bron == Bron.INBURGERAAR and event.actor is None
    assert event.gegevens["afspraak"] == afspraak.pk
    pagina = ingelogd.get(reverse("portaal:afspraken")).content.decode()
    assert "U heeft bevestigd dat u komt." in pagina
    # A second time: refused with a message, no second event.
    ingelogd.post(reverse("portaal:bevestigen", args=[afspraak.pk]))
    assert burgerdossier.events.filter(soort=Soort.AFSPRAAK_BEVESTIGD).count() == 1
    assert "al bevestigd" in ingelogd.get(reverse("portaal:afspraken")).content.decode()


def test_vragen_om_te_verzetten_met_wens(ingelogd, burgerdossier):
    afspraak = burgerdossier.afspraken.get()
    ingelogd.post(reverse("portaal:verzetten", args=[afspraak.pk]), {"wens": "Liever dinsdag"})
    event = burgerdossier.events.get(soort=Soort.VERZETTEN_GEVRAAGD)
    assert event.bron == Bron.INBURGERAAR and event.gegevens["wens"] == "Liever dinsdag"
    te_lang = ingelogd.post(reverse("portaal:verzetten", args=[afspraak.pk]), {"wens": "x" * 301})
    assert te_lang.status_code == 302
    assert burgerdossier.events.filter(soort=Soort.VERZETTEN_GEVRAAGD).count() == 1


def test_een_voorbije_afspraak_kan_niet_meer_bevestigd(ingelogd, burgerdossier, consulent_a):
    oud = plan_afspraak(
        burgerdossier,
        medewerker=consulent_a,
        soort="intake",
        vorm="telefoon",
        begin=timezone.now() - dt.timedelta(hours=2),
    )
    ingelogd.post(reverse("portaal:bevestigen", args=[oud.pk]))
    assert not burgerdossier.events.filter(soort=Soort.AFSPRAAK_BEVESTIGD).exists()


def test_ics_bestand_van_de_afspraak(ingelogd, burgerdossier):
    afspraak = burgerdossier.afspraken.get()
    antwoord = ingelogd.get(reverse("portaal:afspraak_ics", args=[afspraak.pk]))
    assert antwoord["Content-Type"].startswith("text/calendar")
    tekst = antwoord.content.decode()
    begin = afspraak.begin.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{begin}" in tekst
    assert "BEGIN:VEVENT" in tekst and "LOCATION:Stadskantoor" in tekst
    assert tekst.endswith("END:VCALENDAR\r\n")
    assert burgerdossier.inburgeraar.bsn not in tekst


def test_ongeldige_telefoon_en_email_worden_bij_het_veld_geweigerd(ingelogd, burgerdossier):
    antwoord = ingelogd.post(
        reverse("portaal:gegevens"), {"telefoon": "12ab", "email": "geen-adres", "taal": "nl"}
    )
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert "Dit is geen goed telefoonnummer" in tekst
    assert "Dit is geen goed e-mailadres" in tekst
    assert 'id="id_telefoon_error"' in tekst
    burgerdossier.inburgeraar.refresh_from_db()
    assert burgerdossier.inburgeraar.telefoon == "0612345678"
    assert not burgerdossier.events.filter(soort=Soort.PERSOONSGEGEVENS_GEWIJZIGD).exists()


@pytest.mark.parametrize("nummer", ["06 1234 567", "+31 6 12345678 999 99", "06-12-34"])
def test_telefoonnummers_met_te_weinig_of_te_veel_cijfers(ingelogd, nummer):
    antwoord = ingelogd.post(reverse("portaal:gegevens"), {"telefoon": nummer, "taal": "nl"})
    assert antwoord.status_code == 400


def test_gegevens_wijzigen_wordt_vastgelegd_en_de_taal_onthouden(ingelogd, burgerdossier):
    antwoord = ingelogd.post(
        reverse("portaal:gegevens"),
        {"telefoon": "+31 6 87654321", "email": "amal@voorbeeld.nl", "taal": "ti"},
    )
    assert antwoord.status_code == 302
    assert antwoord.cookies["portaal_taal"].value == "ti"
    persoon = burgerdossier.inburgeraar
    persoon.refresh_from_db()
    assert (persoon.telefoon, persoon.email, persoon.voorkeurstaal) == (
        "+31 6 87654321",
        "amal@voorbeeld.nl",
        "ti",
    )
    event = burgerdossier.events.get(soort=Soort.PERSOONSGEGEVENS_GEWIJZIGD)
    assert event.bron == Bron.INBURGERAAR
    assert {w["veld"] for w in event.gegevens["wijzigingen"]} == {
        "telefoon",
        "email",
        "voorkeurstaal",
    }
    assert Portaalprofiel.objects.get(inburgeraar=persoon).taal == "ti"


def test_taal_wordt_bij_de_volgende_inlog_uit_het_profiel_gehaald(
    portaal_aan, burgerdossier, client
):
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    client.post(reverse("portaal:taal"), {"taal": "ar", "volgende": "/portaal/overzicht/"})
    assert Portaalprofiel.objects.get(inburgeraar=burgerdossier.inburgeraar).taal == "ar"
    from django.test import Client

    nieuw = Client()  # another device: no cookie yet
    antwoord = log_in(nieuw, portaal_aan, burgerdossier.inburgeraar.bsn)
    assert antwoord.cookies["portaal_taal"].value == "ar"
    pagina = nieuw.get(reverse("portaal:overzicht")).content.decode()
    assert 'lang="ar" dir="rtl"' in pagina


def test_taalkeuze_gaat_niet_naar_een_andere_site(client):
    antwoord = client.post(
        reverse("portaal:taal"), {"taal": "uk", "volgende": "https://elders.example/"}
    )
    assert antwoord["Location"] == reverse("portaal:start")
    assert antwoord.cookies["portaal_taal"].value == "uk"


def test_stafpaginas_blijven_nederlands_of_engels(client, consulent_a):
    """The portal's language cookie does not reach the staff pages."""
    client.cookies["portaal_taal"] = "ar"
    client.force_login(consulent_a)
    antwoord = client.get(reverse("dossiers:caseload"))
    assert antwoord["Content-Language"] == "nl"
    assert 'dir="rtl"' not in antwoord.content.decode()


def test_brieven_alleen_verzonden_en_als_pdf(ingelogd, burgerdossier, consulent_a):
    verzonden = maak_brief(
        burgerdossier, Briefsoort.HERINNERING_AFSPRAAK, kanaal=Kanaal.EMAIL, actor=consulent_a
    )
    markeer_verzonden(verzonden, kanaal=Kanaal.EMAIL, datum=timezone.localdate(), actor=consulent_a)
    concept = maak_brief(
        burgerdossier, Briefsoort.HERINNERING_AFSPRAAK, kanaal=Kanaal.EMAIL, actor=consulent_a
    )
    tekst = ingelogd.get(reverse("portaal:brieven")).content.decode()
    assert reverse("portaal:brief_pdf", args=[kenmerk_van(verzonden)]) in tekst
    naar_concept = reverse("portaal:brief_pdf", args=[kenmerk_van(concept)])
    assert naar_concept not in tekst
    assert ingelogd.get(naar_concept).status_code == 404
    pdf = ingelogd.get(reverse("portaal:brief_pdf", args=[kenmerk_van(verzonden)]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_plan_en_route_zonder_pip(ingelogd):
    assert "U heeft nog geen plan" in ingelogd.get(reverse("portaal:plan")).content.decode()
    route = ingelogd.get(reverse("portaal:route")).content.decode()
    assert "U volgt nog geen lessen." in route
    assert "Uw tijd om in te burgeren begint als uw plan klaar is." in route


def test_plan_en_route_met_pip_en_les(met_plan_en_les):
    _dossier, client = met_plan_en_les
    plan = client.get(reverse("portaal:plan")).content.decode()
    assert "B1-route: u leert Nederlands tot niveau B1." in plan
    assert "12 uur per week" in plan
    route = client.get(reverse("portaal:route")).content.decode()
    assert "U moet klaar zijn met inburgeren op" in route
    assert "Product b1" in route and "Taalhuis Voorbeeld" in route
    assert "30 van 40 uur" in route and "(75%)" in route
    assert "U volgt deze les" in route


def test_route_toont_wat_de_gemeente_betaalt_zonder_betaalgegevens(
    ingelogd, burgerdossier, consulent_a, collega_a, gemeente_a
):
    """Financieel ontzorgen in the portal: per fixed cost whether and up to which month the
    gemeente paid it, never the payee, IBAN or amount."""
    from inburgering.ontzorgen import services as ontzorgen
    from tests.ontzorgen.factories import GELDIG_IBAN, beleid, gestart, met_huur

    zonder = ingelogd.get(reverse("portaal:route")).content.decode()
    assert "Wat de gemeente voor u betaalt" not in zonder
    beleid(gemeente_a)
    start = burgerdossier.kennisgeving_datum
    ontzorging = gestart(burgerdossier, consulent_a, start=start)
    met_huur(ontzorging, consulent_a)
    maand = start.replace(day=1)
    ontzorgen.keur_batch_goed(ontzorgen.maak_batch(gemeente_a, maand, actor=consulent_a), collega_a)
    tekst = ingelogd.get(reverse("portaal:route")).content.decode()
    assert "Wat de gemeente voor u betaalt" in tekst
    assert f"tot en met {ontzorging.einde:%d-%m-%Y}" in tekst
    assert f"Huur: betaald tot en met {maand:%m-%Y}" in tekst
    # Once, in the page itself: not also inside the <title> (a merge once put it there).
    assert tekst.count('id="kop-betalingen"') == 1
    assert "<section" not in tekst.split("<title>")[1].split("</title>")[0]
    assert GELDIG_IBAN not in tekst and "Woonstichting De Sleutel" not in tekst


def test_route_toont_de_voortgang_van_pvt_map_en_zroute(portaal_aan, duo_simulator, client,
                                                        gemeente_a, consulent_a):  # fmt: skip
    """Issue 19 item 2: the route with PVT, MAP and Z-route progress in the person's words."""
    from inburgering.pip import services as pip_services
    from inburgering.traject import services as traject
    from tests.traject.factories import geplaatst, klaar_voor_plaatsing, maak_contract, met_uren

    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a)
    vandaag = timezone.localdate()
    maand = (vandaag.replace(day=1) - dt.timedelta(days=1)).replace(day=1)

    def plaats(soort: str, kenmerk: str):
        return geplaatst(
            dossier,
            maak_contract(gemeente_a, soort=soort, kenmerk=kenmerk),
            consulent_a,
            aangemeld_op=vandaag - dt.timedelta(days=70),
            gestart_op=vandaag - dt.timedelta(days=65),
        )

    pvt = plaats("pvt", "PVT-1")
    met_uren(pvt, consulent_a, [(maand, 12, 9)])
    traject.registreer_onderdelen(pvt, kernwaarden_activiteit_op=vandaag, actor=consulent_a)
    map_ = plaats("map", "MAP-1")
    traject.registreer_onderdelen(map_, map_themas=["a", "b", "c"], actor=consulent_a)
    pip_services.nieuwe_versie(dossier, reden="schakelen", leerroute="z", actor=consulent_a)
    zroute = plaats("z", "Z-1")
    met_uren(zroute, consulent_a, [(maand, 40, 30)])
    log_in(client, portaal_aan, dossier.inburgeraar.bsn)
    tekst = unescape(client.get(reverse("portaal:route")).content.decode())
    assert "Participatieverklaring: 9 van de 12 uur gevolgd." in tekst
    assert "Activiteit over de kernwaarden van Nederland: gedaan." in tekst
    assert "U moet de participatieverklaring nog ondertekenen." in tekst
    assert "3 van de 8 onderwerpen over werk gedaan." in tekst
    assert "Het eindgesprek komt nog." in tekst
    assert "Z-route: 30 van de 800 uur les gevolgd." in tekst
    assert "Z-route: 0 van de" in tekst  # participation hours: none yet (asielstatushouder)
