"""Bulk actions for a wave of arrivals: all or nothing, only within the user's scope."""

import datetime as dt

import pytest
from django.urls import reverse

from inburgering.dossiers.workflow import Soort
from inburgering.intake.models import Brief
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db
D = dt.date.today


@pytest.fixture
def golf(gemeente_a):
    return [maak_dossier(gemeente_a, kennisgeving=D() - dt.timedelta(days=3)) for _ in range(4)]


def test_assign_a_consulent_to_a_whole_wave(client, teamleider_a, consulent_a, golf):
    client.force_login(teamleider_a)
    antwoord = client.post(
        reverse("dossiers:bulk"),
        {
            "dossiers": [str(d.uuid) for d in golf],
            "actie": "toewijzen",
            "consulent": consulent_a.pk,
            "terug": "/caseload/?scope=gemeente",
        },
    )
    assert antwoord.status_code == 302 and antwoord.url == "/caseload/?scope=gemeente"
    for dossier in golf:
        dossier.refresh_from_db()
        assert dossier.consulent == consulent_a


def test_invite_a_wave_sends_one_letter_each(client, consulent_a, golf):
    client.force_login(consulent_a)
    client.post(
        reverse("dossiers:bulk"),
        {
            "dossiers": [str(d.uuid) for d in golf],
            "actie": "uitnodigen",
            "kanaal": "post",
            "periode_van": D(),
            "periode_tot": D() + dt.timedelta(days=14),
        },
    )
    assert Brief.objects.count() == 4
    assert all(d.events.filter(soort=Soort.OPROEP_INTAKE).count() == 1 for d in golf)


def test_one_failing_dossier_rolls_back_the_batch(client, consulent_a, golf):
    from inburgering.intake.oproepen import stuur_oproep

    stuur_oproep(
        golf[2], kanaal="post", periode_van=D(), periode_tot=D(), datum=D(), actor=consulent_a
    )
    client.force_login(consulent_a)
    antwoord = client.post(
        reverse("dossiers:bulk"),
        {
            "dossiers": [str(d.uuid) for d in golf],
            "actie": "uitnodigen",
            "kanaal": "post",
            "periode_van": D(),
            "periode_tot": D() + dt.timedelta(days=14),
        },
        follow=True,
    )
    html = antwoord.content.decode()
    assert golf[2].inburgeraar.naam in html and "Er is niets vastgelegd." in html
    assert Brief.objects.count() == 1  # only the one sent before


def test_a_dossier_of_another_gemeente_cannot_be_included(
    client, consulent_a, golf, dossier_b, consulent_b
):
    client.force_login(consulent_a)
    client.post(
        reverse("dossiers:bulk"),
        {
            "dossiers": [str(golf[0].uuid), str(dossier_b.uuid)],
            "actie": "toewijzen",
            "consulent": consulent_a.pk,
        },
    )
    golf[0].refresh_from_db()
    dossier_b.refresh_from_db()
    assert golf[0].consulent is None and dossier_b.consulent == consulent_b


def test_missing_fields_are_named(client, consulent_a, golf):
    client.force_login(consulent_a)
    antwoord = client.post(
        reverse("dossiers:bulk"),
        {
            "dossiers": [str(golf[0].uuid)],
            "actie": "uitnodigen",
        },
        follow=True,
    )
    assert "Dit veld is verplicht bij een uitnodiging." in antwoord.content.decode()
    assert not Brief.objects.exists()


def test_an_unsafe_return_url_is_ignored(client, consulent_a, golf):
    client.force_login(consulent_a)
    antwoord = client.post(
        reverse("dossiers:bulk"),
        {
            "dossiers": [str(golf[0].uuid)],
            "actie": "toewijzen",
            "consulent": consulent_a.pk,
            "terug": "https://elders.example/",
        },
    )
    assert antwoord.url == reverse("dossiers:caseload")
