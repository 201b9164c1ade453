"""The choices the termijn app stores in its event payloads."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verlengingsgrond(models.TextChoices):
    INSPANNINGEN = "inspanningen", _("Aanzienlijke inspanningen (Wi art. 12 lid 1 onder b)")
    GEEN_VERWIJT = "geen_verwijt", _("Geen verwijt (Wi art. 12 lid 1 onder a)")
    AMBTSHALVE = "ambtshalve", _("Voorstel aan DUO om ambtshalve te verlengen (Besluit art. 4.5)")


class Besluituitkomst(models.TextChoices):
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class Advies(models.TextChoices):
    POSITIEF = "positief", _("Positief: ontheffing aanbevolen")
    NEGATIEF = "negatief", _("Negatief: geen ontheffing aanbevolen")
