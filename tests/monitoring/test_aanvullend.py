"""The figures added in issue 23, item 3 (dropout, housed per year, exams per start cohort,
known participation, cost per post) and the taakstelling form, on hand-built histories; each
expected number is worked out by hand in the comments."""

import datetime as dt

import pytest
from django.utils import timezone

from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Afsluitreden, Soort
from inburgering.monitoring import aanvullend
from inburgering.monitoring import extractie as ex
from inburgering.monitoring.definities import Populatie
from inburgering.monitoring.models import Taakstelling
from inburgering.monitoring.relatie import relatie
from inburgering.traject import services as traject_services
from inburgering.traject.models import PlaatsingStatus
from tests.traject.factories import geplaatst, klaar_voor_plaatsing, maak_aanbieder, maak_contract

from .helpers import traject

pytestmark = pytest.mark.django_db
PEIL = dt.date(2025, 6, 30)
S = Soort
D = dt.date


def _bereken(sel, functie):
    with relatie(sel) as r:
        return functie(r)


@pytest.fixture
def geschiedenis(gemeente_a):
    d = {}
    # Started B1 in 2024 at "Taalhuis", dropped out in 2025.
    d["uitval"] = traject(gemeente_a, D(2024, 1, 1), pip=30, start_route=60)
    registreer(
        d["uitval"], S.AANGEMELD_LEERROUTE, D(2024, 2, 1), gegevens={"cursusinstelling": "Taalhuis"}
    )
    registreer(d["uitval"], S.DOSSIER_AFGESLOTEN, D(2025, 2, 1), gegevens={"reden": "uitval"})
    # Started B1 in 2024 at "Taalhuis", still going: LE failed then passed, KNM failed.
    d["bezig"] = traject(gemeente_a, D(2024, 1, 1), pip=30, start_route=60)
    registreer(
        d["bezig"], S.AANGEMELD_LEERROUTE, D(2024, 2, 1), gegevens={"cursusinstelling": "Taalhuis"}
    )
    for datum, deel, uitslag in [
        (D(2024, 11, 1), "LE", "Gezakt"),
        (D(2025, 1, 10), "LE", "Geslaagd"),
        (D(2025, 1, 10), "KNM", "Gezakt"),
    ]:
        registreer(
            d["bezig"], S.EXAMENRESULTAAT, datum, gegevens={"onderdeel": deel, "resultaat": uitslag}
        )
    registreer(
        d["bezig"],
        S.PARTICIPATIE_GEMETEN,
        D(2024, 9, 1),
        gegevens={"moment": "6", "status": ["werk", "uitkering"]},
    )
    registreer(
        d["bezig"],
        S.KOSTEN_GEREGISTREERD,
        D(2024, 3, 1),
        gegevens={"bedrag_cents": 500000, "post": "leerroute"},
    )
    registreer(
        d["bezig"],
        S.KOSTEN_GEREGISTREERD,
        D(2024, 3, 1),
        gegevens={"bedrag_cents": 30000, "post": "tolk"},
    )
    # Started in 2025 (Z-route), measured "onbekend" only: status not known.
    d["z"] = traject(gemeente_a, D(2024, 6, 1), pip=30, route="z", start_route=220)
    registreer(
        d["z"],
        S.PARTICIPATIE_GEMETEN,
        D(2025, 6, 1),
        gegevens={"moment": "6", "status": ["onbekend"]},
    )
    registreer(
        d["z"],
        S.EXAMENRESULTAAT,
        D(2025, 6, 1),
        gegevens={"onderdeel": "LE", "resultaat": "Geslaagd"},
    )
    registreer(d["z"], S.HUISVESTING, D(2024, 7, 1))
    registreer(d["uitval"], S.HUISVESTING, D(2025, 1, 2))
    return d


def test_dropout_per_route_and_instelling(gemeente_a, geschiedenis):
    sel = ex.Selectie((gemeente_a.pk,), PEIL, populatie=Populatie.PLICHTIG)
    # Two B1 starters at Taalhuis, one dropped out; the Z-route starter has no instelling.
    assert _bereken(sel, aanvullend.uitval_route) == {("b1", "Taalhuis"): (2, 1), ("z", ""): (1, 0)}
    # Before the dropout date it does not count yet.
    eerder = ex.Selectie((gemeente_a.pk,), D(2025, 1, 31), populatie=Populatie.PLICHTIG)
    assert _bereken(eerder, aanvullend.uitval_route)[("b1", "Taalhuis")] == (2, 0)
    assert Afsluitreden.UITVAL == "uitval"


def test_exams_per_start_cohort_per_result_and_candidate(gemeente_a, geschiedenis):
    sel = ex.Selectie((gemeente_a.pk,), PEIL)
    per = _bereken(sel, aanvullend.examens_cohort)
    # Start cohort 2024 ("bezig", start 01-03-2024): LE two results, one passed, one candidate
    # who passed; KNM one result failed. Cohort 2025 ("z", start 07-01-2025): LE passed.
    assert {
        k: (e.uitslagen, e.behaald, e.kandidaten, e.kandidaten_behaald) for k, e in per.items()
    } == {
        (2024, "LE"): (2, 1, 1, 1),
        (2024, "KNM"): (1, 0, 1, 0),
        (2025, "LE"): (1, 1, 1, 1),
    }


def test_known_participation_housed_per_year_and_cost_per_post(gemeente_a, geschiedenis):
    sel = ex.Selectie((gemeente_a.pk,), PEIL)
    # Three started a route; only "bezig" has a known situation ("z" measured "onbekend").
    assert _bereken(sel, aanvullend.participatie_bekend) == {"asielstatushouder": (3, 1)}
    assert _bereken(sel, aanvullend.gehuisvest_per_jaar) == {
        2024: {"asielstatushouder": 1},
        2025: {"asielstatushouder": 1},
    }
    kosten = _bereken(sel, aanvullend.kosten_per_traject)
    assert kosten["b1"][0] == 1
    assert kosten["b1"][1]["leerroute"] == 500000 and kosten["b1"][1]["tolk"] == 30000


def test_dropout_of_placements_per_product_and_provider(gemeente_a, consulent_a):
    vandaag = timezone.localdate()
    contract = maak_contract(gemeente_a, maak_aanbieder("Taalschool Noord"), soort="b1")
    gestopt = klaar_voor_plaatsing(gemeente_a, consulent_a)
    plaatsing = geplaatst(
        gestopt,
        contract,
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(days=100),
        gestart_op=vandaag - dt.timedelta(days=90),
    )
    traject_services.wijzig_status(
        plaatsing,
        PlaatsingStatus.UITGEVALLEN,
        datum=vandaag - dt.timedelta(days=10),
        reden="verhuisd",
        actor=consulent_a,
    )
    blijft = klaar_voor_plaatsing(gemeente_a, consulent_a)
    geplaatst(
        blijft,
        contract,
        consulent_a,
        aangemeld_op=vandaag - dt.timedelta(days=100),
        gestart_op=vandaag - dt.timedelta(days=90),
    )
    assert aanvullend.UITGEVALLEN == PlaatsingStatus.UITGEVALLEN
    sel = ex.Selectie((gemeente_a.pk,), vandaag)
    assert _bereken(sel, aanvullend.uitval_plaatsingen) == {("b1", "Taalschool Noord"): (2, 1)}
    # Twenty days ago the dropout had not happened yet.
    eerder = ex.Selectie((gemeente_a.pk,), vandaag - dt.timedelta(days=20))
    assert _bereken(eerder, aanvullend.uitval_plaatsingen) == {("b1", "Taalschool Noord"): (2, 0)}


def test_taakstelling_form_adds_and_replaces_a_half_year(
    client, teamleider_a, gemeente_a, gemeente_b
):
    client.force_login(teamleider_a)
    url = "/monitoring/taakstelling/"
    assert client.get(url).status_code == 200
    data = {"gemeente": gemeente_a.pk, "jaar": 2025, "halfjaar": 1, "aantal": 120}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data | {"aantal": 110}).status_code == 302
    assert list(Taakstelling.objects.values_list("jaar", "halfjaar", "aantal")) == [(2025, 1, 110)]
    # Another gemeente (outside the teamleider's scope) is not a choice.
    antwoord = client.post(url, data | {"gemeente": gemeente_b.pk})
    assert antwoord.status_code == 400
    assert Taakstelling.objects.count() == 1
    assert client.post(url, data | {"aantal": -1}).status_code == 400
