"""Shared fixtures: two gemeenten with their own staff, and a way to make dossiers the real way
(through the services, so every dossier has a valid event history)."""

import datetime as dt
import itertools
import os

import pytest
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from inburgering.accounts.models import Gebruiker, Gemeente, Rol, Team
from inburgering.bsn import TEST_BSN_BEREIK, elfproef
from inburgering.dossiers.models import Doelgroep, Inburgeraar, Regime
from inburgering.dossiers.services import NieuwDossier, open_dossier
from inburgering.dossiers.workflow import Soort

# CI explores a fixed set of examples, so a landing never depends on luck; locally hypothesis
# keeps exploring new examples (and remembers failures in .hypothesis/).
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

WACHTWOORD = "Test-wachtwoord-123"

# RvIG's test range holds 909 valid numbers, fewer than one test process makes people over a
# run; after it the synthetic 99 block from its bottom (the simulator's scenarios hand out BSNs
# from the top down), so no number is handed out twice in a process.
_test_bsns = (
    str(n)
    for n in itertools.chain(TEST_BSN_BEREIK, range(990_000_000, TEST_BSN_BEREIK.start))
    if elfproef(str(n))
)


def volgend_test_bsn() -> str:
    return next(_test_bsns)


@pytest.fixture(autouse=True)
def _lege_cache():
    """Pages keep some shared fragments for a minute (the caseload's bulk form); a test starts
    without what an earlier test's database put there."""
    from django.core.cache import cache

    from inburgering.dossiers import panelen

    cache.clear()
    panelen.vergeet_in_proces()


@pytest.fixture
def vandaag() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def gemeente_a(db) -> Gemeente:
    return Gemeente.objects.create(cbs_code="0344", naam="Utrecht")


@pytest.fixture
def gemeente_b(db) -> Gemeente:
    return Gemeente.objects.create(cbs_code="0150", naam="Deventer")


def maak_gebruiker(username: str, rol: str, *gemeenten: Gemeente, team: Team | None = None):
    user = Gebruiker.objects.create_user(
        username=username,
        password=WACHTWOORD,
        rol=rol,
        team=team,
        first_name=username.split("_")[0].title(),
        last_name="Test",
    )
    user.gemeenten.set(gemeenten)
    return user


@pytest.fixture
def team_a(gemeente_a) -> Team:
    return Team.objects.create(gemeente=gemeente_a, naam="Team Noord")


@pytest.fixture
def consulent_a(gemeente_a, team_a):
    return maak_gebruiker("anna_consulent", Rol.CONSULENT, gemeente_a, team=team_a)


@pytest.fixture
def collega_a(gemeente_a, team_a):
    return maak_gebruiker("bram_consulent", Rol.CONSULENT, gemeente_a, team=team_a)


@pytest.fixture
def teamleider_a(gemeente_a, team_a):
    return maak_gebruiker("tara_teamleider", Rol.TEAMLEIDER, gemeente_a, team=team_a)


@pytest.fixture
def consulent_b(gemeente_b):
    return maak_gebruiker("bob_consulent", Rol.CONSULENT, gemeente_b)


@pytest.fixture
def privacy_officer(gemeente_a, gemeente_b):
    return maak_gebruiker("pia_privacy", Rol.PRIVACY, gemeente_a, gemeente_b)


@pytest.fixture
def beheerder(gemeente_a):
    return maak_gebruiker("ben_beheerder", Rol.BEHEERDER, gemeente_a)


_namen = itertools.count(1)


def maak_persoon(**velden) -> Inburgeraar:
    nummer = next(_namen)
    standaard = {
        "bsn": volgend_test_bsn(),
        "voornamen": f"Amal{nummer}",
        "geslachtsnaam": f"Haddad{nummer}",
        "geboortedatum": dt.date(1990, 5, 17),
        "geslacht": "V",
        "land_van_herkomst": "SY",
        "talen": ["ar"],
        "voorkeurstaal": "ar",
    }
    standaard.update(velden)
    return Inburgeraar(**standaard)


def maak_dossier(
    gemeente: Gemeente,
    *,
    consulent: Gebruiker | None = None,
    kennisgeving: dt.date | None = None,
    doelgroep: str = Doelgroep.ASIELSTATUSHOUDER,
    actor: Gebruiker | None = None,
    regime: str = Regime.WI2021,
    **persoon,
):
    kennisgeving = kennisgeving or timezone.localdate() - dt.timedelta(days=20)
    return open_dossier(
        maak_persoon(**persoon),
        NieuwDossier(
            gemeente=gemeente,
            regime=regime,
            doelgroep=doelgroep,
            eerste_soort=Soort.SIGNAAL_ONTVANGEN,
            eerste_datum=kennisgeving,
            gegevens={},
        ),
        actor=actor,
        consulent=consulent,
    )


@pytest.fixture
def dossier_a(gemeente_a, consulent_a):
    return maak_dossier(gemeente_a, consulent=consulent_a, actor=consulent_a)


@pytest.fixture
def dossier_b(gemeente_b, consulent_b):
    return maak_dossier(gemeente_b, consulent=consulent_b, actor=consulent_b)
