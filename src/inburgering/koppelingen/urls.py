from django.urls import path

from .duo.notificaties import notificatie_view
from .views import (
    afstemming_view,
    berichten_view,
    hervat_view,
    koppel_bsn_view,
    opnieuw_controleren_view,
    opnieuw_view,
)

app_name = "koppelingen"

urlpatterns = [
    path("api/duo/v1/notificaties", notificatie_view, name="duo-notificaties"),
    path("koppelingen/duo/berichten/", berichten_view, name="berichten"),
    path("koppelingen/duo/afstemming/", afstemming_view, name="afstemming"),
    path("koppelingen/duo/berichten/<str:soort>/<int:pk>/opnieuw/", opnieuw_view, name="opnieuw"),
    path("koppelingen/duo/hervat/", hervat_view, name="hervat"),
    path("koppelingen/duo/berichten/<int:pk>/koppel-bsn/", koppel_bsn_view, name="koppel-bsn"),
    path(
        "koppelingen/duo/leveringen/<int:pk>/opnieuw-controleren/",
        opnieuw_controleren_view,
        name="opnieuw-controleren",
    ),
]
