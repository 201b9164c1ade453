"""The Route tab of a dossier (placements, hours, attendance, progress, DUO deliveries) and the
upload of a provider's hours file. Only dossier roles; dossiers through `dossiers_voor`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering.accounts.toegang import gemeente_ids, log_inzage
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol
from inburgering.statusmachine import Statusfout

from . import forms as f
from . import services as s
from . import uren as u
from .models import Bestandsindeling, Contract, Plaatsing


@login_required
@require_http_methods(["GET", "POST"])
def route_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    vandaag = timezone.localdate()
    actie = request.POST.get("actie", "") if request.method == "POST" else ""
    data = request.POST if actie else None
    keuzes = s.keuzes(dossier, vandaag)
    advies = s.voorstel(dossier)
    plaatsingen = list(s.plaatsingen_van(dossier))
    plaatsform = f.PlaatsingForm(
        data if actie == "plaatsen" else None,
        keuzes=keuzes,
        initial={
            "aangemeld_op": vandaag,
            "uren_per_week": advies.uren_per_week if advies else None,
            "contract": next((k.contract.pk for k in keuzes if k.past_bij_pip), None),
        },
        prefix="plaatsen",
    )
    statusform = f.StatusForm(
        data if actie == "status" else None,
        plaatsingen=plaatsingen,
        initial={"datum": vandaag},
        prefix="status",
    )
    urenform = f.UrenForm(
        data if actie == "uren" else None,
        plaatsingen=plaatsingen,
        initial={"periode_begin": vandaag.replace(day=1)},
        prefix="uren",
    )
    fout = ""
    try:
        if actie == "plaatsen" and plaatsform.is_valid():
            gegevens = plaatsform.cleaned_data
            contract = Contract.objects.get(pk=gegevens["contract"])
            s.plaats(
                dossier,
                contract,
                aangemeld_op=gegevens["aangemeld_op"],
                uren_per_week=gegevens["uren_per_week"],
                actor=request.user,
            )
            return _klaar(request, dossier, _("De persoon is aangemeld bij de aanbieder."))
        if actie == "status" and statusform.is_valid():
            gegevens = statusform.cleaned_data
            plaatsing = next((p for p in plaatsingen if p.pk == gegevens["plaatsing"]), None)
            if plaatsing is None:
                raise s.TrajectFout(_("Deze plaatsing hoort niet bij dit dossier."))
            s.wijzig_status(
                plaatsing,
                gegevens["status"],
                datum=gegevens["datum"],
                reden=gegevens["reden"],
                actor=request.user,
            )
            return _klaar(request, dossier, _("De status van de plaatsing is bijgewerkt."))
        if actie == "uren" and urenform.is_valid():
            gegevens = urenform.cleaned_data
            plaatsing = next(p for p in plaatsingen if p.pk == gegevens["plaatsing"])
            u.registreer_uren(
                plaatsing,
                periodesoort=gegevens["periodesoort"],
                periode_begin=gegevens["periode_begin"],
                aangeboden=gegevens["aangeboden"],
                aanwezig=gegevens["aanwezig"],
                correctie=gegevens["correctie"],
                actor=request.user,
            )
            return _klaar(request, dossier, _("De uren zijn geregistreerd."))
    except s.TrajectFout as exc:
        fout = str(exc)
    except Statusfout as exc:
        fout = str(exc)
    log_inzage(request.user, [dossier.pk], "route")
    return render(
        request,
        "traject/route.html",
        {
            "dossier": dossier,
            "tab": "route",
            "fout": fout,
            "advies": advies,
            "keuzes": keuzes,
            "beeld": u.routebeeld(dossier, vandaag),
            "plaatsform": plaatsform,
            "statusform": statusform,
            "urenform": urenform,
            "actie": actie,
        },
        status=400 if actie and fout else 200,
    )


def _klaar(request, dossier, melding: str) -> HttpResponse:
    messages.success(request, melding)
    return redirect("traject:route", uuid=dossier.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def upload_view(request: HttpRequest) -> HttpResponse:
    """A provider's hours file: checked row by row, stored all-or-nothing or valid rows only."""
    vereis_dossierrol(request)
    indelingen = (
        Bestandsindeling.objects.select_related("aanbieder")
        .filter(aanbieder__producten__contracten__gemeente__in=gemeente_ids(request.user))
        .distinct()
    )
    form = f.UploadForm(request.POST or None, request.FILES or None, indelingen=indelingen)
    verslag = None
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        indeling = indelingen.filter(pk=form.cleaned_data["indeling"]).first()
        verslag = u.verwerk_bestand(
            bestand.read(),
            bestand.name,
            indeling,
            request.user,
            alleen_geldige=form.cleaned_data["alleen_geldige"],
        )
        if verslag.opgeslagen:
            messages.success(
                request,
                _("%(n)s regels opgeslagen.") % {"n": verslag.opgeslagen},
            )
        ids = Plaatsing.objects.filter(
            pk__in=[r.waarden["plaatsing"].pk for r in verslag.geldig]
        ).values_list("dossier_id", flat=True)
        log_inzage(
            request.user,
            list(dossiers_voor(request.user).filter(pk__in=ids).values_list("pk", flat=True)),
            "uren",
        )
    return render(request, "traject/upload.html", {"form": form, "verslag": verslag})
