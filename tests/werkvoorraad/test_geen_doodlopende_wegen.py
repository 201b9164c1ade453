"""No dead ends: every reason that blocks vaststelling on the PIP tab links to where it is
fixed, and the brede intake can be finished from the PIP tab's checklist."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Fase, Soort
from inburgering.intake import brede_intake as bi
from inburgering.pip import services as pip_services
from inburgering.pip.models import PipInstelling
from tests.conftest import maak_dossier
from tests.pip.factories import concept, dossier_klaar

pytestmark = pytest.mark.django_db


def _intake_klaar_maar_open(gemeente, consulent):
    """A dossier whose brede intake is complete, with a route, but not yet afgerond."""
    start = timezone.localdate() - dt.timedelta(days=20)
    dossier = maak_dossier(gemeente, consulent=consulent, actor=consulent, kennisgeving=start)
    registreer(dossier, Soort.HUISVESTING, start + dt.timedelta(days=1), actor=consulent)
    datum = start + dt.timedelta(days=2)
    bi.voeg_gesprek_toe(
        dossier, actor=consulent, datum=datum, vorm="persoonlijk", versie="uitgebreid"
    )
    intake = bi.intake_van(dossier)
    for onderwerp in bi.TEKST_ONDERWERPEN:
        bi.bewaar_verslag(intake, onderwerp.value, "Besproken.", gezien_versie=0, actor=consulent)
    intake.gewezen_op_recht_alleen = datum
    intake.save()
    bi.registreer_lbt(
        dossier, actor=consulent, datum=datum, score=34, apparaat="computer", invoer="muis"
    )
    bi.besluit_route(
        dossier, actor=consulent, datum=datum, leerroute="b1", niveau="B1",
        intensiteit_uren_per_week=12, afwijkingsredenen=[], toelichting="",
    )  # fmt: skip
    dossier.refresh_from_db()
    return dossier


def test_elke_blokkade_heeft_een_doel(gemeente_a, consulent_a):
    dossier = _intake_klaar_maar_open(gemeente_a, consulent_a)
    PipInstelling.objects.create(gemeente=gemeente_a, vier_ogen=True)
    versie = concept(dossier, consulent_a, dagtekening=None)
    meldingen = pip_services.controleer(versie, dossier).meldingen
    doelen = {m.doel for m in meldingen}
    assert "intake_afronden" in doelen and "goedkeuring" in doelen and "pip_formulier" in doelen
    assert all(m.doel for m in meldingen), [m for m in meldingen if not m.doel]


def test_afronden_vanaf_het_pip_tabblad(client, gemeente_a, consulent_a):
    dossier = _intake_klaar_maar_open(gemeente_a, consulent_a)
    assert dossier.fase == Fase.BREDE_INTAKE
    concept(dossier, consulent_a)
    client.force_login(consulent_a)
    pip_url = reverse("pip:pip", kwargs={"uuid": dossier.uuid})
    html = client.get(pip_url).content.decode()
    intake_url = reverse("intake:brede_intake", kwargs={"uuid": dossier.uuid})
    assert "De brede intake is nog niet afgerond" in html
    assert f'action="{intake_url}"' in html and 'name="terug" value="pip"' in html
    antwoord = client.post(intake_url, {"actie": "afronden", "terug": "pip"})
    assert antwoord.status_code == 302 and antwoord.url == pip_url
    dossier.refresh_from_db()
    assert dossier.fase == Fase.PIP_IN_VOORBEREIDING
    assert "De brede intake is nog niet afgerond" not in client.get(pip_url).content.decode()


def test_links_op_het_pip_tabblad(client, gemeente_a, consulent_a):
    dossier = dossier_klaar(gemeente_a, consulent_a)
    PipInstelling.objects.create(gemeente=gemeente_a, vier_ogen=True)
    concept(dossier, consulent_a)
    client.force_login(consulent_a)
    html = client.get(reverse("pip:pip", kwargs={"uuid": dossier.uuid})).content.decode()
    assert "vier-ogenprincipe" in html and 'href="#knoppen-vaststelling"' in html
