"""Dossier sub-pages: contact and appointments, the summons flow, letters."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering.accounts.toegang import log_inzage, mag_gezondheid_zien
from inburgering.brieven import services as brieven
from inburgering.brieven.forms import VerzondenForm
from inburgering.brieven.services import Brieffout
from inburgering.dossiers.models import Doelgroep
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.uitleg import in_taal
from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol
from inburgering.dossiers.workflow import Soort
from inburgering.wet import IndividueleBeoordeling

from . import afspraken, oproepen
from . import brede_intake as bi
from . import brieven as brief_
from . import forms as f
from .models import Afspraak


def _initial() -> dict:
    return {"datum": timezone.localdate()}


#: The contact tab's forms that are rendered only when asked for (`?formulier=<name>`, or after
#: a POST of that form): a consulent records a contact every time, these rarely, and rendering
#: them (eleven widgets through the form renderer) cost more CPU than the rest of
#: the page (docs/performance.md, "CPU per page kind").
OP_VERZOEK = ("afspraak", "wacht", "overdracht")


@login_required
@require_http_methods(["GET", "POST"])
def contact_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    actie = request.POST.get("actie", "")
    data = request.POST if request.method == "POST" else None
    geopend = {naam for naam in (request.GET.get("formulier"), actie) if naam in OP_VERZOEK}
    maak = {
        "contact": lambda gegevens: f.ContactForm(gegevens, initial=_initial()),
        "afspraak": lambda gegevens: f.AfspraakForm(gegevens),
        "overdracht": lambda gegevens: f.WarmeOverdrachtForm(gegevens, initial=_initial()),
        "wacht": lambda gegevens: f.WachtOpForm(gegevens, initial=_initial()),
        "klaar": lambda gegevens: f.WachtenBeeindigdForm(gegevens, initial=_initial()),
    }
    # Only the forms the page shows and the one posted: building a form copies all its fields,
    # and the template never reads the others.
    nodig = {"contact", actie, *geopend} | ({"klaar"} if dossier.wacht_op else set())
    formulieren = {
        naam: bouw(data if actie == naam else None) for naam, bouw in maak.items() if naam in nodig
    }
    if request.method == "POST" and actie in formulieren and formulieren[actie].is_valid():
        try:
            _verwerk(request, dossier, actie, formulieren[actie])
        except OngeldigeGebeurtenis as fout:
            formulieren[actie].add_error(None, str(fout))
        else:
            messages.success(request, _("Vastgelegd."))
            return redirect("intake:contact", uuid=dossier.uuid)
    log_inzage(request.user, [dossier.pk], "contact")
    # The contact log and the contact persons (the consulenten assigned) in one statement.
    gebeurtenissen = list(
        dossier.events.filter(
            soort__in=[Soort.CONTACT, Soort.WARME_OVERDRACHT, Soort.CONSULENT_TOEGEWEZEN]
        )
        .met_actornaam()
        .order_by("-datum", "-id")
    )
    return render(
        request,
        "intake/contact.html",
        {
            "dossier": dossier,
            "formulieren": formulieren,
            "geopend": geopend,
            "contacten": [e for e in gebeurtenissen if e.soort != Soort.CONSULENT_TOEGEWEZEN],
            "contactpersonen": [e for e in gebeurtenissen if e.soort == Soort.CONSULENT_TOEGEWEZEN],
            # The columns the tab shows, no more: the staff member's whole row and a letter's
            # text were fetched and built into objects unread.
            "afspraken": dossier.afspraken.order_by("-begin"),
            "brieven": dossier.brieven.filter(soort="herinnering_afspraak").only(
                "dossier", "onderwerp", "kanaal", "aangemaakt_op"
            )[:10],
            "tab": "contact",
        },
        status=400 if request.method == "POST" else 200,
    )


def _verwerk(request, dossier, actie, form) -> None:
    data = form.cleaned_data
    if actie == "contact":
        registreer(
            dossier,
            Soort.CONTACT,
            data["datum"],
            actor=request.user,
            gegevens={"kanaal": data["kanaal"]},
            toelichting=data["samenvatting"],
        )
    elif actie == "overdracht":
        registreer(
            dossier,
            Soort.WARME_OVERDRACHT,
            data["datum"],
            actor=request.user,
            gegevens={"kanaal": data["kanaal"], "deelnemers": data["deelnemers"]},
        )
    elif actie == "wacht":
        registreer(
            dossier,
            Soort.WACHT_OP,
            data["datum"],
            actor=request.user,
            gegevens={"op": data["op"]},
            toelichting=data["toelichting"],
        )
    elif actie == "klaar":
        if not dossier.wacht_op:
            raise OngeldigeGebeurtenis(_("Dit dossier wacht nergens op."))
        registreer(
            dossier,
            Soort.WACHTEN_BEEINDIGD,
            data["datum"],
            actor=request.user,
            gegevens={"op": dossier.wacht_op},
        )
    elif actie == "afspraak":
        afspraken.plan_afspraak(dossier, medewerker=request.user, **data)


@login_required
@require_http_methods(["POST"])
def afspraak_status_view(request: HttpRequest, uuid, pk: int) -> HttpResponse:
    """Mark an appointment held, missed or cancelled; a held one is also a contact moment."""
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    afspraak = get_object_or_404(Afspraak, pk=pk, dossier=dossier)
    try:
        afspraken.zet_status(afspraak, request.POST.get("status", ""), actor=request.user)
    except OngeldigeGebeurtenis as fout:
        messages.error(request, str(fout))
        return redirect("intake:contact", uuid=dossier.uuid)
    messages.success(request, _("De afspraak is bijgewerkt."))
    return redirect("intake:contact", uuid=dossier.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def oproepen_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    actie = request.POST.get("actie", "")
    data = request.POST if request.method == "POST" else None
    asiel = dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
    formulieren = {
        "oproep": f.OproepForm(data if actie == "oproep" else None, initial=_initial()),
        "gemist": f.NietGevolgdForm(data if actie == "gemist" else None, initial=_initial()),
        "boete": f.BoeteForm(
            data if actie == "boete" else None, initial=_initial(), asielstatushouder=asiel
        ),
        "afronden": f.AfrondenForm(data if actie == "afronden" else None, initial=_initial()),
    }
    if request.method == "POST" and actie in formulieren and formulieren[actie].is_valid():
        try:
            melding = _voer_uit(request, dossier, actie, formulieren[actie].cleaned_data)
        except OngeldigeGebeurtenis as fout:
            formulieren[actie].add_error(None, str(fout))
        else:
            messages.success(request, melding)
            return redirect("intake:oproepen", uuid=dossier.uuid)
    log_inzage(request.user, [dossier.pk], "oproepen")
    stand = oproepen.stand(dossier)
    boetes = dossier.events.filter(soort=Soort.BOETE_VOORGESTELD).count()
    return render(
        request,
        "intake/oproepen.html",
        {
            "dossier": dossier,
            "stand": stand,
            "formulieren": formulieren,
            "boete_open": bool(
                stand.vervolg and stand.vervolg.waarde.boete_art22 and boetes < stand.gemist - 1
            ),
            "stappen": dossier.events.filter(soort__in=OPROEP_SOORTEN).order_by("datum", "id"),
            "brieven": dossier.brieven.all(),
            "asiel": asiel,
            "tab": "oproepen",
        },
        status=400 if request.method == "POST" else 200,
    )


OPROEP_SOORTEN = [
    Soort.OPROEP_INTAKE,
    Soort.OPROEP_NIET_GEVOLGD,
    Soort.WAARSCHUWING,
    Soort.BOETE_VOORGESTELD,
    Soort.INTAKE_ZONDER_PERSOON,
]


def _voer_uit(request, dossier, actie: str, data: dict) -> str:
    if actie == "oproep":
        oproepen.stuur_oproep(
            dossier,
            kanaal=data["kanaal"],
            periode_van=data["periode_van"],
            periode_tot=data["periode_tot"],
            datum=data["datum"],
            actor=request.user,
        )
        return _(
            "De oproep is gemaakt. Open de brief hieronder om hem te printen en als verzonden "
            "te markeren."
        )
    if actie == "gemist":
        vervolg = oproepen.registreer_niet_gevolgd(
            dossier, datum=data["datum"], reden=data["reden"], actor=request.user
        )
        return _("Vastgelegd. Volgende stap: %(stap)s") % {"stap": in_taal(vervolg.uitleg).tekst}
    if actie == "boete":
        beoordeling = None
        if data["motivering"].strip():
            beoordeling = IndividueleBeoordeling(
                datum=data["datum"],
                beoordelaar=request.user.weergavenaam,
                motivering=data["motivering"],
                boete_passend=data["boete_passend"],
            )
        uitkomst = oproepen.stel_boete_voor(
            dossier,
            datum=data["datum"],
            actor=request.user,
            beoordeling=beoordeling,
            bijstand_verlaagd=data["bijstand_verlaagd"],
        )
        return in_taal(uitkomst.uitleg).tekst
    oproepen.voltooi_zonder_persoon(
        dossier, datum=data["datum"], kanaal=data["kanaal"], actor=request.user
    )
    return _("De brede intake is zonder de inburgeraar afgerond.")


@login_required
@require_http_methods(["GET", "POST"])
def brief_view(request: HttpRequest, uuid, pk: int) -> HttpResponse:
    """The letter with its sender and recipient, print (PDF) and 'marked as sent'."""
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    brief = get_object_or_404(dossier.brieven.select_related("aangemaakt_door"), pk=pk)
    form = VerzondenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            brief_.markeer_verzonden(brief, actor=request.user, **form.cleaned_data)
        except Brieffout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("De brief is als verzonden gemarkeerd."))
            return redirect("intake:brief", uuid=dossier.uuid, pk=brief.pk)
    log_inzage(request.user, [dossier.pk], "brief")
    kenmerk = brief_.kenmerk_van(brief)
    verzending = brieven.verzending(dossier, kenmerk)
    return render(
        request,
        "intake/brief.html",
        {
            "dossier": dossier,
            "brief": brief,
            "kenmerk": kenmerk,
            "afzender": brieven.afzender(dossier, brief.aangemaakt_door),
            "ontvanger": brieven.ontvanger(dossier.inburgeraar),
            "heeft_postadres": brieven.heeft_postadres(dossier.inburgeraar),
            "verzending": verzending,
            "verzending_kanaal": brieven.kanaal_label(verzending),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET"])
def brief_pdf_view(request: HttpRequest, uuid, pk: int) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    brief = get_object_or_404(dossier.brieven.select_related("aangemaakt_door"), pk=pk)
    log_inzage(request.user, [dossier.pk], "brief")
    antwoord = HttpResponse(brieven.pdf(brief_.document(brief)), content_type="application/pdf")
    antwoord["Content-Disposition"] = f'inline; filename="brief-{brief_.kenmerk_van(brief)}.pdf"'
    return antwoord


@login_required
@require_http_methods(["GET", "POST"])
def brede_intake_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    intake = bi.intake_van(dossier)
    actie = request.POST.get("actie", "")
    data = request.POST if request.method == "POST" else None
    gesprek = f.GesprekForm(data if actie == "gesprek" else None, initial=_initial())
    instellingen = f.IntakeInstellingenForm(
        data if actie == "instellingen" else None, instance=intake
    )
    verslag_fout: dict[str, tuple] = {}
    afronden_fout = opgeslagen = ""
    if request.method == "POST":
        try:
            if actie == "gesprek" and gesprek.is_valid():
                bi.voeg_gesprek_toe(dossier, actor=request.user, **gesprek.cleaned_data)
                return _klaar(request, "intake:brede_intake", dossier)
            if intake and actie == "instellingen" and instellingen.is_valid():
                instellingen.save()
                return _klaar(request, "intake:brede_intake", dossier)
            if intake and actie == "verslag":
                form = f.VerslagForm(data)
                sleutel = request.POST.get("sleutel", "")
                if form.is_valid():
                    bi.bewaar_verslag(
                        intake,
                        sleutel,
                        form.cleaned_data["tekst"],
                        gezien_versie=form.cleaned_data["versie"],
                        actor=request.user,
                    )
                    if not request.headers.get("HX-Request"):
                        return _klaar(request, "intake:brede_intake", dossier)
                    # htmx swaps only this part (and the completeness) from the page below:
                    # no reload, and the other parts keep what is being typed in them.
                    opgeslagen = sleutel
                else:
                    verslag_fout[sleutel] = (form, "")
            if intake and actie == "afronden":
                try:
                    bi.rond_af(intake, datum=timezone.localdate(), actor=request.user)
                except OngeldigeGebeurtenis as fout:
                    if request.POST.get("terug") != "pip":
                        raise
                    messages.error(request, str(fout))
                    return redirect("pip:pip", uuid=dossier.uuid)
                # From the PIP tab's checklist: back there, the next step is the PIP.
                terug = "pip:pip" if request.POST.get("terug") == "pip" else "intake:brede_intake"
                return _klaar(request, terug, dossier)
        except bi.Wijzigingsconflict as conflict:
            sleutel = request.POST.get("sleutel", "")
            verslag_fout[sleutel] = (f.VerslagForm(data), conflict)
        except OngeldigeGebeurtenis as fout:
            afronden_fout = str(fout)
    log_inzage(request.user, [dossier.pk], "brede_intake")
    secties = []
    if intake:
        for onderwerp in bi.onderwerpen(intake):
            form, conflict = verslag_fout.get(onderwerp.sleutel, (None, None))
            if form is None:
                form = f.VerslagForm(
                    initial={
                        "tekst": onderwerp.verslag.tekst if onderwerp.verslag else "",
                        "versie": onderwerp.verslag.versie if onderwerp.verslag else 0,
                    }
                )
            form.auto_id = f"id_{onderwerp.sleutel}_%s"
            secties.append({"onderwerp": onderwerp, "form": form, "conflict": conflict})
    return render(
        request,
        "intake/brede_intake.html",
        {
            "dossier": dossier,
            "intake": intake,
            "gesprek": gesprek,
            "instellingen": instellingen,
            "secties": secties,
            "volledigheid": bi.volledigheid(intake) if intake else None,
            "oude_wet": bi.oude_wet(dossier),
            "afronden_fout": afronden_fout,
            "opgeslagen": opgeslagen,
            "mag_gezondheid": mag_gezondheid_zien(request.user),
            "tab": "brede_intake",
        },
        status=400 if request.method == "POST" and not opgeslagen else 200,
    )


def _klaar(request, naam: str, dossier) -> HttpResponse:
    messages.success(request, _("Vastgelegd."))
    return redirect(naam, uuid=dossier.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def gezondheid_view(request: HttpRequest, uuid) -> HttpResponse:
    """Health information: only roles whose task needs it (Wi art. 37 lid 2); every view logged."""
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    if not mag_gezondheid_zien(request.user):
        raise PermissionDenied(_("Uw rol geeft geen toegang tot gezondheidsinformatie."))
    intake = bi.intake_van(dossier)
    if intake is None:
        raise Http404(_("Er is nog geen brede intake."))
    record = getattr(intake, "gezondheid", None)
    form = f.VerslagForm(
        request.POST or None,
        initial={
            "tekst": record.tekst if record else "",
            "versie": record.versie if record else 0,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            bi.bewaar_gezondheid(
                intake,
                form.cleaned_data["tekst"],
                gezien_versie=form.cleaned_data["versie"],
                actor=request.user,
            )
        except bi.Wijzigingsconflict as fout:
            conflict = fout
        else:
            return _klaar(request, "intake:gezondheid", dossier)
    log_inzage(request.user, [dossier.pk], "gezondheid")
    return render(
        request,
        "intake/gezondheid.html",
        {"dossier": dossier, "form": form, "conflict": conflict, "tab": "brede_intake"},
        status=409 if conflict else (400 if request.method == "POST" else 200),
    )


@login_required
@require_http_methods(["GET", "POST"])
def toets_en_route_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    actie = request.POST.get("actie", "")
    data = request.POST if request.method == "POST" else None
    asiel = dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
    formulieren = {
        "lbt": f.LbtForm(data if actie == "lbt" else None, initial=_initial(), auto_id="lbt_%s"),
        "advies": f.SchooladviesForm(
            data if actie == "advies" else None, initial=_initial(), auto_id="advies_%s"
        ),
        "ontheffing": f.LbtOntheffingForm(
            data if actie == "ontheffing" else None, initial=_initial(), auto_id="ontheffing_%s"
        ),
        "route": f.RouteForm(
            data if actie == "route" else None,
            initial=_initial(),
            asielstatushouder=asiel,
            auto_id="route_%s",
        ),
    }
    if request.method == "POST" and actie in formulieren and formulieren[actie].is_valid():
        form = formulieren[actie]
        try:
            if actie == "lbt":
                bi.registreer_lbt(dossier, actor=request.user, **form.cleaned_data)
            elif actie == "ontheffing":
                bi.verleen_lbt_ontheffing(dossier, actor=request.user, **form.cleaned_data)
            elif actie == "advies":
                advies = form.save(commit=False)
                advies.dossier = dossier
                advies.save()
            else:
                bi.besluit_route(dossier, actor=request.user, **form.cleaned_data)
        except OngeldigeGebeurtenis as fout:
            form.add_error(None, str(fout))
        else:
            return _klaar(request, "intake:toets_en_route", dossier)
    log_inzage(request.user, [dossier.pk], "toets_en_route")
    lbt = bi.laatste_lbt(dossier)
    return render(
        request,
        "intake/toets_en_route.html",
        {
            "dossier": dossier,
            "formulieren": formulieren,
            "lbt": lbt,
            "lbt_uitkomst": bi.lbt_beoordeling(lbt),
            "lbt_grondslag": _grondslagen(bi.lbt_beoordeling(lbt)),
            "adviezen": dossier.schooladviezen.all(),
            "ontheffingen": dossier.lbt_ontheffingen.all(),
            "routebesluit": dossier.routebesluiten.first(),
            "asiel": asiel,
            "tab": "toets_en_route",
        },
        status=400 if request.method == "POST" else 200,
    )


def _grondslagen(uitkomst) -> str:
    return "; ".join(str(g) for g in uitkomst.grondslagen) if uitkomst else ""
