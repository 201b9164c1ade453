"""The Handhaving tab of a dossier (fine cases, running totals against the cap, the next step
with its deadline, a form per step), the voornemen and beschikking PDFs and the collection
export. Only dossier roles; dossiers through `dossiers_voor`; views call the services."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from inburgering import wet
from inburgering.accounts.toegang import log_export, log_inzage
from inburgering.brieven.services import Brieffout
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol
from inburgering.statusmachine import Statusfout

from . import forms as f
from . import services as s
from .models import Artikel, ZaakStatus

Z = ZaakStatus

#: Per step: its title and form, and the statuses in which it is offered.
STAPPEN = {
    "beoordeling": (gettext_lazy("Individuele beoordeling vastleggen"), f.BeoordelingForm,
                    {Z.SIGNAAL}),
    "voornemen": (gettext_lazy("Voornemen versturen"), f.VoornemenForm, {Z.SIGNAAL, Z.BEOORDEELD}),
    "zienswijze": (gettext_lazy("Zienswijze vastleggen"), f.ZienswijzeForm, {Z.VOORNEMEN}),
    "beschikking": (gettext_lazy("Beschikking: boete opleggen"), f.BeschikkingForm,
                    {Z.VOORNEMEN, Z.ZIENSWIJZE}),
    "geen_boete": (gettext_lazy("Geen boete"), f.GeenBoeteForm,
                   {Z.SIGNAAL, Z.BEOORDEELD, Z.VOORNEMEN, Z.ZIENSWIJZE}),
    "bijstand": (gettext_lazy("Bijstand al verlaagd (artikel 27)"), f.DatumForm,
                 {Z.SIGNAAL, Z.BEOORDEELD, Z.VOORNEMEN, Z.ZIENSWIJZE}),
    "rechtsmiddel": (gettext_lazy("Beslissing op bezwaar of beroep"), f.RechtsmiddelForm,
                     {Z.BESCHIKT, Z.HEROVERWOGEN}),
    "overdragen": (gettext_lazy("Overdragen voor invordering"), f.DatumForm,
                   {Z.BESCHIKT, Z.HEROVERWOGEN}),
    "afgedaan": (gettext_lazy("Betaald of kwijtgescholden"), f.AfgedaanForm,
                 {Z.BESCHIKT, Z.HEROVERWOGEN, Z.OVERGEDRAGEN}),
}  # fmt: skip


def _voer_uit(actie: str, zaak, gegevens: dict, user) -> str:
    """Run the step; returns the success message."""
    if actie == "beoordeling":
        s.leg_beoordeling_vast(
            zaak,
            datum=gegevens["datum"],
            beoordelaar=gegevens["beoordelaar"],
            afwegingen=gegevens["afwegingen"],
            boete_passend=gegevens["boete_passend"],
            actor=user,
        )
        return _("De individuele beoordeling is vastgelegd.")
    if actie == "voornemen":
        s.stuur_voornemen(zaak, datum=gegevens["datum"], kanaal=gegevens["kanaal"], actor=user)
        return _("Het voornemen is vastgelegd als verzonden.")
    if actie == "zienswijze":
        s.registreer_zienswijze(
            zaak,
            datum=gegevens["datum"],
            vorm=gegevens["vorm"],
            inhoud=gegevens["inhoud"],
            actor=user,
        )
        return _("De zienswijze is vastgelegd.")
    if actie == "beschikking":
        s.neem_beschikking(
            zaak,
            datum=gegevens["datum"],
            bedrag_cents=gegevens["bedrag"],
            motivering=gegevens["motivering"],
            kanaal=gegevens["kanaal"],
            actor=user,
        )
        return _("De boete is opgelegd.")
    if actie == "geen_boete":
        s.geen_boete(zaak, datum=gegevens["datum"], reden=gegevens["reden"], actor=user)
        return _("Vastgelegd: geen boete.")
    if actie == "bijstand":
        s.leg_bijstand_verlaagd_vast(zaak, datum=gegevens["datum"], actor=user)
        return _("Vastgelegd: geen boete, want de bijstand is al verlaagd (artikel 27).")
    if actie == "rechtsmiddel":
        s.beslis_rechtsmiddel(
            zaak,
            soort=gegevens["soort"],
            uitspraak=gegevens["uitspraak"],
            datum=gegevens["datum"],
            bedrag_cents=gegevens["bedrag"],
            actor=user,
        )
        return _("De beslissing op bezwaar of beroep is vastgelegd.")
    if actie == "overdragen":
        s.draag_over(zaak, datum=gegevens["datum"], actor=user)
        return _("De boete is overgedragen voor invordering.")
    s.meld_afgedaan(
        zaak, naar=gegevens["naar"], datum=gegevens["datum"], reden=gegevens["reden"], actor=user
    )
    return _("Vastgelegd.")


@login_required
@require_http_methods(["GET", "POST"])
def handhaving_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    vandaag = timezone.localdate()
    actie = request.POST.get("actie", "") if request.method == "POST" else ""
    zaak_id = request.POST.get("zaak", "")
    zaken = s.zaken_van(dossier)
    signaalform = f.SignaalForm(
        request.POST if actie == "signaal" else None,
        initial={"constatering": vandaag},
        prefix="signaal",
    )
    fout = ""
    kaarten = []
    gebonden = None
    for zaak in zaken:
        stappen = []
        for naam, (titel, formulier, statussen) in STAPPEN.items():
            if zaak.status not in statussen:
                continue
            eigen = actie == naam and zaak_id == str(zaak.pk)
            form = formulier(
                request.POST if eigen else None,
                initial={"datum": vandaag, "boete_passend": None,
                         "bedrag": _euros(zaak.voorgesteld_cents)},
                prefix=f"{naam}-{zaak.pk}",
            )  # fmt: skip
            if eigen:
                gebonden = (naam, zaak, form)
            stappen.append({"naam": naam, "titel": titel, "form": form, "open": eigen})
        kaarten.append(
            {"zaak": zaak, "volgende": s.volgende_stap(zaak, vandaag), "stappen": stappen}
        )
    try:
        if actie == "signaal" and signaalform.is_valid():
            g = signaalform.cleaned_data
            s.open_zaak(
                dossier,
                artikel=g["artikel"],
                constatering=g["constatering"],
                gedraging=g["gedraging"],
                verwijtbaarheid=g["verwijtbaarheid"],
                nieuwe_termijn_maanden=int(g["nieuwe_termijn"]) if g["nieuwe_termijn"] else None,
                bijstand_verlaagd=g["bijstand_verlaagd"],
                actor=request.user,
            )
            return _klaar(request, dossier, _("De overtreding is vastgelegd."))
        if gebonden is not None:
            naam, zaak, form = gebonden
            if form.is_valid():
                melding = _voer_uit(naam, zaak, form.cleaned_data, request.user)
                return _klaar(request, dossier, melding)
        elif actie and actie != "signaal":
            fout = _("Deze stap past niet bij deze zaak.")
    except (s.Handhavingsfout, Statusfout, Brieffout) as exc:
        fout = str(exc)
    log_inzage(request.user, [dossier.pk], "handhaving")
    return render(
        request,
        "handhaving/handhaving.html",
        {
            "dossier": dossier,
            "tab": "handhaving",
            "fout": fout,
            "kaarten": kaarten,
            "termijnen": s.termijnstanden(zaken),
            "signaalform": signaalform,
            "beoordeling_vereist": wet.individuele_beoordeling_vereist(
                wet.Doelgroep(dossier.doelgroep)
            ),
            "artikel22": Artikel.ART22,
            "actie": actie,
        },
        status=400 if actie and (fout or request.method == "POST") else 200,
    )


def _euros(cents: int | None) -> Decimal | None:
    return (Decimal(cents) / 100).quantize(Decimal("0.01")) if cents else None


def _klaar(request, dossier, melding: str) -> HttpResponse:
    messages.success(request, melding)
    return redirect("handhaving:handhaving", uuid=dossier.uuid)


def _zaak_of_404(request, uuid, pk):
    dossier = dossier_of_404(request, uuid)
    zaak = dossier.handhavingszaken.filter(pk=pk).first()
    if zaak is None:
        raise Http404(_("Zaak niet gevonden."))
    return dossier, zaak


def _pdf(request, uuid, pk, maak, naam: str) -> HttpResponse:
    vereis_dossierrol(request)
    dossier, zaak = _zaak_of_404(request, uuid, pk)
    try:
        inhoud = maak(zaak)
    except s.Handhavingsfout as exc:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    log_inzage(request.user, [dossier.pk], f"handhaving_{naam}")
    antwoord = HttpResponse(inhoud, content_type="application/pdf")
    antwoord["Content-Disposition"] = f'inline; filename="{naam}-{zaak.pk}.pdf"'
    return antwoord


@login_required
@require_GET
def voornemen_pdf_view(request: HttpRequest, uuid, pk: int) -> HttpResponse:
    return _pdf(request, uuid, pk, s.voornemen_pdf, "voornemen")


@login_required
@require_GET
def beschikking_pdf_view(request: HttpRequest, uuid, pk: int) -> HttpResponse:
    return _pdf(request, uuid, pk, s.beschikking_pdf, "beschikking")


@login_required
@require_GET
def invordering_view(request: HttpRequest) -> HttpResponse:
    """The cases handed over for collection in the user's dossiers, as CSV for the gemeente's
    debt system; every download is logged (`log_export`)."""
    vereis_dossierrol(request)
    zaken = s.ter_invordering(dossiers_voor(request.user))
    log_export(
        request.user,
        "handhaving_invordering",
        {"aantal_zaken": len(zaken)},
        [z.dossier_id for z in zaken],
    )
    antwoord = HttpResponse(s.invorderingsbestand(zaken), content_type="text/csv; charset=utf-8")
    antwoord["Content-Disposition"] = 'attachment; filename="invordering-boetes.csv"'
    return antwoord
