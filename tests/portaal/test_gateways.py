"""Issue 19 item 4: the real gateways against local stand-ins over the network: e-mail over
SMTP (Django's mail backend to the SMTP stand-in) and SMS through the Notify API contract (the
Notify stand-in checks the JWT). Failures stay in the outbox and are retried; a refused message
fails at once; no personal details in what is sent."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from inburgering.intake.afspraken import plan_afspraak
from inburgering.koppelingen.notify_standin import NotifyStandin, Sjabloon
from inburgering.koppelingen.smtp_standin import SmtpStandin
from inburgering.portaal import berichten
from inburgering.portaal.gateways import Notifysleutel, internationaal, notify_token
from inburgering.portaal.models import Berichtstatus, Portaalbericht, Portaalprofiel
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db

SERVICE, GEHEIM = str(uuid.uuid4()), str(uuid.uuid4())
API_KEY = f"inburgering-test-{SERVICE}-{GEHEIM}"
SJABLOON_SMS, SJABLOON_EMAIL = str(uuid.uuid4()), str(uuid.uuid4())


class _Stil(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def notify():
    standin = NotifyStandin(
        API_KEY,
        [
            Sjabloon(SJABLOON_SMS, "sms", "((tekst))"),
            Sjabloon(SJABLOON_EMAIL, "email", "((tekst))", onderwerp="((onderwerp))"),
        ],
    )
    server = make_server("127.0.0.1", 0, standin, handler_class=_Stil)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    standin.url = f"http://127.0.0.1:{server.server_port}"
    yield standin
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp():
    with SmtpStandin() as standin:
        yield standin


@pytest.fixture
def echte_gateways(settings, notify, smtp):
    settings.PORTAAL_BERICHTEN_GATEWAY = "inburgering.portaal.gateways.SmtpEnNotifyGateway"
    settings.EMAIL_HOST, settings.EMAIL_PORT = smtp.host, smtp.poort
    settings.PORTAAL_BERICHTEN_AFZENDER = "mijn-inburgering@gemeente.example"
    settings.PORTAAL_NOTIFY_URL = notify.url
    settings.PORTAAL_NOTIFY_API_KEY = API_KEY
    settings.PORTAAL_NOTIFY_SJABLOON_SMS = SJABLOON_SMS
    settings.PORTAAL_NOTIFY_SJABLOON_EMAIL = SJABLOON_EMAIL
    return notify, smtp


@pytest.fixture
def wachtende_berichten(gemeente_a, consulent_a):
    """A portal user (Arabic) with phone and e-mail, and a new appointment: two messages."""
    dossier = maak_dossier(
        gemeente_a,
        consulent=consulent_a,
        actor=consulent_a,
        telefoon="06 1234 5678",
        email="amal@voorbeeld.nl",
    )
    Portaalprofiel.objects.create(inburgeraar=dossier.inburgeraar, taal="ar")
    plan_afspraak(
        dossier,
        medewerker=consulent_a,
        soort="intake",
        vorm="op_locatie",
        begin=timezone.now() + dt.timedelta(days=5),
        locatie="Stadskantoor",
    )
    assert Portaalbericht.objects.filter(status=Berichtstatus.WACHTEND).count() == 2
    return dossier


def _geheimen(dossier) -> list[str]:
    persoon = dossier.inburgeraar
    return [persoon.voornamen, persoon.geslachtsnaam, persoon.bsn, "Stadskantoor"]


def test_email_over_smtp_en_sms_via_notify(echte_gateways, wachtende_berichten):
    notify, smtp = echte_gateways
    assert berichten.verstuur_ronde() == (2, 0)
    assert not Portaalbericht.objects.exclude(status=Berichtstatus.VERZONDEN).exists()

    [mail] = smtp.berichten
    assert mail["aan"] == ["amal@voorbeeld.nl"]
    assert mail["van"] == "mijn-inburgering@gemeente.example"
    onderwerp, tekst = mail["bericht"]["Subject"], mail["bericht"].get_content()
    rij = Portaalbericht.objects.get(kanaal="email")
    assert onderwerp == rij.onderwerp and tekst.strip() == rij.tekst
    assert "Mijn inburgering" in tekst and any("\u0600" <= c <= "\u06ff" for c in tekst)

    [sms] = notify.ontvangen
    assert sms["soort"] == "sms" and sms["aan"] == "+31612345678"
    assert sms["verzoek"]["template_id"] == SJABLOON_SMS
    assert sms["body"] == Portaalbericht.objects.get(kanaal="sms").tekst
    for geheim in _geheimen(wachtende_berichten):
        assert geheim not in tekst and geheim not in onderwerp and geheim not in sms["body"]


def test_notify_alleen_voor_beide_kanalen(settings, echte_gateways, wachtende_berichten):
    notify, smtp = echte_gateways
    settings.PORTAAL_BERICHTEN_GATEWAY = "inburgering.portaal.gateways.NotifyGateway"
    assert berichten.verstuur_ronde() == (2, 0)
    assert sorted(o["soort"] for o in notify.ontvangen) == ["email", "sms"]
    email = next(o for o in notify.ontvangen if o["soort"] == "email")
    assert email["aan"] == "amal@voorbeeld.nl"
    assert email["subject"] == Portaalbericht.objects.get(kanaal="email").onderwerp
    assert not smtp.berichten


def test_storingen_blijven_in_de_outbox_en_worden_opnieuw_geprobeerd(
    echte_gateways, wachtende_berichten
):
    notify, smtp = echte_gateways
    notify.storingen, smtp.storingen = 1, 1
    assert berichten.verstuur_ronde() == (0, 0)
    for rij in Portaalbericht.objects.all():
        assert rij.status == Berichtstatus.WACHTEND and rij.pogingen == 1
        assert rij.fout in ("Notify 500 Exception", "SMTP 451 (SMTPSenderRefused)")
    assert not notify.ontvangen and not smtp.berichten
    assert berichten.verstuur_ronde() == (2, 0)
    assert len(notify.ontvangen) == 1 and len(smtp.berichten) == 1
    assert set(Portaalbericht.objects.values_list("pogingen", flat=True)) == {2}


def test_smtp_server_onbereikbaar_is_een_storing(settings, echte_gateways, wachtende_berichten):
    _notify, smtp = echte_gateways
    smtp.stop()
    settings.PORTAAL_BERICHTEN_TIMEOUT = 2
    berichten.verstuur_ronde()
    rij = Portaalbericht.objects.get(kanaal="email")
    assert rij.status == Berichtstatus.WACHTEND and rij.pogingen == 1
    assert rij.fout.startswith("SMTP niet bereikbaar")


def test_verkeerde_sleutel_wordt_geweigerd_en_later_alsnog_verstuurd(
    settings, echte_gateways, wachtende_berichten
):
    notify, _smtp = echte_gateways
    settings.PORTAAL_NOTIFY_API_KEY = f"inburgering-test-{SERVICE}-{uuid.uuid4()}"
    berichten.verstuur_ronde()
    sms = Portaalbericht.objects.get(kanaal="sms")
    assert sms.status == Berichtstatus.WACHTEND and sms.fout == "Notify 403 AuthError"
    assert not notify.ontvangen
    settings.PORTAAL_NOTIFY_API_KEY = API_KEY  # the beheerder corrects the key
    berichten.verstuur_ronde()
    sms.refresh_from_db()
    assert sms.status == Berichtstatus.VERZONDEN and len(notify.ontvangen) == 1


def test_geweigerd_bericht_mislukt_meteen_zonder_gegevens_in_de_fout(
    settings, echte_gateways, wachtende_berichten
):
    notify, _smtp = echte_gateways
    settings.PORTAAL_NOTIFY_SJABLOON_SMS = str(uuid.uuid4())  # no such template at Notify
    assert berichten.verstuur_ronde() == (1, 1)
    assert not notify.ontvangen
    sms = Portaalbericht.objects.get(kanaal="sms")
    assert sms.status == Berichtstatus.MISLUKT and sms.pogingen == 1
    assert sms.fout == "Notify 400 BadRequestError"
    assert "1234" not in sms.fout


def test_de_notify_stand_in_controleert_het_token(notify):
    sleutel = Notifysleutel.uit(API_KEY)
    inhoud = {
        "phone_number": "+31612345678",
        "template_id": SJABLOON_SMS,
        "personalisation": {"tekst": "Log in"},
    }

    def stuur(token: str) -> requests.Response:
        return requests.post(
            f"{notify.url}/v2/notifications/sms",
            json=inhoud,
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )

    goed = stuur(notify_token(sleutel))
    assert goed.status_code == 201
    assert goed.json()["content"]["body"] == "Log in"
    assert goed.json()["template"]["id"] == SJABLOON_SMS
    oud = stuur(notify_token(sleutel, nu=time.time() - 60))
    assert oud.status_code == 403
    assert "30 seconds" in oud.json()["errors"][0]["message"]
    vals = stuur(notify_token(Notifysleutel(SERVICE, str(uuid.uuid4()))))
    assert vals.status_code == 403 and vals.json()["errors"][0]["error"] == "AuthError"
    ander = stuur(notify_token(Notifysleutel(str(uuid.uuid4()), GEHEIM)))
    assert ander.status_code == 403
    zonder = requests.post(f"{notify.url}/v2/notifications/sms", json=inhoud, timeout=5)
    assert zonder.status_code == 403
    assert len(notify.ontvangen) == 1


def test_api_sleutel_en_telefoonnummer():
    sleutel = Notifysleutel.uit(API_KEY)
    assert (sleutel.service_id, sleutel.geheim) == (SERVICE, GEHEIM)
    with pytest.raises(ImproperlyConfigured):
        Notifysleutel.uit("kort-sleutel")
    assert internationaal("06-12 34 56 78") == "+31612345678"
    assert internationaal("0031612345678") == "+31612345678"
    assert internationaal("+32470123456") == "+32470123456"


def test_notify_zonder_instellingen_is_een_configuratiefout(settings):
    from inburgering.portaal.gateways import NotifyGateway

    settings.PORTAAL_NOTIFY_URL = ""
    with pytest.raises(ImproperlyConfigured):
        NotifyGateway()
