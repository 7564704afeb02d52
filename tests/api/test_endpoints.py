"""What each endpoint answers: the documented shape, absolute URLs, times with their zone."""

from __future__ import annotations

import datetime

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

STORY_DEFAULT = {
    "id", "slug", "url", "title", "summary", "type", "published_at",
    "topics", "regions", "organizations", "tags", "deadline",
}  # fmt: skip


def test_a_story_list_answers_results_next_and_previous(client, archive):
    body = client.get("/api/v1/stories/?page_size=2").json()

    assert set(body) == {"results", "next", "previous"}
    assert body["next"].startswith("http://127.0.0.1:8000/api/v1/stories/?page_size=2&cursor=")
    assert set(body["results"][0]) == STORY_DEFAULT


def test_a_story_carries_absolute_urls_iso_times_and_linked_slugs(client, archive):
    story = archive["Philippines labour recruiters"]

    body = client.get(f"/api/v1/stories/{story.slug}/").json()

    assert body["url"] == f"http://127.0.0.1:8000/stories/{story.slug}/"
    published = datetime.datetime.fromisoformat(body["published_at"])
    assert published == story.published_at and published.tzinfo is not None
    assert body["deadline"] == story.deadline.isoformat()
    assert body["topics"] == [
        {
            "slug": "forced-labour",
            "name": "Forced labour",
            "url": "http://127.0.0.1:8000/topics/forced-labour/",
        }
    ]
    assert [region["slug"] for region in body["regions"]] == ["philippines"]
    assert [org["slug"] for org in body["organizations"]] == ["iom", "unodc"]
    assert sorted(tag["slug"] for tag in body["tags"]) == ["call", "report"]


def test_fields_chooses_what_each_item_carries(client, archive):
    body = client.get("/api/v1/stories/?fields=title,url,published_at,body_html").json()

    assert all(
        set(item) == {"title", "url", "published_at", "body_html"} for item in body["results"]
    )
    assert body["results"][0]["body_html"].startswith("<p>")


def test_a_digest_carries_its_number_lead_and_ordered_items(client, archive):
    body = client.get("/api/v1/digests/second-digest/").json()

    assert body["number"] == 2
    assert body["url"] == "http://127.0.0.1:8000/digests/second-digest/"
    assert set(body["lead"]) == {
        "id",
        "slug",
        "url",
        "title",
        "summary",
        "type",
        "published_at",
        "deadline",
    }
    assert body["lead"]["type"] == "call-for-input"
    assert set(body["items"][0]) == {"position", "blurb", "story"}


def test_regions_answer_the_tree_and_the_groupings(client, archive):
    kenya = client.get("/api/v1/regions/kenya/?fields=slug,kind,parent,groupings").json()
    africa = client.get("/api/v1/regions/eastern-africa/").json()
    asean = client.get("/api/v1/regions/asean/").json()

    assert kenya["kind"] == "country" and kenya["parent"] == "eastern-africa"
    assert "african-union" in kenya["groupings"]
    assert africa["parent"] == "sub-saharan-africa" and "kenya" in africa["children"]
    assert asean["kind"] == "grouping" and {"thailand", "philippines"} <= set(asean["members"])


def test_vocabularies_are_listed_by_name_over_cursor_pages(client, archive):
    names, url = [], "/api/v1/regions/?page_size=100&fields=name"
    while url:
        body = client.get(url).json()
        names += [item["name"] for item in body["results"]]
        url = body["next"]

    assert len(names) > 200
    assert names == sorted(names)  # SQLite's and the test's byte order agree on these names


def test_the_root_names_every_endpoint_and_the_schema(client, db):
    body = client.get("/api/v1/").json()

    assert body["stories"] == "http://127.0.0.1:8000/api/v1/stories/"
    assert body["schema"].endswith("/api/v1/schema/?format=json")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/stories/?page_size=100&fields="
        + ",".join(["id", "title", "topics", "regions", "organizations", "tags", "digests"]),
        "/api/v1/digests/?page_size=100",
        "/api/v1/topics/?page_size=100",
        "/api/v1/regions/?page_size=100&fields=slug,parent,children,members,groupings",
        "/api/v1/organizations/?page_size=100&fields=slug,headquarters,parent,story_count",
    ],
)
def test_a_list_costs_a_few_queries_however_long(
    client, archive, url, django_assert_max_num_queries
):
    client.get(url)  # the content version and counts are cached from then on

    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
