"""Outcomes and dual activities (issue 6, items 5 and 3) on a small hand-built dataset.

Every expected number below is worked out by hand from the dossiers in `data`; the comments
give the reasoning.
"""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from inburgering.monitoring import extractie as ex
from inburgering.monitoring.models import Doelstelling, Indicator
from inburgering.monitoring.tabellen import tabellen

from .helpers import traject

pytestmark = pytest.mark.django_db
PEIL = dt.date(2025, 6, 30)
S = Soort
D = dt.date
GEZIN = "gezinsmigrant_overig"


def _meet(dossier, datum, moment, *status, corrigeert=None):
    return registreer(
        dossier,
        S.PARTICIPATIE_GEMETEN,
        datum,
        gegevens={"moment": str(moment), "status": list(status)},
        corrigeert=corrigeert,
    )


def _examen(dossier, datum, onderdeel, resultaat):
    return registreer(
        dossier, S.EXAMENRESULTAAT, datum, gegevens={"onderdeel": onderdeel, "resultaat": resultaat}
    )


def _kosten(dossier, datum, cents, post):
    return registreer(
        dossier, S.KOSTEN_GEREGISTREERD, datum, gegevens={"bedrag_cents": cents, "post": post}
    )


def _duaal(dossier, datum, activiteit, einde=None):
    registreer(dossier, S.DUALE_ACTIVITEIT_GESTART, datum, gegevens={"activiteit": activiteit})
    if einde:
        registreer(
            dossier, S.DUALE_ACTIVITEIT_BEEINDIGD, einde, gegevens={"activiteit": activiteit}
        )


def _termijn_duo(dossier, start, einde):
    registreer(
        dossier,
        S.TERMIJN_DUO,
        start,
        gegevens={"start": start.isoformat(), "einde": einde.isoformat()},
    )


def _sluit(dossier, datum, reden):
    registreer(dossier, S.DOSSIER_AFGESLOTEN, datum, gegevens={"reden": reden})


@pytest.fixture
def data(gemeente_a, gemeente_b):
    """Kennisgeving on the given date, PIP 30 days later, route start 60 days later."""
    d = {}
    # A: route start 2022-03-11; DUO's termijn ends 2024-12-01, voldaan that very day.
    a = d["A"] = traject(gemeente_a, D(2022, 1, 10), pip=30, start_route=60)
    _termijn_duo(a, D(2022, 2, 10), D(2024, 12, 1))
    _meet(a, D(2022, 9, 15), 6, "uitkering")
    _meet(a, D(2023, 3, 20), 12, "werk", "uitkering")
    _meet(a, D(2024, 3, 15), 24, "werk")
    _examen(a, D(2024, 5, 1), "LE", "Geslaagd")
    _examen(a, D(2024, 5, 2), "KNM", "Gezakt")
    _examen(a, D(2024, 7, 1), "KNM", "Geslaagd")
    _examen(a, D(2024, 7, 2), "SP", "Geen")  # no result: not counted
    _kosten(a, D(2022, 2, 1), 25_050, "tolk")
    _kosten(a, D(2022, 4, 1), 800_000, "leerroute")
    _duaal(a, D(2023, 1, 1), "werk")  # still running, but A is no longer in a leerroute
    _sluit(a, D(2024, 12, 1), "voldaan")
    # B: route start 2022-07-01; DUO's termijn ends 2025-06-01, voldaan on 2025-06-10.
    b = d["B"] = traject(gemeente_a, D(2022, 5, 2), pip=30, start_route=60)
    _termijn_duo(b, D(2022, 6, 2), D(2025, 6, 1))
    _meet(b, D(2023, 1, 5), 6, "uitkering")
    fout = _meet(b, D(2024, 7, 10), 24, "opleiding")
    _meet(b, D(2024, 7, 12), 24, "geen", corrigeert=fout)  # the correction counts
    _examen(b, D(2024, 4, 1), "LE", "Gezakt")
    _examen(b, D(2024, 4, 2), "SC", "Geslaagd")
    _kosten(b, D(2022, 8, 1), 600_000, "leerroute")
    _sluit(b, D(2025, 6, 10), "voldaan")
    # C: route start 2022-04-02; DUO's termijn ended 2025-03-03; still open.
    c = d["C"] = traject(gemeente_a, D(2022, 2, 1), pip=30, start_route=60)
    _termijn_duo(c, D(2022, 3, 4), D(2025, 3, 3))
    ingetrokken = _meet(c, D(2022, 10, 3), 6, "uitkering")
    registreer(c, S.INTREKKING, D(2022, 10, 4), corrigeert=ingetrokken)
    examen = _examen(c, D(2024, 9, 1), "LE", "Geslaagd")
    registreer(c, S.INTREKKING, D(2024, 9, 2), corrigeert=examen)
    _examen(c, D(2025, 7, 15), "SP", "Geslaagd")  # after the peildatum
    kosten = _kosten(c, D(2022, 5, 1), 10_000, "reiskosten")
    registreer(c, S.INTREKKING, D(2022, 5, 2), corrigeert=kosten)
    _duaal(c, D(2023, 5, 1), "vrijwilligerswerk", einde=D(2024, 2, 1))
    _duaal(c, D(2024, 1, 10), "werk")
    # D: onderwijsroute, route start 2023-04-30; termijn from the rules package: 2026-03-31.
    dd = d["D"] = traject(gemeente_a, D(2023, 3, 1), pip=30, start_route=60, route="onderwijs")
    _meet(dd, D(2023, 11, 1), 6, "werk", "uitkering")
    _meet(dd, D(2025, 7, 10), 24, "werk")  # after the peildatum
    _examen(dd, D(2024, 11, 1), "KNM", "Geslaagd")
    _kosten(dd, D(2023, 5, 1), 1_200_000, "leerroute")
    _kosten(dd, D(2023, 6, 1), 100_000, "kinderopvang")
    _kosten(dd, D(2025, 7, 20), 5_000, "reiskosten")  # after the peildatum
    _duaal(dd, D(2025, 1, 6), "stage", einde=PEIL)  # ended on the peildatum: not running
    _duaal(dd, D(2025, 7, 1), "opleiding")  # after the peildatum
    # E: no PIP yet. F: moved away before any PIP. G: voldaan without a PIP.
    d["E"] = traject(gemeente_a, D(2023, 4, 3))
    d["F"] = traject(gemeente_a, D(2023, 5, 1))
    _sluit(d["F"], D(2023, 9, 1), "verhuisd")
    d["G"] = traject(gemeente_a, D(2024, 1, 15))
    _sluit(d["G"], D(2024, 6, 1), "voldaan")
    # H (gezin): route start 2024-11-30; 6 months due 2025-05-30.
    h = d["H"] = traject(gemeente_a, D(2024, 10, 1), pip=30, start_route=60, doelgroep=GEZIN)
    _meet(h, D(2025, 5, 2), 6, "werk")
    _duaal(h, D(2025, 2, 1), "vrijwilligerswerk")
    _duaal(h, D(2025, 3, 1), "werk")
    # I: route start 2024-03-02, moved away 2025-01-15: before its 12-month moment.
    d["I"] = traject(gemeente_a, D(2024, 1, 2), pip=30, start_route=60)
    _sluit(d["I"], D(2025, 1, 15), "verhuisd")
    # J (gezin): route start 2025-01-14; 6 months due 2025-07-14, measured early.
    j = d["J"] = traject(gemeente_a, D(2024, 11, 15), pip=30, start_route=60, doelgroep=GEZIN)
    _meet(j, D(2025, 6, 20), 6, "opleiding")
    # L: PIP 2022-02-02, termijn (rules package) ends 2025-02-02, voldaan one day later.
    d["L"] = traject(gemeente_a, D(2022, 1, 3), pip=30)
    _sluit(d["L"], D(2025, 2, 3), "voldaan")
    # Another gemeente: never counted for gemeente A.
    k = traject(gemeente_b, D(2022, 1, 10), pip=30, start_route=60)
    _kosten(k, D(2022, 4, 1), 999_900, "leerroute")
    _meet(k, D(2022, 9, 15), 6, "werk")
    return d


def _tabel(sel, sleutel):
    return next(t for t in tabellen(sel) if t.sleutel == sleutel)


def _sel(gemeente, peil=PEIL, **kw):
    return ex.Selectie((gemeente.pk,), peil, **kw)


def test_plicht_voldaan_within_the_termijn_per_cohort(data, gemeente_a):
    rijen = {r[0]: r[1:] for r in _tabel(_sel(gemeente_a), "plicht_cohort").rijen}
    # Columns: dossiers, binnen, na, loopt, verstreken, geen termijn, anders, % binnen.
    # 2022: A within (closed on DUO's end date), B and L after, C open with ended termijn.
    assert rijen["2022"] == [4, 1, 2, 0, 1, 0, 0, 25.0]
    # 2023: D running, E no termijn yet, F moved away.
    assert rijen["2023"] == [3, 0, 0, 1, 0, 1, 1, None]
    # 2024: G voldaan before any termijn ran (within); H, I (moved), J.
    assert rijen["2024"] == [4, 1, 0, 2, 0, 0, 1, 100.0]
    # On 2025-05-01 B is still open with its termijn running; L was closed after its end.
    eerder = {r[0]: r[1:] for r in _tabel(_sel(gemeente_a, D(2025, 5, 1)), "plicht_cohort").rijen}
    assert eerder["2022"] == [4, 1, 1, 1, 1, 0, 0, 33.3]


def test_exam_results_per_component_and_route(data, gemeente_a):
    rijen = {r[0]: r[1:] for r in _tabel(_sel(gemeente_a), "examens_onderdeel").rijen}
    # Uitslagen, behaald, niet behaald, % behaald, dossiers with the component passed.
    assert rijen == {
        "Lezen": [2, 1, 1, 50.0, 1],  # A passed, B failed; C's was withdrawn
        "Schrijven": [1, 1, 0, 100.0, 1],
        "Kennis van de Nederlandse Maatschappij": [3, 2, 1, 66.7, 2],  # A twice, D
    }  # SP: A's "Geen" does not count, C's lies after the peildatum
    route = {(r[0], r[1]): r[2:] for r in _tabel(_sel(gemeente_a), "examens_route").rijen}
    assert route == {
        ("B1-route", "Lezen"): [2, 1, 1, 50.0],
        ("B1-route", "Schrijven"): [1, 1, 0, 100.0],
        ("B1-route", "Kennis van de Nederlandse Maatschappij"): [2, 1, 1, 50.0],
        ("Onderwijsroute", "Kennis van de Nederlandse Maatschappij"): [1, 1, 0, 100.0],
    }
    later = {
        r[0]: r[1:] for r in _tabel(_sel(gemeente_a, D(2025, 8, 1)), "examens_onderdeel").rijen
    }
    assert later["Spreken"] == [1, 1, 0, 100.0, 1]


def test_participation_at_the_follow_up_moments(data, gemeente_a):
    tabel = _tabel(_sel(gemeente_a), "participatie")
    rijen = {r[0]: r[1:] for r in tabel.rijen}
    # Verwacht, gemeten, % gemeten, then % werk, vrijwilligerswerk, opleiding, uitkering, geen,
    # onbekend of the measured.
    # 6 months: due A B C D H I, plus J measured early = 7; measured A B D H J (C withdrawn).
    assert rijen["6 maanden"] == [7, 5, 71.4, 40.0, 0.0, 20.0, 60.0, 0.0, 0.0]
    # 12 months: due A B C D (H, J not yet; I moved away before); measured A only.
    assert rijen["12 maanden"] == [4, 1, 25.0, 100.0, 0.0, 0.0, 100.0, 0.0, 0.0]
    # 24 months: due A B C D; A werk, B "geen" (the correction, not "opleiding"); D's is later.
    assert rijen["24 maanden"] == [4, 2, 50.0, 50.0, 0.0, 0.0, 0.0, 50.0, 0.0]
    assert "<svg" in tabel.extra["grafiek"]
    later = {r[0]: r[1:] for r in _tabel(_sel(gemeente_a, D(2025, 7, 31)), "participatie").rijen}
    assert later["24 maanden"][:5] == [4, 3, 75.0, 66.7, 0.0]
    groep = {(r[0], r[1]): r[2:] for r in _tabel(_sel(gemeente_a), "participatie_doelgroep").rijen}
    assert groep[("Asielstatushouder", "6 maanden")] == [
        5,
        3,
        60.0,
        33.3,
        0.0,
        0.0,
        100.0,
        0.0,
        0.0,
    ]
    gezin = "Gezinsmigrant en overige migrant"
    assert groep[(gezin, "6 maanden")] == [2, 2, 100.0, 50.0, 0.0, 50.0, 0.0, 0.0, 0.0]
    assert groep[(gezin, "12 maanden")] == [0, 0, None, None, None, None, None, None, None]
    # The doelgroep filter selects the same dossiers as the per-doelgroep rows.
    alleen = _tabel(_sel(gemeente_a, doelgroep=GEZIN), "participatie")
    assert alleen.rijen[0][1:4] == [2, 2, 100.0]


def test_costs_per_trajectory_and_per_post(data, gemeente_a):
    rijen = {r[0]: r[1:] for r in _tabel(_sel(gemeente_a), "kosten_route").rijen}
    # Dossiers, total, mean, median (whole euros, half up; median = nearest rank).
    # B1: A 8,250.50 and B 6,000.00 (C's cost was withdrawn): total 14,250.50, mean 7,125.25.
    assert rijen["B1-route"] == [2, 14_251, 7_125, 6_000]
    # Onderwijs: D 13,000 (the reiskosten lie after the peildatum).
    assert rijen["Onderwijsroute"] == [1, 13_000, 13_000, 13_000]
    # All: 27,250.50; mean 9,083.50; median of 6,000 / 8,250.50 / 13,000 is 8,250.50.
    assert rijen["Totaal"] == [3, 27_251, 9_084, 8_251]
    posten = {r[0]: r[1:] for r in _tabel(_sel(gemeente_a), "kosten_post").rijen}
    assert posten == {
        "Leerroute": [3, 26_000, 95.4],
        "Tolk": [1, 251, 0.9],
        "Kinderopvang": [1, 1_000, 3.7],
    }


def test_dual_activities_on_the_peildatum(data, gemeente_a):
    rijen = {r[0]: r[1:] for r in _tabel(_sel(gemeente_a), "duaal_route").rijen}
    # In a leerroute on the peildatum: C, H, J (B1) and D (onderwijs); A, B, I are closed.
    # Running: C werk (vrijwilligerswerk ended), H vrijwilligerswerk + werk; D's stage ended on
    # the peildatum, its opleiding starts later.
    # Columns: in leerroute, met duaal, %, werk, vrijwilligerswerk, stage, opleiding.
    assert rijen["B1-route"] == [3, 2, 66.7, 2, 1, 0, 0]
    assert rijen["Onderwijsroute"] == [1, 0, 0.0, 0, 0, 0, 0]
    assert rijen["Totaal"] == [4, 2, 50.0, 2, 1, 0, 0]
    groep = {r[0]: r[1:] for r in _tabel(_sel(gemeente_a), "duaal_doelgroep").rijen}
    assert groep["Asielstatushouder"] == [2, 1, 50.0, 1, 0, 0, 0]
    assert groep["Gezinsmigrant en overige migrant"] == [2, 1, 50.0, 1, 1, 0, 0]
    # The day before, D's stage was still running.
    eerder = {r[0]: r[1:] for r in _tabel(_sel(gemeente_a, D(2025, 6, 29)), "duaal_route").rijen}
    assert eerder["Totaal"] == [4, 3, 75.0, 2, 1, 1, 0]


def test_participation_targets_are_computed(data, gemeente_a):
    Doelstelling.objects.create(
        gemeente=gemeente_a, indicator=Indicator.PARTICIPEREND_3J, streefwaarde=80
    )
    Doelstelling.objects.create(
        gemeente=gemeente_a, indicator=Indicator.UITKERING_WERK_STUDIE_2J, streefwaarde=40
    )
    rijen = {r[1]: r[2:] for r in _tabel(_sel(gemeente_a), "doelen").rijen}
    # 3 years after the first PIP passed for A, B, C, L; measured: A (werk) and B (only
    # uitkering and "geen"): 1 of 2.
    assert rijen[str(Indicator.PARTICIPEREND_3J.label)] == [50.0, 2, 80, "niet gehaald"]
    # 2 years passed for A, B, C, D, L; first measurement with uitkering: A, B, D; werk or
    # opleiding within 2 years: A (12 months), D (6 months); B's 24-month one is too late.
    assert rijen[str(Indicator.UITKERING_WERK_STUDIE_2J.label)] == [66.7, 3, 40, "gehaald"]


def test_exports_of_the_new_tables(data, client, gemeente_a, teamleider_a):
    client.force_login(teamleider_a)
    csv = client.get("/monitoring/export/kosten_route.csv?peildatum=2025-06-30")
    assert csv.status_code == 200
    tekst = csv.content.decode("utf-8-sig")
    assert "B1-route;2;14251;7125;6000" in tekst
    csv = client.get("/monitoring/export/participatie.csv?peildatum=2025-06-30").content
    assert "6 maanden;7;5;71,4;40,0;0,0;20,0;60,0;0,0;0,0" in csv.decode("utf-8-sig")
    for sleutel in ("plicht_cohort", "examens_onderdeel", "duaal_route", "duaal_doelgroep"):
        antwoord = client.get(f"/monitoring/export/{sleutel}.xlsx?peildatum=2025-06-30")
        assert antwoord.status_code == 200
        blad = load_workbook(io.BytesIO(antwoord.content)).active
        rijen = list(blad.iter_rows(values_only=True))
        if sleutel == "duaal_route":
            assert ("Totaal", 4, 2, 50.0, 2, 1, 0, 0) in rijen
        assert len(rijen) > 2


def test_dashboard_shows_the_new_tables(data, client, gemeente_a, teamleider_a):
    client.force_login(teamleider_a)
    html = client.get("/monitoring/", {"peildatum": "2025-06-30"}).content.decode()
    for titel in (
        "Inburgeringsplicht voldaan binnen de termijn, per cohort",
        "Examenresultaten per onderdeel",
        "Participatie na 6, 12 en 24 maanden",
        "Kosten per traject",
        "Duale trajecten per leerroute",
    ):
        assert titel in html
    assert "nog niet gemeten" not in html


def test_outcomes_as_known_on_a_moment_and_per_consulent(gemeente_a, consulent_a):
    from django.utils import timezone

    from inburgering.monitoring.relatie import relatie

    eigen = traject(gemeente_a, D(2023, 1, 9), consulent=consulent_a, pip=30, start_route=60)
    ander = traject(gemeente_a, D(2023, 1, 9), pip=30, start_route=60)
    _kosten(eigen, D(2023, 5, 1), 10000, "tolk")
    _kosten(ander, D(2023, 5, 1), 5000, "tolk")
    bekend = timezone.now()
    _kosten(eigen, D(2023, 6, 1), 2500, "tolk")  # recorded after `bekend`, dated before PEIL

    def kosten(**extra):
        sel = ex.Selectie((gemeente_a.pk,), PEIL, **extra)
        with relatie(sel) as r:
            return dict(
                r.rijen.filter(kosten_cents__isnull=False).values_list("dossier_id", "kosten_cents")
            )

    assert kosten() == {eigen.pk: 12500, ander.pk: 5000}
    assert kosten(bekend_op=bekend) == {eigen.pk: 10000, ander.pk: 5000}
    assert kosten(consulent_id=consulent_a.pk) == {eigen.pk: 12500}
