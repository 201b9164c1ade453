"""The lean path for the partner API (/api/v1/, ADR 0045).

A partner's system authenticates every call with its key or its certificate's OIN
(`toegang.SleutelAuthenticatie`); it has no session, no CSRF token, no language cookie, no second
factor and no messages, and the browser middleware below this one only cost it CPU (about a
third of a list read's worker time, docs/performance.md "Partner API on a lean path").
`ApiMiddleware` stands right under `GeenCacheMiddleware`, so an API response still gets, from
above: the request id (`X-Verzoek-Id`, the access log's id), Django's SecurityMiddleware
headers, the CSP and Permissions-Policy, and no-store. For a path under `API_PAD` it resolves the
view itself and calls it, with what the API keeps of the stack below:

* `X-Frame-Options` (XFrameOptionsMiddleware), so the response's headers are as before;
* a write (POST) in one transaction, and a locked SQLite database as 503
  (`drukte.DrukteMiddleware`, its own `process_view` and `process_exception`);
* `Content-Length` (as CommonMiddleware sets it).

The views keep their own size limit, throttle, problem+json errors and access log. Every other
path (DUO's notifications have their own short cut above) goes down the full stack. Because
SessionMiddleware and the authentication middleware never run here, `request.session` does not
exist and a browser's session cookie cannot authenticate an API call, whatever a view does.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.urls import URLResolver
from django.urls.resolvers import RegexPattern

from inburgering.drukte import DrukteMiddleware

#: The prefix (PATH_INFO) of the partner API's routes; the urlconf's catch-all under it
#: answers problem+json for any other path.
API_PAD = "/api/v1/"


def api_resolver() -> URLResolver:
    """The API's own urlconf, as the root urlconf includes it (`path("", include(...))`, the
    namespace `api`): resolving through the whole product's urlconf cost more than a tenth of
    a read (twenty resolvers tried before the API's)."""
    return URLResolver(RegexPattern(r"^/"), "inburgering.api.urls", app_name="api", namespace="api")


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Only their hooks are used, around `_view`; the rest of the stack is not called.
        self.drukte = DrukteMiddleware(get_response)
        self.kern = XFrameOptionsMiddleware(self._view)
        self.resolver = api_resolver()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PAD):
            return self.get_response(request)
        response = self.kern(request)
        if not response.streaming and not response.has_header("Content-Length"):
            response.headers["Content-Length"] = str(len(response.content))
        return response

    def _view(self, request: HttpRequest) -> HttpResponse:
        """What Django's handler does between the middleware and the view, for these routes:
        resolve, the view middleware that is kept, the view, render."""
        match = self.resolver.resolve(request.path_info)
        request.resolver_match = match
        try:
            response = self.drukte.process_view(request, match.func, match.args, match.kwargs)
            if response is None:
                response = match.func(request, *match.args, **match.kwargs)
        except Exception as fout:
            # As the handler's process_exception; anything else is Django's 500 from the
            # exception wrapper around this middleware.
            response = self.drukte.process_exception(request, fout)
            if response is None:
                raise
        if not getattr(response, "is_rendered", True):
            response = response.render()
        return response
