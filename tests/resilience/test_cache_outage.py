"""A failing cache makes a slower site, not a broken one."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache, caches
from django.test import override_settings
from django.urls import reverse

from stories.cache import content_version, get_or_compute_once
from tests.factories import (
    OrganizationFactory,
    RoundUpFactory,
    StoryFactory,
    TopicFactory,
    region,
)
from tests.resilience.conftest import cache_at
from tests.resilience.servers import Proxy

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
NO_CACHE = "django.core.cache.backends.dummy.DummyCache"


@pytest.fixture
def archive():
    topic = TopicFactory(name="Forced labour", slug="forced-labour")
    organization = OrganizationFactory(name="Winrock International", slug="winrock")
    story = StoryFactory(
        published=True,
        title="Kenyans return home",
        topics=[topic],
        regions=[region("kenya")],
        organizations=[organization],
    )
    digest = RoundUpFactory(published=True, title="Digest of the week", items=[story])
    return {"story": story, "digest": digest, "topic": topic, "organization": organization}


def reader_pages(archive) -> list[str]:
    return [
        "/",
        "/stories/",
        "/stories/?topic=forced-labour&q=Kenyans",
        archive["story"].get_absolute_url(),
        "/digests/",
        archive["digest"].get_absolute_url(),
        archive["topic"].get_absolute_url(),
        region("kenya").get_absolute_url(),
        archive["organization"].get_absolute_url(),
        "/deadlines/",
        "/feeds/stories/",
        "/sitemap.xml",
    ]


def test_every_reader_page_answers_when_redis_refuses_connections(client, archive, refused_redis):
    for url in reader_pages(archive):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Kenyans return home" in client.get("/stories/").text


def test_the_api_answers_and_counts_nobody_when_redis_refuses_connections(
    client, archive, refused_redis, settings
):
    settings.API_ANONYMOUS_RATE = "2/minute"
    for _ in range(4):  # over the rate: nobody can be counted, so nobody is refused
        response = client.get("/api/v1/stories/?facets=topic")
        assert response.status_code == 200
    assert response.json()["results"][0]["title"] == archive["story"].title


def test_a_hung_redis_costs_one_timeout_per_interval_not_one_per_request(
    client, archive, black_hole
):
    pages = reader_pages(archive) * 3
    with override_settings(CACHES={"default": {"BACKEND": NO_CACHE}}):
        began = time.monotonic()
        for url in pages:
            assert client.get(url).status_code == 200, url
        without_cache = time.monotonic() - began

    # An interval longer than the loop, however busy the machine: its end is the next test's.
    with cache_at(f"redis://127.0.0.1:{black_hole.port}/0", CACHE_RETRY_SECONDS="600"):
        began = time.monotonic()
        for url in pages:
            assert client.get(url).status_code == 200, url
        elapsed = time.monotonic() - began

    # One connection, one 0.5 s timeout; then the breaker keeps every other call away. Waiting
    # on each request would cost 36 timeouts (18 s) on top of rendering without a cache.
    assert black_hole.accepted == 1
    assert elapsed - without_cache < 0.5 * 6, (elapsed, without_cache)


def test_one_request_tries_redis_again_after_the_breakers_interval(client, black_hole):
    with cache_at(f"redis://127.0.0.1:{black_hole.port}/0", CACHE_RETRY_SECONDS="1"):
        assert client.get("/robots.txt").status_code == 200  # waits for the timeout
        opened = time.monotonic()
        for _ in range(3):
            assert client.get("/robots.txt").status_code == 200
        assert black_hole.accepted == 1
        time.sleep(max(0.0, opened + 1.1 - time.monotonic()))
        for _ in range(3):
            assert client.get("/robots.txt").status_code == 200
        assert black_hole.accepted == 2


def test_staff_sign_in_and_work_in_the_admin_while_redis_is_down(django_app, refused_redis, editor):
    login = django_app.get(reverse("admin:login"))
    form = login.forms["login-form"]
    form["username"] = "editor"
    form["password"] = PASSWORD
    index = form.submit().follow()
    assert index.status_code == 200
    assert "Log out" in index.text

    story_list = django_app.get(reverse("admin:stories_story_changelist"))
    assert story_list.status_code == 200


def test_values_computed_once_are_computed_at_once_when_the_cache_is_down(hung_redis):
    calls = []
    get_or_compute_once("facets:x", lambda: calls.append(1) or 42, 60)  # opens the breaker

    began = time.monotonic()
    values = [get_or_compute_once("facets:x", lambda: calls.append(1) or 42, 60) for _ in range(5)]

    assert values == [42] * 5
    assert len(calls) == 6
    assert time.monotonic() - began < 1  # nobody polls for a value nobody will store


def test_the_content_version_needs_no_database_while_the_cache_is_down(
    refused_redis, django_assert_num_queries
):
    content_version()  # opens the breaker
    with django_assert_num_queries(0):
        assert isinstance(content_version(), int)


@pytest.fixture
def redis_through_proxy():
    """The real test Redis behind a proxy the test can hang, with a short breaker interval."""
    import os
    from urllib.parse import urlsplit

    url = urlsplit(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"))
    with (
        Proxy(url.port or 6379, url.hostname) as proxy,
        cache_at(f"redis://127.0.0.1:{proxy.port}{url.path}", CACHE_RETRY_SECONDS="0.2") as config,
    ):
        yield proxy
        # This run's keys only: the test Redis is shared.
        proxy.resume()
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{config['KEY_PREFIX']}:*"))
        if keys:
            client.delete(*keys)


def test_pages_cached_before_an_outage_are_not_served_stale_after_it(
    client, archive, redis_through_proxy
):
    story = archive["story"]
    assert "Kenyans return home" in client.get(story.get_absolute_url()).text
    assert cache.get("content-version") is not None  # cached in Redis

    redis_through_proxy.hang()
    story.title = "Kenyan survivors return home"
    story.save()  # the content version cannot move on: Redis does not answer
    assert "Kenyan survivors return home" in client.get(story.get_absolute_url()).text

    redis_through_proxy.resume()
    time.sleep(0.3)  # the breaker's interval
    for _ in range(3):
        page = client.get(story.get_absolute_url()).text
        assert "Kenyan survivors return home" in page
        assert "Kenyans return home" not in page


def test_the_cache_keeps_one_redis_client_per_connection_pool():
    with cache_at("redis://127.0.0.1:6379/0"):
        cache = caches.create_connection("default")
        cache.set("a-key", "a value")

        assert cache.get("a-key") == "a value"
        assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)
        assert cache._cache.get_client() is cache._cache.get_client()
