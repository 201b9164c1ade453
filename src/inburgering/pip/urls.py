from django.urls import path

from . import views

app_name = "pip"
urlpatterns = [
    path("dossiers/<uuid:uuid>/pip/", views.pip_view, name="pip"),
    path(
        "dossiers/<uuid:uuid>/pip/<int:nummer>/beschikking.pdf",
        views.beschikking_view,
        name="beschikking",
    ),
    path(
        "dossiers/<uuid:uuid>/pip/<int:nummer>/verzonden/",
        views.beschikking_verzonden_view,
        name="beschikking_verzonden",
    ),
    path(
        "dossiers/<uuid:uuid>/pip/<int:nummer>/samenvatting/",
        views.samenvatting_view,
        name="samenvatting",
    ),
    path(
        "dossiers/<uuid:uuid>/pip/<int:nummer>/samenvatting.pdf",
        views.samenvatting_pdf_view,
        name="samenvatting_pdf",
    ),
]
