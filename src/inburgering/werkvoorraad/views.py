"""The work queue's pages: approvals, today's appointments, signals; handling a signal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inburgering.accounts.toegang import gemeente_ids, log_inzage
from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol
from inburgering.koppelingen.models import InkomendBericht

from . import services
from .forms import AfhandelForm


def _toon(request: HttpRequest, lijst: str, context: dict, dossier_ids: list[int]) -> HttpResponse:
    log_inzage(request.user, dossier_ids, f"werkvoorraad_{lijst}")
    return render(request, "werkvoorraad/lijst.html", {"lijst": lijst, **context})


@login_required
@require_GET
def goedkeuring_view(request: HttpRequest) -> HttpResponse:
    vereis_dossierrol(request)
    versies = list(services.wacht_op_goedkeuring(request.user)[:200])
    return _toon(request, "goedkeuring", {"versies": versies}, [v.pip.dossier_id for v in versies])


@login_required
@require_GET
def afspraken_view(request: HttpRequest) -> HttpResponse:
    vereis_dossierrol(request)
    afspraken = list(services.afspraken_vandaag(request.user)[:200])
    return _toon(
        request,
        "afspraken",
        {"afspraken": afspraken, "vandaag": timezone.localdate()},
        [a.dossier_id for a in afspraken],
    )


@login_required
@require_GET
def signalen_view(request: HttpRequest) -> HttpResponse:
    vereis_dossierrol(request)
    signalen = services.signalen(request.user)[:200]
    return _toon(
        request,
        "signalen",
        {"signalen": signalen},
        sorted({s.dossier.pk for s in signalen if s.dossier}),
    )


@login_required
@require_POST
def signaal_afhandelen_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    form = AfhandelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("De toelichting is niet geldig: %s") % form.errors.as_text())
        return redirect("werkvoorraad:signalen")
    try:
        services.handel_af(
            request.user, dossier, form.cleaned_data["sleutel"], form.cleaned_data["toelichting"]
        )
    except services.Werkvoorraadfout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, _("Het signaal is afgehandeld en staat in de tijdlijn."))
    return redirect("werkvoorraad:signalen")


@login_required
@require_POST
def bericht_afhandelen_view(request: HttpRequest, pk: int) -> HttpResponse:
    vereis_dossierrol(request)
    if not InkomendBericht.objects.filter(
        pk=pk, gemeente_id__in=gemeente_ids(request.user)
    ).exists():
        raise Http404(_("Melding niet gevonden."))
    form = AfhandelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("De toelichting is niet geldig: %s") % form.errors.as_text())
        return redirect("werkvoorraad:signalen")
    try:
        services.handel_bericht_af(request.user, pk, form.cleaned_data["toelichting"])
    except services.Werkvoorraadfout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, _("De melding van DUO is afgehandeld."))
    return redirect("werkvoorraad:signalen")
