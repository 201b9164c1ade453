"""The staff side of the portal's experience questionnaire, under /monitoring/ervaringen/."""

from django.urls import path

from . import kwaliteit

app_name = "ervaringen"
urlpatterns = [
    path("", kwaliteit.toelichtingen_view, name="toelichtingen"),
]
