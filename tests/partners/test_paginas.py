"""The partner pages: need-to-know generated from the table for every kind and every page,
404 outside the involvement, the access log, and what partners report (hours, intake, exam
intentions, MB progress, the COA's handover and the consulent taking it over)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Inzagelog, Rol
from inburgering.dossiers.workflow import Soort
from inburgering.intake import brede_intake
from inburgering.intake.models import BredeIntake, Gezondheid, Verslag
from inburgering.partners import services
from inburgering.partners.models import Clientprofiel, Grond, Organisatiesoort, Profielstatus
from inburgering.partners.toegang import Gegeven, mag_zien
from inburgering.wet import IntakeOnderdeel
from tests.conftest import maak_dossier, maak_gebruiker
from tests.partners.factories import betrokken, maak_medewerker, maak_organisatie
from tests.traject.factories import geplaatst, klaar_voor_plaatsing, maak_aanbieder, maak_contract

pytestmark = pytest.mark.django_db

GROND = {
    Organisatiesoort.TAALAANBIEDER: Grond.PLAATSING,
    Organisatiesoort.BEGELEIDING: Grond.BEGELEIDING,
    Organisatiesoort.BUDGETBEHEER: Grond.ONTZORGEN,
    Organisatiesoort.COA: Grond.COA_OVERDRACHT,
    Organisatiesoort.WERKGEVER: Grond.PARTICIPATIE,
}
PAGINAS = ["partners:start", "partners:dossier"]


def _partner(soort, gemeente, dossier, username="partner_test"):
    organisatie = maak_organisatie(soort, gemeente)
    gebruiker = maak_medewerker(username, organisatie)
    begin = timezone.localdate() - dt.timedelta(days=10)
    betrokken(organisatie, dossier, GROND[Organisatiesoort(soort)], begin=begin)
    return organisatie, gebruiker


@pytest.mark.parametrize("soort", list(Organisatiesoort))
@pytest.mark.parametrize("pagina", PAGINAS)
def test_every_page_shows_a_kind_exactly_the_categories_of_the_table(
    client, gemeente_a, consulent_a, soort, pagina
):
    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, telefoon="0612345678", voornamen="Amal"
    )
    _organisatie, gebruiker = _partner(soort, gemeente_a, dossier)
    client.force_login(gebruiker)
    kwargs = {"uuid": dossier.uuid} if pagina == "partners:dossier" else {}
    antwoord = client.get(reverse(pagina, kwargs=kwargs))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert dossier.inburgeraar.bsn not in html
    if pagina == "partners:start":
        # The worklist shows names only (every kind may see them), never other categories.
        assert mag_zien(soort, Gegeven.NAAM) and dossier.inburgeraar.naam in html
        assert "0612345678" not in html and "data-gegeven" not in html
        return
    fouten = [
        gegeven.value
        for gegeven in Gegeven
        if (f'data-gegeven="{gegeven.value}"' in html) != mag_zien(soort, gegeven)
    ]
    assert not fouten, f"{soort}: sections not as the table says: {fouten}"
    assert ("0612345678" in html) == mag_zien(soort, Gegeven.CONTACT)


def test_a_dossier_not_linked_is_404_staff_pages_403_and_every_view_logged(
    client, gemeente_a, consulent_a
):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a)
    ander = maak_dossier(gemeente_a, consulent=consulent_a)
    _org, gebruiker = _partner(Organisatiesoort.BEGELEIDING, gemeente_a, dossier)
    client.force_login(gebruiker)
    assert client.get(reverse("partners:dossier", kwargs={"uuid": ander.uuid})).status_code == 404
    assert client.get(reverse("dossiers:dossier", kwargs={"uuid": dossier.uuid})).status_code == 403
    assert client.get(reverse("dossiers:caseload")).status_code == 403
    assert client.get(reverse("start")).headers["Location"] == reverse("partners:start")
    client.get(reverse("partners:start"))
    client.get(reverse("partners:dossier", kwargs={"uuid": dossier.uuid}))
    rijen = Inzagelog.objects.filter(gebruiker=gebruiker)
    assert list(rijen.values_list("dossier_id", "doel")) == [
        (dossier.pk, "partner"),
        (dossier.pk, "partner"),
    ]


def test_a_partner_without_organisation_gets_403(client, gemeente_a):
    client.force_login(maak_gebruiker("los_partner", Rol.PARTNER, gemeente_a))
    assert client.get(reverse("partners:start")).status_code == 403


@pytest.fixture
def school_met_plaatsing(gemeente_a, consulent_a):
    aanbieder = maak_aanbieder("Taalschool De Brug")
    school = maak_organisatie(Organisatiesoort.TAALAANBIEDER, gemeente_a, aanbieder=aanbieder)
    gebruiker = maak_medewerker("school_test", school)
    dossier = klaar_voor_plaatsing(gemeente_a, consulent_a)
    vandaag = timezone.localdate()
    plaatsing = geplaatst(
        dossier,
        maak_contract(gemeente_a, aanbieder),
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(days=100),
        gestart_op=vandaag - dt.timedelta(days=80),
    )
    return gebruiker, dossier, plaatsing


def test_the_school_reports_hours_through_the_traject_rules(client, school_met_plaatsing):
    gebruiker, dossier, plaatsing = school_met_plaatsing
    client.force_login(gebruiker)
    url = reverse("partners:dossier", kwargs={"uuid": dossier.uuid})
    start = client.get(reverse("partners:start")).content.decode()
    assert "Uren doorgeven" in start
    maand = plaatsing.gestart_op.replace(day=1)
    gegevens = {
        "actie": "uren",
        "uren-plaatsing": plaatsing.pk,
        "uren-periodesoort": "maand",
        "uren-periode_begin": maand.isoformat(),
        "uren-aangeboden": "40",
        "uren-aanwezig": "36,5",
    }
    assert client.post(url, gegevens).status_code == 302
    rij = plaatsing.uren.get()
    assert (rij.aanwezig, rij.ingevoerd_door) == (Decimal("36.5"), gebruiker)
    # The same period again without "correctie": refused with traject's message, nothing saved.
    fout = client.post(url, gegevens)
    assert fout.status_code == 400
    assert "al uren geregistreerd" in fout.content.decode()
    assert plaatsing.uren.count() == 1


def test_the_school_reports_an_exam_intention_as_an_event(client, school_met_plaatsing):
    gebruiker, dossier, _plaatsing = school_met_plaatsing
    client.force_login(gebruiker)
    url = reverse("partners:dossier", kwargs={"uuid": dossier.uuid})
    verwacht = timezone.localdate() + dt.timedelta(days=60)
    antwoord = client.post(
        url, {"actie": "examenwens", "wens-onderdeel": "LE", "wens-verwacht_op": verwacht}
    )
    assert antwoord.status_code == 302
    assert dossier.events.filter(soort=Soort.EXAMENWENS).count() == 1


def test_mb_progress_becomes_an_event_the_consulent_sees(client, gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a)
    _org, gebruiker = _partner(Organisatiesoort.BEGELEIDING, gemeente_a, dossier, "mb_test")
    client.force_login(gebruiker)
    url = reverse("partners:dossier", kwargs={"uuid": dossier.uuid})
    antwoord = client.post(
        url,
        {
            "actie": "voortgang",
            "voortgang-datum": timezone.localdate().isoformat(),
            "voortgang-onderwerp": "Huisarts ingeschreven",
            "voortgang-tekst": "Samen de inschrijving geregeld.",
        },
    )
    assert antwoord.status_code == 302
    event = dossier.events.get(soort=Soort.PARTNER_VOORTGANG)
    assert event.gegevens["onderwerp"] == "Huisarts ingeschreven"
    client.force_login(consulent_a)
    tijdlijn = client.get(reverse("dossiers:dossier", kwargs={"uuid": dossier.uuid}))
    assert "Huisarts ingeschreven" in tijdlijn.content.decode()


def test_coa_hands_over_and_the_consulent_takes_over_without_overwriting(
    client, gemeente_a, consulent_a
):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a)
    intake = BredeIntake.objects.create(dossier=dossier)
    brede_intake.bewaar_verslag(
        intake, IntakeOnderdeel.TAALNIVEAU, "Eigen tekst", gezien_versie=0, actor=consulent_a
    )
    _org, coa = _partner(Organisatiesoort.COA, gemeente_a, dossier, "coa_test")
    client.force_login(coa)
    url = reverse("partners:dossier", kwargs={"uuid": dossier.uuid})
    profiel = {
        "actie": "profiel",
        "profiel-talen": "Arabisch (moedertaal), Engels B1",
        "profiel-opleiding": "Middelbare school in Aleppo",
        "profiel-werkervaring": "Vijf jaar kapper",
        "profiel-gezondheid": "Rugklachten",
    }
    zonder_toestemming = client.post(url, profiel | {"overdragen": "1"})
    assert zonder_toestemming.status_code == 400
    assert "Gezondheid delen kan alleen met toestemming" in zonder_toestemming.content.decode()
    assert not Clientprofiel.objects.exists()
    toestemming = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    antwoord = client.post(
        url, profiel | {"profiel-toestemming_gezondheid": toestemming, "overdragen": "1"}
    )
    assert antwoord.status_code == 302
    assert Clientprofiel.objects.get().status == Profielstatus.OVERGEDRAGEN
    assert dossier.events.filter(soort=Soort.CLIENTPROFIEL_COA).count() == 1

    client.force_login(consulent_a)
    tab = reverse("partners:betrokken", kwargs={"uuid": dossier.uuid})
    assert "Vijf jaar kapper" in client.get(tab).content.decode()
    assert client.post(tab, {"actie": "overnemen"}).status_code == 302
    verslagen = {v.onderwerp: v.tekst for v in Verslag.objects.filter(intake=intake)}
    assert verslagen[IntakeOnderdeel.TAALNIVEAU] == "Eigen tekst"  # never overwritten
    assert "Vijf jaar kapper" in verslagen[IntakeOnderdeel.ONDERWIJS_EN_WERKERVARING]
    assert Gezondheid.objects.get(intake=intake).tekst == "Rugklachten"
    assert Clientprofiel.objects.get().status == Profielstatus.OVERGENOMEN
    with pytest.raises(services.Partnerfout):
        services.neem_over(Clientprofiel.objects.get(), actor=consulent_a)


def test_the_consulent_sees_who_is_involved_and_links_and_ends_a_partner(
    client, gemeente_a, consulent_a
):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a)
    mb = maak_organisatie(Organisatiesoort.BEGELEIDING, gemeente_a, naam="VluchtelingenWerk")
    client.force_login(consulent_a)
    tab = reverse("partners:betrokken", kwargs={"uuid": dossier.uuid})
    vandaag = timezone.localdate()
    antwoord = client.post(
        tab, {"actie": "betrekken", "betrek-organisatie": mb.pk, "betrek-begin": vandaag}
    )
    assert antwoord.status_code == 302
    rij = dossier.betrokkenheden.get()
    assert (rij.grond, rij.begin, rij.einde) == (Grond.BEGELEIDING, vandaag, None)
    assert "VluchtelingenWerk" in client.get(tab).content.decode()
    client.post(tab, {"actie": "beeindigen", "einde-betrokkenheid": rij.pk, "einde-einde": vandaag})
    rij.refresh_from_db()
    assert rij.einde == vandaag


def test_the_beheerder_creates_an_organisation_and_its_user(client, gemeente_a, beheerder):
    client.force_login(beheerder)
    antwoord = client.post(
        reverse("partners:organisaties"),
        {"naam": "COA Utrecht", "soort": "coa", "gemeenten": [gemeente_a.pk], "actief": "on"},
    )
    assert antwoord.status_code == 302
    organisatie = services.organisaties_voor(beheerder).get()
    antwoord = client.post(
        reverse("partners:organisatie", kwargs={"pk": organisatie.pk}),
        {
            "actie": "medewerker",
            "medewerker-username": "coa_nieuw",
            "medewerker-first_name": "Cor",
            "medewerker-last_name": "Aa",
            "medewerker-wachtwoord1": "een-lang-wachtwoord-42",
            "medewerker-wachtwoord2": "een-lang-wachtwoord-42",
        },
    )
    assert antwoord.status_code == 302
    medewerker = organisatie.medewerkers.get()
    assert medewerker.gebruiker.rol == Rol.PARTNER
    assert list(medewerker.gebruiker.gemeenten.all()) == [gemeente_a]
