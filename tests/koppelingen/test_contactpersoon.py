"""The consulent as the inburgeraar's contact person at DUO: queued with the assignment,
created once per gemeente, updated when the details change, held back while DUO would refuse
them, and never an older assignment after a newer one."""

import pytest
from django.utils import timezone

from inburgering.accounts.models import GemeenteConfiguratie, Rol
from inburgering.brieven.models import Briefhoofd, Contactgegevens
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.services import wijs_consulent_toe
from inburgering.koppelingen.duo.client import BSN_IN_PAD
from inburgering.koppelingen.duo.leveringen import opnieuw_controleren
from inburgering.koppelingen.models import DuoContactpersoon, Status, UitgaandBericht
from inburgering.koppelingen.outbox import verwerk_alles
from tests.conftest import maak_gebruiker

from .conftest import OIN_A

S = UitgaandBericht.Soort


@pytest.fixture
def melden(gem_a):
    GemeenteConfiguratie.objects.update_or_create(
        gemeente=gem_a, defaults={"contactpersoon_aan_duo": True}
    )
    return gem_a


def _consulent(naam, gemeente, telefoon="030 286 00 00"):
    gebruiker = maak_gebruiker(naam, Rol.CONSULENT, gemeente)
    gebruiker.first_name, gebruiker.last_name = naam.capitalize(), "de Vries"
    gebruiker.email = f"{naam}@gemeente.example"
    gebruiker.save()
    if telefoon:
        Contactgegevens.objects.create(gebruiker=gebruiker, telefoon=telefoon)
    return gebruiker


def _dossier(scenarios, stuur):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    return Dossier.objects.get(inburgeraar__bsn=n.body["bsn"]), n.body["bsn"]


def _vandaag():
    return timezone.localdate()


def test_toewijzing_meldt_de_consulent_en_koppelt_de_persoon(melden, scenarios, stuur, sim):
    dossier, bsn = _dossier(scenarios, stuur)
    anna = _consulent("anna", melden)
    wijs_consulent_toe(dossier, anna, _vandaag(), actor=anna)
    levering = UitgaandBericht.objects.get(soort=S.CONTACTPERSOON)
    assert levering.status == Status.NIEUW and levering.inhoud == {"gebruiker": anna.pk}
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.VERWERKT and levering.antwoord_status == 201
    staat = sim.opslag.lees()
    duo_id = DuoContactpersoon.objects.get(gebruiker=anna, gemeente=melden).duo_id
    assert staat["personen"][bsn]["contactpersoon"] == str(duo_id)
    assert staat["contactpersonen"][str(duo_id)]["gegevens"] == {
        "naam": "Anna de Vries",
        "email": "anna@gemeente.example",
        "telefoonnummer": "030 286 00 00",
    }

    # A second person for the same consulent: linked to the same contact person, no new one.
    ander, ander_bsn = _dossier(scenarios, stuur)
    wijs_consulent_toe(ander, anna, _vandaag(), actor=anna)
    verwerk_alles()
    assert len(sim.opslag.lees()["contactpersonen"]) == 1
    assert sim.ontvangen("POST", "/contactpersonen") == 1
    assert sim.opslag.lees()["personen"][ander_bsn]["contactpersoon"] == str(duo_id)


def test_gewijzigde_gegevens_gaan_met_de_volgende_toewijzing_mee(melden, scenarios, stuur, sim):
    dossier, _bsn = _dossier(scenarios, stuur)
    anna = _consulent("anna", melden)
    wijs_consulent_toe(dossier, anna, _vandaag(), actor=anna)
    verwerk_alles()
    Contactgegevens.objects.filter(gebruiker=anna).update(telefoon="+31 6 1234 5678")
    ander, _ = _dossier(scenarios, stuur)
    wijs_consulent_toe(ander, anna, _vandaag(), actor=anna)
    verwerk_alles()
    duo_id = DuoContactpersoon.objects.get(gebruiker=anna).duo_id
    gegevens = sim.opslag.lees()["contactpersonen"][str(duo_id)]["gegevens"]
    assert gegevens["telefoonnummer"] == "+31 6 1234 5678"
    assert sum(1 for m, p, _s in sim.logboek if m == "PUT" and "/contactpersonen/" in p) == 1


def test_zonder_keuze_van_de_gemeente_wordt_niets_gemeld(gem_a, scenarios, stuur):
    dossier, _ = _dossier(scenarios, stuur)
    anna = _consulent("anna", gem_a)
    wijs_consulent_toe(dossier, anna, _vandaag(), actor=anna)
    assert not UitgaandBericht.objects.filter(soort=S.CONTACTPERSOON).exists()


def test_zonder_telefoonnummer_tegengehouden_tot_het_er_is(melden, scenarios, stuur, sim):
    dossier, bsn = _dossier(scenarios, stuur)
    bram = _consulent("bram", melden, telefoon="")
    wijs_consulent_toe(dossier, bram, _vandaag(), actor=bram)
    verwerk_alles()
    levering = UitgaandBericht.objects.get(soort=S.CONTACTPERSOON)
    assert levering.status == Status.TEGENGEHOUDEN
    assert "telefoonnummer" in levering.laatste_fout and "DUO eist er een" in levering.laatste_fout
    assert sim.ontvangen("POST", "/contactpersonen") == 0

    # The team's general number on the letterhead is enough (as on the letters).
    Briefhoofd.objects.create(gemeente=melden, telefoon="14 030")
    assert opnieuw_controleren(levering) == "verstuurd"
    verwerk_alles()
    levering.refresh_from_db()
    assert levering.status == Status.VERWERKT
    assert sim.opslag.lees()["personen"][bsn]["contactpersoon"] is not None


def test_een_oudere_toewijzing_wordt_nooit_na_een_nieuwere_verstuurd(melden, scenarios, stuur, sim):
    dossier, bsn = _dossier(scenarios, stuur)
    anna, bram = _consulent("anna", melden), _consulent("bram", melden)
    wijs_consulent_toe(dossier, anna, _vandaag(), actor=anna)
    wijs_consulent_toe(dossier, bram, _vandaag(), actor=bram)
    verwerk_alles()
    statussen = list(
        UitgaandBericht.objects.filter(soort=S.CONTACTPERSOON)
        .order_by("pk")
        .values_list("status", flat=True)
    )
    assert statussen == [Status.VERVANGEN, Status.VERWERKT]
    bram_id = DuoContactpersoon.objects.get(gebruiker=bram).duo_id
    assert sim.opslag.lees()["personen"][bsn]["contactpersoon"] == str(bram_id)
    assert not DuoContactpersoon.objects.filter(gebruiker=anna).exists()


def test_een_pad_met_bsn_wordt_zonder_bsn_gelogd():
    assert BSN_IN_PAD.sub("/…", "/contactpersonen/12/personen/999990019") == (
        "/contactpersonen/12/personen/…"
    )
    assert BSN_IN_PAD.sub("/…", "/personen/999990019/PIP") == "/personen/…/PIP"
