"""The housing taakstelling per gemeente and half year (the number of vergunninghouders the
province asks a gemeente to house), entered by a teamleider or beleid; the gemeente overview
sets the year's housed statushouders against it (`gemeenten.py`)."""

from __future__ import annotations

from django.db import transaction

from inburgering.accounts.models import Gebruiker

from .models import Taakstelling


@transaction.atomic
def leg_vast(
    gemeente_id: int, *, jaar: int, halfjaar: int, aantal: int, door: Gebruiker | None
) -> Taakstelling:
    """Add or replace one half year's number."""
    taakstelling, _nieuw = Taakstelling.objects.update_or_create(
        gemeente_id=gemeente_id,
        jaar=jaar,
        halfjaar=halfjaar,
        defaults={"aantal": aantal, "gewijzigd_door": door},
    )
    return taakstelling
