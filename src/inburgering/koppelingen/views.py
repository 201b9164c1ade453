"""Beheer page: DUO messages that failed after the last attempt (and deliveries DUO refused),
with a retry button. Only for the functioneel beheerder, only for their own gemeenten."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inburgering.accounts.models import Rol
from inburgering.accounts.toegang import (
    dossiers_voor,
    gemeenten_voor,
    log_inzage,
    mag_dossiers_zien,
)
from inburgering.dossiers.bsn import maskeer

from .duo.afstemming import afstemmen
from .models import InkomendBericht, Status, UitgaandBericht
from .outbox import opnieuw_inplannen

MODELLEN = {"inkomend": InkomendBericht, "uitgaand": UitgaandBericht}


def _alleen_beheerder(user) -> None:
    if not (user.is_active and user.rol == Rol.BEHEERDER):
        raise PermissionDenied


def _binnen_scope(user, model):
    gemeenten = gemeenten_voor(user).values("pk")
    if model is InkomendBericht:
        return model.objects.filter(Q(gemeente__in=gemeenten) | Q(gemeente__isnull=True))
    return model.objects.filter(gemeente__in=gemeenten)


@login_required
def berichten_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request.user)
    inkomend = list(
        _binnen_scope(request.user, InkomendBericht)
        .filter(status=Status.MISLUKT)
        .select_related("gemeente")
        .order_by("-ontvangen_op")[:200]
    )
    for bericht in inkomend:
        bericht.bsn_gemaskeerd = maskeer(bericht.bsn)
    uitgaand = (
        _binnen_scope(request.user, UitgaandBericht)
        .filter(status__in=[Status.MISLUKT, Status.GEWEIGERD])
        .select_related("gemeente")
        .order_by("-aangemaakt_op")[:200]
    )
    wachtend = _binnen_scope(request.user, InkomendBericht).filter(status=Status.OPNIEUW).count()
    return render(
        request,
        "koppelingen/berichten.html",
        {"inkomend": inkomend, "uitgaand": uitgaand, "wachtend": wachtend},
    )


@login_required
@require_POST
def opnieuw_view(request: HttpRequest, soort: str, pk: int) -> HttpResponse:
    _alleen_beheerder(request.user)
    model = MODELLEN.get(soort)
    if model is None:
        raise Http404
    bericht = _binnen_scope(request.user, model).filter(pk=pk).first()
    if bericht is None or bericht.status not in (Status.MISLUKT, Status.GEWEIGERD):
        raise Http404
    opnieuw_inplannen(bericht)
    messages.success(request, _("Het bericht wordt opnieuw verwerkt."))
    return redirect("koppelingen:berichten")


@login_required
def afstemming_view(request: HttpRequest) -> HttpResponse:
    """Reconciliation report with DUO for one of the user's gemeenten (on request: it queries
    DUO for every open dossier)."""
    if not mag_dossiers_zien(request.user):
        raise PermissionDenied
    gemeenten = list(gemeenten_voor(request.user))
    gekozen = next((g for g in gemeenten if str(g.pk) == request.GET.get("gemeente")), None)
    rapport = afstemmen(gekozen) if gekozen else None
    namen = {}
    if rapport:
        uuids = {b.dossier_uuid for b in rapport.bevindingen}
        dossiers = dossiers_voor(request.user).filter(uuid__in=uuids).select_related("inburgeraar")
        namen = {str(d.uuid): d.inburgeraar.naam for d in dossiers}
        log_inzage(request.user, [d.pk for d in dossiers], "duo_afstemming")
    return render(
        request,
        "koppelingen/afstemming.html",
        {"gemeenten": gemeenten, "gekozen": gekozen, "rapport": rapport, "namen": namen},
    )
