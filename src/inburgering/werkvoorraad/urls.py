from django.urls import path

from . import views

app_name = "werkvoorraad"

urlpatterns = [
    path("werkvoorraad/goedkeuring/", views.goedkeuring_view, name="goedkeuring"),
    path("werkvoorraad/afspraken/", views.afspraken_view, name="afspraken"),
    path("werkvoorraad/signalen/", views.signalen_view, name="signalen"),
    path(
        "dossiers/<uuid:uuid>/signaal-afhandelen/",
        views.signaal_afhandelen_view,
        name="signaal_afhandelen",
    ),
    path(
        "werkvoorraad/meldingen/<int:pk>/afhandelen/",
        views.bericht_afhandelen_view,
        name="bericht_afhandelen",
    ),
]
