"""The Route tab of a dossier (placements, hours, attendance, PVT/MAP/Z-route progress, exams
with the gemeente's payments, the next voortgangsgesprek, DUO deliveries) and the
upload of a provider's hours file. Only dossier roles; dossiers through `dossiers_voor`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering.accounts.toegang import gemeente_ids, log_inzage
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol
from inburgering.examens import services as examens
from inburgering.examens.forms import BetalingForm
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
    metonderdelen = [p for p in plaatsingen if p.contract.product.soort in s.ONDERDELEN]
    gekozen = next(
        (p for p in metonderdelen if p.pk == _getal(request.GET.get("onderdelen"))),
        metonderdelen[0] if metonderdelen else None,
    )
    onderdelenform = f.OnderdelenForm(
        data if actie == "onderdelen" else None,
        plaatsingen=metonderdelen,
        initial={
            "plaatsing": gekozen.pk if gekozen else None,
            "kernwaarden_activiteit_op": gekozen.kernwaarden_activiteit_op if gekozen else None,
            "ondertekend_op": gekozen.ondertekend_op if gekozen else None,
            "map_themas": gekozen.map_themas if gekozen else [],
            "eindgesprek_op": gekozen.eindgesprek_op if gekozen else None,
        },
        prefix="onderdelen",
    )
    examenvakken = examens.onderdelen_in_plan(dossier)
    betaalform = BetalingForm(
        data if actie == "betaling" else None,
        onderdelen=examenvakken,
        initial={"datum": vandaag},
        auto_id="betaling_%s",
    )
    fout = ""
    try:
        if actie == "onderdelen" and onderdelenform.is_valid():
            gegevens = onderdelenform.cleaned_data
            plaatsing = next(p for p in metonderdelen if p.pk == gegevens["plaatsing"])
            s.registreer_onderdelen(
                plaatsing,
                kernwaarden_activiteit_op=gegevens["kernwaarden_activiteit_op"],
                ondertekend_op=gegevens["ondertekend_op"],
                map_themas=gegevens["map_themas"],
                eindgesprek_op=gegevens["eindgesprek_op"],
                actor=request.user,
            )
            return _klaar(request, dossier, _("De onderdelen zijn vastgelegd."))
        if actie == "betaling" and betaalform.is_valid():
            d = betaalform.cleaned_data
            try:
                examens.registreer_betaling(
                    dossier, onderdeel=d["onderdeel"], bedrag_cents=d["bedrag"], datum=d["datum"],
                    factuurreferentie=d["factuurreferentie"], actor=request.user,
                    toelichting=d["toelichting"],
                )  # fmt: skip
            except examens.ExamenFout as exc:
                betaalform.add_error(None, str(exc))
            else:
                messages.success(request, _("De betaling is vastgelegd."))
                return redirect(
                    reverse("traject:route", kwargs={"uuid": dossier.uuid}) + "#kop-examens"
                )
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
    ongeldig = actie and (fout or any(
        form.is_bound and form.errors
        for form in (plaatsform, statusform, urenform, onderdelenform, betaalform)
    ))  # fmt: skip
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
            "onderdelenform": onderdelenform,
            "examens": examens.overzicht(dossier),
            "betaalform": betaalform if examenvakken else None,
            "actie": actie,
        },
        status=400 if ongeldig else 200,
    )


def _getal(waarde) -> int | None:
    try:
        return int(waarde)
    except (TypeError, ValueError):
        return None


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
