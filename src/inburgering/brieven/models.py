"""A gemeente's letterhead: the sender's address, contact details and where to send a
bezwaarschrift, used by every letter and the PIP beschikking; and every change to it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from inburgering.accounts.models import Gebruiker, Gemeente
from inburgering.invoer import EENREGELIG

#: The letterhead's fields a functioneel beheerder edits (and the change log compares).
VELDEN = (
    "afdeling",
    "postadres",
    "telefoon",
    "email",
    "website",
    "bezwaar_adres",
    "bezwaar_digitaal",
    "ondertekening",
    "voettekst",
)


class Briefhoofd(models.Model):
    gemeente = models.OneToOneField(Gemeente, on_delete=models.CASCADE, related_name="briefhoofd")
    afdeling = models.CharField(
        _("afdeling"), max_length=100, blank=True, validators=[EENREGELIG],
        help_text=_("Bijvoorbeeld: Team Inburgering."),
    )  # fmt: skip
    postadres = models.TextField(
        _("postadres van de gemeente"), blank=True,
        help_text=_("Het afzenderadres, bijvoorbeeld: Postbus 16200, 3500 CE Utrecht."),
    )  # fmt: skip
    telefoon = models.CharField(
        _("algemeen telefoonnummer"), max_length=20, blank=True, validators=[EENREGELIG],
        help_text=_("Gebruikt als de consulent geen eigen nummer heeft."),
    )  # fmt: skip
    email = models.EmailField(_("algemeen e-mailadres"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True, validators=[EENREGELIG])
    bezwaar_adres = models.TextField(
        _("adres voor een bezwaarschrift"), blank=True,
        help_text=_("Het postadres waar de inburgeraar een bezwaarschrift heen stuurt."),
    )  # fmt: skip
    bezwaar_digitaal = models.CharField(
        _("digitaal bezwaar maken"), max_length=200, blank=True, validators=[EENREGELIG],
        help_text=_("Bijvoorbeeld de webpagina om met DigiD bezwaar te maken (optioneel)."),
    )  # fmt: skip
    ondertekening = models.CharField(
        _("ondertekening"), max_length=200, blank=True, validators=[EENREGELIG],
        help_text=_("Onder de brief, bijvoorbeeld: Het college van burgemeester en wethouders."),
    )  # fmt: skip
    voettekst = models.TextField(_("voettekst"), blank=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    bijgewerkt_door = models.ForeignKey(
        Gebruiker, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("briefhoofd")
        verbose_name_plural = _("briefhoofden")

    def __str__(self) -> str:
        return f"Briefhoofd {self.gemeente}"


class Contactgegevens(models.Model):
    """A staff member's direct phone number for the sender block of letters (the e-mail
    address is the user's own `email`). Kept here, beside the letters that use it."""

    gebruiker = models.OneToOneField(
        Gebruiker, on_delete=models.CASCADE, related_name="contactgegevens"
    )
    telefoon = models.CharField(
        _("telefoonnummer"), max_length=20, blank=True, validators=[EENREGELIG]
    )

    class Meta:
        verbose_name = _("contactgegevens")
        verbose_name_plural = _("contactgegevens")

    def __str__(self) -> str:
        return f"Contactgegevens {self.gebruiker}"


class BriefhoofdWijziging(models.Model):
    """One saved change of a letterhead: who, when, and the old and new values of the fields
    that changed. Never changed afterwards."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    door = models.ForeignKey(Gebruiker, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)
    oud = models.JSONField(_("oude waarden"), default=dict)
    nieuw = models.JSONField(_("nieuwe waarden"), default=dict)

    class Meta:
        ordering = ["-op", "-id"]
        verbose_name = _("wijziging van een briefhoofd")
        verbose_name_plural = _("wijzigingen van briefhoofden")

    def __str__(self) -> str:
        return f"{self.gemeente} {self.op:%d-%m-%Y %H:%M}"
