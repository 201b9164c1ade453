"""A fine case (`Handhavingszaak`): one offence of Wi art. 22 or 23 followed from the signal to
the beschikking and its collection. The status moves only through `statussen.ZAAK_STATUS`;
every step is also an event on the dossier (`soorten.py`), so the timeline tells the procedure.
Amounts are integer euro cents."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker
from inburgering.dossiers.models import Dossier


class ZaakStatus(models.TextChoices):
    SIGNAAL = "signaal", _("Overtreding gesignaleerd")
    BEOORDEELD = "beoordeeld", _("Individueel beoordeeld")
    VOORNEMEN = "voornemen", _("Voornemen verstuurd")
    ZIENSWIJZE = "zienswijze", _("Zienswijze ontvangen")
    BESCHIKT = "beschikt", _("Boete opgelegd")
    GEEN_BOETE = "geen_boete", _("Geen boete")
    HEROVERWOGEN = "heroverwogen", _("Beslist op bezwaar of beroep")
    OVERGEDRAGEN = "overgedragen", _("Overgedragen voor invordering")
    BETAALD = "betaald", _("Betaald")
    KWIJTGESCHOLDEN = "kwijtgescholden", _("Kwijtgescholden")


class Artikel(models.TextChoices):
    ART22 = "22", _("Artikel 22: brede intake")
    ART23 = "23", _("Artikel 23: PIP, ondersteuning of intensiteit")


class Verwijtbaarheid(models.TextChoices):
    OPZET = "opzet", _("Opzet (100%)")
    GROVE_SCHULD = "grove_schuld", _("Grove schuld (75%)")
    GEEN_OPZET_OF_GROVE_SCHULD = "geen_opzet_of_grove_schuld", _("Geen opzet of grove schuld (50%)")
    VERMINDERD = "verminderd", _("Verminderde verwijtbaarheid (25%)")


class Zienswijzevorm(models.TextChoices):
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk")
    MONDELING = "mondeling", _("Mondeling")


class Rechtsmiddel(models.TextChoices):
    BEZWAAR = "bezwaar", _("Bezwaar")
    BEROEP = "beroep", _("Beroep")


class Uitspraak(models.TextChoices):
    GEGROND = "gegrond", _("Gegrond: boete vervalt")
    DEELS = "deels", _("Deels gegrond: ander bedrag")
    ONGEGROND = "ongegrond", _("Ongegrond: boete blijft")


class Handhavingszaak(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="handhavingszaken")
    status = models.CharField(_("status"), max_length=20, choices=ZaakStatus.choices)
    artikel = models.CharField(_("artikel"), max_length=2, choices=Artikel.choices)
    constatering = models.DateField(_("datum van constatering"))
    gedraging = models.TextField(_("feiten"))
    nieuwe_termijn_maanden = models.PositiveSmallIntegerField(
        _("nieuwe termijn van DUO (maanden)"), null=True, blank=True
    )
    verwijtbaarheid = models.CharField(
        _("verwijtbaarheid"), max_length=30, choices=Verwijtbaarheid.choices, blank=True
    )
    # individuele beoordeling (HvJ EU C-158/23)
    beoordeeld_op = models.DateField(_("beoordeeld op"), null=True, blank=True)
    beoordelaar = models.CharField(_("beoordelaar"), max_length=200, blank=True)
    beoordeling = models.TextField(_("afwegingen"), blank=True)
    boete_passend = models.BooleanField(_("boete passend"), null=True, blank=True)
    # Wi art. 27
    bijstand_verlaagd = models.BooleanField(_("bijstand al verlaagd"), default=False)
    # voornemen
    voornemen_op = models.DateField(_("voornemen verstuurd op"), null=True, blank=True)
    voornemen_kanaal = models.CharField(_("kanaal"), max_length=20, blank=True)
    voorgesteld_cents = models.PositiveIntegerField(_("voorgesteld bedrag"), null=True, blank=True)
    berekening = models.JSONField(_("berekening"), default=dict, blank=True)
    zienswijze_tot = models.DateField(_("zienswijze tot en met"), null=True, blank=True)
    # zienswijze
    zienswijze_op = models.DateField(_("zienswijze ontvangen op"), null=True, blank=True)
    zienswijze_vorm = models.CharField(
        _("vorm"), max_length=20, choices=Zienswijzevorm.choices, blank=True
    )
    zienswijze = models.TextField(_("zienswijze"), blank=True)
    # beschikking or geen boete
    beschikt_op = models.DateField(_("dagtekening beschikking"), null=True, blank=True)
    opgelegd_cents = models.PositiveIntegerField(_("opgelegd bedrag"), null=True, blank=True)
    motivering = models.TextField(_("motivering"), blank=True)
    geen_boete_reden = models.TextField(_("reden geen boete"), blank=True)
    # bezwaar / beroep
    rechtsmiddel = models.CharField(
        _("bezwaar of beroep"), max_length=10, choices=Rechtsmiddel.choices, blank=True
    )
    uitspraak = models.CharField(
        _("uitkomst"), max_length=10, choices=Uitspraak.choices, blank=True
    )
    uitspraak_op = models.DateField(_("beslist op"), null=True, blank=True)
    # invordering
    overgedragen_op = models.DateField(_("overgedragen op"), null=True, blank=True)
    afgedaan_op = models.DateField(_("betaald of kwijtgescholden op"), null=True, blank=True)
    afgedaan_reden = models.TextField(_("reden kwijtschelding"), blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-constatering", "-id"]
        verbose_name = _("handhavingszaak")
        verbose_name_plural = _("handhavingszaken")

    def __str__(self) -> str:
        return f"Handhavingszaak {self.pk} (artikel {self.artikel})"

    @property
    def bedrag_cents(self) -> int:
        """The amount that stands now (after bezwaar or beroep), 0 without a fine."""
        if self.status in TELT_MEE:
            return self.opgelegd_cents or 0
        return 0


#: Statuses in which the imposed amount counts toward the cap and the running total.
TELT_MEE = frozenset(
    {
        ZaakStatus.BESCHIKT,
        ZaakStatus.HEROVERWOGEN,
        ZaakStatus.OVERGEDRAGEN,
        ZaakStatus.BETAALD,
        ZaakStatus.KWIJTGESCHOLDEN,
    }
)
#: Statuses in which the case is still open for the consulent.
OPEN = frozenset(
    {ZaakStatus.SIGNAAL, ZaakStatus.BEOORDEELD, ZaakStatus.VOORNEMEN, ZaakStatus.ZIENSWIJZE}
)
