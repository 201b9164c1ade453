"""The inburgeraar's portal (docs/adr/0025). Every page but the start, login and language
choice needs a citizen session (`sessie.burger_vereist`); every page with personal data is in
the access log (`services.log`). No BSN in any URL, page or log line."""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.defaults import page_not_found

from . import oidc, services
from .forms import ContactForm, ErvaringForm, VerzettenForm
from .middleware import VOORVOEGSEL, portaaltaal
from .models import Mijlpaal
from .sessie import burger_van, burger_vereist, kies_kind, meld_aan, te_veel_pogingen

logger = logging.getLogger(__name__)


def _taalcookie(antwoord: HttpResponse, taal: str) -> HttpResponse:
    antwoord.set_cookie(
        settings.PORTAAL_TAAL_COOKIE,
        taal,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return antwoord


def niet_gevonden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 page (`handler404`): under /portaal/ in the portal's layout and the person's
    language, the same for every object that is not theirs; elsewhere Django's own (the staff
    layout's 404.html)."""
    if not request.path_info.startswith(VOORVOEGSEL):
        return page_not_found(request, exception)
    return render(request, "portaal/niet_gevonden.html", status=404)


@login_not_required
@require_http_methods(["GET"])
def start_view(request: HttpRequest) -> HttpResponse:
    if burger_van(request) is not None:
        return HttpResponseRedirect(reverse("portaal:overzicht"))
    return render(request, "portaal/start.html", {"ingeschakeld": oidc.ingeschakeld()})


@login_not_required
@require_http_methods(["GET"])
def inloggen_view(request: HttpRequest) -> HttpResponse:
    if not oidc.ingeschakeld():
        raise Http404
    if te_veel_pogingen(request):
        return render(request, "portaal/te_vaak.html", status=429)
    try:
        return HttpResponseRedirect(oidc.begin(request, portaaltaal(request)))
    except (requests.RequestException, ValueError, KeyError, oidc.Geweigerd) as fout:
        logger.warning("portaal: broker niet bereikbaar: %s", type(fout).__name__)
        return render(request, "portaal/storing.html", status=503)


@login_not_required
@require_http_methods(["GET"])
def terug_view(request: HttpRequest) -> HttpResponse:
    if not oidc.ingeschakeld():
        raise Http404
    if te_veel_pogingen(request):
        return render(request, "portaal/te_vaak.html", status=429)
    try:
        bsn = oidc.afronden(request)
    except oidc.Geweigerd as reden:
        logger.info("portaal: inloggen geweigerd: %s", reden)
        return render(request, "portaal/geweigerd.html", status=403)
    except (requests.RequestException, ValueError, KeyError) as fout:
        logger.warning("portaal: broker niet bereikbaar: %s", type(fout).__name__)
        return render(request, "portaal/storing.html", status=503)
    dossier = services.dossier_bij_bsn(bsn)
    del bsn
    if dossier is None:
        request.session.flush()
        return HttpResponseRedirect(reverse("portaal:geen_dossier"))
    profiel = services.profiel_bij_inloggen(dossier, portaaltaal(request))
    meld_aan(request, dossier, profiel)
    antwoord = HttpResponseRedirect(reverse("portaal:overzicht"))
    return _taalcookie(antwoord, profiel.taal) if profiel.taal else antwoord


@login_not_required
@require_http_methods(["GET"])
def geen_dossier_view(request: HttpRequest) -> HttpResponse:
    return render(request, "portaal/geen_dossier.html")


@login_not_required
@require_POST
def uitloggen_view(request: HttpRequest) -> HttpResponse:
    """Ends every session of this person here, then (through our own page: the CSP's
    form-action allows no redirect of a form to another site) the broker's session too."""
    burger = burger_van(request)
    if burger is not None:
        services.uitloggen_overal(burger)
    request.session.flush()
    doel = reverse("portaal:uitgelogd")
    return HttpResponseRedirect(f"{doel}?broker=1" if oidc.ingeschakeld() else doel)


@login_not_required
@require_http_methods(["GET"])
def uitgelogd_view(request: HttpRequest) -> HttpResponse:
    verder = None
    if request.GET.get("broker") and oidc.ingeschakeld():
        verder = oidc.uitlog_url(request.build_absolute_uri(reverse("portaal:uitgelogd")))
    return render(request, "portaal/uitgelogd.html", {"broker_uitloggen": verder})


@login_not_required
@require_POST
def taal_view(request: HttpRequest) -> HttpResponse:
    taal = request.POST.get("taal", "")
    volgende = request.POST.get("volgende", "")
    if not url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not volgende.startswith("/portaal/"):
        volgende = reverse("portaal:start")
    antwoord = HttpResponseRedirect(volgende)
    if taal in dict(settings.PORTAAL_TALEN):
        services.kies_taal(burger_van(request), taal)
        _taalcookie(antwoord, taal)
    return antwoord


@burger_vereist
@require_http_methods(["GET"])
def overzicht_view(request: HttpRequest) -> HttpResponse:
    burger = request.burger
    dossier = burger.dossier
    afspraken = services.afspraken(dossier)
    plan = services.pip_samenvatting(dossier)
    kinderen = services.kinderen(burger)
    services.log(burger, "overzicht")
    services.log_kinderen(burger, kinderen, "keuze kinderen")
    return render(
        request,
        "portaal/overzicht.html",
        {
            "burger": burger,
            "contact": services.contactpersoon(dossier),
            "contact_veranderd": services.contactpersoon_veranderd(burger),
            "volgende_afspraak": afspraken[0] if afspraken else None,
            "stappen": services.volgende_stappen(dossier, afspraken, plan),
            "ervaring": services.open_ervaring(burger) is not None,
            "kinderen": kinderen,
        },
    )


@burger_vereist
@require_POST
def kind_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A parent switches to a minor child's dossier (ADR 0039); any other id is a 404."""
    kies_kind(request, services.kind_dossier(request.burger, pk))
    return HttpResponseRedirect(reverse("portaal:overzicht"))


@burger_vereist
@require_POST
def eigen_dossier_view(request: HttpRequest) -> HttpResponse:
    kies_kind(request, None)
    return HttpResponseRedirect(reverse("portaal:overzicht"))


def _alleen_eigen(request: HttpRequest) -> HttpResponse | None:
    if request.burger.meelezen:
        messages.info(
            request, _("U kijkt mee in het dossier van uw kind. Hier kunt u niets veranderen.")
        )
        return HttpResponseRedirect(reverse("portaal:overzicht"))
    return None


@burger_vereist
@require_http_methods(["GET"])
def afspraken_view(request: HttpRequest) -> HttpResponse:
    burger = request.burger
    services.log(burger, "afspraken")
    return render(
        request,
        "portaal/afspraken.html",
        {
            "burger": burger,
            "afspraken": services.afspraken(burger.dossier),
            "verzetten_form": VerzettenForm(),
        },
    )


@burger_vereist
@require_POST
def bevestigen_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.bevestig_afspraak(request.burger, pk)
        messages.success(request, _("Dank u wel. Wij weten nu dat u komt."))
    except services.Portaalfout as fout:
        messages.error(request, str(fout))
    return HttpResponseRedirect(reverse("portaal:afspraken"))


@burger_vereist
@require_POST
def verzetten_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = VerzettenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Uw wens is te lang. Gebruik minder dan 300 tekens."))
        return HttpResponseRedirect(reverse("portaal:afspraken"))
    try:
        services.vraag_verzetten(request.burger, pk, form.cleaned_data["wens"])
        messages.success(
            request, _("Uw vraag is verstuurd. Uw contactpersoon neemt contact met u op.")
        )
    except services.Portaalfout as fout:
        messages.error(request, str(fout))
    return HttpResponseRedirect(reverse("portaal:afspraken"))


@burger_vereist
@require_http_methods(["GET"])
def afspraak_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    afspraak = services.eigen_afspraak(request.burger, pk)
    services.log(request.burger, "afspraak in agenda")
    antwoord = HttpResponse(services.ics(afspraak), content_type="text/calendar; charset=utf-8")
    antwoord["Content-Disposition"] = f'attachment; filename="afspraak-{afspraak.pk}.ics"'
    return antwoord


@burger_vereist
@require_http_methods(["GET"])
def plan_view(request: HttpRequest) -> HttpResponse:
    burger = request.burger
    services.log(burger, "plan")
    return render(
        request,
        "portaal/plan.html",
        {"burger": burger, "plan": services.pip_samenvatting(burger.dossier)},
    )


@burger_vereist
@require_http_methods(["GET"])
def route_view(request: HttpRequest) -> HttpResponse:
    burger = request.burger
    services.log(burger, "route")
    return render(
        request,
        "portaal/route.html",
        {
            "burger": burger,
            "route": services.route(burger.dossier),
            "betalingen": services.betalingen(burger.dossier),
        },
    )


@burger_vereist
@require_http_methods(["GET"])
def brieven_view(request: HttpRequest) -> HttpResponse:
    burger = request.burger
    services.log(burger, "brieven")
    return render(
        request,
        "portaal/brieven.html",
        {"burger": burger, "brieven": services.brieven_van(burger.dossier)},
    )


@burger_vereist
@require_http_methods(["GET"])
def brief_pdf_view(request: HttpRequest, kenmerk: str) -> HttpResponse:
    brief = services.eigen_brief(request.burger, kenmerk)
    services.log(request.burger, f"brief {brief.kenmerk}")
    inhoud, naam = services.brief_pdf(brief)
    antwoord = HttpResponse(inhoud, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'inline; filename="{naam}"'
    return antwoord


@burger_vereist
@require_http_methods(["GET", "POST"])
def gegevens_view(request: HttpRequest) -> HttpResponse:
    if (terug := _alleen_eigen(request)) is not None:
        return terug
    burger = request.burger
    persoon = burger.persoon
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            taal = form.cleaned_data["taal"]
            services.wijzig_contact(
                burger,
                telefoon=form.cleaned_data["telefoon"],
                email=form.cleaned_data["email"],
                taal=taal,
            )
            messages.success(request, _("Uw gegevens zijn opgeslagen."))
            return _taalcookie(HttpResponseRedirect(reverse("portaal:gegevens")), taal)
    else:
        form = ContactForm(
            initial={
                "telefoon": persoon.telefoon,
                "email": persoon.email,
                "taal": burger.profiel.taal or portaaltaal(request),
            }
        )
    services.log(burger, "gegevens")
    return render(
        request,
        "portaal/gegevens.html",
        {"burger": burger, "form": form, "meelezen": services.meelezen(burger)},
        status=400 if request.method == "POST" else 200,
    )


@burger_vereist
@require_POST
def meelezen_view(request: HttpRequest) -> HttpResponse:
    """The child's choice whether its parents may read its dossier along (ADR 0039)."""
    keuze = request.POST.get("keuze")
    if keuze not in ("toestaan", "weigeren"):
        messages.error(request, _("Kies of uw ouders mogen meelezen."))
        return HttpResponseRedirect(reverse("portaal:gegevens"))
    try:
        services.kies_meelezen(request.burger, toestaan=keuze == "toestaan")
        if keuze == "weigeren":
            messages.success(request, _("Uw ouders kunnen uw dossier niet meer lezen."))
        else:
            messages.success(request, _("Uw ouders kunnen uw dossier weer lezen."))
    except services.Portaalfout as fout:
        messages.error(request, str(fout))
    return HttpResponseRedirect(reverse("portaal:gegevens"))


@burger_vereist
@require_http_methods(["GET", "POST"])
def ervaring_view(request: HttpRequest) -> HttpResponse:
    """The questionnaire of the open milestone (`services.open_ervaring`), or a page that there
    is none now. Shows no personal data (only which milestone): no access log row."""
    if (terug := _alleen_eigen(request)) is not None:
        return terug
    burger = request.burger
    mijlpaal = services.open_ervaring(burger)
    if mijlpaal is None:
        return render(request, "portaal/ervaring.html", {"burger": burger, "geen": True})
    if request.method == "POST" and "overslaan" in request.POST:
        try:
            services.sla_ervaring_over(burger, request.POST.get("mijlpaal", ""))
        except services.Portaalfout as fout:
            messages.error(request, str(fout))
        else:
            messages.success(request, _("Goed. Wij stellen deze vragen niet nog een keer."))
        return HttpResponseRedirect(reverse("portaal:overzicht"))
    form = ErvaringForm(
        request.POST if request.method == "POST" else None, initial={"mijlpaal": mijlpaal}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.geef_ervaring(burger, taal=portaaltaal(request), **form.cleaned_data)
        except services.Portaalfout as fout:
            messages.error(request, str(fout))
        else:
            messages.success(request, _("Dank u wel voor uw antwoorden."))
        return HttpResponseRedirect(reverse("portaal:overzicht"))
    return render(
        request,
        "portaal/ervaring.html",
        {"burger": burger, "form": form, "mijlpaal": Mijlpaal(mijlpaal).label},
        status=400 if request.method == "POST" else 200,
    )
