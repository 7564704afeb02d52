"""Changing a live story in a real browser: proposed, reviewed, published with a correction."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stories.models import ChangeNote, PendingRevision
from tests.e2e.conftest import sign_in
from tests.factories import StoryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_editors_change_to_a_live_story_is_reviewed_and_published_as_a_correction(
    page, second_page, editor, moderator
):
    story = StoryFactory(
        published=True,
        author=editor,
        title="Kenyans repatriated from scam compounds",
        slug="kenyans-repatriated",
        body="The first flight landed in Nairobi.\n\nOfficials said 40 people were on board.",
    )
    change_page = reverse("admin:stories_story_change", args=[story.pk])

    # The editor proposes a change to the last sentence of the live story.
    sign_in(page, "editor")
    page.goto(change_page)
    assert "Saving this page proposes changes" in page.inner_text("#content")
    page.fill(
        "#id_body", "The first flight landed in Nairobi.\n\nOfficials said 46 people were on board."
    )
    page.click("input[name=_save]")
    page.wait_for_selector("#pending-heading")
    page.click("button[name=_workflow][value=changes_submit]")
    page.wait_for_selector("#pending-heading:has-text('in review')")

    # Readers still see the live text.
    second_page.goto(story.get_absolute_url())
    assert "40 people" in second_page.inner_text("main")

    # The moderator sees the word diff and sends the change back with a comment.
    sign_in(second_page, "moderator")
    second_page.goto(change_page)
    assert second_page.inner_text(".pending-diff td del") == "40"
    assert second_page.inner_text(".pending-diff td ins") == "46"
    # ... and opens the proposed version as readers would get it once published.
    with second_page.expect_popup() as opened:
        second_page.click("#pending-changes a:has-text('Preview the proposed version')")
    proposed = opened.value
    proposed.wait_for_selector(".draft-banner")
    assert "Proposed changes — not live" in proposed.inner_text(".draft-banner")
    assert "46 people" in proposed.inner_text("main")
    proposed.close()
    second_page.fill("#workflow-comment", "Say who counted them.")
    second_page.click("button[name=_workflow][value=changes_request]")
    second_page.wait_for_selector("#pending-heading:has-text('changes requested')")

    # The editor sees the request, fixes the text and submits again.
    page.goto(change_page)
    assert "Say who counted them." in page.inner_text("#pending-changes")
    page.fill(
        "#id_body",
        "The first flight landed in Nairobi.\n\nThe ministry said 46 people were on board.",
    )
    page.click("input[name=_save]")
    page.wait_for_selector("#pending-heading")
    page.click("button[name=_workflow][value=changes_submit]")
    page.wait_for_selector("#pending-heading:has-text('in review')")

    # The moderator approves and publishes it as a correction.
    second_page.goto(change_page)
    second_page.click("button[name=_workflow][value=changes_approve]")
    second_page.wait_for_selector("#pending-heading:has-text('approved')")
    second_page.check("input[name=_change_kind][value=correction]")
    second_page.fill("#change-note", "An earlier version gave the wrong number of people.")
    second_page.click("button[name=_workflow][value=changes_publish]")
    second_page.wait_for_selector("#workflow-heading")
    assert not PendingRevision.objects.exists()
    assert ChangeNote.objects.get().kind == "correction"

    # An anonymous reader sees the correction on the page and in the feed.
    reader = page.context.browser.new_context(base_url=page.url.split("/admin")[0])
    reading = reader.new_page()
    reading.goto(story.get_absolute_url())
    main = reading.inner_text("main")
    assert "46 people" in main
    assert "An earlier version gave the wrong number of people." in main
    assert reading.locator(".change-note.is-correction").count() == 1
    feed = reading.request.get("/feeds/stories/atom/").text()
    assert "An earlier version gave the wrong number of people." in feed
    reader.close()
    assert page.policy_violations == []
