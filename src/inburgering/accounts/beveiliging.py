"""Web hardening in one place: security headers, no caching of personal data, login throttling
per user and per IP, and the second factor (TOTP) that every app page requires.

* `PermissionsPolicyMiddleware`: browser features this application never uses are switched off.
* `GeenCacheMiddleware`: every response that is not a static file says `no-store`: pages, PDFs
  and exports hold personal data, and a shared workstation's browser must not keep them.
* `InlogpogingenHandler`: django-axes counts failures per username+IP *and* per IP, each
  against its own limit (axes itself compares every count with one limit).
* `TweedeFactorMiddleware`: a user who logged in with a password only is sent to the code page
  (has a device) or the enrolment page (no device, second factor required for the role) before
  any other page works. One place for the whole application, the admin under /beheer/ included.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.db.models import Sum
from django.dispatch import receiver
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import ngettext
from django_otp import user_has_device

#: Session key: whether the user had a confirmed OTP device when logging in (saves a query on
#: every request of the many users without one while the second factor is not required).
SESSIE_HEEFT_APPARAAT = "inburgering_otp_apparaat"
#: Session key: the user logged in through the gemeente's identity provider (accounts/oidc.py),
#: whose second factor counts; the TOTP step does not apply (docs/adr/0017).
SESSIE_VIA_IDP = "inburgering_via_idp"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class GeenCacheMiddleware:
    """Stands below WhiteNoise, so static files never get here and keep their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        response.headers["Pragma"] = "no-cache"
        return response


class MinimumLengteValidator(MinimumLengthValidator):
    """Django's own, with a message of our own: Django 5.2 changed the message's msgid and its
    Dutch catalogue still has the old one, so the refusal came out in English."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: gebruik minimaal %(min_length)d teken.",
            "Dit wachtwoord is te kort: gebruik minimaal %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}


class InlogpogingenHandler(AxesDatabaseHandler):
    """Failures per username+IP against AXES_FAILURE_LIMIT, failures per IP (any username)
    against AXES_IP_FAILURE_LIMIT. The querysets come in the order of AXES_LOCKOUT_PARAMETERS."""

    @staticmethod
    def _som(pogingen) -> int:
        return pogingen.aggregate(n=Sum("failures_since_start"))["n"] or 0

    def get_failures(self, request, credentials=None) -> int:
        per_gebruiker, per_ip = (self._som(p) for p in self.get_user_attempts(request, credentials))
        if per_ip >= settings.AXES_IP_FAILURE_LIMIT:
            # Reported as at least the user limit: axes then locks whichever username is tried.
            return max(per_gebruiker, get_failure_limit(request, credentials))
        return per_gebruiker

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears that user's failures only, never the IP's: one valid
        account must not wipe the count of a credential-stuffing run."""
        per_gebruiker = self.filter_user_attempts(request, credentials)[0]
        return per_gebruiker.delete()[0]


def client_ip(request) -> str | None:
    """The client's IP address for login throttling. Behind a reverse proxy every request comes
    from the proxy's address, and one IP limit would then lock everyone out: the proxy passes the
    client's address in CLIENT_IP_HEADER (it must set that header itself, never pass on one from
    the client, or the limit can be dodged by sending another address each time)."""
    header = settings.CLIENT_IP_HEADER
    if header:
        waarde = request.META.get("HTTP_" + header.upper().replace("-", "_"), "").strip()
        if waarde:
            return waarde
    return request.META.get("REMOTE_ADDR")


def zonder_tweede_factor(view):
    """Marks a view that works before the second factor: login, logout, the two OTP pages,
    the language switch, and machine-to-machine endpoints."""
    view.zonder_tweede_factor = True
    return view


def otp_verplicht_voor(user) -> bool:
    return settings.OTP_VERPLICHT and user.rol in settings.OTP_VERPLICHTE_ROLLEN


def heeft_apparaat(request) -> bool:
    heeft = request.session.get(SESSIE_HEEFT_APPARAAT)
    if heeft is None:
        heeft = request.session[SESSIE_HEEFT_APPARAAT] = user_has_device(request.user)
    return heeft


@receiver(user_logged_in, dispatch_uid="inburgering_otp_apparaat")
def _onthoud_apparaat(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSIE_HEEFT_APPARAAT] = user_has_device(user)


def volgende_stap(request) -> str | None:
    """The URL name of the page an unverified user must see first, or None (nothing needed)."""
    if heeft_apparaat(request):
        return "accounts:otp_code"
    if otp_verplicht_voor(request.user):
        return "accounts:otp_inschrijven"
    return None


class TweedeFactorMiddleware(MiddlewareMixin):
    """After django_otp's OTPMiddleware (user.is_verified) and LoginRequiredMiddleware
    (anonymous users never get here)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or getattr(view_func, "zonder_tweede_factor", False):
            return None
        if user.is_verified() or request.session.get(SESSIE_VIA_IDP):
            return None
        stap = volgende_stap(request)
        if stap is None:
            return None
        return redirect_to_login(request.get_full_path(), reverse(stap), REDIRECT_FIELD_NAME)
