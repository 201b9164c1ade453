"""What the gemeente paid for an exam attempt, as the consulent records it. The event
`EXAMEN_BETAALD` in the dossier's log is the record of the act; this row holds it for the
overview and the totals (one row per event)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers.models import Dossier, DossierEvent


class Onderdeel(models.TextChoices):
    """DUO's codes of the exam components (Examen API, `ExamenonderdeelWI2021Inburgering`)."""

    LEZEN = "LE", _("Lezen")
    LUISTEREN = "LU", _("Luisteren")
    SCHRIJVEN = "SC", _("Schrijven")
    SPREKEN = "SP", _("Spreken")
    KNM = "KNM", _("Kennis van de Nederlandse maatschappij (KNM)")


class ExamenBetaling(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="examenbetalingen")
    onderdeel = models.CharField(_("examenonderdeel"), max_length=3, choices=Onderdeel.choices)
    bedrag_cents = models.PositiveIntegerField(_("bedrag in centen"))
    datum = models.DateField(_("betaaldatum"))
    factuurreferentie = models.CharField(_("factuurreferentie"), max_length=50)
    event = models.OneToOneField(DossierEvent, on_delete=models.PROTECT, related_name="+")
    geregistreerd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("betaalde examenpoging")
        verbose_name_plural = _("betaalde examenpogingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bedrag_cents__gt=0), name="examenbetaling_bedrag_positief"
            ),
            models.UniqueConstraint(
                fields=["dossier", "onderdeel", "factuurreferentie"],
                name="examenbetaling_factuur_eenmaal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.onderdeel} {self.datum}"

    @property
    def bedrag_euro(self) -> str:
        return euro(self.bedrag_cents)


def euro(cents: int) -> str:
    """ "1.250,50" (Dutch notation, without the sign)."""
    tekst = f"{cents / 100:,.2f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")
