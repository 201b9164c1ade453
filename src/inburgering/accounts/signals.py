from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import sessiegebruiker
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


@receiver(post_save, sender=Gebruiker)
@receiver(post_delete, sender=Gebruiker)
def vergeet_bewaarde_gebruiker(sender, instance: Gebruiker, **kwargs) -> None:
    """A changed or removed user is read anew at its next request (sessiegebruiker.py)."""
    sessiegebruiker.vergeet([instance.pk])


@receiver(m2m_changed, sender=Gebruiker.gemeenten.through)
def vergeet_bewaarde_gebruikers_bij_gemeenten(
    sender, instance, action: str, pk_set, **kwargs
) -> None:
    """Gemeenten added to or taken from users, from either side (a `clear` from the
    gemeente's side names no users: all of that gemeente's, before they are removed)."""
    if isinstance(instance, Gebruiker):
        if action.startswith("post_"):
            sessiegebruiker.vergeet([instance.pk])
    elif action == "pre_clear":
        sessiegebruiker.vergeet(_gebruikers_van(instance.pk))
    elif action.startswith("post_") and pk_set:
        sessiegebruiker.vergeet(pk_set)


@receiver(post_save, sender=Gemeente)
@receiver(post_save, sender=GemeenteConfiguratie)
def vergeet_bewaarde_gebruikers_van_gemeente(sender, instance, **kwargs) -> None:
    """The kept users carry their gemeenten's names and caseload settings (`werkgebied`)."""
    gemeente_id = instance.pk if isinstance(instance, Gemeente) else instance.gemeente_id
    sessiegebruiker.vergeet(_gebruikers_van(gemeente_id))


def _gebruikers_van(gemeente_id: int) -> list[int]:
    if not getattr(settings, "GEBRUIKER_IN_CACHE", False):
        return []
    return list(
        Gebruiker.gemeenten.through.objects.filter(gemeente_id=gemeente_id).values_list(
            "gebruiker_id", flat=True
        )
    )
