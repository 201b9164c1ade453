"""Item 3 (routes by sex and age group) and item 4 (termijn at risk, with its drill-down)."""

import datetime as dt

import pytest
from django.urls import reverse

from inburgering.accounts.models import Inzagelog, Rol
from inburgering.dossiers import deadlines
from inburgering.dossiers.services import registreer
from inburgering.dossiers.toestand import bereken_toestand
from inburgering.dossiers.workflow import Soort
from inburgering.monitoring import extractie as ex
from inburgering.monitoring import indicatoren as ind
from inburgering.monitoring.tabellen import tabellen
from inburgering.wet import inburgeringstermijn
from tests.conftest import maak_gebruiker

from .helpers import bereken, traject

pytestmark = pytest.mark.django_db
PEIL = dt.date(2025, 1, 1)


def _tabel(sel, sleutel):
    return next(t for t in tabellen(sel) if t.sleutel == sleutel)


# --- Item 3 -------------------------------------------------------------------------------------


def test_age_boundary_in_sql_agrees_with_leeftijd():
    """`leeftijdsgroep_sql` compares the date of birth with `geboren_uiterlijk`; around every
    birthday, also 29 February in leap and other years, that equals `leeftijd` >= n."""
    peildata = [dt.date(2024, 2, 29), dt.date(2025, 2, 28), dt.date(2025, 3, 1), PEIL]
    for peil in peildata:
        for jaren in (18, 27, 40, 55):
            grens = ind.geboren_uiterlijk(peil, jaren)
            for dag in range(-400, 400):
                geboren = grens + dt.timedelta(days=dag)
                assert (geboren <= grens) == (ind.leeftijd(geboren, peil) >= jaren), (peil, geboren)


def test_leeftijd_and_groups():
    assert ind.leeftijd(dt.date(1985, 1, 1), PEIL) == 40
    assert ind.leeftijd(dt.date(1985, 1, 2), PEIL) == 39
    assert ind.leeftijd(dt.date(2000, 2, 29), dt.date(2021, 2, 28)) == 20
    assert ind.leeftijd(dt.date(2000, 2, 29), dt.date(2021, 3, 1)) == 21
    groepen = [
        ind.leeftijdsgroep(dt.date(PEIL.year - jaren, 1, 1), PEIL)
        for jaren in (17, 18, 26, 27, 39, 40, 54, 55, 80)
    ]
    assert groepen == ["<18", "18-26", "18-26", "27-39", "27-39", "40-54", "40-54", "55+", "55+"]
    assert ind.leeftijdsgroep(None, PEIL) == ""


def test_route_per_sex_and_age_group(gemeente_a):
    start = dt.date(2024, 3, 4)
    traject(gemeente_a, start, pip=30, route="b1", geslacht="M", geboortedatum=dt.date(2000, 6, 1))
    traject(gemeente_a, start, pip=30, route="z", geslacht="V", geboortedatum=dt.date(1985, 1, 1))
    traject(gemeente_a, start, pip=30, route="b1", geslacht="V", geboortedatum=dt.date(1985, 1, 2))
    traject(
        gemeente_a,
        start,
        pip=30,
        route="onderwijs",
        geslacht="V",
        geboortedatum=dt.date(1960, 1, 1),
        doelgroep="gezinsmigrant_overig",
    )
    traject(gemeente_a, start, geslacht="M")  # no PIP: not counted
    sel = ex.Selectie((gemeente_a.pk,), PEIL)
    geslacht = _tabel(sel, "routes_geslacht")
    rijen = {(r[0], r[1]): r[2:] for r in geslacht.rijen}
    # columns: B1, onderwijs, Z, unknown, total
    assert rijen[("Asielstatushouder", "Man")] == [1, 0, 0, 0, 1]
    assert rijen[("Asielstatushouder", "Vrouw")] == [1, 0, 1, 0, 2]
    assert rijen[("Gezinsmigrant en overige migrant", "Vrouw")] == [0, 1, 0, 0, 1]
    assert not any(r[1] == "onbekend" for r in geslacht.rijen)  # only shown when non-empty
    assert "<svg" in geslacht.extra["grafiek"]
    leeftijd = {(r[0], r[1]): r[2:] for r in _tabel(sel, "routes_leeftijd").rijen}
    assert leeftijd[("Asielstatushouder", "18–26")] == [1, 0, 0, 0, 1]
    assert leeftijd[("Asielstatushouder", "40–54")] == [0, 0, 1, 0, 1]  # 40 on the peildatum
    assert leeftijd[("Asielstatushouder", "27–39")] == [1, 0, 0, 0, 1]  # 40 the day after
    assert leeftijd[("Gezinsmigrant en overige migrant", "55+")] == [0, 1, 0, 0, 1]
    # Age is taken on the peildatum: a day earlier the 1985-01-01 person is still 39.
    eerder = ex.Selectie((gemeente_a.pk,), PEIL - dt.timedelta(days=1))
    leeftijd = {(r[0], r[1]): r[2:] for r in _tabel(eerder, "routes_leeftijd").rijen}
    assert leeftijd[("Asielstatushouder", "27–39")] == [1, 0, 1, 0, 2]


def test_route_tables_export(client, gemeente_a, teamleider_a):
    traject(gemeente_a, dt.date(2024, 3, 4), pip=30, route="z", geslacht="M")
    client.force_login(teamleider_a)
    antwoord = client.get("/monitoring/export/routes_geslacht.csv?peildatum=2025-01-01")
    tekst = antwoord.content.decode("utf-8-sig")
    assert "Asielstatushouder;Man;0;0;1;0;1" in tekst
    assert client.get("/monitoring/export/routes_leeftijd.xlsx").status_code == 200


# --- Item 4 -------------------------------------------------------------------------------------


def _met_pip(gemeente, pip: dt.date, **kw):
    """A dossier whose first PIP has dagtekening `pip` (kennisgeving 30 days earlier)."""
    return traject(gemeente, pip - dt.timedelta(days=30), pip=30, **kw)


@pytest.fixture
def risico(gemeente_a, gemeente_b):
    d = {}
    d["niet_gestart"] = _met_pip(gemeente_a, dt.date(2022, 3, 1))  # ends ~1 March 2025
    d["b1_zonder"] = _met_pip(gemeente_a, dt.date(2022, 10, 3), start_route=60)  # ~Oct 2025
    d["b1_examen"] = _met_pip(gemeente_a, dt.date(2022, 10, 3), start_route=60)
    registreer(
        d["b1_examen"],
        Soort.EXAMENRESULTAAT,
        dt.date(2024, 6, 1),
        gegevens={"onderdeel": "lezen", "resultaat": "voldoende"},
    )
    d["z_gestart"] = _met_pip(gemeente_a, dt.date(2022, 3, 1), route="z", start_route=60)
    d["ver_weg"] = _met_pip(gemeente_a, dt.date(2023, 6, 1))  # ends 2026: not at risk
    d["duo"] = _met_pip(gemeente_a, dt.date(2023, 6, 1))  # ... but DUO says earlier
    registreer(
        d["duo"],
        Soort.TERMIJN_DUO,
        dt.date(2023, 6, 2),
        gegevens={"start": "2023-06-02", "einde": "2025-05-01"},
    )
    d["gesloten"] = _met_pip(gemeente_a, dt.date(2022, 3, 1))
    registreer(
        d["gesloten"], Soort.DOSSIER_AFGESLOTEN, dt.date(2024, 5, 1), gegevens={"reden": "voldaan"}
    )
    d["andere_gemeente"] = _met_pip(gemeente_b, dt.date(2022, 3, 1))
    return d


def test_termijn_risico_bands_reasons_and_source(risico, gemeente_a):
    lijst = bereken(ind.termijn_risico_lijst, ex.Selectie((gemeente_a.pk,), PEIL))
    gevonden = {r.dossier_id: r for r in lijst}
    assert set(gevonden) == {risico["niet_gestart"].pk, risico["b1_zonder"].pk, risico["duo"].pk}
    r = gevonden[risico["niet_gestart"].pk]
    assert (r.band, r.reden, r.bron) == ("6", "niet_gestart", "berekend")
    # The end comes from the rules package, as the dossier page computes it.
    toestand = bereken_toestand(risico["niet_gestart"].events.all(), peildatum=PEIL)
    assert r.einde == deadlines.inburgeringstermijn(toestand).waarde.einde
    assert r.einde == inburgeringstermijn(dt.date(2022, 3, 1)).waarde.einde
    r = gevonden[risico["b1_zonder"].pk]
    assert (r.band, r.reden, r.bron) == ("12", "b1_zonder_examen", "berekend")
    r = gevonden[risico["duo"].pk]
    assert (r.band, r.einde, r.bron) == ("6", dt.date(2025, 5, 1), "duo")
    # Later peildatum: the first termijn has passed.
    later = dt.date(2025, 6, 1)
    lijst = bereken(ind.termijn_risico_lijst, ex.Selectie((gemeente_a.pk,), later))
    banden = {r.dossier_id: r.band for r in lijst}
    assert banden[risico["niet_gestart"].pk] == "verstreken"
    assert banden[risico["b1_zonder"].pk] == "6"


def test_termijn_risico_table_on_dashboard(risico, gemeente_a):
    tabel = _tabel(ex.Selectie((gemeente_a.pk,), PEIL), "termijn_risico")
    assert tabel.rijen == [
        ["Termijn al verstreken", 0, 0, 0, 0, 0],
        ["Eindigt binnen 6 maanden", 2, 2, 0, 1, 1],
        ["Eindigt over 6 tot 12 maanden", 1, 0, 1, 0, 1],
    ]


def test_termijn_risico_list_is_scoped_and_logged(client, risico, teamleider_a):
    client.force_login(teamleider_a)
    antwoord = client.get("/monitoring/termijn-risico/?peildatum=2025-01-01")
    assert antwoord.status_code == 200
    namen = [r["naam"] for r in antwoord.context["rijen"]]
    verwacht = [risico[k] for k in ("niet_gestart", "duo", "b1_zonder")]  # by end date
    assert namen == [d.inburgeraar.naam for d in verwacht]
    for d in verwacht:
        url = reverse("dossiers:dossier", kwargs={"uuid": d.uuid})
        assert f'href="{url}"'.encode() in antwoord.content
    assert risico["andere_gemeente"].inburgeraar.naam.encode() not in antwoord.content
    log = Inzagelog.objects.filter(gebruiker=teamleider_a, doel="monitoring_termijn")
    assert sorted(log.values_list("dossier_id", flat=True)) == sorted(d.pk for d in verwacht)
    # Band filter: only the rows shown are logged.
    laatste = Inzagelog.objects.order_by("-pk").values_list("pk", flat=True).first()
    antwoord = client.get("/monitoring/termijn-risico/?peildatum=2025-01-01&band=12")
    assert [r["naam"] for r in antwoord.context["rijen"]] == [risico["b1_zonder"].inburgeraar.naam]
    nieuw = Inzagelog.objects.filter(pk__gt=laatste).values_list("dossier_id", flat=True)
    assert list(nieuw) == [risico["b1_zonder"].pk]


def test_termijn_risico_list_refuses_other_roles_and_gemeenten(
    client, risico, gemeente_a, gemeente_b, teamleider_a
):
    consulent = maak_gebruiker("c_risico", Rol.CONSULENT, gemeente_a)
    client.force_login(consulent)
    assert client.get("/monitoring/termijn-risico/").status_code == 403
    client.force_login(teamleider_a)
    antwoord = client.get(
        f"/monitoring/termijn-risico/?peildatum=2025-01-01&gemeente={gemeente_b.pk}"
    )
    assert antwoord.context["rijen"] == []
    assert antwoord.context["form"].errors["gemeente"]
    assert not Inzagelog.objects.exists()
