"""Issue 19 item 2: the person sees ALL letters the gemeente sent them as PDF, from every app
that writes them (`brieven.verzonden`): the intake's letters, the PIP beschikking of every
vastgestelde version, the fine letters (voornemen, beschikking). Only once sent or vastgesteld;
per letter its kind and date in the person's language, the Dutch letter and an explanation;
another person's letter is the same 404 as one that does not exist; every download is logged.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from inburgering.accounts.models import Inzagelog
from inburgering.brieven.verzonden import (
    BRONNEN,
    Verzondenbrief,
    registreer_briefbron,
    verzonden_brieven,
)
from inburgering.dossiers.workflow import Soort
from inburgering.handhaving.services import kenmerk_beschikking, kenmerk_voornemen
from inburgering.intake.brieven import kenmerk_van
from inburgering.pip import documenten
from inburgering.portaal.services import PORTAALACCOUNT
from tests.pip.factories import concept, dossier_klaar

from .conftest import log_in, met_alle_brieven

pytestmark = pytest.mark.django_db


@pytest.fixture
def alles(duo_simulator, gemeente_a, consulent_a):
    return met_alle_brieven(gemeente_a, consulent_a)


def _kenmerken(w: dict) -> dict[str, str]:
    return {
        "herinnering": kenmerk_van(w["herinnering"]),
        "pip": documenten.kenmerk_van(w["pip"]),
        "voornemen": kenmerk_voornemen(w["zaak"]),
        "beschikking": kenmerk_beschikking(w["zaak"]),
    }


def _pdf_url(kenmerk: str) -> str:
    return reverse("portaal:brief_pdf", args=[kenmerk])


def _ingelogd(portaal_aan, dossier, taal: str | None = None) -> Client:
    client = Client()
    if taal:
        client.cookies["portaal_taal"] = taal
    log_in(client, portaal_aan, dossier.inburgeraar.bsn)
    return client


def test_elke_soort_brief_staat_er_een_keer_met_pdf(portaal_aan, alles):
    client = _ingelogd(portaal_aan, alles["dossier"])
    tekst = client.get(reverse("portaal:brieven")).content.decode()
    for naam, kenmerk in _kenmerken(alles).items():
        assert tekst.count(f'href="{_pdf_url(kenmerk)}"') == 1, naam
        antwoord = client.get(_pdf_url(kenmerk))
        assert antwoord.status_code == 200, naam
        assert antwoord["Content-Type"] == "application/pdf"
        assert antwoord.content.startswith(b"%PDF"), naam
        assert kenmerk in antwoord["Content-Disposition"]
    # Title in the person's language, kind, the Dutch subject and the explanation per kind.
    assert "Besluit over uw plan (PIP)" in tekst
    assert "De gemeente wil u een boete geven" in tekst
    assert "Besluit: u krijgt een boete" in tekst
    assert "Herinnering aan een afspraak" in tekst
    assert '<bdi lang="nl">Voornemen tot het opleggen van een boete</bdi>' in tekst
    assert "Dit is het besluit over uw plan (PIP)." in tekst
    assert "Dit is een besluit: u krijgt een boete." in tekst
    # The zienswijze term from the case, the bezwaar term from the decisions' dates.
    zaak = alles["zaak"]
    assert f"Vertel het de gemeente uiterlijk op {zaak.zienswijze_tot:%d-%m-%Y}." in tekst
    for datum in (zaak.beschikt_op, alles["pip"].dagtekening):
        assert f"uiterlijk op {datum + dt.timedelta(weeks=6):%d-%m-%Y} hebben" in tekst
    # Newest first: today's letters before the voornemen, the PIP of months ago last.
    volgorde = [tekst.index(f'href="{_pdf_url(k)}"') for k in _kenmerken(alles).values()]
    herinnering, pip, voornemen, beschikking = volgorde
    assert max(herinnering, beschikking) < voornemen < pip
    # The PIP summary in the person's words next to its beschikking.
    assert "Uw plan in uw taal" in tekst
    assert "B1-route: u leert Nederlands tot niveau B1." in tekst


def test_concepten_en_onverzonden_brieven_staan_er_niet(portaal_aan, alles, consulent_a):
    dossier = alles["dossier"]
    client = _ingelogd(portaal_aan, dossier)
    tekst = client.get(reverse("portaal:brieven")).content.decode()
    onverzonden = kenmerk_van(alles["niet_verzonden"])
    assert _pdf_url(onverzonden) not in tekst
    assert client.get(_pdf_url(onverzonden)).status_code == 404
    # A fine case without voornemen has no letter: only the one case's two letters.
    zonder = alles["zaak_zonder_brief"]
    for kenmerk in (kenmerk_voornemen(zonder), kenmerk_beschikking(zonder)):
        assert _pdf_url(kenmerk) not in tekst
        assert client.get(_pdf_url(kenmerk)).status_code == 404
    assert sum(1 for b in verzonden_brieven(dossier) if b.bron == alles["zaak"]) == 2


def test_een_pip_in_concept_is_geen_brief(portaal_aan, duo_simulator, gemeente_a, consulent_a):
    dossier = dossier_klaar(gemeente_a, consulent_a)
    versie = concept(dossier, consulent_a)
    client = _ingelogd(portaal_aan, dossier)
    tekst = client.get(reverse("portaal:brieven")).content.decode()
    assert "U heeft nog geen brieven." in tekst
    assert client.get(_pdf_url(documenten.kenmerk_van(versie))).status_code == 404


def test_elke_verzonden_brief_in_het_log_staat_in_de_lijst(alles):
    """Every letter the brieven app recorded as sent for the dossier comes from a registered
    source: none is missing from the person's list."""
    dossier = alles["dossier"]
    gelogd = {e.gegevens["kenmerk"] for e in dossier.events.filter(soort=Soort.BRIEF_VERZONDEN)}
    assert len(gelogd) == 3  # the reminder, the voornemen, the beschikking
    assert gelogd <= {b.kenmerk for b in verzonden_brieven(dossier)}


def _zonder(inhoud: bytes, kenmerk: str) -> str:
    tekst = inhoud.decode().replace(kenmerk, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", tekst)


def test_brief_van_een_ander_is_dezelfde_404(portaal_aan, alles, burgerdossier):
    """The PDF view says nothing about whether another person's letter exists: its kenmerk
    answers exactly as a kenmerk that was never made."""
    client = _ingelogd(portaal_aan, burgerdossier)
    nooit = "GM0344-BB-999999"
    verwacht = client.get(_pdf_url(nooit))
    assert verwacht.status_code == 404
    # The portal's own page (its layout, the person's language), not the staff layout's.
    assert 'class="utrecht-body utrecht-document portaal"' in verwacht.content.decode()
    assert "Deze pagina bestaat niet, of u kunt hem niet zien." in verwacht.content.decode()
    for kenmerk in _kenmerken(alles).values():
        antwoord = client.get(_pdf_url(kenmerk))
        assert antwoord.status_code == 404
        # The same page; only the path in the page's language switch and the (masked) CSRF
        # token differ.
        assert _zonder(antwoord.content, kenmerk) == _zonder(verwacht.content, nooit)
    assert not Inzagelog.objects.filter(dossier=alles["dossier"]).filter(
        gebruiker__username=PORTAALACCOUNT
    )
    assert alles["dossier"].inburgeraar.geslachtsnaam not in (
        client.get(reverse("portaal:brieven")).content.decode()
    )


def test_lijst_en_download_staan_in_het_inzagelog(portaal_aan, alles):
    dossier = alles["dossier"]
    client = _ingelogd(portaal_aan, dossier)
    kenmerk = documenten.kenmerk_van(alles["pip"])
    assert client.get(reverse("portaal:brieven")).status_code == 200
    assert client.get(_pdf_url(kenmerk)).status_code == 200
    doelen = list(
        Inzagelog.objects.filter(dossier=dossier, gebruiker__username=PORTAALACCOUNT)
        .order_by("pk")
        .values_list("doel", flat=True)
    )
    assert doelen[-2:] == ["portaal: brieven", f"portaal: brief {kenmerk}"]


def test_plan_verwijst_naar_het_besluit(portaal_aan, alles):
    client = _ingelogd(portaal_aan, alles["dossier"])
    plan = client.get(reverse("portaal:plan")).content.decode()
    assert f'href="{_pdf_url(documenten.kenmerk_van(alles["pip"]))}"' in plan


@pytest.mark.parametrize("taal", ["ar", "fa"])
def test_lijst_van_rechts_naar_links_met_datum_in_de_taal(portaal_aan, alles, taal):
    client = _ingelogd(portaal_aan, alles["dossier"], taal)
    tekst = client.get(reverse("portaal:brieven")).content.decode()
    assert f'lang="{taal}" dir="rtl"' in tekst
    datum = alles["zaak"].beschikt_op
    with translation.override(taal):
        in_taal = date_format(datum, "DATE_FORMAT")
    with translation.override("nl"):
        assert in_taal != date_format(datum, "DATE_FORMAT")
    assert f'<time datetime="{datum:%Y-%m-%d}" data-testid="datum">{in_taal}</time>' in tekst
    # The Dutch letters stay marked as Dutch inside the right-to-left page.
    assert '<bdi lang="nl">Besluit: boete op grond van de Wet inburgering 2021</bdi>' in tekst
    assert tekst.count('data-testid="brief"') == 4


def test_datum_zonder_eigen_notatie_in_cijfers(portaal_aan, alles):
    """Tigrinya has no date format in Django: digits, no month name of another language."""
    client = _ingelogd(portaal_aan, alles["dossier"], "ti")
    tekst = client.get(reverse("portaal:brieven")).content.decode()
    datum = alles["pip"].dagtekening
    assert f'data-testid="datum">{datum:%d-%m-%Y}</time>' in tekst


def test_een_bron_registreert_een_keer():
    bron = next(iter(BRONNEN.values()))
    naam = next(iter(BRONNEN))
    registreer_briefbron(naam, bron)  # the same again (a second ready()) is harmless
    with pytest.raises(ValueError):
        registreer_briefbron(naam, lambda dossier: [])
    assert set(BRONNEN) >= {"intake", "pip", "handhaving"}


def test_een_onbekende_soort_krijgt_de_algemene_uitleg():
    from inburgering.portaal.toelichting import toelichting

    brief = Verzondenbrief(
        kenmerk="GM0344-XX-000001",
        soort="iets_nieuws",
        onderwerp="Een brief",
        datum=timezone.localdate(),
        pdf=lambda: b"",
    )
    with translation.override("nl"):
        assert toelichting(brief).wat == "Dit is een brief van de gemeente over uw inburgering."


def test_buiten_het_portaal_blijft_de_404_van_de_stafpagina(client, consulent_a):
    import uuid

    client.force_login(consulent_a)
    antwoord = client.get(reverse("dossiers:dossier", kwargs={"uuid": uuid.uuid4()}))
    assert antwoord.status_code == 404
    tekst = antwoord.content.decode()
    assert "Deze pagina of dit dossier bestaat niet, of u heeft er geen toegang toe." in tekst
    assert "utrecht-document portaal" not in tekst
