"""A partner organisation, its staff, and its involvement in a dossier.

A partner user never gets a gemeente's scope: what they see follows from an active
`Betrokkenheid` of their organisation with a dossier (a placement, an MB assignment, ontzorgen,
a COA handover), and from the need-to-know table in `toegang.py` for their kind."""

from __future__ import annotations

import datetime as dt

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.dossiers.models import Dossier
from inburgering.examens.models import Onderdeel
from inburgering.traject.models import Aanbieder

oin_validator = RegexValidator(r"^\d{20}$", _("Een OIN bestaat uit 20 cijfers."))


class Organisatiesoort(models.TextChoices):
    TAALAANBIEDER = "taalaanbieder", _("Taalaanbieder")
    BEGELEIDING = "begeleiding", _("Maatschappelijke begeleiding")
    BUDGETBEHEER = "budgetbeheer", _("Budgetbeheer")
    COA = "coa", _("COA")
    WERKGEVER = "werkgever", _("Werkgever of re-integratie")


class Organisatie(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=20, choices=Organisatiesoort.choices)
    kvk_nummer = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    oin = models.CharField(
        _("OIN"),
        max_length=20,
        blank=True,
        validators=[oin_validator],
        help_text=_(
            "Organisatie-identificatienummer uit het PKIoverheid-certificaat (voor de API)."
        ),
    )
    gemeenten = models.ManyToManyField(
        Gemeente, related_name="partnerorganisaties", verbose_name=_("werkt voor gemeenten")
    )
    #: The language school as the traject app knows it (contracts, placements); only for
    #: a taalaanbieder.
    aanbieder = models.OneToOneField(
        Aanbieder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerorganisatie",
        verbose_name=_("aanbieder in de leerroute"),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("partnerorganisaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(aanbieder__isnull=True) | Q(soort="taalaanbieder"),
                name="partners_aanbieder_alleen_bij_taalaanbieder",
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Medewerker(models.Model):
    """A user (role `partner`) who works for one partner organisation."""

    gebruiker = models.OneToOneField(
        Gebruiker, on_delete=models.CASCADE, related_name="partnermedewerker"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="medewerkers"
    )

    class Meta:
        verbose_name = _("medewerker van een partner")
        verbose_name_plural = _("medewerkers van partners")

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.organisatie})"


class Grond(models.TextChoices):
    """Why an organisation is involved in a dossier."""

    PLAATSING = "plaatsing", _("Plaatsing bij de taalaanbieder")
    BEGELEIDING = "begeleiding", _("Maatschappelijke begeleiding")
    ONTZORGEN = "ontzorgen", _("Financieel ontzorgen")
    COA_OVERDRACHT = "coa_overdracht", _("Warme overdracht door het COA")
    PARTICIPATIE = "participatie", _("Werk of re-integratie")


class BetrokkenheidQuerySet(models.QuerySet["Betrokkenheid"]):
    def actief_op(self, datum: dt.date) -> BetrokkenheidQuerySet:
        return self.filter(begin__lte=datum).filter(Q(einde__isnull=True) | Q(einde__gte=datum))


class Betrokkenheid(models.Model):
    """An organisation's involvement in one dossier, for one reason, from `begin` to `einde`
    (inclusive; open while empty). `bron` names the record that caused it (e.g.
    "plaatsing:12"), so ending that record ends exactly this involvement."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="betrokkenheden"
    )
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="betrokkenheden")
    grond = models.CharField(_("grond"), max_length=20, choices=Grond.choices)
    bron = models.CharField(_("bron"), max_length=50)
    begin = models.DateField(_("begin"))
    einde = models.DateField(_("einde"), null=True, blank=True)

    objects = BetrokkenheidQuerySet.as_manager()

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "dossier", "grond", "bron"],
                name="partners_betrokkenheid_uniek",
            ),
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=models.F("begin")),
                name="partners_betrokkenheid_einde_na_begin",
            ),
        ]
        indexes = [models.Index(fields=["organisatie", "dossier"])]

    def __str__(self) -> str:
        return f"{self.organisatie} – {self.get_grond_display()}"


class Voortgangsnotitie(models.Model):
    """A progress note of maatschappelijke begeleiding (or another partner) on its involvement;
    written with an event on the dossier, so the consulent reads it in the timeline."""

    betrokkenheid = models.ForeignKey(
        Betrokkenheid, on_delete=models.PROTECT, related_name="notities"
    )
    datum = models.DateField(_("datum"))
    onderwerp = models.CharField(_("onderwerp"), max_length=120)
    tekst = models.TextField(_("voortgang"), max_length=4000)
    geschreven_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    geschreven_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-datum", "-pk"]
        verbose_name = _("voortgangsnotitie")
        verbose_name_plural = _("voortgangsnotities")

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.onderwerp}"


class Profielstatus(models.TextChoices):
    CONCEPT = "concept", _("Concept (bij het COA)")
    OVERGEDRAGEN = "overgedragen", _("Overgedragen aan de gemeente")
    OVERGENOMEN = "overgenomen", _("Overgenomen in de brede intake")


class Clientprofiel(models.Model):
    """The COA's warm handover: what the COA knows of the person, handed to the gemeente as a
    draft for the brede intake. The consulent takes it over into the intake (`neem_over`);
    nothing already written there is overwritten. Health only with recorded consent."""

    betrokkenheid = models.OneToOneField(
        Betrokkenheid, on_delete=models.PROTECT, related_name="clientprofiel"
    )
    talen = models.CharField(_("talen en taalniveau"), max_length=500, blank=True)
    opleiding = models.TextField(_("opleiding"), max_length=2000, blank=True)
    werkervaring = models.TextField(_("werkervaring"), max_length=2000, blank=True)
    voorkeuren = models.TextField(_("wensen en voorkeuren"), max_length=2000, blank=True)
    azc_contact = models.CharField(_("contactpersoon op het azc"), max_length=300, blank=True)
    toestemming_gezondheid = models.DateField(
        _("toestemming voor delen gezondheid gegeven op"), null=True, blank=True
    )
    gezondheid = models.TextField(_("gezondheid"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Profielstatus.choices, default=Profielstatus.CONCEPT
    )
    overgedragen_op = models.DateField(_("overgedragen op"), null=True, blank=True)
    overgenomen_op = models.DateField(_("overgenomen op"), null=True, blank=True)
    overgenomen_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bijgewerkt_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, related_name="+"
    )
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cliëntprofiel van het COA")
        verbose_name_plural = _("cliëntprofielen van het COA")
        constraints = [
            models.CheckConstraint(
                condition=Q(gezondheid="") | Q(toestemming_gezondheid__isnull=False),
                name="partners_gezondheid_alleen_met_toestemming",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Cliëntprofiel')} {self.betrokkenheid.dossier_id}"


class Examenwens(models.Model):
    """The language school's intention for an exam part: when it expects the person to be
    ready (a signal for the consulent and the exam plan; the exam itself is DUO's)."""

    betrokkenheid = models.ForeignKey(
        Betrokkenheid, on_delete=models.PROTECT, related_name="examenwensen"
    )
    onderdeel = models.CharField(_("onderdeel"), max_length=3, choices=Onderdeel.choices)
    verwacht_op = models.DateField(_("verwacht examenklaar op"))
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)
    gemeld_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    gemeld_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["verwacht_op", "pk"]
        verbose_name = _("examenwens")
        verbose_name_plural = _("examenwensen")

    def __str__(self) -> str:
        return f"{self.onderdeel} {self.verwacht_op:%d-%m-%Y}"
