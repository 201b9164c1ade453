from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Gemeente, GemeenteConfiguratie


@receiver(post_save, sender=Gemeente)
def maak_configuratie(sender, instance: Gemeente, created: bool, **kwargs) -> None:
    """Every gemeente has a configuration record, so local policy always has its defaults."""
    if created:
        GemeenteConfiguratie.objects.get_or_create(gemeente=instance)
