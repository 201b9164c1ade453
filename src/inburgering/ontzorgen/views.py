"""The gemeente's pages for ontzorgen and MB: the dossier tab, the monthly batches with their
four-eyes approval and files, and the import of start dates. Views call the services only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inburgering.accounts.toegang import gemeente_ids, gemeenten_voor, log_inzage
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol

from . import services
from .forms import (
    BatchForm,
    BegeleidingForm,
    DatumForm,
    ImportForm,
    LastForm,
    NotitieForm,
    StartForm,
    VrijwilligForm,
    WeigeringForm,
)
from .models import Begeleiding, Betaalbatch, Ontzorging


def _last_initial(last) -> dict:
    return {
        "begunstigde": last.begunstigde,
        "iban": last.iban,
        "bedrag": f"{last.bedrag_cents // 100},{last.bedrag_cents % 100:02d}",
        "kenmerk": last.kenmerk,
        "vanaf": last.vanaf,
        "tot": last.tot,
    }


@login_required
@require_http_methods(["GET", "POST"])
def dossier_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    ontzorging = Ontzorging.objects.filter(dossier=dossier).first()
    mb = Begeleiding.objects.filter(dossier=dossier).select_related("organisatie").first()
    post = request.POST if request.method == "POST" else None
    actie = post.get("actie", "") if post else ""
    gemeente = dossier.gemeente
    vandaag = timezone.localdate()
    formulieren = {
        "start": StartForm(
            post if actie == "start" else None, gemeente=gemeente, auto_id="start_%s"
        ),
        "last": LastForm(
            post if actie == "last" else None,
            soorten=services.toegestane_soorten(gemeente),
            auto_id="last_%s",
            initial={"vanaf": ontzorging.recht_op_bijstand_vanaf if ontzorging else vandaag},
        ),
        "vrijwillig": VrijwilligForm(post if actie == "vrijwillig" else None, auto_id="vw_%s"),
        "einde": DatumForm(
            post if actie == "beeindig" else None, auto_id="einde_%s", initial={"datum": vandaag}
        ),
        "mb": BegeleidingForm(
            post if actie == "mb_start" else None, gemeente=gemeente, auto_id="mb_%s"
        ),
        "notitie": NotitieForm(
            post if actie == "notitie" else None, auto_id="notitie_%s", initial={"datum": vandaag}
        ),
        "mb_einde": DatumForm(
            post if actie == "mb_einde" else None, auto_id="mbeinde_%s", initial={"datum": vandaag}
        ),
    }
    wijzigen = None
    if post and actie in ("wijzig", "goedkeuren") and ontzorging:
        last = ontzorging.lasten.filter(pk=post.get("last") or 0).first()
        if last is None:
            raise Http404
        wijzigen = (last, LastForm(post if actie == "wijzig" else None, auto_id=f"w{last.pk}_%s"))
    fout = ""
    if post:
        try:
            melding = _verwerk(request, actie, dossier, ontzorging, mb, formulieren, wijzigen)
        except services.OntzorgenFout as exc:
            fout = str(exc)
        else:
            if melding:
                messages.success(request, melding)
                return redirect("ontzorgen:dossier", uuid=dossier.uuid)
    log_inzage(request.user, [dossier.pk], "ontzorgen")
    lasten = list(ontzorging.lasten.all()) if ontzorging else []
    return render(
        request,
        "ontzorgen/dossier.html",
        {
            "dossier": dossier,
            "tab": "ontzorgen",
            "ontzorging": ontzorging,
            "mb": mb,
            "kwalificeert": services.kwalificeert(dossier),
            "status": services.status_voor(dossier, None),
            "lasten": [
                (last, LastForm(initial=_last_initial(last), auto_id=f"w{last.pk}_%s"))
                if not wijzigen or wijzigen[0].pk != last.pk
                else (last, wijzigen[1])
                for last in lasten
            ],
            "betalingen": services.betalingen_van(ontzorging) if ontzorging else [],
            "weigering": WeigeringForm(auto_id="weigering_%s"),
            "notities": mb.notities.select_related("door") if mb else [],
            "fout": fout,
            "f": formulieren,
        },
        status=400 if post else 200,
    )


def _verwerk(request, actie, dossier, ontzorging, mb, f, wijzigen) -> str:
    """Carry out one posted action; returns the success message ("" when a form is invalid)."""
    user = request.user
    if actie == "start" and f["start"].is_valid():
        d = f["start"].cleaned_data
        services.start_ontzorgen(
            dossier,
            verblijfsgrond=d["verblijfsgrond"],
            recht_op_bijstand_vanaf=d["recht_op_bijstand_vanaf"],
            actor=user,
            budgetbeheerder=d["budgetbeheerder"],
        )
        return _("Het ontzorgen is gestart.")
    if actie == "mb_start" and f["mb"].is_valid():
        d = f["mb"].cleaned_data
        services.start_begeleiding(
            dossier,
            organisatie=d["organisatie"],
            begeleider=d["begeleider"],
            aanvang=d["aanvang"],
            praktisch=d["praktisch"],
            pvt=d["pvt"],
            map_=d["map"],
            actor=user,
        )
        return _("De maatschappelijke begeleiding is gestart.")
    if mb is not None:
        if actie == "notitie" and f["notitie"].is_valid():
            d = f["notitie"].cleaned_data
            services.noteer(
                mb,
                datum=d["datum"],
                soort=d["soort"],
                tekst=d["tekst"],
                door=user,
                namens_begeleider=d["namens_begeleider"],
            )
            return _("De notitie is vastgelegd.")
        if actie == "mb_einde" and f["mb_einde"].is_valid():
            d = f["mb_einde"].cleaned_data
            services.beeindig_begeleiding(mb, d["datum"], user, d["reden"])
            return _("De maatschappelijke begeleiding is beëindigd.")
    if ontzorging is None:
        return ""
    if actie == "last" and f["last"].is_valid():
        d = f["last"].cleaned_data
        services.leg_last_vast(
            ontzorging,
            soort=d["soort"],
            begunstigde=d["begunstigde"],
            iban=d["iban"],
            bedrag_cents=d["bedrag"],
            kenmerk=d["kenmerk"],
            vanaf=d["vanaf"],
            tot=d["tot"],
            actor=user,
        )
        return _("De vaste last is vastgelegd.")
    if actie == "wijzig" and wijzigen and wijzigen[1].is_valid():
        d = wijzigen[1].cleaned_data
        services.wijzig_last(
            wijzigen[0],
            begunstigde=d["begunstigde"],
            iban=d["iban"],
            bedrag_cents=d["bedrag"],
            kenmerk=d["kenmerk"],
            vanaf=d["vanaf"],
            tot=d["tot"],
            actor=user,
        )
        return _("De vaste last is gewijzigd.")
    if actie == "goedkeuren" and wijzigen:
        services.keur_begunstigde_goed(wijzigen[0], user)
        return _("De gewijzigde begunstigde is goedgekeurd.")
    if actie == "vrijwillig" and f["vrijwillig"].is_valid():
        services.leg_vrijwillige_voortzetting_vast(
            ontzorging, f["vrijwillig"].cleaned_data["vrijwillig_tot"], user
        )
        return _("De vrijwillige voortzetting is vastgelegd.")
    if actie == "toeslagen":
        services.zet_toeslagen_ontvangen(ontzorging, timezone.localdate())
        return _("Vastgelegd dat de toeslagen zijn ontvangen.")
    if actie == "beeindig" and f["einde"].is_valid():
        d = f["einde"].cleaned_data
        services.beeindig_ontzorgen(ontzorging, d["datum"], user, d["reden"])
        return _("Het ontzorgen is beëindigd.")
    if actie == "weigering":
        form = WeigeringForm(request.POST)
        if form.is_valid():
            betaling = ontzorging.betalingen.filter(pk=form.cleaned_data["betaling"]).first()
            if betaling is None:
                raise Http404
            services.registreer_weigering(betaling, form.cleaned_data["reden"], user)
            return _("De geweigerde betaling is vastgelegd.")
        raise services.OntzorgenFout(_("Vul de reden van de weigering in."))
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def batches_view(request: HttpRequest) -> HttpResponse:
    vereis_dossierrol(request)
    gemeenten = list(gemeenten_voor(request.user))
    form = BatchForm(
        request.POST if request.method == "POST" else None,
        gemeenten=gemeenten,
        initial={"maand": timezone.localdate()},
        auto_id="batch_%s",
    )
    fout = ""
    if request.method == "POST" and form.is_valid():
        gemeente = next(g for g in gemeenten if str(g.pk) == form.cleaned_data["gemeente"])
        try:
            batch = services.maak_batch(gemeente, form.cleaned_data["maand"], actor=request.user)
        except services.OntzorgenFout as exc:
            fout = str(exc)
        else:
            messages.success(request, _("De batch is gemaakt en wacht op goedkeuring."))
            return redirect("ontzorgen:batch", batch=batch.uuid)
    return render(
        request,
        "ontzorgen/batches.html",
        {
            "form": form,
            "fout": fout,
            "batches": services.batches_voor(gemeente_ids(request.user))[:50],
        },
        status=400 if request.method == "POST" else 200,
    )


def _batch_of_404(request: HttpRequest, batch) -> Betaalbatch:
    gevonden = services.batches_voor(gemeente_ids(request.user)).filter(uuid=batch).first()
    if gevonden is None:
        raise Http404(_("Batch niet gevonden."))
    return gevonden


@login_required
@require_http_methods(["GET", "POST"])
def batch_view(request: HttpRequest, batch) -> HttpResponse:
    vereis_dossierrol(request)
    gevonden = _batch_of_404(request, batch)
    fout = ""
    if request.method == "POST":
        try:
            if request.POST.get("actie") == "intrekken":
                services.trek_batch_in(gevonden, request.user)
                messages.success(request, _("De batch is ingetrokken."))
            else:
                services.keur_batch_goed(gevonden, request.user)
                messages.success(
                    request, _("De batch is goedgekeurd; de betalingen zijn vastgelegd.")
                )
        except services.OntzorgenFout as exc:
            fout = str(exc)
        else:
            return redirect("ontzorgen:batch", batch=gevonden.uuid)
    betalingen = list(gevonden.betalingen.select_related("ontzorging__dossier__inburgeraar"))
    log_inzage(
        request.user, sorted({b.ontzorging.dossier_id for b in betalingen}), "ontzorgen_batch"
    )
    return render(
        request,
        "ontzorgen/batch.html",
        {
            "batch": gevonden,
            "betalingen": betalingen,
            "fout": fout,
            "mag_goedkeuren": gevonden.aangemaakt_door_id != request.user.pk,
        },
        status=400 if fout else 200,
    )


@login_required
@require_GET
def batch_bestand_view(request: HttpRequest, batch, formaat: str) -> HttpResponse:
    vereis_dossierrol(request)
    gevonden = _batch_of_404(request, batch)
    if formaat not in ("pain001", "csv"):
        raise Http404
    log_inzage(
        request.user,
        sorted(set(gevonden.betalingen.values_list("ontzorging__dossier_id", flat=True))),
        f"ontzorgen_batch_{formaat}",
    )
    naam = f"ontzorgen-{gevonden.gemeente.cbs_code or gevonden.gemeente_id}-{gevonden.maand:%Y-%m}"
    if formaat == "csv":
        antwoord = HttpResponse(gevonden.csv, content_type="text/csv; charset=utf-8")
        antwoord["Content-Disposition"] = f'attachment; filename="{naam}.csv"'
    else:
        antwoord = HttpResponse(gevonden.pain001, content_type="application/xml; charset=utf-8")
        antwoord["Content-Disposition"] = f'attachment; filename="{naam}.xml"'
    return antwoord


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    vereis_dossierrol(request)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        auto_id="import_%s",
    )
    resultaat = None
    if request.method == "POST" and form.is_valid():
        resultaat = services.importeer_csv(
            form.cleaned_data["bestand"].read(),
            gemeente_dossiers=dossiers_voor(request.user),
            actor=request.user,
        )
        if not resultaat.fouten:
            messages.success(
                request, _("%(n)s registraties voor ontzorgen gestart.") % {"n": resultaat.gestart}
            )
            return redirect("ontzorgen:import")
    return render(
        request,
        "ontzorgen/import.html",
        {"form": form, "resultaat": resultaat},
        status=400 if request.method == "POST" else 200,
    )


def status_voor_partner(request: HttpRequest, dossier, soort) -> SafeString:
    """The shared status block on a partner's dossier page (partners/secties.py): only the
    fields the partner's kind may see (`services.status_voor` filters by the need-to-know
    table; the partner page logs the view)."""
    return render_to_string(
        "ontzorgen/_status.html",
        {"status": services.status_voor(dossier, soort)},
        request=request,
    )
