"""The API lists what the finder lists, in the same order, with the same facet counts."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

# The finder pages are cached whole for readers: these tests compare what the views compute.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def day(days_ago: int) -> str:
    return (timezone.localdate() - datetime.timedelta(days=days_ago)).isoformat()


STORY_QUERIES = [
    "",
    "topic=forced-labour",
    "topic=forced-labour&region=asia",
    "topic=child-trafficking",  # a parent theme: its sub-themes' stories too
    "region=africa",  # a continent: its sub-regions and countries
    "region=eastern-africa",
    "region=asean",  # a grouping: its member countries
    "region=african-union&topic=forced-labour",
    "region=world",
    "organization=iom",
    "organization=iom&organization=osce-org",
    "organization=unodc&open=1",
    "tag=court",
    "tag=report&organization=iom",
    "tag=call&tag=court",
    "open=1",
    "open=1&region=asia",
    "q=labour",
    "q=labour&sort=newest",
    "q=labour&region=asia&sort=relevance",
    "q=%22child+trafficking%22",
    f"from={day(12)}",
    f"from={day(45)}&to={day(4)}",
    f"to={day(30)}&topic=forced-labour",
    "topic=forced-labour&region=asia&organization=unodc&tag=call&open=1",
    "region=kenya&topic=research-and-data",  # nothing
    "type=report",
    "type=call-for-input&region=asia",
    "type=report&type=call-for-input&topic=forced-labour&sort=newest",
    "type=event",  # only unpublished stories: nothing
    "q=labour&type=analysis",
]


def finder_ids(client, path: str, query: str) -> list[int]:
    # The finder answers a query with its default sort spelled out by redirecting to the short form.
    response = client.get(f"{path}?{query}", follow=True)
    assert response.status_code == 200
    assert not response.context["filter"].form.errors
    return [obj.pk for obj in response.context["page_obj"]]


def api_ids(client, path: str, query: str, page_size: int = 3) -> list[int]:
    """Every id of the selection, walking the cursor pages."""
    ids, url = [], f"{path}?{query}&page_size={page_size}&fields=id"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.json()
        body = response.json()
        ids += [item["id"] for item in body["results"]]
        url = body["next"]
        assert len(ids) < 1000
    return ids


@pytest.mark.parametrize("query", STORY_QUERIES)
def test_the_api_lists_the_story_finders_stories_in_its_order(client, archive, query):
    expected = finder_ids(client, "/stories/", query)

    assert api_ids(client, "/api/v1/stories/", query) == expected


@pytest.mark.parametrize("query", STORY_QUERIES)
def test_the_api_counts_the_story_finders_facets(client, archive, query):
    response = client.get(f"/stories/?{query}", follow=True)
    expected = {
        facet.name: {option.slug: (option.count, option.selected) for option in facet.options}
        for facet in response.context["facets"]
    }

    body = client.get(f"/api/v1/stories/?{query}&facets=type,topic,region,organization,tag").json()
    counted = {
        name: {o["slug"]: (o["count"], o["selected"]) for o in facet["options"]}
        for name, facet in body["facets"].items()
    }

    assert counted == expected


DIGEST_QUERIES = [
    "",
    "region=africa",
    "topic=forced-labour",
    "region=asia&topic=forced-labour",
    "organization=osce-org&tag=court",
    "tag=call",
    "q=labour",
    f"from={day(3)}",
    f"to={day(3)}",
    "region=europe&topic=forced-labour",
    "type=call-for-input",
    "type=report&region=europe",
]


@pytest.mark.parametrize("query", DIGEST_QUERIES)
def test_the_api_lists_the_digest_finders_digests_in_its_order(client, archive, query):
    expected = finder_ids(client, "/digests/", query)

    assert api_ids(client, "/api/v1/digests/", query, page_size=1) == expected


@pytest.mark.parametrize("query", DIGEST_QUERIES)
def test_the_api_counts_the_digest_finders_facets(client, archive, query):
    response = client.get(f"/digests/?{query}", follow=True)
    expected = {
        facet.name: {option.slug: option.count for option in facet.options}
        for facet in response.context["facets"]
    }

    body = client.get(f"/api/v1/digests/?{query}&facets=type,topic,region,organization,tag").json()

    counted = {n: {o["slug"]: o["count"] for o in f["options"]} for n, f in body["facets"].items()}
    assert counted == expected


DEADLINE_QUERIES = [
    "",
    "closed=1",
    "region=asia",
    "organization=unodc&topic=forced-labour",
    "closed=1&region=kenya",
    "q=labour",
    "type=call-for-input",
    "type=call-for-input&type=analysis&closed=1",
]


@pytest.mark.parametrize("query", DEADLINE_QUERIES)
def test_the_api_lists_the_deadline_finders_calls_in_its_order(client, archive, query):
    expected = finder_ids(client, "/deadlines/", query)

    assert api_ids(client, "/api/v1/deadlines/", query, page_size=2) == expected


@pytest.mark.parametrize("query", DEADLINE_QUERIES)
def test_the_api_counts_the_deadline_finders_facets(client, archive, query):
    response = client.get(f"/deadlines/?{query}")
    expected = {
        facet.name: {option.slug: option.count for option in facet.options}
        for facet in response.context["facets"]
    }

    facets = "type,topic,region,organization,tag"
    body = client.get(f"/api/v1/deadlines/?{query}&facets={facets}").json()

    counted = {n: {o["slug"]: o["count"] for o in f["options"]} for n, f in body["facets"].items()}
    assert counted == expected


def test_walking_back_with_previous_gives_the_same_pages(client, archive):
    forward, url = [], "/api/v1/stories/?page_size=3&fields=id"
    while url:
        body = client.get(url).json()
        forward.append([item["id"] for item in body["results"]])
        last_previous, url = body["previous"], body["next"]

    backward, url = [], last_previous
    while url:
        body = client.get(url).json()
        backward.insert(0, [item["id"] for item in body["results"]])
        url = body["previous"]

    assert backward == forward[:-1]
    assert len(forward) == 4  # ten stories, three a page


def test_the_first_page_has_no_previous_link(client, archive):
    body = client.get("/api/v1/stories/").json()

    assert body["previous"] is None
    assert body["next"] is None  # ten stories fit the default page
    assert len(body["results"]) == 10


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking runs on PostgreSQL")
def test_the_apis_pages_of_a_search_share_one_ranking(client, archive):
    """Each cursor page fetches its own stories: the matches are ranked once per version."""
    with CaptureQueriesContext(connection) as queries:
        ids = api_ids(client, "/api/v1/stories/", "q=labour", page_size=1)

    assert len(ids) > 2
    assert sum("ts_rank" in q["sql"] for q in queries.captured_queries) == 1
