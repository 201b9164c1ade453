from django.urls import path

from . import views

app_name = "brieven"

urlpatterns = [
    path("account/contactgegevens/", views.contactgegevens_view, name="contactgegevens"),
    path("briefhoofd/", views.briefhoofden_view, name="briefhoofden"),
    path("briefhoofd/<int:gemeente>/", views.briefhoofd_view, name="briefhoofd"),
]
