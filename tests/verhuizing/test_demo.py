"""The demo moves are made through the services and removed with the demo data."""

import pytest

from inburgering.accounts.models import Rol
from inburgering.demo.opslag import verwijder_demodata
from inburgering.dossiers.models import Dossier
from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.verhuizing.demo import maak_verhuizingen
from inburgering.verhuizing.models import Overdracht, Status
from tests.conftest import maak_gebruiker
from tests.verhuizing.factories import dossier_met_alles

pytestmark = pytest.mark.django_db


def test_one_completed_and_one_waiting_move(gemeente_a, gemeente_b, consulent_a, consulent_b):
    assert (gemeente_a.cbs_code, gemeente_b.cbs_code) == ("0344", "0150")  # Utrecht, Deventer
    maak_gebruiker("anouk_teamleider", Rol.TEAMLEIDER, gemeente_b)
    dossier_met_alles(gemeente_a, consulent_a)
    dossier_met_alles(gemeente_b, consulent_b)
    meldingen = []
    maak_verhuizingen(melding=meldingen.append)
    assert meldingen == ["Verhuizingen: 1 overgedragen, 1 wacht op overname in Utrecht."]
    afgerond = Overdracht.objects.get(status=Status.OVERGEDRAGEN)
    assert (afgerond.van_gemeente, afgerond.naar_gemeente) == (gemeente_a, gemeente_b)
    assert afgerond.oud_dossier.afsluitreden == Afsluitreden.VERHUISD
    assert afgerond.nieuw_dossier.events.filter(soort=Soort.OVERDRACHT_ONTVANGEN).exists()
    wachtend = Overdracht.objects.get(status=Status.WACHT_OP_ACCEPTATIE)
    assert wachtend.naar_gemeente == gemeente_a

    aantallen = verwijder_demodata()
    assert aantallen["overdrachten"] == 2
    assert not Overdracht.objects.exists() and not Dossier.objects.exists()
