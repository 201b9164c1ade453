"""The functioneel beheerder's letter texts per gemeente: which letters use their own text,
edit one with a preview, or go back to the built-in text."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from inburgering.accounts.models import Gemeente, Rol
from inburgering.accounts.toegang import gemeente_ids
from inburgering.ui import NLDesignFormMixin

from . import sjablonen
from .models import BriefSjabloon, Briefsoort


class BrieftekstForm(NLDesignFormMixin, forms.Form):
    onderwerp = forms.CharField(
        label=gettext_lazy("Onderwerp"),
        max_length=200,
        error_messages={"required": gettext_lazy("Vul het onderwerp van de brief in.")},
    )
    tekst = forms.CharField(
        label=gettext_lazy("Tekst"),
        widget=forms.Textarea(attrs={"rows": 18}),
        error_messages={"required": gettext_lazy("Vul de tekst van de brief in.")},
        help_text=gettext_lazy("Velden tussen {{ en }} vult de brief zelf in; zie de lijst."),
    )

    def clean_tekst(self) -> str:
        tekst = self.cleaned_data["tekst"]
        try:
            sjablonen.controleer(tekst)
        except ValidationError as fout:
            raise forms.ValidationError(fout.messages) from fout
        return tekst


def _alleen_beheerder(user) -> None:
    if not (user.is_active and user.rol == Rol.BEHEERDER):
        raise PermissionDenied(_("Alleen een functioneel beheerder beheert de briefteksten."))


@login_required
@require_GET
def overzicht_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request.user)
    gemeenten = list(Gemeente.objects.filter(pk__in=gemeente_ids(request.user)).order_by("naam"))
    eigen = set(
        BriefSjabloon.objects.filter(gemeente__in=gemeenten).values_list("gemeente_id", "soort")
    )
    rijen = [
        (g, [(soort, (g.pk, soort.value) in eigen) for soort in Briefsoort]) for g in gemeenten
    ]
    return render(request, "intake/briefteksten.html", {"rijen": rijen})


@login_required
@require_http_methods(["GET", "POST"])
def brieftekst_view(request: HttpRequest, gemeente: int, soort: str) -> HttpResponse:
    _alleen_beheerder(request.user)
    if gemeente not in gemeente_ids(request.user) or soort not in Briefsoort.values:
        raise Http404(_("Brief niet gevonden."))
    gemeente_ = Gemeente.objects.get(pk=gemeente)
    onderwerp, tekst, eigen = sjablonen.tekst_van(gemeente_, soort)
    actie = request.POST.get("actie", "")
    if actie == "standaard":
        if sjablonen.herstel_standaard(gemeente_, soort, door=request.user):
            messages.success(request, _("De brief gebruikt weer de standaardtekst."))
        return redirect("intake:brieftekst", gemeente=gemeente, soort=soort)
    form = BrieftekstForm(request.POST or None, initial={"onderwerp": onderwerp, "tekst": tekst})
    voorbeeld = None
    if request.method == "POST" and form.is_valid():
        if actie == "bewaren":
            sjablonen.bewaar(gemeente_, soort, door=request.user, **form.cleaned_data)
            messages.success(request, _("De tekst van de brief is opgeslagen."))
            return redirect("intake:brieftekst", gemeente=gemeente, soort=soort)
        voorbeeld = sjablonen.voorbeeld(
            form.cleaned_data["onderwerp"], form.cleaned_data["tekst"], gemeente_
        )
    return render(
        request,
        "intake/brieftekst.html",
        {
            "gemeente": gemeente_,
            "soort": Briefsoort(soort),
            "form": form,
            "eigen": eigen,
            "voorbeeld": voorbeeld,
            "velden": sjablonen.VELDEN,
        },
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )
