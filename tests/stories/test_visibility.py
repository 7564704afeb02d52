"""Readers never see an item that is not published: pages, filters, feeds, sitemap, search."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stories.models import Status
from tests.factories import RoundUpFactory, StoryFactory, TopicFactory, region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

HIDDEN = {
    "draft": {},
    "in_review": {"status": Status.IN_REVIEW},
    "changes_requested": {"status": Status.CHANGES_REQUESTED},
    "approved": {"status": Status.APPROVED},
    "scheduled": {
        "status": Status.SCHEDULED,
        "published_at": timezone.now() + datetime.timedelta(hours=3),
    },
    "unpublished": {
        "status": Status.UNPUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=1),
    },
    "expired": {
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(days=2),
        "unpublish_at": timezone.now() - datetime.timedelta(minutes=1),
    },
}


@pytest.fixture
def content():
    topic = TopicFactory(name="Forced labour", slug="forced-labour")
    kenya = region("kenya")
    fields = {"topics": [topic], "regions": [kenya], "tags": ["fishing"], "deadline": None}
    visible = StoryFactory(title="Visiblestory about fishing", published=True, **fields)
    hidden = {
        name: StoryFactory(
            title=f"Secretstory{name} about fishing",
            slug=f"secret-{name}",
            deadline=timezone.localdate() + datetime.timedelta(days=9),
            **{k: v for k, v in fields.items() if k != "deadline"},
            **state,
        )
        for name, state in HIDDEN.items()
    }
    RoundUpFactory(
        title="Visibledigest weekly",
        published=True,
        lead_story=visible,
        items=list(hidden.values()),
    )
    for name, state in HIDDEN.items():
        RoundUpFactory(title=f"Secretdigest{name} weekly", slug=f"secret-digest-{name}", **state)
    return visible, hidden


def reader_urls():
    return [
        reverse("home"),
        reverse("stories:story_list"),
        reverse("stories:story_list") + "?q=fishing",
        reverse("stories:story_list") + "?topic=forced-labour",
        reverse("stories:story_list") + "?region=kenya",
        reverse("stories:story_list") + "?tag=fishing",
        reverse("stories:roundup_list"),
        reverse("stories:roundup_list") + "?q=weekly",
        reverse("stories:deadline_list"),
        reverse("stories:topic_detail", args=["forced-labour"]),
        reverse("stories:region_detail", args=["kenya"]),
        reverse("stories:story_feed"),
        reverse("stories:story_atom"),
        reverse("stories:roundup_feed"),
        reverse("stories:roundup_atom"),
        reverse("stories:sitemap"),
    ]


def test_no_reader_page_lists_an_unpublished_item(client, content):
    seen_visible = False
    for url in reader_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Secretstory" not in page and "secret-" not in page, url
        assert "Secretdigest" not in page, url
        seen_visible = seen_visible or "Visiblestory" in page
    assert seen_visible


def test_unpublished_pages_are_not_found_by_readers(client, content):
    _, hidden = content
    for story in hidden.values():
        assert client.get(story.get_absolute_url()).status_code == 404, story.status
    assert (
        client.get(reverse("stories:roundup_detail", args=["secret-digest-draft"])).status_code
        == 404
    )


def test_a_published_digest_shows_only_its_published_items(client, content):
    visible, _ = content
    digest = visible.led_roundups.get()
    page = client.get(digest.get_absolute_url()).content.decode()
    assert "Visiblestory" in page
    assert "Secretstory" not in page


def test_a_logged_in_editor_without_preview_sees_what_readers_see(editor_client, content):
    _, hidden = content
    assert editor_client.get(hidden["draft"].get_absolute_url()).status_code == 404
    assert "Secretstory" not in editor_client.get(reverse("stories:story_list")).content.decode()


def test_a_taken_down_story_leaves_cached_reader_pages_at_once(client, moderator):
    story = StoryFactory(published=True, title="Soon removed")
    assert client.get(story.get_absolute_url()).status_code == 200
    assert "Soon removed" in client.get(reverse("stories:story_list")).content.decode()
    story.take_down(moderator, comment="Legal request")
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Soon removed" not in client.get(reverse("stories:story_list")).content.decode()


def test_a_published_story_appears_on_cached_reader_pages_at_once(client, moderator):
    story = StoryFactory(approved=True, title="Fresh news")
    assert "Fresh news" not in client.get(reverse("stories:story_list")).content.decode()
    story.publish(moderator)
    assert "Fresh news" in client.get(reverse("stories:story_list")).content.decode()
