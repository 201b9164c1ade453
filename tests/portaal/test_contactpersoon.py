"""Issue 19 item 2: the home page says when the contact person changed since the previous
visit, and the change puts a "something changed" message in the outbox."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.services import wijs_consulent_toe
from inburgering.portaal.models import Portaalbericht

from .conftest import log_in

pytestmark = pytest.mark.django_db

MELDING = 'data-testid="contact-veranderd"'


def test_nieuwe_contactpersoon_sinds_vorige_bezoek_staat_op_de_startpagina(
    portaal_aan, burgerdossier, collega_a, consulent_a
):
    bsn = burgerdossier.inburgeraar.bsn
    eerste = Client()
    log_in(eerste, portaal_aan, bsn)
    pagina = eerste.get(reverse("portaal:overzicht")).content.decode()
    assert MELDING not in pagina  # the first visit: nothing changed for them yet

    wijs_consulent_toe(burgerdossier, collega_a, timezone.localdate(), actor=consulent_a)
    bericht = Portaalbericht.objects.filter(dossier=burgerdossier, soort="gewijzigd").get(
        kanaal="sms"
    )
    assert collega_a.get_full_name() not in bericht.tekst

    tweede = Client()
    log_in(tweede, portaal_aan, bsn)
    pagina = tweede.get(reverse("portaal:overzicht")).content.decode()
    assert MELDING in pagina
    assert collega_a.get_full_name() in pagina
    # It stays for the whole visit, not only on the first page view.
    assert MELDING in tweede.get(reverse("portaal:overzicht")).content.decode()

    derde = Client()
    log_in(derde, portaal_aan, bsn)
    assert MELDING not in derde.get(reverse("portaal:overzicht")).content.decode()


def test_melding_in_de_taal_van_de_persoon(portaal_aan, burgerdossier, collega_a, consulent_a):
    bsn = burgerdossier.inburgeraar.bsn
    eerste = Client()
    eerste.cookies["portaal_taal"] = "en"
    log_in(eerste, portaal_aan, bsn)
    wijs_consulent_toe(burgerdossier, collega_a, timezone.localdate(), actor=consulent_a)
    client = Client()
    client.cookies["portaal_taal"] = "en"
    log_in(client, portaal_aan, bsn)
    pagina = client.get(reverse("portaal:overzicht")).content.decode()
    assert "Please note: you have a new contact person since you last looked." in pagina
