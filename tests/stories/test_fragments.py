"""Cards and facet panels are rendered once per content version and reused, never served stale."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stories.cards import render_cards
from stories.models import Story
from tests.factories import (
    OrganizationFactory,
    RoundUpFactory,
    StoryFactory,
    TopicFactory,
    region,
)

# Whole pages are cached for readers too: these tests look at what renders a page.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

FINDER = "/stories/"


@pytest.fixture
def stories():
    topic = TopicFactory(name="Supply chains")
    return [
        StoryFactory(published=True, title=f"Audit {n}", topics=[topic], regions=[region("kenya")])
        for n in range(3)
    ]


def link_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if "stories_story_topics" in q["sql"]]


def test_a_list_renders_its_cards_once_and_then_reuses_them(client, stories):
    assert link_queries(client, FINDER)  # cards rendered: their themes fetched

    assert link_queries(client, FINDER) == []
    assert link_queries(client, "/") == []  # the home page shows the same cards


def rendered_on_request(client, url: str) -> tuple[set[str], int]:
    """The card and facet-panel templates a reader's request renders, and its query count."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    fragments = {"includes/story_card.html", "includes/roundup_card.html", "includes/facets.html"}
    return {t.name for t in page.templates} & fragments, len(queries.captured_queries)


@pytest.mark.parametrize("url", ["/", FINDER, "/digests/"])
def test_the_first_reader_after_a_publication_finds_the_page_rendered_already(
    reference_data, client, django_app, moderator, url
):
    lead = StoryFactory(published=True, title="Audit 0", regions=[region("kenya")])
    RoundUpFactory(published=True, lead_story=lead, items=[lead])
    new = StoryFactory(title="New audit", regions=[region("kenya")], approved=True)
    assert rendered_on_request(client, url)[0]  # cards (and a finder's panel) rendered

    # Published in the admin: once the response has gone the finders are recounted, and the
    # pages their first readers ask for are rendered (stories.warming).
    page = django_app.get(f"/admin/stories/story/{new.pk}/change/", user=moderator.username)
    page.forms["story_form"].submit("_workflow", value="publish")
    first = rendered_on_request(client, url)
    again = rendered_on_request(client, url)

    assert first == (set(), again[1])  # no card or panel rendered, no more queries than later
    if url != "/digests/":
        assert "New audit" in client.get(url).text


def test_a_page_that_cannot_be_rendered_ahead_is_left_to_its_reader(
    reference_data, client, django_app, moderator, monkeypatch, caplog
):
    new = StoryFactory(title="New audit", regions=[region("kenya")], approved=True)

    def broken(path):
        raise RuntimeError("template gone")

    monkeypatch.setattr("stories.warming._reader_request", broken)
    page = django_app.get(f"/admin/stories/story/{new.pk}/change/", user=moderator.username)
    published = page.forms["story_form"].submit("_workflow", value="publish")

    assert published.status_code == 302
    assert "New audit" in client.get(FINDER).text
    assert "not rendered ahead of its readers" in caplog.text


def test_cards_show_a_saved_edit_at_once(client, stories):
    client.get(FINDER)
    story = stories[0]
    story.title = "Audit of cobalt mines"
    story.save()

    assert "Audit of cobalt mines" in client.get(FINDER).text


def test_cards_show_a_renamed_theme_at_once(client, stories):
    client.get(FINDER)
    topic = stories[0].topics.get()
    topic.name = "Forced labour in supply chains"
    topic.save()

    assert client.get(FINDER).text.count("Forced labour in supply chains") >= len(stories)


def filter_labels(page: str) -> str:
    """The finder's filter panel."""
    return page.split('<fieldset class="facet">', 1)[1].split("Apply filters", 1)[0]


@pytest.mark.parametrize(
    "vocabulary",
    [
        lambda stories: stories[0].topics.get(),
        lambda stories: stories[0].regions.get(),
    ],
    ids=["theme", "place"],
)
def test_the_filters_show_a_renamed_theme_or_place_once_recounted(client, stories, vocabulary):
    client.get(FINDER)  # counted and labelled
    renamed = vocabulary(stories)
    renamed.name = "Renamed by an editor"
    renamed.save()
    client.get(FINDER)  # the previous counts, while they are recounted after the response

    assert "Renamed by an editor" in filter_labels(client.get(FINDER).text)


def test_the_filters_list_an_organization_once_it_is_approved(client, stories):
    organization = OrganizationFactory(name="Survivors Network", approved=False)
    stories[0].organizations.add(organization)
    assert "Survivors Network" not in filter_labels(client.get(FINDER).text)

    organization.approved = True
    organization.save()
    client.get(FINDER)

    assert "Survivors Network" in filter_labels(client.get(FINDER).text)


def test_a_story_unpublished_leaves_the_lists(client, stories, moderator):
    client.get(FINDER)

    stories[1].unpublish(by=moderator)

    assert "Audit 1" not in client.get(FINDER).text


def test_an_open_call_stops_being_marked_open_at_midnight_after_its_deadline(client):
    deadline = datetime.date(2026, 3, 10)
    evening = timezone.make_aware(datetime.datetime(2026, 3, 10, 23, 50))
    with time_machine.travel(evening, tick=False):
        StoryFactory(published=True, title="Call for input", deadline=deadline)
        assert 'class="deadline is-open"' in client.get(FINDER).text

    with time_machine.travel(evening + datetime.timedelta(minutes=20), tick=False):
        assert 'class="deadline is-open"' not in client.get(FINDER).text


def test_search_results_mark_each_search_s_own_words(client):
    StoryFactory(
        published=True, title="Debt bondage at sea", summary="Crews on fishing boats held in debt."
    )

    first = client.get(FINDER, {"q": "debt"}).text
    second = client.get(FINDER, {"q": "fishing"}).text

    assert "<mark>debt</mark>" in first and "<mark>fishing</mark>" not in first
    assert "<mark>fishing</mark>" in second and "<mark>debt</mark>" not in second


def test_cards_of_items_readers_cannot_see_are_never_cached():
    draft = StoryFactory(title="Draft title")
    render_cards([draft])
    # A change that moves no content version: readers cannot see drafts.
    Story.objects.filter(pk=draft.pk).update(title="Second draft title")
    draft.refresh_from_db()

    assert "Second draft title" in render_cards([draft])[0].html


def test_digest_cards_come_in_the_order_of_the_list(client):
    older = RoundUpFactory(published=True, number=1, title="Older digest")
    newer = RoundUpFactory(published=True, number=2, title="Newer digest")

    cards = render_cards([newer, older])
    again = render_cards([older, newer])

    assert [c.item for c in cards] == [newer, older]
    assert "Newer digest" in cards[0].html and "Older digest" in cards[1].html
    assert [c.item for c in again] == [older, newer]
    assert "Older digest" in again[0].html


def test_the_facet_panel_counts_a_story_as_soon_as_it_is_published(
    reference_data, client, django_app, moderator
):
    for n in range(3):
        StoryFactory(published=True, title=f"Audit {n}", regions=[region("kenya")])
    before = client.get(FINDER)
    new = StoryFactory(title="New audit", regions=[region("kenya")], approved=True)

    # The moderator's publication commits within the request, and once the response has gone
    # the finder is recounted (stories.counts) before any reader asks.
    page = django_app.get(f"/admin/stories/story/{new.pk}/change/", user=moderator.username)
    page.forms["story_form"].submit("_workflow", value="publish")
    after = client.get(FINDER)

    assert 'Kenya <span class="count">(3<' in before.text
    assert 'Kenya <span class="count">(4<' in after.text
