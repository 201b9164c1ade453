"""The NL Design System theme is a setting (issue 14 item 10): CSS and root class per deployment,
colours only from the theme's tokens, no class the component library does not define."""

import re
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

import inburgering

pytestmark = pytest.mark.django_db
SRC = Path(inburgering.__file__).parent


def test_default_theme(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'class="utrecht-root voorbeeld-theme"' in html
    assert "vendor/voorbeeld/theme.css" in html and "inburgering/thema-gemeente.css" in html


@override_settings(THEMA_CSS=["vendor/gemeente/tokens.css"], THEMA_KLASSE="gemeente-theme")
def test_a_gemeente_loads_its_own_tokens(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'class="utrecht-root gemeente-theme"' in html
    assert "vendor/gemeente/tokens.css" in html and "voorbeeld/theme.css" not in html


def test_the_app_stylesheet_takes_colours_from_tokens_only():
    css = (SRC / "static/inburgering/app.css").read_text()
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b", css)
    assert not re.findall(r"rgba?\(", css)


def test_no_component_class_that_the_library_does_not_define():
    bibliotheek = (
        Path(inburgering.__file__).parents[2]
        / "node_modules/@utrecht/component-library-css/dist/index.css"
    )
    gedefinieerd = set(re.findall(r"\.(utrecht-[\w-]+)", bibliotheek.read_text()))
    onbekend = set()
    for sjabloon in SRC.rglob("templates/**/*.html"):
        for klassen in re.findall(r'class="([^"]*)"', sjabloon.read_text()):
            for klasse in re.sub(r"{%.*?%}|{{.*?}}", " ", klassen).split():
                # "utrecht-alert--{% if ... %}": the modifier is a template value.
                eigen = klasse.startswith("utrecht-") and not klasse.endswith("-")
                if eigen and klasse not in gedefinieerd:
                    onbekend.add((sjabloon.name, klasse))
    assert not onbekend
