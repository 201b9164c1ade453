"""Inburgeraar, dossier and the dossier's append-only event log.

The columns under "projection" on Dossier are a cache of `toestand.bereken_toestand()` over the
event log, written in the same transaction as each event (`services.registreer`). They exist so
that caseload lists can filter and sort in SQL; `manage.py herbereken_dossiers` rebuilds them.
"""

import uuid
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.bsn import valideer_bsn
from inburgering.invoer import EENREGELIG
from inburgering.labels import label

from .workflow import Afsluitreden, Fase, Soort, WachtOp


class Regime(models.TextChoices):
    WI2021 = "wi2021", _("Wet inburgering 2021")
    WI2013 = "wi2013", _("Wet inburgering (2013)")


class Doelgroep(models.TextChoices):
    ASIELSTATUSHOUDER = "asielstatushouder", _("Asielstatushouder")
    GEZINSMIGRANT_OVERIG = "gezinsmigrant_overig", _("Gezinsmigrant en overige migrant")


class Geslacht(models.TextChoices):
    MAN = "M", _("Man")
    VROUW = "V", _("Vrouw")
    ANDERS = "X", _("Anders / onbekend")


class Bron(models.TextChoices):
    GEBRUIKER = "gebruiker", _("Medewerker")
    DUO = "duo", _("DUO")
    COA = "coa", _("COA")
    SCHOOL = "school", _("Cursusinstelling")
    IMPORT = "import", _("Import")
    SYSTEEM = "systeem", _("Systeem")
    INBURGERAAR = "inburgeraar", _("Inburgeraar (portaal)")


class Inburgeraar(models.Model):
    """A person as one gemeente knows them.

    Person data is kept per gemeente: the same BSN in two gemeenten is two records, each built
    only from what that gemeente entered and what lawful sources (DUO, BRP) returned for it.
    One shared record would show one gemeente what another stored (name, birth date, family)
    and confirm that the person is known elsewhere (docs/adr/0002-persoonsgegevens-per-gemeente.md).
    A move does not reuse the old gemeente's record: the receiving gemeente gets its own.
    """

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="inburgeraars", verbose_name=_("gemeente")
    )
    bsn = models.CharField(_("BSN"), max_length=9, validators=[valideer_bsn])
    v_nummer = models.CharField(
        _("V-nummer"),
        max_length=10,
        blank=True,
        help_text=_("Vreemdelingennummer (10 cijfers), als bekend."),
    )
    voornamen = models.CharField(_("voornamen"), max_length=200, validators=[EENREGELIG])
    voorvoegsel = models.CharField(
        _("voorvoegsel"), max_length=20, blank=True, validators=[EENREGELIG]
    )
    geslachtsnaam = models.CharField(_("achternaam"), max_length=200, validators=[EENREGELIG])
    geboortedatum = models.DateField(
        _("geboortedatum"),
        null=True,
        blank=True,
        help_text=_("Leeg als de dag, maand of het jaar onbekend is."),
    )
    # The BRP gives many people born abroad a birth date with unknown parts; kept as given,
    # "JJJJ-MM-DD" with 00 for what is unknown (koppelingen/brp/datum.py).
    geboortedatum_onvolledig = models.CharField(
        _("onvolledige geboortedatum"), max_length=10, blank=True
    )
    geslacht = models.CharField(_("geslacht"), max_length=1, choices=Geslacht.choices)
    land_van_herkomst = models.CharField(_("land van herkomst"), max_length=2)
    talen = models.JSONField(_("gesproken talen"), default=list, blank=True)
    voorkeurstaal = models.CharField(_("voorkeurstaal"), max_length=3, blank=True)
    tolk_nodig = models.BooleanField(_("tolk nodig"), default=False)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True, validators=[EENREGELIG])
    email = models.EmailField(_("e-mail"), blank=True)
    whatsapp = models.CharField(
        _("WhatsApp-nummer"), max_length=20, blank=True, validators=[EENREGELIG]
    )
    post_straat = models.CharField(
        _("straat en huisnummer (post)"), max_length=200, blank=True, validators=[EENREGELIG]
    )
    post_postcode = models.CharField(
        _("postcode (post)"), max_length=7, blank=True, validators=[EENREGELIG]
    )
    post_plaats = models.CharField(
        _("plaats (post)"), max_length=100, blank=True, validators=[EENREGELIG]
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inburgeraar")
        verbose_name_plural = _("inburgeraars")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "bsn"], name="een_inburgeraar_per_bsn_per_gemeente"
            )
        ]
        indexes = [
            models.Index(fields=["geslachtsnaam", "voornamen"]),
            # DUO's and BRP's signals name a person by BSN only.
            models.Index(fields=["bsn"], name="dossiers_inburgeraar_bsn"),
        ]

    def __str__(self) -> str:
        return self.naam

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Names and contact details arrive without a form too (DUO's BRP data, the migration
        import): a control character is refused here, whichever way the data came."""
        fouten = {}
        for veld in self._meta.fields:
            if EENREGELIG in veld.validators:
                try:
                    EENREGELIG(getattr(self, veld.attname))
                except ValidationError as fout:
                    fouten[veld.name] = fout.messages
        if fouten:
            raise ValidationError(fouten)
        super().save(*args, **kwargs)

    @property
    def geboortedatum_tekst(self) -> str:
        """Dutch notation; unknown parts as zeros ("00-00-1987"), as the BRP shows them."""
        if self.geboortedatum:
            return self.geboortedatum.strftime("%d-%m-%Y")
        if self.geboortedatum_onvolledig:
            jaar, maand, dag = self.geboortedatum_onvolledig.split("-")
            return f"{dag}-{maand}-{jaar}"
        return ""

    @property
    def naam(self) -> str:
        return " ".join(p for p in [self.voornamen, self.voorvoegsel, self.geslachtsnaam] if p)

    def clean(self) -> None:
        if self.geboortedatum and self.geboortedatum > timezone.localdate():
            raise ValidationError(
                {"geboortedatum": _("De geboortedatum kan niet in de toekomst liggen.")}
            )
        if self.v_nummer and not (self.v_nummer.isdigit() and len(self.v_nummer) == 10):
            raise ValidationError({"v_nummer": _("Een V-nummer bestaat uit 10 cijfers.")})


class Gezinsrelatie(models.Model):
    class Soort(models.TextChoices):
        PARTNER = "partner", _("Partner")
        KIND = "kind", _("Kind")

    inburgeraar = models.ForeignKey(
        Inburgeraar, on_delete=models.CASCADE, related_name="gezinsrelaties"
    )
    soort = models.CharField(_("relatie"), max_length=10, choices=Soort.choices)
    naam = models.CharField(_("naam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    gerelateerde = models.ForeignKey(
        Inburgeraar,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Als het gezinslid zelf inburgeraar is (in dezelfde gemeente)."),
    )

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.naam}"

    def clean(self) -> None:
        # A link may not lead to another gemeente's person record (see Inburgeraar).
        gerelateerde = self.gerelateerde
        if gerelateerde is not None and gerelateerde.gemeente_id != self.inburgeraar.gemeente_id:
            raise ValidationError(
                {"gerelateerde": _("Een gezinslid kan alleen in dezelfde gemeente gekoppeld zijn.")}
            )


class Dossier(models.Model):
    """One inburgeringsplicht of one person in one gemeente."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inburgeraar = models.ForeignKey(Inburgeraar, on_delete=models.PROTECT, related_name="dossiers")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="dossiers")
    regime = models.CharField(_("regime"), max_length=10, choices=Regime.choices)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    # Projection of the event log (see module docstring).
    fase = models.CharField(_("fase"), max_length=30, choices=Fase.choices, blank=True)
    fase_sinds = models.DateField(_("in fase sinds"), null=True, blank=True)
    afsluitreden = models.CharField(
        _("reden afsluiten"), max_length=30, choices=Afsluitreden.choices, blank=True
    )
    doelgroep = models.CharField(_("doelgroep"), max_length=30, choices=Doelgroep.choices)
    consulent = models.ForeignKey(
        Gebruiker, on_delete=models.SET_NULL, null=True, blank=True, related_name="caseload"
    )
    kennisgeving_datum = models.DateField(_("kennisgeving DUO"), null=True, blank=True)
    koppeling_datum = models.DateField(_("koppeling COA"), null=True, blank=True)
    brp_inschrijving_datum = models.DateField(_("inschrijving BRP"), null=True, blank=True)
    pip_dagtekening = models.DateField(_("dagtekening PIP"), null=True, blank=True)
    pip_deadline = models.DateField(_("uiterste datum PIP"), null=True, blank=True)
    laatste_contact = models.DateField(_("laatste contact"), null=True, blank=True)
    leerroute = models.CharField(_("leerroute"), max_length=20, blank=True)
    wacht_op = models.CharField(_("wacht op"), max_length=20, choices=WachtOp.choices, blank=True)
    wacht_op_sinds = models.DateField(_("wacht sinds"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["inburgeraar"],
                condition=~Q(fase=Fase.AFGEROND),
                name="een_open_dossier_per_inburgeraar",
            )
        ]
        indexes = [
            models.Index(fields=["gemeente", "fase"]),
            models.Index(fields=["consulent", "fase"]),
            models.Index(fields=["gemeente", "pip_deadline"]),
        ]

    def __str__(self) -> str:
        return f"Dossier {self.inburgeraar} ({self.gemeente})"


class EventQuerySet(models.QuerySet["DossierEvent"]):
    def met_actornaam(self) -> "EventQuerySet":
        """The events with the name of who recorded them (`actor.weergavenaam`): of the
        user's row only the name columns, not the whole row built into a user per event."""
        velden = [veld.name for veld in DossierEvent._meta.concrete_fields]
        return self.select_related("actor").only(
            *velden, "actor__username", "actor__first_name", "actor__last_name"
        )

    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("Dossier events are append-only; record a correction instead.")

    def delete(self) -> NoReturn:
        raise TypeError("Dossier events are append-only; record an intrekking instead.")


class DossierEvent(models.Model):
    """One fact in a dossier's life. Never changed or deleted: a correction is a new event.

    Enforced here and, for any other route (raw SQL, `_base_manager`), by database triggers
    (migration 0008). The only exception is the purge after the retention period, which blanks
    `gegevens` and `toelichting` (`bewaren.py`, `onveranderlijk.py`)."""

    id = models.BigAutoField(primary_key=True)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    soort = models.CharField(_("gebeurtenis"), max_length=30, choices=Soort.choices)
    datum = models.DateField(_("datum rechtsgevolg"))
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    bron = models.CharField(_("bron"), max_length=12, choices=Bron.choices)
    actor = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bron_referentie = models.CharField(
        _("referentie bij de bron"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld het berichtId van DUO; maakt verwerking idempotent."),
    )
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    corrigeert = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correcties"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["datum", "id"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        indexes = [
            models.Index(fields=["dossier", "datum", "id"]),
            # The DUO chain's "processed before?" (a berichtId already in the log): without it,
            # a scan of the whole log per notification (0.4 s at 4.5M events, 3 s at 28M).
            # Not partial (empty references excluded): neither database can match such an
            # index's condition against a query parameter on every driver.
            models.Index(fields=["bron_referentie"], name="dossiers_event_bronref"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} op {self.datum:%d-%m-%Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Dossier events are append-only; record a correction instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("Dossier events are append-only; record an intrekking instead.")

    @property
    def soort_label(self) -> str:
        return label(Soort, self.soort)

    @property
    def bron_label(self) -> str:
        return label(Bron, self.bron)


# --- Retention and erasure (bewaren.py, docs/adr/0001-bewaartermijnen-en-opschonen.md) ---------


class Opschoonrun(models.Model):
    """One run of `manage.py opschonen`, dry run or purge: when, for which peildatum and
    gemeente, by whom, and how much went. The accountability record (AVG art. 5 lid 2) that
    the purge happened as the law requires; it holds no personal data of inburgeraars."""

    gestart_op = models.DateTimeField(_("gestart op"), default=timezone.now)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    peildatum = models.DateField(_("peildatum"))
    proefdraai = models.BooleanField(_("proefdraai"), default=False)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uitgevoerd_door = models.CharField(_("uitgevoerd door"), max_length=150, blank=True)
    aantallen = models.JSONField(_("aantallen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("opschoonrun")
        verbose_name_plural = _("opschoonruns")

    def __str__(self) -> str:
        soort = "proefdraai" if self.proefdraai else "opschoning"
        return f"{soort} {self.peildatum:%d-%m-%Y}"


class Verwijdering(models.Model):
    """What one purge run removed of one dossier for one retention category, and on which
    legal ground. At most one per dossier and category: the second run finds it and skips."""

    run = models.ForeignKey(Opschoonrun, on_delete=models.PROTECT, related_name="verwijderingen")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="verwijderingen")
    datum = models.DateField(_("datum"))
    categorie = models.CharField(_("categorie"), max_length=20)
    verwijderen_uiterlijk = models.DateField(_("verwijderen uiterlijk"))
    grondslag = models.CharField(_("grondslag"), max_length=100)
    uitleg = models.TextField(_("uitleg"))
    verwijderd = models.JSONField(_("verwijderd"), default=dict, blank=True)

    class Meta:
        verbose_name = _("verwijdering")
        verbose_name_plural = _("verwijderingen")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "categorie"], name="een_verwijdering_per_categorie"
            )
        ]

    def __str__(self) -> str:
        return f"{self.categorie} van dossier {self.dossier_id} op {self.datum:%d-%m-%Y}"


class Schrijfvergunning(models.Model):
    """SQLite's stand-in for PostgreSQL's transaction-local setting `inburgering.opschonen`.

    The triggers on the event log and the access log (migrations dossiers 0010, accounts 0005
    and 0006) let a change through only while a row with the right `modus` exists. The row is
    written and removed again inside the one transaction that needs it
    (`onveranderlijk.uitzondering`), so no other connection ever sees it. Always empty between
    transactions."""

    modus = models.CharField(max_length=20)
    tot = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("schrijfvergunning")
        verbose_name_plural = _("schrijfvergunningen")

    def __str__(self) -> str:
        return self.modus
