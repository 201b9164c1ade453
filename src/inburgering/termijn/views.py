"""The dossier's Termijn tab and the end-of-termijn worklist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inburgering.accounts.toegang import log_inzage
from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol

from . import services
from .forms import AanvraagForm, AdviesForm, AfsluitenForm, BesluitForm, WerklijstFilterForm

SUCCES = {
    "aanvraag": _("De aanvraag tot verlenging is vastgelegd."),
    "besluit": _("Het besluit van DUO over de verlenging is vastgelegd."),
    "advies": _("Het advies is vastgelegd en staat klaar om terug te melden aan DUO."),
    "afsluiten": _("Het dossier is afgesloten: de termijn is verstreken."),
}


def _opslaan(actie: str, form, dossier, user) -> None:
    d = form.cleaned_data
    if actie == "aanvraag":
        services.vraag_verlenging_aan(
            dossier, datum=d["datum"], grond=d["grond"], actor=user,
            aanbod_niet_geleverd=d["aanbod_niet_geleverd"], omstandigheid=d["omstandigheid"],
            niet_vrijstellende_opleiding=d["niet_vrijstellende_opleiding"],
            toelichting=d["toelichting"],
        )  # fmt: skip
    elif actie == "besluit":
        services.registreer_verlengingsbesluit(
            dossier, datum=d["datum"], uitkomst=d["uitkomst"], actor=user,
            maanden=d["maanden"] or 0, ambtshalve=d["ambtshalve"], toelichting=d["toelichting"],
        )  # fmt: skip
    elif actie == "advies":
        services.registreer_advies(
            dossier, signaal=d["signaal"], advies=d["advies"], datum=d["datum"], actor=user,
            toelichting=d["toelichting"],
        )  # fmt: skip
    else:
        services.sluit_af(dossier, datum=d["datum"], actor=user, toelichting=d["toelichting"])


@login_required
@require_http_methods(["GET", "POST"])
def termijn_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    vandaag = timezone.localdate()
    actie = request.POST.get("actie", "") if request.method == "POST" else ""
    data = request.POST if actie else None
    beeld = services.beeld(dossier, vandaag)
    start = {"datum": vandaag}
    adviezen = beeld.adviezen_open
    forms = {
        "aanvraag": AanvraagForm(
            data if actie == "aanvraag" else None, initial=start, prefix="aanvraag"
        ),
        "besluit": BesluitForm(
            data if actie == "besluit" else None, initial=start, prefix="besluit"
        ),
        "advies": AdviesForm(
            data if actie == "advies" else None,
            initial={**start, "signaal": adviezen[0].event.pk if adviezen else None},
            prefix="advies",
        ),
        "afsluiten": AfsluitenForm(
            data if actie == "afsluiten" else None, initial=start, prefix="afsluiten"
        ),
    }
    if actie in forms:
        form = forms[actie]
        if form.is_valid():
            try:
                _opslaan(actie, form, dossier, request.user)
            except services.TermijnFout as fout:
                form.add_error(None, str(fout))
            else:
                messages.success(request, SUCCES[actie])
                return redirect("termijn:termijn", uuid=dossier.uuid)
    log_inzage(request.user, [dossier.pk], "termijn")
    return render(
        request,
        "termijn/termijn.html",
        {"dossier": dossier, "beeld": beeld, "tab": "termijn", "actie": actie, **forms},
        status=400 if actie else 200,
    )


@login_required
@require_GET
def werklijst_view(request: HttpRequest) -> HttpResponse:
    vereis_dossierrol(request)
    form = WerklijstFilterForm(request.GET or None, initial={"binnen": "6"})
    d = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = services.Filters(
        binnen=d.get("binnen", "6") if form.is_bound else "6",
        leerroute=d.get("leerroute", ""),
        boete=bool(d.get("boete")),
        eigen=bool(d.get("eigen")),
    )
    vandaag = timezone.localdate()
    rijen = services.werklijst(request.user, vandaag, filters)
    log_inzage(request.user, [r.dossier.pk for r in rijen], "termijn_werklijst")
    return render(
        request,
        "termijn/werklijst.html",
        {"form": form, "rijen": rijen, "filters": filters, "vandaag": vandaag},
    )
