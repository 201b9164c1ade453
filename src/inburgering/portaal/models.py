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


class Mijlpaal(models.TextChoices):
    """The moments in a dossier at which the portal asks about the person's experience
    (`services.ervaring_mijlpalen`)."""

    INTAKE = "intake", _("Na de brede intake")
    ROUTE = "route", _("Zes maanden na de start van de leerroute")
    EINDE = "einde", _("Aan het einde van de inburgering")


class Schaal(models.TextChoices):
    """The answer scale of the questionnaire's three questions."""

    JA = "ja", _("Ja")
    BEETJE = "beetje", _("Een beetje")
    NEE = "nee", _("Nee")


class Ervaring(models.Model):
    """One answer to the portal's short experience questionnaire at a milestone. Kept apart from
    the person: only the gemeente, the language, the milestone, the month and the answers (that
    the person answered is in `Ervaringsmoment`, without the answers). A question left open is
    blank."""

    gemeente = models.ForeignKey(
        "accounts.Gemeente", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    taal = models.CharField(_("taal"), max_length=5)
    mijlpaal = models.CharField(_("mijlpaal"), max_length=10, choices=Mijlpaal.choices)
    brieven = models.CharField(
        _("brieven duidelijk"), max_length=10, choices=Schaal.choices, blank=True
    )
    contactpersoon = models.CharField(
        _("weet wie de contactpersoon is"), max_length=10, choices=Schaal.choices, blank=True
    )
    route = models.CharField(_("leerroute past"), max_length=10, choices=Schaal.choices, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    #: The first day of the month of the answer: nothing finer is kept.
    maand = models.DateField(_("maand"))

    class Meta:
        verbose_name = _("ervaring")
        verbose_name_plural = _("ervaringen")
        indexes = [models.Index(fields=["gemeente", "mijlpaal"])]

    def __str__(self) -> str:
        return f"{self.gemeente_id} {self.mijlpaal} {self.maand:%m-%Y}"


class Ervaringsmoment(models.Model):
    """That the questionnaire of a milestone was answered or skipped for this dossier: it is
    offered once per milestone. Holds no answers."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    mijlpaal = models.CharField(_("mijlpaal"), max_length=10, choices=Mijlpaal.choices)
    overgeslagen = models.BooleanField(_("overgeslagen"), default=False)

    class Meta:
        verbose_name = _("ervaringsmoment")
        verbose_name_plural = _("ervaringsmomenten")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "mijlpaal"], name="ervaringsmoment_eens_per_mijlpaal"
            )
        ]

    def __str__(self) -> str:
        return f"ervaringsmoment {self.pk}: {self.mijlpaal}"
