from django.urls import path

from . import views, views_sjablonen

app_name = "intake"
urlpatterns = [
    path("dossiers/<uuid:uuid>/contact/", views.contact_view, name="contact"),
    path(
        "dossiers/<uuid:uuid>/afspraken/<int:pk>/status/",
        views.afspraak_status_view,
        name="afspraak_status",
    ),
    path("dossiers/<uuid:uuid>/oproepen/", views.oproepen_view, name="oproepen"),
    path("dossiers/<uuid:uuid>/brieven/<int:pk>/", views.brief_view, name="brief"),
    path("dossiers/<uuid:uuid>/brieven/<int:pk>/brief.pdf", views.brief_pdf_view, name="brief_pdf"),
    path("dossiers/<uuid:uuid>/intake/", views.brede_intake_view, name="brede_intake"),
    path("dossiers/<uuid:uuid>/intake/gezondheid/", views.gezondheid_view, name="gezondheid"),
    path("dossiers/<uuid:uuid>/toets-en-route/", views.toets_en_route_view, name="toets_en_route"),
    path("briefteksten/", views_sjablonen.overzicht_view, name="briefteksten"),
    path(
        "briefteksten/<int:gemeente>/<str:soort>/",
        views_sjablonen.brieftekst_view,
        name="brieftekst",
    ),
]
