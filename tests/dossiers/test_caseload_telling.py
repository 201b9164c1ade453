"""The caseload's page and its total come from one statement (`caseload.Paginering`), with
Django's page numbering: the same pages, totals and fallbacks as `Paginator.get_page`."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inburgering.dossiers import caseload as cl
from inburgering.dossiers import views
from inburgering.dossiers.services import registreer
from inburgering.dossiers.workflow import Soort
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db


def _lijst(user, filters: cl.Filters, per_pagina: int = 2) -> cl.Paginering:
    gefilterd = cl.gefilterd(user, filters)
    return cl.Paginering(cl.rijen(gefilterd, filters), per_pagina, telling=gefilterd)


def _pagina(paginator, nummer):
    with CaptureQueriesContext(connection) as ctx:
        pagina = paginator.get_page(nummer)
        pks = [d["pk"] for d in pagina.object_list]
        gezien = (pagina.number, pks, paginator.count, paginator.num_pages, pagina.has_next())
    return gezien, len(ctx)


@pytest.fixture
def vijf(gemeente_a, consulent_a, collega_a):
    """Five open dossiers of consulent_a, one closed, one of a colleague."""
    eigen = [maak_dossier(gemeente_a, consulent=consulent_a) for _ in range(5)]
    gesloten = maak_dossier(gemeente_a, consulent=consulent_a)
    registreer(
        gesloten, Soort.DOSSIER_AFGESLOTEN, timezone.localdate(), gegevens={"reden": "vertrokken"}
    )
    maak_dossier(gemeente_a, consulent=collega_a)
    return eigen


def test_the_total_is_the_count_of_the_filtered_dossiers_in_one_statement(
    vijf, consulent_a, teamleider_a
):
    for user, filters in (
        (consulent_a, cl.Filters(scope="mijn")),
        (teamleider_a, cl.Filters(scope="gemeente")),
        (teamleider_a, cl.Filters(scope="gemeente", open_alleen=False)),
    ):
        (nummer, pks, totaal, _, _), statements = _pagina(_lijst(user, filters), 1)
        assert totaal == cl.gefilterd(user, filters).count()
        assert (nummer, len(pks), statements) == (1, 2, 1)
    assert totaal == 7  # the closed dossier and the colleague's too


def test_the_last_partial_page(vijf, consulent_a):
    (nummer, pks, totaal, paginas, verder), statements = _pagina(
        _lijst(consulent_a, cl.Filters(scope="mijn")), "3"
    )
    assert (nummer, len(pks), totaal, paginas, verder, statements) == (3, 1, 5, 3, False, 1)


def test_a_page_beyond_the_last_shows_the_last_page_and_counts_apart(vijf, consulent_a):
    (nummer, pks, totaal, paginas, _), statements = _pagina(
        _lijst(consulent_a, cl.Filters(scope="mijn")), 9
    )
    # The empty page carries no total: a COUNT, then the last page.
    assert (nummer, len(pks), totaal, paginas, statements) == (3, 1, 5, 3, 3)


def test_an_empty_list_is_one_empty_first_page(gemeente_a, consulent_a):
    # Beyond the last: the page without rows, then the COUNT (0); page 1 of nothing needs no read.
    for nummer_gevraagd, statements_verwacht in ((1, 1), (4, 2)):
        (nummer, pks, totaal, paginas, verder), statements = _pagina(
            _lijst(consulent_a, cl.Filters(scope="mijn")), nummer_gevraagd
        )
        assert (nummer, pks, totaal, paginas, verder) == (1, [], 0, 1, False)
        assert statements == statements_verwacht


@pytest.mark.parametrize("nummer", [None, "", "1", "2", "3", "4", "0", "-1", "x", "2.0", " 2"])
def test_pages_as_djangos_paginator_numbers_them(vijf, consulent_a, nummer):
    filters = cl.Filters(scope="mijn")
    django_pagina = Paginator(cl.caseload(consulent_a, filters), 2).get_page(nummer)
    verwacht = (
        django_pagina.number,
        [d["pk"] for d in django_pagina.object_list],
        django_pagina.paginator.count,
        django_pagina.paginator.num_pages,
        django_pagina.has_next(),
    )
    assert _pagina(_lijst(consulent_a, filters), nummer)[0] == verwacht


def test_the_page_shows_the_same_total_and_numbering(client, vijf, consulent_a, monkeypatch):
    monkeypatch.setattr(views, "PAGINA_GROOTTE", 2)
    client.force_login(consulent_a)
    for gevraagd, getoond in (("2", 2), ("9", 3)):
        antwoord = client.get(reverse("dossiers:caseload"), {"scope": "mijn", "pagina": gevraagd})
        html = antwoord.content.decode()
        assert "5 dossiers" in html
        assert f"Pagina {getoond} van 3" in html
        assert len(antwoord.context["rijen"]) == (2 if getoond == 2 else 1)
