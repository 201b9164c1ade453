from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from inburgering.accounts.models import Rol
from inburgering.accounts.toegang import gemeenten_voor

from . import importeren
from .forms import FilterForm, ImportForm
from .indicatoren import Selectie
from .tabellen import als_csv, als_xlsx, tabellen

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
    )


def dashboard_view(request):
    """Aggregates only: no personal data, so no access log rows."""
    _controleer(request)
    form, selectie = _selectie(request)
    context = {
        "form": form,
        "tabellen": tabellen(selectie) if selectie else [],
        "query": request.GET.urlencode(),
        "selectie": selectie,
    }
    return render(request, "monitoring/dashboard.html", context)


def export_view(request, sleutel: str, formaat: str):
    _controleer(request)
    _form, selectie = _selectie(request)
    if selectie is None or formaat not in ("csv", "xlsx"):
        raise Http404
    tabel = next((t for t in tabellen(selectie) if t.sleutel == sleutel), None)
    if tabel is None:
        raise Http404
    naam = f"{sleutel}_{selectie.peildatum:%Y%m%d}"
    if formaat == "csv":
        antwoord = HttpResponse(als_csv(tabel), content_type="text/csv; charset=utf-8")
    else:
        antwoord = HttpResponse(
            als_xlsx(tabel),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.{formaat}"'
    return antwoord


def import_view(request):
    _controleer(request)
    verslag = None
    form = ImportForm(request.POST or None, request.FILES or None)
    aantallen = {}
    if request.method == "POST" and form.is_valid():
        verslag = importeren.importeer(
            form.cleaned_data["bestand"].read(),
            gebruiker=request.user,
            alleen_geldige=form.cleaned_data["alleen_geldige"],
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
