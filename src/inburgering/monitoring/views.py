from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inburgering.accounts.models import Rol
from inburgering.accounts.toegang import gemeenten_voor, log_export, log_inzage
from inburgering.dossiers.models import Doelgroep
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.intake.models import Leerroute
from inburgering.pdfdocument import pdf_uit_html

from . import cbs, importeren, importtaken, rapportage, taakstelling
from . import indicatoren as ind
from .extractie import Selectie
from .forms import (
    CbsForm,
    FilterForm,
    ImportForm,
    RapportageForm,
    RapportageTekstForm,
    TaakstellingForm,
)
from .models import Importtaak, Rapportage, Taakstelling
from .relatie import relatie
from .tabel import als_csv, als_xlsx
from .tabellen import (
    bewaarde_tabellen,
    risico_banden,
    risico_redenen,
    termijn_bronnen,
)

#: Rows per page of the termijn-risico list; only the rows shown are logged.
PER_PAGINA = 50

MONITORING_ROLLEN = frozenset({Rol.TEAMLEIDER, Rol.KWALITEIT})


def mag_monitoring_zien(user) -> bool:
    return user.is_authenticated and user.is_active and user.rol in MONITORING_ROLLEN


def _controleer(request):
    if not mag_monitoring_zien(request.user):
        raise PermissionDenied


def _selectie(request):
    form = FilterForm(request.GET or None, gemeenten=gemeenten_voor(request.user))
    if not form.is_bound:
        form = FilterForm({}, gemeenten=gemeenten_voor(request.user))
    if not form.is_valid():
        return form, None
    d = form.cleaned_data
    return form, Selectie(
        gemeente_ids=form.gemeente_ids(),
        peildatum=d["peildatum"],
        van=d.get("van"),
        tot=d.get("tot"),
        doelgroep=d.get("doelgroep") or "",
        consulent_id=d.get("consulent"),
        cesuur_evaluatie=form.cesuur_evaluatie,
        populatie=d["populatie"],
        cohortbasis=d["cohortbasis"],
    )


def _status(selectie) -> int:
    """A filter the form refuses (a date out of range, 'van' after 'tot') is a bad request:
    the page shows the form with its messages and answers 400."""
    return 200 if selectie is not None else 400


def dashboard_view(request):
    """Aggregates only: no personal data, so no access log rows."""
    _controleer(request)
    form, selectie = _selectie(request)
    berekend, lijst, vooraf = bewaarde_tabellen(selectie) if selectie else (None, [], False)
    query = request.GET.urlencode()
    context = {
        "form": form,
        "tabellen": lijst,
        "berekend": berekend,
        "vooraf": vooraf,
        "vooraf_minuten": settings.MONITORING_VOORAF_MINUTEN,
        "html_sleutel": "|".join(
            [berekend.isoformat() if berekend else "", get_language(), repr(selectie), query]
        ),
        "query": query,
        "selectie": selectie,
    }
    return render(request, "monitoring/dashboard.html", context, status=_status(selectie))


def _ongeldige_keuze(form) -> HttpResponse:
    """A download with filters the form refuses: 400 with the form's messages as plain text
    (the link came from a page; there is no page to show the form on)."""
    regels = [str(f) for fouten in form.errors.values() for f in fouten]
    tekst = "\n".join([_("De gekozen filters zijn ongeldig."), *regels])
    return HttpResponse(tekst, status=400, content_type="text/plain; charset=utf-8")


def export_view(request, sleutel: str, formaat: str):
    _controleer(request)
    form, selectie = _selectie(request)
    if selectie is None:
        return _ongeldige_keuze(form)
    if formaat not in ("csv", "xlsx"):
        raise Http404
    tabel = next((t for t in bewaarde_tabellen(selectie)[1] if t.sleutel == sleutel), None)
    if tabel is None:
        raise Http404
    naam = f"{sleutel}_{selectie.peildatum:%Y%m%d}"
    # Aggregates, but some tables name consulenten and a small selection can point at people:
    # every table export is in the export log (no dossiers).
    log_export(request.user, "monitoring_tabel", _selectie_in_log(selectie, sleutel, formaat))
    if formaat == "csv":
        antwoord = HttpResponse(als_csv(tabel), content_type="text/csv; charset=utf-8")
    else:
        antwoord = HttpResponse(
            als_xlsx(tabel),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    return antwoord


def _selectie_in_log(selectie: Selectie, tabel: str, formaat: str) -> dict:
    """The filter values of an export for the export log (ids and dates, no personal data)."""
    return {
        "tabel": tabel,
        "formaat": formaat,
        "gemeenten": list(selectie.gemeente_ids),
        "peildatum": selectie.peildatum.isoformat(),
        "van": selectie.van.isoformat() if selectie.van else None,
        "tot": selectie.tot.isoformat() if selectie.tot else None,
        "doelgroep": selectie.doelgroep,
        "consulent": selectie.consulent_id,
        "populatie": selectie.populatie,
        "cohortbasis": selectie.cohortbasis,
    }


def import_view(request):
    _controleer(request)
    verslag = None
    form = ImportForm(request.POST or None, request.FILES or None)
    aantallen = {}
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        inhoud = bestand.read()
        alleen_geldige = form.cleaned_data["alleen_geldige"]
        if importeren.rijen_in(inhoud) > settings.IMPORT_DIRECT_MAX_RIJEN:
            taak = importtaken.maak_taak(
                inhoud,
                gebruiker=request.user,
                alleen_geldige=alleen_geldige,
                bestandsnaam=bestand.name or "",
            )
            return redirect("monitoring:importtaak", uuid=taak.uuid)
        verslag = importeren.importeer(
            inhoud, gebruiker=request.user, alleen_geldige=alleen_geldige
        )
        aantallen = {s: verslag.aantal(s) for s in ("geimporteerd", "aanwezig", "ongeldig")}
    return render(
        request,
        "monitoring/import.html",
        {
            "form": form,
            "verslag": verslag,
            "aantallen": aantallen,
            "kolommen": importeren.KOLOMMEN,
            "titel": _("Bestaande dossiers importeren"),
        },
    )


def importtaak_view(request, uuid):
    """A background import's progress and, when done, its report. Only its own user sees it."""
    _controleer(request)
    taak = get_object_or_404(Importtaak, uuid=uuid, gebruiker=request.user)
    fase, verwerkt, totaal = importtaken.voortgang(taak)
    context = {
        "taak": taak,
        "fase": fase,
        "verwerkt": verwerkt,
        "totaal": totaal,
        "procent": round(100 * verwerkt / totaal) if totaal else 0,
        "bezig": taak.status in (Importtaak.Status.WACHTEND, Importtaak.Status.BEZIG),
        "titel": _("Import op de achtergrond"),
    }
    if request.headers.get("HX-Request"):
        return render(request, "monitoring/_importtaak_stand.html", context)
    return render(request, "monitoring/importtaak.html", context)


def termijn_risico_view(request):
    """Drill-down of "termijn in gevaar": names, so every row shown is logged (Inzagelog)."""
    _controleer(request)
    form, selectie = _selectie(request)
    rijen, pagina = [], None
    if selectie is not None:
        band = request.GET.get("band", "")
        with relatie(selectie) as r:
            r = r.stand()  # people on the peildatum, as the aggregate table counts them
            gevonden = ind.termijn_risico_lijst(r, band if band in ind.RISICO_BANDEN else "")
        risico = {r.dossier_id: r for r in gevonden}
        dossiers = (
            dossiers_voor(request.user)
            .filter(pk__in=list(risico), gemeente_id__in=selectie.gemeente_ids)
            .select_related("inburgeraar", "gemeente", "consulent")
        )
        gesorteerd = sorted(dossiers, key=lambda d: (risico[d.pk].einde, d.pk))
        pagina = Paginator(gesorteerd, PER_PAGINA).get_page(request.GET.get("pagina"))
        banden, redenen, bronnen = risico_banden(), risico_redenen(), termijn_bronnen()
        doelgroepen = dict(Doelgroep.choices)
        for d in pagina:
            r = risico[d.pk]
            rijen.append(
                {
                    "naam": d.inburgeraar.naam,
                    "url": reverse("dossiers:dossier", kwargs={"uuid": d.uuid}),
                    "gemeente": d.gemeente.naam,
                    "doelgroep": doelgroepen.get(d.doelgroep, d.doelgroep),
                    "consulent": d.consulent.weergavenaam if d.consulent else "",
                    "leerroute": Leerroute(r.leerroute).label
                    if r.leerroute in Leerroute.values
                    else "",
                    "pip": r.pip,
                    "einde": r.einde,
                    "bron": bronnen[r.bron],
                    "band": banden[r.band],
                    "reden": redenen[r.reden],
                }
            )
        log_inzage(request.user, [d.pk for d in pagina], "monitoring_termijn")
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "monitoring/termijn_risico.html",
        {
            "form": form,
            "selectie": selectie,
            "rijen": rijen,
            "pagina": pagina,
            "query": query.urlencode(),
            "banden": risico_banden(),
            "band": request.GET.get("band", ""),
        },
        status=_status(selectie),
    )


def _cbs_levering(request):
    form = CbsForm(request.GET or None, gemeenten=gemeenten_voor(request.user))
    if not form.is_valid():
        return form, None, None
    kwartaal = cbs.Kwartaal(form.cleaned_data["jaar"], form.cleaned_data["kwartaal"])
    gemeente = form.gekozen_gemeente()
    return form, kwartaal, cbs.levering(dossiers_voor(request.user), gemeente, kwartaal)


def cbs_view(request):
    """CBS delivery: choose year, quarter and gemeente; completeness per mandatory column."""
    _controleer(request)
    form, kwartaal, rijen = _cbs_levering(request)
    ontbrekend = cbs.volledigheid(rijen) if rijen is not None else []
    getoond = {u for o in ontbrekend for u in o.uuids}
    if getoond:
        pks = {str(r.uuid): r.mijlpalen.dossier_id for r in rijen}
        log_inzage(request.user, sorted(pks[u] for u in getoond), "monitoring_cbs")
    return render(
        request,
        "monitoring/cbs.html",
        {
            "form": form,
            "kwartaal": kwartaal,
            "aantal": len(rijen) if rijen is not None else None,
            "ontbrekend": ontbrekend,
            "kolommen": cbs.KOLOMMEN,
            "query": urlencode({k: form.cleaned_data[k] for k in ("jaar", "kwartaal", "gemeente")})
            if kwartaal
            else "",
        },
        status=_status(kwartaal),
    )


def cbs_download_view(request):
    """The delivery file. Pseudonymised, but still personal data per row: logged."""
    _controleer(request)
    form, kwartaal, rijen = _cbs_levering(request)
    if rijen is None:
        return _ongeldige_keuze(form)
    gemeente = form.gekozen_gemeente()
    log_export(
        request.user,
        "cbs_levering",
        {"gemeente": gemeente.cbs_code, "kwartaal": str(kwartaal), "formaat": "csv"},
        [r.mijlpalen.dossier_id for r in rijen],
        doel="monitoring_cbs",
    )
    antwoord = HttpResponse(cbs.als_csv(rijen), content_type="text/csv; charset=utf-8")
    naam = f"swi_{gemeente.cbs_code}_{kwartaal}.csv"
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    return antwoord


def taakstelling_view(request):
    """The housing taakstelling per gemeente and half year (teamleider, beleid): a list and a
    form that adds or replaces one half year's number."""
    _controleer(request)
    gemeenten = list(gemeenten_voor(request.user))
    in_scope = {g.pk for g in gemeenten}
    form = TaakstellingForm(request.POST or None, gemeenten=gemeenten)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if d["gemeente"] not in in_scope:
            raise Http404
        taakstelling.leg_vast(
            d["gemeente"],
            jaar=d["jaar"],
            halfjaar=d["halfjaar"],
            aantal=d["aantal"],
            door=request.user,
        )
        messages.success(request, _("De taakstelling is opgeslagen."))
        return redirect("monitoring:taakstelling")
    return render(
        request,
        "monitoring/taakstelling.html",
        {
            "form": form,
            "taakstellingen": Taakstelling.objects.filter(gemeente_id__in=in_scope)
            .select_related("gemeente")
            .order_by("gemeente__naam", "-jaar", "-halfjaar"),
        },
        status=400 if request.method == "POST" else 200,
    )


def _rapport(request, uuid):
    """A report within the user's gemeenten; another gemeente's is not found (404)."""
    in_scope = [g.pk for g in gemeenten_voor(request.user)]
    return get_object_or_404(
        Rapportage.objects.select_related("gemeente"), uuid=uuid, gemeente_id__in=in_scope
    )


def rapportages_view(request):
    """The periodic reports of the user's gemeenten, and a form to make one."""
    _controleer(request)
    gemeenten = list(gemeenten_voor(request.user))
    form = RapportageForm(request.POST or None, gemeenten=gemeenten)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        gemeente = next(g for g in gemeenten if g.pk == d["gemeente"])
        rapport = rapportage.maak(
            gemeente, rapportage.Periode(d["jaar"], d["kwartaal"]), request.user
        )
        return redirect("monitoring:rapportage", uuid=rapport.uuid)
    return render(
        request,
        "monitoring/rapportages.html",
        {
            "form": form,
            "rapporten": Rapportage.objects.filter(gemeente__in=gemeenten).select_related(
                "gemeente"
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


def rapportage_view(request, uuid):
    """The report as a page; the beleidsmedewerker edits the text and publishes it."""
    _controleer(request)
    rapport = _rapport(request, uuid)
    form = RapportageTekstForm(request.POST or None, initial={"tekst": rapport.tekst})
    if request.method == "POST":
        if not form.is_valid():
            return HttpResponse(status=400)
        with transaction.atomic():
            rapport.tekst = form.cleaned_data["tekst"]
            rapport.gewijzigd_door = request.user
            if "publiceren" in request.POST:
                rapport.gepubliceerd_op = timezone.now()
            rapport.save()
        messages.success(request, _("De rapportage is opgeslagen."))
        return redirect("monitoring:rapportage", uuid=rapport.uuid)
    return render(
        request,
        "monitoring/rapportage.html",
        {"rapport": rapport, "inhoud": rapportage.inhoud(rapport), "form": form},
    )


def rapportage_pdf_view(request, uuid):
    """The report as a tagged PDF (aggregates only, no personal data)."""
    _controleer(request)
    rapport = _rapport(request, uuid)
    html = render_to_string(
        "monitoring/rapportage_document.html",
        {"rapport": rapport, "inhoud": rapportage.inhoud(rapport)},
    )
    log_export(
        request.user,
        "monitoring_rapportage",
        {"gemeente": rapport.gemeente.cbs_code, "jaar": rapport.jaar, "kwartaal": rapport.kwartaal},
    )
    antwoord = HttpResponse(pdf_uit_html(html), content_type="application/pdf")
    naam = f"rapportage_{rapport.gemeente.cbs_code}_{rapport.jaar}"
    naam += f"K{rapport.kwartaal}" if rapport.kwartaal else ""
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.pdf"'
    return antwoord
