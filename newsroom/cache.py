"""A Redis cache that fails soft: without Redis the site is slower, not broken.

While Redis does not answer, the cache behaves as an empty cache that forgets every write: reads
miss, writes are dropped, `add()` reports success (so no caller waits for a value nobody will
store) and `incr()` finds no key. A circuit breaker per process (`newsroom.breaker`) means a dead
or hung Redis costs one short timeout per interval instead of one per call.

Writes that would have removed entries or moved version counters on are lost meanwhile, in this
process or another, so what Redis still holds when it answers again may be stale. The first call
that finds it back sends `cache_recovered`, whose receivers move their versions on, and a read is
then made again.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from newsroom.breaker import CircuitBreaker, breaker_for

logger = logging.getLogger("newsroom.cache")

# Sent in each process when the cache answers again after it did not.
cache_recovered = Signal()


def _describe(servers: list[str]) -> str:
    """The servers without their credentials, for log lines."""
    parts = [urlsplit(server) for server in servers]
    return ", ".join(f"{p.hostname}:{p.port or 6379}{p.path}" for p in parts)


def _no_key(*args):
    raise ValueError("The cache is unavailable: no key can be found.")


def _unavailable(*args):
    raise RedisConnectionError("The cache did not answer recently.")


def _guarded(method, fallback, *, reads: bool = False):
    """The client's method, answering `fallback(*args)` when Redis does not."""

    def guarded(self, *args):
        breaker = self.breaker
        if not breaker.allow():
            return fallback(*args)
        try:
            result = method(self, *args)
        except RedisError as error:
            breaker.failed(error)
            return fallback(*args)
        if breaker.succeeded():
            for receiver, error in cache_recovered.send_robust(sender=ResilientRedisCache):
                if error is not None:
                    logger.error("%s failed after the cache came back: %s", receiver, error)
            if reads:
                return guarded(self, *args)  # after the versions moved on
        return result

    guarded.__name__ = method.__name__
    return guarded


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, *, breaker: CircuitBreaker, **options):
        super().__init__(servers, **options)
        self.breaker = breaker
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        # Django builds a new redis.Redis around the pool for every call (a quarter of a
        # millisecond, four times for a cached API answer); a client is thread-safe, so each
        # pool keeps one.
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client

    add = _guarded(RedisCacheClient.add, lambda *args: True)
    get = _guarded(RedisCacheClient.get, lambda key, default: default, reads=True)
    set = _guarded(RedisCacheClient.set, lambda *args: None)
    touch = _guarded(RedisCacheClient.touch, lambda *args: False)
    delete = _guarded(RedisCacheClient.delete, lambda *args: False)
    get_many = _guarded(RedisCacheClient.get_many, lambda *args: {}, reads=True)
    has_key = _guarded(RedisCacheClient.has_key, lambda *args: False, reads=True)
    incr = _guarded(RedisCacheClient.incr, _no_key)
    set_many = _guarded(RedisCacheClient.set_many, lambda *args: None)
    delete_many = _guarded(RedisCacheClient.delete_many, lambda *args: None)
    clear = _guarded(RedisCacheClient.clear, lambda *args: False)

    def _ping(self):
        return self.get_client(write=True).ping()

    def _count_in_window(self, key, seconds: int, fetch=()) -> tuple[int, float, dict]:
        client = self.get_client(key, write=True)
        pipeline = client.pipeline(transaction=False)  # one round trip; MULTI costs two replies
        pipeline.set(key, 0, ex=seconds, nx=True)
        pipeline.incr(key)
        pipeline.pttl(key)
        if fetch:
            pipeline.mget(fetch)
        _, count, milliseconds_left, *fetched = pipeline.execute()
        if milliseconds_left < 0:  # the window closed between the steps: INCR opened one
            client.expire(key, seconds)
            milliseconds_left = seconds * 1000
        found = fetched[0] if fetch else []
        values = {
            name: self._serializer.loads(value)
            for name, value in zip(fetch, found, strict=True)
            if value is not None
        }
        return count, milliseconds_left / 1000, values

    count_in_window = _guarded(_count_in_window, lambda *args: None)

    ping = _guarded(_ping, _unavailable)


class ResilientRedisCache(RedisCache):
    """Django's Redis cache behind a circuit breaker; see the module's docstring.

    `RETRY_SECONDS` in the cache's settings is the breaker's interval (default 10); OPTIONS go
    to redis-py's connection pool as usual: give it a short `socket_connect_timeout` and
    `socket_timeout`.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        name = f"The Redis cache at {_describe(self._servers)}"
        breaker = breaker_for(name, float(params.get("RETRY_SECONDS", 10)))
        self._class = ResilientRedisCacheClient
        self._options = {**self._options, "breaker": breaker}

    @property
    def is_available(self) -> bool:
        """False while Redis is known not to answer: callers may skip work that only feeds it."""
        return not self._options["breaker"].is_open

    def count_in_window(
        self, key: str, seconds: int, fetch=(), version=None
    ) -> tuple[int, float, dict] | None:
        """Count one more event in the window under key, opened by its first event and closing
        `seconds` later: the events it now holds, the seconds until it closes and what the cache
        holds under the `fetch` keys (as get_many gives it); None while Redis does not answer.
        One round trip, where add() and incr() take three and get_many() one more."""
        made = {self.make_and_validate_key(name, version=version): name for name in fetch}
        counted = self._cache.count_in_window(
            self.make_and_validate_key(key, version=version), seconds, list(made)
        )
        if counted is None:
            return None
        count, seconds_left, values = counted
        return count, seconds_left, {made[name]: value for name, value in values.items()}

    def check(self) -> None:
        """Ask Redis if it answers (at most once per breaker interval); raise RedisError if not."""
        self._cache.ping()
