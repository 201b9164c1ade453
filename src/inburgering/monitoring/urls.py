from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("export/<slug:sleutel>.<str:formaat>", views.export_view, name="export"),
    path("import/", views.import_view, name="import"),
    path("import/<uuid:uuid>/", views.importtaak_view, name="importtaak"),
    path("termijn-risico/", views.termijn_risico_view, name="termijn_risico"),
    path("cbs/", views.cbs_view, name="cbs"),
    path("taakstelling/", views.taakstelling_view, name="taakstelling"),
    path("rapportages/", views.rapportages_view, name="rapportages"),
    path("rapportages/<uuid:uuid>/", views.rapportage_view, name="rapportage"),
    path("rapportages/<uuid:uuid>.pdf", views.rapportage_pdf_view, name="rapportage_pdf"),
    path("cbs/levering.csv", views.cbs_download_view, name="cbs_levering"),
]
