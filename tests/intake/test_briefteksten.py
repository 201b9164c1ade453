"""The functioneel beheerder edits a gemeente's letter texts: only known placeholders, no
template tags, a preview before saving, back to the built-in text, every change on the
configuration trail, and the next letter uses the new text."""

import pytest
from django.urls import reverse

from inburgering.accounts.models import Configuratiewijziging
from inburgering.intake.brieven import STANDAARD, maak_brief
from inburgering.intake.models import BriefSjabloon, Briefsoort

pytestmark = pytest.mark.django_db

SOORT = Briefsoort.UITNODIGING_INTAKE


def _url(gemeente, soort=SOORT):
    return reverse("intake:brieftekst", kwargs={"gemeente": gemeente.pk, "soort": soort})


def test_overview_shows_built_in_or_own_text_per_letter(client, beheerder, gemeente_a):
    client.force_login(beheerder)
    html = client.get(reverse("intake:briefteksten")).content.decode()
    assert gemeente_a.naam in html and str(SOORT.label) in html
    assert "Eigen tekst" not in html
    BriefSjabloon.objects.create(gemeente=gemeente_a, soort=SOORT, onderwerp="O", tekst="T")
    assert "Eigen tekst" in client.get(reverse("intake:briefteksten")).content.decode()


def test_preview_then_save_then_the_next_letter_uses_it(client, beheerder, gemeente_a, dossier_a):
    client.force_login(beheerder)
    assert STANDAARD[SOORT][0] in client.get(_url(gemeente_a)).content.decode()
    data = {"onderwerp": "Kom langs", "tekst": "Beste {{ naam }}, welkom in {{gemeente}}."}
    voorbeeld = client.post(_url(gemeente_a), {**data, "actie": "voorbeeld"})
    verwacht = f"Beste A. Voorbeeld, welkom in {gemeente_a.naam}."
    assert verwacht in voorbeeld.content.decode()
    assert not BriefSjabloon.objects.exists()  # a preview saves nothing

    assert client.post(_url(gemeente_a), {**data, "actie": "bewaren"}).status_code == 302
    brief = maak_brief(dossier_a, SOORT, actor=None)
    assert brief.onderwerp == "Kom langs"
    assert brief.tekst == f"Beste {dossier_a.inburgeraar.naam}, welkom in {gemeente_a.naam}."
    wijziging = Configuratiewijziging.objects.get(soort="intake.briefsjabloon")
    assert wijziging.wijzigingen["onderwerp"] == {"oud": None, "nieuw": "Kom langs"}
    assert wijziging.actor == beheerder


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("Beste {{ bsn }}", "Onbekend veld: {{ bsn }}"),
        ("{% debug %}", "opdrachten tussen {% en %} kunnen niet"),
        ("{% include 'base.html' %}", "opdrachten tussen {% en %} kunnen niet"),
        ("Beste {{ naam|upper }}", "Onbekend veld: {{ naam|upper }}"),
        ("Beste {{ naam }", "controleer de accolades"),
        ("Beste {{ naam }}}", "controleer de accolades"),
    ],
)
def test_unsafe_or_unknown_placeholders_are_refused(client, beheerder, gemeente_a, tekst, melding):
    client.force_login(beheerder)
    antwoord = client.post(_url(gemeente_a), {"onderwerp": "O", "tekst": tekst, "actie": "bewaren"})
    assert antwoord.status_code == 400 and melding in antwoord.content.decode()
    assert not BriefSjabloon.objects.exists()


def test_back_to_the_built_in_text_is_recorded(client, beheerder, gemeente_a, dossier_a):
    BriefSjabloon.objects.create(gemeente=gemeente_a, soort=SOORT, onderwerp="Eigen", tekst="T")
    client.force_login(beheerder)
    assert client.post(_url(gemeente_a), {"actie": "standaard"}).status_code == 302
    assert not BriefSjabloon.objects.exists()
    assert maak_brief(dossier_a, SOORT, actor=None).onderwerp == STANDAARD[SOORT][0]
    wijziging = Configuratiewijziging.objects.get(soort="intake.briefsjabloon")
    assert wijziging.wijzigingen["onderwerp"] == {"oud": "Eigen", "nieuw": None}


def test_other_gemeente_or_unknown_letter_is_404_and_other_roles_403(
    client, beheerder, consulent_a, gemeente_b, gemeente_a
):
    client.force_login(beheerder)
    assert client.get(_url(gemeente_b)).status_code == 404
    assert client.get(_url(gemeente_a, "onbekend")).status_code == 404
    client.force_login(consulent_a)
    assert client.get(_url(gemeente_a)).status_code == 403
