"""/api/v1/: outside the session login (each view authenticates the calling organisation
itself, `toegang.SleutelAuthenticatie`), hence `login_not_required` and `zonder_tweede_factor`
(docs/adr/0009, 0028). No trailing slashes; no personal data in a path or query string: a
dossier is its UUID, a placement its id."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path

from inburgering.accounts.beveiliging import zonder_tweede_factor

from . import views

app_name = "api"


def _m2m(view):
    return login_not_required(zonder_tweede_factor(view))


urlpatterns = [
    path("api/v1/dossiers", _m2m(views.DossierLijst.as_view()), name="dossiers"),
    path("api/v1/dossiers/<uuid:uuid>", _m2m(views.DossierDetail.as_view()), name="dossier"),
    path(
        "api/v1/dossiers/<uuid:uuid>/mb-rapportages",
        _m2m(views.MbRapportages.as_view()),
        name="mb_rapportages",
    ),
    path(
        "api/v1/dossiers/<uuid:uuid>/coa-overdrachten",
        _m2m(views.CoaOverdrachten.as_view()),
        name="coa_overdrachten",
    ),
    path(
        "api/v1/dossiers/<uuid:uuid>/ontzorging",
        _m2m(views.OntzorgingDetail.as_view()),
        name="ontzorging",
    ),
    path("api/v1/ontzorgingen", _m2m(views.OntzorgingLijst.as_view()), name="ontzorgingen"),
    path("api/v1/plaatsingen", _m2m(views.PlaatsingLijst.as_view()), name="plaatsingen"),
    path("api/v1/plaatsingen/<int:pk>", _m2m(views.PlaatsingDetail.as_view()), name="plaatsing"),
    path(
        "api/v1/plaatsingen/<int:pk>/intakeresultaten",
        _m2m(views.Intakeresultaten.as_view()),
        name="intakeresultaten",
    ),
    path(
        "api/v1/plaatsingen/<int:pk>/examenintenties",
        _m2m(views.Examenintenties.as_view()),
        name="examenintenties",
    ),
    path("api/v1/uren", _m2m(views.UrenBulk.as_view()), name="uren"),
    # Anything else under /api/v1/: a problem+json 404, not the HTML page.
    re_path(r"^api/v1/[\s\S]*\Z", _m2m(views.niet_gevonden), name="onbekend"),
]
