"""Durable message tables: DUO's notifications as received, and our deliveries to DUO (outbox).

Both share the retry bookkeeping of `Bericht`: status, attempts, the moment of the next attempt
(exponential backoff, see `outbox.volgende_poging`) and the last error. A message is never deleted
by the system; after the last attempt it stays `mislukt` and a functioneel beheerder sees it.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NIEUW = "nieuw", _("Wacht op verwerking")
    OPNIEUW = "opnieuw", _("Wacht op nieuwe poging")
    VERWERKT = "verwerkt", _("Verwerkt")
    GENEGEERD = "genegeerd", _("Ontvangen, geen actie nodig")
    ONBEKEND = "onbekend", _("Onbekende gebeurtenis: bewaard, niet verwerkt")
    MISLUKT = "mislukt", _("Mislukt na laatste poging")
    GEWEIGERD = "geweigerd", _("Geweigerd door DUO")
    TEGENGEHOUDEN = "tegengehouden", _("Tegengehouden: DUO zou weigeren")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwere levering (niet verstuurd)")
    #: A notification with only a vNummer that no person in the gemeente carries: no DUO API
    #: takes a vNummer, so a beheerder links it to a BSN (koppelingen/views.py) first.
    KOPPELEN = "koppelen", _("Wacht op koppeling: alleen een V-nummer")


#: Statuses the worker picks up (when `volgende_poging_op` has passed).
TE_DOEN = (Status.NIEUW, Status.OPNIEUW)
#: A delivery in one of these statuses never reached DUO successfully: a newer delivery of the
#: same dossier and resource replaces it (status `vervangen`, never sent).
ONVERZONDEN = (Status.NIEUW, Status.OPNIEUW, Status.TEGENGEHOUDEN, Status.MISLUKT)


class Bericht(models.Model):
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.NIEUW
    )
    pogingen = models.PositiveIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging"), default=timezone.now)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    verwerkt_op = models.DateTimeField(_("verwerkt op"), null=True, blank=True)

    class Meta:
        abstract = True


class InkomendBericht(Bericht):
    """One notification from DUO (Notificatie API), stored before it is acknowledged."""

    id = models.BigAutoField(primary_key=True)
    bericht_id = models.UUIDField(_("berichtId"), unique=True)
    bron_oin = models.CharField(_("bron (OIN)"), max_length=20)
    doel_oin = models.CharField(_("doel (OIN)"), max_length=20)
    api_versie = models.CharField(_("API-versie"), max_length=40, blank=True)
    gebeurtenis_id = models.CharField(_("gebeurtenisId"), max_length=6)
    registratie_datumtijd = models.DateTimeField(_("registratie bij DUO"))
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    v_nummer = models.BigIntegerField(_("V-nummer"), null=True, blank=True)
    inhoud = models.JSONField(_("inhoud"), default=dict)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    gemeente = models.ForeignKey(
        "accounts.Gemeente", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, null=True, blank=True,
        related_name="duo_notificaties",
    )  # fmt: skip
    resultaat = models.TextField(_("resultaat"), blank=True)

    class Meta:
        verbose_name = _("notificatie van DUO")
        verbose_name_plural = _("notificaties van DUO")
        indexes = [
            models.Index(fields=["status", "volgende_poging_op"]),
            models.Index(fields=["gemeente", "gebeurtenis_id", "ontvangen_op"]),
            models.Index(fields=["bsn"]),
        ]

    def __str__(self) -> str:
        return f"{self.gebeurtenis_id} {self.bericht_id}"


class UitgaandBericht(Bericht):
    """One delivery to DUO (PIP, aanbod, MAP, PVT, Z-route, hours), sent by the worker."""

    class Soort(models.TextChoices):
        PIP = "pip", _("PIP")
        AANBOD = "aanbod", _("Inburgeringsaanbod")
        MAP = "map", _("Datum eindgesprek MAP")
        PVT = "pvt", _("Datum ondertekening PVT")
        ZROUTE = "zroute", _("Afronding Z-route")
        UREN_TAALLES_KNM = "uren_taalles_knm", _("Uren taalles en KNM (brede intake)")
        UREN_PARTICIPATIE = "uren_participatie", _("Uren participatieactiviteiten (brede intake)")
        UREN_PARTICIPATIE_TAALLES = "uren_participatietaalles", _("Uren participatie als taalles")
        CONTACTPERSOON = "contactpersoon", _("Contactpersoon van de inburgeraar")

    id = models.BigAutoField(primary_key=True)
    bericht_id = models.UUIDField(_("berichtId"), default=uuid.uuid4, unique=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="duo_leveringen"
    )
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.PROTECT, related_name="+")
    methode = models.CharField(max_length=6)
    #: DUO's path with `{bsn}` as placeholder; the BSN is filled in only when sending.
    pad = models.CharField(max_length=200)
    inhoud = models.JSONField(_("inhoud"), default=dict)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    actor = models.ForeignKey(
        "accounts.Gebruiker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    antwoord_status = models.PositiveIntegerField(_("HTTP-status DUO"), null=True, blank=True)
    antwoord = models.JSONField(_("antwoord DUO"), null=True, blank=True)
    #: The rules' violations when the delivery was stopped before sending (code, veld, melding).
    bevindingen = models.JSONField(_("bevindingen"), default=list, blank=True)

    class Meta:
        verbose_name = _("levering aan DUO")
        verbose_name_plural = _("leveringen aan DUO")
        indexes = [
            models.Index(fields=["status", "volgende_poging_op"]),
            models.Index(fields=["dossier", "soort"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.bericht_id}"


class DuoPauze(models.Model):
    """The stored "stop sending" switch (one row, pk 1). DUO refused our identity (401, or a 403
    from the gateway in front of DUO: see `client.is_authenticatiefout`): every further call
    would be refused the same way, so the worker calls DUO no more until a beheerder resumes
    (after the certificate or OIN has been fixed)."""

    actief = models.BooleanField(_("gepauzeerd"), default=False)
    sinds = models.DateTimeField(_("sinds"), null=True, blank=True)
    reden = models.TextField(_("reden"), blank=True)
    hervat_op = models.DateTimeField(_("hervat op"), null=True, blank=True)
    hervat_door = models.ForeignKey(
        "accounts.Gebruiker", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pauze van de DUO-koppeling")
        verbose_name_plural = _("pauzes van de DUO-koppeling")

    def __str__(self) -> str:
        return f"DUO-pauze {'actief' if self.actief else 'uit'}"


class Hartslag(models.Model):
    """The worker's sign of life: `verwerk_berichten` writes the time here every round (at most
    every few seconds), and the readiness endpoint `/gezond/klaar` reports its age. A table,
    not the cache: without Redis every process has its own cache and the web process would
    never see the worker's beat."""

    naam = models.CharField(_("naam"), max_length=40, primary_key=True)
    tijdstip = models.DateTimeField(_("tijdstip"))

    class Meta:
        verbose_name = _("hartslag")
        verbose_name_plural = _("hartslagen")

    def __str__(self) -> str:
        return f"{self.naam} {self.tijdstip:%Y-%m-%d %H:%M:%S}"


class Afstemmingsrun(models.Model):
    """One reconciliation with DUO for one gemeente (`duo/afstemming.py`), run in the background
    on request or by the scheduler; its report is kept so the page shows it without asking DUO
    again. The findings name dossiers by uuid (no BSN)."""

    class Status(models.TextChoices):
        WACHTEND = "wachtend", _("Wacht op verwerking")
        BEZIG = "bezig", _("Bezig")
        KLAAR = "klaar", _("Klaar")
        MISLUKT = "mislukt", _("Mislukt")

    gemeente = models.ForeignKey(
        "accounts.Gemeente", on_delete=models.CASCADE, related_name="afstemmingsruns"
    )
    aangevraagd_door = models.ForeignKey(
        "accounts.Gebruiker", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WACHTEND)
    begonnen_op = models.DateTimeField(null=True, blank=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    peildatum = models.DateField(null=True, blank=True)
    aantal_dossiers = models.PositiveIntegerField(default=0)
    aantal_vragen = models.PositiveIntegerField(_("vragen aan DUO"), default=0)
    bevindingen = models.JSONField(default=list, blank=True)
    fout = models.TextField(blank=True)

    class Meta:
        ordering = ["-aangemaakt_op", "-id"]
        verbose_name = _("afstemming met DUO")
        verbose_name_plural = _("afstemmingen met DUO")

    def __str__(self) -> str:
        return f"Afstemming {self.gemeente} {self.aangemaakt_op:%Y-%m-%d %H:%M} ({self.status})"


class DuoContactpersoon(models.Model):
    """A staff member as DUO knows them in the Contactpersoon API, per gemeente (DUO keeps
    contact persons per gemeente): DUO's id and the details last sent, so a change of phone or
    e-mail is sent once (PUT) and an assignment only links the person."""

    gebruiker = models.ForeignKey(
        "accounts.Gebruiker", on_delete=models.CASCADE, related_name="duo_contactpersonen"
    )
    gemeente = models.ForeignKey("accounts.Gemeente", on_delete=models.CASCADE, related_name="+")
    duo_id = models.PositiveIntegerField(_("id bij DUO"))
    gegevens = models.JSONField(_("laatst gemelde gegevens"), default=dict)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contactpersoon bij DUO")
        verbose_name_plural = _("contactpersonen bij DUO")
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "gemeente"], name="koppelingen_duo_contactpersoon_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.gemeente}): {self.duo_id}"
