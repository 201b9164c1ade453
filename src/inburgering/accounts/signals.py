from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from .models import Gebruiker, Gemeente, GemeenteConfiguratie
from .toegang import vergeet_werkgebied


@receiver(post_save, sender=Gemeente)
def maak_configuratie(sender, instance: Gemeente, created: bool, **kwargs) -> None:
    """Every gemeente has a configuration record, so local policy always has its defaults."""
    if created:
        GemeenteConfiguratie.objects.get_or_create(gemeente=instance)


@receiver(m2m_changed, sender=Gebruiker.gemeenten.through)
def vergeet_gelezen_werkgebied(sender, instance, **kwargs) -> None:
    """`toegang.werkgebied` keeps the user's gemeenten on the user object; a change through
    that object (user.gemeenten.add/set/remove) must not leave the old list behind."""
    if isinstance(instance, Gebruiker):
        vergeet_werkgebied(instance)
