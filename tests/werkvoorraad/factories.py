"""Test data for the work queue, through the real services: a PIP offered for four-eyes
approval, a DUO attention signal as the DUO handler records it, an appointment today."""

import datetime as dt

from django.utils import timezone

from inburgering.dossiers.models import Bron
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.intake.models import Afspraak
from inburgering.koppelingen.models import InkomendBericht, Status
from inburgering.pip import services as pip_services
from inburgering.pip.models import PipInstelling
from tests.pip.factories import concept


def ter_goedkeuring(dossier, actor):
    PipInstelling.objects.update_or_create(gemeente=dossier.gemeente, defaults={"vier_ogen": True})
    versie = concept(dossier, actor)
    return pip_services.bied_aan(versie, gezien_versie=versie.versie, actor=actor)


def attentiesignaal(dossier, gebeurtenis="SS126", omschrijving="Tien weken verstreken"):
    """As `koppelingen.duo.handlers.attentiesignaal` records it."""
    return registreer(
        dossier,
        Soort.DUO_ATTENTIESIGNAAL,
        timezone.localdate(),
        bron=Bron.DUO,
        gegevens={"gebeurtenis": gebeurtenis, "omschrijving": omschrijving},
    )


def afspraak_vandaag(dossier, medewerker, uur=10):
    begin = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(uur)))
    return Afspraak.objects.create(
        dossier=dossier,
        soort=Afspraak.Soort.KENNISMAKING,
        vorm=Afspraak.Vorm.TELEFOON,
        begin=begin,
        medewerker=medewerker,
    )


def onbekende_melding(gemeente, gebeurtenis="XY42"):
    """A notification the DUO worker kept as `onbekend` (the row as the handler leaves it)."""
    import uuid

    return InkomendBericht.objects.create(
        bericht_id=uuid.uuid4(),
        bron_oin="00000001003214345000",
        doel_oin=gemeente.oin or "00000001001234567000",
        gebeurtenis_id=gebeurtenis,
        registratie_datumtijd=timezone.now(),
        bsn="999990019",
        gemeente=gemeente,
        status=Status.ONBEKEND,
    )
