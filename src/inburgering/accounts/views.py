"""Login, logout and the privacy officer's search in the access log."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from inburgering.ui import Modelkeuze, NLDesignFormMixin

from .models import Gebruiker, Inzagelog
from .toegang import gemeente_ids, mag_inzagelog_zien


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class InzagelogZoekForm(NLDesignFormMixin, forms.Form):
    gebruiker = Modelkeuze(
        label=_("Medewerker"), queryset=Gebruiker.objects.order_by("username"), required=False
    )
    dossier = forms.UUIDField(
        label=_("Dossiernummer"),
        required=False,
        error_messages={"invalid": _("Vul een volledig dossiernummer in.")},
    )
    van = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, gemeente_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        # Only colleagues of the officer's own gemeenten: names of another gemeente's staff
        # are not theirs to see either.
        self.fields["gebruiker"].queryset = (
            Gebruiker.objects.filter(gemeenten__in=gemeente_ids).distinct().order_by("username")
        )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data


@login_required
def inzagelog_view(request: HttpRequest) -> HttpResponse:
    if not mag_inzagelog_zien(request.user):
        raise PermissionDenied(_("Alleen de privacyfunctionaris kan het inzagelog doorzoeken."))
    gemeenten = gemeente_ids(request.user)
    form = InzagelogZoekForm(request.GET or None, gemeente_ids=gemeenten)
    # Need-to-know holds for the log too: the officer sees the views of their own gemeenten'
    # dossiers, not those of every gemeente in the installation.
    regels = (
        Inzagelog.objects.filter(dossier__gemeente_id__in=gemeenten)
        .select_related("gebruiker", "dossier__gemeente")
        .order_by("-tijdstip", "-id")
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["gebruiker"]:
            regels = regels.filter(gebruiker=data["gebruiker"])
        if data["dossier"]:
            regels = regels.filter(dossier__uuid=data["dossier"])
        if data["van"]:
            regels = regels.filter(tijdstip__date__gte=data["van"])
        if data["tot"]:
            regels = regels.filter(tijdstip__date__lt=data["tot"] + dt.timedelta(days=1))
    elif form.is_bound:
        regels = regels.none()
    pagina = Paginator(regels, 100).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "accounts/inzagelog.html",
        {"form": form, "pagina": pagina, "query": query.urlencode()},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
