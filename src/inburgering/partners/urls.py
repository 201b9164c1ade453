from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("partner/", views.start_view, name="start"),
    path("partner/dossiers/<uuid:uuid>/", views.dossier_view, name="dossier"),
    path("dossiers/<uuid:uuid>/partners/", views.betrokken_view, name="betrokken"),
    path("instellingen/partners/", views.organisaties_view, name="organisaties"),
    path("instellingen/partners/<int:pk>/", views.organisatie_view, name="organisatie"),
]
