"""Beheer pages of the learning route, for the functioneel beheerder: providers with their
locations, products and hours-file layouts (shared by the gemeenten of the installation), the
contracts of the beheerder's own gemeenten (another gemeente's contract answers 404) and the
attendance norm per gemeente."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inburgering.accounts.models import Rol
from inburgering.accounts.toegang import gemeenten_voor

from . import forms as f
from . import services as s
from .models import Aanbieder, Bestandsindeling, Contract, Instelling, Locatie, Product


def vereis_beheerder(user) -> None:
    if not (user.is_active and user.rol == Rol.BEHEERDER):
        raise PermissionDenied(
            _("Alleen de functioneel beheerder beheert aanbieders en contracten.")
        )


def _bewaar(request, form) -> bool:
    """Save a valid model form through the services; a constraint that fails at the last moment
    becomes a form error, nothing half saved."""
    if not form.is_valid():
        return False
    try:
        s.bewaar(form.save(commit=False))
    except ValidationError as exc:
        for veld, fouten in exc.message_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
        return False
    except IntegrityError:
        form.add_error(None, _("Dit conflicteert met een bestaande registratie; niets opgeslagen."))
        return False
    return True


@login_required
@require_GET
def aanbieders_view(request: HttpRequest) -> HttpResponse:
    vereis_beheerder(request.user)
    aanbieders = Aanbieder.objects.prefetch_related("producten")
    return render(request, "traject/aanbieders.html", {"aanbieders": aanbieders})


@login_required
@require_http_methods(["GET", "POST"])
def aanbieder_nieuw_view(request: HttpRequest) -> HttpResponse:
    vereis_beheerder(request.user)
    form = f.AanbiederForm(request.POST or None)
    if request.method == "POST" and _bewaar(request, form):
        messages.success(request, _("De aanbieder is toegevoegd."))
        return redirect("traject:aanbieder", pk=form.instance.pk)
    return render(request, "traject/aanbieder_nieuw.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def aanbieder_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The provider with its locations, products and file layouts; each form has its `actie`."""
    vereis_beheerder(request.user)
    aanbieder = Aanbieder.objects.filter(pk=pk).first()
    if aanbieder is None:
        raise Http404(_("Aanbieder niet gevonden."))
    actie = request.POST.get("actie", "") if request.method == "POST" else ""
    data = request.POST if actie else None
    formulieren = {
        "aanbieder": f.AanbiederForm(data if actie == "aanbieder" else None, instance=aanbieder),
        "locatie": f.LocatieForm(
            data if actie == "locatie" else None,
            instance=Locatie(aanbieder=aanbieder),
            prefix="locatie",
        ),
        "product": f.ProductForm(
            data if actie == "product" else None,
            instance=Product(aanbieder=aanbieder),
            aanbieder=aanbieder,
            prefix="product",
        ),
        "indeling": f.BestandsindelingForm(
            data if actie == "indeling" else None,
            instance=Bestandsindeling(aanbieder=aanbieder),
            prefix="indeling",
        ),
    }
    meldingen = {
        "aanbieder": _("De aanbieder is opgeslagen."),
        "locatie": _("De locatie is toegevoegd."),
        "product": _("Het product is toegevoegd."),
        "indeling": _("De bestandsindeling is toegevoegd."),
    }
    if actie in formulieren and _bewaar(request, formulieren[actie]):
        messages.success(request, meldingen[actie])
        return redirect("traject:aanbieder", pk=aanbieder.pk)
    return render(
        request,
        "traject/aanbieder.html",
        {
            "aanbieder": aanbieder,
            "formulieren": formulieren,
            "locaties": aanbieder.locaties.all(),
            "producten": aanbieder.producten.select_related("locatie"),
            "indelingen": aanbieder.indelingen.all(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_view(request: HttpRequest, pk: int) -> HttpResponse:
    vereis_beheerder(request.user)
    product = Product.objects.select_related("aanbieder").filter(pk=pk).first()
    if product is None:
        raise Http404(_("Product niet gevonden."))
    form = f.ProductForm(request.POST or None, instance=product, aanbieder=product.aanbieder)
    if request.method == "POST" and _bewaar(request, form):
        messages.success(request, _("Het product is opgeslagen."))
        return redirect("traject:aanbieder", pk=product.aanbieder_id)
    return render(
        request,
        "traject/bewerk.html",
        {
            "form": form,
            "titel": _("Product bewerken"),
            "object": product,
            "terug": ("traject:aanbieder", product.aanbieder_id),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def locatie_view(request: HttpRequest, pk: int) -> HttpResponse:
    vereis_beheerder(request.user)
    locatie = Locatie.objects.select_related("aanbieder").filter(pk=pk).first()
    if locatie is None:
        raise Http404(_("Locatie niet gevonden."))
    form = f.LocatieForm(request.POST or None, instance=locatie)
    if request.method == "POST" and _bewaar(request, form):
        messages.success(request, _("De locatie is opgeslagen."))
        return redirect("traject:aanbieder", pk=locatie.aanbieder_id)
    return render(
        request,
        "traject/bewerk.html",
        {
            "form": form,
            "titel": _("Locatie bewerken"),
            "object": locatie,
            "terug": ("traject:aanbieder", locatie.aanbieder_id),
        },
    )


@login_required
@require_GET
def contracten_view(request: HttpRequest) -> HttpResponse:
    vereis_beheerder(request.user)
    contracten = s.contracten_van(gemeenten_voor(request.user))
    return render(request, "traject/contracten.html", {"contracten": contracten})


def _contract_form(request, instance=None):
    return f.ContractForm(
        request.POST or None, instance=instance, gemeenten=gemeenten_voor(request.user)
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_nieuw_view(request: HttpRequest) -> HttpResponse:
    vereis_beheerder(request.user)
    form = _contract_form(request)
    if request.method == "POST" and _bewaar(request, form):
        messages.success(request, _("Het contract is toegevoegd."))
        return redirect("traject:contracten")
    return render(
        request,
        "traject/bewerk.html",
        {
            "form": form,
            "titel": _("Nieuw contract"),
            "terug": ("traject:contracten", None),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_view(request: HttpRequest, pk: int) -> HttpResponse:
    vereis_beheerder(request.user)
    contract = Contract.objects.filter(pk=pk, gemeente__in=gemeenten_voor(request.user)).first()
    if contract is None:
        raise Http404(_("Contract niet gevonden."))
    form = _contract_form(request, contract)
    if request.method == "POST" and _bewaar(request, form):
        messages.success(request, _("Het contract is opgeslagen."))
        return redirect("traject:contracten")
    return render(
        request,
        "traject/bewerk.html",
        {
            "form": form,
            "titel": _("Contract bewerken"),
            "object": contract,
            "terug": ("traject:contracten", None),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def instellingen_view(request: HttpRequest) -> HttpResponse:
    vereis_beheerder(request.user)
    gemeenten = gemeenten_voor(request.user)
    form = f.InstellingForm(request.POST or None, gemeenten=gemeenten)
    if request.method == "POST" and form.is_valid():
        s.zet_aanwezigheidsnorm(
            form.cleaned_data["gemeente"], form.cleaned_data["aanwezigheidsnorm"]
        )
        messages.success(request, _("De aanwezigheidsnorm is opgeslagen."))
        return redirect("traject:instellingen")
    normen = {
        i.gemeente_id: i.aanwezigheidsnorm
        for i in Instelling.objects.filter(gemeente__in=gemeenten)
    }
    rijen = [(g, normen.get(g.pk, 80)) for g in gemeenten]
    return render(request, "traject/instellingen.html", {"form": form, "rijen": rijen})
