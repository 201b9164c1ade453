"""Schakelen and afschalen on recorded data: afschalen counts the NT2 hours recorded in the
learning route instead of a typed number (Besluit 5.5), a placement in another route needs a
new PIP version first (Besluit 5.3 lid 6), and the Termijn tab shows the PIP to adapt."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from inburgering.pip import services as pip_services
from inburgering.termijn import services
from inburgering.traject import services as traject
from tests.traject.factories import geplaatst, klaar_voor_plaatsing, maak_contract, met_uren

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(gemeente_a, consulent_a):
    return klaar_voor_plaatsing(gemeente_a, consulent_a, dagen_geleden=420)


def _b1_uren(dossier, consulent, per_maand: int, maanden: int):
    vandaag = timezone.localdate()
    start = vandaag - dt.timedelta(days=395)
    plaatsing = geplaatst(
        dossier, maak_contract(dossier.gemeente), consulent, aangemeld_op=start, gestart_op=start
    )
    eerste = (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    rijen, maand = [], eerste
    for _ in range(maanden):
        rijen.append((maand, per_maand, per_maand))
        maand = (maand + dt.timedelta(days=32)).replace(day=1)
    met_uren(plaatsing, consulent, rijen)
    return plaatsing


def test_afschalen_telt_de_geregistreerde_uren(dossier, consulent_a):
    _b1_uren(dossier, consulent_a, 60, 10)  # 600 hours recorded
    versie = pip_services.nieuwe_versie(
        dossier, reden="afschalen", actor=consulent_a,
        feiten={"nt2_uren": 10, "voldoende_inspanning": True},
    )  # fmt: skip
    assert versie.regelfeiten["nt2_uren"] == 600
    assert versie.regelfeiten["nt2_uren_bron"] == "traject"
    assert versie.niveau == "A2"


def test_afschalen_getypt_aantal_telt_niet_naast_registratie(dossier, consulent_a):
    _b1_uren(dossier, consulent_a, 10, 10)  # 100 hours recorded
    with pytest.raises(pip_services.PipFout, match="100 van de 600"):
        pip_services.nieuwe_versie(
            dossier, reden="afschalen", actor=consulent_a,
            feiten={"nt2_uren": 700, "voldoende_inspanning": True},
        )  # fmt: skip


def test_plaatsing_in_andere_route_vraagt_eerst_nieuwe_pip_versie(dossier, gemeente_a, consulent_a):
    z = maak_contract(gemeente_a, soort="z")
    vandaag = timezone.localdate()
    with pytest.raises(traject.TrajectFout, match=r"5\.3 lid 6"):
        traject.plaats(dossier, z, aangemeld_op=vandaag, actor=consulent_a)
    pip_services.nieuwe_versie(dossier, reden="schakelen", leerroute="z", actor=consulent_a)
    traject.plaats(dossier, z, aangemeld_op=vandaag, actor=consulent_a)
    beeld = services.beeld(dossier, vandaag)
    # The draft is not yet set: the PIP still says B1 and must be adapted.
    assert beeld.routewijziging is not None and beeld.routewijziging.waarde
    assert "Z-route in plaats van de B1-route" in beeld.routewijziging.uitleg
    assert beeld.uren_per_soort.get("z", Decimal(0)) == 0


def test_pip_tab_toont_de_geregistreerde_uren(client, dossier, consulent_a):
    from django.urls import reverse

    _b1_uren(dossier, consulent_a, 25, 4)
    client.force_login(consulent_a)
    html = client.get(reverse("pip:pip", kwargs={"uuid": dossier.uuid})).content.decode()
    assert "Geregistreerde cursusuren NT2 in de leerroute: 100" in html
