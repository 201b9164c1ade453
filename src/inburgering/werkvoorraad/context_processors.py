from inburgering.accounts.toegang import mag_dossiers_zien

from .services import tellingen


def werkvoorraad(request):
    """The work queue's counts for the navigation (cached: `services.tellingen`)."""
    user = getattr(request, "user", None)
    if user is None or not mag_dossiers_zien(user):
        return {}
    return {"werkvoorraad": tellingen(user)}
