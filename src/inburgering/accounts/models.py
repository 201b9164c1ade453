"""Gemeenten, regional services, users with roles, and the access log.

Every user is scoped to one or more gemeenten; nothing outside them is visible (see `toegang.py`).
"""

import uuid

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.invoer import EENREGELIG

cbs_code_validator = RegexValidator(r"^\d{4}$", _("Een CBS-gemeentecode bestaat uit 4 cijfers."))
oin_validator = RegexValidator(r"^\d{20}$", _("Een OIN bestaat uit 20 cijfers."))


class Gemeente(models.Model):
    cbs_code = models.CharField(
        _("CBS-code"), max_length=4, unique=True, validators=[cbs_code_validator]
    )
    naam = models.CharField(_("naam"), max_length=100)
    oin = models.CharField(_("OIN"), max_length=20, blank=True, validators=[oin_validator])

    class Meta:
        ordering = ["naam"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.naam


class Samenwerkingsverband(models.Model):
    """A regional service running inburgering for several gemeenten (e.g. Zaffier for BUCH)."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    oin = models.CharField(_("OIN"), max_length=20, blank=True, validators=[oin_validator])
    gemeenten = models.ManyToManyField(Gemeente, related_name="samenwerkingsverbanden")

    class Meta:
        ordering = ["naam"]
        verbose_name = _("regionale dienst")
        verbose_name_plural = _("regionale diensten")

    def __str__(self) -> str:
        return self.naam


class GemeenteConfiguratie(models.Model):
    """Local policy of one gemeente. The law is not configurable here; local norms are."""

    gemeente = models.OneToOneField(Gemeente, on_delete=models.CASCADE, related_name="configuratie")
    caseload_norm = models.PositiveIntegerField(_("caseloadnorm per consulent (fte)"), default=70)
    consulent_alleen_eigen_caseload = models.BooleanField(
        _("consulenten zien alleen hun eigen caseload"), default=False
    )
    norm_eerste_contact_dagen = models.PositiveIntegerField(
        _("norm eerste contact na koppeling (dagen)"), default=21
    )
    contact_signalering_weken = models.PositiveIntegerField(
        _("signaleer 'geen contact' na (weken)"), default=6
    )

    contactpersoon_aan_duo = models.BooleanField(
        _("consulent als contactpersoon aan DUO melden"),
        default=False,
        help_text=_(
            "DUO toont de contactpersoon aan ketenpartners met vragen over de inburgeraar. "
            "Aan: bij elke toewijzing wordt de consulent (naam, e-mail, telefoon) aan DUO gemeld."
        ),
    )

    # The portal (docs/adr/0025, 0039).
    portaal_kinderen = models.BooleanField(
        _("ouders zien in het portaal het dossier van hun minderjarige kinderen"),
        default=False,
        help_text=_(
            "Aan: een ouder ziet ook het dossier van een kind onder de 18 dat bij hem of haar "
            "woont en zelf een dossier in deze gemeente heeft (ADR 0039). Alleen lezen."
        ),
    )
    contact_bereikbaar = models.CharField(
        _("bereikbaarheid van de contactpersoon (portaal)"),
        max_length=200,
        blank=True,
        validators=[EENREGELIG],
        help_text=_(
            "Wanneer de inburgeraar de contactpersoon kan bereiken, zoals het portaal het "
            "toont. Leeg: 'Maandag tot en met vrijdag, van 9.00 tot 17.00 uur.' in de taal "
            "van de persoon."
        ),
    )

    class Meta:
        verbose_name = _("gemeenteconfiguratie")
        verbose_name_plural = _("gemeenteconfiguraties")

    def __str__(self) -> str:
        return f"Configuratie {self.gemeente}"


class Team(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="teams")
    naam = models.CharField(_("naam"), max_length=100)

    class Meta:
        ordering = ["naam"]
        unique_together = [("gemeente", "naam")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"


class Rol(models.TextChoices):
    CONSULENT = "consulent", _("Consulent")
    TEAMLEIDER = "teamleider", _("Teamleider")
    KWALITEIT = "kwaliteit", _("Kwaliteitsmedewerker / beleid")
    BEHEERDER = "beheerder", _("Functioneel beheerder")
    PRIVACY = "privacy", _("Privacyfunctionaris")
    PARTNER = "partner", _("Ketenpartner")


class Gebruiker(AbstractUser):
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.CONSULENT)
    gemeenten = models.ManyToManyField(
        Gemeente, related_name="gebruikers", blank=True, verbose_name=_("gemeenten")
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="leden"
    )
    #: The `sub` of this user at the gemeente's identity provider (accounts/oidc.py); empty for
    #: a local account. Role and gemeenten of such a user follow the provider's claims.
    oidc_subject = models.CharField(
        _("OIDC-subject"), max_length=255, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def via_idp(self) -> bool:
        return bool(self.oidc_subject)

    @property
    def weergavenaam(self) -> str:
        return self.get_full_name() or self.username


class Inzagelog(models.Model):
    """Who viewed which dossier's personal data, when, and on which page. Append-only, also
    in the database (trigger, migration 0004); `manage.py opschonen` deletes rows older than
    settings.INZAGELOG_BEWAARTERMIJN_MAANDEN through `dossiers.onveranderlijk`."""

    id = models.BigAutoField(primary_key=True)
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # Without database constraints and with one index on the dossier (the one below): the page
    # that shows 50 dossiers writes 50 rows, and the two constraint checks per row doubled the
    # cost of that write. The ids come from the rows just shown; Django still applies on_delete.
    gebruiker = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.CASCADE,
        related_name="inzagelog",
        db_constraint=False,
        db_index=False,
    )
    doel = models.CharField(_("doel / pagina"), max_length=60)
    verzoek_id = models.UUIDField(_("verzoek"), default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["-tijdstip"]
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        indexes = [models.Index(fields=["dossier", "-tijdstip"])]

    def __str__(self) -> str:
        return f"{self.gebruiker_id} zag dossier {self.dossier_id} ({self.doel})"


class Exportlog(models.Model):
    """One download of a file that holds personal data or names of people (staff included):
    who, when, which export, the selection it was made for (filter values, never a BSN) and how
    many dossiers it holds. Append-only. The dossiers themselves are in `Inzagelog`, with the
    same `verzoek_id`; an export of aggregates that names staff has a row here with 0 dossiers.
    """

    id = models.BigAutoField(primary_key=True)
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    gebruiker = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(_("soort export"), max_length=60)
    selectie = models.JSONField(_("selectie"), default=dict, blank=True)
    aantal_dossiers = models.PositiveIntegerField(_("aantal dossiers"), default=0)
    verzoek_id = models.UUIDField(_("verzoek"), default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["-tijdstip", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exportlog")

    def __str__(self) -> str:
        return f"{self.gebruiker_id} exporteerde {self.soort} ({self.aantal_dossiers} dossiers)"


class Configuratiewijziging(models.Model):
    """One change to the configuration (a user's role, gemeenten, team or status; a team; a
    gemeente's local policy; a letter template): who, when, which object, and per field the old
    and the new value. Written only through `accounts.services.leg_wijziging_vast`. Append-only,
    also in the database (trigger, migration 0008). Kept without retention period: it names
    staff, never an inburgeraar.

    The actor and the gemeente are kept as ids without database constraints, with the names as
    they were (`actor_naam`, `object_omschrijving`): the trail stays readable when a user or a
    demo gemeente is removed later."""

    id = models.BigAutoField(primary_key=True)
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        Gebruiker, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    actor_naam = models.CharField(_("door"), max_length=300)
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        null=True,
        blank=True,
    )
    soort = models.CharField(_("soort object"), max_length=100)
    object_id = models.CharField(_("object"), max_length=64)
    object_omschrijving = models.CharField(_("omschrijving"), max_length=300)
    wijzigingen = models.JSONField(_("wijzigingen"), default=dict)
    verzoek_id = models.CharField(_("verzoek"), max_length=64, blank=True)

    class Meta:
        ordering = ["-tijdstip", "-id"]
        verbose_name = _("configuratiewijziging")
        verbose_name_plural = _("configuratiewijzigingen")
        indexes = [models.Index(fields=["gemeente", "-tijdstip"])]

    def __str__(self) -> str:
        return f"{self.actor_naam} wijzigde {self.object_omschrijving}"

    @staticmethod
    def _tekst(waarde: object) -> str:
        if waarde is None or waarde == "":
            return "–"
        if isinstance(waarde, list):
            return ", ".join(str(w) for w in waarde) or "–"
        if isinstance(waarde, bool):
            return str(_("ja") if waarde else _("nee"))
        return str(waarde)

    def regels(self) -> list[tuple[str, str, str]]:
        """(field, old, new) as text, for the page."""
        return [
            (veld, self._tekst(w.get("oud")), self._tekst(w.get("nieuw")))
            for veld, w in self.wijzigingen.items()
        ]
