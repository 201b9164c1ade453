"""Contact log, appointments, warm handover and waiting status."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.workflow import Soort
from inburgering.intake.models import Afspraak

pytestmark = pytest.mark.django_db
D = dt.date.today


@pytest.fixture
def pagina(client, consulent_a, dossier_a):
    client.force_login(consulent_a)
    return reverse("intake:contact", args=[dossier_a.uuid])


def test_a_whatsapp_contact_is_logged_and_updates_last_contact(client, pagina, dossier_a):
    antwoord = client.post(
        pagina,
        {
            "actie": "contact",
            "datum": D(),
            "kanaal": "whatsapp",
            "samenvatting": "Afspraak bevestigd",
        },
    )
    assert antwoord.status_code == 302
    dossier_a.refresh_from_db()
    assert dossier_a.laatste_contact == D()
    html = client.get(pagina).content.decode()
    assert "Afspraak bevestigd" in html and "WhatsApp" in html


def test_contact_in_the_future_is_refused(client, pagina, dossier_a):
    antwoord = client.post(
        pagina,
        {
            "actie": "contact",
            "datum": D() + dt.timedelta(days=2),
            "kanaal": "telefoon",
            "samenvatting": "x",
        },
    )
    assert antwoord.status_code == 400
    assert "Deze datum ligt in de toekomst." in antwoord.content.decode()
    assert not dossier_a.events.filter(soort=Soort.CONTACT).exists()


def test_an_appointment_with_interpreter_is_planned_and_when_held_counts_as_contact(
    client, pagina, dossier_a, consulent_a
):
    begin = (timezone.localtime() - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    antwoord = client.post(
        pagina,
        {
            "actie": "afspraak",
            "soort": "intake",
            "vorm": "op_locatie",
            "begin": begin,
            "duur_minuten": 90,
            "tolk_taal": "ti",
            "herinnering_dagen": 1,
        },
    )
    assert antwoord.status_code == 302
    afspraak = Afspraak.objects.get(dossier=dossier_a)
    assert afspraak.tolk_taal == "ti" and afspraak.medewerker == consulent_a
    client.post(
        reverse("intake:afspraak_status", args=[dossier_a.uuid, afspraak.pk]),
        {"status": "gehouden"},
    )
    afspraak.refresh_from_db()
    dossier_a.refresh_from_db()
    assert afspraak.status == "gehouden"
    assert dossier_a.laatste_contact == timezone.localdate(afspraak.begin)


def test_an_appointment_of_impossible_length_is_refused(client, pagina, dossier_a):
    antwoord = client.post(
        pagina,
        {
            "actie": "afspraak",
            "soort": "intake",
            "vorm": "video",
            "begin": "2030-01-01T10:00",
            "duur_minuten": 2,
            "herinnering_dagen": 1,
        },
    )
    assert antwoord.status_code == 400
    assert not Afspraak.objects.exists()


def test_waiting_for_a_third_party_suspends_then_resets_the_pip_deadline(client, pagina, dossier_a):
    normaal = dossier_a.pip_deadline
    client.post(pagina, {"actie": "wacht", "op": "derde", "datum": D() - dt.timedelta(days=5)})
    dossier_a.refresh_from_db()
    assert dossier_a.wacht_op == "derde"
    assert dossier_a.pip_deadline is None  # Besluit 5.3 lid 2: waits for the information
    client.post(pagina, {"actie": "klaar", "datum": D()})
    dossier_a.refresh_from_db()
    assert dossier_a.wacht_op == ""
    assert dossier_a.pip_deadline == normaal  # receipt + 2 weeks never shortens (lid 2)


def test_information_received_late_gives_two_weeks_after_receipt(client, gemeente_a, consulent_a):
    from tests.conftest import maak_dossier

    dossier = maak_dossier(
        gemeente_a, consulent=consulent_a, kennisgeving=D() - dt.timedelta(weeks=12)
    )
    assert dossier.pip_deadline < D()
    client.force_login(consulent_a)
    pagina = reverse("intake:contact", args=[dossier.uuid])
    client.post(pagina, {"actie": "wacht", "op": "derde", "datum": D() - dt.timedelta(weeks=9)})
    client.post(pagina, {"actie": "klaar", "datum": D()})
    dossier.refresh_from_db()
    # Two weeks after receipt, moved past a weekend or holiday by the Algemene termijnenwet.
    assert D() + dt.timedelta(weeks=2) <= dossier.pip_deadline <= D() + dt.timedelta(days=18)


def test_warm_handover_is_recorded_with_participants(client, pagina, dossier_a):
    client.post(
        pagina,
        {
            "actie": "overdracht",
            "datum": D(),
            "kanaal": "video",
            "deelnemers": "inburgeraar, COA, consulent",
        },
    )
    event = dossier_a.events.get(soort=Soort.WARME_OVERDRACHT)
    assert event.gegevens == {"kanaal": "video", "deelnemers": "inburgeraar, COA, consulent"}


def test_the_rarely_used_forms_are_rendered_on_request_only(client, pagina):
    html = client.get(pagina).content.decode()
    assert 'name="actie" value="contact"' in html
    for naam in ("afspraak", "wacht", "overdracht"):
        assert f'name="actie" value="{naam}"' not in html
        assert f'href="?formulier={naam}#kop-{naam}"' in html
    for naam in ("afspraak", "wacht", "overdracht"):
        html = client.get(pagina, {"formulier": naam}).content.decode()
        assert f'name="actie" value="{naam}"' in html
        assert f'href="?formulier={naam}#kop-{naam}"' not in html
        assert 'name="actie" value="contact"' in html
    assert 'name="tolk_taal"' in client.get(pagina, {"formulier": "afspraak"}).content.decode()
    assert (
        'name="actie" value="iets"'
        not in client.get(pagina, {"formulier": "iets"}).content.decode()
    )


def test_a_refused_appointment_shows_its_form_again_with_the_error(client, pagina, dossier_a):
    antwoord = client.post(pagina, {"actie": "afspraak", "soort": "intake", "vorm": "op_locatie"})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert 'name="actie" value="afspraak"' in html and 'id="id_begin_error"' in html
    assert not Afspraak.objects.filter(dossier=dossier_a).exists()
