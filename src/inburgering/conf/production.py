"""Production: every secret from the environment, HTTPS only. Passes `manage.py check --deploy`.

Start-up stops with one clear line (ImproperlyConfigured) for each missing or unsafe setting:
a production installation never runs against the DUO simulator or with its demo token.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import env, env_bool, oidc_controle

#: The token the simulator and the demo use; known to anyone who read the source.
SIMULATOR_TOKEN = "simulator-token"  # noqa: S105 (public on purpose; refused here)
#: A shared notification token shorter than this is refused (it is a password for DUO's calls).
MIN_TOKEN_LENGTE = 32


def _fout(nl: str, en: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{nl} / {en}")


SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise _fout("SECRET_KEY ontbreekt.", "SECRET_KEY must be set in production.")
DEBUG = False

# DUO: the real chain, never the simulator (base.py defaults to it for development).
if not env("DUO_BASE_URL"):
    raise _fout(
        "DUO_BASE_URL ontbreekt: vul de URL van DUO's API in.",
        "DUO_BASE_URL must be set in production (DUO's API URL).",
    )
if DUO_BASE_URL.startswith("simulator:"):
    raise _fout(
        "DUO_BASE_URL wijst naar de DUO-simulator; die is in productie niet toegestaan.",
        "DUO_BASE_URL points to the DUO simulator, which is refused in production.",
    )
if DUO_NOTIFICATIE_TOKEN == SIMULATOR_TOKEN:
    raise _fout(
        "DUO_NOTIFICATIE_TOKEN is het openbare ontwikkeltoken 'simulator-token'.",
        "DUO_NOTIFICATIE_TOKEN is the public development token 'simulator-token'.",
    )
if not (DUO_NOTIFICATIE_CERT_OIN_HEADER or DUO_NOTIFICATIE_TOKEN):
    raise _fout(
        "Zet DUO_NOTIFICATIE_CERT_OIN_HEADER of DUO_NOTIFICATIE_TOKEN voor DUO's notificaties.",
        "Set DUO_NOTIFICATIE_CERT_OIN_HEADER or DUO_NOTIFICATIE_TOKEN for DUO's notifications.",
    )
if DUO_NOTIFICATIE_TOKEN and len(DUO_NOTIFICATIE_TOKEN) < MIN_TOKEN_LENGTE:
    raise _fout(
        f"DUO_NOTIFICATIE_TOKEN is te kort (minimaal {MIN_TOKEN_LENGTE} tekens).",
        f"DUO_NOTIFICATIE_TOKEN is too short (at least {MIN_TOKEN_LENGTE} characters).",
    )

# BRP: the gemeente's BRP provider, never the simulator (base.py defaults to it).
if not env("BRP_API_URL") or BRP_API_URL.startswith("simulator:"):
    raise _fout(
        "BRP_API_URL ontbreekt of wijst naar de BRP-simulator: vul de URL van de BRP in.",
        "BRP_API_URL is missing or points to the BRP simulator: set the BRP provider's URL.",
    )

# OIDC (optional): a provider over https only (base.py checked the rest).
oidc_controle(OIDC_ISSUER, OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET, alleen_https=True)

# Second factor for every role that sees personal data or the configuration.
OTP_VERPLICHT = env_bool("OTP_VERPLICHT", True)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The platform's probes call over plain HTTP inside the cluster (inburgering/gezond.py).
SECURE_REDIRECT_EXEMPT = [r"^gezond/(leeft|klaar)$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
