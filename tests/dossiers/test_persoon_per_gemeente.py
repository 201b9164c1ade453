"""Person data is kept per gemeente: nothing a gemeente stored about a person reaches another
gemeente's users, and whether a person is known elsewhere is never confirmed to them.

Every test here failed on the shared person record (one Inburgeraar per BSN for all gemeenten).
"""

import datetime as dt

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from inburgering.accounts.models import Rol
from inburgering.dossiers.gebeurtenissen import beschrijf
from inburgering.dossiers.models import Dossier, Gezinsrelatie, Inburgeraar
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Afsluitreden, Fase, Soort
from inburgering.monitoring.importeren import importeer, valideer
from tests.conftest import maak_dossier, maak_gebruiker, volgend_test_bsn

pytestmark = pytest.mark.django_db

KOP = (
    "bsn;voornamen;achternaam;geboortedatum;geslacht;land_van_herkomst;doelgroep;gemeente;"
    "kennisgeving_datum"
)


def _bestand(*bsns: str) -> bytes:
    rijen = [f"{bsn};Sara;Yusuf;12-05-1991;V;ER;asielstatushouder;0344;2024-01-08" for bsn in bsns]
    return ("\n".join([KOP, *rijen]) + "\n").encode("utf-8")


def _bekend_in_b(gemeente_b, *, afsluiten: bool) -> Dossier:
    """A person gemeente B knows well: B's name for them, a partner and a child."""
    dossier = maak_dossier(
        gemeente_b,
        voornamen="Geheim",
        geslachtsnaam="Elders",
        geboortedatum=dt.date(1970, 1, 1),
        telefoon="0612345678",
    )
    persoon = dossier.inburgeraar
    Gezinsrelatie.objects.create(inburgeraar=persoon, soort="partner", naam="Partner Elders")
    Gezinsrelatie.objects.create(inburgeraar=persoon, soort="kind", naam="Kind Elders")
    if afsluiten:
        registreer(
            dossier,
            Soort.DOSSIER_AFGESLOTEN,
            dossier.kennisgeving_datum,
            gegevens={"reden": Afsluitreden.VERTROKKEN},
        )
    return dossier


def _nieuw_dossier(bsn: str, gemeente, voornamen: str = "Yonas") -> dict:
    """What a user enters on "Nieuw dossier"."""
    return {
        "bsn": bsn,
        "voornamen": voornamen,
        "geslachtsnaam": "Tekle",
        "geboortedatum": "1994-02-11",
        "geslacht": "M",
        "land_van_herkomst": "ER",
        "gemeente": gemeente.pk,
        "regime": "wi2021",
        "doelgroep": "asielstatushouder",
        "kennisgeving_datum": "2025-01-20",
    }


@pytest.fixture
def teamleider_a(gemeente_a):
    return maak_gebruiker("tim_teamleider", Rol.TEAMLEIDER, gemeente_a)


def test_import_of_a_person_known_elsewhere_uses_only_the_file(teamleider_a, gemeente_b):
    elders = _bekend_in_b(gemeente_b, afsluiten=True)
    verslag = importeer(_bestand(elders.inburgeraar.bsn), gebruiker=teamleider_a)

    assert verslag.geimporteerd
    nieuw = Dossier.objects.get(gemeente__cbs_code="0344")
    persoon = nieuw.inburgeraar
    assert persoon.pk != elders.inburgeraar.pk
    assert (persoon.voornamen, persoon.geslachtsnaam) == ("Sara", "Yusuf")
    assert persoon.geboortedatum == dt.date(1991, 5, 12)
    assert persoon.telefoon == "" and not persoon.gezinsrelaties.exists()
    # Gemeente B's record is untouched.
    elders.inburgeraar.refresh_from_db()
    assert elders.inburgeraar.voornamen == "Geheim"
    assert elders.inburgeraar.gezinsrelaties.count() == 2


def test_dossier_page_of_the_imported_person_shows_nothing_of_the_other_gemeente(
    client, teamleider_a, gemeente_b
):
    elders = _bekend_in_b(gemeente_b, afsluiten=True)
    importeer(_bestand(elders.inburgeraar.bsn), gebruiker=teamleider_a)
    nieuw = Dossier.objects.get(gemeente__cbs_code="0344")
    client.force_login(teamleider_a)
    pagina = client.get(reverse("dossiers:dossier", args=[nieuw.uuid])).content.decode()
    assert "Sara" in pagina
    for geheim in ("Geheim", "Elders", "01-01-1970", "0612345678"):
        assert geheim not in pagina


def test_import_validation_answers_the_same_for_a_person_running_elsewhere_as_for_an_unknown(
    teamleider_a, gemeente_b
):
    elders = _bekend_in_b(gemeente_b, afsluiten=False)
    onbekend = volgend_test_bsn()
    verslag = valideer(_bestand(elders.inburgeraar.bsn, onbekend), teamleider_a)
    bekend_rij, onbekend_rij = verslag.rijen
    assert (bekend_rij.status, bekend_rij.fouten) == (onbekend_rij.status, onbekend_rij.fouten)
    assert bekend_rij.status == "nieuw" and bekend_rij.fouten == []


def test_a_running_dossier_elsewhere_is_told_to_that_gemeente_not_to_the_importer(
    teamleider_a, gemeente_b
):
    elders = _bekend_in_b(gemeente_b, afsluiten=False)
    importeer(_bestand(elders.inburgeraar.bsn), gebruiker=teamleider_a)
    nieuw = Dossier.objects.get(gemeente__cbs_code="0344")

    melding = elders.events.get(soort=Soort.DUBBELE_INSCHRIJVING)
    assert melding.gegevens["andere_gemeente"] == "Utrecht"
    assert "ook ingeschreven door gemeente Utrecht" in beschrijf(melding.soort, melding.gegevens)
    assert not nieuw.events.filter(soort=Soort.DUBBELE_INSCHRIJVING).exists()
    elders.refresh_from_db()
    assert elders.fase == Fase.GESIGNALEERD  # a fact: B's dossier stays where it was


def test_new_dossier_form_answers_the_same_for_a_person_known_elsewhere(
    client, consulent_a, gemeente_a, gemeente_b
):
    elders = _bekend_in_b(gemeente_b, afsluiten=False)
    client.force_login(consulent_a)

    def aanmaken(bsn):
        return client.post(reverse("dossiers:nieuw"), _nieuw_dossier(bsn, gemeente_a))

    bekend = aanmaken(elders.inburgeraar.bsn)
    onbekend = aanmaken(volgend_test_bsn())
    assert bekend.status_code == onbekend.status_code == 302
    nieuw = Dossier.objects.get(gemeente=gemeente_a, inburgeraar__bsn=elders.inburgeraar.bsn)
    assert nieuw.inburgeraar.voornamen == "Yonas"
    assert not nieuw.inburgeraar.gezinsrelaties.exists()
    pagina = client.get(bekend["Location"]).content.decode()
    assert "Deventer" not in pagina and "Geheim" not in pagina
    assert elders.events.filter(soort=Soort.DUBBELE_INSCHRIJVING).count() == 1


def test_a_person_this_gemeente_knew_before_keeps_their_record(client, consulent_a, gemeente_a):
    eerder = maak_dossier(gemeente_a, voornamen="Oud")
    registreer(
        eerder,
        Soort.DOSSIER_AFGESLOTEN,
        eerder.kennisgeving_datum,
        gegevens={"reden": Afsluitreden.VERTROKKEN},
    )
    client.force_login(consulent_a)
    antwoord = client.post(
        reverse("dossiers:nieuw"),
        _nieuw_dossier(eerder.inburgeraar.bsn, gemeente_a, voornamen="Nieuw"),
    )
    assert antwoord.status_code == 302
    assert Inburgeraar.objects.filter(bsn=eerder.inburgeraar.bsn).count() == 1
    eerder.inburgeraar.refresh_from_db()
    assert eerder.inburgeraar.voornamen == "Nieuw"
    assert eerder.inburgeraar.dossiers.count() == 2


def test_the_migration_gives_each_gemeente_its_own_copy(gemeente_a, gemeente_b):
    """Data as it was before: one person row shared by dossiers in two gemeenten."""
    from importlib import import_module

    migratie = import_module("inburgering.dossiers.migrations.0007_inburgeraar_per_gemeente")
    oud = maak_dossier(gemeente_b, voornamen="Gedeeld")
    persoon = oud.inburgeraar
    registreer(
        oud, Soort.DOSSIER_AFGESLOTEN, oud.kennisgeving_datum, gegevens={"reden": "verhuisd"}
    )
    Gezinsrelatie.objects.create(inburgeraar=persoon, soort="kind", naam="Kind Gedeeld")
    partner = maak_dossier(gemeente_b, voornamen="Partner").inburgeraar
    Gezinsrelatie.objects.create(
        inburgeraar=persoon, soort="partner", naam="Partner", gerelateerde=partner
    )
    nieuw = maak_dossier(gemeente_a)
    Dossier.objects.filter(pk=nieuw.pk).update(inburgeraar=persoon)  # the shared row of old

    migratie.per_gemeente(django_apps, None)

    nieuw.refresh_from_db()
    oud.refresh_from_db()
    assert nieuw.inburgeraar.gemeente == gemeente_a and oud.inburgeraar.gemeente == gemeente_b
    assert nieuw.inburgeraar.pk != oud.inburgeraar.pk
    assert nieuw.inburgeraar.voornamen == oud.inburgeraar.voornamen == "Gedeeld"
    kopie = {r.naam: r for r in nieuw.inburgeraar.gezinsrelaties.all()}
    assert set(kopie) == {"Kind Gedeeld", "Partner"}
    assert kopie["Partner"].gerelateerde is None  # the partner is B's record: link removed
    assert oud.inburgeraar.gezinsrelaties.get(naam="Partner").gerelateerde == partner
