from django.urls import path

from . import views

app_name = "ontzorgen"
urlpatterns = [
    path("dossiers/<uuid:uuid>/ontzorgen/", views.dossier_view, name="dossier"),
    path("ontzorgen/batches/", views.batches_view, name="batches"),
    path("ontzorgen/batches/<uuid:batch>/", views.batch_view, name="batch"),
    path(
        "ontzorgen/batches/<uuid:batch>/<str:formaat>/",
        views.batch_bestand_view,
        name="batch_bestand",
    ),
    path("ontzorgen/import/", views.import_view, name="import"),
]
