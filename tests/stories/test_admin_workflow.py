"""The workflow as people use it in the admin: buttons, bulk actions, queue, locking, history."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from stories.models import Status, Story, Transition
from tests.admin_forms import change_form_data
from tests.factories import RoundUpFactory, StoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def workflow_url(obj):
    return reverse(f"admin:stories_{obj._meta.model_name}_workflow", args=[obj.pk])


def change_url(obj):
    return reverse(f"admin:stories_{obj._meta.model_name}_change", args=[obj.pk])


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_change_form_offers_only_the_steps_the_user_may_take(
    editor_client, editor, moderator_client
):
    story = StoryFactory(in_review=True, author=editor)
    as_editor = editor_client.get(change_url(story))
    as_moderator = moderator_client.get(change_url(story))
    assert [name for name, _ in as_editor.context["workflow_actions"]] == ["return_to_draft"]
    assert [name for name, _ in as_moderator.context["workflow_actions"]] == [
        "approve",
        "request_changes",
        "return_to_draft",
    ]
    assert b'value="approve"' in as_moderator.content
    assert b'value="approve"' not in as_editor.content


def test_a_moderator_approves_from_the_change_form_with_a_comment(moderator_client, moderator):
    story = StoryFactory(in_review=True)
    response = moderator_client.post(
        workflow_url(story),
        {"action": "approve", "comment": "Well sourced", "seen_version": story.lock_version},
    )
    assert response.status_code == 302 and response.url == change_url(story)
    story.refresh_from_db()
    assert story.status == Status.APPROVED
    transition = Transition.objects.get()
    assert (transition.by, transition.comment) == (moderator, "Well sourced")
    page = moderator_client.get(change_url(story))
    assert b"Well sourced" in page.content
    assert "In review → Approved" in page.content.decode()


def test_requesting_changes_without_a_comment_is_refused_with_a_message(moderator_client):
    story = StoryFactory(in_review=True)
    response = moderator_client.post(workflow_url(story), {"action": "request_changes"})
    assert response.status_code == 302
    assert any("comment is required" in text for text in texts(response))
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW


def test_publishing_at_a_typed_time_schedules_in_the_site_time_zone(moderator_client):
    story = StoryFactory(approved=True)
    response = moderator_client.post(
        workflow_url(story), {"action": "publish", "at": "2099-03-01T09:30"}
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Status.SCHEDULED
    assert timezone.localtime(story.published_at).strftime("%Y-%m-%d %H:%M") == "2099-03-01 09:30"
    assert str(timezone.localtime(story.published_at).tzinfo) == "Europe/Vienna"


def test_a_step_on_a_version_changed_since_the_page_was_opened_is_refused(moderator_client):
    story = StoryFactory(in_review=True)
    seen = story.lock_version
    story.title = "Changed meanwhile"
    story.save()
    response = moderator_client.post(
        workflow_url(story), {"action": "approve", "seen_version": seen}
    )
    assert response.status_code == 302
    assert any("changed since you opened it" in text for text in texts(response))
    assert Story.objects.get(pk=story.pk).status == Status.IN_REVIEW


def test_an_unknown_action_is_a_bad_request(moderator_client):
    story = StoryFactory(in_review=True)
    assert moderator_client.post(workflow_url(story), {"action": "delete"}).status_code == 400
    assert moderator_client.get(workflow_url(story)).status_code == 405


def test_the_workflow_view_does_not_redirect_off_site(moderator_client):
    story = StoryFactory(in_review=True)
    response = moderator_client.post(
        workflow_url(story), {"action": "approve", "next": "https://evil.example/"}
    )
    assert response.url == change_url(story)


# --- Content locking and editing published items ---


def test_an_editor_cannot_save_a_story_under_review(editor_client):
    story = StoryFactory(in_review=True)
    page = editor_client.get(change_url(story))
    assert page.status_code == 200
    assert b"content is locked" in page.content
    response = editor_client.post(change_url(story), {"title": "Sneaky edit"})
    assert response.status_code == 403
    assert Story.objects.get(pk=story.pk).title == story.title


def test_an_editor_cannot_edit_a_published_story_but_a_moderator_can(
    editor_client, moderator_client
):
    story = StoryFactory(published=True)
    assert editor_client.post(change_url(story), {"title": "x"}).status_code == 403
    page = moderator_client.get(change_url(story))
    response = moderator_client.post(
        change_url(story), change_form_data(page, title="Corrected title")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    story.refresh_from_db()
    assert story.title == "Corrected title"
    assert story.status == Status.PUBLISHED and story.is_published()


def test_an_editor_cannot_publish_by_posting_the_change_form(editor_client, editor):
    story = StoryFactory(author=editor)
    page = editor_client.get(change_url(story))
    data = change_form_data(page, status="published", title="Edited")
    data["published_at_0"], data["published_at_1"] = "2020-01-01", "10:00:00"
    assert editor_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.title == "Edited"
    assert story.status == Status.DRAFT
    assert not story.is_published()


# --- Bulk actions ---


def changelist(model="story"):
    return reverse(f"admin:stories_{model}_changelist")


def test_bulk_submit_reports_each_item(editor_client):
    draft = StoryFactory(title="A draft")
    published = StoryFactory(published=True, title="Already out")
    response = editor_client.post(
        changelist(),
        {"action": "submit_for_review", "_selected_action": [draft.pk, published.pk]},
    )
    assert response.status_code == 302
    messages = texts(response)
    assert "“A draft”: now in review." in messages
    assert any(m.startswith("“Already out”: not changed.") for m in messages)
    assert Story.objects.get(pk=draft.pk).status == Status.IN_REVIEW
    assert Story.objects.get(pk=published.pk).status == Status.PUBLISHED


def test_bulk_approve_and_publish_for_moderators(moderator_client):
    stories = [StoryFactory(in_review=True) for _ in range(3)]
    pks = [story.pk for story in stories]
    moderator_client.post(changelist(), {"action": "approve", "_selected_action": pks})
    assert set(Story.objects.values_list("status", flat=True)) == {Status.APPROVED}
    moderator_client.post(changelist(), {"action": "publish", "_selected_action": pks})
    assert Story.objects.published().count() == 3


def test_bulk_publish_of_a_round_up_applies_the_batch_rule(moderator_client):
    ready = RoundUpFactory(approved=True, items=[StoryFactory(approved=True)], title="Ready")
    lead = StoryFactory(in_review=True)
    not_ready = RoundUpFactory(approved=True, lead_story=lead, title="Not ready")
    response = moderator_client.post(
        changelist("roundup"),
        {"action": "publish", "_selected_action": [ready.pk, not_ready.pk]},
    )
    messages = texts(response)
    assert any("Ready" in m and "now published" in m for m in messages)
    assert any("Not ready" in m and "not changed" in m for m in messages)
    ready.refresh_from_db()
    not_ready.refresh_from_db()
    assert ready.is_published() and not not_ready.is_published()
    assert Story.objects.published().count() == 1


def test_an_editor_cannot_run_the_approve_or_publish_actions_by_posting_them(editor_client):
    story = StoryFactory(approved=True)
    for action in ("approve", "publish"):
        response = editor_client.post(
            changelist(), {"action": action, "_selected_action": [story.pk]}
        )
        assert response.status_code in (200, 302, 403)
    story.refresh_from_db()
    assert story.status == Status.APPROVED
    assert not Transition.objects.exists()
    actions = editor_client.get(changelist()).context["action_form"].fields["action"].choices
    assert "approve" not in [name for name, _ in actions]


# --- Moderation queue ---


def test_the_admin_index_counts_items_awaiting_review_and_my_drafts(editor_client, editor):
    StoryFactory(in_review=True)
    StoryFactory(in_review=True)
    RoundUpFactory(in_review=True)
    StoryFactory(author=editor)
    StoryFactory()
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert "2 awaiting review" in page
    assert "1 awaiting review" in page
    assert "1 of my drafts" in page
    assert "?status__exact=in_review" in page


def test_my_drafts_lists_only_the_editors_own_drafts(editor_client, editor):
    mine = StoryFactory(author=editor)
    StoryFactory(author=editor, in_review=True)
    StoryFactory()
    response = editor_client.get(changelist(), {"mine": "drafts"})
    assert list(response.context["cl"].result_list) == [mine]


def test_the_review_list_shows_items_in_review(moderator_client):
    waiting = StoryFactory(in_review=True)
    StoryFactory()
    response = moderator_client.get(changelist(), {"status__exact": "in_review"})
    assert list(response.context["cl"].result_list) == [waiting]


# --- Round-up review from its page ---


def test_a_moderator_reviews_a_round_ups_stories_from_its_page(moderator_client):
    first = StoryFactory(in_review=True, title="First item")
    second = StoryFactory(in_review=True, title="Second item")
    roundup = RoundUpFactory(in_review=True, lead_story=first, items=[second])
    page = moderator_client.get(change_url(roundup))
    assert [s.title for s, _, _ in page.context["roundup_stories"]] == [
        "First item",
        "Second item",
    ]
    back = change_url(roundup)
    moderator_client.post(workflow_url(first), {"action": "approve", "next": back})
    response = moderator_client.post(
        workflow_url(second),
        {"action": "request_changes", "comment": "Add a source", "next": back},
    )
    assert response.url == back
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.APPROVED, Status.CHANGES_REQUESTED)
    refused = moderator_client.post(workflow_url(roundup), {"action": "approve"})
    assert any("Second item" in m for m in texts(refused))
    roundup.refresh_from_db()
    assert roundup.status == Status.IN_REVIEW


def test_submitting_a_round_up_from_its_page_submits_its_drafts(editor_client):
    draft = StoryFactory()
    roundup = RoundUpFactory(items=[draft])
    editor_client.post(workflow_url(roundup), {"action": "submit"})
    draft.refresh_from_db()
    roundup.refresh_from_db()
    assert (draft.status, roundup.status) == (Status.IN_REVIEW, Status.IN_REVIEW)


def test_identity_protection_is_confirmed_with_a_button(moderator_client, moderator):
    story = StoryFactory(in_review=True, involves_vulnerable_person=True)
    page = moderator_client.get(change_url(story))
    assert page.context["can_confirm_identity"]
    moderator_client.post(workflow_url(story), {"action": "confirm_identity_protection"})
    story.refresh_from_db()
    assert story.identity_protection_confirmed_by == moderator
    assert not moderator_client.get(change_url(story)).context["can_confirm_identity"]


def test_times_in_the_list_carry_their_time_zone(moderator_client):
    StoryFactory(
        published=True, published_at=datetime.datetime(2025, 6, 1, 8, 0, tzinfo=datetime.UTC)
    )
    page = moderator_client.get(changelist()).content.decode()
    assert "1 Jun 2025 10:00 CEST" in page


def test_the_change_form_names_others_editing_the_same_story(editor_client, moderator_client):
    story = StoryFactory()
    editor_client.get(change_url(story))
    page = moderator_client.get(change_url(story))
    assert page.context["also_editing"] == ["editor"]
    assert b"Also being edited by editor" in page.content


def test_editing_a_confirmed_story_voids_the_identity_protection_confirmation(
    editor_client, moderator, other_moderator
):
    story = StoryFactory(involves_vulnerable_person=True, in_review=True, author=moderator)
    story.confirm_identity_protection(other_moderator)
    story.request_changes(moderator, comment="Shorten it")
    page = editor_client.get(change_url(story))
    response = editor_client.post(
        change_url(story), change_form_data(page, body="Now names the girl's village.")
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.identity_protection_confirmed_at is None
    story.submit(moderator)
    with pytest.raises(ValidationError):
        story.approve(other_moderator)


def test_a_submitted_round_ups_items_are_locked_for_editors(editor_client, moderator_client):
    roundup = RoundUpFactory(in_review=True, items=[StoryFactory()])
    inline = editor_client.get(change_url(roundup)).context["inline_admin_formsets"][0]
    assert not inline.has_add_permission and not inline.has_delete_permission
    inline = moderator_client.get(change_url(roundup)).context["inline_admin_formsets"][0]
    assert inline.has_add_permission


def test_the_transition_log_lists_in_a_fixed_number_of_queries(
    moderator_client, moderator, django_assert_max_num_queries
):
    for _ in range(10):
        StoryFactory(in_review=True).approve(moderator)
    RoundUpFactory(in_review=True).return_to_draft(moderator)
    with django_assert_max_num_queries(12):
        response = moderator_client.get(reverse("admin:stories_transition_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 11
    assert response.content.decode().count("Story number") >= 10


def test_a_tag_too_long_for_the_database_is_refused_in_the_form(editor_client):
    story = StoryFactory()
    page = editor_client.get(change_url(story))
    response = editor_client.post(change_url(story), change_form_data(page, tags="x" * 101))
    assert response.status_code == 200
    assert "at most 100 characters" in str(response.context["adminform"].form.errors["tags"])
    ok = editor_client.post(change_url(story), change_form_data(page, tags="x" * 100))
    assert ok.status_code == 302
