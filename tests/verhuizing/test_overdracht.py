"""The transfer after a move (Wi 2021 art. 35 lid 4): the round trip through a package file,
the direct transfer within one installation, the DUO-reported move, and the PIP deadline in the
receiving gemeente (Besluit 5.3 lid 3) with and without a PIP."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from inburgering.dossiers import deadlines
from inburgering.dossiers.models import Dossier, DossierEvent, Inburgeraar
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import Afsluitreden, Fase, Soort
from inburgering.verhuizing import onderdelen, pakket, services
from inburgering.verhuizing.models import Overdracht, Status, Verhuisinstelling
from inburgering.wet import PipSituatie
from tests.koppelingen.conftest import (
    OIN_A,
    OIN_B,
    duo_instellingen,
    gem_a,
    gem_b,
    scenarios,
    sim,
    stuur,
)
from tests.verhuizing.factories import dossier_met_alles, maak_dossier, verhuisd

pytestmark = pytest.mark.django_db
__all__ = [
    "duo_instellingen",
    "gem_a",
    "gem_b",
    "scenarios",
    "sim",
    "stuur",
]  # DUO fixtures used below


def _zonder_dossier_id(waarde):
    return waarde


def test_round_trip_export_import_equal_field_by_field(
    gemeente_a, gemeente_b, consulent_a, consulent_b
):
    oud = dossier_met_alles(gemeente_a, consulent_a)
    verzonden = verhuisd(oud, None, consulent_a)  # to another installation: a file
    assert verzonden.status == Status.GEEXPORTEERD
    bestand = pakket.als_bytes(verzonden.pakket)
    # The other installation is simulated by removing the sending row: it does not exist there.
    bron = json.loads(bestand)
    Overdracht.objects.filter(pk=verzonden.pk).delete()

    ontvangen = services.importeer(bestand, gemeente=gemeente_b, actor=consulent_b)

    assert ontvangen.status == Status.INGELEZEN
    assert set(ontvangen.pakket) == set(bron)
    for sectie, waarde in bron.items():  # the stored package, section by section
        if isinstance(waarde, dict):
            for veld, w in waarde.items():
                assert ontvangen.pakket[sectie][veld] == w, f"{sectie}.{veld}"
        else:
            assert ontvangen.pakket[sectie] == waarde, sectie
    nieuw = ontvangen.nieuw_dossier
    assert nieuw.gemeente == gemeente_b
    # The person record: a new one for gemeente B, its fields from the package.
    persoon = nieuw.inburgeraar
    assert persoon.pk != oud.inburgeraar_id and persoon.gemeente == gemeente_b
    for veld in pakket.PERSOON_VELDEN:
        verwacht = bron["persoon"][veld]
        gekregen = getattr(persoon, veld)
        gekregen = gekregen.isoformat() if isinstance(gekregen, dt.date) else gekregen
        assert gekregen == verwacht, veld
    # The dossier state the package carries.
    t = bereken_toestand(nieuw.events.all())
    assert nieuw.regime == bron["dossier"]["regime"]
    assert t.doelgroep == bron["dossier"]["doelgroep"]
    assert t.kennisgeving_datum.isoformat() == bron["dossier"]["kennisgeving"]
    assert t.leerroute == bron["pip"]["leerroute"] == "b1"
    assert t.pip_vorige_gemeente is True
    assert t.vestiging_datum.isoformat() == bron["inschrijving_nieuwe_gemeente"]
    # Export again from the receiving side: the same package, byte for byte.
    assert pakket.als_bytes(ontvangen.pakket) == bestand
    # The old dossier: closed as verhuisd, its record still with gemeente A.
    oud.refresh_from_db()
    assert oud.fase == Fase.AFGEROND and oud.afsluitreden == Afsluitreden.VERHUISD
    assert Inburgeraar.objects.get(pk=oud.inburgeraar_id).gemeente == gemeente_a


def test_package_contents(gemeente_a, gemeente_b, consulent_a):
    oud = dossier_met_alles(gemeente_a, consulent_a)
    p = verhuisd(oud, gemeente_b, consulent_a).pakket
    assert pakket.valideer(p) == []
    assert p["versie"] == pakket.VERSIE and p["formaat"] == pakket.FORMAAT
    assert [v["status"] for v in p["pip"]["versies"]] == ["vastgesteld"]
    assert p["pip"]["aanwezig"] is True
    (plaatsing,) = p["plaatsingen"]
    assert plaatsing["uren"][0]["aanwezig"] == "36.00"
    assert p["contact"]["aantal"] == 2
    # Free text stays home unless the gemeente allows it (default).
    assert p["notities_meegegeven"] is False
    assert all(m["tekst"] is None for m in p["contact"]["momenten"])
    assert "Vrije tekst" not in json.dumps(p)
    assert p["termijnen"] and p["termijnen"][0]["soort"] == "inburgeringstermijn"


def test_notes_travel_only_when_the_gemeente_allows(gemeente_a, gemeente_b, consulent_a):
    Verhuisinstelling.objects.create(gemeente=gemeente_a, notities_meegeven=True)
    oud = dossier_met_alles(gemeente_a, consulent_a, pip=False)
    p = verhuisd(oud, gemeente_b, consulent_a).pakket
    assert p["notities_meegegeven"] is True
    teksten = [m["tekst"] for m in p["contact"]["momenten"]]
    assert "Privé\nVrije tekst die niet mee mag." in teksten


def test_direct_transfer_waits_then_only_the_receiving_gemeente_sees_it(
    gemeente_a, gemeente_b, consulent_a, consulent_b
):
    oud = dossier_met_alles(gemeente_a, consulent_a)
    overdracht = verhuisd(oud, gemeente_b, consulent_a)
    oud.refresh_from_db()
    assert oud.afsluitreden == Afsluitreden.VERHUISD
    verzonden = oud.events.get(soort=Soort.OVERDRACHT_VERZONDEN)
    assert verzonden.gegevens["naar_gemeente"] == gemeente_b.naam
    assert verzonden.gegevens["wijze"] == "direct"
    assert list(services.wachtende_overdrachten([gemeente_b.pk])) == [overdracht]
    assert not services.wachtende_overdrachten([gemeente_a.pk]).exists()
    with pytest.raises(services.OverdrachtFout):
        services.accepteer(overdracht, actor=consulent_a)  # not for gemeente A

    nieuw = services.accepteer(overdracht, actor=consulent_b)

    overdracht.refresh_from_db()
    assert overdracht.status == Status.OVERGEDRAGEN and overdracht.nieuw_dossier == nieuw
    event = nieuw.events.get(soort=Soort.OVERDRACHT_ONTVANGEN)
    assert event.gegevens["van_gemeente"] == gemeente_a.naam
    assert nieuw.consulent == consulent_b
    assert nieuw in dossiers_voor(consulent_b) and nieuw not in dossiers_voor(consulent_a)
    assert oud in dossiers_voor(consulent_a) and oud not in dossiers_voor(consulent_b)
    with pytest.raises(services.OverdrachtFout, match="al afgehandeld"):
        services.accepteer(overdracht, actor=consulent_b)


def test_existing_signal_dossier_receives_the_package(
    gemeente_a, gemeente_b, consulent_a, consulent_b
):
    oud = dossier_met_alles(gemeente_a, consulent_a)
    signaal = maak_dossier(gemeente_b, consulent=consulent_b, bsn=oud.inburgeraar.bsn)
    overdracht = verhuisd(oud, gemeente_b, consulent_a)
    nieuw = services.accepteer(overdracht, actor=consulent_b)
    assert nieuw == signaal
    assert Dossier.objects.filter(gemeente=gemeente_b).count() == 1
    assert signaal.events.filter(soort=Soort.OVERDRACHT_ONTVANGEN).count() == 1


def test_duo_reported_move_prepares_the_package_for_the_signal_dossier(
    scenarios, stuur, gem_a, gem_b, consulent_b
):
    n = scenarios.nieuwe_statushouder(OIN_A)
    stuur(n)
    stuur(scenarios.verhuizing(n.body["bsn"], OIN_B))
    oud = Dossier.objects.get(gemeente=gem_a)
    nieuw = Dossier.objects.get(gemeente=gem_b)
    overdracht = Overdracht.objects.get()
    assert overdracht.status == Status.WACHT_OP_ACCEPTATIE
    assert (overdracht.oud_dossier, overdracht.nieuw_dossier) == (oud, nieuw)
    assert oud.events.filter(soort=Soort.OVERDRACHT_VERZONDEN).count() == 1
    consulent_b.gemeenten.set([gem_b])
    assert services.accepteer(overdracht, actor=consulent_b) == nieuw
    assert Dossier.objects.filter(gemeente=gem_b).count() == 1


# --- Besluit 5.3 lid 3 ----------------------------------------------------------------------


def test_pip_deadline_after_a_move_with_a_pip_is_lid_3(
    gemeente_a, gemeente_b, consulent_a, consulent_b
):
    oud = dossier_met_alles(gemeente_a, consulent_a)
    inschrijving = timezone.localdate() - dt.timedelta(days=3)
    nieuw = services.accepteer(verhuisd(oud, gemeente_b, consulent_a), actor=consulent_b)
    uitkomst = deadlines.pip_deadline(bereken_toestand(nieuw.events.all()))
    assert uitkomst.waarde.situatie == PipSituatie.VERHUIZING
    assert uitkomst.waarde.kalenderdatum == inschrijving + dt.timedelta(weeks=10)
    assert "Besluit inburgering 2021, art. 5.3 lid 3" in deadlines.grondslag_tekst(uitkomst)
    assert nieuw.pip_deadline == uitkomst.waarde.uiterlijk
    assert nieuw.leerroute == "b1"  # Wi art. 15 lid 4: the same route


def test_pip_deadline_after_a_move_without_a_pip_is_the_normal_one(
    gemeente_a, gemeente_b, consulent_a, consulent_b
):
    oud = dossier_met_alles(gemeente_a, consulent_a, pip=False)
    kennisgeving = oud.kennisgeving_datum
    nieuw = services.accepteer(verhuisd(oud, gemeente_b, consulent_a), actor=consulent_b)
    uitkomst = deadlines.pip_deadline(bereken_toestand(nieuw.events.all()))
    assert uitkomst.waarde.situatie == PipSituatie.KENNISGEVING
    assert uitkomst.waarde.kalenderdatum == kennisgeving + dt.timedelta(weeks=10)
    assert "geen PIP" in uitkomst.uitleg
    assert nieuw.leerroute == ""  # no route carried along without a PIP


def test_a_draft_pip_is_not_a_pip_for_lid_3(gemeente_a, gemeente_b, consulent_a, consulent_b):
    from tests.pip.factories import concept

    oud = dossier_met_alles(gemeente_a, consulent_a, pip=False)
    concept(oud, consulent_a)
    p = verhuisd(oud, gemeente_b, consulent_a).pakket
    assert p["pip"]["aanwezig"] is False
    assert [v["status"] for v in p["pip"]["versies"]] == ["concept"]


# --- refusals, nothing half saved ---------------------------------------------------------------


def test_refusals_on_the_sending_side(gemeente_a, consulent_a):
    oud = maak_dossier(gemeente_a, consulent=consulent_a)
    with pytest.raises(services.OverdrachtFout, match="dezelfde"):
        verhuisd(oud, gemeente_a, consulent_a)
    with pytest.raises(services.OverdrachtFout, match="toekomst"):
        verhuisd(oud, None, consulent_a, dagen_geleden=-1)
    verhuisd(oud, None, consulent_a)
    oud.refresh_from_db()
    with pytest.raises(services.OverdrachtFout, match="lopend"):
        verhuisd(oud, None, consulent_a)


def test_a_part_that_refuses_leaves_nothing_saved(
    gemeente_a, gemeente_b, consulent_a, consulent_b, monkeypatch
):
    monkeypatch.setattr(onderdelen, "REGISTER", {})
    ontvangen = []

    def importeer(dossier, data):
        if data["weiger"]:
            raise onderdelen.OngeldigOnderdeel("Boete onbekend.")
        ontvangen.append((dossier.pk, data))

    onderdelen.registreer_onderdeel("proef", lambda d: {"weiger": True}, importeer)
    oud = maak_dossier(gemeente_a, consulent=consulent_a)
    overdracht = verhuisd(oud, gemeente_b, consulent_a)
    assert overdracht.pakket["onderdelen"] == {"proef": {"weiger": True}}
    aantallen = (Dossier.objects.count(), DossierEvent.objects.count(), Inburgeraar.objects.count())
    with pytest.raises(services.OverdrachtFout, match="Boete onbekend"):
        services.accepteer(overdracht, actor=consulent_b)
    assert aantallen == (
        Dossier.objects.count(),
        DossierEvent.objects.count(),
        Inburgeraar.objects.count(),
    )
    overdracht.refresh_from_db()
    assert overdracht.status == Status.WACHT_OP_ACCEPTATIE
    overdracht.pakket["onderdelen"]["proef"]["weiger"] = False
    overdracht.save()
    nieuw = services.accepteer(overdracht, actor=consulent_b)
    assert ontvangen == [(nieuw.pk, {"weiger": False})]


def test_monitoring_reads_the_same_registration_and_deadline(
    gemeente_a, gemeente_b, consulent_a, consulent_b
):
    from inburgering.monitoring.extractie import mijlpalen_van

    oud = dossier_met_alles(gemeente_a, consulent_a)
    inschrijving = timezone.localdate() - dt.timedelta(days=3)
    nieuw = services.accepteer(verhuisd(oud, gemeente_b, consulent_a), actor=consulent_b)
    rij = mijlpalen_van(nieuw, list(nieuw.events.all()))
    assert rij.vestiging == inschrijving
    assert rij.pip_vorige_gemeente is True
    assert rij.pip_deadline == nieuw.pip_deadline
