"""The functioneel beheerder's letterhead page per gemeente: edit, preview, change history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inburgering.accounts.models import Gemeente, Rol
from inburgering.accounts.toegang import gemeente_ids

from . import services
from .forms import BriefhoofdForm, ContactgegevensForm
from .models import VELDEN, Briefhoofd, BriefhoofdWijziging


def _alleen_beheerder(user) -> None:
    if not (user.is_active and user.rol == Rol.BEHEERDER):
        raise PermissionDenied(_("Alleen een functioneel beheerder beheert het briefhoofd."))


@login_required
@require_GET
def briefhoofden_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request.user)
    gemeenten = Gemeente.objects.filter(pk__in=gemeente_ids(request.user)).order_by("naam")
    if len(gemeenten) == 1:
        return redirect("brieven:briefhoofd", gemeente=gemeenten[0].pk)
    return render(request, "brieven/briefhoofden.html", {"gemeenten": gemeenten})


@login_required
@require_http_methods(["GET", "POST"])
def briefhoofd_view(request: HttpRequest, gemeente: int) -> HttpResponse:
    _alleen_beheerder(request.user)
    if gemeente not in gemeente_ids(request.user):
        raise Http404(_("Gemeente niet gevonden."))
    gemeente_ = Gemeente.objects.get(pk=gemeente)
    hoofd = services.briefhoofd(gemeente_)
    actie = request.POST.get("actie", "")
    form = BriefhoofdForm(request.POST or None, instance=hoofd)
    voorbeeld = None
    if request.method == "POST" and form.is_valid():
        # The form's values on an unsaved copy: the preview shows them before saving.
        concept = Briefhoofd(gemeente=gemeente_, **{v: form.cleaned_data[v] for v in VELDEN})
        if actie == "pdf":
            antwoord = HttpResponse(
                services.pdf(services.voorbeeld(concept, request.user)),
                content_type="application/pdf",
            )
            antwoord["Content-Disposition"] = 'inline; filename="voorbeeldbrief.pdf"'
            return antwoord
        if actie == "bewaren":
            services.bewaar_briefhoofd(gemeente_, form.cleaned_data, door=request.user)
            messages.success(request, _("Het briefhoofd is opgeslagen."))
            return redirect("brieven:briefhoofd", gemeente=gemeente_.pk)
        voorbeeld = {
            "hoofd": concept,
            "afzender": services.afzender_uit(concept, request.user),
            "kenmerk": services.kenmerk(gemeente_, "BR", 0),
        }
    wijzigingen = [
        {
            "wijziging": w,
            "velden": [
                (Briefhoofd._meta.get_field(v).verbose_name, w.oud.get(v, ""), w.nieuw.get(v, ""))
                for v in VELDEN
                if v in w.nieuw or v in w.oud
            ],
        }
        for w in BriefhoofdWijziging.objects.filter(gemeente=gemeente_).select_related("door")[:20]
    ]
    return render(
        request,
        "brieven/briefhoofd.html",
        {
            "gemeente": gemeente_,
            "form": form,
            "voorbeeld": voorbeeld,
            "wijzigingen": wijzigingen,
        },
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contactgegevens_view(request: HttpRequest) -> HttpResponse:
    """Every user edits their own phone number and e-mail address (shown in letters)."""
    form = ContactgegevensForm(
        request.POST or None,
        initial={"telefoon": services.telefoon_van(request.user), "email": request.user.email},
    )
    if request.method == "POST" and form.is_valid():
        services.bewaar_contactgegevens(request.user, **form.cleaned_data)
        messages.success(request, _("Uw contactgegevens zijn opgeslagen."))
        return redirect("brieven:contactgegevens")
    return render(
        request,
        "brieven/contactgegevens.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
