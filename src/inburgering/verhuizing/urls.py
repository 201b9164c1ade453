from django.urls import path

from . import views

app_name = "verhuizing"
urlpatterns = [
    path("dossiers/<uuid:uuid>/verhuizing/", views.verhuizing_view, name="verhuizing"),
    path("dossiers/<uuid:uuid>/verhuizing/pakket.json", views.pakket_json_view, name="pakket_json"),
    path("dossiers/<uuid:uuid>/verhuizing/pakket.pdf", views.pakket_pdf_view, name="pakket_pdf"),
    path("verhuizingen/", views.inkomend_view, name="inkomend"),
    path("verhuizingen/inlezen/", views.inlezen_view, name="inlezen"),
    path("verhuizingen/<uuid:overdracht>/", views.overdracht_view, name="overdracht"),
]
