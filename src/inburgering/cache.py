"""The Redis cache backend, with one `redis.Redis` client per connection pool.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and
its constructor fills a table of some 170 response callbacks each time (~0.1 ms of CPU). Every
page makes several cache calls (session, work-queue counts, panels), so that was a fixed cost
per request for nothing: the client is only a thin, thread-safe wrapper around the pool, which
is what Django keeps per server. Measured in issue 22 (docs/performance.md, "Load").

`incr` is one round trip instead of Django's two (EXISTS, then INCRBY): the API's throttle
raises a counter on every request (docs/performance.md, "Partner API lists kept").
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

#: INCRBY only when the key exists (Django's `incr` raises ValueError otherwise), atomically.
_INCR_ALS_ER = (
    "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) "
    "end return false"
)


class EenClientPerPool(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}
        self._scripts: dict[int, object] = {}

    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        script = self._scripts.get(id(client))
        if script is None:
            script = self._scripts[id(client)] = client.register_script(_INCR_ALS_ER)
        waarde = script(keys=[key], args=[delta])
        if waarde is None:
            raise ValueError(f"Key '{key}' not found.")
        return waarde

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class Cache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = EenClientPerPool
