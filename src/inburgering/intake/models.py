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
    HERINNERING_AFSPRAAK = "herinnering_afspraak", _("Herinnering aan een afspraak")


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
    herinnering_verstuurd_op = models.DateTimeField(
        _("herinnering klaargezet op"), null=True, blank=True
    )
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


class Intakeversie(models.TextChoices):
    KORT = "kort", _("Korte versie")
    UITGEBREID = "uitgebreid", _("Uitgebreide versie")


class LokaalOnderdeel(models.Model):
    """A gemeente's own intake module on top of the legal topics (e.g. a health screening)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="intakemodules")
    naam = models.CharField(_("naam"), max_length=120)
    toelichting = models.TextField(_("wat wordt gevraagd"), blank=True)
    in_korte_versie = models.BooleanField(_("ook in de korte versie"), default=False)
    volgorde = models.PositiveIntegerField(_("volgorde"), default=10)

    class Meta:
        ordering = ["volgorde", "naam"]
        unique_together = [("gemeente", "naam")]
        verbose_name = _("lokaal intakeonderdeel")
        verbose_name_plural = _("lokale intakeonderdelen")

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"


class BredeIntake(models.Model):
    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="brede_intake")
    versie = models.CharField(
        _("versie"), max_length=12, choices=Intakeversie.choices, default=Intakeversie.UITGEBREID
    )
    gewezen_op_recht_alleen = models.DateField(
        _("gewezen op het recht de gesprekken alleen te voeren op"), null=True, blank=True
    )
    vve_relevant = models.BooleanField(
        _("er zijn kinderen voor wie VVE relevant is"), default=False
    )
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("brede intake")
        verbose_name_plural = _("brede intakes")

    def __str__(self) -> str:
        return f"Brede intake {self.dossier}"


class IntakeGesprek(models.Model):
    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="gesprekken")
    datum = models.DateField(_("datum"))
    vorm = models.CharField(_("vorm"), max_length=20, choices=Kanaal.choices)
    tolk_taal = models.CharField(_("tolk (taal)"), max_length=3, blank=True)
    deelnemers = models.CharField(_("aanwezig"), max_length=300, blank=True)
    medewerker = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("intakegesprek")
        verbose_name_plural = _("intakegesprekken")

    def __str__(self) -> str:
        return f"Intakegesprek {self.datum:%d-%m-%Y}"


class Verslag(models.Model):
    """The written record of one intake topic. `versie` guards against silent overwrites."""

    intake = models.ForeignKey(BredeIntake, on_delete=models.CASCADE, related_name="verslagen")
    onderwerp = models.CharField(_("onderwerp"), max_length=40, blank=True)
    lokaal_onderdeel = models.ForeignKey(
        LokaalOnderdeel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tekst = models.TextField(_("verslag"), blank=True)
    versie = models.PositiveIntegerField(default=0)
    bijgewerkt_op = models.DateTimeField(auto_now=True)
    bijgewerkt_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verslag intakeonderdeel")
        verbose_name_plural = _("verslagen intakeonderdelen")
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "onderwerp"],
                condition=~models.Q(onderwerp=""),
                name="een_verslag_per_onderwerp",
            ),
            models.UniqueConstraint(
                fields=["intake", "lokaal_onderdeel"],
                condition=models.Q(lokaal_onderdeel__isnull=False),
                name="een_verslag_per_lokaal_onderdeel",
            ),
        ]

    def __str__(self) -> str:
        return self.onderwerp or str(self.lokaal_onderdeel)


class Gezondheid(models.Model):
    """Health information from the intake: a separate record that only authorised roles open
    (Wi art. 37 lid 2; Besluit 9.11). Every view is logged with purpose 'gezondheid'."""

    intake = models.OneToOneField(BredeIntake, on_delete=models.CASCADE, related_name="gezondheid")
    tekst = models.TextField(_("gezondheid (lichamelijk en psychisch)"), blank=True)
    versie = models.PositiveIntegerField(default=0)
    bijgewerkt_op = models.DateTimeField(auto_now=True)
    bijgewerkt_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("gezondheidsinformatie")
        verbose_name_plural = _("gezondheidsinformatie")

    def __str__(self) -> str:
        return f"Gezondheid {self.intake.dossier_id}"


class Leerbaarheidstoets(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="lbt")
    datum = models.DateField(_("datum afname"))
    score = models.PositiveSmallIntegerField(_("score (0–40)"))
    apparaat = models.CharField(
        _("apparaat"),
        max_length=12,
        choices=[("computer", _("Computer")), ("tablet", _("Tablet"))],
    )
    invoer = models.CharField(
        _("bediening"), max_length=12, choices=[("muis", _("Muis")), ("touch", _("Aanraakscherm"))]
    )
    tolk = models.BooleanField(_("met tolk"), default=False)
    oefentoets_gedaan = models.BooleanField(_("oefentoets gedaan"), default=False)
    afnemer_gecertificeerd = models.BooleanField(_("gecertificeerde afnemer"), default=True)
    afnemer = models.CharField(_("afgenomen door"), max_length=120, blank=True)

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("leerbaarheidstoets")
        verbose_name_plural = _("leerbaarheidstoetsen")

    def __str__(self) -> str:
        return f"LBT {self.datum:%d-%m-%Y}: {self.score}"


class LbtOntheffing(models.Model):
    """The college's exemption from the LBT (Wi art. 14 lid 6, from 21 October 2025)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="lbt_ontheffingen")
    datum = models.DateField(_("datum besluit"))
    beperking = models.CharField(
        _("beperking"),
        max_length=10,
        choices=[("visueel", _("Visuele beperking")), ("auditief", _("Auditieve beperking"))],
    )
    in_staat_geacht = models.BooleanField(_("in staat geacht de toets te maken"), default=False)
    motivering = models.TextField(_("motivering"))
    uitleg = models.TextField(_("uitleg van de regel"))
    besloten_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("ontheffing leerbaarheidstoets")
        verbose_name_plural = _("ontheffingen leerbaarheidstoets")

    def __str__(self) -> str:
        return f"Ontheffing LBT {self.datum:%d-%m-%Y}"


class Leerroute(models.TextChoices):
    B1 = "b1", _("B1-route")
    ONDERWIJS = "onderwijs", _("Onderwijsroute")
    Z = "z", _("Z-route")


class Schooladvies(models.Model):
    """The taalschool's intake result and route advice, kept apart from the LBT."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="schooladviezen")
    datum = models.DateField(_("datum"))
    school = models.CharField(_("cursusinstelling"), max_length=120)
    advies = models.CharField(_("geadviseerde leerroute"), max_length=12, choices=Leerroute.choices)
    niveau = models.CharField(_("niveau"), max_length=4, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("advies cursusinstelling")
        verbose_name_plural = _("adviezen cursusinstelling")

    def __str__(self) -> str:
        return f"{self.school}: {self.get_advies_display()}"


class Afwijkingsreden(models.TextChoices):
    SCHOOLADVIES = "schooladvies", _("Advies van de cursusinstelling")
    AFNAMECONDITIES = "afnamecondities", _("Omstandigheden bij de afname van de toets")
    OPLEIDING = "opleiding", _("Opleiding en werkervaring")
    GEZONDHEID = "gezondheid", _("Gezondheid of beperking")
    LEEFTIJD = "leeftijd", _("Leeftijd of levensfase")
    MOTIVATIE = "motivatie", _("Motivatie en ambitie van de inburgeraar")
    ZORGTAKEN = "zorgtaken", _("Zorgtaken of gezinssituatie")
    OVERIG = "overig", _("Anders (licht toe)")


class Routebesluit(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="routebesluiten")
    datum = models.DateField(_("datum besluit"))
    leerroute = models.CharField(_("leerroute"), max_length=12, choices=Leerroute.choices)
    niveau = models.CharField(_("niveau"), max_length=4, default="B1")
    intensiteit_uren_per_week = models.PositiveSmallIntegerField(
        _("intensiteit (uren per week)"), null=True, blank=True
    )
    lbt_haalbaar = models.BooleanField(_("LBT: B1 haalbaar"), null=True)
    wijkt_af = models.BooleanField(_("wijkt af van de LBT"), default=False)
    afwijkingsredenen = models.JSONField(_("redenen van afwijking"), default=list, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    besloten_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-datum", "-id"]
        verbose_name = _("routebesluit")
        verbose_name_plural = _("routebesluiten")

    def __str__(self) -> str:
        return f"{self.get_leerroute_display()} ({self.datum:%d-%m-%Y})"
