"""Templates are compiled once per process (issue 22 item 1): every settings module takes
TEMPLATES from conf/base.py, which names no loaders, so Django wraps them in its cached loader
whatever DEBUG says. A `loaders` option there would replace it and recompile on every request."""

from django.template import engines

from inburgering.conf import base


def test_templates_name_no_loaders_of_their_own():
    assert all("loaders" not in engine.get("OPTIONS", {}) for engine in base.TEMPLATES)


def test_the_engine_uses_the_cached_loader():
    (lader,) = engines["django"].engine.template_loaders
    assert type(lader).__module__ == "django.template.loaders.cached"
