"""The fixed cost of an API read (docs/performance.md "Partner API"): the key, the organisation
and its API user in one query, the werkgebied in one, the page's ids and total from the kept
list (ADR 0040), the columns of those rows in one more, the access log in one INSERT; and what
must not change with it: a revoked key or an inactive organisation is refused at once, the API
user (not a colleague) is the actor, the pages and links are DRF's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Inzagelog
from inburgering.api.models import Sleutel
from inburgering.partners.models import Grond
from tests.api.conftest import Api
from tests.partners.factories import betrokken, maak_medewerker
from tests.traject import factories as traject

pytestmark = pytest.mark.django_db


@pytest.fixture
def drie_plaatsingen(wereld, gemeente_a, consulent_a):
    """Two more running placements with the school in gemeente A (three in all)."""
    vandaag = timezone.localdate()
    for _ in range(2):
        dossier = traject.klaar_voor_plaatsing(gemeente_a, consulent_a)
        plaatsing = traject.geplaatst(
            dossier, wereld["contract"], consulent_a, aangemeld_op=vandaag - dt.timedelta(30)
        )
        betrokken(wereld["school"], dossier, Grond.PLAATSING, bron=f"plaatsing:{plaatsing.pk}",
                  begin=vandaag - dt.timedelta(30))  # fmt: skip
    return wereld


def test_a_list_read_costs_four_queries_once_the_api_user_exists(school_api, wereld):
    url = reverse("api:plaatsingen")
    # Makes the API user, marks the key used, keeps the list of visible ids (ADR 0040).
    with CaptureQueriesContext(connection) as eerste:
        assert school_api.get(url).status_code == 200
    assert any("order by" in v["sql"].lower() and "in (" not in v["sql"] for v in eerste)
    with CaptureQueriesContext(connection) as vragen:
        antwoord = school_api.get(url)
    assert antwoord.status_code == 200
    assert antwoord.json()["count"] == 1
    sql = [v["sql"].lower() for v in vragen]
    # Key + organisation + API user; the werkgebied; the page's rows by id, under the access
    # condition again; the access log. No total and no list over all the school's placements.
    assert len(sql) == 4, sql
    assert "api_sleutel" in sql[0] and "partners_medewerker" in sql[0]
    assert "partners_organisatie_gemeenten" in sql[1]
    assert "dossiers_inburgeraar" in sql[2] and "partners_betrokkenheid" in sql[2]
    pk = wereld["plaatsing"].pk
    # The page's ids: one array parameter on PostgreSQL, a list on SQLite.
    assert f'"traject_plaatsing"."id" in ({pk})' in sql[2] or (
        f'"traject_plaatsing"."id" = any(\'{{{pk}}}\'' in sql[2]
    )
    assert not any("count(" in q for q in sql)
    assert sql[3].startswith("insert into")


def test_the_first_read_makes_the_api_user_and_later_reads_use_it(school_api, wereld):
    school = wereld["school"]
    # A human colleague at the same school: never the actor of an API call.
    maak_medewerker("j.devries", school)
    url = reverse("api:plaatsingen")
    for _ in range(2):
        assert school_api.get(url).status_code == 200
    gebruikers = set(Inzagelog.objects.filter(doel="api").values_list("gebruiker__username"))
    assert gebruikers == {(f"api-{school.pk}",)}
    assert school.medewerkers.filter(gebruiker__username__startswith="api-").count() == 1


def test_a_key_revoked_after_use_is_refused_at_once(school_api, wereld):
    url = reverse("api:plaatsingen")
    assert school_api.get(url).status_code == 200
    Sleutel.objects.get(organisatie=wereld["school"]).trek_in()
    antwoord = school_api.get(url)
    assert antwoord.status_code == 401
    assert antwoord.json()["code"] == "niet-geauthenticeerd"


def test_an_organisation_made_inactive_after_use_is_refused(school_api, wereld):
    url = reverse("api:plaatsingen")
    assert school_api.get(url).status_code == 200
    wereld["school"].actief = False
    wereld["school"].save()
    assert school_api.get(url).status_code == 401


def test_the_right_prefix_with_a_wrong_secret_is_refused(school_api, wereld):
    url = reverse("api:plaatsingen")
    assert school_api.get(url).status_code == 200  # the API user exists: the one-query path
    echt = wereld["sleutels"]["school"]
    nep = echt[:12] + ("A" if echt[12] != "A" else "B") + echt[13:]
    assert Api(nep).get(url).status_code == 401


def test_another_organisations_key_reads_as_that_organisation(wereld):
    url = reverse("api:dossiers")
    for naam in ("school", "coa", "school", "coa"):
        assert Api(wereld["sleutels"][naam]).get(url).status_code == 200
    rijen = set(Inzagelog.objects.filter(doel="api").values_list("gebruiker__username"))
    assert rijen == {(f"api-{wereld['school'].pk}",), (f"api-{wereld['coa'].pk}",)}


def test_pages_count_and_links_as_before(school_api, drie_plaatsingen):
    url = reverse("api:plaatsingen")
    eerste = school_api.get(url + "?pageSize=2").json()
    assert eerste["count"] == 3
    assert len(eerste["results"]) == 2
    assert eerste["previous"] is None
    assert eerste["next"] == "http://testserver/api/v1/plaatsingen?page=2&pageSize=2"
    tweede = school_api.get(eerste["next"]).json()
    assert tweede["count"] == 3
    assert len(tweede["results"]) == 1
    assert tweede["next"] is None
    assert tweede["previous"] == "http://testserver/api/v1/plaatsingen?pageSize=2"
    ids = [p["id"] for p in eerste["results"] + tweede["results"]]
    assert ids == sorted(ids) and len(set(ids)) == 3
    derde = school_api.get(url + "?pageSize=2&page=3")
    assert derde.status_code == 404
    assert derde.json()["code"] == "niet-gevonden"
    # Every person on a page is in the access log, once per page read.
    assert Inzagelog.objects.filter(doel="api").count() == 3


def test_an_empty_first_page_is_a_list_not_404(school_api, drie_plaatsingen):
    antwoord = school_api.get(reverse("api:plaatsingen") + "?status=afgerond")
    assert antwoord.status_code == 200
    assert antwoord.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert school_api.get(reverse("api:plaatsingen") + "?status=afgerond&page=2").status_code == (
        404
    )
    assert not Inzagelog.objects.exists()


def test_the_filter_counts_only_what_it_lists(school_api, drie_plaatsingen):
    data = school_api.get(reverse("api:plaatsingen") + "?status=aangemeld").json()
    assert data["count"] == 2
    assert {p["status"] for p in data["results"]} == {"aangemeld"}


def test_the_limit_counts_per_organisation_and_starts_again_after_the_period(wereld, settings):
    settings.API_LIMIET = "2/hour"
    url = reverse("api:dossiers")
    school, coa = Api(wereld["sleutels"]["school"]), Api(wereld["sleutels"]["coa"])
    assert [school.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert coa.get(url).status_code == 200  # another organisation has its own count
    geweigerd = school.get(url)
    assert geweigerd.status_code == 429
    assert geweigerd["Retry-After"] == "3600"
    # The counter expires one period after the first request that made it.
    cache.delete(f"api-limiet:org-{wereld['school'].pk}")
    assert school.get(url).status_code == 200
