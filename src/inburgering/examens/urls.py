from django.urls import path

from . import views

app_name = "examens"
urlpatterns = [
    path("dossiers/<uuid:uuid>/examens/", views.examens_view, name="examens"),
]
