"""The API's lists read a kept list of ids (ADR 0040): per organisation, werkgebied and day,
renewed after a fact or an involvement in one of its gemeenten (the caseload panels' versions,
`dossiers.panelen`), else after a minute. A page is a slice of that list, and its rows are read
again under the full access condition, so a stale list can leave a row out (its count lags) but
never shows one the organisation may no longer see.

"Another process" below: a change whose after-commit renewal has not reached this cache (with a
cache per process, the other workers see it after at most a minute). The tests hold the
after-commit callbacks back to get there, and run them to show what the renewal does."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from inburgering.accounts.models import Inzagelog, Rol
from inburgering.partners import services as partner_services
from inburgering.partners.models import Betrokkenheid
from inburgering.traject import services as traject_services
from inburgering.verhuizing import services as verhuizing_services
from tests.api.conftest import Api
from tests.conftest import maak_gebruiker
from tests.traject import factories as traject

pytestmark = pytest.mark.django_db

PLAATSINGEN = reverse("api:plaatsingen")


@pytest.fixture
def vier(wereld, gemeente_a, consulent_a):
    """Three more running placements with the school in gemeente A (four in all, in order of
    id); the placement hook involves the school in each."""
    vandaag = timezone.localdate()
    plaatsingen = [wereld["plaatsing"]]
    for _ in range(3):
        dossier = traject.klaar_voor_plaatsing(gemeente_a, consulent_a)
        plaatsingen.append(
            traject.geplaatst(
                dossier, wereld["contract"], consulent_a, aangemeld_op=vandaag - dt.timedelta(30)
            )
        )
    return plaatsingen


def ids_van(antwoord) -> list[int]:
    return [p["id"] for p in antwoord.json()["results"]]


def gisteren() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=1)


def beeindig_plaatsing(plaatsing, consulent):
    """Cancelled yesterday: the involvement ended yesterday (inclusive), so none today."""
    return traject_services.wijzig_status(
        plaatsing, "geannuleerd", datum=gisteren(), reden="Verhuisd", actor=consulent
    )


def test_an_ended_involvement_leaves_the_page_at_once_while_the_list_is_stale(
    school_api, vier, consulent_a, django_capture_on_commit_callbacks
):
    eerste = school_api.get(PLAATSINGEN + "?pageSize=2")
    assert eerste.json()["count"] == 4
    assert ids_van(eerste) == [vier[0].pk, vier[1].pk]
    # Another process cancels the second placement: its involvement has ended.
    with django_capture_on_commit_callbacks() as vernieuwen:
        beeindig_plaatsing(vier[1], consulent_a)
    assert vernieuwen, "ending the placement renews the gemeente's kept lists after the commit"
    assert Betrokkenheid.objects.get(bron=f"plaatsing:{vier[1].pk}").einde == gisteren()
    gelogd = Inzagelog.objects.filter(dossier=vier[1].dossier).count()

    stale = school_api.get(PLAATSINGEN + "?pageSize=2")
    data = stale.json()
    # The kept list still names it, the rows' own query does not: left out, not shown.
    assert ids_van(stale) == [vier[0].pk]
    assert vier[1].dossier.uuid.hex not in stale.content.decode().replace("-", "")
    # The count and the links are the kept list's (they lag for at most the renewal window).
    assert data["count"] == 4
    assert data["next"] == "http://testserver/api/v1/plaatsingen?page=2&pageSize=2"
    assert data["previous"] is None
    tweede = school_api.get(data["next"]).json()
    assert [p["id"] for p in tweede["results"]] == [vier[2].pk, vier[3].pk]
    assert tweede["previous"] == "http://testserver/api/v1/plaatsingen?pageSize=2"
    assert tweede["next"] is None
    # The detail read asks the condition itself: 404 at once.
    assert school_api.get(reverse("api:plaatsing", kwargs={"pk": vier[1].pk})).status_code == 404
    # Nothing of the ended placement's person in the access log.
    assert Inzagelog.objects.filter(dossier=vier[1].dossier).count() == gelogd

    for callback in vernieuwen:  # the renewal reaches this process
        callback()
    vers = school_api.get(PLAATSINGEN + "?pageSize=2").json()
    assert vers["count"] == 3
    assert [p["id"] for p in vers["results"]] == [vier[0].pk, vier[2].pk]
    laatste = school_api.get(vers["next"]).json()
    assert [p["id"] for p in laatste["results"]] == [vier[3].pk]
    assert laatste["next"] is None


def test_the_list_is_kept_until_a_fact_in_one_of_its_gemeenten(
    school_api, vier, wereld, gemeente_a, consulent_a, django_capture_on_commit_callbacks
):
    assert school_api.get(PLAATSINGEN).json()["count"] == 4
    # A new placement in another process: the kept list does not know it yet.
    with django_capture_on_commit_callbacks() as vernieuwen:
        nieuw = traject.geplaatst(
            traject.klaar_voor_plaatsing(gemeente_a, consulent_a), wereld["contract"], consulent_a
        )
    assert school_api.get(PLAATSINGEN).json()["count"] == 4
    for callback in vernieuwen:
        callback()
    data = school_api.get(PLAATSINGEN).json()
    assert data["count"] == 5
    assert data["results"][-1]["id"] == nieuw.pk


def test_starting_and_ending_a_placement_show_at_once_in_the_same_process(
    school_api, vier, wereld, gemeente_a, consulent_a, django_capture_on_commit_callbacks
):
    assert school_api.get(PLAATSINGEN).json()["count"] == 4
    with django_capture_on_commit_callbacks(execute=True):
        nieuw = traject.geplaatst(
            traject.klaar_voor_plaatsing(gemeente_a, consulent_a), wereld["contract"], consulent_a
        )
    assert nieuw.pk in ids_van(school_api.get(PLAATSINGEN))
    with django_capture_on_commit_callbacks(execute=True):
        beeindig_plaatsing(vier[2], consulent_a)
    data = school_api.get(PLAATSINGEN).json()
    assert data["count"] == 4
    assert vier[2].pk not in [p["id"] for p in data["results"]]


def test_the_status_filter_is_applied_again_to_the_page(
    school_api, vier, consulent_a, django_capture_on_commit_callbacks
):
    aangemeld = school_api.get(PLAATSINGEN + "?status=aangemeld").json()
    assert aangemeld["count"] == 3
    with django_capture_on_commit_callbacks():  # another process starts one
        traject_services.wijzig_status(
            vier[3], "gestart", datum=timezone.localdate(), actor=consulent_a
        )
    stale = school_api.get(PLAATSINGEN + "?status=aangemeld").json()
    assert [p["id"] for p in stale["results"]] == [vier[1].pk, vier[2].pk]
    assert {p["status"] for p in stale["results"]} == {"aangemeld"}


def test_a_gemeente_taken_out_of_the_werkgebied_hides_its_placements_at_once(
    school_api, vier, wereld, gemeente_a, gemeente_b
):
    beheerder = maak_gebruiker("beheer_ab", Rol.BEHEERDER, gemeente_a, gemeente_b)
    school = wereld["school"]
    partner_services.bewaar_organisatie(beheerder, school, [gemeente_a, gemeente_b])
    assert school_api.get(PLAATSINGEN).json()["count"] == 4
    # The beheerder unlinks gemeente A (no fact on any dossier): the werkgebied is part of
    # the kept list's key, read on every request.
    partner_services.bewaar_organisatie(beheerder, school, [gemeente_b])
    data = school_api.get(PLAATSINGEN).json()
    assert data == {"count": 0, "next": None, "previous": None, "results": []}
    assert school_api.get(reverse("api:plaatsing", kwargs={"pk": vier[0].pk})).status_code == 404


def test_an_involvement_ended_by_hand_leaves_the_dossier_list(
    wereld, gemeente_a, consulent_a, django_capture_on_commit_callbacks
):
    """MB involvement made and ended by the gemeente (no fact of its own): the involvement
    itself renews the gemeente's kept lists."""
    mb_api = Api(wereld["sleutels"]["mb"])
    url = reverse("api:dossiers")
    tweede = traject.klaar_voor_plaatsing(gemeente_a, consulent_a)
    assert mb_api.get(url).json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True) as vernieuwen:
        betrokkenheid = partner_services.betrek(
            wereld["mb"], tweede, begin=timezone.localdate() - dt.timedelta(10), actor=consulent_a
        )
    assert vernieuwen
    data = mb_api.get(url).json()
    assert data["count"] == 2
    assert [d["id"] for d in data["results"]] == [str(wereld["dossier"].uuid), str(tweede.uuid)]
    # Ended in another process: gone from the page before the count follows.
    with django_capture_on_commit_callbacks() as vernieuwen:
        partner_services.beeindig(betrokkenheid, einde=gisteren())
    assert vernieuwen
    stale = mb_api.get(url).json()
    assert stale["count"] == 2
    assert [d["id"] for d in stale["results"]] == [str(wereld["dossier"].uuid)]
    for callback in vernieuwen:
        callback()
    assert mb_api.get(url).json()["count"] == 1


def test_a_move_out_of_the_gemeente_renews_its_kept_lists(
    school_api, vier, wereld, gemeente_a, gemeente_b, consulent_a,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    assert school_api.get(PLAATSINGEN).json()["count"] == 4
    with django_capture_on_commit_callbacks():  # unseen: another process's new placement
        traject.geplaatst(
            traject.klaar_voor_plaatsing(gemeente_a, consulent_a), wereld["contract"], consulent_a
        )
    assert school_api.get(PLAATSINGEN).json()["count"] == 4
    # The move is a fact on the dossier (dossier_afgesloten): the gemeente's lists are renewed.
    with django_capture_on_commit_callbacks(execute=True) as vernieuwen:
        verhuizing_services.start_overdracht(
            vier[3].dossier,
            naar_gemeente=gemeente_b,
            inschrijving=timezone.localdate(),
            actor=consulent_a,
        )
    assert vernieuwen
    assert school_api.get(PLAATSINGEN).json()["count"] == 5


@pytest.fixture
def gedeelde_cache():
    """The shared cache of a production installation (Redis, as tests/accounts does)."""
    import os
    import uuid

    import redis
    from django.test import override_settings

    from inburgering.conf.base import cache_instellingen

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    voorvoegsel = f"test-{uuid.uuid4().hex}"
    caches, _sessies = cache_instellingen(url, voorvoegsel)
    with override_settings(CACHES=caches):
        yield
    server = redis.Redis.from_url(url)
    for sleutel in server.scan_iter(match=f"{voorvoegsel}:*"):
        server.delete(sleutel)


def test_the_kept_list_through_the_shared_cache(
    gedeelde_cache, school_api, vier, consulent_a, django_capture_on_commit_callbacks
):
    from inburgering.dossiers import panelen

    eerste = school_api.get(PLAATSINGEN + "?pageSize=3").json()
    assert eerste["count"] == 4
    assert [p["id"] for p in eerste["results"]] == [p.pk for p in vier[:3]]
    # Another process's memory: what this one read is not held on to.
    panelen.vergeet_in_proces()
    tweede = school_api.get(PLAATSINGEN + "?pageSize=3&page=2").json()
    assert [p["id"] for p in tweede["results"]] == [vier[3].pk]
    with django_capture_on_commit_callbacks(execute=True):
        beeindig_plaatsing(vier[1], consulent_a)
    data = school_api.get(PLAATSINGEN + "?pageSize=3").json()
    assert data["count"] == 3
    assert [p["id"] for p in data["results"]] == [vier[0].pk, vier[2].pk, vier[3].pk]
