"""Staff preview drafts with a banner; share links show one draft to someone without an account."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stories import preview
from stories.models import PreviewLink
from tests.factories import RoundUpFactory, StoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def share(client, obj):
    url = reverse(f"admin:stories_{obj._meta.model_name}_share", args=[obj.pk])
    assert client.post(url).status_code == 302
    return preview.link_url(PreviewLink.objects.latest("pk")).removeprefix("http://127.0.0.1:8000")


def assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert "public" not in cache_control


def test_staff_preview_a_draft_with_the_public_template_and_a_banner(editor_client):
    story = StoryFactory(title="Draft about brick kilns")
    response = editor_client.get(story.get_absolute_url() + "?preview=1")
    assert response.status_code == 200
    assert "stories/story_detail.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "Preview — not published" in page and "Draft about brick kilns" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert_private(response)


def test_the_change_form_links_to_the_preview(editor_client):
    story = StoryFactory()
    page = editor_client.get(reverse("admin:stories_story_change", args=[story.pk]))
    assert f'href="{story.get_absolute_url()}?preview=1"' in page.content.decode()


def test_a_share_link_shows_one_draft_to_someone_not_logged_in(editor_client):
    story = StoryFactory(title="Draft for the fact-checker")
    url = share(editor_client, story)
    assert url.startswith("/preview/")
    response = Client().get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Draft for the fact-checker" in page
    assert "Preview — not published" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert_private(response)


def test_a_share_link_to_a_round_up_shows_all_its_items(editor_client):
    roundup = RoundUpFactory(items=[StoryFactory(title="Unpublished item")])
    response = Client().get(share(editor_client, roundup))
    assert response.status_code == 200
    assert "Unpublished item" in response.content.decode()


def test_a_revoked_share_link_no_longer_opens(editor_client):
    story = StoryFactory()
    url = share(editor_client, story)
    link = PreviewLink.objects.get()
    editor_client.post(reverse("admin:stories_story_share", args=[story.pk]), {"revoke": link.pk})
    link.refresh_from_db()
    assert link.revoked_at is not None
    response = Client().get(url)
    assert response.status_code == 410
    assert_private(response)


def test_a_share_link_expires(editor_client):
    story = StoryFactory()
    url = share(editor_client, story)
    with time_machine.travel(timezone.now() + preview.LIFETIME + datetime.timedelta(minutes=1)):
        assert Client().get(url).status_code == 410
    assert Client().get(url).status_code == 200


def test_a_forged_or_altered_token_is_refused(editor_client):
    story = StoryFactory()
    url = share(editor_client, story)
    other = PreviewLink.objects.create(
        content_object=StoryFactory(), expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    token = url.strip("/").split("/")[-1]
    forged = token.replace(token.split(":")[0], str(other.pk), 1)
    assert Client().get(f"/preview/{forged}/").status_code == 404
    assert Client().get("/preview/1/").status_code == 404


def test_only_staff_with_the_permission_create_share_links(client):
    story = StoryFactory()
    response = client.post(reverse("admin:stories_story_share", args=[story.pk]))
    assert response.status_code == 302 and "/login/" in response.url
    assert not PreviewLink.objects.exists()
