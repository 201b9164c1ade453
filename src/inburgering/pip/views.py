"""The PIP page of a dossier, its documents, objections and progress conversations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering.accounts.toegang import log_inzage
from inburgering.brieven import services as brieven
from inburgering.brieven.forms import VerzondenForm
from inburgering.dossiers import deadlines
from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol
from inburgering.intake import brede_intake as bi
from inburgering.koppelingen.models import UitgaandBericht

from . import documenten
from . import forms as f
from . import services as s
from .models import Bezwaar, PipVersie, Status, Voortgangsgesprek


def _doelen(dossier) -> dict[str, tuple[str, str]]:
    """Where each kind of blocking reason is fixed (`services.Melding.doel`): URL and link."""
    uuid = dossier.uuid
    return {
        "brede_intake": (reverse("intake:brede_intake", kwargs={"uuid": uuid}),
                         _("Naar de brede intake")),
        "toets_en_route": (reverse("intake:toets_en_route", kwargs={"uuid": uuid}),
                           _("Naar toets en route")),
        "dossier": (reverse("dossiers:dossier", kwargs={"uuid": uuid}) + "#kop-stap",
                    _("Naar de stappen van het dossier")),
        "pip_formulier": ("#kop-concept", _("Naar het concept")),
        "goedkeuring": ("#knoppen-vaststelling", _("Naar goedkeuren")),
    }  # fmt: skip


def _met_links(controle, dossier) -> list[tuple[str, str, str, str]]:
    """The blocking reasons as (text, kind, URL, link text): no reason without a way out."""
    if controle is None:
        return []
    doelen = _doelen(dossier)
    return [(m, m.doel, *doelen.get(m.doel, ("", ""))) for m in controle.meldingen]


def _token(request) -> int | None:
    form = f.VersieTokenForm(request.POST)
    return form.cleaned_data["gezien_versie"] if form.is_valid() else None


@login_required
@require_http_methods(["GET", "POST"])
def pip_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    pip = s.pip_van(dossier)
    concept = s.concept_van(pip)
    actie = request.POST.get("actie", "") if request.method == "POST" else ""
    data = request.POST if actie else None
    conflict = fout = ""
    map_nodig = s.map_verplicht(concept).waarde if concept else True
    versieform = (
        f.PipVersieForm(data if actie == "bewaren" else None, instance=concept, map_nodig=map_nodig)
        if concept
        else None
    )
    nieuwe = f.NieuweVersieForm(data if actie == "nieuwe_versie" else None)
    bezwaarform = f.BezwaarForm(data if actie == "bezwaar" else None)
    doel = request.POST.get("doel", "")
    beslisforms, gesprekforms = {}, {}
    try:
        if actie == "opstellen":
            s.stel_op(dossier, actor=request.user)
            return _klaar(request, dossier, _("Het concept-PIP is opgesteld."))
        if actie == "bewaren" and concept and versieform.is_valid():
            gegevens = {k: v for k, v in versieform.cleaned_data.items() if k != "gezien_versie"}
            for veld in ("leerroute", "niveau", "zroute_examens"):
                gegevens[veld] = gegevens.get(veld) or ""
            s.bewaar(
                concept,
                gegevens,
                gezien_versie=versieform.cleaned_data["gezien_versie"],
                actor=request.user,
            )
            return _klaar(request, dossier, _("Het concept is opgeslagen."))
        if actie in ("aanbieden", "goedkeuren", "vaststellen") and concept:
            token = _token(request)
            if token is None:
                raise s.PipFout(_("Het formulier is onvolledig; laad de pagina opnieuw."))
            if actie == "aanbieden":
                s.bied_aan(concept, gezien_versie=token, actor=request.user)
                return _klaar(request, dossier, _("Het PIP is ter goedkeuring aangeboden."))
            if actie == "goedkeuren":
                s.keur_goed(concept, gezien_versie=token, actor=request.user)
                return _klaar(request, dossier, _("Het PIP is goedgekeurd."))
            uitkomst = s.stel_vast(concept, gezien_versie=token, actor=request.user)
            messages.success(request, _("Het PIP is vastgesteld."))
            if uitkomst.leverfout:
                messages.error(request, uitkomst.leverfout)
            return redirect("pip:pip", uuid=dossier.uuid)
        if actie == "nieuwe_versie" and nieuwe.is_valid():
            s.nieuwe_versie(
                dossier,
                reden=nieuwe.cleaned_data["reden"],
                actor=request.user,
                leerroute=nieuwe.cleaned_data["leerroute"],
                feiten=nieuwe.feiten(),
            )
            return _klaar(request, dossier, _("Er is een nieuwe conceptversie opgesteld."))
        if actie == "bezwaar" and bezwaarform.is_valid():
            versie = s.vastgestelde_versie(pip)
            if versie is None:
                raise s.PipFout(_("Bezwaar kan alleen tegen een vastgesteld PIP."))
            s.registreer_bezwaar(versie, actor=request.user, **bezwaarform.cleaned_data)
            return _klaar(request, dossier, _("Het bezwaar is geregistreerd."))
        if actie == "beslissing" and doel.isdigit():
            bezwaar = get_object_or_404(Bezwaar, pk=int(doel), versie__pip=pip)
            form = beslisforms[bezwaar.pk] = f.BeslissingForm(data, prefix=f"b{bezwaar.pk}")
            if form.is_valid():
                s.beslis_bezwaar(bezwaar, actor=request.user, **form.cleaned_data)
                return _klaar(request, dossier, _("De beslissing op het bezwaar is vastgelegd."))
        if actie == "gesprek" and doel.isdigit():
            gesprek = get_object_or_404(Voortgangsgesprek, pk=int(doel), pip=pip)
            form = gesprekforms[gesprek.pk] = f.GesprekForm(data, prefix=f"g{gesprek.pk}")
            if form.is_valid():
                s.leg_gesprek_vast(gesprek, actor=request.user, **form.cleaned_data)
                return _klaar(request, dossier, _("Het voortgangsgesprek is vastgelegd."))
    except s.Wijzigingsconflict as exc:
        conflict = str(exc)
        concept = s.concept_van(pip)
        versieform = f.PipVersieForm(instance=concept, map_nodig=map_nodig)
    except s.PipFout as exc:
        fout = str(exc)
    log_inzage(request.user, [dossier.pk], "pip")
    if request.method == "POST":  # an action that did not redirect may still have changed them
        pip = s.pip_van(dossier)
        concept = s.concept_van(pip)
    vastgesteld = s.vastgestelde_versie(pip)
    toestand = s.toestand_van(dossier)
    termijn = deadlines.inburgeringstermijn(toestand)
    bezwaren = list(Bezwaar.objects.filter(versie__pip=pip).select_related("versie")) if pip else []
    gesprekken = list(pip.voortgangsgesprekken.all()) if pip else []
    controle = s.controleer(concept, dossier) if concept else None
    context = {
        "dossier": dossier,
        "tab": "pip",
        "pip": pip,
        "concept": concept,
        "vastgesteld": vastgesteld,
        "versies": list(pip.versies.select_related("opgesteld_door", "goedgekeurd_door"))
        if pip
        else [],
        "versieform": versieform,
        "controle": controle,
        "meldingen": _met_links(controle, dossier),
        "voorvertoning": s.voorvertoning(concept, dossier) if concept else None,
        "deadline": deadlines.pip_deadline(toestand, dossier.regime),
        "oude_wet": bi.oude_wet(dossier),
        "termijn": termijn,
        "map": s.map_verplicht(concept) if concept else None,
        "vier_ogen": s.vier_ogen(dossier.gemeente),
        "nieuwe": nieuwe,
        # Shown only with the form for a new version (a fixed PIP and no draft): two queries
        # that every other PIP page would run for nothing.
        "voortgang": s.geregistreerde_voortgang(dossier) if vastgesteld and not concept else None,
        "bezwaarform": bezwaarform,
        "bezwaren": [
            {
                "bezwaar": b,
                "data": s.bezwaardata(b),
                "form": beslisforms.get(b.pk) or f.BeslissingForm(prefix=f"b{b.pk}"),
            }
            for b in bezwaren
        ],
        "gesprekken": [
            {"gesprek": g, "form": gesprekforms.get(g.pk) or f.GesprekForm(prefix=f"g{g.pk}")}
            for g in gesprekken
        ],
        # Shown in the fixed PIP's section only; without the message's JSON bodies.
        "levering": UitgaandBericht.objects.filter(dossier=dossier, soort=UitgaandBericht.Soort.PIP)
        .only("status", "laatste_fout", "bevindingen")
        .order_by("-id")
        .first()
        if vastgesteld
        else None,
        "conflict": conflict,
        "fout": fout,
        "routebesluit": dossier.routebesluiten.first(),
        **_verzending(dossier, vastgesteld),
    }
    status = 200
    if request.method == "POST":
        status = 409 if conflict else 400
    return render(request, "pip/pip.html", context, status=status)


def _verzending(dossier, vastgesteld, form=None) -> dict:
    if vastgesteld is None:
        return {}
    kenmerk = documenten.kenmerk_van(vastgesteld)
    verzonden = brieven.verzending(dossier, kenmerk)
    return {
        "beschikking_kenmerk": kenmerk,
        "beschikking_verzonden": verzonden,
        "beschikking_kanaal": brieven.kanaal_label(verzonden),
        "verzendform": form or VerzondenForm(auto_id="verzonden_%s"),
    }


@login_required
@require_http_methods(["POST"])
def beschikking_verzonden_view(request: HttpRequest, uuid, nummer: int) -> HttpResponse:
    """Mark the beschikking of a vastgestelde version as sent (channel, date)."""
    versie = _versie(request, uuid, nummer)
    form = VerzondenForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for fouten in form.errors.values() for e in fouten))
    else:
        try:
            documenten.markeer_verzonden(versie, actor=request.user, **form.cleaned_data)
        except brieven.Brieffout as fout:
            messages.error(request, str(fout))
        else:
            messages.success(request, _("De beschikking is als verzonden gemarkeerd."))
    return redirect("pip:pip", uuid=versie.pip.dossier.uuid)


def _klaar(request, dossier, melding: str) -> HttpResponse:
    messages.success(request, melding)
    return redirect("pip:pip", uuid=dossier.uuid)


def _versie(request, uuid, nummer: int) -> PipVersie:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    versie = (
        PipVersie.objects.filter(pip__dossier=dossier, versienummer=nummer)
        .exclude(status__in=s.CONCEPT_STATUSSEN)
        .select_related("pip__dossier__inburgeraar", "pip__dossier__gemeente")
        .first()
    )
    if versie is None or versie.status == Status.INGETROKKEN:
        raise Http404(_("Deze versie van het PIP is niet vastgesteld."))
    log_inzage(request.user, [dossier.pk], "pip_document")
    return versie


def _pdf(inhoud: bytes, naam: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'inline; filename="{naam}"'
    return antwoord


@login_required
def beschikking_view(request: HttpRequest, uuid, nummer: int) -> HttpResponse:
    versie = _versie(request, uuid, nummer)
    return _pdf(documenten.beschikking_pdf(versie), f"beschikking-pip-versie-{nummer}.pdf")


@login_required
def samenvatting_view(request: HttpRequest, uuid, nummer: int) -> HttpResponse:
    versie = _versie(request, uuid, nummer)
    context = documenten.context(versie) | {"tab": "pip"}
    return render(request, "pip/samenvatting.html", context)


@login_required
def samenvatting_pdf_view(request: HttpRequest, uuid, nummer: int) -> HttpResponse:
    versie = _versie(request, uuid, nummer)
    return _pdf(documenten.samenvatting_pdf(versie), f"samenvatting-pip-versie-{nummer}.pdf")
