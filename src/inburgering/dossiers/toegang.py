"""The one access path to dossiers for staff (docs/adr/0005): `dossiers_voor(user)`, the
dossiers of the gemeenten the user works for (only their own where the gemeente restricts
consulenten to their caseload). Every view and export obtains dossiers here; outside this
scope is 404. Who may do what, the work area and the access log are `accounts.toegang`."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from inburgering.accounts.models import Gebruiker, Rol
from inburgering.accounts.toegang import mag_dossiers_zien, werkgebied

from .models import Dossier


def dossiers_voor(user: Gebruiker) -> QuerySet[Dossier]:
    if not mag_dossiers_zien(user):
        return Dossier.objects.none()
    gebied = werkgebied(user)
    qs = Dossier.objects.filter(gemeente_id__in=[g.pk for g in gebied])
    beperkt = [g.pk for g in gebied if g.alleen_eigen_caseload]
    if user.rol == Rol.CONSULENT and beperkt:
        # Where the gemeente restricts consulenten to their own caseload, only those dossiers.
        qs = qs.filter(Q(consulent=user) | ~Q(gemeente_id__in=beperkt))
    return qs
