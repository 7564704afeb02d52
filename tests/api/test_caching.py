"""Answers are cached under the content version, revalidated by ETag, and kept by shared caches."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.api.conftest import topic
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_an_answer_carries_an_etag_and_a_shared_cache_lifetime(client, archive, settings):
    response = client.get("/api/v1/stories/?topic=forced-labour")

    assert response["ETag"].startswith('"')
    assert set(response["Cache-Control"].split(", ")) == {
        "public",
        f"max-age={settings.API_MAX_AGE}",
    }


def test_an_unchanged_answer_is_a_304(client, archive):
    etag = client.get("/api/v1/digests/second-digest/")["ETag"]

    response = client.get("/api/v1/digests/second-digest/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


def test_a_repeated_request_is_answered_from_the_cache(client, archive, django_assert_num_queries):
    url = "/api/v1/stories/?region=asia&facets=topic,region&fields=title,digests"
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.content == first.content


def test_a_publication_shows_at_once(client, archive):
    url = "/api/v1/stories/?topic=forced-labour&fields=title"
    before = client.get(url)

    StoryFactory(published=True, title="Fresh labour story", topics=[topic("forced-labour")])
    after = client.get(url).json()

    assert before.json()["results"][0]["title"] == "Kenya labour inspections"
    assert after["results"][0]["title"] == "Fresh labour story"


def test_a_call_whose_deadline_passed_at_midnight_leaves_the_cached_list(client, archive):
    deadline = timezone.localdate() + datetime.timedelta(days=3)  # the archive's soonest calls
    last_minute = datetime.datetime.combine(deadline, datetime.time(23, 59))
    titles = []
    for moment in (last_minute, last_minute + datetime.timedelta(minutes=2)):
        with time_machine.travel(timezone.make_aware(moment), tick=False):
            answer = client.get("/api/v1/deadlines/?fields=title").json()
        titles.append({story["title"] for story in answer["results"]})

    assert "Asia labour call for input" in titles[0]
    assert "Asia labour call for input" not in titles[1]


def test_refusals_are_not_cached_and_say_so_when_personal(client, archive, settings):
    settings.API_ANONYMOUS_RATE = "1/minute"
    client.get("/api/v1/topics/")

    response = client.get("/api/v1/topics/")

    assert response.status_code == 429
    assert "no-store" in response["Cache-Control"]


def test_the_reader_page_cache_leaves_the_api_alone(client, archive, settings):
    """Otherwise a cached answer would skip the API's throttling."""
    settings.API_ANONYMOUS_RATE = "2/minute"

    statuses = [client.get("/api/v1/stories/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
