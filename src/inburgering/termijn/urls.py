from django.urls import path

from . import views

app_name = "termijn"
urlpatterns = [
    path("termijnen/", views.werklijst_view, name="werklijst"),
    path("dossiers/<uuid:uuid>/termijn/", views.termijn_view, name="termijn"),
]
