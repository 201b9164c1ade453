"""AVG art. 15 inzageverzoek: the privacy officer (or a consulent on request) produces, for one
person, an overview of everything held, as PDF and as JSON.

The BSN is posted, validated (elfproef) and kept in the session, never put in a URL or a log
line; the page and both downloads read it from there (redirect-after-post, as the caseload
search). Every page and download that shows the person's data writes the access log with
purpose `avg_inzage`; the downloads also write an `Exportlog` row (no BSN in the selection).
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from inburgering.accounts.forms import BsnForm
from inburgering.accounts.toegang import log_export, log_inzage
from inburgering.pdfdocument import pdf_uit_html

from . import inzageverzoek

BSN_SESSIE = "avg_inzage_bsn"
DOEL = "avg_inzage"


def _controleer(request: HttpRequest) -> None:
    if not inzageverzoek.mag_inzageverzoek_doen(request.user):
        raise PermissionDenied(
            _("Alleen de privacyfunctionaris of een consulent kan een inzageverzoek afhandelen.")
        )


@login_required
@require_http_methods(["GET", "POST"])
def inzageverzoek_view(request: HttpRequest) -> HttpResponse:
    _controleer(request)
    form = BsnForm()
    if request.method == "POST":
        if "wis" in request.POST:
            request.session.pop(BSN_SESSIE, None)
            return redirect("accounts:inzageverzoek")
        form = BsnForm(request.POST)
        if form.is_valid():
            request.session[BSN_SESSIE] = form.cleaned_data["bsn"]
            return redirect("accounts:inzageverzoek")
        request.session.pop(BSN_SESSIE, None)
    bsn = request.session.get(BSN_SESSIE, "")
    personen = inzageverzoek.personen(request.user, bsn) if bsn else []
    dossiers = []
    if personen:
        dossiers = list(
            inzageverzoek.dossiers_in_scope(request.user)
            .filter(inburgeraar__in=personen)
            .select_related("gemeente", "inburgeraar")
            .order_by("aangemaakt_op", "pk")
        )
        log_inzage(request.user, [d.pk for d in dossiers], DOEL)
    return render(
        request,
        "accounts/inzageverzoek.html",
        {
            "form": form,
            "gezocht": bool(bsn),
            "personen": personen,
            "dossiers": dossiers,
        },
        status=400 if form.errors else 200,
    )


def _overzicht_of_terug(request: HttpRequest):
    bsn = request.session.get(BSN_SESSIE, "")
    overzicht = inzageverzoek.overzicht(request.user, bsn) if bsn else None
    return bsn, overzicht


def _log_download(request: HttpRequest, bsn: str, formaat: str) -> None:
    log_export(
        request.user,
        DOEL,
        {"formaat": formaat, "schema": inzageverzoek.SCHEMA},
        inzageverzoek.dossier_ids(request.user, bsn),
    )


@login_required
def inzageverzoek_json_view(request: HttpRequest) -> HttpResponse:
    _controleer(request)
    bsn, overzicht = _overzicht_of_terug(request)
    if overzicht is None:
        return redirect("accounts:inzageverzoek")
    _log_download(request, bsn, "json")
    antwoord = HttpResponse(
        json.dumps(overzicht, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    antwoord["Content-Disposition"] = 'attachment; filename="avg-inzage.json"'
    return antwoord


@login_required
def inzageverzoek_pdf_view(request: HttpRequest) -> HttpResponse:
    _controleer(request)
    bsn, overzicht = _overzicht_of_terug(request)
    if overzicht is None:
        return redirect("accounts:inzageverzoek")
    # A document for the person: Dutch, whatever the user's interface language (as the PIP).
    with translation.override("nl"):
        html = render_to_string("accounts/inzageverzoek_document.html", {"o": overzicht})
    pdf = pdf_uit_html(html)
    _log_download(request, bsn, "pdf")
    antwoord = HttpResponse(pdf, content_type="application/pdf")
    antwoord["Content-Disposition"] = 'attachment; filename="avg-inzage.pdf"'
    return antwoord
