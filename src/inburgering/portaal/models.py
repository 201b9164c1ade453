"""What the portal keeps of its own: the citizen's profile (language, session version) and the
outbox of messages to citizens (docs/adr/0025)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inburgering.dossiers.models import Dossier, Inburgeraar


class Portaalprofiel(models.Model):
    """One per person record that logged in: the chosen language and the session version
    (raised by "log out everywhere": every older session of this person ends)."""

    inburgeraar = models.OneToOneField(
        Inburgeraar, on_delete=models.CASCADE, related_name="portaalprofiel"
    )
    taal = models.CharField(_("taal"), max_length=5, blank=True)
    sessieversie = models.PositiveIntegerField(default=0)
    laatst_ingelogd_op = models.DateTimeField(_("laatst ingelogd op"), null=True, blank=True)
    #: The login before the last one: what changed since then is "new" on the home page.
    vorige_inlog_op = models.DateTimeField(_("vorige keer ingelogd op"), null=True, blank=True)
    ervaring_gegeven_op = models.DateField(_("ervaring gegeven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("portaalprofiel")
        verbose_name_plural = _("portaalprofielen")

    def __str__(self) -> str:
        return f"portaalprofiel {self.inburgeraar_id}"


class Kanaal(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Berichtstatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wachtend")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Mislukt")


class Portaalbericht(models.Model):
    """One message to a citizen, written in the transaction of its cause (outbox, ADR 0010)
    and sent by `manage.py portaalberichten` through the configured gateway. The text never
    holds personal details: it says that something is waiting in the portal."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices)
    adres = models.CharField(_("adres"), max_length=254)
    taal = models.CharField(_("taal"), max_length=5)
    soort = models.CharField(_("soort"), max_length=30)
    onderwerp = models.CharField(_("onderwerp"), max_length=200, blank=True)
    tekst = models.TextField(_("tekst"))
    sleutel = models.CharField(max_length=100, unique=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Berichtstatus.choices,
        default=Berichtstatus.WACHTEND,
    )
    pogingen = models.PositiveSmallIntegerField(default=0)
    fout = models.TextField(blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    verzonden_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("portaalbericht")
        verbose_name_plural = _("portaalberichten")
        indexes = [models.Index(fields=["status", "aangemaakt_op"])]

    def __str__(self) -> str:
        return f"{self.kanaal} {self.soort} ({self.status})"


class StandinBericht(models.Model):
    """What the stand-in gateway 'sent': kept here for the demo and the tests."""

    kanaal = models.CharField(max_length=10)
    adres = models.CharField(max_length=254)
    onderwerp = models.CharField(max_length=200, blank=True)
    tekst = models.TextField()
    ontvangen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bericht bij de stand-in")
        verbose_name_plural = _("berichten bij de stand-in")

    def __str__(self) -> str:
        return f"{self.kanaal} {self.ontvangen_op:%d-%m-%Y %H:%M}"


class Ervaring(models.Model):
    """One answer to the portal's short experience questionnaire. Kept apart from the person:
    only the gemeente, the language and the answers (the profile remembers when the person
    answered, so they are asked once per period)."""

    class Duidelijk(models.TextChoices):
        JA = "ja", _("Ja")
        BEETJE = "beetje", _("Een beetje")
        NEE = "nee", _("Nee")

    gemeente = models.ForeignKey(
        "accounts.Gemeente", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    taal = models.CharField(_("taal"), max_length=5)
    cijfer = models.PositiveSmallIntegerField(_("cijfer (1 tot 5)"))
    duidelijk = models.CharField(_("weet wat te doen"), max_length=10, choices=Duidelijk.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    ingevuld_op = models.DateField(_("ingevuld op"), default=timezone.localdate)

    class Meta:
        verbose_name = _("ervaring")
        verbose_name_plural = _("ervaringen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cijfer__gte=1, cijfer__lte=5), name="ervaring_cijfer_1_tot_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gemeente_id} {self.ingevuld_op:%d-%m-%Y}: {self.cijfer}"
