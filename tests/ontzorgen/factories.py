"""Test data builders for ontzorgen and MB, through `inburgering.ontzorgen.services`."""

from __future__ import annotations

import datetime as dt

from inburgering.ontzorgen import services
from inburgering.ontzorgen.models import Ontzorgbeleid
from inburgering.partners.models import Organisatiesoort
from tests.partners.factories import maak_organisatie

__all__ = ["GELDIG_IBAN", "beleid", "gestart", "mb_organisatie", "met_huur"]

GELDIG_IBAN = "NL91ABNA0417164300"
GEMEENTE_IBAN = "NL20INGB0001234567"


def beleid(gemeente, **velden) -> Ontzorgbeleid:
    standaard = {"rekeninghouder": f"Gemeente {gemeente.naam}", "iban": GEMEENTE_IBAN}
    standaard.update(velden)
    return Ontzorgbeleid.objects.update_or_create(gemeente=gemeente, defaults=standaard)[0]


def gestart(dossier, actor, start=dt.date(2026, 1, 1), **velden):
    return services.start_ontzorgen(
        dossier,
        verblijfsgrond=velden.pop("verblijfsgrond", "asiel_bepaalde_tijd"),
        recht_op_bijstand_vanaf=start,
        actor=actor,
        **velden,
    )


def met_huur(ontzorging, actor, bedrag_cents=65000, iban=GELDIG_IBAN, vanaf=None):
    return services.leg_last_vast(
        ontzorging,
        soort="huur",
        begunstigde="Woonstichting De Sleutel",
        iban=iban,
        bedrag_cents=bedrag_cents,
        kenmerk="HUUR-123",
        vanaf=vanaf or ontzorging.recht_op_bijstand_vanaf,
        actor=actor,
    )


def mb_organisatie(*gemeenten):
    return maak_organisatie(Organisatiesoort.BEGELEIDING, *gemeenten, naam="VluchtelingenWerk")
