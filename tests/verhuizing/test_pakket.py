"""The package format: the committed schema, and a file that does not validate is refused with
a specific Dutch message per problem, with nothing saved."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from inburgering.dossiers.models import Dossier, DossierEvent, Inburgeraar
from inburgering.verhuizing import pakket, services
from inburgering.verhuizing.models import Overdracht
from inburgering.verhuizing.pakket import OngeldigPakket
from tests.verhuizing.factories import dossier_met_alles, verhuisd

pytestmark = pytest.mark.django_db

DOCS_SCHEMA = Path(__file__).parents[2] / "docs" / "verhuizing" / "overdracht.schema.json"


def test_the_documented_schema_is_the_one_in_use():
    assert DOCS_SCHEMA.read_text(encoding="utf-8") == pakket.SCHEMA_PAD.read_text(encoding="utf-8")
    schema = json.loads(DOCS_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["required"]) == set(schema["properties"])


@pytest.fixture
def geldig(gemeente_a, consulent_a):
    """A valid package of a dossier with everything, sent to another installation; the sending
    row is removed so the package can be read in here as if elsewhere."""
    oud = dossier_met_alles(gemeente_a, consulent_a)
    overdracht = verhuisd(oud, None, consulent_a)
    inhoud = copy.deepcopy(overdracht.pakket)
    Overdracht.objects.filter(pk=overdracht.pk).delete()
    return inhoud


def _tellingen():
    return (
        Dossier.objects.count(),
        DossierEvent.objects.count(),
        Inburgeraar.objects.count(),
        Overdracht.objects.count(),
    )


def _weiger(inhoud, gemeente, actor) -> list[str]:
    voor = _tellingen()
    bestand = inhoud if isinstance(inhoud, bytes) else json.dumps(inhoud).encode()
    with pytest.raises(OngeldigPakket) as fout:
        services.importeer(bestand, gemeente=gemeente, actor=actor)
    assert _tellingen() == voor  # nothing half saved
    return fout.value.fouten


def _zet(inhoud, pad, waarde):
    *weg, laatste = pad.split("/")
    doel = inhoud
    for stap in weg:
        doel = doel[int(stap)] if stap.isdigit() else doel[stap]
    if waarde is KWIJT:
        del doel[laatste]
    else:
        doel[laatste] = waarde
    return inhoud


KWIJT = object()


@pytest.mark.parametrize(
    ("pad", "waarde", "melding"),
    [
        ("persoon/bsn", KWIJT, "persoon: het veld 'bsn' ontbreekt."),
        ("persoon/bsn", "12345", "persoon/bsn: '12345' heeft niet de juiste vorm."),
        (
            "persoon/geboortedatum",
            "17-05-1990",
            "persoon/geboortedatum: '17-05-1990' is geen geldige datum",
        ),
        ("pip/aanwezig", "ja", 'pip/aanwezig: verwacht true of false, gevonden "ja".'),
        ("pip/leerroute", "b2", "pip/leerroute: 'b2' is geen toegestane waarde"),
        (
            "plaatsingen/0/uren/0/aanwezig",
            "veel",
            "plaatsingen/0/uren/0/aanwezig: 'veel' heeft niet de juiste vorm.",
        ),
        (
            "inschrijving_nieuwe_gemeente",
            "gisteren",
            "inschrijving_nieuwe_gemeente: 'gisteren' is geen geldige datum",
        ),
        ("formaat", "iets-anders", "formaat: 'iets-anders' is geen toegestane waarde"),
        ("geheim", "x", "(hoofdniveau): onbekend veld 'geheim'."),
        ("van_gemeente/cbs_code", "12", "van_gemeente/cbs_code: '12' heeft niet de juiste vorm."),
        ("contact/aantal", -1, "contact/aantal: ongeldige waarde (minimum)."),
    ],
)
def test_a_package_that_does_not_validate_is_refused(
    geldig, gemeente_b, consulent_b, pad, waarde, melding
):
    fouten = _weiger(_zet(geldig, pad, waarde), gemeente_b, consulent_b)
    assert len(fouten) == 1, fouten
    assert fouten[0].startswith(melding), fouten


def test_every_problem_is_listed(geldig, gemeente_b, consulent_b):
    del geldig["persoon"]["geslachtsnaam"]
    geldig["dossier"]["kennisgeving"] = "morgen"
    fouten = _weiger(geldig, gemeente_b, consulent_b)
    assert fouten == [
        "dossier/kennisgeving: 'morgen' is geen geldige datum of tijd (date).",
        "persoon: het veld 'geslachtsnaam' ontbreekt.",
    ]


def test_another_major_version_is_refused(geldig, gemeente_b, consulent_b):
    geldig["versie"] = "2.0"
    assert _weiger(geldig, gemeente_b, consulent_b) == [
        "Versie 2.0 van het overdrachtsformaat wordt niet ondersteund; deze installatie leest "
        "versie 1.x."
    ]


def test_a_later_minor_version_is_read(geldig, gemeente_b, consulent_b):
    geldig["versie"] = "1.7"
    geldig["pip"]["nieuw_veld_in_1_7"] = True
    overdracht = services.importeer(
        json.dumps(geldig).encode(), gemeente=gemeente_b, actor=consulent_b
    )
    assert overdracht.pakket["versie"] == "1.7"


def test_not_json_and_not_utf8(gemeente_b, consulent_b):
    assert _weiger(b"{niet: json", gemeente_b, consulent_b) == [
        "Het bestand is geen geldige JSON (regel 1, kolom 2)."
    ]
    assert _weiger(b"\xff\xfe", gemeente_b, consulent_b) == ["Het bestand is geen tekst in UTF-8."]


def test_checks_beyond_the_schema(geldig, gemeente_a, gemeente_b, consulent_b):
    geldig["persoon"]["bsn"] = "123456789"  # the right shape, fails the elfproef
    geldig["naar_gemeente"] = {"naam": "Elders", "cbs_code": "0999"}
    fouten = _weiger(geldig, gemeente_b, consulent_b)
    assert "persoon/bsn: dit is geen geldig BSN (elfproef)." in fouten
    assert any(f.startswith("naar_gemeente: het pakket is bestemd voor Elders") for f in fouten)
    geldig["naar_gemeente"] = None
    fouten = _weiger(geldig, gemeente_a, consulent_b)
    assert "van_gemeente: het pakket komt uit deze gemeente zelf." in fouten


def test_a_package_is_read_once(geldig, gemeente_b, consulent_b):
    bestand = json.dumps(geldig).encode()
    services.importeer(bestand, gemeente=gemeente_b, actor=consulent_b)
    (fout,) = _weiger(bestand, gemeente_b, consulent_b)
    assert fout.startswith("Dit pakket is al eerder ingelezen")
