"""A transfer of a dossier after a move (Wi 2021 art. 35 lid 4): the package as it was sent or
received, and per gemeente whether free-text notes travel along (docs/adr/0024)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.dossiers.models import Dossier


class Verhuisinstelling(models.Model):
    """The sending gemeente's choice for the package: free-text notes and contact remarks travel
    only when this is on (default off: Wi art. 35 lid 4 names the plan, the progress and the
    fines, not the consulent's notes)."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="verhuisinstelling"
    )
    notities_meegeven = models.BooleanField(
        _("notities meegeven bij overdracht"),
        default=False,
        help_text=_(
            "Aan: vrije tekst van notities en contactmomenten gaat mee in het "
            "overdrachtspakket. Uit (standaard): alleen datum, soort en kanaal."
        ),
    )

    class Meta:
        verbose_name = _("instelling verhuizing")
        verbose_name_plural = _("instellingen verhuizing")

    def __str__(self) -> str:
        return str(self.gemeente)


class Status(models.TextChoices):
    WACHT_OP_ACCEPTATIE = "wacht_op_acceptatie", _("Wacht op acceptatie")
    OVERGEDRAGEN = "overgedragen", _("Overgedragen")
    GEEXPORTEERD = "geexporteerd", _("Als bestand klaargezet (andere installatie)")
    INGELEZEN = "ingelezen", _("Ingelezen uit bestand")


class Overdracht(models.Model):
    """One transfer package. Within one installation: `oud_dossier` → `naar_gemeente`, waiting
    until a user of that gemeente accepts it (`nieuw_dossier`). To another installation: the
    package file (`GEEXPORTEERD`). From another installation: `INGELEZEN`, only the receiving
    side exists here. `pakket` is the JSON exactly as built or read (pakket.py)."""

    #: The package's own id (`overdracht_id` in the JSON): one row per package in an
    #: installation, so a package cannot be read in twice.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices)
    oud_dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    nieuw_dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    van_gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    naar_gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    van_gemeente_naam = models.CharField(_("vorige gemeente"), max_length=100)
    naar_gemeente_naam = models.CharField(_("nieuwe gemeente"), max_length=100, blank=True)
    inschrijving = models.DateField(_("inschrijving in de nieuwe gemeente"))
    pakket = models.JSONField(_("pakket"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    afgerond_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            # A dossier is sent once; a package (by its id) is received once.
            models.UniqueConstraint(
                fields=["oud_dossier"],
                condition=models.Q(oud_dossier__isnull=False),
                name="een_overdracht_per_oud_dossier",
            ),
        ]
        indexes = [models.Index(fields=["naar_gemeente", "status"])]

    def __str__(self) -> str:
        return f"Overdracht {self.van_gemeente_naam} → {self.naar_gemeente_naam or '?'}"
