"""The former Examens tab: the exams are part of the dossier's Route tab now (issue 15). The
old address stays valid and leads there, inside the same scope check (404 outside it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol


@login_required
@require_http_methods(["GET", "POST"])
def examens_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    return redirect(reverse("traject:route", kwargs={"uuid": dossier.uuid}) + "#kop-examens")
