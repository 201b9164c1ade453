"""The pages: the dossier tab (start, costs, refusals with a message), batches with four eyes
and the file downloads, the import, and the access log."""

import datetime as dt

import pytest

from inburgering.accounts.models import Inzagelog
from inburgering.ontzorgen.models import Betaalbatch, Ontzorging, VasteLast
from tests.ontzorgen.factories import beleid, gestart, met_huur

pytestmark = pytest.mark.django_db


def _url(dossier):
    return f"/dossiers/{dossier.uuid}/ontzorgen/"


def test_start_en_last_via_pagina(client, dossier_a, consulent_a):
    client.force_login(consulent_a)
    assert client.get(_url(dossier_a)).status_code == 200
    antwoord = client.post(
        _url(dossier_a),
        {
            "actie": "start",
            "verblijfsgrond": "asiel_bepaalde_tijd",
            "recht_op_bijstand_vanaf": "2026-01-01",
        },
    )
    assert antwoord.status_code == 302
    last = {
        "actie": "last",
        "soort": "huur",
        "begunstigde": "W",
        "iban": "NL91ABNA0417164300",
        "bedrag": "-5",
        "kenmerk": "K",
        "vanaf": "2026-01-01",
    }
    antwoord = client.post(_url(dossier_a), last)
    assert antwoord.status_code == 400
    assert "groter zijn dan" in antwoord.content.decode()
    last["bedrag"] = "650"
    last["vanaf"] = "2026-09-01"
    antwoord = client.post(_url(dossier_a), last)
    assert antwoord.status_code == 400 and "na de zes maanden" in antwoord.content.decode()
    assert not VasteLast.objects.exists()
    last["vanaf"] = "2026-01-01"
    assert client.post(_url(dossier_a), last).status_code == 302
    assert VasteLast.objects.get().bedrag_cents == 65000
    assert Inzagelog.objects.filter(dossier=dossier_a, doel="ontzorgen").exists()


def test_batch_paginas(client, gemeente_a, dossier_a, consulent_a, collega_a):
    beleid(gemeente_a)
    met_huur(gestart(dossier_a, consulent_a), consulent_a)
    client.force_login(consulent_a)
    gemeente = str(gemeente_a.pk)
    antwoord = client.post("/ontzorgen/batches/", {"gemeente": gemeente, "maand": "2026-02-01"})
    batch = Betaalbatch.objects.get()
    assert antwoord.status_code == 302
    antwoord = client.post(f"/ontzorgen/batches/{batch.uuid}/", {"actie": "goedkeuren"})
    assert antwoord.status_code == 400 and "vier-ogenprincipe" in antwoord.content.decode()
    xml = client.get(f"/ontzorgen/batches/{batch.uuid}/pain001/")
    assert xml["Content-Type"].startswith("application/xml") and b"CstmrCdtTrfInitn" in xml.content
    csv = client.get(f"/ontzorgen/batches/{batch.uuid}/csv/")
    assert csv.content.decode().startswith("dossier;maand")
    assert client.get(f"/ontzorgen/batches/{batch.uuid}/pdf/").status_code == 404
    client.force_login(collega_a)
    assert (
        client.post(f"/ontzorgen/batches/{batch.uuid}/", {"actie": "goedkeuren"}).status_code == 302
    )
    batch.refresh_from_db()
    assert batch.status == "goedgekeurd"


def test_batch_van_andere_gemeente_is_404(client, gemeente_b, consulent_a, consulent_b):
    from tests.conftest import maak_dossier

    dossier = maak_dossier(gemeente_b, consulent=consulent_b, kennisgeving=dt.date(2025, 12, 1))
    beleid(gemeente_b)
    met_huur(gestart(dossier, consulent_b), consulent_b)
    from inburgering.ontzorgen import services

    batch = services.maak_batch(gemeente_b, dt.date(2026, 2, 1), actor=consulent_b)
    client.force_login(consulent_a)
    assert client.get(f"/ontzorgen/batches/{batch.uuid}/").status_code == 404
    assert client.get(f"/ontzorgen/batches/{batch.uuid}/csv/").status_code == 404


def test_import_pagina(client, dossier_a, consulent_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(consulent_a)
    bestand = SimpleUploadedFile(
        "bijstand.csv", f"dossier;recht_op_bijstand_vanaf\n{dossier_a.uuid};2026-01-01\n".encode()
    )
    antwoord = client.post("/ontzorgen/import/", {"bestand": bestand})
    assert antwoord.status_code == 302
    assert Ontzorging.objects.get().bron == "import"
