"""The admin of a live item, as people use it: the rendered change form, submitted as it is."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stories.models import ChangeNote, PendingRevision, Status, Story
from tests.factories import RoundUpFactory, StoryFactory

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def open_form(app, obj, user: str):
    page = app.get(change_url(obj), user=user)
    return page, page.forms[f"{obj._meta.model_name}_form"]


FIELD_NAMES = {"comment": "_workflow_comment", "change_kind": "_change_kind",
               "change_note": "_change_note", "at": "_workflow_at"}  # fmt: skip


def press(app, obj, user: str, action: str, **fields):
    """Press a step of the proposed changes on the change page, as rendered."""
    _, form = open_form(app, obj, user)
    for name, value in fields.items():
        form[FIELD_NAMES[name]] = value
    response = form.submit("_workflow", value=action)
    return response.follow() if response.status_code == 302 else response


@pytest.fixture
def live_story(editor):
    return StoryFactory(
        published=True,
        author=editor,
        title="Kenyans repatriated from scam compounds",
        summary="The first group is home.",
        body="First paragraph.\n\nThe ministry said 40 people were brought back.",
    )


def test_an_editor_saving_a_live_story_proposes_changes_and_readers_see_no_change(
    django_app, client, live_story, editor
):
    before = client.get(live_story.get_absolute_url()).content
    page, form = open_form(django_app, live_story, "editor")
    assert "Saving this page proposes changes" in page.text
    form["body"] = "First paragraph.\n\nThe ministry said 46 people were brought back."
    page = form.submit("_save").follow()

    assert "saved as proposed changes" in page.text
    live_story.refresh_from_db()
    assert "40 people" in live_story.body
    assert client.get(live_story.get_absolute_url()).content == before
    revision = PendingRevision.objects.get()
    assert "46 people" in revision.content["body"]
    # The page opens on the proposal, with a diff of its last sentence against the live one.
    assert "<del>40</del>" in page.text and "<ins>46</ins>" in page.text
    assert page.forms["story_form"]["body"].value.endswith("46 people were brought back.")


def test_the_whole_review_of_proposed_changes_in_the_admin(
    django_app, client, live_story, editor, moderator
):
    _, form = open_form(django_app, live_story, "editor")
    form["title"] = "Kenyans repatriated from Myanmar scam compounds"
    form.submit("_save")
    press(django_app, live_story, "editor", "changes_submit")
    # Under review: the editor's form is read-only, the moderator sends it back with a comment.
    page = django_app.get(change_url(live_story), user="editor")
    assert "story_form" not in page.forms or "title" not in page.forms["story_form"].fields
    press(django_app, live_story, "moderator", "changes_request", comment="Name the country.")
    assert PendingRevision.objects.get().status == Status.CHANGES_REQUESTED
    page = django_app.get(change_url(live_story), user="editor")
    assert "Name the country." in page.text
    press(django_app, live_story, "editor", "changes_submit")
    press(django_app, live_story, "moderator", "changes_approve")
    page = press(
        django_app, live_story, "moderator", "changes_publish",
        change_kind="correction", change_note="An earlier version did not name the country.",
    )  # fmt: skip

    live_story.refresh_from_db()
    assert live_story.title == "Kenyans repatriated from Myanmar scam compounds"
    assert not PendingRevision.objects.exists()
    assert ChangeNote.objects.get().kind == "correction"
    story_page = client.get(live_story.get_absolute_url()).text
    assert "An earlier version did not name the country." in story_page


def test_publishing_without_a_note_is_refused_and_keeps_the_changes(
    django_app, live_story, editor, moderator, other_moderator
):
    _, form = open_form(django_app, live_story, "editor")
    form["summary"] = "A second group is home."
    form.submit("_save")
    press(django_app, live_story, "editor", "changes_submit")
    press(django_app, live_story, "moderator", "changes_approve")
    page = press(django_app, live_story, "moderator", "changes_publish", change_note="")
    assert "Write a change note" in page.text
    live_story.refresh_from_db()
    assert live_story.summary == "The first group is home."
    assert PendingRevision.objects.get().status == Status.APPROVED


def test_a_moderators_minor_change_goes_live_at_once(django_app, live_story, moderator):
    _, form = open_form(django_app, live_story, "moderator")
    form["title"] = "Kenyans repatriated from scam compounds."
    form["minor_change"] = True
    form.submit("_save").follow()
    live_story.refresh_from_db()
    assert live_story.title.endswith("compounds.")
    assert not PendingRevision.objects.exists()
    assert not ChangeNote.objects.exists()


def test_editors_are_not_offered_the_minor_change_box(django_app, live_story, editor):
    _, form = open_form(django_app, live_story, "editor")
    assert "minor_change" not in form.fields


def test_no_minor_change_box_on_a_story_involving_a_child(django_app, moderator):
    story = StoryFactory(published=True, involves_vulnerable_person=True)
    _, form = open_form(django_app, story, "moderator")
    assert "minor_change" not in form.fields


def test_a_save_from_a_page_opened_before_someone_elses_proposal_is_refused(
    django_app, live_story, editor, other_editor
):
    _, stale = open_form(django_app, live_story, "editor")
    _, first = open_form(django_app, live_story, "other_editor")
    first["summary"] = "Their summary."
    first.submit("_save")
    stale["title"] = "My title"
    page = stale.submit("_save")
    assert page.status_code == 200
    assert "Someone else changed the proposed changes" in page.text
    assert page.forms["story_form"]["title"].value == "My title"
    assert PendingRevision.objects.get().content["summary"] == "Their summary."


def test_a_live_round_ups_items_are_proposed_with_it(django_app, client, editor, moderator):
    first, second, third = (StoryFactory(published=True) for _ in range(3))
    roundup = RoundUpFactory(published=True, items=[first, second])
    _, form = open_form(django_app, roundup, "editor")
    form["items-0-blurb"] = "A shorter line about the first story."
    form["items-1-DELETE"] = True
    form["items-2-story"].force_value(third.pk)
    form["items-2-position"] = 5
    form.submit("_save").follow()

    assert [item.story for item in roundup.items.all()] == [first, second]
    revision = PendingRevision.objects.get()
    assert [(i["story"], i["blurb"]) for i in revision.content["items"]] == [
        (first.pk, "A shorter line about the first story."),
        (third.pk, ""),
    ]
    # Saved again unchanged, the proposed items stay as they are.
    page, form = open_form(django_app, roundup, "editor")
    assert "A shorter line about the first story." in page.text
    form.submit("_save").follow()
    revision.refresh_from_db()
    assert [i["story"] for i in revision.content["items"]] == [first.pk, third.pk]

    press(django_app, roundup, "editor", "changes_submit")
    press(django_app, roundup, "moderator", "changes_approve")
    press(django_app, roundup, "moderator", "changes_publish", change_kind="update",
          change_note="Added a story on forced labour.")  # fmt: skip
    assert [item.story for item in roundup.items.all()] == [first, third]


def test_editors_cannot_publish_proposed_changes_by_posting_the_step(
    django_app, live_story, editor
):
    _, form = open_form(django_app, live_story, "editor")
    form["title"] = "Changed"
    form.submit("_save")
    _, form = open_form(django_app, live_story, "editor")
    offered = [field.value_if_submitted() for field in form.fields.get("_workflow", [])]
    assert "changes_submit" in offered and "changes_publish" not in offered
    # A crafted button: the server refuses it and nothing goes live.
    data = [*form.submit_fields(), ("_workflow", "changes_publish"), ("_change_kind", "minor")]
    page = django_app.post(change_url(live_story), data, user="editor")
    assert "was not taken" in page.text
    assert Story.objects.get(pk=live_story.pk).title != "Changed"
    assert PendingRevision.objects.get().status == Status.DRAFT


def test_a_step_pressed_with_unsaved_edits_proposes_them_first(django_app, live_story, editor):
    _, form = open_form(django_app, live_story, "editor")
    form["title"] = "Proposed and submitted in one press"
    form.submit("_save")
    _, form = open_form(django_app, live_story, "editor")
    form["summary"] = "Typed, then Submit pressed without saving."
    form.submit("_workflow", value="changes_submit").follow()
    revision = PendingRevision.objects.get()
    assert revision.status == Status.IN_REVIEW
    assert revision.content["summary"] == "Typed, then Submit pressed without saving."
