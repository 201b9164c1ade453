"""The persoonlijk plan inburgering en participatie (PIP): per-gemeente template and settings,
one PIP per dossier with numbered versions, objections and progress conversations.

A version is a draft until it is vastgesteld; from then on it is never changed (documents are
generated from it on request). `versie` on a draft guards against silent overwrites.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.dossiers.models import Dossier
from inburgering.intake.models import Leerroute


class PipInstelling(models.Model):
    """A gemeente's procedure for the PIP (kept here so accounts stays untouched)."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="pip_instelling"
    )
    vier_ogen = models.BooleanField(
        _("vier-ogenprincipe"),
        default=False,
        help_text=_("Een tweede medewerker keurt het PIP goed vóór de vaststelling."),
    )

    class Meta:
        verbose_name = _("PIP-instelling")
        verbose_name_plural = _("PIP-instellingen")

    def __str__(self) -> str:
        return f"PIP-instelling {self.gemeente}"


class PipSjabloon(models.Model):
    """A gemeente's own texts for the PIP. Without one, the built-in B1 texts are used."""

    gemeente = models.OneToOneField(Gemeente, on_delete=models.CASCADE, related_name="pip_sjabloon")
    inleiding = models.TextField(_("inleiding"), blank=True)
    afsluiting = models.TextField(_("afsluiting"), blank=True)
    bezwaar_tekst = models.TextField(
        _("tekst over bezwaar"),
        blank=True,
        help_text=_("Bijvoorbeeld het postadres of de digitale route voor een bezwaarschrift."),
    )
    ondersteuning_en_begeleiding = models.TextField(_("standaard ondersteuning"), blank=True)
    pvt_intensiteit = models.TextField(_("standaard intensiteit PVT"), blank=True)
    map_intensiteit = models.TextField(_("standaard intensiteit MAP"), blank=True)
    aantal_voortgangsgesprekken = models.PositiveSmallIntegerField(
        _("standaard aantal voortgangsgesprekken"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("PIP-sjabloon")
        verbose_name_plural = _("PIP-sjablonen")

    def __str__(self) -> str:
        return f"PIP-sjabloon {self.gemeente}"


class Pip(models.Model):
    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="pip")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("PIP")
        verbose_name_plural = _("PIP's")

    def __str__(self) -> str:
        return f"PIP {self.dossier}"


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_GOEDKEURING = "ter_goedkeuring", _("Ter goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwere versie")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Reden(models.TextChoices):
    EERSTE = "eerste", _("Eerste PIP")
    SCHAKELEN = "schakelen", _("Schakelen naar een andere leerroute")
    AFSCHALEN = "afschalen", _("Afschalen naar A2")
    VERHUIZING = "verhuizing", _("Verhuizing naar deze gemeente")
    WIJZIGING = "wijziging", _("Andere wijziging")


class ZrouteExamens(models.TextChoices):
    GEEN = "geen", _("Geen examens")
    A2 = "a2", _("A2-examens")
    KNM = "knm", _("Examen KNM")
    A2_EN_KNM = "a2_en_knm", _("A2-examens en examen KNM")


class PipVersie(models.Model):
    pip = models.ForeignKey(Pip, on_delete=models.PROTECT, related_name="versies")
    versienummer = models.PositiveSmallIntegerField(_("versienummer"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    reden = models.CharField(_("reden"), max_length=20, choices=Reden.choices)
    leerroute = models.CharField(
        _("leerroute"), max_length=12, choices=Leerroute.choices, blank=True
    )
    niveau = models.CharField(
        _("niveau"), max_length=2, choices=[("B1", "B1"), ("A2", "A2")], blank=True
    )
    intensiteit_uren_per_week = models.PositiveSmallIntegerField(
        _("intensiteit leerroute (uren per week)"), null=True, blank=True
    )
    geschatte_intensiteit_uren = models.PositiveSmallIntegerField(
        _("geschatte intensiteit B1-route (uren in totaal)"), null=True, blank=True
    )
    ondersteuning_en_begeleiding = models.TextField(_("ondersteuning en begeleiding"), blank=True)
    pvt_intensiteit = models.TextField(_("intensiteit PVT"), blank=True)
    map_intensiteit = models.TextField(_("intensiteit MAP"), blank=True)
    vve_afspraken = models.TextField(_("afspraken voor- en vroegschoolse educatie"), blank=True)
    aantal_voortgangsgesprekken = models.PositiveSmallIntegerField(
        _("aantal voortgangsgesprekken"), null=True, blank=True
    )
    zroute_examens = models.CharField(
        _("examens in de Z-route"), max_length=12, choices=ZrouteExamens.choices, blank=True
    )
    bijstand = models.BooleanField(_("ontvangt bijstand"), default=False)
    participatiewet_beschikkingen = models.TextField(
        _("bijgevoegde beschikkingen Participatiewet"), blank=True
    )
    lbt_haalbaar = models.BooleanField(_("LBT: B1 haalbaar"), null=True, blank=True)
    lbt_afwijking_redenen = models.JSONField(_("redenen afwijking LBT"), default=list, blank=True)
    lbt_afwijking_toelichting = models.TextField(_("toelichting afwijking LBT"), blank=True)
    #: Facts for the rules on later versions (schakelen, afschalen), kept with the version.
    regelfeiten = models.JSONField(default=dict, blank=True)
    dagtekening = models.DateField(_("dagtekening"), null=True, blank=True)
    opgesteld_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    goedgekeurd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bijgewerkt_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bijgewerkt_op = models.DateTimeField(auto_now=True)
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["pip", "versienummer"]
        unique_together = [("pip", "versienummer")]
        # The work queue's "wacht op mijn goedkeuring" (werkvoorraad.services): the few
        # versions offered for approval, without reading every version.
        indexes = [
            models.Index(
                fields=["pip"],
                condition=models.Q(status=Status.TER_GOEDKEURING),
                name="pipversie_ter_goedkeuring",
            )
        ]
        verbose_name = _("PIP-versie")
        verbose_name_plural = _("PIP-versies")

    def __str__(self) -> str:
        return f"PIP versie {self.versienummer} ({self.get_status_display()})"

    @property
    def is_concept(self) -> bool:
        return self.status in (Status.CONCEPT, Status.TER_GOEDKEURING, Status.GOEDGEKEURD)


class Bezwaar(models.Model):
    class Beslissing(models.TextChoices):
        GEGROND = "gegrond", _("Gegrond")
        DEELS_GEGROND = "deels_gegrond", _("Deels gegrond")
        ONGEGROND = "ongegrond", _("Ongegrond")
        NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")
        INGETROKKEN = "ingetrokken", _("Ingetrokken door de indiener")

    versie = models.ForeignKey(PipVersie, on_delete=models.PROTECT, related_name="bezwaren")
    ontvangen_op = models.DateField(_("ontvangen op"))
    toelichting = models.TextField(_("waar gaat het bezwaar over"), blank=True)
    beslissing = models.CharField(
        _("beslissing"), max_length=20, choices=Beslissing.choices, blank=True
    )
    beslist_op = models.DateField(_("beslist op"), null=True, blank=True)
    geregistreerd_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-ontvangen_op", "-id"]
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")

    def __str__(self) -> str:
        return f"Bezwaar {self.ontvangen_op:%d-%m-%Y}"


class Voortgangsgesprek(models.Model):
    pip = models.ForeignKey(Pip, on_delete=models.CASCADE, related_name="voortgangsgesprekken")
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"))
    gepland_op = models.DateField(_("gepland op"))
    gehouden_op = models.DateField(_("gehouden op"), null=True, blank=True)
    verslag = models.TextField(_("verslag"), blank=True)
    vastgelegd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["volgnummer"]
        unique_together = [("pip", "volgnummer")]
        verbose_name = _("voortgangsgesprek")
        verbose_name_plural = _("voortgangsgesprekken")

    def __str__(self) -> str:
        return f"Voortgangsgesprek {self.volgnummer}"
