"""Staff pages of the portal's experience questionnaire (issue 19 item 7): the free-text answers
for the roles that see monitoring (kwaliteit, teamleider), in their own gemeenten.

Aggregates-only access: an answer (`Ervaring`) has no link to a person or dossier and keeps only
the gemeente, the milestone and the month, and this page shows nothing else (no name, no dossier
link, no date finer than the month). It shows no personal data of a known person, so it writes
no access-log rows, like the monitoring dashboard. The form asks people not to write names; a
text that still holds one is not linked to any dossier."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from inburgering.accounts.toegang import gemeenten_voor
from inburgering.monitoring.views import mag_monitoring_zien

from . import monitoring


@require_http_methods(["GET"])
def toelichtingen_view(request: HttpRequest) -> HttpResponse:
    if not mag_monitoring_zien(request.user):
        raise PermissionDenied
    gemeente_ids = list(gemeenten_voor(request.user).values_list("pk", flat=True))
    return render(
        request,
        "portaal/kwaliteit/toelichtingen.html",
        {
            "toelichtingen": monitoring.toelichtingen(gemeente_ids),
            "meer_gemeenten": len(gemeente_ids) > 1,
        },
    )
