"""Bad input on the DUO path. BRP data enters without a form: a control character in a name
is refused there too (the model's check), the notification is kept with a Dutch reason and no
dossier is made. A notification body that cannot be stored answers 400, never 500."""

import uuid

import pytest
from django.conf import settings

from inburgering.dossiers.models import Dossier, Inburgeraar
from inburgering.koppelingen.models import InkomendBericht, Status

from .conftest import OIN_A, post_notificatie


def test_a_name_with_a_line_break_from_the_brp_is_refused(scenarios, stuur, sim):
    n = scenarios.nieuwe_statushouder(OIN_A)
    with sim.opslag.transactie() as staat:
        staat["personen"][n.body["bsn"]]["brp"]["voornamen"] = "Amal\nHaddad"
    telling = stuur(n)
    assert telling.verwerkt == 0
    bericht = InkomendBericht.objects.get()
    assert bericht.status != Status.VERWERKT
    assert "ongeldig teken" in bericht.laatste_fout
    assert not Dossier.objects.exists() and not Inburgeraar.objects.exists()


@pytest.mark.parametrize(
    ("extra", "melding"),
    [
        ({"registratieDatumTijd": "2024-02-30T10:00:00Z"}, "geen geldige datum-tijd"),
        ({"registratieDatumTijd": "9999-12-31T23:59:59-10:00"}, "buiten het geldige bereik"),
        ({"registratieDatumTijd": "0001-01-01T00:00:00+10:00"}, "buiten het geldige bereik"),
        ({"toelichting": "a\u0000b"}, "ongeldig teken"),
        ({"a\u0000": 1}, "ongeldig teken"),
        ({"lijst": [{"x": "\u0000"}]}, "ongeldig teken"),
    ],
)
def test_a_bad_notification_body_answers_400_never_500(client, scenarios, extra, melding):
    """Found with the matrix's question "never a 500": a well-formed but impossible date
    (ValueError), a year that overflows once made UTC (SQLite) and a NUL, which PostgreSQL
    refuses in jsonb (DataError)."""
    body = {
        "registratieDatumTijd": "2024-02-03T10:00:00Z",
        "gebeurtenisId": "SS101",
        "bsn": "999990019",
    } | extra
    kop = {"bron": settings.DUO_OIN, "doel": OIN_A, "berichtId": str(uuid.uuid4())}
    antwoord = post_notificatie(client, kop, body)
    assert antwoord.status_code == 400
    assert melding in antwoord.json()["fouttekst"]
    assert not InkomendBericht.objects.exists()
