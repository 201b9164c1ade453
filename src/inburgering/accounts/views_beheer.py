"""The functioneel beheerder's management pages: users (local accounts and those from the
identity provider), teams, the gemeenten's local policy, and the audit trail of every change.
Only for the role beheerder (403 for others), only within the beheerder's gemeenten (404
outside). The rules are in `accounts.services`; every change is in the trail."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import services
from .forms_beheer import (
    ConfiguratieForm,
    GebruikerForm,
    GebruikerNieuwForm,
    GemeenteForm,
    GemeenteNieuwForm,
    SamenwerkingsverbandForm,
    TeamForm,
)
from .models import GemeenteConfiguratie, Rol


def _alleen_beheerder(request: HttpRequest) -> None:
    if not (request.user.is_active and request.user.rol == Rol.BEHEERDER):
        raise PermissionDenied


@require_GET
def gebruikers_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request)
    return render(
        request,
        "accounts/beheer/gebruikers.html",
        {"gebruikers": services.gebruikers_voor(request.user)},
    )


def gebruiker_nieuw_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request)
    form = GebruikerNieuwForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            gebruiker = services.maak_gebruiker(
                request.user,
                username=d["username"],
                wachtwoord=d["wachtwoord1"],
                rol=d["rol"],
                gemeenten=d["gemeenten"],
                team=d["team"],
                first_name=d["first_name"],
                last_name=d["last_name"],
                email=d["email"],
            )
        except services.Beheerfout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(
                request,
                _("Medewerker %(naam)s is aangemaakt.") % {"naam": gebruiker.weergavenaam},
            )
            return redirect("instellingen:gebruikers")
    return render(request, "accounts/beheer/gebruiker_nieuw.html", {"form": form})


def gebruiker_view(request: HttpRequest, gebruiker_id: int) -> HttpResponse:
    _alleen_beheerder(request)
    gebruiker = get_object_or_404(services.gebruikers_voor(request.user), pk=gebruiker_id)
    eigen = services.gemeenten_van_beheerder(request.user)
    begin = {
        "rol": gebruiker.rol,
        "gemeenten": [g for g in gebruiker.gemeenten.all() if g in eigen],
        "team": gebruiker.team,
        "is_active": gebruiker.is_active,
    }
    form = GebruikerForm(
        request.POST or None, initial=begin, user=request.user, gebruiker=gebruiker
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.wijzig_gebruiker(
                request.user,
                gebruiker,
                rol=d["rol"],
                gemeenten=d["gemeenten"],
                team=d["team"],
                is_active=d["is_active"],
            )
        except services.Beheerfout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect("instellingen:gebruiker", gebruiker_id=gebruiker.pk)
    andere = [g for g in gebruiker.gemeenten.all() if g not in eigen]
    return render(
        request,
        "accounts/beheer/gebruiker.html",
        {"form": form, "medewerker": gebruiker, "andere_gemeenten": andere},
    )


def teams_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request)
    form = TeamForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.bewaar_team(request.user, None, **form.cleaned_data)
        except services.Beheerfout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("Team %(naam)s is aangemaakt.") % {"naam": team.naam})
            return redirect("instellingen:teams")
    return render(
        request,
        "accounts/beheer/teams.html",
        {"form": form, "teams": services.teams_voor(request.user).order_by("gemeente", "naam")},
    )


def team_view(request: HttpRequest, team_id: int) -> HttpResponse:
    _alleen_beheerder(request)
    team = get_object_or_404(services.teams_voor(request.user), pk=team_id)
    form = TeamForm(
        request.POST or None,
        initial={"gemeente": team.gemeente, "naam": team.naam},
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bewaar_team(request.user, team, **form.cleaned_data)
        except services.Beheerfout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect("instellingen:teams")
    return render(request, "accounts/beheer/team.html", {"form": form, "team": team})


@require_GET
def gemeenten_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request)
    gemeenten = list(
        services.gemeenten_van_beheerder(request.user)
        .prefetch_related("samenwerkingsverbanden")
        .order_by("naam")
    )
    configuraties = {
        c.gemeente_id: c for c in GemeenteConfiguratie.objects.filter(gemeente__in=gemeenten)
    }
    rijen = [(g, configuraties.get(g.pk) or GemeenteConfiguratie(gemeente=g)) for g in gemeenten]
    return render(
        request,
        "accounts/beheer/gemeenten.html",
        {"rijen": rijen, "mag_toevoegen": services.mag_gemeente_toevoegen(request.user)},
    )


def gemeente_nieuw_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request)
    if not services.mag_gemeente_toevoegen(request.user):
        raise PermissionDenied
    form = GemeenteNieuwForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gemeente = services.maak_gemeente(request.user, **form.cleaned_data)
        except services.Beheerfout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(
                request,
                _("Gemeente %(naam)s is toegevoegd. Stel nu haar beleid in.")
                % {"naam": gemeente.naam},
            )
            return redirect("instellingen:gemeente", cbs_code=gemeente.cbs_code)
    return render(request, "accounts/beheer/gemeente_nieuw.html", {"form": form})


def _eigen_gemeente(request: HttpRequest, cbs_code: str):
    gemeente = services.gemeenten_van_beheerder(request.user).filter(cbs_code=cbs_code).first()
    if gemeente is None:
        raise Http404
    return gemeente


def gemeente_gegevens_view(request: HttpRequest, cbs_code: str) -> HttpResponse:
    _alleen_beheerder(request)
    gemeente = _eigen_gemeente(request, cbs_code)
    begin = {
        "naam": gemeente.naam,
        "oin": gemeente.oin,
        "samenwerkingsverbanden": list(gemeente.samenwerkingsverbanden.all()),
    }
    form = GemeenteForm(request.POST or None, initial=begin)
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_gemeente(request.user, gemeente, **form.cleaned_data)
        except services.Beheerfout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect("instellingen:gemeenten")
    return render(
        request, "accounts/beheer/gemeente_gegevens.html", {"form": form, "gemeente": gemeente}
    )


def gemeente_view(request: HttpRequest, cbs_code: str) -> HttpResponse:
    _alleen_beheerder(request)
    gemeente = _eigen_gemeente(request, cbs_code)
    configuratie = GemeenteConfiguratie.objects.filter(
        gemeente=gemeente
    ).first() or GemeenteConfiguratie(gemeente=gemeente)
    form = ConfiguratieForm(request.POST or None, instance=configuratie)
    if request.method == "POST" and form.is_valid():
        services.wijzig_configuratie(request.user, gemeente, form.cleaned_data)
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect("instellingen:gemeenten")
    return render(request, "accounts/beheer/gemeente.html", {"form": form, "gemeente": gemeente})


@require_GET
def samenwerkingsverbanden_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request)
    return render(
        request,
        "accounts/beheer/samenwerkingsverbanden.html",
        {
            "verbanden": services.samenwerkingsverbanden_voor(request.user),
            "mag_beheren": services.mag_samenwerkingsverband_beheren(request.user),
        },
    )


def samenwerkingsverband_view(request: HttpRequest, verband_id: int | None = None) -> HttpResponse:
    """Create (no id) or change a regional service; only the installation's beheerder."""
    _alleen_beheerder(request)
    verband = None
    if verband_id is not None:
        verband = get_object_or_404(
            services.samenwerkingsverbanden_voor(request.user), pk=verband_id
        )
    if not services.mag_samenwerkingsverband_beheren(request.user):
        raise PermissionDenied
    eigen = services.gemeenten_van_beheerder(request.user).order_by("naam")
    begin = None
    if verband is not None:
        begin = {
            "naam": verband.naam,
            "oin": verband.oin,
            "gemeenten": verband.gemeenten.filter(pk__in=eigen),
        }
    form = SamenwerkingsverbandForm(request.POST or None, initial=begin, gemeenten=eigen)
    if request.method == "POST" and form.is_valid():
        try:
            verband = services.bewaar_samenwerkingsverband(
                request.user, verband, **form.cleaned_data
            )
        except services.Beheerfout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(
                request, _("Regionale dienst %(naam)s is opgeslagen.") % {"naam": verband.naam}
            )
            return redirect("instellingen:samenwerkingsverbanden")
    buiten = verband.gemeenten.exclude(pk__in=eigen) if verband is not None else []
    return render(
        request,
        "accounts/beheer/samenwerkingsverband.html",
        {"form": form, "verband": verband, "andere_gemeenten": buiten},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def wijzigingen_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request)
    pagina = Paginator(services.wijzigingen_voor(request.user), 50).get_page(
        request.GET.get("pagina")
    )
    return render(request, "accounts/beheer/wijzigingen.html", {"pagina": pagina})
