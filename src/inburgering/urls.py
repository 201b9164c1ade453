from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from inburgering import gezond
from inburgering.accounts import oidc
from inburgering.accounts import views as accounts_views
from inburgering.accounts.beveiliging import zonder_tweede_factor
from inburgering.dossiers import views as dossier_views
from inburgering.privacy import views as views_avg

accounts_patterns = (
    [
        path("inloggen/", zonder_tweede_factor(accounts_views.LoginView.as_view()), name="login"),
        path("uitloggen/", zonder_tweede_factor(oidc.UitloggenView.as_view()), name="logout"),
        path(
            "oidc/inloggen/",
            login_not_required(zonder_tweede_factor(oidc.InloggenView.as_view())),
            name="oidc_inloggen",
        ),
        path(
            "oidc/terug/",
            login_not_required(zonder_tweede_factor(oidc.TerugView.as_view())),
            name="oidc_terug",
        ),
        path("inlogcode/", accounts_views.otp_code_view, name="otp_code"),
        path("tweestapsverificatie/", accounts_views.otp_inschrijven_view, name="otp_inschrijven"),
        path(
            "wachtwoord/",
            accounts_views.WachtwoordWijzigenView.as_view(),
            name="wachtwoord_wijzigen",
        ),
        path(
            "wachtwoord/gewijzigd/",
            accounts_views.WachtwoordGewijzigdView.as_view(),
            name="wachtwoord_gewijzigd",
        ),
        path("inzagelog/", accounts_views.inzagelog_view, name="inzagelog"),
        path("inzageverzoek/", views_avg.inzageverzoek_view, name="inzageverzoek"),
        path("inzageverzoek/overzicht.pdf", views_avg.inzageverzoek_pdf_view, name="inzage_pdf"),
        path(
            "inzageverzoek/overzicht.json",
            views_avg.inzageverzoek_json_view,
            name="inzage_json",
        ),
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
            "dossiers/<uuid:uuid>/persoonsgegevens/",
            dossier_views.persoonsgegevens_view,
            name="persoonsgegevens",
        ),
        path(
            "dossiers/<uuid:uuid>/uitkomsten/",
            dossier_views.uitkomsten_view,
            name="uitkomsten",
        ),
    ],
    "dossiers",
)

handler500 = "inburgering.drukte.server_error"
#: Not found: the portal's own page (its layout and language) under /portaal/, else Django's.
handler404 = "inburgering.portaal.views.niet_gevonden"

urlpatterns = [
    path("", accounts_views.startpagina_view, name="start"),
    path("account/", include(accounts_patterns)),
    path("", include(dossier_patterns)),
    path("instellingen/", include("inburgering.accounts.urls")),
    path("", include("inburgering.intake.urls")),
    path("", include("inburgering.koppelingen.urls")),
    path("monitoring/", include("inburgering.monitoring.urls")),
    path("monitoring/ervaringen/", include("inburgering.portaal.urls_kwaliteit")),
    path("", include("inburgering.pip.urls")),
    path("", include("inburgering.examens.urls")),
    path("", include("inburgering.werkvoorraad.urls")),
    path("", include("inburgering.brieven.urls")),
    path("", include("inburgering.traject.urls")),
    path("", include("inburgering.termijn.urls")),
    path("", include("inburgering.handhaving.urls")),
    path("", include("inburgering.partners.urls")),
    path("portaal/", include("inburgering.portaal.urls")),
    path("", include("inburgering.ontzorgen.urls")),
    path("", include("inburgering.verhuizing.urls")),
    path("", include("inburgering.api.urls")),
    # The language switch is on the login page too: it works before logging in.
    path(
        "i18n/setlang/",
        login_not_required(zonder_tweede_factor(set_language)),
        name="set_language",
    ),
    # One way in, with throttling and the second factor: the admin's own login form is not used.
    path("beheer/login/", accounts_views.beheer_login_view),
    path("beheer/", admin.site.urls),
    # Probes of the platform (inburgering/gezond.py): public, no personal data.
    path("gezond/leeft", gezond.leeft_view, name="gezond-leeft"),
    path("gezond/klaar", gezond.klaar_view, name="gezond-klaar"),
]
