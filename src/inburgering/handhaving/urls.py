from django.urls import path

from . import views

app_name = "handhaving"
urlpatterns = [
    path("dossiers/<uuid:uuid>/handhaving/", views.handhaving_view, name="handhaving"),
    path(
        "dossiers/<uuid:uuid>/handhaving/<int:pk>/voornemen.pdf",
        views.voornemen_pdf_view,
        name="voornemen_pdf",
    ),
    path(
        "dossiers/<uuid:uuid>/handhaving/<int:pk>/beschikking.pdf",
        views.beschikking_pdf_view,
        name="beschikking_pdf",
    ),
    path("handhaving/invordering.csv", views.invordering_view, name="invordering"),
]
