"""Real gateways for messages to citizens (docs/adr/0031), next to the stand-in in
`berichten.StandinGateway`; `PORTAAL_BERICHTEN_GATEWAY` chooses one.

* `SmtpGateway`: e-mail through Django's mail backend (`PORTAAL_EMAIL_BACKEND`, by default
  SMTP with `EMAIL_HOST`, `EMAIL_PORT`, `EMAIL_USE_TLS`, `EMAIL_HOST_USER`/`_PASSWORD`).
* `NotifyGateway`: SMS and e-mail through the Notify API (GOV.UK Notify; NotifyNL, which Dutch
  gemeenten use, speaks the same contract): `POST /v2/notifications/sms` and `/email` with a
  JWT (HS256) signed with the secret in the API key, `iss` the service id, `iat` now.
* `SmtpEnNotifyGateway`: e-mail through SMTP, SMS through Notify.

A failure raises `Gatewayfout` (the row stays in the outbox and is retried) or, when the
message itself was refused, `Blijvendefout`. Error texts name the status and error kind only:
they are stored on the row and must not hold an address or the text.
"""

from __future__ import annotations

import re
import smtplib
import time
from dataclasses import dataclass

import jwt
import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection

from .berichten import Blijvendefout, Gatewayfout
from .models import Kanaal

#: The Notify API key is `{naam}-{service id}-{geheim}`; both ids are UUIDs (36 characters).
_UUID = 36


@dataclass(frozen=True)
class Notifysleutel:
    service_id: str
    geheim: str

    @classmethod
    def uit(cls, api_key: str) -> Notifysleutel:
        """Read the service id and the secret from the end of the key (the name may hold
        hyphens)."""
        api_key = api_key.strip()
        if len(api_key) < 2 * _UUID + 1 or api_key[-_UUID - 1] != "-":
            raise ImproperlyConfigured("PORTAAL_NOTIFY_API_KEY heeft niet de vorm naam-id-geheim.")
        return cls(api_key[-2 * _UUID - 1 : -_UUID - 1], api_key[-_UUID:])


def notify_token(sleutel: Notifysleutel, nu: float | None = None) -> str:
    """The bearer token for one request: Notify refuses an `iat` more than 30 s off."""
    return jwt.encode(
        {"iss": sleutel.service_id, "iat": int(nu if nu is not None else time.time())},
        sleutel.geheim,
        algorithm="HS256",
        headers={"typ": "JWT"},
    )


def internationaal(telefoon: str) -> str:
    """A Dutch number in the international form the Notify API expects (06… → +316…)."""
    nummer = re.sub(r"[\s().-]", "", telefoon)
    if nummer.startswith("00"):
        return "+" + nummer[2:]
    if nummer.startswith("0"):
        return "+31" + nummer[1:]
    return nummer


class SmtpGateway:
    """E-mail through Django's mail backend; SMS is not possible here."""

    def verstuur(self, *, kanaal: str, adres: str, onderwerp: str, tekst: str) -> None:
        if kanaal != Kanaal.EMAIL:
            raise Blijvendefout(f"kanaal {kanaal} kan niet via SMTP")
        verbinding = get_connection(
            settings.PORTAAL_EMAIL_BACKEND, timeout=settings.PORTAAL_BERICHTEN_TIMEOUT
        )
        bericht = EmailMessage(
            subject=onderwerp,
            body=tekst,
            from_email=settings.PORTAAL_BERICHTEN_AFZENDER or None,
            to=[adres],
            connection=verbinding,
        )
        try:
            bericht.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as fout:
            codes = sorted({code for code, _tekst in fout.recipients.values()})
            raise Blijvendefout(f"SMTP ontvanger geweigerd {codes}") from None
        except smtplib.SMTPResponseException as fout:
            raise Gatewayfout(f"SMTP {fout.smtp_code} ({type(fout).__name__})") from None
        except (smtplib.SMTPException, OSError) as fout:
            raise Gatewayfout(f"SMTP niet bereikbaar ({type(fout).__name__})") from None


class NotifyGateway:
    """SMS and e-mail through the Notify API. The templates at Notify hold only the
    placeholders: SMS `((tekst))`, e-mail subject `((onderwerp))` and body `((tekst))`; our
    text is already in the person's language."""

    def __init__(self) -> None:
        if not settings.PORTAAL_NOTIFY_URL or not settings.PORTAAL_NOTIFY_API_KEY:
            raise ImproperlyConfigured("PORTAAL_NOTIFY_URL en PORTAAL_NOTIFY_API_KEY zijn nodig.")
        self.sleutel = Notifysleutel.uit(settings.PORTAAL_NOTIFY_API_KEY)
        self.sessie = requests.Session()

    def verstuur(self, *, kanaal: str, adres: str, onderwerp: str, tekst: str) -> None:
        if kanaal == Kanaal.SMS:
            pad = "/v2/notifications/sms"
            inhoud: dict[str, object] = {
                "phone_number": internationaal(adres),
                "template_id": settings.PORTAAL_NOTIFY_SJABLOON_SMS,
                "personalisation": {"tekst": tekst},
            }
        else:
            pad = "/v2/notifications/email"
            inhoud = {
                "email_address": adres,
                "template_id": settings.PORTAAL_NOTIFY_SJABLOON_EMAIL,
                "personalisation": {"onderwerp": onderwerp, "tekst": tekst},
            }
        try:
            antwoord = self.sessie.post(
                settings.PORTAAL_NOTIFY_URL + pad,
                json=inhoud,
                headers={
                    "Authorization": f"Bearer {notify_token(self.sleutel)}",
                    "User-Agent": "inburgering-portaal",
                },
                timeout=settings.PORTAAL_BERICHTEN_TIMEOUT,
            )
        except requests.RequestException as fout:
            raise Gatewayfout(f"Notify niet bereikbaar ({type(fout).__name__})") from None
        if antwoord.status_code == 201:
            return
        melding = f"Notify {antwoord.status_code} {_foutsoorten(antwoord)}".strip()
        if antwoord.status_code == 400:
            raise Blijvendefout(melding)
        raise Gatewayfout(melding)


def _foutsoorten(antwoord: requests.Response) -> str:
    """The error kinds of a Notify error answer (`errors[].error`), never its messages (a
    validation message may repeat the number)."""
    try:
        fouten = antwoord.json().get("errors", [])
        return ", ".join(sorted({str(f.get("error", "")) for f in fouten if isinstance(f, dict)}))
    except (ValueError, AttributeError):
        return ""


class SmtpEnNotifyGateway:
    """E-mail through SMTP, SMS through the Notify API."""

    def __init__(self) -> None:
        self.email = SmtpGateway()
        self.sms = NotifyGateway()

    def verstuur(self, *, kanaal: str, adres: str, onderwerp: str, tekst: str) -> None:
        poort = self.sms if kanaal == Kanaal.SMS else self.email
        poort.verstuur(kanaal=kanaal, adres=adres, onderwerp=onderwerp, tekst=tekst)
