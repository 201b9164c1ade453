"""Local targets per gemeente (issue 6, item 6). The law has no targets; gemeenten set their own."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gemeente


class Indicator(models.TextChoices):
    """Indicators a gemeente can set a target for; computed in `indicatoren.doelen` and (the
    participation targets) `uitkomsten.doelen`."""

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


class MijlpalenProjectie(models.Model):
    """A dossier's milestones over its whole event log (`indicatoren.Mijlpalen`), kept so that
    indicators on today's peildatum read one row per dossier instead of the whole log.

    A cache, never a source: `projectie.py` writes the row in the same transaction as every new
    event, and fills missing rows from the log on first read. `laatste_datum` (the latest event
    date) tells for which peildata the row is valid. Field names equal those of `Mijlpalen`.
    """

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="mijlpalen_projectie",
    )
    laatste_datum = models.DateField()
    signaal = models.DateField(null=True)
    kennisgeving = models.DateField(null=True)
    koppeling = models.DateField(null=True)
    huisvesting = models.DateField(null=True)
    vestiging = models.DateField(null=True)
    eerste_contact = models.DateField(null=True)
    intake = models.DateField(null=True)
    intake_afgerond = models.DateField(null=True)
    lbt = models.DateField(null=True)
    pip = models.DateField(null=True)
    aangemeld = models.DateField(null=True)
    route_start = models.DateField(null=True)
    afgesloten = models.DateField(null=True)
    examen = models.DateField(null=True)
    lbt_ontheffing = models.DateField(null=True)
    lbt_score = models.SmallIntegerField(null=True)
    leerroute = models.TextField(blank=True)
    eerste_leerroute = models.TextField(blank=True)
    routewissels = models.SmallIntegerField(default=0)
    afsluitreden = models.TextField(blank=True)
    cursusinstelling = models.TextField(blank=True)
    pip_vorige_gemeente = models.BooleanField(default=False)
    wacht_op = models.TextField(blank=True)
    wacht_op_derde = models.BooleanField(default=False)
    derde_ontvangen = models.DateField(null=True)
    #: The waiting reasons in order, comma-separated (codes of `WachtOp`).
    wachtredenen = models.TextField(blank=True)
    termijn_duo_einde = models.DateField(null=True)
    #: The outcome events folded (`uitkomsten.Uitkomst.als_json`); null when there are none.
    uitkomst = models.JSONField(null=True)

    class Meta:
        verbose_name = _("mijlpalen (projectie)")
        verbose_name_plural = _("mijlpalen (projectie)")

    def __str__(self) -> str:
        return f"Mijlpalen dossier {self.dossier_id} (t/m {self.laatste_datum})"
