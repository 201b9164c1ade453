"""Item 9: the quarterly CBS delivery file and its completeness report."""

import csv
import datetime as dt
import io

import pytest
from django.test import override_settings

from inburgering.accounts.models import Inzagelog, Rol
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toegang import dossiers_voor
from inburgering.dossiers.workflow import Soort
from inburgering.monitoring import cbs
from inburgering.wet import inburgeringstermijn
from tests.conftest import maak_gebruiker

from .helpers import traject

pytestmark = pytest.mark.django_db
K1 = cbs.Kwartaal(2024, 1)


def test_kwartaal_bounds():
    assert (K1.start, K1.einde) == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    k4 = cbs.Kwartaal(2024, 4)
    assert (k4.start, k4.einde, str(k4)) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31), "2024K4")
    with pytest.raises(ValueError):
        cbs.Kwartaal(2024, 5)


def test_persoonssleutel_is_an_hmac_not_the_bsn():
    sleutel = cbs.persoonssleutel("123456782")
    assert len(sleutel) == 64 and int(sleutel, 16) >= 0
    assert "123456782" not in sleutel
    assert sleutel == cbs.persoonssleutel("123456782")
    assert sleutel != cbs.persoonssleutel("111222333")
    with override_settings(SECRET_KEY="een-andere-sleutel-" * 3):
        assert cbs.persoonssleutel("123456782") != sleutel


@pytest.fixture
def kwartaal_dossiers(gemeente_a, gemeente_b):
    d = {}
    # Complete: intake, LBT, PIP, route started in Q1 2024.
    d["volledig"] = traject(
        gemeente_a, dt.date(2023, 11, 6), intake=10, lbt=(31, 20), pip=40, start_route=90
    )
    # PIP without LBT (missing), and one with an LBT ontheffing (not required).
    d["zonder_lbt"] = traject(gemeente_a, dt.date(2023, 11, 6), pip=40)
    d["ontheffing"] = traject(gemeente_a, dt.date(2023, 11, 6), pip=40)
    registreer(d["ontheffing"], Soort.LBT_ONTHEFFING, dt.date(2023, 12, 1))
    # Closed in the quarter: included with reason and date.
    d["gesloten_in"] = traject(gemeente_a, dt.date(2023, 6, 5))
    registreer(
        d["gesloten_in"],
        Soort.DOSSIER_AFGESLOTEN,
        dt.date(2024, 2, 1),
        gegevens={"reden": "vertrokken"},
    )
    # Closed before the quarter, and started after it: both left out.
    d["gesloten_voor"] = traject(gemeente_a, dt.date(2023, 6, 5))
    registreer(
        d["gesloten_voor"],
        Soort.DOSSIER_AFGESLOTEN,
        dt.date(2023, 12, 1),
        gegevens={"reden": "vertrokken"},
    )
    d["later"] = traject(gemeente_a, dt.date(2024, 4, 8))
    d["andere_gemeente"] = traject(gemeente_b, dt.date(2023, 11, 6))
    return d


def _levering(user, gemeente):
    return cbs.levering(dossiers_voor(user), gemeente, K1)


def test_levering_rows_and_values(kwartaal_dossiers, teamleider_a, gemeente_a):
    d = kwartaal_dossiers
    rijen = {r.uuid: r.waarden for r in _levering(teamleider_a, gemeente_a)}
    assert set(rijen) == {
        str(d[k].uuid) for k in ("volledig", "zonder_lbt", "ontheffing", "gesloten_in")
    }
    v = rijen[str(d["volledig"].uuid)]
    pip = dt.date(2023, 11, 6) + dt.timedelta(days=40)
    assert v == {
        "gemeentecode": "0344",
        "kwartaal": "2024K1",
        "persoonssleutel": cbs.persoonssleutel(d["volledig"].inburgeraar.bsn),
        "doelgroep": "asielstatushouder",
        "regime": "wi2021",
        "datum_kennisgeving": "2023-11-06",
        "datum_start_brede_intake": "2023-11-16",
        "datum_einde_brede_intake": (pip - dt.timedelta(days=1)).isoformat(),
        "datum_lbt": "2023-11-26",
        "score_lbt": "31",
        "datum_pip": pip.isoformat(),
        "leerroute": "b1",
        "datum_start_leerroute": "2024-02-04",
        "datum_einde_termijn": inburgeringstermijn(pip).waarde.einde.isoformat(),
        "bron_einde_termijn": "berekend",
        "afsluitreden": "",
        "datum_afsluiting": "",
    }
    g = rijen[str(d["gesloten_in"].uuid)]
    assert (g["afsluitreden"], g["datum_afsluiting"]) == ("vertrokken", "2024-02-01")


def test_levering_reports_as_known_at_quarter_end(kwartaal_dossiers, teamleider_a, gemeente_a):
    d = kwartaal_dossiers
    registreer(
        d["zonder_lbt"],
        Soort.TERMIJN_DUO,
        dt.date(2024, 5, 1),  # after the quarter: not in the Q1 delivery
        gegevens={"start": "2023-12-17", "einde": "2027-06-16"},
    )
    rijen = {r.uuid: r.waarden for r in _levering(teamleider_a, gemeente_a)}
    assert rijen[str(d["zonder_lbt"].uuid)]["bron_einde_termijn"] == "berekend"
    rijen = {
        r.uuid: r.waarden
        for r in cbs.levering(dossiers_voor(teamleider_a), gemeente_a, cbs.Kwartaal(2024, 2))
    }
    assert rijen[str(d["zonder_lbt"].uuid)]["datum_einde_termijn"] == "2027-06-16"
    assert rijen[str(d["zonder_lbt"].uuid)]["bron_einde_termijn"] == "duo"


def test_volledigheid(kwartaal_dossiers, teamleider_a, gemeente_a):
    d = kwartaal_dossiers
    rapport = {o.kolom: o for o in cbs.volledigheid(_levering(teamleider_a, gemeente_a))}
    assert "datum_start_leerroute" not in rapport  # not mandatory
    assert rapport["persoonssleutel"].verplicht == 4 and rapport["persoonssleutel"].uuids == []
    # LBT required for the three PIPs except the one with an ontheffing.
    assert rapport["datum_lbt"].verplicht == 2
    assert rapport["datum_lbt"].uuids == [str(d["zonder_lbt"].uuid)]
    assert rapport["score_lbt"].uuids == [str(d["zonder_lbt"].uuid)]
    assert rapport["afsluitreden"].verplicht == 1 and rapport["afsluitreden"].uuids == []
    assert rapport["datum_pip"].verplicht == 1  # only where the route started


def test_csv_has_no_bsn(kwartaal_dossiers, teamleider_a, gemeente_a):
    rijen = _levering(teamleider_a, gemeente_a)
    inhoud = cbs.als_csv(rijen).decode("utf-8")
    regels = list(csv.reader(io.StringIO(inhoud), delimiter=";"))
    assert regels[0] == [k for k, _o, _v in cbs.KOLOMMEN]
    assert len(regels) == 5
    for dossier in kwartaal_dossiers.values():
        assert dossier.inburgeraar.bsn not in inhoud
        assert str(dossier.uuid) not in inhoud


def test_cbs_page_download_and_log(client, kwartaal_dossiers, teamleider_a, gemeente_a):
    client.force_login(teamleider_a)
    query = f"jaar=2024&kwartaal=1&gemeente={gemeente_a.pk}"
    antwoord = client.get(f"/monitoring/cbs/?{query}")
    assert antwoord.status_code == 200
    assert antwoord.context["aantal"] == 4
    assert str(kwartaal_dossiers["zonder_lbt"].uuid).encode() in antwoord.content
    assert b"/monitoring/cbs/levering.csv?" in antwoord.content
    gelogd = set(
        Inzagelog.objects.filter(doel="monitoring_cbs").values_list("dossier_id", flat=True)
    )
    assert gelogd == {kwartaal_dossiers["zonder_lbt"].pk}
    download = client.get(f"/monitoring/cbs/levering.csv?{query}")
    assert download["Content-Disposition"] == 'attachment; filename="swi_0344_2024K1.csv"'
    assert download.content.decode().count("\r\n") == 5
    assert Inzagelog.objects.filter(doel="monitoring_cbs").count() == 1 + 4


def test_cbs_scope_and_roles(client, kwartaal_dossiers, teamleider_a, gemeente_a, gemeente_b):
    client.force_login(teamleider_a)
    antwoord = client.get(f"/monitoring/cbs/?jaar=2024&kwartaal=1&gemeente={gemeente_b.pk}")
    assert antwoord.context["form"].errors["gemeente"]
    assert antwoord.context["aantal"] is None
    assert (
        client.get(
            f"/monitoring/cbs/levering.csv?jaar=2024&kwartaal=1&gemeente={gemeente_b.pk}"
        ).status_code
        == 400  # a refused choice, the same as a gemeente that does not exist
    )
    assert client.get("/monitoring/cbs/?jaar=2099&kwartaal=1").context["form"].errors
    assert client.get("/monitoring/cbs/").status_code == 200  # defaults: previous quarter
    kwaliteit = maak_gebruiker("k_cbs", Rol.KWALITEIT, gemeente_a, gemeente_b)
    client.force_login(kwaliteit)
    rijen = client.get(
        f"/monitoring/cbs/levering.csv?jaar=2024&kwartaal=1&gemeente={gemeente_b.pk}"
    )
    assert rijen.content.decode().count("\r\n") == 2
    for rol in (Rol.CONSULENT, Rol.PRIVACY, Rol.BEHEERDER):
        client.force_login(maak_gebruiker(f"x_cbs_{rol}", rol, gemeente_a))
        assert client.get("/monitoring/cbs/").status_code == 403
        assert client.get("/monitoring/cbs/levering.csv").status_code == 403
