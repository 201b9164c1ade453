"""AVG art. 15 inzageverzoek: everything about one person within the user's gemeenten, as PDF
and JSON, logged, and never the BSN in a URL or a log line."""

import datetime as dt
import io
import json
import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from inburgering.accounts.models import Exportlog, Inzagelog, Rol
from inburgering.accounts.toegang import log_inzage
from inburgering.dossiers.models import Doelgroep, Gezinsrelatie, Inburgeraar, Regime
from inburgering.dossiers.services import NieuwDossier, open_dossier, registreer
from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.intake.brieven import maak_brief
from inburgering.intake.models import Afspraak, Briefsoort
from inburgering.koppelingen.models import InkomendBericht
from inburgering.pip import services as pip_services
from inburgering.privacy import inzageverzoek
from tests.conftest import maak_dossier, maak_gebruiker, maak_persoon
from tests.pip.conftest import bij_duo_bekend, duo_in_geheugen, rond_intake_af  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/account/inzageverzoek/"
GEEN = "Geen gegevens gevonden binnen uw gemeenten."


@pytest.fixture
def persoon(gemeente_a, gemeente_b, consulent_a, consulent_b):
    """One person with a dossier in gemeente A holding every category, and an earlier, closed
    dossier of the same BSN in gemeente B (outside gemeente A's scope)."""
    elders = maak_dossier(
        gemeente_b,
        consulent=consulent_b,
        actor=consulent_b,
        kennisgeving=timezone.localdate() - dt.timedelta(days=60),
    )
    registreer(
        elders,
        Soort.DOSSIER_AFGESLOTEN,
        timezone.localdate() - dt.timedelta(days=40),
        actor=consulent_b,
        gegevens={"reden": Afsluitreden.VERHUISD},
        toelichting="Elders-geheim",
    )
    log_inzage(consulent_b, [elders.pk], "dossier")
    persoon = elders.inburgeraar
    # The same person (BSN) moves to gemeente A: the services open the dossier there.
    bij_duo_bekend(gemeente_a)
    start = timezone.localdate() - dt.timedelta(days=30)
    dossier = open_dossier(
        _zelfde_bsn(persoon, gemeente_a),
        NieuwDossier(
            gemeente=gemeente_a,
            regime=Regime.WI2021,
            doelgroep=Doelgroep.ASIELSTATUSHOUDER,
            eerste_soort=Soort.SIGNAAL_ONTVANGEN,
            eerste_datum=start,
            gegevens={},
        ),
        actor=consulent_a,
        consulent=consulent_a,
    )
    persoon = dossier.inburgeraar  # gemeente A's own record of the person
    registreer(dossier, Soort.HUISVESTING, start + dt.timedelta(days=1), actor=consulent_a)
    dossier = rond_intake_af(dossier, consulent_a, datum=start + dt.timedelta(days=2))
    versie = pip_services.stel_op(dossier, actor=consulent_a)
    pip_services.stel_vast(versie, gezien_versie=versie.versie, actor=consulent_a)
    vandaag = timezone.localdate()
    registreer(
        dossier,
        Soort.CONTACT,
        vandaag,
        actor=consulent_a,
        gegevens={"kanaal": "telefoon"},
        toelichting="Belde over kinderopvang",
    )
    registreer(
        dossier,
        Soort.KOSTEN_GEREGISTREERD,
        vandaag,
        actor=consulent_a,
        gegevens={"bedrag_cents": 125050, "post": "tolk"},
    )
    Gezinsrelatie.objects.create(inburgeraar=persoon, soort="kind", naam="Rima Kindnaam")
    Afspraak.objects.create(
        dossier=dossier,
        soort=Afspraak.Soort.VOORTGANG,
        vorm=Afspraak.Vorm.TELEFOON,
        begin=timezone.now() + dt.timedelta(days=3),
        medewerker=consulent_a,
    )
    maak_brief(dossier, Briefsoort.UITNODIGING_INTAKE, actor=consulent_a)
    InkomendBericht.objects.create(
        bericht_id="00000000-0000-0000-0000-000000000001",
        bron_oin="00000001001234567000",
        doel_oin="00000001001234567000",
        gebeurtenis_id="123456",
        registratie_datumtijd=timezone.now(),
        bsn=persoon.bsn,
        inhoud={"geheim": "ruwe inhoud"},
        gemeente=gemeente_a,
        dossier=dossier,
    )
    log_inzage(consulent_a, [dossier.pk], "dossier")
    return {"persoon": persoon, "dossier": dossier, "elders": elders}


def _zelfde_bsn(persoon: Inburgeraar, gemeente) -> Inburgeraar:
    """Gemeente A's own record of the person (person data is kept per gemeente)."""
    return maak_persoon(bsn=persoon.bsn, gemeente=gemeente)


def _post_bsn(client, bsn):
    return client.post(URL, {"bsn": bsn})


def test_overview_holds_every_category_and_nothing_from_another_gemeente(
    persoon, privacy_officer, gemeente_b
):
    privacy_officer.gemeenten.remove(gemeente_b)
    o = inzageverzoek.overzicht(privacy_officer, persoon["persoon"].bsn)
    assert o["schema"] == inzageverzoek.SCHEMA
    [p] = o["personen"]
    assert p["persoonsgegevens"]["bsn"] == persoon["persoon"].bsn
    assert p["persoonsgegevens"]["geslachtsnaam"] == persoon["persoon"].geslachtsnaam
    assert p["gezinsleden"] == [{"relatie": "Kind", "naam": "Rima Kindnaam", "geboortedatum": None}]
    [d] = p["dossiers"]
    assert d["dossiernummer"] == str(persoon["dossier"].uuid)
    assert d["gemeente"] == "Utrecht"
    soorten = {e["soort"] for e in d["gebeurtenissen"]}
    assert {"signaal_ontvangen", "pip_vastgesteld", "contact", "kosten_geregistreerd"} <= soorten
    assert [c["toelichting"] for c in d["contactmomenten"]] == ["Belde over kinderopvang"]
    assert d["contactmomenten"][0]["gegevens_in_woorden"]
    assert [u["soort"] for u in d["uitkomsten"]] == ["kosten_geregistreerd"]
    assert "1250,50" in d["uitkomsten"][0]["gegevens_in_woorden"]
    assert [a["soort"] for a in d["afspraken"]] == ["Voortgangsgesprek"]
    assert [b["soort"] for b in d["brieven"]] == ["Uitnodiging brede intake"]
    assert d["brede_intake"]["verslagen"] and d["brede_intake"]["gesprekken"]
    assert d["leerbaarheidstoetsen"][0]["score"] == 34
    assert d["routebesluiten"]
    assert [(v["versienummer"], v["beschikking"]) for v in d["pip_versies"]] == [(1, True)]
    assert d["duo_berichten"]["ontvangen"][0]["gebeurtenis"] == "123456"
    assert [b["soort"] for b in d["duo_berichten"]["verzonden"]] == ["PIP"]
    assert "ruwe inhoud" not in json.dumps(o)
    assert any(i["medewerker"] == "Anna Test" and i["doel"] == "dossier" for i in d["inzages"])
    assert "Elders-geheim" not in json.dumps(o)
    assert "Bob Test" not in json.dumps(o)  # the consulent of the other gemeente


def test_a_person_in_two_gemeenten_of_the_user_shows_both_dossiers(persoon, privacy_officer):
    o = inzageverzoek.overzicht(privacy_officer, persoon["persoon"].bsn)
    gemeenten = [d["gemeente"] for p in o["personen"] for d in p["dossiers"]]
    assert sorted(gemeenten) == ["Deventer", "Utrecht"]


def test_unknown_bsn_and_bsn_known_elsewhere_answer_the_same(client, persoon, consulent_a):
    from tests.conftest import volgend_test_bsn

    alleen_elders = maak_dossier(persoon["elders"].gemeente).inburgeraar.bsn
    client.force_login(consulent_a)
    antwoorden = []
    for bsn in (alleen_elders, volgend_test_bsn()):
        post = _post_bsn(client, bsn)
        assert post.status_code == 302 and post.url == URL
        antwoord = client.get(URL)
        assert GEEN in antwoord.content.decode()
        antwoorden.append(_hoofd(antwoord))
        for download in ("overzicht.pdf", "overzicht.json"):
            d = client.get(URL + download)
            assert d.status_code == 302 and d.url == reverse("accounts:inzageverzoek")
    assert antwoorden[0] == antwoorden[1]
    assert not Exportlog.objects.exists()
    assert not Inzagelog.objects.filter(doel="avg_inzage").exists()


def _hoofd(antwoord) -> str:
    import re

    html = antwoord.content.decode()
    hoofd = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", hoofd)


def test_invalid_bsn_is_refused_with_a_clear_message(client, privacy_officer):
    client.force_login(privacy_officer)
    antwoord = _post_bsn(client, "123456789")
    assert antwoord.status_code == 400
    assert "elfproef" in antwoord.content.decode()
    assert "avg_inzage_bsn" not in client.session


def test_downloads_are_logged_and_no_bsn_in_urls_or_logs(client, persoon, privacy_officer, caplog):
    bsn = persoon["persoon"].bsn
    client.force_login(privacy_officer)
    with caplog.at_level(logging.DEBUG):
        post = _post_bsn(client, bsn)
        pagina = client.get(post.url)
        pdf = client.get(URL + "overzicht.pdf")
        js = client.get(URL + "overzicht.json")
    assert bsn not in post.url
    assert pagina.status_code == 200 and persoon["persoon"].naam in pagina.content.decode()
    for antwoord in (pagina, pdf, js):
        assert bsn not in antwoord.request["PATH_INFO"] + antwoord.request.get("QUERY_STRING", "")
    assert bsn not in caplog.text
    assert pdf["Content-Type"] == "application/pdf"
    lezer = PdfReader(io.BytesIO(pdf.content))
    # Tagged PDF (PDF/UA-1): structure tree, marked content, language, title.
    root = lezer.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "nl" and lezer.metadata.title == "Overzicht van uw gegevens"
    tekst = " ".join(p.extract_text() for p in lezer.pages)
    tekst = " ".join(tekst.split())
    for verwacht in (
        "Overzicht van uw gegevens",
        persoon["persoon"].geslachtsnaam,
        "Rima Kindnaam",
        "Dossier bij de gemeente Utrecht",
        "Dossier bij de gemeente Deventer",
        "Belde over kinderopvang",
        "Uitnodiging brede intake",
        "Voortgangsgesprek",
        "Versie 1",
        "Wie heeft uw dossier ingezien",
    ):
        assert verwacht in tekst, verwacht
    data = json.loads(js.content)
    assert data["schema"] == inzageverzoek.SCHEMA
    assert set(data["personen"][0]) == {"persoonsgegevens", "gezinsleden", "dossiers"}
    dossiers = {persoon["dossier"].pk, persoon["elders"].pk}
    log = list(Exportlog.objects.order_by("id"))
    assert [(e.soort, e.selectie["formaat"], e.aantal_dossiers) for e in log] == [
        ("avg_inzage", "pdf", 2),
        ("avg_inzage", "json", 2),
    ]
    for e in log:
        assert bsn not in json.dumps(e.selectie)
        rijen = Inzagelog.objects.filter(verzoek_id=e.verzoek_id)
        assert set(rijen.values_list("dossier_id", flat=True)) == dossiers
        assert set(rijen.values_list("doel", flat=True)) == {"avg_inzage"}
    # The page that names the person is logged too.
    assert Inzagelog.objects.filter(doel="avg_inzage").count() == 3 * 2


def test_a_consulent_sees_only_dossiers_it_may_see(persoon, consulent_a, collega_a, gemeente_a):
    from inburgering.accounts.models import GemeenteConfiguratie

    o = inzageverzoek.overzicht(consulent_a, persoon["persoon"].bsn)
    assert [d["gemeente"] for p in o["personen"] for d in p["dossiers"]] == ["Utrecht"]
    GemeenteConfiguratie.objects.update_or_create(
        gemeente=gemeente_a, defaults={"consulent_alleen_eigen_caseload": True}
    )
    collega_a.refresh_from_db()
    assert inzageverzoek.overzicht(collega_a, persoon["persoon"].bsn) is None


@pytest.mark.parametrize("rol", [Rol.TEAMLEIDER, Rol.KWALITEIT, Rol.BEHEERDER, Rol.PARTNER])
def test_other_roles_are_refused(client, gemeente_a, rol):
    client.force_login(maak_gebruiker(f"x_{rol}", rol, gemeente_a))
    assert client.get(URL).status_code == 403
    assert client.get(URL + "overzicht.json").status_code == 403
