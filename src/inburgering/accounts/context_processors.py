from .models import Rol
from .toegang import mag_dossiers_zien, mag_inzagelog_zien


def werkcontext(request):
    user = request.user
    return {
        "mag_dossiers_zien": mag_dossiers_zien(user),
        "mag_inzagelog_zien": mag_inzagelog_zien(user),
        "is_beheerder": user.is_authenticated and user.rol == Rol.BEHEERDER,
        "mag_monitoring_zien": user.is_authenticated
        and user.rol in (Rol.TEAMLEIDER, Rol.KWALITEIT),
    }
