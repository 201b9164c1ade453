"""The partner pages under /partner/ (a partner user's worklist and one dossier, shown by the
need-to-know table), the consulent's Ketenpartners tab of a dossier, and the beheerder's
management of partner organisations under /instellingen/partners/.

A partner sees a dossier only while their organisation is involved (`dossiers_voor_partner`):
any other dossier is 404, the same as one that does not exist. Every view is logged with
purpose "partner"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inburgering.accounts.models import Rol
from inburgering.accounts.toegang import gemeente_ids, log_inzage
from inburgering.dossiers.referentie import taalnaam
from inburgering.dossiers.toestand import OngeldigeGebeurtenis
from inburgering.dossiers.views import dossier_of_404, vereis_dossierrol
from inburgering.examens import services as examens
from inburgering.statusmachine import Statusfout
from inburgering.traject import services as traject
from inburgering.traject import uren
from inburgering.traject.forms import UrenForm
from inburgering.traject.models import LOPEND

from . import forms as f
from . import services as s
from .haken import koppel_lopende_plaatsingen
from .models import Betrokkenheid, Clientprofiel, Grond, Organisatie, Organisatiesoort
from .secties import secties_voor
from .toegang import GEGEVENS, Gegeven, dossiers_voor_organisatie, organisatie_van
from .werklijst import ontbrekende_maanden, plaatsingen_bij, werklijst

DOEL = "partner"


def _organisatie(request: HttpRequest) -> Organisatie:
    organisatie = organisatie_van(request.user)
    if organisatie is None:
        raise PermissionDenied(_("Deze pagina is voor medewerkers van ketenpartners."))
    return organisatie


def _partnerdossier(request: HttpRequest, organisatie: Organisatie, uuid):
    try:
        return (
            dossiers_voor_organisatie(organisatie)
            .select_related("inburgeraar", "gemeente", "consulent")
            .get(uuid=uuid)
        )
    except Exception as exc:  # DoesNotExist or a malformed uuid: the same answer either way
        raise Http404(_("Dossier niet gevonden.")) from exc


@login_required
@require_http_methods(["GET"])
def start_view(request: HttpRequest) -> HttpResponse:
    organisatie = _organisatie(request)
    regels = werklijst(organisatie, timezone.localdate())
    log_inzage(request.user, [r.dossier.pk for r in regels], DOEL)
    return render(
        request,
        "partners/start.html",
        {"organisatie": organisatie, "regels": regels, "naam": Gegeven.NAAM},
    )


@login_required
@require_http_methods(["GET", "POST"])
def dossier_view(request: HttpRequest, uuid) -> HttpResponse:
    organisatie = _organisatie(request)
    dossier = _partnerdossier(request, organisatie, uuid)
    vandaag = timezone.localdate()
    zichtbaar = GEGEVENS[Organisatiesoort(organisatie.soort)]
    eigen = list(
        Betrokkenheid.objects.actief_op(vandaag).filter(organisatie=organisatie, dossier=dossier)
    )
    per_grond = {b.grond: b for b in eigen}
    actie = request.POST.get("actie", "") if request.method == "POST" else ""
    data = request.POST if actie else None
    plaatsingen = (
        list(plaatsingen_bij(organisatie, dossier)) if Gegeven.PLAATSING in zichtbaar else []
    )
    urenform = UrenForm(
        data if actie == "uren" else None,
        plaatsingen=plaatsingen,
        initial={"periode_begin": vandaag.replace(day=1)},
        prefix="uren",
    )
    statusform = f.SchoolStatusForm(
        data if actie == "status" else None,
        plaatsingen=[p for p in plaatsingen if p.status in LOPEND],
        initial={"datum": vandaag},
        prefix="status",
    )
    wensform = f.ExamenwensForm(data if actie == "examenwens" else None, prefix="wens")
    voortgangform = f.VoortgangForm(
        data if actie == "voortgang" else None, initial={"datum": vandaag}, prefix="voortgang"
    )
    coa = per_grond.get(Grond.COA_OVERDRACHT)
    profiel = Clientprofiel.objects.filter(betrokkenheid=coa).first() if coa else None
    profielform = f.ProfielForm(
        data if actie == "profiel" else None, instance=profiel, prefix="profiel"
    )
    fout = ""
    try:
        if actie == "uren" and Gegeven.PLAATSING in zichtbaar and urenform.is_valid():
            d = urenform.cleaned_data
            plaatsing = next(p for p in plaatsingen if p.pk == d["plaatsing"])
            uren.registreer_uren(
                plaatsing,
                periodesoort=d["periodesoort"],
                periode_begin=d["periode_begin"],
                aangeboden=d["aangeboden"],
                aanwezig=d["aanwezig"],
                correctie=d["correctie"],
                actor=request.user,
            )
            return _klaar(request, dossier, _("De uren zijn doorgegeven."))
        if actie == "status" and Gegeven.PLAATSING in zichtbaar and statusform.is_valid():
            d = statusform.cleaned_data
            plaatsing = next((p for p in plaatsingen if p.pk == d["plaatsing"]), None)
            if plaatsing is None:
                raise s.Partnerfout(_("Deze plaatsing hoort niet bij uw organisatie."))
            traject.wijzig_status(
                plaatsing, d["status"], datum=d["datum"], reden=d["reden"], actor=request.user
            )
            return _klaar(request, dossier, _("De status van de plaatsing is doorgegeven."))
        if actie == "examenwens" and Grond.PLAATSING in per_grond and wensform.is_valid():
            d = wensform.cleaned_data
            s.meld_examenwens(
                per_grond[Grond.PLAATSING],
                onderdeel=d["onderdeel"],
                verwacht_op=d["verwacht_op"],
                toelichting=d["toelichting"],
                actor=request.user,
            )
            return _klaar(request, dossier, _("De examenwens is doorgegeven aan de gemeente."))
        if actie == "voortgang" and Grond.BEGELEIDING in per_grond and voortgangform.is_valid():
            d = voortgangform.cleaned_data
            s.schrijf_voortgang(per_grond[Grond.BEGELEIDING], actor=request.user, **d)
            return _klaar(request, dossier, _("De voortgang is vastgelegd."))
        if actie == "profiel" and coa is not None and profielform.is_valid():
            profiel = s.bewaar_profiel(coa, actor=request.user, **profielform.cleaned_data)
            if request.POST.get("overdragen"):
                s.draag_over(profiel, actor=request.user)
                return _klaar(
                    request, dossier, _("Het cliëntprofiel is overgedragen aan de gemeente.")
                )
            return _klaar(request, dossier, _("Het cliëntprofiel is bewaard als concept."))
    except (OngeldigeGebeurtenis, Statusfout) as exc:
        fout = str(exc)
    log_inzage(request.user, [dossier.pk], DOEL)
    persoon = dossier.inburgeraar
    context = {
        "dossier": dossier,
        "persoon": persoon,
        "organisatie": organisatie,
        "betrokkenheden": eigen,
        "zichtbaar": {g.value for g in zichtbaar},
        "talen": [taalnaam(t) for t in persoon.talen] if Gegeven.TAAL in zichtbaar else [],
        "voorkeurstaal": taalnaam(persoon.voorkeurstaal) if Gegeven.TAAL in zichtbaar else "",
        "plaatsingen": [
            {
                "plaatsing": p,
                "uren": list(p.uren.order_by("-periode_begin", "-pk")[:12]),
                "ontbrekend": ontbrekende_maanden(p, vandaag),
            }
            for p in plaatsingen
        ],
        "uitslagen": examens.uitslagen(dossier) if Gegeven.EXAMENS in zichtbaar else [],
        "wensen": [w for b in eigen for w in b.examenwensen.all()],
        "notities": [n for b in eigen for n in b.notities.all()],
        "coa": coa,
        "profiel": profiel,
        "urenform": urenform,
        "statusform": statusform,
        "wensform": wensform,
        "voortgangform": voortgangform,
        "profielform": profielform,
        "mag_uren": bool(plaatsingen),
        "mag_wens": Grond.PLAATSING in per_grond,
        "mag_voortgang": Grond.BEGELEIDING in per_grond,
        "fout": fout,
        "actie": actie,
        "secties": secties_voor(request, dossier, Organisatiesoort(organisatie.soort)),
    }
    return render(request, "partners/dossier.html", context, status=400 if actie else 200)


def _klaar(request, dossier, melding: str) -> HttpResponse:
    messages.success(request, melding)
    return redirect("partners:dossier", uuid=dossier.uuid)


# --- the consulent's tab ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def betrokken_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    actie = request.POST.get("actie", "") if request.method == "POST" else ""
    data = request.POST if actie else None
    vandaag = timezone.localdate()
    betrekform = f.BetrekForm(
        data if actie == "betrekken" else None,
        gemeente_ids=[dossier.gemeente_id],
        initial={"begin": vandaag},
        prefix="betrek",
    )
    beeindigform = f.BeeindigForm(data if actie == "beeindigen" else None, prefix="einde")
    profiel = s.profiel_voor(dossier)
    fout = ""
    try:
        if actie == "betrekken" and betrekform.is_valid():
            d = betrekform.cleaned_data
            s.betrek(d["organisatie"], dossier, begin=d["begin"], actor=request.user)
            return _terug(request, dossier, _("De organisatie is betrokken bij het dossier."))
        if actie == "beeindigen" and beeindigform.is_valid():
            d = beeindigform.cleaned_data
            betrokkenheid = dossier.betrokkenheden.filter(pk=d["betrokkenheid"]).first()
            if betrokkenheid is None:
                raise s.Partnerfout(_("Deze betrokkenheid hoort niet bij dit dossier."))
            s.beeindig(betrokkenheid, einde=d["einde"])
            return _terug(request, dossier, _("De betrokkenheid is beëindigd."))
        if actie == "overnemen" and profiel is not None:
            uitkomst = s.neem_over(profiel, actor=request.user)
            melding = _(
                "Het cliëntprofiel is overgenomen in %(n)s onderdelen van de brede intake."
            ) % {"n": len(uitkomst.overgenomen)}
            if uitkomst.overgeslagen:
                melding += " " + _(
                    "%(n)s onderdelen hadden al tekst en zijn niet gewijzigd; "
                    "vergelijk ze met het profiel."
                ) % {"n": len(uitkomst.overgeslagen)}
            return _terug(request, dossier, melding)
    except OngeldigeGebeurtenis as exc:
        fout = str(exc)
    log_inzage(request.user, [dossier.pk], "partners")
    return render(
        request,
        "partners/betrokken.html",
        {
            "dossier": dossier,
            "tab": "partners",
            "betrokkenheden": s.betrokkenen(dossier),
            "vandaag": vandaag,
            "profiel": profiel,
            "toon_gezondheid": request.user.rol == Rol.CONSULENT,
            "betrekform": betrekform,
            "beeindigform": beeindigform,
            "fout": fout,
        },
        status=400 if actie else 200,
    )


def _terug(request, dossier, melding: str) -> HttpResponse:
    messages.success(request, melding)
    return redirect("partners:betrokken", uuid=dossier.uuid)


# --- the beheerder's management ---------------------------------------------------------------


def _alleen_beheerder(request: HttpRequest) -> None:
    if request.user.rol != Rol.BEHEERDER:
        raise PermissionDenied(_("Alleen voor de functioneel beheerder."))


@login_required
@require_http_methods(["GET", "POST"])
def organisaties_view(request: HttpRequest) -> HttpResponse:
    _alleen_beheerder(request)
    form = f.OrganisatieForm(request.POST or None, user=request.user, initial={"actief": True})
    if request.method == "POST" and form.is_valid():
        gemeenten = form.cleaned_data.pop("gemeenten")
        try:
            organisatie = s.bewaar_organisatie(
                request.user,
                Organisatie(**{k: v for k, v in form.cleaned_data.items()}),
                gemeenten,
            )
        except s.Partnerfout as exc:
            form.add_error(None, str(exc))
        else:
            koppel_lopende_plaatsingen(organisatie)  # its running placements, as the hook does
            messages.success(
                request, _("De organisatie %(naam)s is aangemaakt.") % {"naam": organisatie.naam}
            )
            return redirect("partners:organisatie", pk=organisatie.pk)
    return render(
        request,
        "partners/beheer/organisaties.html",
        {"organisaties": s.organisaties_voor(request.user), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisatie_view(request: HttpRequest, pk: int) -> HttpResponse:
    _alleen_beheerder(request)
    organisatie = get_object_or_404(s.organisaties_voor(request.user), pk=pk)
    actie = request.POST.get("actie", "") if request.method == "POST" else ""
    eigen_ids = gemeente_ids(request.user)
    form = f.OrganisatieForm(
        request.POST if actie == "organisatie" else None,
        instance=organisatie,
        user=request.user,
        initial={"gemeenten": [g for g in organisatie.gemeenten.all() if g.pk in eigen_ids]},
    )
    medewerkerform = f.PartnerMedewerkerForm(
        request.POST if actie == "medewerker" else None, user=request.user, prefix="medewerker"
    )
    if actie == "organisatie" and form.is_valid():
        gemeenten = form.cleaned_data["gemeenten"]
        try:
            s.bewaar_organisatie(request.user, form.instance, gemeenten)
        except s.Partnerfout as exc:
            form.add_error(None, str(exc))
        else:
            koppel_lopende_plaatsingen(form.instance)
            messages.success(request, _("De organisatie is bijgewerkt."))
            return redirect("partners:organisatie", pk=organisatie.pk)
    if actie == "medewerker" and medewerkerform.is_valid():
        d = medewerkerform.cleaned_data
        try:
            medewerker = s.voeg_medewerker_toe(
                request.user,
                organisatie,
                username=d["username"],
                wachtwoord=d["wachtwoord1"],
                first_name=d["first_name"],
                last_name=d["last_name"],
                email=d["email"],
            )
        except s.Partnerfout as exc:
            medewerkerform.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Medewerker %(naam)s is aangemaakt.")
                % {"naam": medewerker.gebruiker.weergavenaam},
            )
            return redirect("partners:organisatie", pk=organisatie.pk)
    return render(
        request,
        "partners/beheer/organisatie.html",
        {
            "organisatie": organisatie,
            "form": form,
            "medewerkerform": medewerkerform,
            "medewerkers": organisatie.medewerkers.select_related("gebruiker"),
        },
        status=400 if actie else 200,
    )
