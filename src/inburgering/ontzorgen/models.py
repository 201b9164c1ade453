"""Ontzorgen per dossier (its fixed costs and what was paid), the monthly payment batch per
gemeente, the gemeente's policy, and the maatschappelijke begeleiding with its notes.

Amounts are whole cents. The state of a record is in these tables; every change that matters
to the inburgeraar also stands as a fact in the dossier's log (`soorten.py`)."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.dossiers.models import Dossier
from inburgering.partners.models import Organisatie


def euro(cents: int | None) -> str:
    """Cents as a Dutch amount: 123456 -> "€ 1.234,56"."""
    if cents is None:
        return ""
    return "€ " + f"{cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"


class Ontzorgbeleid(models.Model):
    """What a gemeente decided about ontzorgen: its paying account, when to warn, and whether
    costs beyond those of art. 56a lid 2 may be paid ("overige kosten")."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="ontzorgbeleid"
    )
    rekeninghouder = models.CharField(_("naam rekeninghouder"), max_length=70)
    iban = models.CharField(_("IBAN van de gemeente"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    toeslagen_weken = models.PositiveSmallIntegerField(
        _("signaal toeslagen na (weken)"),
        default=8,
        help_text=_("Signaal als de toeslagen zoveel weken na de start nog niet binnen zijn."),
    )
    afbouw_weken = models.PositiveSmallIntegerField(
        _("signaal afbouwgesprek (weken voor het einde)"), default=6
    )
    overige_kosten = models.BooleanField(
        _("ook overige vaste lasten betalen"),
        default=False,
        help_text=_("Beleid van de gemeente, naast huur, energie, water en zorgverzekering."),
    )

    class Meta:
        verbose_name = _("beleid ontzorgen")
        verbose_name_plural = _("beleid ontzorgen")

    def __str__(self) -> str:
        return str(self.gemeente)


class Verblijfsgrond(models.TextChoices):
    ASIEL_BEPAALDE_TIJD = "asiel_bepaalde_tijd", _("Verblijfsvergunning asiel bepaalde tijd")
    REGULIER_GEZIN = (
        "regulier_gezin_bij_asielstatushouder",
        _("Regulier, gezinslid van een asielstatushouder"),
    )
    REGULIER_OVERIG = "regulier_overig", _("Regulier, overig")


class Ontzorging(models.Model):
    """Financieel ontzorgen for one dossier (Pw art. 56a). `einde` is the rule's last day of
    the six months; `vrijwillig_tot` a recorded voluntary continuation."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="ontzorging")
    verblijfsgrond = models.CharField(
        _("verblijfsgrond"), max_length=40, choices=Verblijfsgrond.choices
    )
    recht_op_bijstand_vanaf = models.DateField(_("recht op bijstand vanaf"))
    einde = models.DateField(_("einde zes maanden"))
    vrijwillig_tot = models.DateField(_("vrijwillig voortgezet tot en met"), null=True, blank=True)
    toeslagen_ontvangen = models.DateField(_("toeslagen ontvangen op"), null=True, blank=True)
    beeindigd_op = models.DateField(_("beëindigd op"), null=True, blank=True)
    budgetbeheerder = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ontzorgingen",
        limit_choices_to={"soort": "budgetbeheer"},
        verbose_name=_("budgetbeheerder"),
    )
    bron = models.CharField(_("bron startdatum"), max_length=20, default="invoer")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ontzorging")
        verbose_name_plural = _("ontzorgingen")

    def __str__(self) -> str:
        return f"{_('Ontzorgen')} {self.dossier_id}"


class Kostensoort(models.TextChoices):
    HUUR = "huur", _("Huur")
    ENERGIE = "energie", _("Energie (gas en stroom)")
    WATER = "water", _("Water")
    ZORGVERZEKERING = "zorgverzekering", _("Zorgverzekering")
    OVERIG = "overig", _("Overige vaste last")


class VasteLast(models.Model):
    """One fixed bill paid for the inburgeraar: to whom, how much per month, from and to
    which month. A changed payee waits for a second user's approval (`wacht_op_goedkeuring`)."""

    ontzorging = models.ForeignKey(Ontzorging, on_delete=models.CASCADE, related_name="lasten")
    soort = models.CharField(_("soort"), max_length=20, choices=Kostensoort.choices)
    begunstigde = models.CharField(_("begunstigde"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34)
    bedrag_cents = models.PositiveIntegerField(_("bedrag per maand (cent)"))
    kenmerk = models.CharField(_("betalingskenmerk"), max_length=35)
    vanaf = models.DateField(_("eerste maand"))
    tot = models.DateField(_("laatste maand"), null=True, blank=True)
    wacht_op_goedkeuring = models.BooleanField(_("begunstigde wacht op goedkeuring"), default=False)
    gewijzigd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    wijziging = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["soort", "pk"]
        verbose_name = _("vaste last")
        verbose_name_plural = _("vaste lasten")
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag_cents__gt=0), name="ontzorgen_vastelast_bedrag_positief"
            ),
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=models.F("vanaf")),
                name="ontzorgen_vastelast_tot_na_vanaf",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} – {self.begunstigde}"


class Batchstatus(models.TextChoices):
    CONCEPT = "concept", _("Wacht op goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd en betaald")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Betaalbatch(models.Model):
    """A gemeente's payments for one month: the pain.001 file and the CSV for the benefits
    system, made whole or not at all, approved by a second user."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="betaalbatches")
    maand = models.DateField(_("maand"))
    uitvoerdatum = models.DateField(_("uitvoerdatum"))
    status = models.CharField(
        _("status"), max_length=20, choices=Batchstatus.choices, default=Batchstatus.CONCEPT
    )
    bericht_id = models.CharField(_("berichtkenmerk"), max_length=35)
    aantal = models.PositiveIntegerField(_("aantal betalingen"))
    totaal_cents = models.PositiveBigIntegerField(_("totaal (cent)"))
    pain001 = models.TextField(_("SEPA-bestand"))
    csv = models.TextField(_("CSV voor de uitkeringsadministratie"))
    aangemaakt_door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    goedgekeurd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-maand", "-pk"]
        verbose_name = _("betaalbatch")
        verbose_name_plural = _("betaalbatches")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "maand"],
                condition=~Q(status="ingetrokken"),
                name="ontzorgen_een_batch_per_maand",
            )
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.maand:%m-%Y}"


class Betalingstatus(models.TextChoices):
    OPGENOMEN = "opgenomen", _("In batch, wacht op goedkeuring")
    BETAALD = "betaald", _("Betaald")
    GEWEIGERD = "geweigerd", _("Geweigerd door de bank")
    VERVALLEN = "vervallen", _("Vervallen (batch ingetrokken)")


class Betaling(models.Model):
    """One payment in a batch: a copy of payee, IBAN and amount as they were paid."""

    batch = models.ForeignKey(Betaalbatch, on_delete=models.PROTECT, related_name="betalingen")
    ontzorging = models.ForeignKey(Ontzorging, on_delete=models.PROTECT, related_name="betalingen")
    vaste_last = models.ForeignKey(VasteLast, on_delete=models.PROTECT, related_name="betalingen")
    maand = models.DateField(_("maand"))
    soort = models.CharField(_("soort"), max_length=20, choices=Kostensoort.choices)
    begunstigde = models.CharField(_("begunstigde"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34)
    bedrag_cents = models.PositiveIntegerField(_("bedrag (cent)"))
    kenmerk = models.CharField(_("betalingskenmerk"), max_length=35)
    end_to_end_id = models.CharField(_("end-to-end-kenmerk"), max_length=35, unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Betalingstatus.choices,
        default=Betalingstatus.OPGENOMEN,
    )
    reden = models.CharField(_("reden"), max_length=200, blank=True)

    class Meta:
        ordering = ["maand", "soort", "pk"]
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        indexes = [models.Index(fields=["ontzorging", "maand"])]

    def __str__(self) -> str:
        return self.end_to_end_id

    @property
    def bedrag(self) -> str:
        return euro(self.bedrag_cents)


class Begeleiding(models.Model):
    """Maatschappelijke begeleiding (Wi art. 13) for one dossier: who gives it, from the BRP
    registration, which parts, until when."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="begeleiding")
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="begeleidingen",
        limit_choices_to={"soort": "begeleiding"},
        verbose_name=_("organisatie"),
    )
    begeleider = models.CharField(_("begeleider"), max_length=100)
    aanvang = models.DateField(_("aanvang"))
    praktisch = models.BooleanField(_("praktische zaken en informatie"), default=True)
    pvt = models.BooleanField(_("participatieverklaringstraject (PVT)"), default=False)
    map = models.BooleanField(_("module arbeidsmarkt en participatie (MAP)"), default=False)
    einde = models.DateField(_("einde"), null=True, blank=True)

    class Meta:
        verbose_name = _("maatschappelijke begeleiding")
        verbose_name_plural = _("maatschappelijke begeleidingen")

    def __str__(self) -> str:
        return f"{self.organisatie} – {self.begeleider}"


class Notitiesoort(models.TextChoices):
    CONTACT = "contact", _("Contact")
    VOORTGANG = "voortgang", _("Voortgang")


class Begeleidingsnotitie(models.Model):
    """A contact or progress note of the begeleider; `namens_begeleider` when the consulent
    wrote it on the begeleider's behalf."""

    begeleiding = models.ForeignKey(Begeleiding, on_delete=models.CASCADE, related_name="notities")
    datum = models.DateField(_("datum"))
    soort = models.CharField(_("soort"), max_length=20, choices=Notitiesoort.choices)
    tekst = models.TextField(_("tekst"))
    door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    namens_begeleider = models.BooleanField(_("namens de begeleider"), default=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-datum", "-pk"]
        verbose_name = _("notitie begeleiding")
        verbose_name_plural = _("notities begeleiding")

    def __str__(self) -> str:
        return f"{self.datum} {self.get_soort_display()}"
