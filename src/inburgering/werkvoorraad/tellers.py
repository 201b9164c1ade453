"""Receivers that renew the navigation's counts (`services.tellingen`, cached per gemeente
version in `dossiers.panelen`) when something without an event changes: an appointment, or a
DUO notification kept as `onbekend`."""

from django.db import transaction

from inburgering.dossiers import panelen
from inburgering.dossiers.models import Dossier


def bij_afspraak(sender, instance, **kwargs) -> None:
    gemeente_id = (
        Dossier.objects.filter(pk=instance.dossier_id).values_list("gemeente_id", flat=True).first()
    )
    if gemeente_id:
        transaction.on_commit(lambda: panelen.gemeente_gewijzigd(gemeente_id))


def bij_bericht(sender, instance, **kwargs) -> None:
    from inburgering.koppelingen.models import Status

    if instance.status == Status.ONBEKEND and instance.gemeente_id:
        gemeente_id = instance.gemeente_id
        transaction.on_commit(lambda: panelen.gemeente_gewijzigd(gemeente_id))
