"""With REDIS_URL: one cache for all processes, and sessions read from it (conf/base.py).

Runs against the machine's Redis (127.0.0.1:6379, database 15, or TEST_REDIS_URL) with a key
prefix of its own, and removes its keys afterwards."""

import os
import uuid

import pytest
import redis
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inburgering.conf.base import cache_instellingen
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_without_redis_each_process_keeps_its_own_cache_and_sessions_stay_in_the_database():
    caches, sessies = cache_instellingen("")
    assert caches["default"]["BACKEND"].endswith("LocMemCache")
    assert sessies == "django.contrib.sessions.backends.db"


@pytest.fixture
def gedeelde_cache():
    voorvoegsel = f"test-{uuid.uuid4().hex}"
    caches, sessies = cache_instellingen(REDIS_URL, voorvoegsel)
    assert caches["default"]["BACKEND"] == "inburgering.cache.Cache"
    with override_settings(CACHES=caches, SESSION_ENGINE=sessies):
        yield voorvoegsel
    server = redis.Redis.from_url(REDIS_URL)
    for sleutel in server.scan_iter(match=f"{voorvoegsel}:*"):
        server.delete(sleutel)


def _sessie_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return sum("django_session" in q["sql"] for q in ctx.captured_queries)


def test_sessions_are_read_from_the_shared_cache_and_a_logout_ends_them(
    gedeelde_cache, gemeente_a, consulent_a
):
    maak_dossier(gemeente_a, consulent=consulent_a)
    client = Client()
    client.force_login(consulent_a)
    url = reverse("dossiers:caseload")
    assert _sessie_queries(client, url) == 0  # from Redis, not the database
    server = redis.Redis.from_url(REDIS_URL)
    assert any(server.scan_iter(match=f"{gedeelde_cache}:*session*"))
    # A second process (another client with the same cookie) is logged out with the first.
    tweede = Client()
    tweede.cookies = client.cookies
    client.post(reverse("accounts:logout"))
    antwoord = tweede.get(url)
    assert antwoord.status_code == 302 and reverse("accounts:login") in antwoord.url


def test_caseload_panels_live_in_the_shared_cache(
    gedeelde_cache, client, gemeente_a, consulent_a, teamleider_a
):
    maak_dossier(gemeente_a, consulent=consulent_a)
    client.force_login(teamleider_a)
    client.get(reverse("dossiers:caseload"), {"scope": "team"})
    server = redis.Redis.from_url(REDIS_URL)
    assert any(server.scan_iter(match=f"{gedeelde_cache}:*caseload:paneel:*"))


def test_one_redis_client_per_pool_serves_every_cache_call(gedeelde_cache):
    from django.core.cache import cache

    cache.set("a", 1)
    cache.set("b", {"x": 2})
    client = cache._cache.get_client(write=True)
    assert (cache.get("a"), cache.get("b")) == (1, {"x": 2})
    assert cache._cache.get_client(write=True) is client  # not rebuilt per call
    assert cache._cache.get_client() is client  # one server: reads use the same pool


def test_incr_raises_a_counter_only_when_it_exists(gedeelde_cache):
    """One round trip (a script), the same contract as Django's: a missing key is ValueError
    and is not created; the API's throttle relies on both."""
    from django.core.cache import cache

    with pytest.raises(ValueError):
        cache.incr("teller")
    assert cache.get("teller") is None
    assert cache.add("teller", 1, 60)
    assert [cache.incr("teller"), cache.incr("teller", 5)] == [2, 7]
    assert cache.get("teller") == 7
    server = redis.Redis.from_url(REDIS_URL)
    assert 0 < server.ttl(f"{gedeelde_cache}:1:teller") <= 60  # the expiry is kept
