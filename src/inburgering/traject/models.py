"""The learning route after the PIP: course providers (aanbieders) with their locations and
products, the gemeente's contracts with them, placements of a person on a contract and the
hours offered and attended per period.

Providers are organisation data (public: KvK, DUO's institution list) shared by the gemeenten
of the installation; a contract, and everything about a person, belongs to one gemeente."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.dossiers.models import Dossier

kvk_validator = RegexValidator(
    r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."), code="kvk"
)
instellingsnummer_validator = RegexValidator(
    r"^[0-9A-Z]{10}$",
    _("Een DUO-instellingsnummer bestaat uit precies 10 cijfers of hoofdletters."),
    code="instellingsnummer",
)
postcode_validator = RegexValidator(
    r"^[1-9]\d{3} ?[A-Z]{2}$", _("Vul een postcode in als 1234 AB."), code="postcode"
)


class Keurmerk(models.TextChoices):
    BLIK_OP_WERK = "blik_op_werk", _("Keurmerk Blik op Werk")
    TAALSCHAKEL = "taalschakel", _("Erkend taalschakeltraject")
    BEIDE = "beide", _("Blik op Werk en erkend taalschakeltraject")
    GEEN = "geen", _("Geen keurmerk")


class Productsoort(models.TextChoices):
    B1_ROUTE = "b1", _("B1-route (NT2)")
    ONDERWIJSROUTE = "onderwijs", _("Onderwijsroute / taalschakeltraject")
    Z_ROUTE = "z", _("Z-route")
    PVT = "pvt", _("Participatieverklaringstraject (PVT)")
    MAP = "map", _("Module Arbeidsmarkt en Participatie (MAP)")
    KNM = "knm", _("Kennis van de Nederlandse Maatschappij (KNM)")
    OVERBRUGGING = "overbrugging", _("Overbruggingsactiviteit")


#: Product kinds that are a learning route (Wi art. 8): the PIP's leerroute maps onto them.
LEERROUTE_PRODUCT = {
    "b1": Productsoort.B1_ROUTE,
    "onderwijs": Productsoort.ONDERWIJSROUTE,
    "z": Productsoort.Z_ROUTE,
}


class Aanbieder(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, validators=[kvk_validator]
    )
    instellingsnummer = models.CharField(
        _("DUO-instellingsnummer"),
        max_length=10,
        blank=True,
        validators=[instellingsnummer_validator],
        help_text=_("Uit de lijst van instellingen van DUO; nodig om het aanbod te melden."),
    )
    keurmerk = models.CharField(
        _("keurmerk"), max_length=20, choices=Keurmerk.choices, default=Keurmerk.GEEN
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")

    def __str__(self) -> str:
        return self.naam


class Locatie(models.Model):
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.CASCADE, related_name="locaties")
    naam = models.CharField(_("naam"), max_length=200)
    adres = models.CharField(_("adres"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[postcode_validator])
    plaats = models.CharField(_("plaats"), max_length=100)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")

    def __str__(self) -> str:
        return f"{self.naam} ({self.plaats})"


class Product(models.Model):
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.CASCADE, related_name="producten")
    soort = models.CharField(_("soort"), max_length=20, choices=Productsoort.choices)
    naam = models.CharField(_("naam"), max_length=200)
    locatie = models.ForeignKey(
        Locatie, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("locatie")
    )
    uren_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    duur_weken = models.PositiveSmallIntegerField(
        _("duur in weken"), null=True, blank=True, validators=[MaxValueValidator(260)]
    )

    class Meta:
        ordering = ["aanbieder__naam", "naam"]
        verbose_name = _("product")
        verbose_name_plural = _("producten")

    def __str__(self) -> str:
        return f"{self.aanbieder.naam}: {self.naam}"


class Contract(models.Model):
    """What a gemeente bought of one product: period, price, capacity, start moments, the
    maximum waiting time and whether the provider must report attendance."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="contracten", verbose_name=_("product")
    )
    kenmerk = models.CharField(_("kenmerk"), max_length=50)
    begin = models.DateField(_("ingangsdatum"))
    einde = models.DateField(_("einddatum"))
    prijs_per_uur = models.DecimalField(
        _("prijs per uur (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    prijs_per_product = models.DecimalField(
        _("prijs per product (€)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    capaciteit = models.PositiveIntegerField(
        _("capaciteit (plaatsen)"), validators=[MinValueValidator(1)]
    )
    startmomenten = models.JSONField(_("startmomenten"), default=list, blank=True)
    max_wachttijd_weken = models.PositiveSmallIntegerField(
        _("maximale wachttijd (weken)"), validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    aanwezigheid_melden = models.BooleanField(_("aanbieder meldt aanwezigheid"), default=True)

    class Meta:
        ordering = ["gemeente__naam", "-begin", "kenmerk"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "kenmerk"], name="contract_kenmerk_uniek"),
            models.CheckConstraint(
                condition=models.Q(einde__gte=models.F("begin")), name="contract_periode"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kenmerk} – {self.product}"

    def clean(self) -> None:
        if self.begin and self.einde and self.einde < self.begin:
            raise ValidationError({"einde": _("De einddatum ligt vóór de ingangsdatum.")})
        if (self.prijs_per_uur is None) == (self.prijs_per_product is None):
            raise ValidationError(
                _("Vul een prijs per uur óf een prijs per product in (precies één van beide).")
            )


class Instelling(models.Model):
    """The gemeente's settings for the route: the attendance norm of the absence signal."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="trajectinstelling"
    )
    aanwezigheidsnorm = models.PositiveSmallIntegerField(
        _("aanwezigheidsnorm (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("instelling leerroute")
        verbose_name_plural = _("instellingen leerroute")

    def __str__(self) -> str:
        return str(self.gemeente)


class PlaatsingStatus(models.TextChoices):
    AANGEMELD = "aangemeld", _("Aangemeld")
    INTAKE = "intake", _("Intake bij aanbieder")
    GESTART = "gestart", _("Gestart")
    AFGEROND = "afgerond", _("Afgerond")
    UITGEVALLEN = "uitgevallen", _("Uitgevallen")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")
    #: Ended by the move out of the gemeente (set by `services.beeindig_bij_verhuizing` only):
    #: the old gemeente's contract no longer pays; neither a dropout nor a cancellation.
    VERHUISD = "verhuisd", _("Beëindigd door verhuizing")


LOPEND = (PlaatsingStatus.AANGEMELD, PlaatsingStatus.INTAKE, PlaatsingStatus.GESTART)
WACHTEND = (PlaatsingStatus.AANGEMELD, PlaatsingStatus.INTAKE)


class Plaatsing(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="plaatsingen")
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="plaatsingen", verbose_name=_("contract")
    )
    status = models.CharField(_("status"), max_length=20, choices=PlaatsingStatus.choices)
    aangemeld_op = models.DateField(_("aangemeld op"))
    verwachte_start = models.DateField(_("verwachte start"), null=True, blank=True)
    verwacht_einde = models.DateField(_("verwacht einde"), null=True, blank=True)
    intake_op = models.DateField(_("intake op"), null=True, blank=True)
    gestart_op = models.DateField(_("gestart op"), null=True, blank=True)
    beeindigd_op = models.DateField(_("beëindigd op"), null=True, blank=True)
    reden = models.TextField(_("reden"), blank=True)
    uren_per_week = models.PositiveSmallIntegerField(_("uren per week"), null=True, blank=True)
    #: For the caseload filters, kept by the services: the day after which waiting exceeds the
    #: contract's norm (set at aanmelding, with the norm of that moment), and the absence signal
    #: as the rules package computed it at the last hours entry (the Route tab computes it live).
    wachten_uiterlijk = models.DateField(null=True, blank=True, editable=False)
    verzuimsignaal = models.BooleanField(default=False, editable=False)
    #: The parts the law names, recorded by the consulent (`services.registreer_onderdelen`):
    #: PVT (Besluit 3.1: an activity on the core values, the signed declaration), MAP (3.2:
    #: the themes a-h followed, the eindgesprek) and the Z-route's eindgesprek (3.14 lid 2).
    kernwaarden_activiteit_op = models.DateField(
        _("activiteit of excursie kernwaarden op"), null=True, blank=True
    )
    ondertekend_op = models.DateField(
        _("participatieverklaring ondertekend op"), null=True, blank=True
    )
    map_themas = models.JSONField(_("MAP-thema's gevolgd"), default=list, blank=True)
    eindgesprek_op = models.DateField(_("eindgesprek op"), null=True, blank=True)
    aangemeld_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, related_name="+"
    )
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-aangemeld_op", "-pk"]
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        indexes = [models.Index(fields=["dossier", "status"])]

    def __str__(self) -> str:
        return f"{self.contract.product} ({self.get_status_display()})"


class Periodesoort(models.TextChoices):
    WEEK = "week", _("Week")
    MAAND = "maand", _("Maand")


class Uren(models.Model):
    """Hours offered and attended in one period of one placement. A second row for the same
    period is only stored as a correction; the newest row of a period counts."""

    class Bron(models.TextChoices):
        HANDMATIG = "handmatig", _("Ingevoerd door de consulent")
        BESTAND = "bestand", _("Bestand van de aanbieder")

    plaatsing = models.ForeignKey(Plaatsing, on_delete=models.CASCADE, related_name="uren")
    periodesoort = models.CharField(_("periode"), max_length=10, choices=Periodesoort.choices)
    periode_begin = models.DateField(_("begin periode"))
    periode_einde = models.DateField(_("einde periode"))
    aangeboden = models.DecimalField(_("aangeboden uren"), max_digits=6, decimal_places=2)
    aanwezig = models.DecimalField(_("aanwezige uren"), max_digits=6, decimal_places=2)
    correctie = models.BooleanField(_("correctie"), default=False)
    bron = models.CharField(max_length=10, choices=Bron.choices, default=Bron.HANDMATIG)
    ingevoerd_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, related_name="+"
    )
    ingevoerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["periode_begin", "pk"]
        verbose_name = _("uren")
        verbose_name_plural = _("uren")
        indexes = [models.Index(fields=["plaatsing", "periode_begin"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(aangeboden__gte=0, aanwezig__gte=0), name="uren_niet_negatief"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.periode_begin:%d-%m-%Y} – {self.periode_einde:%d-%m-%Y}: {self.aanwezig}"


def geldende_uren(plaatsingen: Iterable[Plaatsing]) -> dict[int, list[Uren]]:
    """Per placement its periods, the newest row of each period (a correction replaces)."""
    per: dict[int, dict[tuple[str, dt.date], Uren]] = defaultdict(dict)
    rijen = Uren.objects.filter(plaatsing__in=plaatsingen).order_by("periode_begin", "pk")
    for rij in rijen:
        per[rij.plaatsing_id][(rij.periodesoort, rij.periode_begin)] = rij
    return {pk: sorted(v.values(), key=lambda r: r.periode_begin) for pk, v in per.items()}


class Bestandsindeling(models.Model):
    """How one provider's hours file is laid out: which column holds which value."""

    aanbieder = models.ForeignKey(
        Aanbieder, on_delete=models.CASCADE, related_name="indelingen", verbose_name=_("aanbieder")
    )
    naam = models.CharField(_("naam"), max_length=100)
    kolom_bsn = models.CharField(_("kolom BSN"), max_length=50)
    kolom_begin = models.CharField(_("kolom begin periode"), max_length=50)
    kolom_einde = models.CharField(_("kolom einde periode"), max_length=50)
    kolom_aangeboden = models.CharField(_("kolom aangeboden uren"), max_length=50)
    kolom_aanwezig = models.CharField(_("kolom aanwezige uren"), max_length=50)
    kolom_correctie = models.CharField(_("kolom correctie"), max_length=50, blank=True)
    periodesoort = models.CharField(
        _("periode"), max_length=10, choices=Periodesoort.choices, default=Periodesoort.MAAND
    )

    class Meta:
        ordering = ["aanbieder__naam", "naam"]
        verbose_name = _("bestandsindeling")
        verbose_name_plural = _("bestandsindelingen")
        constraints = [
            models.UniqueConstraint(fields=["aanbieder", "naam"], name="indeling_naam_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.aanbieder.naam}: {self.naam}"
