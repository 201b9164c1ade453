"""PVT (Besluit 3.1), MAP (3.2) and Z-route (3.14) parts on a placement: recorded with the
law's checks, shown on the Route tab, their completion and the Z-route's participation hours
delivered to DUO through the outbox (issue 15)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers.models import Doelgroep, Dossier
from inburgering.koppelingen.models import Status, UitgaandBericht
from inburgering.pip import services as pip_services
from inburgering.traject import services
from tests.traject.factories import geplaatst, klaar_voor_plaatsing, maak_contract, met_uren

pytestmark = pytest.mark.django_db
S = UitgaandBericht.Soort
ALLE = list("abcdefgh")


@pytest.fixture
def dossier(gemeente_a, consulent_a):
    return klaar_voor_plaatsing(gemeente_a, consulent_a)


def _geplaatst(dossier, gemeente, consulent, soort):
    vandaag = timezone.localdate()
    if soort == "z":  # another route than the PIP's: only after a version that switches
        pip_services.nieuwe_versie(dossier, reden="schakelen", leerroute="z", actor=consulent)
    return geplaatst(
        dossier,
        maak_contract(gemeente, soort=soort),
        consulent,
        aangemeld_op=vandaag - dt.timedelta(days=70),
        gestart_op=vandaag - dt.timedelta(days=65),
    )


def _leveringen(dossier, soort):
    return list(UitgaandBericht.objects.filter(dossier=dossier, soort=soort).order_by("pk"))


def test_pvt_ondertekening_vraagt_12_uur_en_de_activiteit(dossier, gemeente_a, consulent_a):
    plaatsing = _geplaatst(dossier, gemeente_a, consulent_a, "pvt")
    vandaag = timezone.localdate()
    maand = (vandaag.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    with pytest.raises(services.TrajectFout, match=r"niet afgerond.*12 uur.*kernwaarden"):
        services.registreer_onderdelen(plaatsing, ondertekend_op=vandaag)
    met_uren(plaatsing, consulent_a, [(maand, 12, 11)])
    with pytest.raises(services.TrajectFout, match=r"11\.00 van de minimaal 12 uur"):
        services.registreer_onderdelen(
            plaatsing, kernwaarden_activiteit_op=vandaag, ondertekend_op=vandaag
        )
    plaatsing.refresh_from_db()
    assert plaatsing.ondertekend_op is None and not _leveringen(dossier, S.PVT)
    # completing the placement first is refused: the signing closes the PVT
    with pytest.raises(services.TrajectFout, match="ondertekening"):
        services.wijzig_status(plaatsing, "afgerond", datum=vandaag)
    met_uren(plaatsing, consulent_a, [(maand.replace(day=1) - dt.timedelta(days=31), 4, 4)])
    services.registreer_onderdelen(
        plaatsing, kernwaarden_activiteit_op=vandaag, ondertekend_op=vandaag, actor=consulent_a
    )
    [pvt] = _leveringen(dossier, S.PVT)
    assert pvt.inhoud == {"datumOndertekeningPvt": vandaag.isoformat()}
    services.wijzig_status(plaatsing, "afgerond", datum=vandaag)
    assert len(_leveringen(dossier, S.PVT)) == 1  # delivered once, at the signing


def test_map_eindgesprek_pas_na_alle_themas(dossier, gemeente_a, consulent_a):
    plaatsing = _geplaatst(dossier, gemeente_a, consulent_a, "map")
    vandaag = timezone.localdate()
    services.registreer_onderdelen(plaatsing, map_themas=["a", "b", "c"], actor=consulent_a)
    plaatsing.refresh_from_db()
    assert plaatsing.map_themas == ["a", "b", "c"] and not _leveringen(dossier, S.MAP)
    with pytest.raises(services.TrajectFout, match=r"art\. 3\.2 lid 2.*werkcultuur"):
        services.registreer_onderdelen(plaatsing, map_themas=["a"], eindgesprek_op=vandaag)
    with pytest.raises(services.TrajectFout, match="Onbekend MAP-thema"):
        services.registreer_onderdelen(plaatsing, map_themas=["x"])
    with pytest.raises(services.TrajectFout, match="horen niet bij dit product"):
        services.registreer_onderdelen(plaatsing, ondertekend_op=vandaag)
    services.registreer_onderdelen(plaatsing, map_themas=ALLE, eindgesprek_op=vandaag)
    [levering] = _leveringen(dossier, S.MAP)
    assert levering.inhoud == {"datumEindgesprekMap": vandaag.isoformat()}
    stap = dossier.events.filter(soort="plaatsing").order_by("pk").last()
    assert "eindgesprek op" in stap.gegevens["onderdelen"]


def test_datum_in_de_toekomst_of_voor_aanmelding_geweigerd(dossier, gemeente_a, consulent_a):
    plaatsing = _geplaatst(dossier, gemeente_a, consulent_a, "map")
    morgen = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(services.TrajectFout, match="toekomst"):
        services.registreer_onderdelen(plaatsing, map_themas=ALLE, eindgesprek_op=morgen)
    with pytest.raises(services.TrajectFout, match="vóór de aanmelding"):
        services.registreer_onderdelen(
            plaatsing, map_themas=ALLE, eindgesprek_op=plaatsing.aangemeld_op - dt.timedelta(1)
        )


def test_zroute_afronding_na_eindgesprek_en_participatie_uren(dossier, gemeente_a, consulent_a):
    assert dossier.doelgroep == Doelgroep.ASIELSTATUSHOUDER
    zroute = _geplaatst(dossier, gemeente_a, consulent_a, "z")
    activiteit = geplaatst(
        dossier,
        maak_contract(gemeente_a, soort="overbrugging", kenmerk="OVB-1"),
        consulent_a,
        aangemeld_op=zroute.aangemeld_op,
        gestart_op=zroute.gestart_op,
    )
    maand = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    met_uren(activiteit, consulent_a, [(maand, 30, 25)])
    [uren] = _leveringen(dossier, S.UREN_PARTICIPATIE)
    assert (uren.inhoud, uren.status) == ({"uren": 25}, Status.NIEUW)
    vandaag = timezone.localdate()
    with pytest.raises(services.TrajectFout, match="eindgesprek van de Z-route"):
        services.wijzig_status(zroute, "afgerond", datum=vandaag)
    services.registreer_onderdelen(zroute, eindgesprek_op=vandaag)
    services.wijzig_status(zroute, "afgerond", datum=vandaag)
    [afronding] = _leveringen(dossier, S.ZROUTE)
    assert afronding.inhoud == {"datumAfrondingZroute": vandaag.isoformat()}


def test_participatie_uren_van_een_gezinsmigrant_tegengehouden(dossier, gemeente_a, consulent_a):
    Dossier.objects.filter(pk=dossier.pk).update(doelgroep=Doelgroep.GEZINSMIGRANT_OVERIG)
    dossier.refresh_from_db()
    from inburgering.koppelingen.duo import leveringen

    levering = leveringen.lever_uren(dossier, soort=S.UREN_PARTICIPATIE, uren=10)
    assert levering.status == Status.TEGENGEHOUDEN
    assert [b["code"] for b in levering.bevindingen] == ["UREN_PARTICIPATIE_NIET_ASIEL"]


def test_route_tab_toont_onderdelen_en_examens(client, dossier, gemeente_a, consulent_a):
    plaatsing = _geplaatst(dossier, gemeente_a, consulent_a, "map")
    client.force_login(consulent_a)
    url = reverse("traject:route", kwargs={"uuid": dossier.uuid})
    antwoord = client.post(
        url,
        {
            "actie": "onderdelen",
            "onderdelen-plaatsing": plaatsing.pk,
            "onderdelen-map_themas": ["a", "b"],
        },
    )
    assert antwoord.status_code == 302
    tekst = client.get(url).content.decode()
    assert "MAP: 2 van de 8 thema&#x27;s gevolgd" in tekst
    assert "werkcultuur: open" in tekst and 'id="kop-examens"' in tekst
    slecht = client.post(
        url,
        {
            "actie": "onderdelen",
            "onderdelen-plaatsing": plaatsing.pk,
            "onderdelen-map_themas": ["a"],
            "onderdelen-eindgesprek_op": timezone.localdate().isoformat(),
        },
    )
    assert slecht.status_code == 400
    assert "Het eindgesprek sluit de MAP af" in slecht.content.decode()
    plaatsing.refresh_from_db()
    assert plaatsing.eindgesprek_op is None and plaatsing.map_themas == ["a", "b"]
