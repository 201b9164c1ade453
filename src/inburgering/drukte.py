"""A busy SQLite database answers 503 with a message, never 500, and saves nothing half.

SQLite has one writer at a time. The settings (conf/base.py) make a writer wait for the lock
(`timeout`) and take it at the start of every transaction (`transaction_mode = IMMEDIATE`): a
transaction that first reads and then wants to write cannot be granted the lock once another
writer committed in between, and no waiting helps then (SQLite answers "database is locked" at
once). What is left is a writer that waited the whole timeout; that request gets the page
"Het systeem is even druk" with status 503 and a Retry-After.

Every POST (any method that may write) runs its view in one transaction, so a request that
fails halfway leaves nothing behind; the same holds on PostgreSQL. Taking the lock is the first
thing such a transaction does, before the view has run, so a 503 never follows a half write.
"""

from __future__ import annotations

import logging
import sys

from django.db import OperationalError, transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

#: Seconds after which the browser (or DUO) may try again.
OPNIEUW_NA = 5
_VEILIG = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def is_vergrendeld(fout: BaseException | None) -> bool:
    """SQLite's answer when the write lock could not be had (a shared-cache database says
    "database table is locked")."""
    return isinstance(fout, OperationalError) and "is locked" in str(fout)


def druk_antwoord(request: HttpRequest) -> HttpResponse:
    logger.warning("Database bezet; verzoek %s %s beantwoord met 503", request.method, request.path)
    try:
        inhoud = render_to_string("503.html", request=request)
    except Exception:  # the busy page must not fail on what failed the request
        inhoud = _("Het systeem is even druk; probeer het opnieuw.")
    antwoord = HttpResponse(inhoud, status=503)
    antwoord["Retry-After"] = str(OPNIEUW_NA)
    return antwoord


class DrukteMiddleware:
    """Last in MIDDLEWARE: every other middleware's process_view (CSRF above all) has run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in _VEILIG:
            return None
        try:
            with transaction.atomic():
                return view_func(request, *view_args, **view_kwargs)
        except OperationalError as fout:
            if is_vergrendeld(fout):
                return druk_antwoord(request)
            raise

    def process_exception(self, request, exception):
        """A page that reads (GET) and writes outside a transaction, e.g. the access log."""
        return druk_antwoord(request) if is_vergrendeld(exception) else None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a lock that surfaced outside the view (a middleware saving the session)
    is still the busy page; everything else Django's own 500 page."""
    if is_vergrendeld(sys.exc_info()[1]):
        return druk_antwoord(request)
    return defaults.server_error(request)
