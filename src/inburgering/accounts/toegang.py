"""Need-to-know access: which dossiers a user may see, and the log of every view.

Every query for dossiers in a view starts from `dossiers_voor(user)`; there is no other path.
A dossier outside the user's scope answers 404, so its existence cannot be guessed either.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q, QuerySet

from .models import Gebruiker, Gemeente, Inzagelog, Rol

#: Roles whose task needs a dossier's personal data.
DOSSIER_ROLLEN = frozenset({Rol.CONSULENT, Rol.TEAMLEIDER, Rol.KWALITEIT})


def mag_dossiers_zien(user: Gebruiker) -> bool:
    return user.is_authenticated and user.is_active and user.rol in DOSSIER_ROLLEN


def mag_inzagelog_zien(user: Gebruiker) -> bool:
    return user.is_authenticated and user.is_active and user.rol == Rol.PRIVACY


def mag_gezondheid_zien(user: Gebruiker) -> bool:
    """Health data only for roles whose task needs it (Wi art. 37 lid 2): by default the
    consulent. Configurable with settings.GEZONDHEID_ROLLEN; never the roles without dossiers."""
    rollen = set(getattr(settings, "GEZONDHEID_ROLLEN", [Rol.CONSULENT])) & DOSSIER_ROLLEN
    return mag_dossiers_zien(user) and user.rol in rollen


def gemeenten_voor(user: Gebruiker) -> QuerySet[Gemeente]:
    if not user.is_authenticated:
        return Gemeente.objects.none()
    return user.gemeenten.all()


def dossiers_voor(user: Gebruiker) -> QuerySet:
    from inburgering.dossiers.models import Dossier

    if not mag_dossiers_zien(user):
        return Dossier.objects.none()
    qs = Dossier.objects.filter(gemeente__in=user.gemeenten.values("pk"))
    if user.rol == Rol.CONSULENT:
        # Where the gemeente restricts consulenten to their own caseload, only those dossiers.
        qs = qs.filter(
            Q(consulent=user) | Q(gemeente__configuratie__consulent_alleen_eigen_caseload=False)
        )
    return qs


def log_inzage(user: Gebruiker, dossier_ids: Iterable[int], doel: str) -> None:
    """Record that `user` saw personal data of these dossiers on page `doel`."""
    Inzagelog.objects.bulk_create(
        [Inzagelog(gebruiker=user, dossier_id=pk, doel=doel) for pk in dossier_ids]
    )
