"""Small things a new editor meets in the admin: refusals, links, the list, notices, the name."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from stories.models import Status, Story
from tests.factories import StoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def change_url(obj):
    return reverse(f"admin:stories_{obj._meta.model_name}_change", args=[obj.pk])


def emitting_handlers(record: logging.LogRecord) -> list[logging.Handler]:
    """The handlers (pytest's own aside) that would write this record, as logging walks up."""
    handlers, logger = [], logging.getLogger(record.name)
    while logger is not None:
        handlers += [
            h
            for h in logger.handlers
            if "pytest" not in type(h).__module__ and record.levelno >= h.level and h.filter(record)
        ]
        logger = logger.parent if logger.propagate else None
    return handlers


def test_a_refused_step_is_explained_in_the_admins_look_and_logged_once(
    django_app, editor, caplog, settings
):
    settings.DEBUG = True  # Django's own console handler writes only when debugging
    story = StoryFactory(approved=True)
    page = django_app.get(change_url(story), user="editor")
    token = page.forms["logout-form"]["csrfmiddlewaretoken"].value
    caplog.set_level(logging.INFO)
    response = django_app.post(
        reverse("admin:stories_story_workflow", args=[story.pk]),
        {"csrfmiddlewaretoken": token, "action": "publish", "seen_version": story.lock_version},
        user="editor",
        expect_errors=True,
    )
    assert response.status_code == 403
    assert response.html.select_one("#site-name").get_text(strip=True) == (
        "Newsroom administration"
    )
    reason = response.html.select_one("#content-main .errornote").get_text(strip=True)
    assert reason == "You are not allowed to publish or schedule this story."
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].exc_info is None
    assert reason in records[0].getMessage()
    assert len(emitting_handlers(records[0])) == 1


def test_a_draft_offers_preview_and_only_a_public_item_view_on_site(django_app, moderator):
    draft = StoryFactory(title="Draft story")
    page = django_app.get(change_url(draft), user="moderator")
    tools = page.html.select_one(".object-tools")
    assert "View on site" not in tools.get_text()
    preview = page.click(description="Preview", href=r"\?preview=1")
    assert preview.status_code == 200
    assert "Preview — not published." in preview.text

    public = StoryFactory(published=True)
    page = django_app.get(change_url(public), user="moderator")
    site = page.click(description="View on site").maybe_follow()
    assert site.request.path == public.get_absolute_url()
    assert site.status_code == 200


def test_a_newly_saved_draft_is_first_in_the_admin_list(django_app, editor):
    for _ in range(3):
        StoryFactory(published=True)
    form = django_app.get(reverse("admin:stories_story_add"), user="editor").forms["story_form"]
    form["title"] = "A brand new draft"
    form["slug"] = "a-brand-new-draft"
    form["summary"] = "Written a minute ago."
    changelist = form.submit("_save").follow()
    assert Story.objects.filter(title="A brand new draft", published_at=None).exists()
    first = changelist.html.select_one("#result_list tbody tr th")
    assert first.get_text(strip=True) == "A brand new draft"


def test_people_who_can_only_read_a_locked_item_are_not_editing_it(
    django_app, editor, moderator, other_moderator
):
    story = StoryFactory(in_review=True)  # locked for editors
    django_app.get(change_url(story), user="editor")
    page = django_app.get(change_url(story), user="moderator")
    assert "Also being edited by" not in page.text
    page = django_app.get(change_url(story), user="other_moderator")
    assert "Also being edited by moderator" in page.text


def test_the_author_sees_the_latest_send_back_at_the_top_of_the_page(django_app, editor, moderator):
    story = StoryFactory(in_review=True, author=editor)
    story.request_changes(moderator, comment="Name the source.")
    story.submit(editor)
    story.request_changes(moderator, comment="Shorten the summary to one sentence.")
    page = django_app.get(change_url(story), user="editor")
    notice = page.html.select_one("#send-back")
    assert "Shorten the summary to one sentence." in notice.get_text()
    assert "Name the source." not in notice.get_text()
    assert page.text.index('id="send-back"') < page.text.index('id="story_form"')
    assert story.status == Status.CHANGES_REQUESTED
    other = django_app.get(change_url(story), user="moderator")
    assert other.html.select_one("#send-back") is None


def test_the_admin_carries_the_sites_name(django_app, editor, settings):
    settings.SITE_NAME = "Anti-Trafficking Newsroom"
    page = django_app.get(reverse("admin:index"), user="editor")
    assert page.html.select_one("#site-name").get_text(strip=True) == (
        "Anti-Trafficking Newsroom administration"
    )
    assert "Anti-Trafficking Newsroom admin" in page.html.title.get_text()
    assert "Django" not in page.text.replace("django", "")
