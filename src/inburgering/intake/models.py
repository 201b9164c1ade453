"""Letters (from per-gemeente templates) and appointments.

Facts about the summons flow live in the dossier's event log; a letter is the document that went
out, kept as sent so it can be shown and printed again.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.referentie import Kanaal


class Briefsoort(models.TextChoices):
    UITNODIGING_INTAKE = "uitnodiging_intake", _("Uitnodiging brede intake")
    WAARSCHUWING = "waarschuwing", _("Waarschuwing en herhaalde oproep")
    BOETEVOORNEMEN = "boetevoornemen", _("Voornemen boete en nieuwe oproep")
    INTAKE_ZONDER_PERSOON = "intake_zonder_persoon", _("Brede intake zonder u afgerond")


class BriefSjabloon(models.Model):
    """A gemeente's own text for a letter. Without one, the built-in B1 text is used."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="briefsjablonen")
    soort = models.CharField(_("soort brief"), max_length=30, choices=Briefsoort.choices)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(
        _("tekst"),
        help_text=_(
            "Gebruik {{ naam }}, {{ gemeente }}, {{ consulent }}, {{ periode_van }}, "
            "{{ periode_tot }}, {{ datum }}, {{ bedrag }} en {{ kanaal }}."
        ),
    )

    class Meta:
        unique_together = [("gemeente", "soort")]
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.gemeente})"


class Brief(models.Model):
    """A letter as it was sent. Never edited afterwards."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="brieven")
    soort = models.CharField(_("soort brief"), max_length=30, choices=Briefsoort.choices)
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-aangemaakt_op", "-id"]
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")

    def __str__(self) -> str:
        return self.onderwerp


class Afspraak(models.Model):
    class Soort(models.TextChoices):
        KENNISMAKING = "kennismaking", _("Kennismaking")
        INTAKE = "intake", _("Brede intake")
        LBT = "lbt", _("Leerbaarheidstoets")
        VOORTGANG = "voortgang", _("Voortgangsgesprek")
        OVERIG = "overig", _("Overig")

    class Vorm(models.TextChoices):
        OP_LOCATIE = "op_locatie", _("Op het gemeentehuis")
        TELEFOON = "telefoon", _("Telefonisch")
        VIDEO = "video", _("Videobellen")
        HUISBEZOEK = "huisbezoek", _("Huisbezoek")

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        GEHOUDEN = "gehouden", _("Gehouden")
        NIET_VERSCHENEN = "niet_verschenen", _("Niet verschenen")
        GEANNULEERD = "geannuleerd", _("Geannuleerd")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="afspraken")
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    vorm = models.CharField(_("vorm"), max_length=20, choices=Vorm.choices)
    begin = models.DateTimeField(_("begin"))
    duur_minuten = models.PositiveIntegerField(_("duur (minuten)"), default=60)
    locatie = models.CharField(_("locatie"), max_length=200, blank=True)
    tolk_taal = models.CharField(_("tolk (taal)"), max_length=3, blank=True)
    medewerker = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="afspraken")
    herinnering_dagen = models.PositiveIntegerField(_("herinnering (dagen vooraf)"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND
    )

    class Meta:
        ordering = ["begin"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        indexes = [models.Index(fields=["dossier", "status", "begin"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.begin:%d-%m-%Y %H:%M}"
