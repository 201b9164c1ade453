"""Pages of the move: the dossier's tab (record the move out; on the receiving dossier the
package received and the new PIP deadline with its citation), the package as JSON and PDF, the
receiving gemeente's task list with its acceptance page, and reading a package file.

Every page that shows the package writes the access log; downloads go through `log_export`.
No BSN in a URL or file name: a package is named by its own id."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inburgering.accounts.toegang import gemeente_ids, gemeenten_voor, log_export, log_inzage
from inburgering.dossiers import deadlines
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol
from inburgering.pdfdocument import pdf_uit_html

from . import onderdelen, pakket, services
from .forms import AcceptatieForm, InleesForm, VerhuizingForm
from .models import Overdracht, Status


def _inhoud(overdracht: Overdracht | None) -> dict:
    """What the templates show of a package."""
    if overdracht is None:
        return {}
    p = overdracht.pakket
    return {
        "overdracht": overdracht,
        "p": p,
        "onbekende_onderdelen": sorted(set(p.get("onderdelen", {})) - set(onderdelen.REGISTER)),
    }


@login_required
@require_http_methods(["GET", "POST"])
def verhuizing_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    uitgaand = services.uitgaande_overdracht(dossier)
    ontvangen = services.ontvangen_overdracht(dossier)
    open_ = dossier.fase not in ("", "afgerond")
    form = None
    if open_ and uitgaand is None:
        form = VerhuizingForm(
            request.POST if request.method == "POST" else None,
            huidige=dossier.gemeente,
            auto_id="verhuizing_%s",
        )
    status = 200
    if request.method == "POST":
        status = 400
        if form is not None and form.is_valid():
            try:
                services.start_overdracht(
                    dossier,
                    naar_gemeente=form.naar_gemeente(),
                    inschrijving=form.cleaned_data["inschrijving"],
                    actor=request.user,
                )
            except services.OverdrachtFout as fout:
                form.add_error(None, str(fout))
            except services.OngeldigeGebeurtenis as fout:
                form.add_error(None, str(fout))
            else:
                messages.success(
                    request, _("De verhuizing is vastgelegd en het dossier is afgesloten.")
                )
                return redirect("verhuizing:verhuizing", uuid=dossier.uuid)
        elif form is None:
            status = 409
    toestand = bereken_toestand(dossier.events.all())
    deadline = deadlines.pip_deadline(toestand)
    log_inzage(request.user, [dossier.pk], "verhuizing")
    return render(
        request,
        "verhuizing/verhuizing.html",
        {
            "dossier": dossier,
            "tab": "verhuizing",
            "form": form,
            "uitgaand": uitgaand,
            "ontvangen": _inhoud(ontvangen)
            if ontvangen and ontvangen.status != Status.WACHT_OP_ACCEPTATIE
            else {},
            "wacht": ontvangen
            if ontvangen and ontvangen.status == Status.WACHT_OP_ACCEPTATIE
            else None,
            "toestand": toestand,
            "deadline": deadline,
            "notities": services.notities_meegeven(dossier.gemeente),
        },
        status=status,
    )


def _overdracht_van(request: HttpRequest, uuid) -> tuple[Overdracht | None, Dossier]:
    """The package sent from or received on this dossier (404 outside the user's scope); None
    while there is none, or while a received one still waits for acceptance."""
    dossier = dossier_of_404(request, uuid)
    overdracht = services.uitgaande_overdracht(dossier) or services.ontvangen_overdracht(dossier)
    if overdracht is None or (
        overdracht.nieuw_dossier_id == dossier.pk
        and overdracht.status == Status.WACHT_OP_ACCEPTATIE
    ):
        return None, dossier
    return overdracht, dossier


@login_required
@require_GET
def pakket_json_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    overdracht, dossier = _overdracht_van(request, uuid)
    if overdracht is None:
        return redirect("verhuizing:verhuizing", uuid=dossier.uuid)
    log_export(request.user, "overdracht_json", {"overdracht": str(overdracht.uuid)}, [dossier.pk])
    antwoord = HttpResponse(pakket.als_bytes(overdracht.pakket), content_type="application/json")
    antwoord["Content-Disposition"] = f'attachment; filename="overdracht-{overdracht.uuid}.json"'
    return antwoord


def pakket_html(overdracht: Overdracht) -> str:
    return render_to_string(
        "verhuizing/pakket_document.html",
        {**_inhoud(overdracht), "gemaakt": timezone.localtime()},
    )


@login_required
@require_GET
def pakket_pdf_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    overdracht, dossier = _overdracht_van(request, uuid)
    if overdracht is None:
        return redirect("verhuizing:verhuizing", uuid=dossier.uuid)
    log_export(request.user, "overdracht_pdf", {"overdracht": str(overdracht.uuid)}, [dossier.pk])
    antwoord = HttpResponse(pdf_uit_html(pakket_html(overdracht)), content_type="application/pdf")
    antwoord["Content-Disposition"] = f'inline; filename="overdracht-{overdracht.uuid}.pdf"'
    return antwoord


@login_required
@require_GET
def inkomend_view(request: HttpRequest) -> HttpResponse:
    """The receiving gemeente's task list: packages waiting for acceptance."""
    vereis_dossierrol(request)
    wachtend = list(services.wachtende_overdrachten(gemeente_ids(request.user)))
    log_inzage(
        request.user,
        [o.oud_dossier_id for o in wachtend if o.oud_dossier_id],
        "overdracht_inkomend",
    )
    return render(request, "verhuizing/inkomend.html", {"wachtend": wachtend})


def _wachtende_of_404(request: HttpRequest, sleutel) -> Overdracht:
    overdracht = (
        services.wachtende_overdrachten(gemeente_ids(request.user)).filter(uuid=sleutel).first()
    )
    if overdracht is None:
        raise Http404
    return overdracht


@login_required
@require_http_methods(["GET", "POST"])
def overdracht_view(request: HttpRequest, overdracht) -> HttpResponse:
    """One waiting package: read it, and accept it (the new dossier is opened or the signal
    dossier receives it)."""
    vereis_dossierrol(request)
    o = _wachtende_of_404(request, overdracht)
    form = AcceptatieForm(
        request.POST if request.method == "POST" else None,
        initial={"inschrijving": o.inschrijving},
        auto_id="acceptatie_%s",
    )
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.accepteer(
                o, actor=request.user, inschrijving=form.cleaned_data["inschrijving"]
            )
        except services.OverdrachtFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("Het dossier is overgenomen."))
            return redirect("verhuizing:verhuizing", uuid=dossier.uuid)
    log_inzage(request.user, [o.oud_dossier_id] if o.oud_dossier_id else [], "overdracht_inkomend")
    return render(
        request,
        "verhuizing/overdracht.html",
        {**_inhoud(o), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def inlezen_view(request: HttpRequest) -> HttpResponse:
    """A package file from another installation: validated, then stored as a whole or not."""
    vereis_dossierrol(request)
    gemeenten = list(gemeenten_voor(request.user).order_by("naam"))
    form = InleesForm(
        request.POST or None, request.FILES or None, gemeenten=gemeenten, auto_id="inlezen_%s"
    )
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        gemeente = next(g for g in gemeenten if g.pk == form.cleaned_data["gemeente"])
        try:
            o = services.importeer(
                form.cleaned_data["bestand"].read(), gemeente=gemeente, actor=request.user
            )
        except pakket.OngeldigPakket as fout:
            fouten = fout.fouten
        else:
            log_inzage(request.user, [o.nieuw_dossier_id], "overdracht_ingelezen")
            messages.success(request, _("Het overdrachtspakket is ingelezen."))
            return redirect("verhuizing:verhuizing", uuid=o.nieuw_dossier.uuid)
    return render(
        request,
        "verhuizing/inlezen.html",
        {"form": form, "fouten": fouten},
        status=400 if request.method == "POST" else 200,
    )
