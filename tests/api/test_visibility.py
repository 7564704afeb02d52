"""Nothing unpublished is ever served: not listed, not linked, not counted, not named."""

from __future__ import annotations

import json

import pytest

from stories.api.serializers import DigestSerializer, StorySerializer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

EVERY_STORY_FIELD = ",".join(StorySerializer.Meta.fields)
EVERY_DIGEST_FIELD = ",".join(DigestSerializer.Meta.fields)
HIDDEN_WORDS = ("Draft", "Scheduled", "Unpublished", "Expired", "secret-draft-tag")


def walk(client, url: str) -> list[dict]:
    results = []
    while url:
        body = client.get(url).json()
        results += body["results"]
        url = body["next"]
    return results


def assert_hides_everything_unpublished(text: str) -> None:
    for word in HIDDEN_WORDS:
        assert word not in text


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/stories/?fields={EVERY_STORY_FIELD}&facets=topic,region,organization,tag",
        f"/api/v1/stories/?region=kenya&fields={EVERY_STORY_FIELD}&facets=tag",
        "/api/v1/stories/?q=Kenya&facets=topic,region,organization,tag",
        f"/api/v1/deadlines/?fields={EVERY_STORY_FIELD}",
        f"/api/v1/digests/?fields={EVERY_DIGEST_FIELD}&facets=topic,region,organization,tag",
        "/api/v1/digests/first-digest/",
        "/api/v1/digests/second-digest/",
        "/api/v1/topics/?page_size=100",
        "/api/v1/organizations/",
        "/api/v1/regions/kenya/",
    ],
)
def test_no_unpublished_story_or_digest_is_named_anywhere(client, archive, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_hides_everything_unpublished(response.content.decode())


def test_lists_hold_published_stories_only(client, archive):
    listed = {item["id"] for item in walk(client, "/api/v1/stories/?page_size=4")}

    assert len(listed) == 10
    assert not listed & {story.pk for story in archive["hidden"]}


@pytest.mark.parametrize("index", range(4))
def test_an_unpublished_story_has_no_detail(client, archive, index):
    story = archive["hidden"][index]

    assert client.get(f"/api/v1/stories/{story.slug}/").status_code == 404


@pytest.mark.parametrize("slug", ["draft-digest", "scheduled-digest"])
def test_an_unpublished_digest_is_neither_listed_nor_served(client, archive, slug):
    listed = [digest["slug"] for digest in walk(client, "/api/v1/digests/")]

    assert listed == ["second-digest", "first-digest"]
    assert client.get(f"/api/v1/digests/{slug}/").status_code == 404


def test_a_digest_lists_only_its_published_items_in_order_and_no_unpublished_lead(client, archive):
    first = client.get("/api/v1/digests/first-digest/").json()
    second = client.get("/api/v1/digests/second-digest/").json()

    assert first["lead"] is None  # its lead is a draft
    assert [item["story"]["title"] for item in first["items"]] == [
        "Kenya labour inspections",
        "Germany children in care",
    ]
    assert [item["position"] for item in first["items"]] == [1, 3]
    assert second["lead"]["title"] == "Asia labour call for input"
    assert [item["story"]["title"] for item in second["items"]] == [
        "Philippines labour recruiters",
        "Brazil court ruling on labour",
    ]


def test_a_story_names_only_its_published_digests(client, archive):
    kenya = archive["Kenya labour inspections"]  # lead of a draft digest, item of the first
    world = archive["Global labour estimates"]  # item of a scheduled digest only

    kenya_digests = client.get(f"/api/v1/stories/{kenya.slug}/?fields=digests").json()
    world_digests = client.get(f"/api/v1/stories/{world.slug}/?fields=digests").json()

    assert [d["slug"] for d in kenya_digests["digests"]] == ["first-digest"]
    assert world_digests["digests"] == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Published stories the finder lists for each: subtrees and members, never drafts.
        ("/api/v1/topics/forced-labour/", 6),
        ("/api/v1/topics/child-trafficking/", 3),  # with its sub-theme, orphanages
        ("/api/v1/regions/kenya/", 2),
        ("/api/v1/regions/africa/", 3),
        ("/api/v1/regions/asean/", 2),  # Thailand and the Philippines
        ("/api/v1/organizations/iom/", 4),
    ],
)
def test_story_counts_count_published_stories_as_the_finder_does(client, archive, url, expected):
    body = client.get(url).json()
    slug = body["slug"]
    kind = url.split("/")[3][:-1]
    finder = client.get(f"/stories/?{kind}={slug}")

    assert body["story_count"] == expected == finder.context["result_count"]


def test_a_draft_only_tag_is_unknown_to_the_api(client, archive):
    response = client.get("/api/v1/stories/?tag=secret-draft-tag")

    assert response.status_code == 400
    assert "secret-draft-tag" not in json.dumps(
        client.get("/api/v1/stories/?facets=tag&page_size=100").json()
    )
