from django.urls import path

from . import views, views_beheer

app_name = "traject"
urlpatterns = [
    path("traject/aanbieders/", views_beheer.aanbieders_view, name="aanbieders"),
    path("traject/aanbieders/nieuw/", views_beheer.aanbieder_nieuw_view, name="aanbieder_nieuw"),
    path("traject/aanbieders/<int:pk>/", views_beheer.aanbieder_view, name="aanbieder"),
    path("traject/producten/<int:pk>/", views_beheer.product_view, name="product"),
    path("traject/locaties/<int:pk>/", views_beheer.locatie_view, name="locatie"),
    path("traject/contracten/", views_beheer.contracten_view, name="contracten"),
    path("traject/contracten/nieuw/", views_beheer.contract_nieuw_view, name="contract_nieuw"),
    path("traject/contracten/<int:pk>/", views_beheer.contract_view, name="contract"),
    path("traject/instellingen/", views_beheer.instellingen_view, name="instellingen"),
    path("traject/uren/", views.upload_view, name="upload"),
    path("dossiers/<uuid:uuid>/route/", views.route_view, name="route"),
]
