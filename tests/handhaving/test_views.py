"""The Handhaving tab, the PDFs (text read back with pypdf) and the collection export through
HTTP: access (another gemeente 404, roles), the Dutch refusals, nothing half saved."""

import datetime as dt
import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Exportlog, Inzagelog, Rol
from inburgering.brieven import services as brieven
from inburgering.handhaving import services as s
from inburgering.handhaving.models import Handhavingszaak, ZaakStatus
from tests.conftest import maak_gebruiker
from tests.handhaving.factories import dossier_met_adres, signaal, tot_beschikking, tot_voornemen

pytestmark = pytest.mark.django_db


def _tekst(pdf: bytes) -> str:
    lezer = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join((p.extract_text() or "") for p in lezer.pages)


@pytest.fixture
def gezin(gemeente_a, consulent_a):
    brieven.bewaar_briefhoofd(
        gemeente_a,
        {"bezwaar_adres": "Postbus 16200, 3500 CE Utrecht", "afdeling": "Team Inburgering"},
        door=consulent_a,
    )
    return dossier_met_adres(gemeente_a, consulent_a)


def _url(dossier):
    return reverse("handhaving:handhaving", kwargs={"uuid": dossier.uuid})


def test_tab_shows_cases_total_cap_and_next_step(client, consulent_a, gezin):
    zaak = tot_voornemen(gezin, consulent_a, dagen_geleden=3)
    client.force_login(consulent_a)
    antwoord = client.get(_url(gezin))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert 'aria-current="page">Handhaving' in html
    assert "€ 2.400" in html  # the cap of the termijn
    eind = zaak.zienswijze_tot.strftime("%d-%m-%Y")
    assert f"zienswijzetermijn loopt tot en met {eind}" in html
    assert Inzagelog.objects.filter(doel="handhaving", dossier=gezin.pk).exists()


def test_signal_form_refuses_art23_without_culpability_and_saves_nothing(
    client, consulent_a, gezin
):
    client.force_login(consulent_a)
    antwoord = client.post(
        _url(gezin),
        {
            "actie": "signaal",
            "signaal-artikel": "23",
            "signaal-constatering": timezone.localdate().isoformat(),
            "signaal-gedraging": "Drie keer niet bij de les.",
        },
    )
    assert antwoord.status_code == 400
    assert "artikel 7.1, vierde lid" in antwoord.content.decode()
    assert not Handhavingszaak.objects.exists()


def test_voornemen_without_assessment_refused_over_http(client, consulent_a, gemeente_a):
    asiel = dossier_met_adres(gemeente_a, consulent_a, doelgroep="asielstatushouder")
    zaak = signaal(asiel, consulent_a)
    client.force_login(consulent_a)
    antwoord = client.post(
        _url(asiel),
        {
            "actie": "voornemen",
            "zaak": zaak.pk,
            f"voornemen-{zaak.pk}-datum": timezone.localdate().isoformat(),
            f"voornemen-{zaak.pk}-kanaal": "post",
        },
    )
    assert antwoord.status_code == 400
    assert "C-158/23" in antwoord.content.decode()
    zaak.refresh_from_db()
    assert zaak.status == ZaakStatus.SIGNAAL


def test_beschikking_before_the_term_ended_refused_over_http(client, consulent_a, gezin):
    zaak = tot_voornemen(gezin, consulent_a, dagen_geleden=1)
    client.force_login(consulent_a)
    antwoord = client.post(
        _url(gezin),
        {
            "actie": "beschikking",
            "zaak": zaak.pk,
            f"beschikking-{zaak.pk}-datum": timezone.localdate().isoformat(),
            f"beschikking-{zaak.pk}-bedrag": "50",
            f"beschikking-{zaak.pk}-motivering": "Passend.",
            f"beschikking-{zaak.pk}-kanaal": "post",
        },
    )
    assert antwoord.status_code == 400
    assert "zienswijzetermijn loopt tot en met" in antwoord.content.decode()
    zaak.refresh_from_db()
    assert zaak.status == ZaakStatus.VOORNEMEN


def test_beschikking_with_amount_in_euros(client, consulent_a, gezin):
    zaak = tot_voornemen(gezin, consulent_a, dagen_geleden=20)
    client.force_login(consulent_a)
    antwoord = client.post(
        _url(gezin),
        {
            "actie": "beschikking",
            "zaak": zaak.pk,
            f"beschikking-{zaak.pk}-datum": timezone.localdate().isoformat(),
            f"beschikking-{zaak.pk}-bedrag": "37,50",
            f"beschikking-{zaak.pk}-motivering": "Verminderd verwijtbaar na de zienswijze.",
            f"beschikking-{zaak.pk}-kanaal": "post",
        },
    )
    assert antwoord.status_code == 302
    zaak.refresh_from_db()
    assert zaak.status == ZaakStatus.BESCHIKT and zaak.opgelegd_cents == 3_750


def test_voornemen_pdf_has_facts_basis_amount_and_term(client, consulent_a, gezin):
    zaak = tot_voornemen(gezin, consulent_a, dagen_geleden=3)
    client.force_login(consulent_a)
    antwoord = client.get(
        reverse("handhaving:voornemen_pdf", kwargs={"uuid": gezin.uuid, "pk": zaak.pk})
    )
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    tekst = " ".join(_tekst(antwoord.content).split())
    assert "Voornemen tot het opleggen van een boete" in tekst
    assert "Niet verschenen bij de taalles" in tekst  # the facts
    assert "artikel 23 en 26 Wet inburgering 2021" in tekst  # the legal basis
    assert "€ 50" in tekst and "100%" in tekst  # amount with culpability
    assert zaak.zienswijze_tot.strftime("%d-%m-%Y") in tekst
    assert s.kenmerk_voornemen(zaak) in tekst
    assert Inzagelog.objects.filter(doel="handhaving_voornemen").exists()


def test_beschikking_pdf_has_reasons_amount_and_bezwaar_clause(client, consulent_a, gezin):
    zaak = tot_beschikking(gezin, consulent_a, artikel="22")
    client.force_login(consulent_a)
    antwoord = client.get(
        reverse("handhaving:beschikking_pdf", kwargs={"uuid": gezin.uuid, "pk": zaak.pk})
    )
    assert antwoord.status_code == 200
    tekst = " ".join(_tekst(antwoord.content).split())
    assert "Wij geven u een boete van € 250" in tekst
    assert "Geen zienswijze ontvangen; de boete is passend." in tekst  # the reasons
    assert "bezwaar maken" in tekst and "binnen 6 weken" in tekst
    assert "Postbus 16200" in tekst  # where to send the bezwaarschrift
    assert "artikel 22, tweede lid" in tekst  # the new term of two months (art. 22)
    assert s.kenmerk_beschikking(zaak) in tekst


def test_pdf_before_the_step_is_409(client, consulent_a, gezin):
    zaak = signaal(gezin, consulent_a)
    client.force_login(consulent_a)
    antwoord = client.get(
        reverse("handhaving:beschikking_pdf", kwargs={"uuid": gezin.uuid, "pk": zaak.pk})
    )
    assert antwoord.status_code == 409


def test_other_gemeente_gets_404(client, consulent_b, consulent_a, gezin):
    zaak = tot_voornemen(gezin, consulent_a)
    client.force_login(consulent_b)
    assert client.get(_url(gezin)).status_code == 404
    pdf = reverse("handhaving:voornemen_pdf", kwargs={"uuid": gezin.uuid, "pk": zaak.pk})
    assert client.get(pdf).status_code == 404


def test_case_of_another_dossier_is_404(client, consulent_a, gezin, gemeente_a):
    ander = dossier_met_adres(gemeente_a, consulent_a)
    zaak = tot_voornemen(ander, consulent_a)
    client.force_login(consulent_a)
    pdf = reverse("handhaving:voornemen_pdf", kwargs={"uuid": gezin.uuid, "pk": zaak.pk})
    assert client.get(pdf).status_code == 404


def test_roles_without_dossier_access_get_403(client, gezin, gemeente_a):
    for rol in (Rol.BEHEERDER, Rol.PRIVACY):
        gebruiker = maak_gebruiker(f"hh_{rol}", rol, gemeente_a)
        client.force_login(gebruiker)
        assert client.get(_url(gezin)).status_code == 403
        assert client.get(reverse("handhaving:invordering")).status_code == 403


def test_collection_export_is_logged_and_scoped(client, consulent_a, consulent_b, gezin):
    zaak = tot_beschikking(gezin, consulent_a)
    s.draag_over(zaak, datum=timezone.localdate() - dt.timedelta(days=0), actor=consulent_a)
    client.force_login(consulent_a)
    antwoord = client.get(reverse("handhaving:invordering"))
    assert antwoord.status_code == 200
    assert s.kenmerk_beschikking(zaak) in antwoord.content.decode("utf-8-sig")
    log = Exportlog.objects.get(soort="handhaving_invordering")
    assert log.aantal_dossiers == 1 and log.gebruiker == consulent_a
    client.force_login(consulent_b)
    leeg = client.get(reverse("handhaving:invordering")).content.decode("utf-8-sig")
    assert s.kenmerk_beschikking(zaak) not in leeg
