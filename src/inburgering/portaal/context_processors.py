from django.conf import settings

from .middleware import VOORVOEGSEL


def portaal(request) -> dict:
    """The portal's languages for its language switch (only on portal pages)."""
    if not request.path_info.startswith(VOORVOEGSEL):
        return {}
    return {"portaal_talen": settings.PORTAAL_TALEN}
