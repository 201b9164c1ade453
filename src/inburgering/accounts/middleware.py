from django.conf import settings
from django.utils import translation


class TaalkeuzeMiddleware:
    """Dutch unless the user chose another language with the switch (the language cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a municipal
    product speaks Dutch by default, whatever the workstation's browser happens to be set to.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gekozen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        beschikbaar = dict(settings.LANGUAGES)
        taal = gekozen if gekozen in beschikbaar else settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        try:
            response = self.get_response(request)
        finally:
            # The thread goes back to the default: code after this request (a background job in
            # the same thread, the next test) must not speak the previous user's language.
            translation.deactivate()
        response.headers.setdefault("Content-Language", taal)
        return response
