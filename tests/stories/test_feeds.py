from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from stories.models import Topic
from tests.factories import OrganizationFactory, RoundUpFactory, StoryFactory, region

# Whole pages are cached for readers too: these tests look at what renders a page.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

ATOM = "{http://www.w3.org/2005/Atom}"


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def stories():
    child = Topic.objects.get(slug="child-trafficking")
    labour = Topic.objects.get(slug="forced-labour")
    iom = OrganizationFactory(name="IOM", slug="iom")
    made = [
        StoryFactory(
            published=True, title="Kenyan children return", published_at=days_ago(1),
            topics=[child], regions=[region("kenya")], organizations=[iom],
            source_name="IOM Kenya",
        ),
        StoryFactory(
            published=True, title="Orphanage closes in Uganda", published_at=days_ago(2),
            topics=[Topic.objects.get(slug="orphanage-trafficking")], regions=[region("uganda")],
        ),
        StoryFactory(
            published=True, title="German labour case", published_at=days_ago(3),
            topics=[labour], regions=[region("germany")],
        ),
        StoryFactory(
            published=True, title="Older Kenyan story", published_at=days_ago(9),
            topics=[child], regions=[region("kenya")],
        ),
    ]  # fmt: skip
    StoryFactory(title="Draft child story", topics=[child], regions=[region("kenya")])
    return made


def rss_items(response) -> list[ET.Element]:
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    return channel.findall("item")


def atom_entries(response) -> list[ET.Element]:
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("title", "id", "updated"):
        assert root.findtext(f"{ATOM}{required}"), required
    assert root.find(f"{ATOM}link[@rel='alternate']") is not None
    return root.findall(f"{ATOM}entry")


def test_the_latest_stories_feed_is_valid_rss_with_complete_items(client, stories):
    items = rss_items(client.get("/feeds/stories/"))

    assert [item.findtext("title") for item in items] == [
        "Kenyan children return", "Orphanage closes in Uganda", "German labour case",
        "Older Kenyan story",
    ]  # fmt: skip
    first = items[0]
    assert first.findtext("link") == "http://127.0.0.1:8000" + stories[0].get_absolute_url()
    assert first.findtext("description") == stories[0].summary
    assert first.findtext("pubDate")
    assert first.findtext("guid")
    # RSS <author> needs an email address: a name goes in Dublin Core's creator.
    assert first.findtext("{http://purl.org/dc/elements/1.1/}creator") == "IOM Kenya"
    assert {c.text for c in first.findall("category")} == {"News", "Child trafficking", "Kenya"}


def test_the_latest_stories_feed_is_valid_atom(client, stories):
    entries = atom_entries(client.get("/feeds/stories/atom/"))

    assert len(entries) == 4
    entry = entries[0]
    for required in ("title", "id", "updated", "summary"):
        assert entry.findtext(f"{ATOM}{required}"), required
    assert entry.find(f"{ATOM}link").get("href").endswith(stories[0].get_absolute_url())
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "IOM Kenya"
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} == {
        "News", "Child trafficking", "Kenya"
    }  # fmt: skip


@pytest.mark.parametrize(
    "query",
    [
        "topic=child-trafficking&region=africa",
        "region=kenya",
        "topic=forced-labour",
        "region=european-union",
        "region=africa&from=2000-01-01",
        "topic=child-trafficking&region=africa&q=kenyan",
    ],
)
def test_a_filtered_feed_lists_exactly_what_the_finder_shows(client, stories, query):
    finder = [story.title for story in client.get(f"/stories/?{query}").context["page_obj"]]
    rss = [item.findtext("title") for item in rss_items(client.get(f"/feeds/stories/?{query}"))]
    atom = [
        entry.findtext(f"{ATOM}title")
        for entry in atom_entries(client.get(f"/feeds/stories/atom/?{query}"))
    ]

    assert rss == finder
    assert atom == finder
    assert finder


def test_a_filtered_feed_names_its_filters_and_links_back_to_the_finder(client, stories):
    response = client.get("/feeds/stories/?region=africa&topic=child-trafficking")
    channel = ET.fromstring(response.content).find("channel")

    assert channel.findtext("title") == "Newsroom — latest stories: Child trafficking, Africa"
    assert channel.findtext("link") == (
        "http://127.0.0.1:8000/stories/?region=africa&topic=child-trafficking"
    )


def test_feeds_never_carry_unpublished_stories_or_digests(client, stories):
    RoundUpFactory(title="Draft digest")
    RoundUpFactory(published=True, title="Public digest", lead_story=stories[0])

    for url in ("/feeds/stories/", "/feeds/stories/atom/", "/feeds/stories/?region=kenya",
                "/feeds/digests/", "/feeds/digests/atom/"):  # fmt: skip
        text = client.get(url).content.decode()
        assert "Draft child story" not in text, url
        assert "Draft digest" not in text, url


def test_the_digest_feeds_are_valid_and_filterable(client, stories):
    RoundUpFactory(published=True, number=7, title="African week", lead_story=stories[0],
                   introduction="Children return to Kenya.")  # fmt: skip
    RoundUpFactory(published=True, number=8, title="European week", items=[stories[2]])

    items = rss_items(client.get("/feeds/digests/"))
    assert [item.findtext("title") for item in items] == [
        "No. 8: European week", "No. 7: African week"
    ]  # fmt: skip
    assert items[1].findtext("description") == "Children return to Kenya."
    assert [c.text for c in items[1].findall("category")] == ["Child trafficking"]

    filtered = rss_items(client.get("/feeds/digests/?region=africa"))
    assert [item.findtext("title") for item in filtered] == ["No. 7: African week"]
    assert len(atom_entries(client.get("/feeds/digests/atom/?region=europe"))) == 1


def test_a_feed_with_malformed_filters_still_answers(client, stories):
    response = client.get("/feeds/stories/?from=not-a-date&topic=nope")

    assert response.status_code == 200
    assert len(rss_items(response)) == 4


@pytest.mark.parametrize("count", [5, 50])
def test_feeds_run_a_bounded_number_of_queries(client, django_assert_max_num_queries, count):
    topic = Topic.objects.get(slug="forced-labour")
    for _ in range(count):
        StoryFactory(published=True, topics=[topic], regions=[region("kenya")])
    RoundUpFactory(published=True, lead_story=StoryFactory(published=True, topics=[topic]))

    for url in ("/feeds/stories/?topic=forced-labour&region=africa", "/feeds/digests/"):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


def test_the_deadlines_page_links_the_feed_of_open_calls_only(client, stories):
    today = timezone.localdate()
    StoryFactory(published=True, title="Call for input", deadline=today + datetime.timedelta(7))
    StoryFactory(published=True, title="Closed call", deadline=today - datetime.timedelta(1))

    page = client.get("/deadlines/")
    feed_url = page.context["feed_url"]

    assert f'href="{feed_url}"' in page.text
    assert [item.findtext("title") for item in rss_items(client.get(feed_url))] == [
        "Call for input"
    ]


def test_a_tag_only_drafts_carry_is_never_named_in_a_finder_or_feed_title(client, stories):
    StoryFactory(title="Raid draft", tags=["Raid at the Hotel Astoria"])
    StoryFactory(published=True, title="Shelter story", tags=["Shelters"])

    for path in ("/stories/", "/feeds/stories/", "/feeds/stories/atom/", "/digests/"):
        drafts_only = client.get(path, {"tag": "raid-at-the-hotel-astoria"})
        assert drafts_only.status_code == 200, path
        assert "Hotel Astoria" not in drafts_only.text, path
        # A published story's tag is named: the title is where the test looks.
        assert "Shelters" in client.get(path, {"tag": "shelters"}).text, path
