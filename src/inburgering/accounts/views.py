"""Login, logout and the privacy officer's search in the access log."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from inburgering.dossiers.bsn import maskeer, valideer_bsn
from inburgering.ui import Modelkeuze, NLDesignFormMixin

from .models import Exportlog, Gebruiker, Inzagelog
from .toegang import gemeente_ids, mag_inzagelog_zien


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class InzagelogZoekForm(NLDesignFormMixin, forms.Form):
    gebruiker = Modelkeuze(label=_("Medewerker"), queryset=Gebruiker.objects.none(), required=False)
    dossier = forms.UUIDField(
        label=_("Dossiernummer"),
        required=False,
        error_messages={"invalid": _("Vul een volledig dossiernummer in.")},
    )
    doel = forms.CharField(label=_("Pagina / doel"), required=False, max_length=60)
    van = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, gebruikers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebruiker"].queryset = (
            gebruikers if gebruikers is not None else (Gebruiker.objects.none())
        )

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data


class PersoonZoekForm(NLDesignFormMixin, forms.Form):
    bsn = forms.CharField(
        label=_("Persoon (BSN)"),
        max_length=20,
        validators=[valideer_bsn],
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_bsn(self):
        return self.cleaned_data["bsn"].replace(" ", "").replace(".", "")


#: The person filter of the access log: a BSN, so posted and kept here, never in the URL.
LOG_BSN_SESSIE = "inzagelog_bsn"
PER_PAGINA = 100
EXPORTS_PER_PAGINA = 25


def _gebruikers_in_scope(user) -> QuerySet[Gebruiker]:
    """Staff of the privacy officer's gemeenten: whose views and exports it may review."""
    werkzaam = Gebruiker.gemeenten.through.objects.filter(gemeente_id__in=gemeente_ids(user))
    return Gebruiker.objects.filter(pk__in=werkzaam.values("gebruiker_id")).order_by("username")


@login_required
@require_http_methods(["GET", "POST"])
def inzagelog_view(request: HttpRequest) -> HttpResponse:
    """The privacy officer's search. Scope: log rows of dossiers in its own gemeenten, and
    exports by staff of those gemeenten. A page view of many dossiers (one request id) is one
    entry with its count, unless the search is for one person or one dossier: then each row."""
    if not mag_inzagelog_zien(request.user):
        raise PermissionDenied(_("Alleen de privacyfunctionaris kan het inzagelog doorzoeken."))
    persoon_form = PersoonZoekForm()
    if request.method == "POST":
        terug = f"{reverse('accounts:inzagelog')}?{request.GET.urlencode()}"
        if "wis_persoon" in request.POST:
            request.session.pop(LOG_BSN_SESSIE, None)
            return redirect(terug)
        persoon_form = PersoonZoekForm(request.POST)
        if persoon_form.is_valid():
            request.session[LOG_BSN_SESSIE] = persoon_form.cleaned_data["bsn"]
            return redirect(terug)
    bsn = request.session.get(LOG_BSN_SESSIE, "")
    gebruikers = _gebruikers_in_scope(request.user)
    form = InzagelogZoekForm(request.GET or None, gebruikers=gebruikers)
    regels = Inzagelog.objects.filter(dossier__gemeente_id__in=gemeente_ids(request.user))
    exports = Exportlog.objects.filter(gebruiker__in=gebruikers).select_related("gebruiker")
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and form.errors:
        regels, exports = regels.none(), exports.none()
    if data.get("gebruiker"):
        regels = regels.filter(gebruiker=data["gebruiker"])
        exports = exports.filter(gebruiker=data["gebruiker"])
    if data.get("dossier"):
        regels = regels.filter(dossier__uuid=data["dossier"])
    if data.get("doel"):
        regels = regels.filter(doel=data["doel"])
        exports = exports.filter(soort=data["doel"])
    if data.get("van"):
        regels = regels.filter(tijdstip__date__gte=data["van"])
        exports = exports.filter(tijdstip__date__gte=data["van"])
    if data.get("tot"):
        grens = data["tot"] + dt.timedelta(days=1)
        regels = regels.filter(tijdstip__date__lt=grens)
        exports = exports.filter(tijdstip__date__lt=grens)
    if bsn:
        regels = regels.filter(dossier__inburgeraar__bsn=bsn)
    if bsn or data.get("dossier"):
        exports = exports.filter(verzoek_id__in=regels.values("verzoek_id"))
    gegroepeerd = not (bsn or data.get("dossier"))
    if gegroepeerd:
        pagina = Paginator(_groepen(regels), PER_PAGINA).get_page(request.GET.get("pagina"))
        _vul_groepen(pagina.object_list, regels)
    else:
        regels = regels.select_related("gebruiker", "dossier__gemeente").order_by(
            "-tijdstip", "-id"
        )
        pagina = Paginator(regels, PER_PAGINA).get_page(request.GET.get("pagina"))
    exportpagina = Paginator(exports.order_by("-tijdstip", "-id"), EXPORTS_PER_PAGINA).get_page(
        request.GET.get("exportpagina")
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    query.pop("exportpagina", None)
    return render(
        request,
        "accounts/inzagelog.html",
        {
            "form": form,
            "persoon_form": persoon_form,
            "persoon": maskeer(bsn) if bsn else "",
            "pagina": pagina,
            "gegroepeerd": gegroepeerd,
            "exportpagina": exportpagina,
            "query": query.urlencode(),
        },
        status=400 if persoon_form.errors else 200,
    )


def _groepen(regels: QuerySet[Inzagelog]):
    """One entry per request: every row of a page view has the same request id, user, purpose
    and time, so grouping on them counts the dossiers of that view."""
    return (
        regels.values("verzoek_id", "gebruiker_id", "doel", "tijdstip")
        .annotate(aantal=Count("id"))
        .order_by("-tijdstip", "verzoek_id")
    )


def _vul_groepen(groepen: list[dict], regels: QuerySet[Inzagelog]) -> None:
    """Add the user and the dossiers (number, gemeente) to the entries of one page."""
    namen = {g.pk: g for g in Gebruiker.objects.filter(pk__in={g["gebruiker_id"] for g in groepen})}
    dossiers: dict = {}
    rijen = regels.filter(verzoek_id__in=[g["verzoek_id"] for g in groepen]).values_list(
        "verzoek_id", "dossier__uuid", "dossier__gemeente__naam"
    )
    for verzoek, uuid, gemeente in rijen.order_by("dossier_id"):
        dossiers.setdefault(verzoek, []).append((uuid, gemeente))
    for groep in groepen:
        groep["gebruiker"] = namen.get(groep["gebruiker_id"])
        groep["dossiers"] = dossiers.get(groep["verzoek_id"], [])
