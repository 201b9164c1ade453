"""Brede intake: sessions, topics, completeness, health shielding, concurrency, LBT and route."""

import datetime as dt

import pytest
from django.urls import reverse

from inburgering.accounts.models import Inzagelog
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.intake import brede_intake as bi
from inburgering.intake.models import Leerbaarheidstoets, LokaalOnderdeel, Routebesluit, Verslag
from tests.conftest import maak_gebruiker

pytestmark = pytest.mark.django_db
D = dt.date.today


@pytest.fixture
def intake(dossier_a, consulent_a):
    bi.voeg_gesprek_toe(
        dossier_a,
        actor=consulent_a,
        datum=D(),
        vorm="persoonlijk",
        tolk_taal="ar",
        deelnemers="inburgeraar, consulent, tolk",
    )
    return bi.intake_van(dossier_a)


def _vul_alles(intake, actor, lbt=True):
    for onderwerp in bi.onderwerpen(intake):
        bi.bewaar_verslag(
            intake, onderwerp.sleutel, f"Verslag {onderwerp.titel}", gezien_versie=0, actor=actor
        )
    intake.gewezen_op_recht_alleen = D()
    intake.save()
    if lbt:
        bi.registreer_lbt(
            intake.dossier,
            actor=actor,
            datum=D(),
            score=30,
            apparaat="tablet",
            invoer="touch",
            tolk=False,
            oefentoets_gedaan=True,
            afnemer_gecertificeerd=True,
            afnemer="Bibliotheek",
        )


def test_the_first_conversation_starts_the_intake(intake, dossier_a):
    dossier_a.refresh_from_db()
    assert dossier_a.fase == Fase.BREDE_INTAKE
    assert intake.gesprekken.count() == 1


def test_completeness_names_what_is_missing_then_allows_closing(intake, consulent_a, dossier_a):
    ontbreekt = bi.volledigheid(intake)
    assert "leerbaarheidstoets" in ontbreekt.uitleg
    assert "recht de gesprekken alleen te voeren" in ontbreekt.uitleg
    with pytest.raises(bi.OngeldigeGebeurtenis):
        bi.rond_af(intake, datum=D(), actor=consulent_a)
    _vul_alles(intake, consulent_a)
    assert bi.volledigheid(intake).waarde == ()
    bi.rond_af(intake, datum=D(), actor=consulent_a)
    dossier_a.refresh_from_db()
    assert dossier_a.fase == Fase.PIP_IN_VOORBEREIDING


def test_a_local_module_of_the_gemeente_is_required(intake, consulent_a, gemeente_a):
    _vul_alles(intake, consulent_a)
    LokaalOnderdeel.objects.create(gemeente=gemeente_a, naam="Pharos Protect-screening")
    ontbreekt = bi.volledigheid(intake)
    assert ontbreekt.waarde == ("Pharos Protect-screening",)
    sleutel = next(o.sleutel for o in bi.onderwerpen(intake) if o.lokaal)
    bi.bewaar_verslag(intake, sleutel, "Geen signalen", gezien_versie=0, actor=consulent_a)
    assert bi.volledigheid(intake).waarde == ()


def test_a_short_version_leaves_out_modules_not_marked_for_it(intake, gemeente_a):
    LokaalOnderdeel.objects.create(gemeente=gemeente_a, naam="Labowijzer")
    intake.versie = "kort"
    intake.save()
    assert not any(o.lokaal for o in bi.onderwerpen(intake))


def test_a_second_editor_is_told_and_nothing_is_overwritten(intake, consulent_a, collega_a):
    eerste = bi.bewaar_verslag(
        intake, "taalniveau", "A1 mondeling", gezien_versie=0, actor=consulent_a
    )
    bi.bewaar_verslag(
        intake, "taalniveau", "A2 mondeling", gezien_versie=eerste.versie, actor=collega_a
    )
    with pytest.raises(bi.Wijzigingsconflict) as conflict:
        bi.bewaar_verslag(
            intake, "taalniveau", "B1??", gezien_versie=eerste.versie, actor=consulent_a
        )
    assert conflict.value.huidige_tekst == "A2 mondeling"
    assert "intussen gewijzigd" in str(conflict.value)
    assert Verslag.objects.get(intake=intake, onderwerp="taalniveau").tekst == "A2 mondeling"


def test_the_page_shows_the_conflict_to_the_second_editor(client, intake, consulent_a, collega_a):
    bi.bewaar_verslag(intake, "zelfredzaamheid", "Zelfstandig", gezien_versie=0, actor=collega_a)
    client.force_login(consulent_a)
    antwoord = client.post(
        reverse("intake:brede_intake", args=[intake.dossier.uuid]),
        {"actie": "verslag", "sleutel": "zelfredzaamheid", "tekst": "Mijn tekst", "versie": 0},
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "intussen gewijzigd" in html and "Zelfstandig" in html


def test_health_information_is_shielded_from_other_roles_and_every_view_logged(
    client, intake, consulent_a, teamleider_a
):
    url = reverse("intake:gezondheid", args=[intake.dossier.uuid])
    client.force_login(teamleider_a)
    assert client.get(url).status_code == 403
    pagina = client.get(reverse("intake:brede_intake", args=[intake.dossier.uuid]))
    assert "niet zichtbaar voor uw rol" in pagina.content.decode()
    client.force_login(consulent_a)
    client.post(url, {"tekst": "Rugklachten; slaapt slecht.", "versie": 0})
    assert "Rugklachten" in client.get(url).content.decode()
    client.get(url)
    assert Inzagelog.objects.filter(gebruiker=consulent_a, doel="gezondheid").count() == 2
    kwaliteit = maak_gebruiker("kim_kwaliteit", "kwaliteit", intake.dossier.gemeente)
    client.force_login(kwaliteit)
    assert client.get(url).status_code == 403


def test_lbt_outcome_distance_and_conditions_are_shown(client, dossier_a, consulent_a):
    client.force_login(consulent_a)
    url = reverse("intake:toets_en_route", args=[dossier_a.uuid])
    antwoord = client.post(
        url,
        {
            "actie": "lbt",
            "datum": D(),
            "score": 26,
            "apparaat": "tablet",
            "invoer": "touch",
            "afnemer_gecertificeerd": "on",
        },
    )
    assert antwoord.status_code == 302
    html = client.get(url).content.decode()
    assert "26 / 40" in html and "cesuur 28" in html and "afstand -2" in html
    assert "zonder oefentoets" in html and "Wet inburgering 2021, art. 14 lid 3 onder a" in html
    assert dossier_a.events.get(soort=Soort.LBT_AFGENOMEN).gegevens["haalbaar"] is False


@pytest.mark.parametrize("score", ["41", "-1", "abc"])
def test_an_impossible_lbt_score_is_refused(client, dossier_a, consulent_a, score):
    client.force_login(consulent_a)
    antwoord = client.post(
        reverse("intake:toets_en_route", args=[dossier_a.uuid]),
        {"actie": "lbt", "datum": D(), "score": score, "apparaat": "tablet", "invoer": "touch"},
    )
    assert antwoord.status_code == 400
    assert not Leerbaarheidstoets.objects.exists()


def test_a_route_against_the_lbt_needs_reasons(client, dossier_a, consulent_a):
    bi.registreer_lbt(
        dossier_a,
        actor=consulent_a,
        datum=D(),
        score=35,
        apparaat="computer",
        invoer="muis",
        tolk=False,
        oefentoets_gedaan=True,
        afnemer_gecertificeerd=True,
        afnemer="",
    )
    client.force_login(consulent_a)
    url = reverse("intake:toets_en_route", args=[dossier_a.uuid])
    zonder = client.post(
        url,
        {
            "actie": "route",
            "datum": D(),
            "leerroute": "z",
            "niveau": "A2",
            "intensiteit_uren_per_week": 10,
        },
    )
    assert zonder.status_code == 400
    assert "wijkt af van de leerbaarheidstoets" in zonder.content.decode()
    met = client.post(
        url,
        {
            "actie": "route",
            "datum": D(),
            "leerroute": "z",
            "niveau": "A2",
            "intensiteit_uren_per_week": 10,
            "afwijkingsredenen": ["gezondheid"],
            "toelichting": "Ernstige concentratieproblemen.",
        },
    )
    assert met.status_code == 302
    besluit = Routebesluit.objects.get()
    assert besluit.wijkt_af and besluit.afwijkingsredenen == ["gezondheid"]


def test_route_level_combinations_follow_duo_and_asylum_needs_intensity(
    client, dossier_a, consulent_a
):
    client.force_login(consulent_a)
    url = reverse("intake:toets_en_route", args=[dossier_a.uuid])
    antwoord = client.post(
        url, {"actie": "route", "datum": D(), "leerroute": "onderwijs", "niveau": "A2"}
    )
    fouten = antwoord.context["formulieren"]["route"].errors
    assert "Niveau A2 kan niet bij de onderwijsroute." in fouten["niveau"]
    assert "intensiteit_uren_per_week" in fouten
    assert not Routebesluit.objects.exists()


def test_a_part_saves_without_a_reload_through_htmx(client, intake, consulent_a):
    client.force_login(consulent_a)
    url = reverse("intake:brede_intake", args=[intake.dossier.uuid])
    pagina = client.get(url).content.decode()
    assert 'hx-select="#sectie-zelfredzaamheid"' in pagina and "htmx.min.js" in pagina
    gegevens = {
        "actie": "verslag",
        "sleutel": "zelfredzaamheid",
        "tekst": "Zelfstandig",
        "versie": 0,
    }
    antwoord = client.post(url, gegevens, HTTP_HX_REQUEST="true")
    # The page itself (htmx takes the part and the completeness from it), not a redirect.
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert 'id="sectie-zelfredzaamheid"' in html and "Opgeslagen." in html
    assert Verslag.objects.get(intake=intake, onderwerp="zelfredzaamheid").tekst == "Zelfstandig"
    # Without JavaScript the same post ends in the usual redirect.
    gegevens.update(tekst="Zelfstandig, met hulp", versie=1)
    assert client.post(url, gegevens).status_code == 302
