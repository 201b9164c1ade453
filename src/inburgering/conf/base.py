"""Settings shared by every environment; what differs per deployment comes from the environment."""

import contextlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "ja"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's widget templates for FORM_RENDERER below
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "inburgering.accounts",
    "inburgering.dossiers",
    "inburgering.intake",
    "inburgering.demo",
    "inburgering.koppelingen",
    "inburgering.monitoring",
    "inburgering.pip",
    "inburgering.examens",
    "inburgering.brieven",
    "inburgering.werkvoorraad",
    "inburgering.traject",
    "inburgering.partners",
    "inburgering.termijn",
    "inburgering.handhaving",
    "inburgering.portaal",
    "inburgering.ontzorgen",
    "inburgering.verhuizing",
    "inburgering.api",
]

MIDDLEWARE = [
    # First: one id per request for every log line and the access log (inburgering/verzoek.py).
    "inburgering.verzoek.VerzoekIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # DUO's notifications take a short cut from here: none of the browser middleware below.
    "inburgering.koppelingen.m2m.M2MMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response, static files included.
    "csp.middleware.CSPMiddleware",
    "inburgering.accounts.beveiliging.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise: static files keep their caching, every other response is no-store.
    "inburgering.accounts.beveiliging.GeenCacheMiddleware",
    # The partner API (/api/v1/) takes a short cut from here: keys, not sessions (ADR 0045).
    "inburgering.api.middleware.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "inburgering.accounts.middleware.TaalkeuzeMiddleware",
    # Under /portaal/ only: the citizen's language (eight languages), inside the one above.
    "inburgering.portaal.middleware.PortaalTaalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the session's user kept in a shared cache (accounts/sessiegebruiker.py).
    "inburgering.accounts.sessiegebruiker.AuthenticatieMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Sessions through the identity provider: re-checked there when the ID token expires.
    "inburgering.accounts.oidc.SessieVernieuwen",
    # Anonymous: every view redirects to the login page unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Logged in with a password only: the code page or the enrolment page first.
    "inburgering.accounts.beveiliging.TweedeFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last: runs every POST's view in one transaction; a locked SQLite database answers 503.
    "inburgering.drukte.DrukteMiddleware",
]

ROOT_URLCONF = "inburgering.urls"
WSGI_APPLICATION = "inburgering.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "inburgering" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inburgering.accounts.context_processors.werkcontext",
                "inburgering.werkvoorraad.context_processors.werkvoorraad",
                "inburgering.ui.thema",
                "inburgering.portaal.context_processors.portaal",
            ],
        },
    }
]

# The one writable place (SQLite, the DUO simulator's state): in a container a volume, while
# the code itself may lie on a read-only filesystem. Start-up stops with one line if it cannot
# be used.
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")) or "var")
try:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
except OSError as _fout:
    raise ImproperlyConfigured(
        f"VAR_DIR {VAR_DIR} kan niet worden aangemaakt ({_fout.strerror}) / cannot be created."
    ) from None
if not os.access(VAR_DIR, os.W_OK):
    raise ImproperlyConfigured(f"VAR_DIR {VAR_DIR} is niet schrijfbaar / is not writable.")

# SQLite is the embedded default; DATABASE_URL selects PostgreSQL (postgres://user@host:port/name).
# A wrong one stops start-up with one line (not at the first request).
DATABASE_ENGINES = ("django.db.backends.postgresql", "django.db.backends.sqlite3")
try:
    DATABASES = {
        "default": dj_database_url.config(
            env="DATABASE_URL",
            default=f"sqlite:///{VAR_DIR / 'inburgering.sqlite3'}",
            conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        )
    }
except ValueError:  # dj_database_url's UnknownSchemeError is one
    DATABASES = {"default": {"ENGINE": "", "NAME": ""}}
if DATABASES["default"]["ENGINE"] not in DATABASE_ENGINES or not DATABASES["default"]["NAME"]:
    raise ImproperlyConfigured(
        "DATABASE_URL is geen postgres://gebruiker@host:poort/naam of sqlite:///pad / "
        "DATABASE_URL must be postgres://user@host:port/name or sqlite:///path."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend plus a flush that may empty the append-only logs (inburgering/sqlite).
    DATABASES["default"]["ENGINE"] = "inburgering.sqlite"
    # Django's default test database for SQLite, named explicitly: pytest-django recognises the
    # in-memory database by the engine's name, which is now ours.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
    # One writer at a time (docs/architecture.md, Databases): a writer waits up to `timeout`
    # seconds for the lock, and every transaction takes it at BEGIN (IMMEDIATE), so a
    # transaction never reads first and then finds the lock taken for good ("database is
    # locked" at once, whatever the timeout). WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "timeout": float(env("SQLITE_TIMEOUT", "20")),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif env("DB_PREPARE_THRESHOLD", ""):
    # Opt-in (ADR 0045): the partner API's kept queries (api/vast.py) prepared on the server
    # after this many executions per connection. Only with a direct connection or a pooler in
    # session mode: in transaction mode the next transaction may land on another backend.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = int(
        env("DB_PREPARE_THRESHOLD", "")
    )

# Retention of the access log (Inzagelog) in months. The law fixes no period for it; this is a
# policy choice (AVG art. 5 lid 2, accountability): long enough to answer a data subject's or
# the Autoriteit Persoonsgegevens' question about past access. `manage.py opschonen` removes
# older rows (docs/adr/0001-bewaartermijnen-en-opschonen.md).
INZAGELOG_BEWAARTERMIJN_MAANDEN = int(env("INZAGELOG_BEWAARTERMIJN_MAANDEN", "60"))

# The NL Design System theme: the CSS files with the design tokens (static paths, loaded in this
# order before the components) and the class on <html> that activates them. A gemeente with its
# own token package (e.g. from its design system's npm package, added to STATICFILES_DIRS) sets
# both: THEMA_CSS=vendor/denhaag/theme.css THEMA_KLASSE=denhaag-theme.
THEMA_CSS = env_list("THEMA_CSS", "vendor/voorbeeld/theme.css,inburgering/thema-gemeente.css")
THEMA_KLASSE = env("THEMA_KLASSE", "voorbeeld-theme") or "voorbeeld-theme"

# Form widgets render through TEMPLATES, so the project's widget templates are found
# (inburgering/ui.py: selects with their options inline).
FORM_RENDERER = "inburgering.ui.Vormgeving"

# Planner cost of a random page read for PostgreSQL connections (inburgering/dbinstellingen.py);
# empty leaves the server's setting.
POSTGRES_RANDOM_PAGE_COST = env("POSTGRES_RANDOM_PAGE_COST", "1.1") or None

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.Gebruiker"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "inburgering.accounts.beveiliging.MinimumLengteValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start"  # per role: accounts.views.STARTPAGINA
LOGOUT_REDIRECT_URL = "accounts:login"

# Login rate limiting (django-axes): lock a username+IP pair after AXES_FAILURE_LIMIT failures,
# and an IP address after AXES_IP_FAILURE_LIMIT failures across any usernames (credential
# stuffing), each for AXES_COOLOFF_HOURS. The handler (accounts/beveiliging.py) reads the two
# counts in the order of AXES_LOCKOUT_PARAMETERS: username+IP first, then IP.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_IP_FAILURE_LIMIT = int(env("AXES_IP_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = float(env("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "inburgering.accounts.beveiliging.InlogpogingenHandler"
# Behind a reverse proxy: the header in which the proxy passes the client's IP (e.g. X-Real-IP);
# empty: REMOTE_ADDR.
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", "") or ""
AXES_CLIENT_IP_CALLABLE = "inburgering.accounts.beveiliging.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/geblokkeerd.html"
AXES_VERBOSE = False

# Second factor (django-otp, TOTP). OTP_VERPLICHT: the roles below must enrol before they can
# work; a user with a confirmed device always enters a code, whatever this setting says.
# Off in dev and test (demo users log in with a password only), on in production.
OTP_VERPLICHT = env_bool("OTP_VERPLICHT", False)
OTP_VERPLICHTE_ROLLEN = ["consulent", "teamleider", "kwaliteit", "privacy", "beheerder"]
OTP_TOTP_ISSUER = "Inburgering regie"

# Content-Security-Policy (django-csp): only this site's own files; no inline script or style,
# no plugins, no framing, forms only to this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Browser features this application never uses.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "inburgering" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The image collects static files at build time into a STATIC_ROOT beside the code (read-only
# at run time); elsewhere they go to VAR_DIR. Created when missing and possible: only
# collectstatic writes here.
STATIC_ROOT = Path(env("STATIC_ROOT", "") or VAR_DIR / "static")
if not STATIC_ROOT.is_dir():
    # Read-only and never collected: WhiteNoise then serves nothing; collectstatic says why.
    with contextlib.suppress(OSError):
        STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    SRC_DIR / "inburgering" / "static",
    ("vendor/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    (
        "vendor/voorbeeld",
        NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist",
    ),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}


def cache_instellingen(redis_url: str, voorvoegsel: str = "inburgering") -> tuple[dict, str]:
    """CACHES and SESSION_ENGINE. With a Redis URL: one cache shared by all processes (the
    caseload panels are then renewed everywhere at once) and sessions read from it, written
    through to the database. Without: a cache per process and sessions in the database only
    (a per-process cache must not hold sessions: a logout would not reach the other ones)."""
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                # Django's default of 300 entries is less than the monitoring's partials of one
                # national selection (one per gemeente, ADR 0047): they would push each other out.
                "OPTIONS": {"MAX_ENTRIES": 10_000},
            }
        }, "django.contrib.sessions.backends.db"
    return {
        "default": {
            "BACKEND": "inburgering.cache.Cache",
            "LOCATION": redis_url,
            "KEY_PREFIX": voorvoegsel,
        }
    }, "django.contrib.sessions.backends.cached_db"


CACHES, SESSION_ENGINE = cache_instellingen(
    env("REDIS_URL", "") or "", env("CACHE_KEY_PREFIX", "inburgering") or "inburgering"
)
# Monitoring: a selection whose computation takes at least this many seconds (the national
# one) is kept as computed, at most MONITORING_VOORAF_MINUTEN old, and renewed by the planner
# (`bereken_monitoring`; docs/adr/0042). Needs a shared cache (REDIS_URL) to reach the web.
MONITORING_VOORAF_DREMPEL = float(env("MONITORING_VOORAF_DREMPEL", "2.0"))
MONITORING_VOORAF_MINUTEN = int(env("MONITORING_VOORAF_MINUTEN", "15"))
# The session's user (with its gemeenten) kept in the cache, only when the cache is shared by
# all processes: a deactivation must reach every one at once (accounts/sessiegebruiker.py).
GEBRUIKER_IN_CACHE = SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Inburgering regiesysteem – API voor ketenpartners",
    "DESCRIPTION": "Zie docs/api.md. Fouten als application/problem+json (RFC 9457).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVERS": [{"url": "/"}],
    "PREPROCESSING_HOOKS": ["inburgering.api.schema.alleen_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "inburgering.api.schema.versiekop",
    ],
    "ENUM_NAME_OVERRIDES": {
        "PeriodesoortEnum": "inburgering.traject.models.Periodesoort",
        "NiveauEnum": "inburgering.api.serializers.NIVEAUS",
        "BetalingstatusEnum": "inburgering.ontzorgen.models.Betalingstatus",
        "StatusEnum": "inburgering.traject.models.PlaatsingStatus",
    },
}

# The partners' API /api/v1/ (inburgering.api, docs/api.md): its own authentication (API key,
# or the OIN of the client certificate that the mTLS proxy passes in API_CERT_OIN_HEADER; empty:
# keys only), a limit per organisation and a limit on the size of a request body.
API_CERT_OIN_HEADER = env("API_CERT_OIN_HEADER", "")
API_LIMIET = env("API_LIMIET", "600/min")  # requests per organisation ("N/sec|min|hour|day")
API_MAX_BYTES = int(env("API_MAX_BYTES", str(2_500_000)))
API_MAX_UREN = int(env("API_MAX_UREN", "10000"))  # hour records per bulk call
API_PAGINA_GROOTTE = int(env("API_PAGINA_GROOTTE", "100"))

# Every log record passes the BSN filter: a nine-digit number never reaches a log line.
# LOG_FORMAT: "plain" (development) or "json" (one object per line with the request id,
# inburgering/logformaat.py), for production's log collector.
LOG_FORMAT = (env("LOG_FORMAT", "plain") or "plain").strip().lower()
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(
        f"LOG_FORMAT {LOG_FORMAT!r} onbekend: kies plain of json / must be plain or json."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "geen_bsn": {"()": "inburgering.accounts.logfilters.BsnMaskeerFilter"},
        "verzoek_id": {"()": "inburgering.verzoek.VerzoekIdFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "inburgering.logformaat.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["geen_bsn", "verzoek_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# DUO M2M chain (inburgering.koppelingen; see docs/architecture.md "DUO-keten").
# DUO_BASE_URL "simulator://duo/v1" = the built-in DUO simulator in this process, with its state
# in DUO_SIMULATOR_STATE (a JSON file shared by web, worker and the duo_simulator command).
DUO_OIN = env("DUO_OIN", "00000001003214345000")
DUO_BASE_URL = env("DUO_BASE_URL", "simulator://duo/v1") or ""
DUO_SIMULATOR_STATE = env("DUO_SIMULATOR_STATE", str(VAR_DIR / "duo_simulator.json"))
DUO_CLIENT_CERT = env("DUO_CLIENT_CERT", "")  # PKIoverheid client certificate (PEM) for mTLS
DUO_CLIENT_KEY = env("DUO_CLIENT_KEY", "")
DUO_CA_BUNDLE = env("DUO_CA_BUNDLE", "")
DUO_TIMEOUT = float(env("DUO_TIMEOUT", "30"))
DUO_AFNEMER_OIN = env("DUO_AFNEMER_OIN", "")  # bron-OIN when a gemeente has none of its own
DUO_ONTVANGER_OINS = env_list("DUO_ONTVANGER_OINS")  # extra OINs we accept as "doel"
# Notification auth: the proxy that terminates DUO's mTLS passes the certificate's OIN in this
# header; or a shared token (Authorization: Bearer). Against the simulator a fixed demo token.
DUO_NOTIFICATIE_CERT_OIN_HEADER = env("DUO_NOTIFICATIE_CERT_OIN_HEADER", "")
DUO_NOTIFICATIE_TOKEN = env(
    "DUO_NOTIFICATIE_TOKEN", "simulator-token" if DUO_BASE_URL.startswith("simulator:") else ""
)
DUO_NOTIFICATIE_MAX_BYTES = int(env("DUO_NOTIFICATIE_MAX_BYTES", "16384"))
DUO_MAX_POGINGEN = int(env("DUO_MAX_POGINGEN", "8"))
DUO_BACKOFF_BASIS_SECONDEN = int(env("DUO_BACKOFF_BASIS_SECONDEN", "30"))
DUO_BACKOFF_MAX_SECONDEN = int(env("DUO_BACKOFF_MAX_SECONDEN", "21600"))

# Migration import (monitoring/importeren.py, importtaken.py): limits; files above
# IMPORT_DIRECT_MAX_RIJEN rows run in the background. Background work (large imports, the
# reconciliation with DUO; inburgering/achtergrond.py) runs in a thread of the web process
# ("thread", the demo's way) or is picked up by `manage.py verwerk_berichten` ("worker").
IMPORT_MAX_BYTES = int(env("IMPORT_MAX_BYTES", str(20_000_000)))
IMPORT_MAX_RIJEN = int(env("IMPORT_MAX_RIJEN", "100000"))
IMPORT_DIRECT_MAX_RIJEN = int(env("IMPORT_DIRECT_MAX_RIJEN", "500"))
ACHTERGROND_UITVOERING = env("ACHTERGROND_UITVOERING", "thread")

# BRP API Personen v2 (koppelingen/brp/): the gemeente's BRP provider, or the local simulator
# ("simulator://brp", the people of the DUO simulator). Authentication as the provider asks:
# an API key (X-API-KEY header) and/or a client certificate (mTLS).
BRP_API_URL = env("BRP_API_URL", "simulator://brp") or ""
BRP_API_KEY = env("BRP_API_KEY", "")
BRP_CLIENT_CERT = env("BRP_CLIENT_CERT", "")
BRP_CLIENT_KEY = env("BRP_CLIENT_KEY", "")
BRP_CA_BUNDLE = env("BRP_CA_BUNDLE", "")
BRP_TIMEOUT = float(env("BRP_TIMEOUT", "30"))

# Staff login through the gemeente's identity provider, OpenID Connect (accounts/oidc.py,
# docs/adr/0017, docs/deployment.md "Inloggen via de identity provider"). Off while OIDC_ISSUER
# is empty; local accounts (with TOTP) work either way. The endpoints come from the provider's
# discovery document unless set one by one (OIDC_OP_*_ENDPOINT).
ROLLEN = ("consulent", "teamleider", "kwaliteit", "beheerder", "privacy", "partner")


def oidc_mapping(naam: str, tekst: str, toegestaan: tuple[str, ...] | None = None) -> dict:
    """'waarde=doel,waarde2=doel2' → dict; a malformed entry or unknown target stops start-up."""
    mapping = {}
    for deel in (d.strip() for d in tekst.split(",") if d.strip()):
        waarde, teken, doel = (x.strip() for x in deel.partition("="))
        if not teken or not waarde or not doel:
            raise ImproperlyConfigured(
                f"{naam}: '{deel}' is geen 'waarde=doel' / must be comma-separated value=target."
            )
        if toegestaan is not None and doel not in toegestaan:
            raise ImproperlyConfigured(
                f"{naam}: rol '{doel}' onbekend; kies uit {', '.join(toegestaan)} / unknown role."
            )
        mapping[waarde] = doel
    return mapping


def oidc_controle(issuer: str, client_id: str, client_secret: str, alleen_https: bool) -> None:
    """Start-up stops with one line for a wrong or incomplete OIDC configuration."""
    if not issuer:
        return
    if not issuer.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"OIDC_ISSUER {issuer!r} is geen URL / must be the provider's http(s) URL."
        )
    if alleen_https and not issuer.startswith("https://"):
        raise ImproperlyConfigured(
            f"OIDC_ISSUER {issuer!r} moet https gebruiken / must use https in production."
        )
    if not client_id or not client_secret:
        raise ImproperlyConfigured(
            "OIDC_ISSUER staat aan maar OIDC_CLIENT_ID of OIDC_CLIENT_SECRET ontbreekt / "
            "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required with OIDC_ISSUER."
        )


OIDC_ISSUER = (env("OIDC_ISSUER", "") or "").strip().rstrip("/")
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID", "") or ""
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", "") or ""
oidc_controle(OIDC_ISSUER, OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET, alleen_https=False)
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", "") or ""
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", "") or ""
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", "") or ""
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", "") or ""
OIDC_RP_SIGN_ALGO = env("OIDC_SIGN_ALGO", "RS256") or "RS256"
OIDC_RP_SCOPES = env("OIDC_SCOPES", "openid profile email") or "openid"
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("OIDC_TOKEN_USE_BASIC_AUTH", False)
OIDC_TIMEOUT = float(env("OIDC_TIMEOUT", "10"))
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_terug"
# Session refresh (accounts.oidc.SessieVernieuwen): re-checked at the provider (prompt=none) when
# the ID token expires, at the latest after this many seconds.
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = int(env("OIDC_SESSIE_VERNIEUWEN_SECONDEN", "900"))
# Logout at the provider (RP-initiated logout) needs the ID token as hint; the endpoint comes
# from discovery (end_session_endpoint) unless set here.
OIDC_STORE_ID_TOKEN = True
OIDC_OP_LOGOUT_ENDPOINT = env("OIDC_OP_LOGOUT_ENDPOINT", "") or ""
# Claims → role and gemeenten (accounts.oidc.koppel_claims). Mappings: "waarde=rol,..." and
# "waarde=cbscode,..."; without a role mapping the claim holds the role names themselves,
# without a gemeente mapping the CBS codes.
OIDC_CLAIM_ROLLEN = env("OIDC_CLAIM_ROLLEN", "roles") or "roles"
OIDC_CLAIM_GEMEENTEN = env("OIDC_CLAIM_GEMEENTEN", "gemeenten") or "gemeenten"
OIDC_ROLMAPPING = oidc_mapping("OIDC_ROLMAPPING", env("OIDC_ROLMAPPING", "") or "", ROLLEN)
OIDC_GEMEENTEMAPPING = oidc_mapping("OIDC_GEMEENTEMAPPING", env("OIDC_GEMEENTEMAPPING", "") or "")
# The second factor of these users is the provider's. Optionally demanded per login: the ID
# token's acr must be one of OIDC_ACR_WAARDEN, its amr must hold one of OIDC_AMR_WAARDEN.
OIDC_ACR_WAARDEN = env_list("OIDC_ACR_WAARDEN")
OIDC_AMR_WAARDEN = env_list("OIDC_AMR_WAARDEN")
if OIDC_ISSUER:
    AUTHENTICATION_BACKENDS = [
        *AUTHENTICATION_BACKENDS,
        "inburgering.accounts.oidc.GemeenteOIDCBackend",
    ]

# The inburgeraar's portal (inburgering/portaal, docs/adr/0025): citizens log in through the
# gemeente's DigiD broker with OpenID Connect (authorization code + PKCE); the ID token carries
# the BSN in claim PORTAAL_OIDC_CLAIM_BSN. Off while PORTAAL_OIDC_ISSUER is empty. Switching
# from the stand-in (manage.py oidc_standin --portaal-client-id ...) to the real broker is
# configuration only.
PORTAAL_OIDC_ISSUER = (env("PORTAAL_OIDC_ISSUER", "") or "").strip().rstrip("/")
PORTAAL_OIDC_CLIENT_ID = env("PORTAAL_OIDC_CLIENT_ID", "") or ""
PORTAAL_OIDC_CLIENT_SECRET = env("PORTAAL_OIDC_CLIENT_SECRET", "") or ""
oidc_controle(
    PORTAAL_OIDC_ISSUER, PORTAAL_OIDC_CLIENT_ID, PORTAAL_OIDC_CLIENT_SECRET, alleen_https=False
)
PORTAAL_OIDC_SCOPES = env("PORTAAL_OIDC_SCOPES", "openid") or "openid"
PORTAAL_OIDC_CLAIM_BSN = env("PORTAAL_OIDC_CLAIM_BSN", "bsn") or "bsn"
# DigiD level required (the ID token's acr), e.g. Substantieel; empty: not checked.
PORTAAL_OIDC_ACR_WAARDEN = env_list("PORTAAL_OIDC_ACR_WAARDEN")
PORTAAL_OIDC_TIMEOUT = float(env("PORTAAL_OIDC_TIMEOUT", "10"))
# The gemeenten whose dossiers this portal shows (CBS codes); empty: every gemeente here.
PORTAAL_GEMEENTEN = env_list("PORTAAL_GEMEENTEN")
# A citizen's session ends after this many seconds without a request (idle timeout).
PORTAAL_SESSIE_SECONDEN = int(env("PORTAAL_SESSIE_SECONDEN", "900"))
# Login attempts (start and return) per client IP per PORTAAL_INLOG_VENSTER seconds.
PORTAAL_INLOG_LIMIET = int(env("PORTAAL_INLOG_LIMIET", "20"))
PORTAAL_INLOG_VENSTER = int(env("PORTAAL_INLOG_VENSTER", "900"))
# Portal pages (a PDF letter included) per logged-in person per PORTAAL_PAGINA_VENSTER seconds;
# above it a "wait a minute" page (429). A person reading needs far fewer.
PORTAAL_PAGINA_LIMIET = int(env("PORTAAL_PAGINA_LIMIET", "120"))
PORTAAL_PAGINA_VENSTER = int(env("PORTAAL_PAGINA_VENSTER", "60"))
# The portal speaks more languages than the staff pages (LANGUAGES stays nl/en there).
PORTAAL_TALEN = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("ti", "ትግርኛ"),
    ("uk", "Українська"),
    ("tr", "Türkçe"),
    ("so", "Soomaali"),
]
PORTAAL_TAAL_COOKIE = "portaal_taal"
# Messages to citizens (reminders, "something changed"): the gateway class; the stand-in
# records them in the database (portaal.berichten.StandinGateway).
PORTAAL_BERICHTEN_GATEWAY = (
    env("PORTAAL_BERICHTEN_GATEWAY", "inburgering.portaal.berichten.StandinGateway") or ""
)
PORTAAL_BERICHTEN_MAX_POGINGEN = int(env("PORTAAL_BERICHTEN_MAX_POGINGEN", "5"))
PORTAAL_BERICHTEN_TIMEOUT = float(env("PORTAAL_BERICHTEN_TIMEOUT", "10"))
# The real gateways (portaal/gateways.py, docs/adr/0031): e-mail through Django's mail backend
# (SMTP with EMAIL_HOST/EMAIL_PORT/...) from PORTAAL_BERICHTEN_AFZENDER; SMS (and e-mail, with
# NotifyGateway) through the Notify API (NotifyNL / GOV.UK Notify contract) at
# PORTAAL_NOTIFY_URL with the API key and one template per channel.
PORTAAL_BERICHTEN_AFZENDER = env("PORTAAL_BERICHTEN_AFZENDER", "") or ""
PORTAAL_EMAIL_BACKEND = (
    env("PORTAAL_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend") or ""
)
EMAIL_HOST = env("EMAIL_HOST", "localhost") or "localhost"
EMAIL_PORT = int(env("EMAIL_PORT", "25") or "25")
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "") or ""
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
PORTAAL_NOTIFY_URL = (env("PORTAAL_NOTIFY_URL", "") or "").strip().rstrip("/")
PORTAAL_NOTIFY_API_KEY = env("PORTAAL_NOTIFY_API_KEY", "") or ""
PORTAAL_NOTIFY_SJABLOON_SMS = env("PORTAAL_NOTIFY_SJABLOON_SMS", "") or ""
PORTAAL_NOTIFY_SJABLOON_EMAIL = env("PORTAAL_NOTIFY_SJABLOON_EMAIL", "") or ""
