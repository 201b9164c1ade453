"""The portal's language: its own list (settings.PORTAAL_TALEN, eight languages) and cookie,
only under /portaal/. The staff pages keep TaalkeuzeMiddleware's nl/en; that middleware (the
outer one) deactivates the language after the response."""

from django.conf import settings
from django.utils import translation

VOORVOEGSEL = "/portaal/"


def portaaltaal(request) -> str:
    gekozen = request.COOKIES.get(settings.PORTAAL_TAAL_COOKIE, "")
    return gekozen if gekozen in dict(settings.PORTAAL_TALEN) else settings.LANGUAGE_CODE


class PortaalTaalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(VOORVOEGSEL):
            return self.get_response(request)
        taal = portaaltaal(request)
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        response = self.get_response(request)
        response.headers["Content-Language"] = taal
        return response
