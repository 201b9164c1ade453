"""Form markup (issue 14 items 8 and 10): no error styling before submit, help texts shown and
referenced, Django's own error wiring through one field template."""

import re

import pytest
from django.conf import settings
from django.forms.renderers import get_default_renderer
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingelogd(client, consulent_a):
    client.force_login(consulent_a)
    return client


def test_the_renderer_has_one_field_template():
    assert settings.FORM_RENDERER == "inburgering.ui.Vormgeving"
    assert get_default_renderer().field_template_name == "includes/veldgroep.html"


def test_untouched_form_has_no_invalid_marks_and_no_required_attribute(ingelogd):
    html = ingelogd.get(reverse("dossiers:nieuw")).content.decode()
    assert "aria-invalid" not in html and "--invalid" not in html
    assert not re.search(r"<(input|select|textarea)[^>]* required", html)
    assert re.search(r'<input[^>]*name="bsn"[^>]*aria-required="true"', html)


def test_every_help_text_is_shown_and_referenced_by_its_input(ingelogd, dossier_a):
    url = reverse("dossiers:persoonsgegevens", kwargs={"uuid": dossier_a.uuid})
    html = ingelogd.get(url).content.decode()
    beschreven = re.findall(r'aria-describedby="([^"]+)"', html)
    assert "id_talen_helptext" in " ".join(beschreven)
    for ids in beschreven:
        for id_ in ids.split():
            assert f'id="{id_}"' in html, id_
    assert "Kies met Ctrl (of Cmd) meer talen." in html


def test_errors_are_wired_by_django_to_the_error_text(ingelogd, dossier_a):
    url = reverse("dossiers:persoonsgegevens", kwargs={"uuid": dossier_a.uuid})
    html = ingelogd.post(url, {"telefoon": "bel me", "talen": ["ar"]}).content.decode()
    veld = re.search(r'<input[^>]*name="telefoon"[^>]*>', html)[0]
    assert 'aria-invalid="true"' in veld and 'aria-describedby="id_telefoon_error"' in veld
    assert 'id="id_telefoon_error"' in html
    # Only the field in error is marked.
    email = re.search(r'<input[^>]*name="email"[^>]*>', html)[0]
    assert "aria-invalid" not in email


def test_a_field_required_under_a_condition_says_so_instead_of_optional():
    from inburgering.pip.forms import PipVersieForm

    html = PipVersieForm()["intensiteit_uren_per_week"].as_field_group()
    assert "(verplicht voor asielstatushouders)" in html
    assert "(optioneel)" not in html
    assert 'id="id_intensiteit_uren_per_week_helptext"' in html
