"""Each client gets its rate: anonymous by address, partners by the key staff issued them."""

from __future__ import annotations

import contextlib
import os
import time

import pytest
from django.core.cache import cache

from stories.models import ApiKey
from tests.resilience.conftest import cache_at

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def redis_for_tests():
    """The production cache on the test Redis, under a key prefix of its own."""
    with cache_at(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")) as config:
        yield
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{config['KEY_PREFIX']}:*"))
        if keys:
            client.delete(*keys)


@pytest.fixture(params=["in-process cache", "Redis"])
def each_cache(request):
    """Development's cache, then production's: they count a window differently."""
    if request.param == "in-process cache":
        yield
    else:
        with redis_for_tests():
            yield


@pytest.fixture
def redis_cache():
    with redis_for_tests():
        yield


@pytest.fixture(autouse=True)
def low_anonymous_rate(settings):
    settings.API_ANONYMOUS_RATE = "3/minute"


def issued(**fields) -> str:
    api_key = ApiKey(name="Partner NGO", **fields)
    key = api_key.issue_key()
    api_key.save()
    return key


def statuses(client, count: int, **headers) -> list[int]:
    return [client.get("/api/v1/topics/", **headers).status_code for _ in range(count)]


def test_an_anonymous_client_over_its_rate_gets_a_429_with_retry_after(client, db, each_cache):
    assert statuses(client, 3) == [200, 200, 200]

    response = client.get("/api/v1/topics/")

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "throttled" in response.json()["detail"].lower()


def test_each_address_has_its_own_count(client, db, each_cache):
    assert statuses(client, 4, REMOTE_ADDR="192.0.2.1")[-1] == 429

    assert statuses(client, 1, REMOTE_ADDR="192.0.2.2") == [200]


def test_a_forged_forwarded_for_header_does_not_escape_the_count(client, db, each_cache):
    codes = [
        client.get(
            "/api/v1/topics/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(4)
    ]

    assert codes == [200, 200, 200, 429]


def test_a_key_gets_its_own_higher_rate(client, db, each_cache):
    key = issued(requests_per_minute=5)
    assert statuses(client, 4) == [200, 200, 200, 429]  # the address is spent

    assert statuses(client, 6, HTTP_X_API_KEY=key) == [200] * 5 + [429]


@pytest.mark.parametrize("key", ["made-up", "", "x" * 500])
def test_an_unknown_key_is_refused_not_served_anonymously(client, db, key):
    response = client.get("/api/v1/topics/", HTTP_X_API_KEY=key)

    assert response.status_code == 401
    assert "API key" in response.json()["detail"]
    assert "X-API-Key" in response["WWW-Authenticate"]


def test_a_revoked_key_is_refused(client, db):
    key = issued()
    ApiKey.objects.update(is_active=False)

    assert client.get("/api/v1/topics/", HTTP_X_API_KEY=key).status_code == 401


def test_only_a_hash_of_the_key_is_stored(db):
    key = issued()
    stored = ApiKey.objects.get()

    assert key not in {stored.key_hash, stored.prefix}
    assert key.startswith(stored.prefix)
    assert ApiKey.objects.matching(key) == stored


def test_a_window_opens_with_the_first_request_and_refusals_do_not_extend_it(
    client, db, monkeypatch
):
    now = [1_800_000_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])  # the cache's expiry reads it too
    assert statuses(client, 3) == [200, 200, 200]

    now[0] += 45
    refused = client.get("/api/v1/topics/")
    now[0] += 10
    assert statuses(client, 1) == [429]  # still within the window the first request opened

    now[0] += 6
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 15
    assert statuses(client, 3) == [200, 200, 200]  # a new window, refusals not carried over


def test_redis_closes_a_window_a_period_after_its_first_request(client, db, redis_cache):
    assert statuses(client, 3) == [200, 200, 200]
    time.sleep(1.1)

    refused = client.get("/api/v1/topics/")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 59  # rounded up from 58.9 or less
    client_key = cache.make_and_validate_key("rate:api:ip:127.0.0.1")
    assert 58_000 < cache._cache.get_client(write=True).pttl(client_key) <= 59_000


def test_redis_gives_a_window_left_without_an_expiry_one(client, db, redis_cache):
    client_key = cache.make_and_validate_key("rate:api:ip:127.0.0.1")
    redis = cache._cache.get_client(write=True)
    redis.set(client_key, 1)  # what INCR leaves when the window closes just before it

    assert statuses(client, 2) == [200, 200]
    assert 59_000 < redis.pttl(client_key) <= 60_000
    assert statuses(client, 1) == [429]


def test_a_client_costs_one_counter_however_high_its_rate(client, db, each_cache):
    """DRF's throttle stores a timestamp per request and rewrites the list on every one."""
    key = issued(requests_per_minute=100_000)
    api_key = ApiKey.objects.get()

    assert statuses(client, 30, HTTP_X_API_KEY=key) == [200] * 30

    assert cache.get(f"rate:api:key:{api_key.pk}") == 30


def test_a_count_left_by_the_former_throttle_is_no_obstacle(client, db, each_cache):
    """DRF's throttle kept a list of timestamps under "throttle:api:ip:<address>"."""
    cache.set("throttle:api:ip:127.0.0.1", [1.0, 2.0], 60)

    assert statuses(client, 4) == [200, 200, 200, 429]


def test_a_cached_answer_and_the_rate_count_take_one_round_trip_to_redis(
    client, db, redis_cache, monkeypatch
):
    import redis.client

    from tests.factories import StoryFactory

    url = "/api/v1/stories/?fields=title"
    StoryFactory(published=True, title="Kenyans return home")
    client.get(url)
    trips = []
    for cls, name in ((redis.client.Redis, "execute_command"), (redis.client.Pipeline, "execute")):
        original = getattr(cls, name)
        monkeypatch.setattr(
            cls, name, lambda *a, _original=original, **k: trips.append(1) or _original(*a, **k)
        )

    cached = client.get(url)

    assert cached.status_code == 200 and "Kenyans return home" in cached.text
    assert len(trips) == 1
    # The version read in that round trip is the current one: a publication shows at once.
    StoryFactory(published=True, title="Shelter opens in Mombasa")
    assert "Shelter opens in Mombasa" in client.get(url).text
