"""PIP fixtures: dossiers whose brede intake is complete and afgerond, made the real way
(through the intake services), and an in-memory DUO simulator."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.models import Doelgroep
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.intake import brede_intake as bi
from inburgering.koppelingen.duo import client as duo_client
from tests.conftest import maak_dossier


@pytest.fixture(autouse=True)
def duo_in_geheugen(settings):
    settings.DUO_BASE_URL = "simulator://duo/v1"
    settings.DUO_SIMULATOR_STATE = ":memory:"
    duo_client._simulator.cache_clear()
    yield
    duo_client._simulator.cache_clear()


def rond_intake_af(
    dossier, actor, *, datum, score=34, leerroute="b1", niveau="B1", intensiteit=12, afwijking=None
):
    """Intake conversation, every topic recorded, right to talk alone, LBT, afgerond, route."""
    bi.voeg_gesprek_toe(dossier, actor=actor, datum=datum, vorm="persoonlijk", versie="uitgebreid")
    intake = bi.intake_van(dossier)
    for onderwerp in bi.TEKST_ONDERWERPEN:
        bi.bewaar_verslag(intake, onderwerp.value, "Besproken.", gezien_versie=0, actor=actor)
    intake.gewezen_op_recht_alleen = datum
    intake.save()
    bi.registreer_lbt(
        dossier, actor=actor, datum=datum, score=score, apparaat="computer", invoer="muis"
    )
    bi.rond_af(intake, datum=datum, actor=actor)
    bi.besluit_route(
        dossier,
        actor=actor,
        datum=datum,
        leerroute=leerroute,
        niveau=niveau,
        intensiteit_uren_per_week=intensiteit,
        afwijkingsredenen=afwijking or [],
        toelichting="Zie advies school." if afwijking else "",
    )
    dossier.refresh_from_db()
    return dossier


def bij_duo_bekend(gemeente, oin="00000001001234567000"):
    """Give the gemeente an OIN and register it with the in-memory DUO simulator."""
    from inburgering.koppelingen.duo.simulator import Scenarios

    if not gemeente.oin:
        gemeente.oin = oin
        gemeente.save()
    Scenarios(duo_client.gedeelde_simulator()).registreer_gemeente(gemeente.oin, gemeente.cbs_code)


def dossier_klaar(
    gemeente, consulent, *, dagen_geleden=30, doelgroep=Doelgroep.ASIELSTATUSHOUDER, **route
):
    bij_duo_bekend(gemeente)
    vandaag = timezone.localdate()
    start = vandaag - dt.timedelta(days=dagen_geleden)
    dossier = maak_dossier(
        gemeente, consulent=consulent, actor=consulent, kennisgeving=start, doelgroep=doelgroep
    )
    registreer(dossier, Soort.HUISVESTING, start + dt.timedelta(days=1), actor=consulent)
    return rond_intake_af(dossier, consulent, datum=start + dt.timedelta(days=2), **route)


@pytest.fixture
def klaar(gemeente_a, consulent_a):
    return dossier_klaar(gemeente_a, consulent_a)
