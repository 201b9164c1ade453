"""Login, the second factor (code and enrolment), password change, logout and the privacy
officer's search in the access log."""

from __future__ import annotations

import base64
import datetime as dt
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from inburgering.bsn import maskeer
from inburgering.ui import Modelkeuze, NLDesignFormMixin

from . import oidc
from .beveiliging import SESSIE_HEEFT_APPARAAT, zonder_tweede_factor
from .forms import BsnForm
from .models import Exportlog, Gebruiker, Inzagelog, Rol
from .toegang import gemeente_ids, mag_inzagelog_zien


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return startpagina(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, oidc_ingeschakeld=oidc.ingeschakeld())


#: Where each role starts after logging in (and at "/"): the page its work begins on. Roles
#: without dossiers would otherwise land on the caseload's "Geen toegang".
STARTPAGINA = {
    Rol.CONSULENT: "dossiers:caseload",
    Rol.TEAMLEIDER: "dossiers:caseload",
    Rol.KWALITEIT: "monitoring:dashboard",
    Rol.PRIVACY: "accounts:inzagelog",
    Rol.BEHEERDER: "koppelingen:berichten",
    Rol.PARTNER: "partners:start",
}


def startpagina(user) -> str:
    return reverse(STARTPAGINA.get(getattr(user, "rol", ""), "dossiers:caseload"))


def startpagina_view(request: HttpRequest) -> HttpResponse:
    return redirect(startpagina(request.user))


@login_not_required
def beheer_login_view(request: HttpRequest) -> HttpResponse:
    """The admin's login URL hands over to the application's login page (throttling, second
    factor): there is one way in."""
    volgende = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    return redirect_to_login(volgende, reverse("accounts:login"), REDIRECT_FIELD_NAME)


class WachtwoordWijzigenForm(NLDesignFormMixin, auth_forms.PasswordChangeForm):
    pass


class WachtwoordWijzigenView(auth_views.PasswordChangeView):
    template_name = "accounts/wachtwoord_wijzigen.html"
    form_class = WachtwoordWijzigenForm
    success_url = reverse_lazy("accounts:wachtwoord_gewijzigd")


class WachtwoordGewijzigdView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/wachtwoord_gewijzigd.html"


class CodeForm(NLDesignFormMixin, forms.Form):
    code = forms.RegexField(
        label=_("Code uit de authenticator-app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={
            "required": _("Vul de code van 6 cijfers in."),
            "invalid": _("De code bestaat uit 6 cijfers."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


def _volgende(request: HttpRequest) -> str:
    """The page asked for before the second factor, when it is on this site."""
    volgende = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return startpagina(request.user)


def _controleer_code(request: HttpRequest, apparaat: TOTPDevice, form: CodeForm) -> bool:
    """Check the code with django-otp's TOTP device, throttling included (each wrong code
    doubles the wait before the next attempt is even looked at)."""
    if not form.is_valid():
        return False
    toegestaan, _gegevens = apparaat.verify_is_allowed()
    if not toegestaan:
        form.add_error(
            "code",
            _("Te veel onjuiste codes na elkaar. Wacht even en probeer het dan opnieuw."),
        )
        return False
    if not apparaat.verify_token(form.cleaned_data["code"].strip()):
        form.add_error("code", _("De code is onjuist of verlopen. Probeer de nieuwe code."))
        return False
    return True


@zonder_tweede_factor
def otp_code_view(request: HttpRequest) -> HttpResponse:
    """Step 2 of the login: the 6-digit code from the user's authenticator app."""
    if request.user.is_verified():
        return redirect(_volgende(request))
    apparaat = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if apparaat is None:  # removed by the beheerder (lost phone): enrol again when required
        request.session[SESSIE_HEEFT_APPARAAT] = False
        return redirect(_volgende(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and _controleer_code(request, apparaat, form):
        otp_login(request, apparaat)
        return redirect(_volgende(request))
    return render(request, "accounts/otp_code.html", {"form": form, "next": _volgende(request)})


def _geheim_in_groepen(apparaat: TOTPDevice) -> str:
    geheim = base64.b32encode(apparaat.bin_key).decode()
    return " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4))


def _qr_svg(apparaat: TOTPDevice) -> str:
    """The provisioning URL as an inline SVG QR code, drawn here (no external service)."""
    qr = segno.make(apparaat.config_url, error="m")
    svg = qr.svg_inline(scale=5, border=4, light="#fff", svgclass="app-qr", title=str(_("QR-code")))
    return mark_safe(svg)  # noqa: S308 (segno's own markup; the only input is the secret)


@zonder_tweede_factor
def otp_inschrijven_view(request: HttpRequest) -> HttpResponse:
    """Enrolment: a new secret as QR code and as text; a first correct code confirms it."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        request.session[SESSIE_HEEFT_APPARAAT] = True
        return redirect_naar_code(request)
    apparaat = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(
            user=request.user, name=str(_("Authenticator-app")), confirmed=False
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and _controleer_code(request, apparaat, form):
        apparaat.confirmed = True
        apparaat.save(update_fields=["confirmed"])
        otp_login(request, apparaat)
        request.session[SESSIE_HEEFT_APPARAAT] = True
        messages.success(request, _("Tweestapsverificatie is ingesteld."))
        return redirect(_volgende(request))
    return render(
        request,
        "accounts/otp_inschrijven.html",
        {
            "form": form,
            "next": _volgende(request),
            "qr_svg": _qr_svg(apparaat),
            "geheim": _geheim_in_groepen(apparaat),
        },
    )


def redirect_naar_code(request: HttpRequest) -> HttpResponse:
    url = reverse("accounts:otp_code")
    volgende = request.GET.get(REDIRECT_FIELD_NAME)
    return redirect(f"{url}?{urlencode({REDIRECT_FIELD_NAME: volgende})}" if volgende else url)


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
    persoon_form = BsnForm(label=_("Persoon (BSN)"))
    if request.method == "POST":
        terug = f"{reverse('accounts:inzagelog')}?{request.GET.urlencode()}"
        if "wis_persoon" in request.POST:
            request.session.pop(LOG_BSN_SESSIE, None)
            return redirect(terug)
        persoon_form = BsnForm(request.POST, label=_("Persoon (BSN)"))
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
        status=400 if persoon_form.errors or (form.is_bound and form.errors) else 200,
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
