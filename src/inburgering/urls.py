from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from inburgering.accounts import views as accounts_views
from inburgering.dossiers import views as dossier_views

accounts_patterns = (
    [
        path("inloggen/", accounts_views.LoginView.as_view(), name="login"),
        path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
        path("inzagelog/", accounts_views.inzagelog_view, name="inzagelog"),
    ],
    "accounts",
)

dossier_patterns = (
    [
        path("caseload/", dossier_views.caseload_view, name="caseload"),
        path("dossiers/nieuw/", dossier_views.nieuw_dossier_view, name="nieuw"),
        path("dossiers/bulk/", dossier_views.bulk_view, name="bulk"),
        path("dossiers/<uuid:uuid>/", dossier_views.dossier_view, name="dossier"),
        path(
            "dossiers/<uuid:uuid>/uitkomsten/",
            dossier_views.uitkomsten_view,
            name="uitkomsten",
        ),
    ],
    "dossiers",
)

handler500 = "inburgering.drukte.server_error"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="dossiers:caseload", permanent=False)),
    path("account/", include(accounts_patterns)),
    path("", include(dossier_patterns)),
    path("", include("inburgering.intake.urls")),
    path("", include("inburgering.koppelingen.urls")),
    path("monitoring/", include("inburgering.monitoring.urls")),
    path("", include("inburgering.pip.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
