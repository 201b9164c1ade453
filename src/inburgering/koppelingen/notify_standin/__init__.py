"""A stand-in for the Notify API (GOV.UK Notify; NotifyNL speaks the same contract) for the
demo and the tests (no Django): `POST /v2/notifications/sms` and `/v2/notifications/email`,
checked as the real service does: a bearer JWT (HS256) signed with the API key's secret, `iss`
the service id, `iat` within 30 seconds; the template must exist and its placeholders be in
`personalisation`; the number or address must look valid. Answers 201 with the notification,
or the contract's error body (`{"status_code": .., "errors": [{"error": .., "message": ..}]}`).

    manage.py notify_standin --port 8091      (see the command for the key and templates)
"""

from .server import NotifyStandin, Sjabloon

__all__ = ["NotifyStandin", "Sjabloon"]
