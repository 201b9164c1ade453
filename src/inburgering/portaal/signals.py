"""Signals of the portal.

* A staff login in a browser that holds a citizen session drops the citizen's part: the two
  never share one session (sessie.py).
* "Something changed" messages (berichten.py): a new appointment, a letter sent, a PIP set or
  a new contact person puts a message in the outbox, in the same transaction.
"""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save

from inburgering.dossiers.models import DossierEvent
from inburgering.dossiers.workflow import Soort
from inburgering.intake.models import Afspraak

from .sessie import SLEUTEL

#: The events the person hears about (by "log in to see").
MELDEN = frozenset({Soort.BRIEF_VERZONDEN, Soort.PIP_VASTGESTELD, Soort.CONSULENT_TOEGEWEZEN})


def _staf_ingelogd(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session.pop(SLEUTEL, None)


def _gebeurtenis(sender, instance: DossierEvent, created: bool, raw: bool = False, **kwargs):
    if created and not raw and instance.soort in MELDEN:
        from .berichten import GEWIJZIGD, zet_klaar

        zet_klaar(instance.dossier, GEWIJZIGD, f"gewijzigd:event:{instance.pk}")


def _afspraak(sender, instance: Afspraak, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        from .berichten import GEWIJZIGD, zet_klaar

        zet_klaar(instance.dossier, GEWIJZIGD, f"gewijzigd:afspraak:{instance.pk}")


def verbind() -> None:
    user_logged_in.connect(_staf_ingelogd, dispatch_uid="portaal_staf_ingelogd")
    post_save.connect(_gebeurtenis, sender=DossierEvent, dispatch_uid="portaal_gebeurtenis")
    post_save.connect(_afspraak, sender=Afspraak, dispatch_uid="portaal_afspraak")
