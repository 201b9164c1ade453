"""Beheer page of the DUO chain: the pause state (with "hervat"), the delivery queue (counts per
status, pending deliveries in the worker's order), deliveries held back by DUO's rules (with
"opnieuw controleren en versturen"), and messages that failed after the last attempt or that
DUO refused (with a retry button). Only for the functioneel beheerder, only for their own
gemeenten; the pause is one switch for the whole installation (one certificate)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inburgering.accounts.models import Rol
from inburgering.accounts.toegang import gemeenten_voor, log_inzage, mag_dossiers_zien
from inburgering.bsn import maskeer, valideer_bsn
from inburgering.dossiers.toegang import dossiers_voor

from .duo import afstemming, afstemming_woorden
from .duo.leveringen import opnieuw_controleren
from .models import TE_DOEN, Afstemmingsrun, InkomendBericht, Status, UitgaandBericht
from .outbox import opnieuw_inplannen
from .pauze import hervat, huidige_pauze

MODELLEN = {"inkomend": InkomendBericht, "uitgaand": UitgaandBericht}


def _alleen_beheerder(user) -> None:
    if not (user.is_active and user.rol == Rol.BEHEERDER):
        raise PermissionDenied


def _binnen_scope(user, model):
    gemeenten = gemeenten_voor(user).values("pk")
    if model is InkomendBericht:
        return model.objects.filter(Q(gemeente__in=gemeenten) | Q(gemeente__isnull=True))
    return model.objects.filter(gemeente__in=gemeenten)


@login_required
def berichten_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request.user)
    inkomend = list(
        _binnen_scope(request.user, InkomendBericht)
        .filter(status=Status.MISLUKT)
        .select_related("gemeente")
        .order_by("-ontvangen_op")[:200]
    )
    for bericht in inkomend:
        bericht.bsn_gemaskeerd = maskeer(bericht.bsn)
    leveringen = _binnen_scope(request.user, UitgaandBericht).select_related("gemeente")
    uitgaand = leveringen.filter(status__in=[Status.MISLUKT, Status.GEWEIGERD]).order_by(
        "-aangemaakt_op"
    )[:200]
    wachtend = _binnen_scope(request.user, InkomendBericht).filter(status=Status.OPNIEUW).count()
    onbekend = list(
        _binnen_scope(request.user, InkomendBericht)
        .filter(status=Status.ONBEKEND)
        .select_related("gemeente")
        .order_by("-ontvangen_op")[:200]
    )
    for bericht in onbekend:
        bericht.bsn_gemaskeerd = maskeer(bericht.bsn)
    te_koppelen = list(
        _binnen_scope(request.user, InkomendBericht)
        .filter(status=Status.KOPPELEN)
        .select_related("gemeente")
        .order_by("-ontvangen_op")[:200]
    )
    for bericht in te_koppelen:
        bericht.v_nummer_gemaskeerd = maskeer(f"{bericht.v_nummer or 0:010d}")
    aantallen = dict(
        leveringen.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return render(
        request,
        "koppelingen/berichten.html",
        {
            "inkomend": inkomend,
            "uitgaand": uitgaand,
            "wachtend": wachtend,
            "onbekend": onbekend,
            "te_koppelen": te_koppelen,
            "pauze": huidige_pauze(),
            "tellingen": [
                (s.label, aantallen.get(s.value, 0))
                for s in Status
                if s not in (Status.ONBEKEND, Status.KOPPELEN)
            ],
            "wachtrij": leveringen.filter(status__in=TE_DOEN).order_by("volgende_poging_op", "pk")[
                :200
            ],
            "tegengehouden": leveringen.filter(status=Status.TEGENGEHOUDEN).order_by("pk")[:200],
        },
    )


@login_required
@require_POST
def opnieuw_view(request: HttpRequest, soort: str, pk: int) -> HttpResponse:
    _alleen_beheerder(request.user)
    model = MODELLEN.get(soort)
    if model is None:
        raise Http404
    bericht = _binnen_scope(request.user, model).filter(pk=pk).first()
    if bericht is None or bericht.status not in (Status.MISLUKT, Status.GEWEIGERD):
        raise Http404
    opnieuw_inplannen(bericht)
    messages.success(request, _("Het bericht wordt opnieuw verwerkt."))
    return redirect("koppelingen:berichten")


@login_required
@require_POST
def koppel_bsn_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a vNummer-only notification to the BSN the beheerder looked up, and process it.
    Whether a dossier with that BSN exists is not answered here: the worker's result says it
    for the notification's own gemeente only."""
    _alleen_beheerder(request.user)
    bericht = (
        _binnen_scope(request.user, InkomendBericht).filter(pk=pk, status=Status.KOPPELEN).first()
    )
    if bericht is None:
        raise Http404
    bsn = request.POST.get("bsn", "").strip()
    try:
        valideer_bsn(bsn)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("koppelingen:berichten")
    bericht.bsn = bsn
    bericht.save(update_fields=["bsn"])
    opnieuw_inplannen(bericht)
    messages.success(request, _("Het bericht is gekoppeld en wordt verwerkt."))
    return redirect("koppelingen:berichten")


@login_required
@require_POST
def hervat_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request.user)
    if hervat(request.user):
        messages.success(request, _("Het versturen naar DUO is hervat."))
    return redirect("koppelingen:berichten")


@login_required
@require_POST
def opnieuw_controleren_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Check a held-back delivery again against DUO's rules (after the dossier was corrected)
    and queue it when it passes."""
    _alleen_beheerder(request.user)
    bericht = (
        _binnen_scope(request.user, UitgaandBericht)
        .filter(pk=pk, status=Status.TEGENGEHOUDEN)
        .select_related("dossier__inburgeraar", "gemeente")
        .first()
    )
    if bericht is None:
        raise Http404
    uitkomst = opnieuw_controleren(bericht)
    if uitkomst == "verstuurd":
        messages.success(request, _("De levering voldoet nu aan de regels en wordt verstuurd."))
    elif uitkomst == "later":
        messages.success(
            request,
            _("DUO is nu niet bereikbaar: de levering staat klaar en wordt bij het versturen "
              "gecontroleerd."),
        )  # fmt: skip
    elif uitkomst == "vervangen":
        messages.error(request, _("Er is een nieuwere levering; deze wordt niet verstuurd."))
    else:
        messages.error(request, _("De levering voldoet nog niet aan de regels van DUO."))
    return redirect("koppelingen:berichten")


@login_required
@require_http_methods(["GET", "POST"])
def afstemming_view(request: HttpRequest) -> HttpResponse:
    """The reconciliation with DUO of one of the user's gemeenten: the latest report (kept, so
    opening the page asks DUO nothing) and a button that starts a new one in the background.
    Only findings about dossiers the user may see are shown (and logged)."""
    if not mag_dossiers_zien(request.user):
        raise PermissionDenied
    gemeenten = list(gemeenten_voor(request.user))
    keuze = (request.POST if request.method == "POST" else request.GET).get("gemeente")
    gekozen = next((g for g in gemeenten if str(g.pk) == keuze), None)
    if request.method == "POST" and gekozen is None:
        messages.error(request, _("Kies een gemeente waarvoor u werkt."))
        return render(request, "koppelingen/afstemming.html", {"gemeenten": gemeenten}, status=400)
    zonder_oin = gekozen is not None and not afstemming.heeft_afzender(gekozen)
    if request.method == "POST" and zonder_oin:
        messages.error(
            request,
            _(
                "Deze gemeente heeft geen OIN om DUO mee te bevragen: stel de OIN van de "
                "gemeente in (beheer) of DUO_AFNEMER_OIN."
            ),
        )
        terug = reverse("koppelingen:afstemming")
        return redirect(f"{terug}?{urlencode({'gemeente': gekozen.pk})}")
    if request.method == "POST":
        afstemming.start(gekozen, door=request.user)
        messages.success(
            request,
            _("De afstemming met DUO is gestart; het rapport staat hier zodra die klaar is."),
        )
        terug = reverse("koppelingen:afstemming")
        return redirect(f"{terug}?{urlencode({'gemeente': gekozen.pk})}")
    laatste = lopend = None
    bevindingen, namen = [], {}
    if gekozen is not None:
        runs = Afstemmingsrun.objects.filter(gemeente=gekozen)
        laatste = runs.filter(status=Afstemmingsrun.Status.KLAAR).first()
        lopend = runs.filter(
            status__in=[Afstemmingsrun.Status.WACHTEND, Afstemmingsrun.Status.BEZIG]
        ).first()
    if laatste is not None:
        uuids = {b["dossier_uuid"] for b in laatste.bevindingen}
        dossiers = dossiers_voor(request.user).filter(uuid__in=uuids).select_related("inburgeraar")
        namen = {str(d.uuid): d.inburgeraar.naam for d in dossiers}
        bevindingen = [
            {**afstemming_woorden.leesbaar(b), "naam": namen[b["dossier_uuid"]]}
            for b in laatste.bevindingen
            if b["dossier_uuid"] in namen
        ]
        log_inzage(request.user, [d.pk for d in dossiers], "duo_afstemming")
    return render(
        request,
        "koppelingen/afstemming.html",
        {
            "gemeenten": gemeenten,
            "gekozen": gekozen,
            "laatste": laatste,
            "lopend": lopend,
            "bevindingen": bevindingen,
            "zonder_oin": zonder_oin,
        },
    )
