"""Portal test data made the way the product makes it (dossiers through `maak_dossier`)."""

from __future__ import annotations

import datetime as dt

from inburgering.dossiers.models import Gezinsrelatie
from tests.conftest import maak_dossier


def kind_van(ouder, gemeente, consulent, *, geboortedatum: dt.date, adres: dict, **persoon):
    """A child of `ouder`'s inburgeraar with a dossier of its own in `gemeente`, recorded as
    the parent's child (`Gezinsrelatie`), at the post address `adres` (ADR 0039)."""
    kind = maak_dossier(
        gemeente,
        consulent=consulent,
        actor=consulent,
        voornamen=persoon.pop("voornamen", "Lina"),
        geboortedatum=geboortedatum,
        **adres,
        **persoon,
    )
    Gezinsrelatie.objects.create(
        inburgeraar=ouder.inburgeraar,
        soort=Gezinsrelatie.Soort.KIND,
        naam=kind.inburgeraar.naam,
        geboortedatum=geboortedatum,
        gerelateerde=kind.inburgeraar,
    )
    return kind
