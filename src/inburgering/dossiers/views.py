"""Pages for consulenten, teamleiders and kwaliteitsmedewerkers.

Free-text search is posted and kept in the session, never put in the URL, because people search
by BSN. Every page that shows a dossier's personal data writes the access log.
"""

from __future__ import annotations

import json
import uuid as uuid_module

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from inburgering.accounts.toegang import gemeente_ids, log_inzage, mag_dossiers_zien, werkgebied
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.invoer import EENREGELIG

from . import caseload as cl
from . import panelen
from . import rijen as rijen_
from . import uitkomsten as uitk
from .bulk import BulkForm, voer_uit
from .deadlines import grondslag_tekst, inburgeringstermijn, pip_deadline
from .forms import GebeurtenisForm, NieuwDossierForm, PersoonsgegevensForm
from .forms_uitkomsten import DualeEindeForm, DualeStartForm, KostenForm, ParticipatieForm
from .gebeurtenissen import handmatig
from .models import Bron, Doelgroep
from .persoonsgegevens import huidige_waarden, wijzig_persoonsgegevens
from .referentie import LANDEN, taalnaam
from .services import NieuwDossier, open_dossier, registreer
from .tijdlijn import tijdlijn_html
from .toestand import OngeldigeGebeurtenis, bereken_toestand
from .workflow import Fase, Soort, WachtOp, toegestane_events

PAGINA_GROOTTE = 50
ZOEK_SESSIE = "caseload_zoek"


def vereis_dossierrol(request: HttpRequest) -> None:
    if not mag_dossiers_zien(request.user):
        raise PermissionDenied(_("Uw rol geeft geen toegang tot dossiers."))


def _filters_uit(request: HttpRequest) -> cl.Filters:
    get = request.GET
    scope = get.get("scope") or cl.standaard_scope(request.user)
    weken = get.get("geen_contact_weken", "")
    gemeente = get.get("gemeente", "")
    return cl.Filters(
        scope=scope if scope in cl.SCOPES else "mijn",
        gemeente=int(gemeente) if gemeente.isdigit() else None,
        fase=get.get("fase", "") if get.get("fase", "") in Fase.values else "",
        doelgroep=get.get("doelgroep", "") if get.get("doelgroep", "") in Doelgroep.values else "",
        deadline=get.get("deadline", "") if get.get("deadline", "") in cl.DEADLINE_STATUS else "",
        geen_contact_weken=int(weken) if weken.isdigit() and 0 < int(weken) < 520 else None,
        sorteer=get.get("sorteer", "deadline"),
        wacht_op=get.get("wacht_op", "")
        if get.get("wacht_op", "") in {"ja", *WachtOp.values}
        else "",
        zoek=request.session.get(ZOEK_SESSIE, ""),
        route=get.get("route", "") if get.get("route", "") in cl.ROUTE_SIGNALEN else "",
    )


@login_required
@require_http_methods(["GET", "POST"])
def caseload_view(request: HttpRequest) -> HttpResponse:
    vereis_dossierrol(request)
    if request.method == "POST":
        zoek = "" if "wis" in request.POST else request.POST.get("zoek", "").strip()[:100]
        try:
            EENREGELIG(zoek)
        except ValidationError as fout:
            # PostgreSQL refuses a NUL in the search query (DataError, a 500 on every later
            # caseload page of the session); no name or BSN holds a control character.
            messages.error(request, " ".join(fout.messages))
        else:
            request.session[ZOEK_SESSIE] = zoek
        query = request.GET.copy()
        query.pop("pagina", None)
        return redirect(f"{reverse('dossiers:caseload')}?{query.urlencode()}")

    filters = _filters_uit(request)
    vandaag = timezone.localdate()
    gefilterd = cl.gefilterd(request.user, filters, vandaag)
    # The page and its total in one statement (caseload.Paginering).
    paginator = cl.Paginering(cl.rijen(gefilterd, filters), PAGINA_GROOTTE, telling=gefilterd)
    pagina = paginator.get_page(request.GET.get("pagina"))
    afspraken = cl.volgende_afspraken([d["pk"] for d in pagina.object_list])
    vertaald = rijen_.labels()
    rijen = [rijen_.rij(d, vandaag, vertaald, afspraken.get(d["pk"])) for d in pagina.object_list]
    log_inzage(request.user, [r.pk for r in rijen], "caseload")
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "dossiers/caseload.html",
        {
            "filters": filters,
            "rijen": rijen,
            "pagina": pagina,
            "query": query.urlencode(),
            "scopes": cl.SCOPES,
            "fasen": list(vertaald["fase"].items()),
            "doelgroepen": list(vertaald["doelgroep"].items()),
            "deadline_statussen": cl.DEADLINE_STATUS,
            "route_signalen": cl.ROUTE_SIGNALEN,
            "wacht_op_keuzes": list(vertaald["wacht_op"].items()),
            # The panels head the first page only (aggregates, kept a minute: panelen.py).
            "werkdruk": _werkdruk(request.user, filters) if pagina.number == 1 else [],
            "gemeenten": werkgebied(request.user),
            "vandaag": vandaag,
            "tabelrijen": rijen_.tabelrijen(rijen),
            # Built (its consulent choices queried) only when the kept fragment is made anew:
            # the template calls it there.
            "bulkform": lambda: BulkForm(user=request.user),
            "bulk_sleutel": ",".join(map(str, gemeente_ids(request.user))),
            # Other apps' panels (panelen.PANELEN: the DUO waves), also on the first page only.
            **{
                naam: maak(request.user) if pagina.number == 1 else []
                for naam, maak in panelen.PANELEN.items()
            },
        },
    )


def _werkdruk(user, filters: cl.Filters) -> list[cl.Werkdruk]:
    if not cl.toont_werkdruk(user, filters):
        return []
    team = user.team_id if filters.scope == "team" else ""
    return panelen.bewaard(
        "werkdruk",
        gemeente_ids(user),
        (filters.scope, team),
        lambda: cl.werkdruk(user, filters),
    )


def _stappen_sleutel(toegestaan: list[Soort]) -> str:
    """What an unbound step form's fields depend on besides the language (template cache):
    today's date (the initial value) and the steps it offers (GebeurtenisForm's choices)."""
    stappen = ",".join(soort.value for soort in handmatig(toegestaan))
    return f"{timezone.localdate()}|{stappen}"


def dossier_of_404(request: HttpRequest, uuid):
    # The consulent too: every dossier tab's heading (_kop.html) names them, which otherwise
    # costs a query of its own during rendering.
    try:
        return (
            dossiers_voor(request.user)
            .select_related("inburgeraar", "gemeente", "consulent")
            .get(uuid=uuid)
        )
    except Exception as exc:  # DoesNotExist or a malformed uuid: the same answer either way
        raise Http404(_("Dossier niet gevonden.")) from exc


@login_required
@require_http_methods(["GET", "POST"])
def dossier_view(request: HttpRequest, uuid) -> HttpResponse:
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    events = list(dossier.events.met_actornaam().order_by("datum", "id"))
    toestand = bereken_toestand(events)
    toegestaan = toegestane_events(toestand.fase and Fase(toestand.fase))

    def stapformulier(data=None) -> GebeurtenisForm:
        return GebeurtenisForm(data, toegestaan=toegestaan, initial={"datum": timezone.localdate()})

    # A GET shows the unbound form from the template's fragment cache: it is built (all its
    # fields copied, the step labels translated) only when that fragment is rendered anew.
    form = stapformulier(request.POST) if request.POST else None
    if form is not None and form.is_valid():
        try:
            registreer(
                dossier,
                form.cleaned_data["soort"],
                form.cleaned_data["datum"],
                actor=request.user,
                gegevens=form.gegevens(),
                toelichting=form.cleaned_data["toelichting"],
            )
        except OngeldigeGebeurtenis as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("De gebeurtenis is vastgelegd."))
            return redirect("dossiers:dossier", uuid=dossier.uuid)
    log_inzage(request.user, [dossier.pk], "dossier")
    deadline = pip_deadline(toestand, dossier.regime)
    termijn = inburgeringstermijn(toestand)
    gecorrigeerd = {e.corrigeert_id for e in events if e.corrigeert_id}
    return render(
        request,
        "dossiers/dossier.html",
        {
            "dossier": dossier,
            "persoon": dossier.inburgeraar,
            "gezin": dossier.inburgeraar.gezinsrelaties.all(),
            "land": LANDEN.get(dossier.inburgeraar.land_van_herkomst, "—"),
            "talen": [taalnaam(taal) for taal in dossier.inburgeraar.talen],
            "voorkeurstaal": taalnaam(dossier.inburgeraar.voorkeurstaal),
            "toestand": toestand,
            "tijdlijn": tijdlijn_html(reversed(events), gecorrigeerd),
            "deadline": deadline,
            "deadline_grondslag": grondslag_tekst(deadline) if deadline else "",
            "termijn": termijn,
            "termijn_grondslag": grondslag_tekst(termijn) if termijn else "",
            "vandaag": timezone.localdate(),
            "form": form,
            "stapformulier": stapformulier,
            "formulier_sleutel": _stappen_sleutel(toegestaan),
            "verplichte_velden_json": json.dumps(GebeurtenisForm.VERPLICHT),
            "badge": rijen_.deadline(dossier.pip_deadline, timezone.localdate()),
            "uitkomsten": uitk.stand(events, timezone.localdate()),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def uitkomsten_view(request: HttpRequest, uuid) -> HttpResponse:
    """Participation follow-up, dual activities and costs: each has a small form of its own."""
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    vandaag = timezone.localdate()
    stand = uitk.stand(dossier.events.all(), vandaag)
    actie = request.POST.get("actie", "")
    data = request.POST if request.method == "POST" else None

    def maak(naam, klasse, **extra):
        return klasse(
            data if actie == naam else None,
            initial={"datum": vandaag},
            auto_id=f"{naam}_%s",
            **extra,
        )

    formulieren = {
        "participatie": maak("participatie", ParticipatieForm, stand=stand),
        "kosten": maak("kosten", KostenForm),
        "duaal_start": maak("duaal_start", DualeStartForm, stand=stand),
        "duaal_einde": maak("duaal_einde", DualeEindeForm, stand=stand),
    }
    if request.method == "POST" and actie in formulieren and formulieren[actie].is_valid():
        form = formulieren[actie]
        try:
            _leg_uitkomst_vast(dossier, actie, form, request.user)
        except OngeldigeGebeurtenis as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("Vastgelegd."))
            return redirect("dossiers:uitkomsten", uuid=dossier.uuid)
    log_inzage(request.user, [dossier.pk], "uitkomsten")
    return render(
        request,
        "dossiers/uitkomsten.html",
        {
            "dossier": dossier,
            "uitkomsten": stand,
            "formulieren": formulieren,
            "tab": "uitkomsten",
        },
        status=400 if request.method == "POST" else 200,
    )


def _leg_uitkomst_vast(dossier, actie, form, user) -> None:
    d = form.cleaned_data
    if actie == "participatie":
        uitk.meet_participatie(
            dossier, d["datum"], d["moment"], d["status"], actor=user,
            uren_werk=d.get("uren_werk"), corrigeert=form.vorige if d["correctie"] else None,
            toelichting=d["toelichting"],
        )  # fmt: skip
    elif actie == "kosten":
        uitk.registreer_kosten(
            dossier, d["datum"], d["bedrag"], d["post"], actor=user,
            aanbieder=d["aanbieder"], toelichting=d["toelichting"],
        )  # fmt: skip
    elif actie == "duaal_start":
        uitk.start_activiteit(
            dossier, d["datum"], d["activiteit"], actor=user,
            organisatie=d["organisatie"], uren_per_week=d.get("uren_per_week"),
        )  # fmt: skip
    else:
        uitk.beeindig_activiteit(dossier, d["datum"], d["activiteit"], actor=user)


@login_required
@require_http_methods(["GET", "POST"])
def persoonsgegevens_view(request: HttpRequest, uuid) -> HttpResponse:
    """Change contact data, languages and post address; the change goes into the timeline."""
    vereis_dossierrol(request)
    dossier = dossier_of_404(request, uuid)
    form = PersoonsgegevensForm(request.POST or None, initial=huidige_waarden(dossier.inburgeraar))
    if request.method == "POST" and form.is_valid():
        try:
            event = wijzig_persoonsgegevens(dossier, form.wijzigingen(), actor=request.user)
        except OngeldigeGebeurtenis as fout:
            form.add_error(None, str(fout))
        else:
            if event is None:
                messages.info(request, _("Er was niets gewijzigd."))
            else:
                messages.success(request, _("De persoonsgegevens zijn gewijzigd."))
            return redirect("dossiers:dossier", uuid=dossier.uuid)
    log_inzage(request.user, [dossier.pk], "persoonsgegevens")
    return render(
        request,
        "dossiers/persoonsgegevens.html",
        {"dossier": dossier, "persoon": dossier.inburgeraar, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def nieuw_dossier_view(request: HttpRequest) -> HttpResponse:
    vereis_dossierrol(request)
    form = NieuwDossierForm(request.POST or None, user=request.user)
    bestaand = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dossier = _maak_dossier(request, form, data, form.signalen())
        except OngeldigeGebeurtenis as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("Het dossier is aangemaakt."))
            return redirect("dossiers:dossier", uuid=dossier.uuid)
    if request.method == "POST" and form.errors:
        bestaand = _lopend_dossier(request)
    return render(
        request,
        "dossiers/nieuw.html",
        {"form": form, "bestaand": bestaand},
        status=400 if request.method == "POST" else 200,
    )


def _lopend_dossier(request):
    """The running dossier that blocks a new one (the same BSN in the chosen gemeente, within
    the user's scope: never looked up across gemeenten), so the message links to it."""
    bsn, gemeente = request.POST.get("bsn", "").strip(), request.POST.get("gemeente", "")
    if not (bsn.isdigit() and len(bsn) == 9 and gemeente.isdigit()):
        return None
    return (
        dossiers_voor(request.user)
        .filter(gemeente_id=int(gemeente), inburgeraar__bsn=bsn)
        .exclude(fase=Fase.AFGEROND)
        .only("uuid")
        .first()
    )


def _maak_dossier(request, form, data, signalen):
    eerste_soort, eerste_datum, eerste_gegevens = signalen[0]
    with transaction.atomic():
        persoon = form.inburgeraar()
        if persoon.pk is not None:
            persoon.save()
        dossier = open_dossier(
            persoon,
            NieuwDossier(
                gemeente=data["gemeente"],
                regime=data["regime"],
                doelgroep=data["doelgroep"],
                eerste_soort=eerste_soort,
                eerste_datum=eerste_datum,
                gegevens=eerste_gegevens,
            ),
            actor=request.user,
            consulent=data.get("consulent"),
        )
        for soort, datum, gegevens in signalen[1:]:
            registreer(
                dossier, soort, datum, actor=request.user, gegevens=gegevens, bron=Bron.GEBRUIKER
            )
    return dossier


@login_required
@require_http_methods(["POST"])
def bulk_view(request: HttpRequest) -> HttpResponse:
    """Assign a consulent or invite many dossiers at once (a wave of arrivals)."""
    vereis_dossierrol(request)
    terug = request.POST.get("terug", "")
    # Only a path on this site: redirect() takes anything else for a view name to reverse
    # (a NoReverseMatch, i.e. a 500, for e.g. "x").
    if not terug.startswith("/") or not url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}
    ):
        terug = reverse("dossiers:caseload")
    form = BulkForm(request.POST, user=request.user)
    gekozen = request.POST.getlist("dossiers")[:500]
    dossiers = list(
        dossiers_voor(request.user)
        .filter(uuid__in=[u for u in gekozen if _is_uuid(u)])
        .select_related("inburgeraar", "gemeente")
    )
    if not dossiers:
        messages.error(request, _("Selecteer eerst een of meer dossiers."))
    elif len(dossiers) != len(set(gekozen)):
        messages.error(request, _("Een of meer gekozen dossiers zijn niet (meer) zichtbaar."))
    elif not form.is_valid():
        fouten = "; ".join(
            f"{form.fields[v].label}: {' '.join(f)}" if v in form.fields else " ".join(f)
            for v, f in form.errors.items()
        )
        messages.error(request, _("Niet uitgevoerd: %s") % fouten)
    else:
        try:
            aantal = voer_uit(dossiers, form.cleaned_data, request.user)
        except OngeldigeGebeurtenis as fout:
            messages.error(request, str(fout))
        else:
            messages.success(
                request,
                ngettext(
                    "Uitgevoerd voor %(n)s dossier.", "Uitgevoerd voor %(n)s dossiers.", aantal
                )
                % {"n": aantal},
            )
    return HttpResponseRedirect(terug)


def _is_uuid(waarde: str) -> bool:
    try:
        uuid_module.UUID(waarde)
    except ValueError:
        return False
    return True
