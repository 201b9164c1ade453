"""The session's user kept in the shared cache, with the gemeenten it works for.

Every request of a logged-in user read the user row and then the user's gemeenten
(`toegang.werkgebied`): two queries before the page did anything of its own. With a shared cache
(Redis: `settings.GEBRUIKER_IN_CACHE`, on when the sessions live there too) the user object,
its werkgebied included, is read from the cache in one round trip instead and kept
`BEWAARTIJD` seconds.

What is kept must never let a change wait:

* a change of the user (role, active, password, team, last login), of its gemeenten, or of a
  gemeente it works for (name, configuration) removes the entry at once and again after the
  commit (`vergeet`; receivers in signals.py), so the next request reads the database;
* the session's hash is checked against the kept user on every request as Django does, and
  an inactive user is never taken from the cache: on any doubt Django's own `get_user` decides
  (and flushes the session where it must).

Without a shared cache (a cache per process) nothing is kept: another process would not hear
of a deactivation.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from .models import Gebruiker
from .toegang import werkgebied

#: Seconds an entry is kept; every change that matters removes it earlier (signals.py).
BEWAARTIJD = 300
#: After a change the entry is not removed but marked for a few seconds, and a request only
#: adds an entry where none is (`cache.add`): a request that read the row just before the
#: change's commit cannot put the old user back.
VERGETEN = "vergeten"
VERGEETTIJD = 2


def _sleutel(user_id: object) -> str:
    return f"sessiegebruiker:{user_id}"


def vergeet(user_ids: Iterable[object]) -> None:
    """Remove the kept users now and after the surrounding transaction's commit (a request
    that read the old row in between must not keep it)."""
    if not getattr(settings, "GEBRUIKER_IN_CACHE", False):
        return
    merktekens = {_sleutel(pk): VERGETEN for pk in user_ids}
    if not merktekens:
        return
    cache.set_many(merktekens, VERGEETTIJD)
    transaction.on_commit(lambda: cache.set_many(merktekens, VERGEETTIJD))


def gebruiker(request) -> object:
    """The request's user: from the cache when kept and still valid for this session,
    otherwise through Django's `get_user` (and then kept)."""
    sessie = request.session
    user_id = sessie.get(auth.SESSION_KEY)
    backend = sessie.get(auth.BACKEND_SESSION_KEY)
    if user_id is None or backend not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    sleutel = _sleutel(user_id)
    user = cache.get(sleutel)
    if isinstance(user, Gebruiker) and user.is_active:
        kenmerk = sessie.get(auth.HASH_SESSION_KEY)
        if kenmerk and constant_time_compare(kenmerk, user.get_session_auth_hash()):
            user.backend = backend
            return user
    gelezen = auth.get_user(request)
    if user is None and isinstance(gelezen, Gebruiker) and gelezen.is_active:
        werkgebied(gelezen)  # kept with it: the gemeenten every page reads
        cache.add(sleutel, gelezen, BEWAARTIJD)
    return gelezen


class AuthenticatieMiddleware(AuthenticationMiddleware):
    """Django's middleware, with the user from `gebruiker` when the cache is shared."""

    def process_request(self, request) -> None:
        super().process_request(request)
        if getattr(settings, "GEBRUIKER_IN_CACHE", False):
            request.user = SimpleLazyObject(lambda: _eenmaal(request))


def _eenmaal(request) -> object:
    if not hasattr(request, "_cached_user"):
        request._cached_user = gebruiker(request)
    return request._cached_user
