"""API keys per partner organisation and the stored answers of idempotent requests.

A key is shown once, when the beheerder creates it in the admin; only its SHA-256 is kept
(the key is 32 random bytes, so a fast hash suffices: there is nothing to guess). The first
characters (`prefix`) identify the key in lists and logs. Revoking sets `ingetrokken_op`."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.partners.models import Organisatie

SLEUTEL_VOORVOEGSEL = "ibr_"


def hash_van(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


class SleutelQuerySet(models.QuerySet["Sleutel"]):
    def geldig(self) -> SleutelQuerySet:
        return self.filter(ingetrokken_op__isnull=True, organisatie__actief=True)


class Sleutel(models.Model):
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="api_sleutels",
        verbose_name=_("organisatie"),
    )
    naam = models.CharField(
        _("naam"), max_length=100, help_text=_("Waarvoor de sleutel dient, bijv. 'productie'.")
    )
    prefix = models.CharField(_("begin van de sleutel"), max_length=16, unique=True)
    sleutelhash = models.CharField(max_length=64, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = SleutelQuerySet.as_manager()

    class Meta:
        ordering = ["organisatie__naam", "-aangemaakt_op"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.naam} ({self.prefix}…)"

    @property
    def ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None

    @classmethod
    def maak(cls, organisatie: Organisatie, naam: str) -> tuple[Sleutel, str]:
        """A new key: the row and the key itself (shown once, never stored)."""
        geheim = secrets.token_urlsafe(32)
        sleutel = SLEUTEL_VOORVOEGSEL + geheim
        rij = cls.objects.create(
            organisatie=organisatie,
            naam=naam,
            prefix=sleutel[:12],
            sleutelhash=hash_van(sleutel),
        )
        return rij, sleutel

    def trek_in(self) -> None:
        if self.ingetrokken_op is None:
            self.ingetrokken_op = timezone.now()
            self.save(update_fields=["ingetrokken_op"])


class Idempotentie(models.Model):
    """The answer to a POST with an `Idempotency-Key`: the same key with the same body gets
    the same answer again, without doing the work twice."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    sleutel = models.CharField(max_length=100)
    pad = models.CharField(max_length=200)
    inhoudhash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    antwoord = models.JSONField(default=dict)
    aangemaakt_op = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotent verzoek")
        verbose_name_plural = _("idempotente verzoeken")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "sleutel"], name="api_idempotentie_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisatie_id}: {self.sleutel}"
