from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("export/<slug:sleutel>.<str:formaat>", views.export_view, name="export"),
    path("import/", views.import_view, name="import"),
]
