"""Local targets per gemeente (issue 6, item 6). The law has no targets; gemeenten set their own."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gemeente


class Indicator(models.TextChoices):
    """Indicators a gemeente can set a target for; computed in `indicatoren.doelen`."""

    PIP_BINNEN_TERMIJN = "pip_binnen_termijn", _("PIP vastgesteld binnen de wettelijke termijn")
    GESTART_3M_NA_HUISVESTING = (
        "gestart_3m_na_huisvesting",
        _("Leerroute gestart binnen 3 maanden na huisvesting"),
    )
    VOLDAAN_3J = "voldaan_3j", _("Inburgeringsplicht voldaan binnen 3 jaar na het eerste PIP")
    PARTICIPEREND_3J = "participerend_3j", _("Participerend binnen 3 jaar")
    UITKERING_WERK_STUDIE_2J = (
        "uitkering_werk_studie_2j",
        _("Uitkeringsontvangers binnen 2 jaar aan het werk of in opleiding"),
    )


class Doelstelling(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="doelstellingen")
    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    streefwaarde = models.PositiveSmallIntegerField(
        _("streefwaarde (%)"), validators=[MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["gemeente", "indicator"]
        verbose_name = _("lokale doelstelling")
        verbose_name_plural = _("lokale doelstellingen")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "indicator"], name="een_doelstelling_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.get_indicator_display()} {self.streefwaarde}%"
