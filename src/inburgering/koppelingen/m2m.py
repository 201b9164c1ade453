"""The lean path for machine-to-machine endpoints (DUO's Notificatie API).

A chain partner's system is not a browser: it has no session, no language choice, no CSRF token,
no user and no messages, and it never frames a page. `M2MMiddleware` stands right after
Django's `SecurityMiddleware` (so HSTS, HTTPS redirect, nosniff and referrer policy still apply)
and hands a request for one of the exact paths in `M2M_ROUTES` straight to its view; every other
request continues through the full middleware stack. The views do their own authentication
(mTLS proxy header or token), size limit and validation, and do not touch `request.session` or
`request.user`. The paths stay in the urlconf too, for `reverse()` and as the route of record.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .duo.notificaties import notificatie_view

#: PATH_INFO -> view, matched exactly (no prefix, no trailing-slash variants).
M2M_ROUTES: dict[str, Callable[[HttpRequest], HttpResponse]] = {
    "/api/duo/v1/notificaties": notificatie_view,
}


class M2MMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = M2M_ROUTES.get(request.path_info)
        if view is None:
            return self.get_response(request)
        return view(request)
