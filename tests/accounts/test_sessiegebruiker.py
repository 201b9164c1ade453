"""The session's user kept in the shared cache (accounts/sessiegebruiker.py): fewer queries per
page, and every change of the user, its gemeenten or its gemeente seen at the next request.

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

from inburgering.accounts import sessiegebruiker
from inburgering.accounts.models import GemeenteConfiguratie, Rol
from inburgering.conf.base import cache_instellingen
from tests.conftest import maak_dossier

pytestmark = pytest.mark.django_db
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def gedeeld():
    voorvoegsel = f"test-{uuid.uuid4().hex}"
    caches, sessies = cache_instellingen(REDIS_URL, voorvoegsel)
    with override_settings(CACHES=caches, SESSION_ENGINE=sessies, GEBRUIKER_IN_CACHE=True):
        yield voorvoegsel
    server = redis.Redis.from_url(REDIS_URL)
    for sleutel in server.scan_iter(match=f"{voorvoegsel}:*"):
        server.delete(sleutel)


@pytest.fixture
def ingelogd(gedeeld, consulent_a, dossier_a):
    client = Client()
    client.force_login(consulent_a)
    # The login itself changed the user (last_login): its entry is marked for a moment.
    from django.core.cache import cache

    cache.delete(sessiegebruiker._sleutel(consulent_a.pk))
    return client


def _queries(client, url, status=200) -> int:
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(url)
    assert antwoord.status_code == status, antwoord.status_code
    return len(ctx.captured_queries)


def test_a_warm_page_reads_neither_the_user_nor_its_gemeenten(ingelogd, dossier_a):
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    _queries(ingelogd, url)  # fills the cache
    met_cache = _queries(ingelogd, url)
    with override_settings(GEBRUIKER_IN_CACHE=False):
        zonder = _queries(ingelogd, url)
    assert zonder - met_cache == 2  # the user row and the user's gemeenten


def test_a_deactivated_user_is_refused_at_the_next_request(ingelogd, consulent_a, dossier_a):
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    _queries(ingelogd, url)
    _queries(ingelogd, url)
    consulent_a.refresh_from_db()
    consulent_a.is_active = False
    consulent_a.save(update_fields=["is_active"])
    antwoord = ingelogd.get(url)
    assert antwoord.status_code == 302 and reverse("accounts:login") in antwoord.url


def test_a_deactivated_user_is_refused_even_when_its_entry_was_put_back(
    ingelogd, consulent_a, dossier_a
):
    """A request that read the row before the change must not keep the old user: it can only
    add an entry where none is, and the change left a mark."""
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    consulent_a.is_active = False
    consulent_a.save(update_fields=["is_active"])
    from django.core.cache import cache

    assert cache.get(sessiegebruiker._sleutel(consulent_a.pk)) == sessiegebruiker.VERGETEN
    assert ingelogd.get(url).status_code == 302


def test_a_changed_role_counts_at_the_next_request(ingelogd, consulent_a, dossier_a):
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    _queries(ingelogd, url)
    _queries(ingelogd, url)
    consulent_a.refresh_from_db()
    consulent_a.rol = Rol.PRIVACY
    consulent_a.save(update_fields=["rol"])
    assert ingelogd.get(url).status_code in (403, 404)


@pytest.mark.parametrize("kant", ["gebruiker", "gemeente"])
def test_a_gemeente_taken_away_counts_at_the_next_request(
    ingelogd, consulent_a, dossier_a, gemeente_a, gemeente_b, kant
):
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    _queries(ingelogd, url)
    _queries(ingelogd, url)
    if kant == "gebruiker":
        consulent_a.gemeenten.set([gemeente_b])
    else:
        gemeente_b.gebruikers.add(consulent_a)
        gemeente_a.gebruikers.remove(consulent_a)
    assert ingelogd.get(url).status_code == 404


def test_a_changed_gemeente_configuration_counts_at_the_next_request(
    ingelogd, consulent_a, collega_a, gemeente_a
):
    """The kept werkgebied holds the gemeente's caseload setting: a consulent restricted to
    their own caseload does not see a colleague's dossier, and sees it once that is lifted."""
    van_collega = maak_dossier(gemeente_a, consulent=collega_a, actor=collega_a)
    url = reverse("dossiers:dossier", args=[van_collega.uuid])
    configuratie = GemeenteConfiguratie.objects.get(gemeente=gemeente_a)
    configuratie.consulent_alleen_eigen_caseload = True
    configuratie.save()
    ingelogd.get(url)
    assert ingelogd.get(url).status_code == 404
    configuratie.consulent_alleen_eigen_caseload = False
    configuratie.save()
    assert ingelogd.get(url).status_code == 200


def test_a_changed_password_ends_the_other_sessions(ingelogd, consulent_a, dossier_a):
    url = reverse("dossiers:dossier", args=[dossier_a.uuid])
    _queries(ingelogd, url)
    _queries(ingelogd, url)
    consulent_a.refresh_from_db()
    consulent_a.set_password("Een-heel-ander-wachtwoord-2026")
    consulent_a.save()
    assert ingelogd.get(url).status_code == 302


def test_without_a_shared_cache_nothing_is_kept(client, consulent_a, dossier_a):
    from django.core.cache import cache

    client.force_login(consulent_a)
    assert client.get(reverse("dossiers:dossier", args=[dossier_a.uuid])).status_code == 200
    assert cache.get(sessiegebruiker._sleutel(consulent_a.pk)) is None
