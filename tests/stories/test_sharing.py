"""Pages worth sharing: story images on cards and the home page, icons, the digest's structured
data, a story's feed link, and finder URLs that carry only what was chosen."""

from __future__ import annotations

import html
import json
import re
from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders

from stories.models import Topic
from tests.factories import RoundUpFactory, StoryFactory, image_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


def images(text: str) -> list[str]:
    return re.findall(r"<img [^>]*>", text)


@pytest.fixture
def illustrated():
    return StoryFactory(
        published=True, title="Shelter opens", topics=[topic("survivor-support")],
        image=image_file(size=(1200, 800)), image_alt="The shelter's front door",
    )  # fmt: skip


# --- Images -------------------------------------------------------------------------------------


def test_a_story_card_shows_its_image_responsive_lazy_and_with_alt_text(client, illustrated):
    StoryFactory(published=True, title="No picture")

    text = client.get("/stories/").text

    [img] = images(text)
    assert 'alt="The shelter&#x27;s front door"' in img
    assert 'loading="lazy"' in img
    assert re.search(r'srcset="[^"]*320w, [^"]*640w, [^"]*1024w"', img)
    assert 'width="1024" height="683"' in img
    assert text.count('class="card has-image"') == 1


def test_the_home_page_shows_the_latest_digest_lead_image_first_and_at_once(client, illustrated):
    RoundUpFactory(published=True, lead_story=illustrated)

    text = client.get("/").text

    lead, card = images(text)
    assert 'fetchpriority="high"' in lead and "loading=" not in lead
    assert 'loading="lazy"' in card  # the same story's card, further down
    assert text.index(lead) < text.index("Latest stories")


def test_the_home_page_shows_no_image_of_an_unpublished_lead(client):
    draft = StoryFactory(image=image_file(), image_alt="Draft picture")
    RoundUpFactory(published=True, lead_story=draft)

    assert "Draft picture" not in client.get("/").text


# --- Icons --------------------------------------------------------------------------------------


def test_every_page_links_a_favicon_and_touch_icons_that_exist(client):
    text = client.get("/").text

    for rel, name in [
        ("icon", "favicon.ico"),
        ("icon", "favicon.svg"),
        ("icon", "icon-192.png"),
        ("apple-touch-icon", "apple-touch-icon.png"),
    ]:
        assert re.search(rf'<link rel="{rel}" href="/static/icons/{re.escape(name)}"', text)
        assert finders.find(f"icons/{name}"), name  # fmt: skip


def test_favicon_ico_at_the_root_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/icons/favicon.ico"


# --- The digest's structured data ---------------------------------------------------------------


def test_a_digest_is_a_news_article_with_an_item_list_of_its_published_stories(client, illustrated):
    listed = StoryFactory(published=True, title="A report on recruiters")
    hidden = StoryFactory(title="Draft item")
    roundup = RoundUpFactory(published=True, number=42, title="Week in review",
                             lead_story=illustrated, items=[listed, hidden])  # fmt: skip

    text = client.get(roundup.get_absolute_url()).text

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL)
    data = json.loads(block.group(1))
    article, item_list = data["@graph"]
    assert data["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Digest no. 42: Week in review"
    assert article["url"].endswith(roundup.get_absolute_url())
    assert article["image"][0].endswith(".webp")
    assert item_list["@type"] == "ItemList"
    assert item_list["numberOfItems"] == 2
    assert [(e["position"], e["name"]) for e in item_list["itemListElement"]] == [
        (1, "Shelter opens"), (2, "A report on recruiters"),
    ]  # fmt: skip
    assert item_list["itemListElement"][1]["url"].endswith(listed.get_absolute_url())
    assert "Draft item" not in text


# --- A story's feed ----------------------------------------------------------------------------


def test_a_story_page_offers_the_feed_of_its_first_theme_titled_as_the_feed_is(client, illustrated):
    illustrated.topics.add(topic("supply-chains"))  # themes list by name: survivor support last

    text = client.get(illustrated.get_absolute_url()).text

    link = re.search(r'<link rel="alternate" type="application/rss\+xml" title="([^"]+)" '
                     r'href="([^"]+)">', text)  # fmt: skip
    title, href = html.unescape(link.group(1)), html.unescape(link.group(2))
    assert href == "/feeds/stories/?topic=supply-chains"
    assert title == "Newsroom — latest stories: Supply chains and due diligence (RSS)"
    assert 'href="/feeds/stories/atom/?topic=supply-chains"' in text
    feed = ElementTree.fromstring(client.get(href).content)
    assert feed.findtext("channel/title") + " (RSS)" == title


def test_a_story_without_a_theme_offers_the_feed_of_all_stories(client):
    story = StoryFactory(published=True)
    text = client.get(story.get_absolute_url()).text
    assert re.search(r'title="Newsroom — latest stories \(RSS\)" href="/feeds/stories/"', text)


# --- Short finder URLs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old,new",
    [
        ("/stories/?q=&from=&to=&topic=forced-labour", "/stories/?topic=forced-labour"),
        ("/stories/?q=&from=&to=&sort=newest", "/stories/"),
        ("/stories/?q=shelter&sort=relevance&from=", "/stories/?q=shelter"),
        ("/stories/?q=shelter&sort=newest&to=", "/stories/?q=shelter&sort=newest"),
        ("/digests/?q=&region=kenya&region=&from=", "/digests/?region=kenya"),
    ],
)
def test_a_finder_url_with_empty_parameters_redirects_to_the_short_form(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_a_short_finder_url_is_served_as_it_is(client):
    assert client.get("/stories/?topic=forced-labour").status_code == 200
    assert client.get("/stories/?topic=forced-labour&sort=relevance").status_code == 200
