"""Letters that can be sent: letterhead (with its change log and preview), sender and recipient,
kenmerk, the PDF (read back with pypdf), and 'marked as sent' as an event."""

import datetime as dt
import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Configuratiewijziging
from inburgering.brieven import services
from inburgering.brieven.models import BriefhoofdWijziging
from inburgering.dossiers.workflow import Soort
from inburgering.intake import brieven as intake_brieven
from inburgering.pip import documenten
from tests.conftest import maak_dossier
from tests.pip.factories import dossier_klaar, vastgestelde_pip

from .factories import briefhoofd, oproepbrief

pytestmark = pytest.mark.django_db


def _tekst(pdf: bytes) -> str:
    lezer = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join((p.extract_text() or "") for p in lezer.pages)


@pytest.fixture
def met_adres(gemeente_a, consulent_a):
    services.bewaar_contactgegevens(
        consulent_a, telefoon="030 286 00 00", email="anna@utrecht.example"
    )
    return maak_dossier(
        gemeente_a, consulent=consulent_a, actor=consulent_a,
        post_straat="Lange Nieuwstraat 7", post_postcode="3512 PE", post_plaats="Utrecht",
    )  # fmt: skip


def test_kenmerk_is_stabiel_en_uniek(met_adres, consulent_a):
    een, twee = oproepbrief(met_adres, consulent_a), None
    kenmerk = intake_brieven.kenmerk_van(een)
    assert kenmerk == intake_brieven.kenmerk_van(type(een).objects.get(pk=een.pk))
    assert kenmerk.startswith(f"GM{met_adres.gemeente.cbs_code}-BR-")
    twee = services.kenmerk(met_adres.gemeente, "BR", een.pk + 1)
    assert kenmerk != twee


def test_brief_pdf_met_afzender_ontvanger_en_kenmerk(met_adres, gemeente_a, consulent_a, beheerder):
    briefhoofd(gemeente_a, beheerder)
    brief = oproepbrief(met_adres, consulent_a)
    tekst = _tekst(services.pdf(intake_brieven.document(brief)))
    for verwacht in (
        "Lange Nieuwstraat 7", "3512 PE Utrecht", met_adres.inburgeraar.naam,  # recipient
        consulent_a.weergavenaam, "030 286 00 00", "anna@utrecht.example",  # sender
        "Team Inburgering", "Postbus 16200", intake_brieven.kenmerk_van(brief),
        timezone.localdate().strftime("%Y"),
    ):  # fmt: skip
        assert verwacht in tekst, verwacht


def test_zonder_eigen_nummer_het_algemene(met_adres, gemeente_a, collega_a, beheerder):
    briefhoofd(gemeente_a, beheerder)
    met_adres.consulent = collega_a  # no phone of their own
    afzender = services.afzender(met_adres)
    assert afzender.naam == collega_a.weergavenaam and afzender.telefoon == "14 030"


def test_markeer_verzonden_als_gebeurtenis(met_adres, consulent_a):
    brief = oproepbrief(met_adres, consulent_a)
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    event = intake_brieven.markeer_verzonden(
        brief, kanaal="post", datum=gisteren, actor=consulent_a
    )
    assert event.soort == Soort.BRIEF_VERZONDEN and event.datum == gisteren
    assert event.gegevens["kenmerk"] == intake_brieven.kenmerk_van(brief)
    assert event.gegevens["brief"] == brief.pk and event.gegevens["kanaal"] == "post"
    with pytest.raises(services.Brieffout, match="al als verzonden"):
        intake_brieven.markeer_verzonden(brief, kanaal="post", datum=gisteren, actor=consulent_a)
    assert met_adres.events.filter(soort=Soort.BRIEF_VERZONDEN).count() == 1


def test_per_post_alleen_met_postadres(gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    brief = oproepbrief(dossier, consulent_a)
    vandaag = timezone.localdate()
    with pytest.raises(services.Brieffout, match="postadres"):
        intake_brieven.markeer_verzonden(brief, kanaal="post", datum=vandaag, actor=consulent_a)
    with pytest.raises(services.Brieffout, match="toekomst"):
        intake_brieven.markeer_verzonden(
            brief, kanaal="email", datum=vandaag + dt.timedelta(days=1), actor=consulent_a
        )
    intake_brieven.markeer_verzonden(brief, kanaal="email", datum=vandaag, actor=consulent_a)


def test_briefhoofd_wijziging_wordt_vastgelegd(gemeente_a, beheerder):
    briefhoofd(gemeente_a, beheerder)
    briefhoofd(gemeente_a, beheerder, telefoon="14 030 (keuze 3)")
    briefhoofd(gemeente_a, beheerder, telefoon="14 030 (keuze 3)")  # no change: no record
    laatste, eerste = BriefhoofdWijziging.objects.all()
    assert BriefhoofdWijziging.objects.count() == 2
    assert laatste.oud == {"telefoon": "14 030"} and laatste.nieuw == {
        "telefoon": "14 030 (keuze 3)"
    }
    assert laatste.door == beheerder and eerste.oud["afdeling"] == ""


def test_briefhoofd_wijziging_op_het_configuratiespoor(gemeente_a, beheerder, client):
    hoofd = briefhoofd(gemeente_a, beheerder)
    briefhoofd(gemeente_a, beheerder, telefoon="14 030 (keuze 3)", website="utrecht.example")
    briefhoofd(gemeente_a, beheerder, telefoon="14 030 (keuze 3)", website="utrecht.example")
    spoor = Configuratiewijziging.objects.filter(soort="brieven.briefhoofd").order_by("id")
    assert spoor.count() == 2  # created, changed; the unchanged save writes nothing
    aangemaakt, gewijzigd = spoor
    assert aangemaakt.wijzigingen["afdeling"] == {"oud": None, "nieuw": "Team Inburgering"}
    assert gewijzigd.wijzigingen == {
        "telefoon": {"oud": "14 030", "nieuw": "14 030 (keuze 3)"},
        "website": {"oud": "", "nieuw": "utrecht.example"},
    }
    assert gewijzigd.actor_id == beheerder.pk and gewijzigd.gemeente_id == gemeente_a.pk
    assert gewijzigd.object_id == str(hoofd.pk)
    client.force_login(beheerder)
    pagina = client.get(reverse("instellingen:wijzigingen"))
    assert pagina.status_code == 200 and "14 030 (keuze 3)" in pagina.content.decode()


def test_beschikking_met_bezwaaradres_termijn_en_kenmerk(gemeente_a, consulent_a, beheerder):
    briefhoofd(gemeente_a, beheerder)
    dossier = dossier_klaar(gemeente_a, consulent_a)
    versie = vastgestelde_pip(dossier, consulent_a).versie
    tekst = " ".join(_tekst(documenten.beschikking_pdf(versie)).split())
    assert "t.a.v. bezwaarschriften" in tekst and "binnen 6 weken" in tekst
    assert "6:7" in tekst and documenten.kenmerk_van(versie) in tekst
    assert consulent_a.weergavenaam in tekst


def test_beschikking_verzonden_via_de_pagina(client, gemeente_a, consulent_a, consulent_b):
    dossier = dossier_klaar(gemeente_a, consulent_a)
    persoon = dossier.inburgeraar
    persoon.post_straat, persoon.post_postcode, persoon.post_plaats = (
        "Hoofdstraat 1",
        "1234 AB",
        "Utrecht",
    )
    persoon.save()
    versie = vastgestelde_pip(dossier, consulent_a).versie
    url = reverse("pip:beschikking_verzonden", kwargs={"uuid": dossier.uuid, "nummer": 1})
    client.force_login(consulent_b)
    assert client.post(url, {"kanaal": "post", "datum": "2026-01-01"}).status_code == 404
    client.force_login(consulent_a)
    morgen = timezone.localdate() + dt.timedelta(days=1)
    html = client.post(url, {"kanaal": "post", "datum": morgen}, follow=True).content.decode()
    assert "toekomst" in html
    vandaag = timezone.localdate()
    html = client.post(url, {"kanaal": "post", "datum": vandaag}, follow=True).content.decode()
    assert (
        "De beschikking is als verzonden gemarkeerd." in html
        and 'id="beschikking-verzonden"' in html
    )
    event = dossier.events.get(soort=Soort.BRIEF_VERZONDEN)
    assert event.gegevens["pip_versie"] == 1 and event.gegevens[
        "kenmerk"
    ] == documenten.kenmerk_van(versie)


def test_brief_pagina_print_en_verzonden(client, met_adres, consulent_a):
    brief = oproepbrief(met_adres, consulent_a)
    client.force_login(consulent_a)
    url = reverse("intake:brief", kwargs={"uuid": met_adres.uuid, "pk": brief.pk})
    html = client.get(url).content.decode()
    assert intake_brieven.kenmerk_van(brief) in html and "030 286 00 00" in html
    assert "Lange Nieuwstraat 7" in html
    pdf = client.get(reverse("intake:brief_pdf", kwargs={"uuid": met_adres.uuid, "pk": brief.pk}))
    assert pdf["Content-Type"] == "application/pdf"
    assert intake_brieven.kenmerk_van(brief) in _tekst(pdf.content)
    antwoord = client.post(url, {"actie": "verzonden", "kanaal": "nergens", "datum": "x"})
    assert antwoord.status_code == 400
    antwoord = client.post(
        url, {"actie": "verzonden", "kanaal": "post", "datum": timezone.localdate()}
    )
    assert antwoord.status_code == 302
    html = client.get(url).content.decode()
    assert 'id="verzonden"' in html and "Markeer als verzonden" not in html
    tijdlijn = client.get(reverse("dossiers:dossier", kwargs={"uuid": met_adres.uuid}))
    assert "Brief verzonden" in tijdlijn.content.decode()


def test_briefhoofd_beheren_met_voorbeeld(client, gemeente_a, gemeente_b, beheerder, consulent_a):
    url = reverse("brieven:briefhoofd", kwargs={"gemeente": gemeente_a.pk})
    client.force_login(consulent_a)
    assert client.get(url).status_code == 403
    client.force_login(beheerder)
    assert (
        client.get(reverse("brieven:briefhoofd", kwargs={"gemeente": gemeente_b.pk})).status_code
        == 404
    )
    gegevens = {"afdeling": "Team Inburgering", "telefoon": "14 030", "email": "x@utrecht.example",
                "bezwaar_adres": "Postbus 1\n3500 AA Utrecht"}  # fmt: skip
    html = client.post(url, {**gegevens, "actie": "voorbeeld"}).content.decode()
    assert "Voorbeeld (nog niet opgeslagen)" in html and "Postbus 1" in html
    assert not BriefhoofdWijziging.objects.exists()  # a preview saves nothing
    pdf = client.post(url, {**gegevens, "actie": "pdf"})
    assert "Team Inburgering" in _tekst(pdf.content)
    fout = client.post(url, {**gegevens, "email": "geen adres", "actie": "bewaren"})
    assert fout.status_code == 400 and not BriefhoofdWijziging.objects.exists()
    assert client.post(url, {**gegevens, "actie": "bewaren"}).status_code == 302
    html = client.get(url).content.decode()
    assert "Wijzigingen" in html and beheerder.weergavenaam in html and "14 030" in html
    assert services.briefhoofd(gemeente_a).telefoon == "14 030"


def test_eigen_contactgegevens(client, consulent_a):
    client.force_login(consulent_a)
    url = reverse("brieven:contactgegevens")
    fout = client.post(url, {"telefoon": "bel me", "email": "anna@utrecht.example"})
    assert fout.status_code == 400 and "alleen cijfers" in fout.content.decode()
    assert (
        client.post(url, {"telefoon": "030 123", "email": "a@utrecht.example"}).status_code == 302
    )
    consulent_a.refresh_from_db()
    assert (
        services.telefoon_van(consulent_a) == "030 123" and consulent_a.email == "a@utrecht.example"
    )
