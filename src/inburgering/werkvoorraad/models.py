"""Handled DUO notifications that have no dossier to hold the fact (`onbekend`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker
from inburgering.koppelingen.models import InkomendBericht


class AfgehandeldBericht(models.Model):
    """Who handled an `onbekend` DUO notification from the work queue, and when."""

    bericht = models.OneToOneField(
        InkomendBericht, on_delete=models.PROTECT, related_name="afhandeling"
    )
    door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(_("afgehandeld op"), auto_now_add=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("afgehandelde melding van DUO")
        verbose_name_plural = _("afgehandelde meldingen van DUO")

    def __str__(self) -> str:
        return f"{self.bericht} afgehandeld"
