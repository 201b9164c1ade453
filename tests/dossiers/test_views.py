"""The consulent's pages: caseload filters and search, dossier page, new dossier form."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Rol
from inburgering.dossiers.models import Dossier, DossierEvent, Inburgeraar
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Fase, Soort
from tests.conftest import maak_dossier, maak_gebruiker, volgend_test_bsn

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingelogd(client, consulent_a):
    client.force_login(consulent_a)
    return client


def test_caseload_shows_my_dossiers_with_deadline_status(ingelogd, gemeente_a, consulent_a):
    laat = maak_dossier(
        gemeente_a, consulent=consulent_a, kennisgeving=dt.date.today() - dt.timedelta(weeks=12)
    )
    op_tijd = maak_dossier(
        gemeente_a, consulent=consulent_a, kennisgeving=dt.date.today() - dt.timedelta(days=3)
    )
    html = ingelogd.get(reverse("dossiers:caseload")).content.decode()
    assert laat.inburgeraar.naam in html and op_tijd.inburgeraar.naam in html
    assert "te laat" in html
    assert "utrecht-status-badge--safe" in html


def test_caseload_filters_on_deadline_status(ingelogd, gemeente_a, consulent_a):
    laat = maak_dossier(
        gemeente_a, consulent=consulent_a, kennisgeving=dt.date.today() - dt.timedelta(weeks=12)
    )
    op_tijd = maak_dossier(gemeente_a, consulent=consulent_a)
    html = ingelogd.get(reverse("dossiers:caseload"), {"deadline": "verlopen"}).content.decode()
    assert laat.inburgeraar.naam in html
    assert op_tijd.inburgeraar.naam not in html


def test_mine_team_and_gemeente_scopes(client, gemeente_a, consulent_a, collega_a, teamleider_a):
    van_mij = maak_dossier(gemeente_a, consulent=consulent_a)
    van_collega = maak_dossier(gemeente_a, consulent=collega_a)
    zonder = maak_dossier(gemeente_a)
    client.force_login(consulent_a)
    mijn = client.get(reverse("dossiers:caseload")).content.decode()
    assert van_mij.inburgeraar.naam in mijn and van_collega.inburgeraar.naam not in mijn
    team = client.get(reverse("dossiers:caseload"), {"scope": "team"}).content.decode()
    assert van_collega.inburgeraar.naam in team and zonder.inburgeraar.naam not in team
    gemeente = client.get(reverse("dossiers:caseload"), {"scope": "gemeente"}).content.decode()
    assert zonder.inburgeraar.naam in gemeente
    client.force_login(teamleider_a)
    standaard = client.get(reverse("dossiers:caseload")).content.decode()
    assert van_mij.inburgeraar.naam in standaard and van_collega.inburgeraar.naam in standaard


def test_search_by_bsn_is_posted_and_never_in_the_url(ingelogd, gemeente_a, consulent_a):
    gezocht = maak_dossier(gemeente_a, consulent=consulent_a)
    ander = maak_dossier(gemeente_a, consulent=consulent_a)
    antwoord = ingelogd.post(reverse("dossiers:caseload"), {"zoek": gezocht.inburgeraar.bsn})
    assert antwoord.status_code == 302
    assert gezocht.inburgeraar.bsn not in antwoord.url
    html = ingelogd.get(antwoord.url).content.decode()
    assert gezocht.inburgeraar.naam in html and ander.inburgeraar.naam not in html
    ingelogd.post(reverse("dossiers:caseload"), {"wis": "1"})
    html = ingelogd.get(reverse("dossiers:caseload")).content.decode()
    assert ander.inburgeraar.naam in html


def test_search_by_name(ingelogd, gemeente_a, consulent_a):
    gezocht = maak_dossier(gemeente_a, consulent=consulent_a, geslachtsnaam="Tesfamariam")
    ander = maak_dossier(gemeente_a, consulent=consulent_a)
    ingelogd.post(reverse("dossiers:caseload"), {"zoek": "tesfa"})
    html = ingelogd.get(reverse("dossiers:caseload")).content.decode()
    assert gezocht.inburgeraar.naam in html and ander.inburgeraar.naam not in html


def test_dossier_page_explains_the_deadline_with_its_legal_basis(ingelogd, dossier_a):
    html = ingelogd.get(reverse("dossiers:dossier", args=[dossier_a.uuid])).content.decode()
    assert dossier_a.inburgeraar.naam in html
    assert "Besluit inburgering 2021, art. 5.3 lid 1" in html
    assert "10 weken na de kennisgeving" in html
    assert "Kennisgeving inburgeringsplicht ontvangen" in html  # the timeline


def test_recording_a_step_on_the_dossier_page(ingelogd, dossier_a):
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    antwoord = ingelogd.post(url, {"soort": "intake_gestart", "datum": dt.date.today()})
    assert antwoord.status_code == 302
    dossier_a.refresh_from_db()
    assert dossier_a.fase == Fase.BREDE_INTAKE


def test_a_step_the_phase_does_not_allow_is_refused_at_the_field(ingelogd, dossier_a):
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    aantal = DossierEvent.objects.count()
    antwoord = ingelogd.post(
        url, {"soort": "pip_vastgesteld", "datum": dt.date.today(), "leerroute": "b1"}
    )
    assert antwoord.status_code == 400
    assert (
        "kan in de huidige fase van het dossier niet worden vastgelegd" in antwoord.content.decode()
    )
    assert DossierEvent.objects.count() == aantal


def test_closing_needs_a_reason(ingelogd, dossier_a):
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    antwoord = ingelogd.post(url, {"soort": "dossier_afgesloten", "datum": dt.date.today()})
    assert antwoord.status_code == 400
    assert "Dit veld is verplicht bij deze stap" in antwoord.content.decode()


def _nieuw(gemeente_obj, **wijzig):
    data = {
        "bsn": volgend_test_bsn(),
        "voornamen": "Yonas",
        "geslachtsnaam": "Tekle",
        "geboortedatum": "1994-02-11",
        "geslacht": "M",
        "land_van_herkomst": "ER",
        "voorkeurstaal": "ti",
        "gemeente": gemeente_obj.pk,
        "regime": "wi2021",
        "doelgroep": "asielstatushouder",
        "koppeling_datum": "2025-01-06",
        "azc": "Zweeloo",
        "brp_inschrijving_datum": "2025-04-01",
        "kennisgeving_datum": "2025-01-20",
    }
    data.update(wijzig)
    return {k: v for k, v in data.items() if v is not None}


def test_new_dossier_creates_person_dossier_and_ordered_events(ingelogd, gemeente_a):
    antwoord = ingelogd.post(reverse("dossiers:nieuw"), _nieuw(gemeente_a))
    assert antwoord.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.fase == Fase.GEHUISVEST
    assert list(dossier.events.order_by("datum", "id").values_list("soort", flat=True)) == [
        Soort.COA_KOPPELING,
        Soort.DOELGROEP_VASTGESTELD,
        Soort.SIGNAAL_ONTVANGEN,
        Soort.HUISVESTING,
    ]
    assert dossier.pip_deadline is not None


@pytest.mark.parametrize(
    ("wijziging", "veld", "melding"),
    [
        ({"bsn": "123456789"}, "bsn", "elfproef"),
        ({"bsn": "12345"}, "bsn", "9 cijfers"),
        ({"geboortedatum": "2099-01-01"}, "geboortedatum", "toekomst"),
        ({"brp_inschrijving_datum": "2024-12-01"}, "brp_inschrijving_datum", "vóór de koppeling"),
        ({"gemeente": "999999"}, "gemeente", "Kies een gemeente waarvoor u werkt"),
        (
            {"koppeling_datum": None, "brp_inschrijving_datum": None, "kennisgeving_datum": None},
            "kennisgeving_datum",
            "ten minste één datum",
        ),
        ({"azc": ""}, "azc", "azc-locatie"),
        ({"kennisgeving_datum": "1980-01-01"}, "kennisgeving_datum", "vóór de geboortedatum"),
    ],
)
def test_bad_input_gets_a_dutch_message_at_the_field_and_saves_nothing(
    ingelogd, gemeente_a, wijziging, veld, melding
):
    antwoord = ingelogd.post(reverse("dossiers:nieuw"), _nieuw(gemeente_a, **wijziging))
    assert antwoord.status_code == 400
    fouten = antwoord.context["form"].errors
    assert veld in fouten
    assert melding in " ".join(fouten[veld])
    assert not Inburgeraar.objects.exists() and not DossierEvent.objects.exists()


def test_a_duplicate_person_is_refused(ingelogd, gemeente_a, dossier_a):
    data = _nieuw(gemeente_a, bsn=dossier_a.inburgeraar.bsn)
    antwoord = ingelogd.post(reverse("dossiers:nieuw"), data)
    assert antwoord.status_code == 400
    fout = " ".join(antwoord.context["form"].errors["bsn"])
    assert "al een lopend dossier in gemeente Utrecht" in fout
    assert Inburgeraar.objects.count() == 1
    # No dead end: the message links to the running dossier.
    assert antwoord.context["bestaand"] == dossier_a
    assert reverse("dossiers:dossier", kwargs={"uuid": dossier_a.uuid}) in antwoord.content.decode()


def test_another_gemeente_cannot_be_chosen(ingelogd, gemeente_b):
    antwoord = ingelogd.post(reverse("dossiers:nieuw"), _nieuw(gemeente_b))
    assert antwoord.status_code == 400
    assert "gemeente" in antwoord.context["form"].errors
    assert not Dossier.objects.exists()


def test_english_translation_is_available(ingelogd, dossier_a):
    ingelogd.post(reverse("set_language"), {"language": "en"})
    html = ingelogd.get(reverse("dossiers:caseload")).content.decode()
    assert 'lang="en"' in html
    assert "1 case file" in html and "PIP deadline" in html
    ingelogd.post(reverse("set_language"), {"language": "nl"})
    assert "1 dossier" in ingelogd.get(reverse("dossiers:caseload")).content.decode()


def test_dutch_is_the_default_whatever_the_browser_asks(ingelogd, dossier_a):
    html = ingelogd.get(reverse("dossiers:caseload"), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert 'lang="nl"' in html


def test_corrected_events_are_marked_in_the_timeline(ingelogd, dossier_a):
    fout = registreer(dossier_a, Soort.HUISVESTING, dt.date.today() - dt.timedelta(days=2))
    registreer(
        dossier_a, Soort.HUISVESTING, dt.date.today() - dt.timedelta(days=4), corrigeert=fout
    )
    html = ingelogd.get(reverse("dossiers:dossier", args=[dossier_a.uuid])).content.decode()
    vervallen = html.split('app-tijdlijn__item--vervallen">')
    assert len(vervallen) == 2  # exactly the corrected event
    assert vervallen[1].split("</li>")[0].count(fout.datum.strftime("%d-%m-%Y")) == 1
    assert 'utrecht-status-badge--inactive">gecorrigeerd</span>' in vervallen[1]


def test_the_timeline_shows_each_event_with_source_actor_and_note(ingelogd, dossier_a, consulent_a):
    datum = dt.date.today() - dt.timedelta(days=1)
    event = registreer(
        dossier_a,
        Soort.HUISVESTING,
        datum,
        actor=consulent_a,
        toelichting="Sleutel <b>opgehaald</b> & getekend",
    )
    html = ingelogd.get(reverse("dossiers:dossier", args=[dossier_a.uuid])).content.decode()
    tijd = timezone.localtime(event.geregistreerd_op).strftime("%d-%m-%Y %H:%M")
    kop = f"<strong>{datum.strftime('%d-%m-%Y')}</strong> — Ingeschreven in BRP (gehuisvest)"
    assert kop in html
    assert f"Bron: Medewerker, vastgelegd {tijd} door {consulent_a.weergavenaam}" in html
    assert "Sleutel &lt;b&gt;opgehaald&lt;/b&gt; &amp; getekend" in html
    ingelogd.post(reverse("set_language"), {"language": "en"})
    html = ingelogd.get(reverse("dossiers:dossier", args=[dossier_a.uuid])).content.decode()
    assert f"vastgelegd {tijd}" not in html and f"recorded {tijd}" in html


def test_dossier_page_shows_the_termijn_once_the_pip_is_set(ingelogd, gemeente_a, consulent_a):
    dossier = maak_dossier(gemeente_a, consulent=consulent_a, kennisgeving=dt.date(2025, 1, 6))
    for soort, datum in [
        (Soort.INTAKE_GESTART, dt.date(2025, 1, 20)),
        (Soort.INTAKE_AFGEROND, dt.date(2025, 2, 10)),
    ]:
        registreer(dossier, soort, datum)
    registreer(dossier, Soort.PIP_VASTGESTELD, dt.date(2025, 3, 3), gegevens={"leerroute": "b1"})
    html = ingelogd.get(reverse("dossiers:dossier", args=[dossier.uuid])).content.decode()
    assert "04-03-2025 – 03-03-2028" in html
    assert "Wet inburgering 2021, art. 11" in html
    assert "Uiterste datum PIP" not in html


def test_waiting_status_and_next_appointment_show_in_the_caseload(
    ingelogd, gemeente_a, consulent_a
):
    from django.utils import timezone

    from inburgering.intake.models import Afspraak

    wacht = maak_dossier(gemeente_a, consulent=consulent_a, geslachtsnaam="Wachter")
    ander = maak_dossier(gemeente_a, consulent=consulent_a, geslachtsnaam="Anders")
    registreer(wacht, Soort.WACHT_OP, dt.date.today(), gegevens={"op": "school"})
    Afspraak.objects.create(
        dossier=ander,
        soort="intake",
        vorm="video",
        medewerker=consulent_a,
        begin=timezone.now() + dt.timedelta(days=3),
    )
    html = ingelogd.get(reverse("dossiers:caseload")).content.decode()
    assert "de cursusinstelling" in html
    volgende = (timezone.localtime() + dt.timedelta(days=3)).strftime("%d-%m-%Y")
    assert volgende in html
    gefilterd = ingelogd.get(reverse("dossiers:caseload"), {"wacht_op": "school"}).content.decode()
    assert "Wachter" in gefilterd and "Anders" not in gefilterd


def test_team_view_shows_workload_against_the_norm(
    client, gemeente_a, consulent_a, collega_a, teamleider_a
):
    from inburgering.accounts.models import GemeenteConfiguratie

    GemeenteConfiguratie.objects.filter(gemeente=gemeente_a).update(caseload_norm=2)
    for _ in range(3):
        maak_dossier(gemeente_a, consulent=consulent_a)
    client.force_login(teamleider_a)
    antwoord = client.get(reverse("dossiers:caseload"), {"scope": "team"})
    werkdruk = {
        w.gebruikersnaam: (w.open_dossiers, w.percentage) for w in antwoord.context["werkdruk"]
    }
    assert werkdruk == {consulent_a.username: (3, 150), collega_a.username: (0, 0)}
    assert "150%" in antwoord.content.decode()


def test_gemeente_workload_counts_a_consulent_of_several_gemeenten_once(
    client, gemeente_a, gemeente_b, consulent_a
):
    """Selecting consulenten through their gemeenten must not multiply their dossiers."""
    tweezijdig = maak_gebruiker("tweezijdig", Rol.CONSULENT, gemeente_a, gemeente_b)
    leider = maak_gebruiker("leider_ab", Rol.TEAMLEIDER, gemeente_a, gemeente_b)
    for _ in range(2):
        maak_dossier(gemeente_a, consulent=tweezijdig)
    maak_dossier(gemeente_b, consulent=tweezijdig)
    maak_dossier(gemeente_a, consulent=consulent_a)
    client.force_login(leider)
    antwoord = client.get(reverse("dossiers:caseload"), {"scope": "gemeente"})
    werkdruk = {w.gebruikersnaam: w.open_dossiers for w in antwoord.context["werkdruk"]}
    assert werkdruk == {"tweezijdig": 3, consulent_a.username: 1}


def test_caseload_rows_escape_what_people_typed(client, gemeente_a, consulent_a):
    maak_dossier(
        gemeente_a,
        consulent=consulent_a,
        voornamen='<img src=x onerror="alert(1)">',
        geslachtsnaam="O'Brien & Zn",
    )
    client.force_login(consulent_a)
    html = client.get(reverse("dossiers:caseload")).content.decode()
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; O&#x27;Brien &amp; Zn" in html


def test_the_bulk_form_lists_the_consulenten_of_the_users_own_gemeenten(
    client, gemeente_a, gemeente_b, consulent_a, consulent_b, teamleider_a
):
    """The form is kept a minute per set of gemeenten; another gemeente's user never gets it."""
    maak_dossier(gemeente_a, consulent=consulent_a)
    maak_dossier(gemeente_b, consulent=consulent_b)
    client.force_login(teamleider_a)
    for _ in range(2):  # built, then read from the cache
        html = client.get(reverse("dossiers:caseload"), {"scope": "gemeente"}).content.decode()
        assert f'value="{consulent_a.pk}"' in html and f'value="{consulent_b.pk}"' not in html
    client.force_login(consulent_b)
    html = client.get(reverse("dossiers:caseload")).content.decode()
    assert f'value="{consulent_b.pk}"' in html and f'value="{consulent_a.pk}"' not in html


def test_the_caseload_shows_each_rows_next_planned_appointment(ingelogd, gemeente_a, consulent_a):
    from inburgering.intake.models import Afspraak

    nu = timezone.now()
    dossier = maak_dossier(gemeente_a, consulent=consulent_a)
    zonder = maak_dossier(gemeente_a, consulent=consulent_a)

    def afspraak(dagen: int, status: str = "gepland", wie=dossier):
        return Afspraak.objects.create(
            dossier=wie,
            soort="intake",
            vorm="video",
            medewerker=consulent_a,
            begin=nu + dt.timedelta(days=dagen, hours=1),
            status=status,
        )

    afspraak(-2)  # in the past
    afspraak(1, status="geannuleerd")
    afspraak(9)
    afspraak(4)
    rijen = {r.pk: r for r in ingelogd.get(reverse("dossiers:caseload")).context["rijen"]}
    verwacht = timezone.localtime(nu + dt.timedelta(days=4, hours=1)).strftime("%d-%m-%Y %H:%M")
    assert rijen[dossier.pk].volgende_afspraak == verwacht
    assert rijen[zonder.pk].volgende_afspraak == "—"


def test_workload_panel_is_kept_a_minute_and_renewed_when_the_gemeente_changes(
    client, gemeente_a, consulent_a, teamleider_a, django_capture_on_commit_callbacks
):
    from inburgering.dossiers import panelen

    with django_capture_on_commit_callbacks(execute=True):
        maak_dossier(gemeente_a, consulent=consulent_a)
    client.force_login(teamleider_a)

    def getoond() -> int:
        werkdruk = client.get(reverse("dossiers:caseload"), {"scope": "team"}).context["werkdruk"]
        return {w.gebruikersnaam: w.open_dossiers for w in werkdruk}[consulent_a.username]

    assert getoond() == 1
    # A change past the services (no signal) is not seen while the panel is kept ...
    Dossier.objects.filter(consulent=consulent_a).update(consulent=None)
    assert getoond() == 1
    # ... a change through the services renews the gemeente's panels at its commit ...
    with django_capture_on_commit_callbacks(execute=True):
        maak_dossier(gemeente_a, consulent=consulent_a)
        maak_dossier(gemeente_a, consulent=consulent_a)
    assert getoond() == 2
    # ... and whatever happens, a panel is at most BEWAARTIJD seconds old.
    Dossier.objects.filter(consulent=consulent_a).update(consulent=None)
    assert getoond() == 2
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=panelen.BEWAARTIJD + 1)):
        assert getoond() == 0


def test_the_step_form_is_kept_per_set_of_allowed_steps_and_never_with_errors(
    ingelogd, gemeente_a, consulent_a, dossier_a
):
    from django.core.cache import cache

    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    eerste = ingelogd.get(url).content.decode()
    assert ingelogd.get(url).content.decode().count('name="soort"') == 1
    # Another dossier in a later phase offers other steps: not the kept form of the first.
    verder = maak_dossier(gemeente_a, consulent=consulent_a)
    registreer(verder, Soort.HUISVESTING, dt.date.today())
    tweede = ingelogd.get(reverse("dossiers:dossier", args=[verder.uuid])).content.decode()
    keuzes = lambda html: html.split('name="soort"')[1].split("</select>")[0]  # noqa: E731
    assert keuzes(eerste) != keuzes(tweede)
    # A refused step shows its errors and the posted values, not the kept empty form.
    cache.clear()
    ingelogd.get(url)
    antwoord = ingelogd.post(url, {"soort": "bestaat_niet", "datum": "", "toelichting": "xyz"})
    html = antwoord.content.decode()
    assert antwoord.status_code == 400
    assert "utrecht-form-field--invalid" in html and "xyz</textarea>" in html


def test_citations_link_to_the_article_and_explanations_follow_the_language(ingelogd, dossier_a):
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    html = ingelogd.get(url).content.decode()
    assert (
        'href="https://wetten.overheid.nl/jci1.3:c:BWBR0045555&amp;artikel=5.3&amp;lid=1"' in html
    )
    assert "[wet" not in html and "BWBR0045555 art." not in html
    ingelogd.cookies["django_language"] = "en"
    engels = ingelogd.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The PIP must be adopted by" in engels
    assert "10 weeks after DUO&#x27;s notification of" in engels
    assert "10 weken na de kennisgeving" not in engels
