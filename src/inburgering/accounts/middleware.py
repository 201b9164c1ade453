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
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", taal)
        return response
