"""Participation follow-up, costs and dual activities on the dossier (issue 6)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.forms import GebeurtenisForm
from inburgering.dossiers.forms_uitkomsten import bedrag_in_centen
from inburgering.dossiers.models import DossierEvent
from inburgering.dossiers.services import registreer
from inburgering.dossiers.uitkomsten import stand
from inburgering.dossiers.workflow import Soort, toegestane_events
from inburgering.wet.kalender import plus_maanden
from tests.conftest import maak_gebruiker
from tests.monitoring.helpers import traject

pytestmark = pytest.mark.django_db
S = Soort
NIEUW = {
    S.PARTICIPATIE_GEMETEN,
    S.KOSTEN_GEREGISTREERD,
    S.DUALE_ACTIVITEIT_GESTART,
    S.DUALE_ACTIVITEIT_BEEINDIGD,
}


@pytest.fixture
def vandaag():
    return timezone.localdate()


@pytest.fixture
def in_route(gemeente_a, consulent_a, vandaag):
    """Route started 300 days ago (kennisgeving 360 days ago, PIP 30 days after it)."""
    return traject(gemeente_a, vandaag - dt.timedelta(days=360), consulent=consulent_a, pip=30,
                   start_route=60)  # fmt: skip


@pytest.fixture
def ingelogd(client, consulent_a):
    client.force_login(consulent_a)
    return client


def _url(dossier):
    return reverse("dossiers:uitkomsten", kwargs={"uuid": dossier.uuid})


def _aantal(dossier):
    return DossierEvent.objects.filter(dossier=dossier, soort__in=NIEUW).count()


def _post(client, dossier, actie, **velden):
    return client.post(_url(dossier), {"actie": actie, **velden})


def _nl(datum):
    return datum.strftime("%d-%m-%Y")


# --- The dossier's follow-up state ----------------------------------------------------------


def test_follow_up_moments_from_the_route_start(gemeente_a):
    d = traject(gemeente_a, dt.date(2023, 11, 16), pip=30, start_route=60)  # start 2024-01-15
    s = stand(d.events.all(), dt.date(2024, 8, 1))
    assert s.route_start == dt.date(2024, 1, 15)
    assert [(m.moment, m.datum_verwacht, m.stand) for m in s.metingen] == [
        (6, dt.date(2024, 7, 15), "nu"),  # due, less than a month ago
        (12, dt.date(2025, 1, 15), "gepland"),
        (24, dt.date(2026, 1, 15), "gepland"),
    ]
    assert stand(d.events.all(), dt.date(2024, 8, 16)).meting(6).stand == "te_laat"
    registreer(d, S.PARTICIPATIE_GEMETEN, dt.date(2024, 8, 10),
               gegevens={"moment": "6", "status": ["werk", "uitkering"]})  # fmt: skip
    m = stand(d.events.all(), dt.date(2024, 8, 16)).meting(6)
    assert (m.stand, m.statussen) == ("gemeten", ["Werk", "Uitkering"])
    registreer(d, S.DOSSIER_AFGESLOTEN, dt.date(2024, 12, 1), gegevens={"reden": "verhuisd"})
    assert stand(d.events.all(), dt.date(2025, 6, 1)).meting(12).stand == "vervalt"


def test_dual_activities_and_costs_in_the_state(gemeente_a):
    d = traject(gemeente_a, dt.date(2023, 11, 16), pip=30, start_route=60)
    registreer(
        d,
        S.DUALE_ACTIVITEIT_GESTART,
        dt.date(2024, 2, 1),
        gegevens={"activiteit": "werk", "organisatie": "Bakkerij", "uren_per_week": 12},
    )
    registreer(
        d, S.DUALE_ACTIVITEIT_BEEINDIGD, dt.date(2024, 5, 1), gegevens={"activiteit": "werk"}
    )
    registreer(
        d,
        S.KOSTEN_GEREGISTREERD,
        dt.date(2024, 2, 1),
        gegevens={"bedrag_cents": 123_456, "post": "leerroute"},
    )
    registreer(d, S.KOSTEN_GEREGISTREERD, dt.date(2024, 3, 1),
               gegevens={"bedrag_cents": 4_400, "post": "tolk"})  # fmt: skip
    s = stand(d.events.all(), dt.date(2024, 6, 1))
    [a] = s.activiteiten
    assert (a.activiteit, a.start, a.einde, a.organisatie, a.uren_per_week) == (
        "werk", dt.date(2024, 2, 1), dt.date(2024, 5, 1), "Bakkerij", 12)  # fmt: skip
    assert s.lopend == {}
    assert (s.kosten_cents, s.kosten_euro) == (127_856, "1.278,56")
    assert s.kosten_posten_euro == [("Leerroute", "1.234,56"), ("Tolk", "44,00")]
    # On an earlier date the activity still ran and the tolk was not yet paid.
    eerder = stand(d.events.all(), dt.date(2024, 2, 15))
    assert set(eerder.lopend) == {"werk"} and eerder.kosten_cents == 123_456


def test_generic_step_form_does_not_offer_the_new_events():
    form = GebeurtenisForm(toegestaan=toegestane_events("in_leerroute"))
    aangeboden = {waarde for waarde, _label in form.fields["soort"].choices}
    assert set(toegestane_events("in_leerroute")) >= NIEUW
    assert not (aangeboden & NIEUW)


@pytest.mark.parametrize(
    ("tekst", "centen"),
    [("1.250,50", 125_050), ("1250,5", 125_050), ("€ 1250", 125_000), ("1250.50", 125_050),
     ("1.500", 150_000), ("0,01", 1)],
)  # fmt: skip
def test_amounts_in_dutch_notation(tekst, centen):
    assert bedrag_in_centen(tekst) == centen


# --- Recording through the page -------------------------------------------------------------


def test_record_a_measurement_and_see_it(ingelogd, in_route, vandaag):
    start = vandaag - dt.timedelta(days=300)
    datum = plus_maanden(start, 6) + dt.timedelta(days=3)
    antwoord = _post(ingelogd, in_route, "participatie", datum=datum.isoformat(), moment="6",
                     status=["werk", "uitkering"], uren_werk="20")  # fmt: skip
    assert antwoord.status_code == 302
    event = DossierEvent.objects.get(dossier=in_route, soort=S.PARTICIPATIE_GEMETEN)
    assert event.gegevens == {"moment": "6", "status": ["uitkering", "werk"], "uren_werk": 20}
    assert (event.datum, event.actor, event.bron) == (datum, ingelogd_user(ingelogd), "gebruiker")
    html = ingelogd.get(_url(in_route)).content.decode()
    assert f"gemeten op {_nl(datum)}" in html and "Werk, Uitkering" in html
    overzicht = ingelogd.get(reverse("dossiers:dossier", kwargs={"uuid": in_route.uuid}))
    assert "Participatie en uitkomsten" in overzicht.content.decode()


def ingelogd_user(client):
    from django.contrib.auth import get_user

    return get_user(client)


def test_measurement_errors_are_dutch_and_nothing_is_saved(ingelogd, in_route, vandaag):
    start = vandaag - dt.timedelta(days=300)
    gevallen = [
        ({"datum": (vandaag + dt.timedelta(days=1)).isoformat(), "moment": "6",
          "status": ["werk"]}, "Deze datum ligt in de toekomst."),
        ({"datum": (start + dt.timedelta(days=10)).isoformat(), "moment": "6",
          "status": ["werk"]},
         f"De meting na 6 maanden kan vanaf {_nl(plus_maanden(start, 5))}"),
        ({"datum": vandaag.isoformat(), "moment": "6", "status": ["geen", "werk"]},
         "&#x27;Geen van deze&#x27; en &#x27;Onbekend&#x27; gaan niet samen"),
        ({"datum": vandaag.isoformat(), "moment": "6"}, "Kies ten minste één situatie."),
        ({"datum": vandaag.isoformat(), "moment": "6", "status": ["uitkering"],
          "uren_werk": "12"}, "Vul uren werk alleen in als de persoon werkt."),
        ({"datum": vandaag.isoformat(), "moment": "6", "status": ["werk"], "correctie": "on"},
         "Er is voor dit moment nog geen meting om te vervangen."),
    ]  # fmt: skip
    for velden, melding in gevallen:
        antwoord = _post(ingelogd, in_route, "participatie", **velden)
        assert antwoord.status_code == 400, velden
        assert melding in antwoord.content.decode(), velden
    assert _aantal(in_route) == 0


def test_measurement_before_the_route_starts_is_refused(ingelogd, gemeente_a, consulent_a,
                                                        vandaag):  # fmt: skip
    d = traject(gemeente_a, vandaag - dt.timedelta(days=100), consulent=consulent_a, pip=30)
    antwoord = _post(ingelogd, d, "participatie", datum=vandaag.isoformat(), moment="6",
                     status=["werk"])  # fmt: skip
    assert antwoord.status_code == 400
    assert "De leerroute is nog niet gestart" in antwoord.content.decode()
    assert _aantal(d) == 0


def test_a_second_measurement_needs_the_correction_box(ingelogd, in_route, vandaag):
    datum = plus_maanden(vandaag - dt.timedelta(days=300), 6).isoformat()
    _post(ingelogd, in_route, "participatie", datum=datum, moment="6", status=["geen"])
    eerste = DossierEvent.objects.get(dossier=in_route, soort=S.PARTICIPATIE_GEMETEN)
    antwoord = _post(ingelogd, in_route, "participatie", datum=datum, moment="6", status=["werk"])
    assert antwoord.status_code == 400
    assert "Voor dit moment is al een meting vastgelegd" in antwoord.content.decode()
    assert _aantal(in_route) == 1
    antwoord = _post(ingelogd, in_route, "participatie", datum=datum, moment="6",
                     status=["werk"], correctie="on")  # fmt: skip
    assert antwoord.status_code == 302
    tweede = DossierEvent.objects.filter(dossier=in_route, soort=S.PARTICIPATIE_GEMETEN).latest(
        "id"
    )
    assert tweede.corrigeert == eerste
    assert stand(in_route.events.all(), vandaag).meting(6).statussen == ["Werk"]


def test_costs_are_validated_and_stored_in_cents(ingelogd, in_route, vandaag):
    dag = vandaag.isoformat()
    for bedrag, melding in [
        ("0", "Het bedrag moet groter zijn dan € 0."),
        ("-5", "Het bedrag moet groter zijn dan € 0."),
        ("60000", "Het bedrag is hoger dan € 50.000"),
        ("12,345", "Gebruik hoogstens twee cijfers achter de komma."),
        ("twaalf", "Vul een bedrag in, bijvoorbeeld 1250,00."),
    ]:
        antwoord = _post(ingelogd, in_route, "kosten", datum=dag, bedrag=bedrag, post="tolk")
        assert antwoord.status_code == 400 and melding in antwoord.content.decode(), bedrag
    morgen = (vandaag + dt.timedelta(days=1)).isoformat()
    antwoord = _post(ingelogd, in_route, "kosten", datum=morgen, bedrag="10", post="tolk")
    assert "Deze datum ligt in de toekomst." in antwoord.content.decode()
    assert _aantal(in_route) == 0
    antwoord = _post(ingelogd, in_route, "kosten", datum=dag, bedrag="1.250,50",
                     post="leerroute", aanbieder="Taalschool")  # fmt: skip
    assert antwoord.status_code == 302
    event = DossierEvent.objects.get(dossier=in_route, soort=S.KOSTEN_GEREGISTREERD)
    assert event.gegevens == {"bedrag_cents": 125_050, "post": "leerroute",
                              "aanbieder": "Taalschool"}  # fmt: skip
    assert "€ 1.250,50" in ingelogd.get(_url(in_route)).content.decode()


def test_dual_activity_start_and_end(ingelogd, in_route, vandaag):
    start = vandaag - dt.timedelta(days=30)
    antwoord = _post(ingelogd, in_route, "duaal_start", datum=start.isoformat(),
                     activiteit="stage", organisatie="Zorggroep", uren_per_week="16")  # fmt: skip
    assert antwoord.status_code == 302
    antwoord = _post(ingelogd, in_route, "duaal_start", datum=vandaag.isoformat(),
                     activiteit="stage")  # fmt: skip
    assert antwoord.status_code == 400
    assert f"Er loopt al een activiteit van deze soort sinds {_nl(start)}" in (
        antwoord.content.decode()
    )
    antwoord = _post(ingelogd, in_route, "duaal_einde", activiteit="stage",
                     datum=(start - dt.timedelta(days=1)).isoformat())  # fmt: skip
    assert "De einddatum ligt vóór de start" in antwoord.content.decode()
    antwoord = _post(ingelogd, in_route, "duaal_einde", activiteit="werk",
                     datum=vandaag.isoformat())  # fmt: skip
    assert antwoord.status_code == 400
    assert _aantal(in_route) == 1
    antwoord = _post(ingelogd, in_route, "duaal_einde", activiteit="stage",
                     datum=vandaag.isoformat())  # fmt: skip
    assert antwoord.status_code == 302
    [a] = stand(in_route.events.all(), vandaag).activiteiten
    assert (a.activiteit, a.start, a.einde, a.uren_per_week) == ("stage", start, vandaag, 16)


# --- Access ---------------------------------------------------------------------------------


def test_other_gemeente_gets_404_and_nothing_is_saved(client, in_route, consulent_b, vandaag):
    client.force_login(consulent_b)
    assert client.get(_url(in_route)).status_code == 404
    antwoord = _post(client, in_route, "kosten", datum=vandaag.isoformat(), bedrag="10",
                     post="tolk")  # fmt: skip
    assert antwoord.status_code == 404
    assert _aantal(in_route) == 0


def test_roles_without_dossier_access_get_403(client, in_route, gemeente_a):
    client.force_login(maak_gebruiker("bea_beheer", "beheerder", gemeente_a))
    assert client.get(_url(in_route)).status_code == 403


def test_the_page_is_logged(ingelogd, in_route):
    from inburgering.accounts.models import Inzagelog

    ingelogd.get(_url(in_route))
    assert Inzagelog.objects.filter(dossier=in_route, doel="uitkomsten").count() == 1
