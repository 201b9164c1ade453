from django.urls import path

from . import views

app_name = "portaal"

urlpatterns = [
    path("", views.start_view, name="start"),
    path("inloggen/", views.inloggen_view, name="inloggen"),
    path("inloggen/terug/", views.terug_view, name="terug"),
    path("geen-dossier/", views.geen_dossier_view, name="geen_dossier"),
    path("uitloggen/", views.uitloggen_view, name="uitloggen"),
    path("uitgelogd/", views.uitgelogd_view, name="uitgelogd"),
    path("taal/", views.taal_view, name="taal"),
    path("overzicht/", views.overzicht_view, name="overzicht"),
    path("kind/<int:pk>/", views.kind_view, name="kind"),
    path("eigen-dossier/", views.eigen_dossier_view, name="eigen_dossier"),
    path("afspraken/", views.afspraken_view, name="afspraken"),
    path("afspraken/<int:pk>/bevestigen/", views.bevestigen_view, name="bevestigen"),
    path("afspraken/<int:pk>/verzetten/", views.verzetten_view, name="verzetten"),
    path("afspraken/<int:pk>/agenda.ics", views.afspraak_ics_view, name="afspraak_ics"),
    path("plan/", views.plan_view, name="plan"),
    path("route/", views.route_view, name="route"),
    path("brieven/", views.brieven_view, name="brieven"),
    path("brieven/<slug:kenmerk>/", views.brief_pdf_view, name="brief_pdf"),
    path("gegevens/", views.gegevens_view, name="gegevens"),
    path("meelezen/", views.meelezen_view, name="meelezen"),
    path("ervaring/", views.ervaring_view, name="ervaring"),
]
