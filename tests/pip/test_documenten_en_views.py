"""Documents (PDF from the vastgestelde version) and the pages: access, forms, conflicts."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from inburgering.accounts.models import Inzagelog
from inburgering.dossiers.workflow import Fase
from inburgering.pip import documenten
from inburgering.pip import services as s
from inburgering.pip.models import PipVersie, Status

pytestmark = pytest.mark.django_db


def _tekst(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def vastgesteld(klaar, consulent_a):
    versie = s.stel_op(klaar, actor=consulent_a)
    s.stel_vast(versie, gezien_versie=versie.versie, actor=consulent_a)
    versie.refresh_from_db()
    return versie


def test_beschikking_pdf_in_gewone_taal_met_bezwaar(vastgesteld):
    pdf = documenten.beschikking_pdf(vastgesteld)
    assert pdf.startswith(b"%PDF")
    tekst = " ".join(_tekst(pdf).split())
    assert "Besluit: uw plan voor inburgering" in tekst
    assert "B1-route" in tekst and "12 uur les per week" in tekst
    assert "binnen 6 weken na de datum van deze brief" in tekst
    assert "college van burgemeester en wethouders van de gemeente Utrecht" in tekst
    assert "Wet inburgering 2021, artikel 15" in tekst


def test_samenvatting_is_een_pagina(vastgesteld):
    pdf = documenten.samenvatting_pdf(vastgesteld)
    assert pdf.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert "Uw plan in het kort" in _tekst(pdf)


def _login(client, user):
    client.force_login(user)


def test_pagina_documenten_en_inzagelog(client, vastgesteld, consulent_a):
    dossier = vastgesteld.pip.dossier
    _login(client, consulent_a)
    antwoord = client.get(reverse("pip:pip", kwargs={"uuid": dossier.uuid}))
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert (
        "Vastgesteld PIP (versie 1)" in inhoud and "Wet inburgering 2021, art. 11 lid 1" in inhoud
    )
    assert dossier.inburgeraar.bsn not in antwoord.request["PATH_INFO"]
    assert Inzagelog.objects.filter(doel="pip", dossier=dossier).exists()
    pdf = client.get(reverse("pip:beschikking", kwargs={"uuid": dossier.uuid, "nummer": 1}))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    html = client.get(reverse("pip:samenvatting", kwargs={"uuid": dossier.uuid, "nummer": 1}))
    assert "Uw plan in het kort" in html.content.decode()
    assert (
        client.get(
            reverse("pip:beschikking", kwargs={"uuid": dossier.uuid, "nummer": 2})
        ).status_code
        == 404
    )


def test_andere_gemeente_ziet_niets(client, vastgesteld, consulent_b, beheerder):
    dossier = vastgesteld.pip.dossier
    _login(client, consulent_b)
    assert client.get(reverse("pip:pip", kwargs={"uuid": dossier.uuid})).status_code == 404
    assert (
        client.get(
            reverse("pip:beschikking", kwargs={"uuid": dossier.uuid, "nummer": 1})
        ).status_code
        == 404
    )
    client.logout()
    _login(client, beheerder)
    assert client.get(reverse("pip:pip", kwargs={"uuid": dossier.uuid})).status_code == 403


def test_concept_niet_als_document(client, klaar, consulent_a):
    s.stel_op(klaar, actor=consulent_a)
    _login(client, consulent_a)
    url = reverse("pip:beschikking", kwargs={"uuid": klaar.uuid, "nummer": 1})
    assert client.get(url).status_code == 404


def _post_bewaar(client, versie, **wijzig):
    data = {
        "actie": "bewaren",
        "gezien_versie": versie.versie,
        "dagtekening": versie.dagtekening.isoformat(),
        "leerroute": versie.leerroute,
        "niveau": versie.niveau,
        "intensiteit_uren_per_week": versie.intensiteit_uren_per_week,
        "ondersteuning_en_begeleiding": versie.ondersteuning_en_begeleiding,
        "pvt_intensiteit": versie.pvt_intensiteit,
        "map_intensiteit": versie.map_intensiteit,
        "aantal_voortgangsgesprekken": versie.aantal_voortgangsgesprekken,
    }
    data.update(wijzig)
    return client.post(reverse("pip:pip", kwargs={"uuid": versie.pip.dossier.uuid}), data)


def test_formulier_fouten_in_het_nederlands_niets_half_opgeslagen(client, klaar, consulent_a):
    versie = s.stel_op(klaar, actor=consulent_a)
    _login(client, consulent_a)
    antwoord = _post_bewaar(
        client,
        versie,
        dagtekening="2099-01-01",
        niveau="B1",
        leerroute="z",
        aantal_voortgangsgesprekken="0",
        ondersteuning_en_begeleiding="Nieuwe tekst",
    )
    assert antwoord.status_code == 400
    inhoud = antwoord.content.decode()
    assert "De dagtekening kan niet in de toekomst liggen" in inhoud
    assert "Niveau B1 kan niet bij de Z-route." in inhoud
    assert "Plan minimaal 1 voortgangsgesprek." in inhoud
    versie.refresh_from_db()
    assert versie.leerroute == "b1" and versie.ondersteuning_en_begeleiding != "Nieuwe tekst"


def test_tweede_bewerker_ziet_melding(client, klaar, consulent_a, collega_a):
    versie = s.stel_op(klaar, actor=consulent_a)
    oud = PipVersie.objects.get(pk=versie.pk)
    _login(client, consulent_a)
    assert _post_bewaar(client, versie, vve_afspraken="Van Anna").status_code == 302
    client.logout()
    _login(client, collega_a)
    antwoord = _post_bewaar(client, oud, vve_afspraken="Van Bram")
    assert antwoord.status_code == 409
    assert "heeft dit PIP intussen gewijzigd" in antwoord.content.decode()
    assert "Van Anna" in antwoord.content.decode()  # the form shows the current text
    versie.refresh_from_db()
    assert versie.vve_afspraken == "Van Anna"


def test_vaststellen_via_pagina_en_dossier_toont_termijn(client, klaar, consulent_a):
    versie = s.stel_op(klaar, actor=consulent_a)
    _login(client, consulent_a)
    url = reverse("pip:pip", kwargs={"uuid": klaar.uuid})
    pagina = client.get(url).content.decode()
    assert (
        "Gevolgen van de gekozen dagtekening" in pagina
        and "Besluit inburgering 2021, art. 5.3 lid 1" in pagina
    )
    antwoord = client.post(url, {"actie": "vaststellen", "gezien_versie": versie.versie})
    assert antwoord.status_code == 302
    klaar.refresh_from_db()
    assert klaar.fase == Fase.PIP_VASTGESTELD
    versie.refresh_from_db()
    assert versie.status == Status.VASTGESTELD
    dossierpagina = client.get(reverse("dossiers:dossier", kwargs={"uuid": klaar.uuid}))
    assert "Inburgeringstermijn" in dossierpagina.content.decode()


def test_vaststellen_geweigerd_toont_redenen(client, gemeente_a, consulent_a):
    from tests.conftest import maak_dossier

    dossier = maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)
    versie = s.stel_op(dossier, actor=consulent_a)
    _login(client, consulent_a)
    url = reverse("pip:pip", kwargs={"uuid": dossier.uuid})
    pagina = client.get(url).content.decode()
    assert "Ontbreekt: de leerroute." in pagina and "Er is geen brede intake vastgelegd." in pagina
    antwoord = client.post(url, {"actie": "vaststellen", "gezien_versie": versie.versie})
    assert antwoord.status_code == 400
    assert "kan nog niet worden vastgesteld" in antwoord.content.decode()
    dossier.refresh_from_db()
    assert dossier.fase == Fase.GESIGNALEERD


def test_pdfs_and_the_summary_page_are_never_cached(client, vastgesteld, consulent_a):
    """Beschikking and samenvatting hold personal data: a browser or proxy must not keep them."""
    dossier = vastgesteld.pip.dossier
    _login(client, consulent_a)
    for naam in ("beschikking", "samenvatting_pdf", "samenvatting"):
        antwoord = client.get(reverse(f"pip:{naam}", kwargs={"uuid": dossier.uuid, "nummer": 1}))
        assert antwoord.status_code == 200, naam
        assert "no-store" in antwoord["Cache-Control"] and antwoord["Pragma"] == "no-cache"


def _structuur(pdf: bytes) -> dict:
    lezer = PdfReader(io.BytesIO(pdf))
    root = lezer.trailer["/Root"]
    return {
        "boom": root.get("/StructTreeRoot"),
        "gemarkeerd": bool(root.get("/MarkInfo", {}).get("/Marked")),
        "taal": root.get("/Lang"),
        "titel": lezer.metadata.title if lezer.metadata else None,
        "titel_tonen": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")),
        "xmp": lezer.xmp_metadata is not None,
    }


def _soorten(element, gevonden: set[str]) -> set[str]:
    element = element.get_object()
    if "/S" in element:
        gevonden.add(str(element["/S"]))
    kinderen = element.get("/K")
    if kinderen is None:
        return gevonden
    kinderen = kinderen.get_object()
    for kind in kinderen if isinstance(kinderen, list) else [kinderen]:
        kind = kind.get_object() if hasattr(kind, "get_object") else kind
        if isinstance(kind, dict):
            _soorten(kind, gevonden)
    return gevonden


@pytest.mark.parametrize(
    ("maak", "titel"),
    [
        (documenten.beschikking_pdf, "Besluit persoonlijk plan inburgering en participatie"),
        (documenten.samenvatting_pdf, "Uw plan in het kort"),
    ],
)
def test_documenten_zijn_getagde_pdf_ua(vastgesteld, maak, titel):
    """PDF/UA-1: a structure tree with headings and paragraphs, marked content, the document's
    language and title (shown in the viewer's title bar), for screen readers."""
    s = _structuur(maak(vastgesteld))
    assert s["boom"] is not None
    assert s["gemarkeerd"] is True
    assert s["taal"] == "nl"
    assert s["titel"] == titel
    assert s["titel_tonen"] is True
    assert s["xmp"]
    soorten = _soorten(s["boom"], set())
    assert {"/H1", "/P"} <= soorten, soorten
