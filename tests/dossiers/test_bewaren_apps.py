"""The retention purge (Besluit 9.9 lid 1) reaches every app's personal data through the apps'
registrations (`bewaren.registreer_opschoning`): fines, partners' notes and profiles, ontzorgen's
payees and IBANs, the learning route's reasons, transfer packages, portal addresses."""

import datetime as dt

import pytest

from inburgering.dossiers import bewaren
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.handhaving.models import Handhavingszaak
from inburgering.ontzorgen.models import VasteLast
from inburgering.partners import services as partner_services
from inburgering.partners.models import Grond, Organisatiesoort, Voortgangsnotitie
from tests.handhaving.factories import dossier_met_adres, signaal
from tests.ontzorgen.factories import gestart, met_huur
from tests.partners.factories import betrokken, maak_organisatie

pytestmark = pytest.mark.django_db


def test_every_app_with_personal_data_registered_its_purge():
    assert set(bewaren.OPSCHONINGEN) == {
        "berichten",  # koppelingen: DUO's messages
        "handhaving",
        "intake",
        "ontzorgen",
        "partners",
        "pip",
        "portaal",
        "traject",
        "verhuizing",
    }


def test_the_purge_blanks_fines_partner_notes_and_payment_details(gemeente_a, consulent_a):
    dossier = dossier_met_adres(gemeente_a, consulent_a, doelgroep="asielstatushouder")
    zaak = signaal(dossier, consulent_a, dagen_geleden=200)
    ontzorging = gestart(dossier, consulent_a, start=dossier.kennisgeving_datum)
    met_huur(ontzorging, consulent_a)
    mb = maak_organisatie(Organisatiesoort.BEGELEIDING, gemeente_a)
    betrokkenheid = betrokken(mb, dossier, Grond.BEGELEIDING, begin=dossier.kennisgeving_datum)
    partner_services.schrijf_voortgang(
        betrokkenheid,
        datum=dossier.kennisgeving_datum,
        onderwerp="Huisvesting",
        tekst="Woont sinds maart bij zijn broer; schulden bij de energieleverancier.",
        actor=consulent_a,
    )
    gesloten = dossier.kennisgeving_datum + dt.timedelta(days=300)
    registreer(dossier, Soort.DOSSIER_AFGESLOTEN, gesloten, gegevens={"reden": "voldaan"})

    bewaren.opschonen(gesloten + dt.timedelta(days=5 * 366))

    zaak.refresh_from_db()
    assert zaak.gedraging == "" and zaak.status == "signaal"  # the status stays for figures
    last = VasteLast.objects.get()
    assert (last.begunstigde, last.iban, last.kenmerk) == ("", "", "")
    assert last.bedrag_cents > 0  # the amount stays (monitoring of ontzorgen)
    notitie = Voortgangsnotitie.objects.get()
    assert (notitie.onderwerp, notitie.tekst) == ("", "")
    assert Handhavingszaak.objects.filter(beoordeling__gt="").count() == 0
