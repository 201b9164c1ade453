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


STANDAARD_NL = "Maandag tot en met vrijdag, van 9.00 tot 17.00 uur."


def test_bereikbaarheid_standaard_in_de_taal_van_de_persoon(portaal_aan, burgerdossier, gemeente_a):
    from tests.conftest import maak_dossier

    client = Client()
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    assert STANDAARD_NL in client.get(reverse("portaal:overzicht")).content.decode()
    engels = Client()
    engels.cookies["portaal_taal"] = "en"
    log_in(engels, portaal_aan, maak_dossier(gemeente_a).inburgeraar.bsn)
    pagina = engels.get(reverse("portaal:overzicht")).content.decode()
    assert "Monday to Friday, from 9:00 to 17:00." in pagina
    assert STANDAARD_NL not in pagina


def test_bereikbaarheid_per_gemeente_op_de_beheerpagina(
    portaal_aan, burgerdossier, beheerder, gemeente_a, gemeente_b
):
    from inburgering.accounts.models import Configuratiewijziging
    from tests.conftest import maak_dossier

    beheer = Client()
    beheer.force_login(beheerder)
    url = reverse("instellingen:gemeente", kwargs={"cbs_code": gemeente_a.cbs_code})
    assert 'name="contact_bereikbaar"' in beheer.get(url).content.decode()
    tekst = "Dinsdag en donderdag van 8.30 tot 12.30 uur; vrijdag op afspraak."
    data = {
        "caseload_norm": 70,
        "norm_eerste_contact_dagen": 21,
        "contact_signalering_weken": 6,
        "contact_bereikbaar": tekst,
    }
    assert beheer.post(url, data).status_code == 302
    wijziging = Configuratiewijziging.objects.get(gemeente=gemeente_a)
    assert wijziging.wijzigingen["contact_bereikbaar"] == {"oud": "", "nieuw": tekst}
    # A control character is refused at the field.
    fout = beheer.post(url, {**data, "contact_bereikbaar": "ma\nvr"})
    assert fout.status_code == 200

    client = Client()
    log_in(client, portaal_aan, burgerdossier.inburgeraar.bsn)
    pagina = client.get(reverse("portaal:overzicht")).content.decode()
    assert tekst in pagina and STANDAARD_NL not in pagina
    # Another gemeente keeps the default.
    elders = maak_dossier(gemeente_b)
    anders = Client()
    log_in(anders, portaal_aan, elders.inburgeraar.bsn)
    assert STANDAARD_NL in anders.get(reverse("portaal:overzicht")).content.decode()
