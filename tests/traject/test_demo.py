"""The demo load through the services: PVT/MAP/Z-route progress beside the learning routes,
and one gemeente (Deventer) reporting its consulenten as contact persons to the simulator."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from inburgering.accounts.models import Configuratiewijziging, GemeenteConfiguratie
from inburgering.demo.gemeenten import DEVENTER
from inburgering.koppelingen.duo.client import gedeelde_simulator
from inburgering.koppelingen.models import Status, UitgaandBericht
from inburgering.traject.models import Plaatsing

pytestmark = pytest.mark.django_db
S = UitgaandBericht.Soort


def test_demo_route_onderdelen_en_contactpersonen(client):
    uit = io.StringIO()
    call_command("demo_data", "--profiel", "demo", "--dossiers", "60", stdout=uit)
    assert "Contactpersonen aan DUO:" in uit.getvalue()

    # the route: a signed PVT (delivered), a MAP halfway, bridging beside a Z-route
    pvt = Plaatsing.objects.filter(contract__product__soort="pvt", ondertekend_op__isnull=False)
    assert pvt.exists(), uit.getvalue()
    getekend = pvt.first()
    assert UitgaandBericht.objects.filter(dossier=getekend.dossier, soort=S.PVT).exists()
    halverwege = Plaatsing.objects.filter(contract__product__soort="map").first()
    assert halverwege is not None and halverwege.map_themas == ["a", "b", "c", "d"]
    # a started Z-route of an asylum status holder has bridging hours delivered as participation
    zroute = Plaatsing.objects.filter(
        contract__product__soort="z", status="gestart", dossier__doelgroep="asielstatushouder"
    ).values("dossier")
    met_uren = UitgaandBericht.objects.filter(dossier__in=zroute, soort=S.UREN_PARTICIPATIE)
    assert met_uren.count() >= zroute.count() > 0 or not zroute.exists()

    # contact persons: switched on for Deventer only, through the configuration trail
    aan = GemeenteConfiguratie.objects.filter(contactpersoon_aan_duo=True)
    assert [c.gemeente.cbs_code for c in aan] == [DEVENTER]
    assert Configuratiewijziging.objects.filter(gemeente__cbs_code=DEVENTER).exists()
    cp = UitgaandBericht.objects.filter(soort=S.CONTACTPERSOON)
    assert cp.exists() and not cp.exclude(gemeente__cbs_code=DEVENTER).exists()
    assert set(cp.values_list("status", flat=True)) == {Status.VERWERKT}
    with gedeelde_simulator().opslag.transactie() as staat:
        gekoppeld = {
            bsn for bsn, p in staat["personen"].items() if p.get("contactpersoon") is not None
        }
    assert {b.dossier.inburgeraar.bsn for b in cp} <= gekoppeld

    # the Route tab of the dossier with the signed PVT shows it and the DUO delivery
    client.force_login(getekend.dossier.consulent)
    tekst = client.get(
        reverse("traject:route", kwargs={"uuid": getekend.dossier.uuid})
    ).content.decode()
    assert "Het participatieverklaringstraject is afgerond." in tekst
    assert "Participatieverklaring" in tekst and 'id="kop-examens"' in tekst
