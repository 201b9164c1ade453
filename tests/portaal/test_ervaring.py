"""The experience questionnaire at the dossier's milestones (issue 19 item 7): when it is
offered, once per milestone, skipping remembered, the monitoring table with cells under 10
suppressed and kept tables renewed, and the free-text page for the quality officer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from inburgering.accounts.models import Rol
from inburgering.dossiers.deadlines import inburgeringstermijn
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import Soort
from inburgering.monitoring.extractie import Selectie
from inburgering.monitoring.tabellen import bewaarde_tabellen
from inburgering.portaal import services
from inburgering.portaal.models import Ervaring, Ervaringsmoment, Portaalprofiel
from inburgering.portaal.monitoring import tabel
from inburgering.portaal.sessie import Burger
from tests.conftest import maak_gebruiker
from tests.monitoring.helpers import traject

from .conftest import log_in

START = dt.date(2025, 1, 6)
DAG = dt.timedelta(days=1)


def _burger(dossier) -> Burger:
    profiel, _ = Portaalprofiel.objects.get_or_create(inburgeraar=dossier.inburgeraar)
    return Burger(dossier, profiel)


def _met_intake(gemeente, **persoon):
    """Intake completed 29 days after START, PIP 30 days after, route started after 40."""
    return traject(gemeente, START, pip=30, start_route=40, **persoon)


# --- milestones ----------------------------------------------------------------------------


def test_mijlpaal_intake_vanaf_de_dag_van_afronding(gemeente_a):
    dossier = traject(gemeente_a, START, intake=10)
    assert services.ervaring_mijlpalen(dossier, START + 40 * DAG) == {}
    registreer(dossier, Soort.INTAKE_AFGEROND, START + 20 * DAG)
    dag = START + 20 * DAG
    assert services.ervaring_mijlpalen(dossier, dag - DAG) == {}
    assert services.ervaring_mijlpalen(dossier, dag) == {"intake": dag}


def test_mijlpaal_zes_maanden_na_de_start_van_de_leerroute(gemeente_a):
    dossier = _met_intake(gemeente_a)
    zes = dt.date(2025, 8, 15)  # route started on 15-02-2025
    assert "route" not in services.ervaring_mijlpalen(dossier, zes - DAG)
    assert services.ervaring_mijlpalen(dossier, zes)["route"] == zes


def test_mijlpaal_einde_bij_afsluiten(gemeente_a):
    dossier = _met_intake(gemeente_a)
    einde = dt.date(2025, 6, 2)
    registreer(dossier, Soort.DOSSIER_AFGESLOTEN, einde, gegevens={"reden": "verhuisd"})
    assert "einde" not in services.ervaring_mijlpalen(dossier, einde - DAG)
    assert services.ervaring_mijlpalen(dossier, einde)["einde"] == einde


def test_mijlpaal_einde_bij_het_einde_van_de_termijn(gemeente_a):
    dossier = _met_intake(gemeente_a)
    termijn = inburgeringstermijn(bereken_toestand(list(dossier.events.all())))
    einde = termijn.waarde.einde
    assert einde > START + 3 * 365 * DAG  # three years after the first PIP (Wi art. 7, 11)
    assert "einde" not in services.ervaring_mijlpalen(dossier, einde - DAG)
    assert services.ervaring_mijlpalen(dossier, einde)["einde"] == einde


# --- once per milestone, voluntary ---------------------------------------------------------

ANTWOORD = {"brieven": "ja", "contactpersoon": "nee", "route": "", "toelichting": "Goed"}


def test_eens_per_mijlpaal_en_daarna_de_volgende(gemeente_a):
    dossier = _met_intake(gemeente_a)
    burger = _burger(dossier)
    # Today the dossier is far past six months into the route, so "route" is open.
    assert services.open_ervaring(burger, START + 35 * DAG) == "intake"
    assert services.open_ervaring(burger) == "route"
    services.geef_ervaring(burger, mijlpaal="route", taal="en", **ANTWOORD)
    assert services.open_ervaring(burger) is None
    with pytest.raises(services.Portaalfout):
        services.geef_ervaring(burger, mijlpaal="route", taal="en", **ANTWOORD)
    with pytest.raises(services.Portaalfout):  # a lapsed milestone is not offered either
        services.geef_ervaring(burger, mijlpaal="intake", taal="en", **ANTWOORD)
    assert Ervaring.objects.count() == 1
    ervaring = Ervaring.objects.get()
    assert (ervaring.mijlpaal, ervaring.brieven, ervaring.route, ervaring.taal) == (
        "route",
        "ja",
        "",
        "en",
    )
    assert ervaring.maand == timezone.localdate().replace(day=1)
    assert not any(
        f.related_model and f.related_model.__name__ in ("Dossier", "Inburgeraar")
        for f in Ervaring._meta.get_fields()
    )
    # The end comes: a new milestone, a new questionnaire.
    vandaag = timezone.localdate()
    registreer(dossier, Soort.DOSSIER_AFGESLOTEN, vandaag, gegevens={"reden": "voldaan"})
    assert services.open_ervaring(burger) == "einde"


def test_overslaan_wordt_onthouden(gemeente_a):
    burger = _burger(_met_intake(gemeente_a))
    services.sla_ervaring_over(burger, "route")
    assert services.open_ervaring(burger) is None
    moment = Ervaringsmoment.objects.get()
    assert (moment.mijlpaal, moment.overgeslagen) == ("route", True)
    assert not Ervaring.objects.exists()


@pytest.fixture
def ingelogd(portaal_aan, gemeente_a, client):
    dossier = _met_intake(gemeente_a)
    log_in(client, portaal_aan, dossier.inburgeraar.bsn)
    return client


def test_pagina_vraagt_overslaan_en_vraagt_niet_nog_eens(ingelogd):
    overzicht = ingelogd.get(reverse("portaal:overzicht")).content.decode()
    assert "Vertel ons wat u van de hulp vindt" in overzicht
    pagina = ingelogd.get(reverse("portaal:ervaring")).content.decode()
    assert "Zijn de brieven van de gemeente duidelijk voor u?" in pagina
    assert "Zes maanden na de start van de leerroute" in pagina
    leeg = ingelogd.post(reverse("portaal:ervaring"), {"mijlpaal": "route"})
    assert leeg.status_code == 400
    assert "Beantwoord minstens één vraag" in leeg.content.decode()
    over = ingelogd.post(reverse("portaal:ervaring"), {"mijlpaal": "route", "overslaan": "1"})
    assert over.status_code == 302
    assert Ervaringsmoment.objects.get().overgeslagen
    assert "Vertel ons" not in ingelogd.get(reverse("portaal:overzicht")).content.decode()
    weer = ingelogd.get(reverse("portaal:ervaring")).content.decode()
    assert "Er zijn nu geen vragen voor u" in weer
    ingelogd.post(reverse("portaal:ervaring"), {"mijlpaal": "route", **ANTWOORD})
    assert not Ervaring.objects.exists()


@pytest.mark.parametrize("taal, richting", [("en", "ltr"), ("ar", "rtl")])
def test_vragenlijst_in_de_taal_van_de_persoon(ingelogd, taal, richting):
    ingelogd.cookies[settings.PORTAAL_TAAL_COOKIE] = taal
    antwoord = ingelogd.get(reverse("portaal:ervaring"))
    tekst = antwoord.content.decode()
    assert antwoord["Content-Language"] == taal
    assert f'lang="{taal}"' in tekst and f'dir="{richting}"' in tekst
    with translation.override(taal):
        kop, ja = translation.gettext("Uw ervaring"), translation.gettext("Een beetje")
    assert kop != "Uw ervaring" and kop in tekst
    assert ja != "Een beetje" and ja in tekst


# --- monitoring ----------------------------------------------------------------------------


def _antwoorden(gemeente, n, mijlpaal="intake", **velden):
    for i in range(n):
        Ervaring.objects.create(
            gemeente=gemeente,
            taal="nl",
            mijlpaal=mijlpaal,
            brieven=velden.get("brieven", "ja" if i % 2 else "nee"),
            contactpersoon=velden.get("contactpersoon", ""),
            maand=dt.date(2026, 3, 1),
            toelichting=velden.get("toelichting", ""),
        )


def _rij(t, mijlpaal_label, vraag):
    return next(r for r in t.rijen if r[0] == mijlpaal_label and r[1] == vraag)


def test_cellen_onder_de_tien_worden_niet_getoond(gemeente_a, gemeente_b):
    _antwoorden(gemeente_a, 10)  # brieven: 10 answers (5 ja, 5 nee)
    _antwoorden(gemeente_a, 9, "route", contactpersoon="ja", brieven="")
    _antwoorden(gemeente_b, 5, "route", contactpersoon="ja", brieven="")
    t = tabel(Selectie((gemeente_a.pk,), dt.date(2026, 12, 1)))
    assert _rij(t, "Na de brede intake", "Brieven zijn duidelijk")[2:] == [10, 50.0, 0.0, 50.0]
    assert _rij(t, "Na de brede intake", "Weet wie de contactpersoon is")[2:] == ["< 10"] * 4
    route = "Zes maanden na de start van de leerroute"
    assert _rij(t, route, "Weet wie de contactpersoon is")[2:] == ["< 10"] * 4
    assert "minder dan 10 mensen" in t.toelichting
    # Both gemeenten: 14 answers for the route milestone.
    beide = tabel(Selectie((gemeente_a.pk, gemeente_b.pk), dt.date(2026, 12, 1)))
    assert _rij(beide, route, "Weet wie de contactpersoon is")[2:] == [14, 100.0, 0.0, 0.0]
    # Before the month of the answers: nothing.
    eerder = tabel(Selectie((gemeente_a.pk,), dt.date(2026, 2, 28)))
    assert _rij(eerder, "Na de brede intake", "Brieven zijn duidelijk")[2] == "< 10"


def test_nieuw_antwoord_staat_bij_het_volgende_verzoek_in_de_tabel(
    gemeente_a, django_capture_on_commit_callbacks
):
    _antwoorden(gemeente_a, 9, "route", brieven="ja")
    sel = Selectie((gemeente_a.pk,), timezone.localdate())

    def rij():
        t = next(t for t in bewaarde_tabellen(sel)[1] if t.sleutel == "ervaringen")
        return _rij(t, "Zes maanden na de start van de leerroute", "Brieven zijn duidelijk")

    assert rij()[2] == "< 10"
    burger = _burger(_met_intake(gemeente_a))
    with django_capture_on_commit_callbacks(execute=True):
        services.geef_ervaring(burger, mijlpaal="route", taal="nl", **ANTWOORD)
    assert rij()[2:] == [10, 100.0, 0.0, 0.0]


def test_toelichtingen_zonder_namen_in_eigen_gemeenten(client, gemeente_a, gemeente_b):
    dossier = _met_intake(gemeente_a, voornamen="Zainab", geslachtsnaam="Haddad")
    services.geef_ervaring(
        _burger(dossier),
        mijlpaal="route",
        taal="ar",
        brieven="nee",
        contactpersoon="ja",
        route="beetje",
        toelichting="De brieven zijn moeilijk.",
    )
    _antwoorden(gemeente_b, 1, toelichting="Tekst uit gemeente B")
    kwaliteit = maak_gebruiker("kwaliteit_a", Rol.KWALITEIT, gemeente_a)
    client.force_login(kwaliteit)
    antwoord = client.get(reverse("ervaringen:toelichtingen"))
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "De brieven zijn moeilijk." in tekst
    assert "Zes maanden na de start van de leerroute" in tekst
    assert "Tekst uit gemeente B" not in tekst
    for persoonlijk in ("Zainab", "Haddad", str(dossier.uuid), dossier.inburgeraar.bsn):
        assert persoonlijk not in tekst
    vandaag = timezone.localdate()
    assert vandaag.strftime("%d-%m-%Y") not in tekst  # the month only
    from inburgering.accounts.models import Inzagelog

    assert not Inzagelog.objects.filter(gebruiker=kwaliteit).exists()


def test_toelichtingen_alleen_voor_monitoringrollen(client, consulent_a, teamleider_a):
    client.force_login(consulent_a)
    assert client.get(reverse("ervaringen:toelichtingen")).status_code == 403
    client.force_login(teamleider_a)
    assert client.get(reverse("ervaringen:toelichtingen")).status_code == 200
