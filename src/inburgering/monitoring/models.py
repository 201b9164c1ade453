"""Local targets per gemeente (issue 6, item 6). The law has no targets; gemeenten set their own."""

import uuid

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


class MijlpalenVelden(models.Model):
    """One dossier's row in the relation the indicator tables aggregate (`relatie.py`): its
    milestones (`extractie.Mijlpalen`, same field names), the values the rules package derives
    from them, and a summary of its outcome events. Built by `kolommen.kolommen` only."""

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

    # Values of the rules package (and reporting conventions) derived from the milestones.
    pip_deadline = models.DateField(null=True)
    conform = models.BooleanField(null=True)
    termijn_einde = models.DateField(null=True)
    termijn_bron = models.TextField(blank=True)
    huisvesting_3m = models.DateField(null=True)
    pip_2j = models.DateField(null=True)
    pip_3j = models.DateField(null=True)
    moment_6 = models.DateField(null=True)
    moment_12 = models.DateField(null=True)
    moment_24 = models.DateField(null=True)

    # The outcome events folded (`uitkomsten.Uitkomst`), summarised.
    #: Statuses measured at the follow-up moment, sorted and comma-separated; null: not
    #: measured ("" is a measurement without a status, so null carries its own meaning).
    status_6 = models.TextField(null=True)  # noqa: DJ001
    status_12 = models.TextField(null=True)  # noqa: DJ001
    status_24 = models.TextField(null=True)  # noqa: DJ001
    #: Sum of all cost registrations; null: none registered.
    kosten_cents = models.BigIntegerField(null=True)
    kosten_leerroute = models.BigIntegerField(null=True)
    kosten_ontzorging = models.BigIntegerField(null=True)
    kosten_tolk = models.BigIntegerField(null=True)
    kosten_kinderopvang = models.BigIntegerField(null=True)
    kosten_reiskosten = models.BigIntegerField(null=True)
    kosten_overig = models.BigIntegerField(null=True)
    #: Kinds of dual activity running, sorted and comma-separated.
    duaal = models.TextField(blank=True)
    #: Exam results per component: "LE:2:1,KNM:1:0" (onderdeel:behaald:niet behaald).
    examens = models.TextField(blank=True)
    #: Participation targets per dossier (`uitkomsten.doelwaarden`); null: does not count.
    participerend_3j = models.BooleanField(null=True)
    uitkering_2j = models.BooleanField(null=True)

    class Meta:
        abstract = True


class MijlpalenProjectie(MijlpalenVelden):
    """A dossier's row over its whole event log, kept so that indicators on today's peildatum
    read one row per dossier instead of the whole log.

    A cache, never a source: `projectie.py` writes the row in the same transaction as every new
    event, and fills missing rows from the log on first read. `laatste_datum` (the latest event
    date) tells for which peildata the row is valid.
    """

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="mijlpalen_projectie",
    )

    class Meta:
        verbose_name = _("mijlpalen (projectie)")
        verbose_name_plural = _("mijlpalen (projectie)")

    def __str__(self) -> str:
        return f"Mijlpalen dossier {self.dossier_id} (t/m {self.laatste_datum})"


class MijlpalenStand(MijlpalenVelden):
    """A dossier's row on a past quarter end, as known now: kept for the dossiers whose log
    goes on after that date (for the others the projection's row is that row), so that a past
    peildatum reads rows instead of the whole log (`stand.py`, ADR 0035).

    A cache, never a source, kept like the projection: filled on first read (or by
    `manage.py vul_standen`), and rewritten by the writer in the event's transaction when a new
    event is dated on or before the peildatum or corrects an earlier one.
    """

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="mijlpalen_standen"
    )
    peildatum = models.DateField()

    class Meta:
        verbose_name = _("mijlpalen op een kwartaaleinde")
        verbose_name_plural = _("mijlpalen op kwartaaleinden")
        constraints = [
            models.UniqueConstraint(
                fields=["peildatum", "dossier"], name="mijlpalenstand_een_per_peildatum"
            )
        ]

    def __str__(self) -> str:
        return f"Mijlpalen dossier {self.dossier_id} op {self.peildatum}"


class MijlpalenPeil(MijlpalenVelden):
    """The selection's rows for one computation (`relatie.py`): a temporary table, copied from
    the projection or computed from the log, with the dossier's and person's current values
    the tables group by as columns of their own. Never migrated, never stored."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_constraint=False,
        related_name="+",
    )
    gemeente_id = models.IntegerField()
    doelgroep = models.TextField()
    consulent_id = models.IntegerField(null=True)
    geslacht = models.TextField()
    geboortedatum = models.DateField(null=True)
    regime = models.TextField()

    class Meta:
        managed = False
        db_table = "monitoring_mijlpalen_peil"

    def __str__(self) -> str:
        return f"Mijlpalen dossier {self.dossier_id} (peildatum)"


class Importtaak(models.Model):
    """A migration import too large for one request, run in the background (importtaken.py).

    The file is personal data: it is kept only until the task has run, then emptied; the
    report keeps the counts and the messages per row, as the import page shows them."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Wacht op verwerking")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gebruiker = models.ForeignKey(
        "accounts.Gebruiker", on_delete=models.PROTECT, related_name="importtaken"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    bestand = models.BinaryField(_("bestand"), editable=False)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    alleen_geldige = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WACHTEND)
    fase = models.CharField(max_length=20, blank=True)  # controleren | importeren
    verwerkt = models.PositiveIntegerField(default=0)
    totaal = models.PositiveIntegerField(default=0)
    begonnen_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    verslag = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = _("importtaak")
        verbose_name_plural = _("importtaken")

    def __str__(self) -> str:
        return f"Import {self.bestandsnaam or self.uuid} ({self.get_status_display()})"


class Taakstelling(models.Model):
    """The number of vergunninghouders a gemeente is to house in a half year (the
    huisvestingstaakstelling, set by the province), entered by a teamleider or beleid; the
    gemeente overview (`gemeenten.py`) sets the year's housed statushouders against it."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="taakstellingen")
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    halfjaar = models.PositiveSmallIntegerField(
        _("halfjaar"), choices=[(1, _("eerste halfjaar")), (2, _("tweede halfjaar"))]
    )
    aantal = models.PositiveIntegerField(_("aantal te huisvesten vergunninghouders"))
    gewijzigd_door = models.ForeignKey(
        "accounts.Gebruiker", on_delete=models.PROTECT, related_name="+", null=True
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["gemeente", "jaar", "halfjaar"]
        verbose_name = _("taakstelling huisvesting")
        verbose_name_plural = _("taakstellingen huisvesting")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "jaar", "halfjaar"], name="een_taakstelling_per_halfjaar"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.jaar}-{self.halfjaar} {self.aantal}"


class Rapportage(models.Model):
    """A periodic report of one gemeente (quarter or year, `rapportage.py`): the figures are
    computed from the log for the period's last day whenever the report is shown, so they can
    be reproduced; what is stored is the beleidsmedewerker's text and whether it is published."""

    class Soort(models.TextChoices):
        KWARTAAL = "kwartaal", _("Kwartaal")
        JAAR = "jaar", _("Jaar")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="rapportages")
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    jaar = models.PositiveSmallIntegerField(_("jaar"))
    #: 1-4 for a quarter, 0 for a year.
    kwartaal = models.PositiveSmallIntegerField(_("kwartaal"), default=0)
    tekst = models.TextField(_("toelichting van de gemeente"), blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_door = models.ForeignKey(
        "accounts.Gebruiker", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        ordering = ["gemeente", "-jaar", "-kwartaal"]
        verbose_name = _("rapportage")
        verbose_name_plural = _("rapportages")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "soort", "jaar", "kwartaal"], name="een_rapportage_per_periode"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.jaar}{f'K{self.kwartaal}' if self.kwartaal else ''}"
