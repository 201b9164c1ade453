"""Translated labels of choices, looked up once per language.

A model's `get_FOO_display()` hashes every (lazy) label of the field's choices on each call, so
it translates all of them: for an event type with ~70 choices on a timeline of 50 events that
was most of the dossier page's time. Use `label` where a page shows many of them."""

from __future__ import annotations

from functools import lru_cache

from django.db import models
from django.utils.translation import get_language


def label(keuzes: type[models.Choices], waarde: str) -> str:
    """The label of `waarde` in the active language (the value itself when unknown)."""
    return _labels(keuzes, get_language()).get(waarde, waarde)


def bekend_label(keuzes: type[models.Choices], waarde: object) -> str | None:
    """The label of `waarde` in the active language, or None when it is not one of the choices."""
    if not isinstance(waarde, str):
        return None
    return _labels(keuzes, get_language()).get(waarde)


@lru_cache(maxsize=128)
def _labels(keuzes: type[models.Choices], taal: str | None) -> dict[str, str]:
    return {waarde: str(tekst) for waarde, tekst in keuzes.choices}
