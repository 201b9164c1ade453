"""The functioneel beheerder's management pages (views_beheer.py), under /instellingen/."""

from django.urls import path

from . import views_beheer as v

app_name = "instellingen"

urlpatterns = [
    path("gebruikers/", v.gebruikers_view, name="gebruikers"),
    path("gebruikers/nieuw/", v.gebruiker_nieuw_view, name="gebruiker_nieuw"),
    path("gebruikers/<int:gebruiker_id>/", v.gebruiker_view, name="gebruiker"),
    path("teams/", v.teams_view, name="teams"),
    path("teams/<int:team_id>/", v.team_view, name="team"),
    path("gemeenten/", v.gemeenten_view, name="gemeenten"),
    path("gemeenten/nieuw/", v.gemeente_nieuw_view, name="gemeente_nieuw"),
    path("gemeenten/<str:cbs_code>/", v.gemeente_view, name="gemeente"),
    path("gemeenten/<str:cbs_code>/gegevens/", v.gemeente_gegevens_view, name="gemeente_gegevens"),
    path("regios/", v.samenwerkingsverbanden_view, name="samenwerkingsverbanden"),
    path("regios/nieuw/", v.samenwerkingsverband_view, name="samenwerkingsverband_nieuw"),
    path("regios/<int:verband_id>/", v.samenwerkingsverband_view, name="samenwerkingsverband"),
    path("wijzigingen/", v.wijzigingen_view, name="wijzigingen"),
]
