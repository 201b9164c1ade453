"""The dossier's exams tab: the overview fragment and the payment form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering.accounts.toegang import log_inzage
from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol

from . import services
from .forms import BetalingForm


@login_required
@require_http_methods(["GET", "POST"])
def examens_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    onderdelen = services.onderdelen_in_plan(dossier)
    form = BetalingForm(
        request.POST if request.method == "POST" else None,
        onderdelen=onderdelen,
        initial={"datum": timezone.localdate()},
        auto_id="betaling_%s",
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.registreer_betaling(
                dossier, onderdeel=d["onderdeel"], bedrag_cents=d["bedrag"], datum=d["datum"],
                factuurreferentie=d["factuurreferentie"], actor=request.user,
                toelichting=d["toelichting"],
            )  # fmt: skip
        except services.ExamenFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("De betaling is vastgelegd."))
            return redirect("examens:examens", uuid=dossier.uuid)
    log_inzage(request.user, [dossier.pk], "examens")
    return render(
        request,
        "examens/examens.html",
        {
            "dossier": dossier,
            "examens": services.overzicht(dossier),
            "form": form if onderdelen else None,
            "tab": "examens",
        },
        status=400 if request.method == "POST" else 200,
    )
