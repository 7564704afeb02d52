"""The workflow as people use it in the admin: buttons, bulk actions, queue, locking, history."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from stories.models import Status, Story, Transition
from tests.admin_pages import (
    bulk,
    change_form,
    fill,
    messages_on,
    press,
    save,
    save_changes,
    take_step,
)
from tests.factories import RoundUpFactory, StoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def workflow_url(obj):
    return reverse(f"admin:stories_{obj._meta.model_name}_workflow", args=[obj.pk])


def change_url(obj):
    return reverse(f"admin:stories_{obj._meta.model_name}_change", args=[obj.pk])


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


def test_a_moderator_approves_from_the_change_form_with_a_comment(django_app, moderator):
    story = StoryFactory(in_review=True)
    page = take_step(django_app, story, "approve", user="moderator", comment="Well sourced")
    assert page.request.path == change_url(story)
    story.refresh_from_db()
    assert story.status == Status.APPROVED
    transition = Transition.objects.get()
    assert (transition.by, transition.comment) == (moderator, "Well sourced")
    assert "Well sourced" in page.text
    assert "In review → Approved" in page.text


def test_requesting_changes_without_a_comment_is_refused_with_a_message(django_app, moderator):
    story = StoryFactory(in_review=True)
    page = take_step(django_app, story, "request_changes", user="moderator")
    assert page.status_code == 200
    assert "comment is required" in " ".join(e.text for e in page.html.select(".errorlist"))
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW


def test_publishing_at_a_typed_time_schedules_in_the_site_time_zone(django_app, moderator):
    story = StoryFactory(approved=True)
    take_step(django_app, story, "publish", user="moderator", at="2099-03-01T09:30")
    story.refresh_from_db()
    assert story.status == Status.SCHEDULED
    assert timezone.localtime(story.published_at).strftime("%Y-%m-%d %H:%M") == "2099-03-01 09:30"
    assert str(timezone.localtime(story.published_at).tzinfo) == "Europe/Vienna"


def test_a_step_on_a_version_changed_since_the_page_was_opened_is_refused(django_app, moderator):
    story = StoryFactory(in_review=True)
    form = change_form(django_app, story, user="moderator")
    story.title = "Changed meanwhile"
    story.save()
    page = press(form, "approve", user="moderator")
    assert "Someone else saved this story while you were editing" in page.text
    assert Story.objects.get(pk=story.pk).status == Status.IN_REVIEW


def review_form(app, roundup, story, *, user: str):
    """The review form of one of its stories on the round-up's page, as rendered."""
    page = app.get(change_url(roundup), user=user)
    return next(form for form in page.forms.values() if form.action == workflow_url(story))


def test_a_step_from_a_page_that_does_not_say_its_version_is_refused(django_app, moderator):
    story = StoryFactory(in_review=True)
    form = review_form(django_app, RoundUpFactory(items=[story]), story, user="moderator")
    # As the page rendered before the form carried the story's version.
    form.field_order = [(n, f) for n, f in form.field_order if n != "seen_version"]
    del form.fields["seen_version"]

    page = form.submit("action", value="approve", user="moderator").follow()

    assert any("did not say which version" in m for m in messages_on(page))
    assert Story.objects.get(pk=story.pk).status == Status.IN_REVIEW


def test_an_unknown_action_is_a_bad_request(django_app, moderator):
    story = StoryFactory(in_review=True)
    form = review_form(django_app, RoundUpFactory(items=[story]), story, user="moderator")
    crafted = [*form.submit_fields(), ("action", "delete")]
    response = django_app.post(form.action, crafted, user="moderator", expect_errors=True)
    assert response.status_code == 400
    assert django_app.get(form.action, user="moderator", expect_errors=True).status_code == 405
    assert Story.objects.get(pk=story.pk).status == Status.IN_REVIEW


def test_the_workflow_view_does_not_redirect_off_site(django_app, moderator):
    story = StoryFactory(in_review=True)
    form = review_form(django_app, RoundUpFactory(items=[story]), story, user="moderator")
    form["next"].force_value("https://evil.example/")
    response = form.submit("action", value="approve", user="moderator")
    assert response.headers["Location"] == change_url(story)
    assert Story.objects.get(pk=story.pk).status == Status.APPROVED


# --- Content locking and editing published items ---


def test_an_editor_cannot_save_a_story_under_review(django_app, editor):
    story = StoryFactory(in_review=True)
    page = django_app.get(change_url(story), user="editor")
    assert "content is locked" in page.text
    form = page.forms["story_form"]
    assert "title" not in form.fields  # shown, not an input
    # Add the input by hand, as a crafted request would.
    crafted = [*form.submit_fields("_save"), ("title", "Sneaky edit")]
    response = django_app.post(change_url(story), crafted, user="editor", expect_errors=True)
    assert response.status_code == 403
    assert Story.objects.get(pk=story.pk).title == story.title


def test_nobody_edits_a_published_story_in_place_a_save_proposes_changes(django_app, moderator):
    story = StoryFactory(published=True)
    save_changes(django_app, story, user="moderator", title="Corrected title")
    story.refresh_from_db()
    assert story.title != "Corrected title"
    assert story.pending_revision().content["title"] == "Corrected title"
    assert story.status == Status.PUBLISHED and story.is_published()


def test_an_editor_cannot_publish_by_posting_the_change_form(django_app, editor):
    story = StoryFactory(author=editor)
    form = fill(change_form(django_app, story, user="editor"), title="Edited")
    fill(form, published_at_0="2020-01-01", published_at_1="10:00:00")
    # The status is shown, not an input: add one by hand, as a crafted request would.
    crafted = [*form.submit_fields("_continue"), ("status", "published")]
    response = django_app.post(change_url(story), crafted, user="editor")
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Edited"
    assert story.status == Status.DRAFT
    assert not story.is_published()


# --- Bulk actions ---


def changelist(model="story"):
    return reverse(f"admin:stories_{model}_changelist")


def test_bulk_submit_reports_each_item(django_app, editor):
    draft = StoryFactory(title="A draft")
    published = StoryFactory(published=True, title="Already out")
    page = bulk(django_app, "story", "submit_for_review", [draft, published], user="editor")
    messages = messages_on(page)
    assert "“A draft”: now in review." in messages
    assert any(m.startswith("“Already out”: not changed.") for m in messages)
    assert Story.objects.get(pk=draft.pk).status == Status.IN_REVIEW
    assert Story.objects.get(pk=published.pk).status == Status.PUBLISHED


def test_bulk_approve_and_publish_for_moderators(django_app, moderator):
    stories = [StoryFactory(in_review=True) for _ in range(3)]
    bulk(django_app, "story", "approve", stories, user="moderator")
    assert set(Story.objects.values_list("status", flat=True)) == {Status.APPROVED}
    bulk(django_app, "story", "publish", stories, user="moderator")
    assert Story.objects.published().count() == 3


def test_bulk_publish_of_a_round_up_applies_the_batch_rule(django_app, moderator):
    ready = RoundUpFactory(approved=True, items=[StoryFactory(approved=True)], title="Ready")
    lead = StoryFactory(in_review=True)
    not_ready = RoundUpFactory(approved=True, lead_story=lead, title="Not ready")
    page = bulk(django_app, "roundup", "publish", [ready, not_ready], user="moderator")
    messages = messages_on(page)
    assert any("Ready" in m and "now published" in m for m in messages)
    assert any("Not ready" in m and "not changed" in m for m in messages)
    ready.refresh_from_db()
    not_ready.refresh_from_db()
    assert ready.is_published() and not not_ready.is_published()
    assert Story.objects.published().count() == 1


def test_an_editor_cannot_run_the_approve_or_publish_actions_by_posting_them(django_app, editor):
    story = StoryFactory(approved=True)
    for action in ("approve", "publish"):
        form = django_app.get(changelist(), user="editor").forms["changelist-form"]
        assert action not in [value for value, *_ in form["action"].options]
        # The list offers no such action: choose it anyway, as a crafted request would.
        form["action"].force_value(action)
        for checkbox in form.fields["_selected_action"]:
            checkbox.checked = checkbox._value == str(story.pk)
        response = form.submit("index", user="editor", expect_errors=True)
        assert response.status_code in (200, 302, 403)
    story.refresh_from_db()
    assert story.status == Status.APPROVED
    assert not Transition.objects.exists()


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


def test_a_moderator_reviews_a_round_ups_stories_from_its_page(django_app, moderator):
    first = StoryFactory(in_review=True, title="First item")
    second = StoryFactory(in_review=True, title="Second item")
    roundup = RoundUpFactory(in_review=True, lead_story=first, items=[second])
    page = django_app.get(change_url(roundup), user="moderator")
    reviews = page.html.select("#roundup-review tbody tr")
    assert [row.a.text for row in reviews] == ["First item", "Second item"]

    form = next(f for k, f in page.forms.items() if f.action == workflow_url(first))
    page = form.submit("action", value="approve", user="moderator").follow()
    form = next(f for k, f in page.forms.items() if f.action == workflow_url(second))
    form["comment"] = "Add a source"
    page = form.submit("action", value="request_changes", user="moderator").follow()
    assert page.request.path == change_url(roundup)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.APPROVED, Status.CHANGES_REQUESTED)

    refused = press(page.forms["roundup_form"], "approve", user="moderator")
    assert "“Approve” was not taken and nothing was saved" in refused.text
    assert "Second item" in refused.text
    roundup.refresh_from_db()
    assert roundup.status == Status.IN_REVIEW


def test_a_round_up_review_of_a_story_changed_since_is_refused(django_app, moderator):
    story = StoryFactory(in_review=True, title="Item")
    roundup = RoundUpFactory(in_review=True, items=[story])
    page = django_app.get(change_url(roundup), user="moderator")
    story.title = "Item, rewritten meanwhile"
    story.save()
    form = next(f for k, f in page.forms.items() if f.action == workflow_url(story))
    page = form.submit("action", value="approve", user="moderator").follow()
    assert any("changed since you opened it" in m for m in messages_on(page))
    assert Story.objects.get(pk=story.pk).status == Status.IN_REVIEW


def test_submitting_a_round_up_from_its_page_submits_its_drafts(django_app, editor):
    draft = StoryFactory()
    roundup = RoundUpFactory(items=[draft])
    take_step(django_app, roundup, "submit", user="editor")
    draft.refresh_from_db()
    roundup.refresh_from_db()
    assert (draft.status, roundup.status) == (Status.IN_REVIEW, Status.IN_REVIEW)


def test_identity_protection_is_confirmed_with_a_button(django_app, moderator):
    story = StoryFactory(in_review=True, involves_vulnerable_person=True)
    page = django_app.get(change_url(story), user="moderator")
    page = press(page.forms["story_form"], "confirm_identity_protection", user="moderator")
    story.refresh_from_db()
    assert story.identity_protection_confirmed_by == moderator
    assert "Confirm identities are protected" not in page.text


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
    django_app, editor, moderator, other_moderator
):
    story = StoryFactory(involves_vulnerable_person=True, in_review=True, author=moderator)
    story.confirm_identity_protection(other_moderator)
    story.request_changes(moderator, comment="Shorten it")
    save_changes(django_app, story, user="editor", body="Now names the girl's village.")
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


def test_a_tag_too_long_for_the_database_is_refused_in_the_form(django_app, editor):
    story = StoryFactory()
    form = fill(change_form(django_app, story, user="editor"), tags="x" * 101)
    response = save(form, user="editor")
    assert response.status_code == 200
    assert "at most 100 characters" in response.html.select_one(".field-tags .errorlist").text
    ok = save(fill(response.forms["story_form"], tags="x" * 100), user="editor")
    assert ok.status_code == 302


# --- A workflow step saves the page's changes first ---


def test_a_workflow_step_saves_the_changes_typed_on_the_page(django_app, editor, moderator):
    story = StoryFactory(author=editor, title="Kiln workers freed")
    story.submit(editor)
    story.request_changes(moderator, comment="Name the source")
    form = change_form(django_app, story, user="editor")
    form["source_name"] = "Labour inspectorate"

    page = press(form, "submit", user="editor")

    story.refresh_from_db()
    assert (story.status, story.source_name) == (Status.IN_REVIEW, "Labour inspectorate")
    assert "“Kiln workers freed” was saved." in messages_on(page)
    assert "“Kiln workers freed”: Changes requested → In review." in messages_on(page)
    comment = Version.objects.get_for_object(story).first().revision.comment
    assert "Edited the source name." in comment and "In review" in comment


def test_submitting_a_round_up_saves_its_introduction_and_items_first(django_app, editor):
    item = StoryFactory(title="Item")
    roundup = RoundUpFactory(introduction="Draft introduction", items=[item])
    form = change_form(django_app, roundup, user="editor")
    form["introduction"] = "Fixed as the moderator asked."
    form["items-0-blurb"] = "A better blurb."

    press(form, "submit", user="editor")

    roundup.refresh_from_db()
    item.refresh_from_db()
    assert roundup.introduction == "Fixed as the moderator asked."
    assert roundup.items.get().blurb == "A better blurb."
    assert (roundup.status, item.status) == (Status.IN_REVIEW, Status.IN_REVIEW)


def test_a_workflow_step_with_invalid_changes_does_nothing_and_keeps_the_input(django_app, editor):
    story = StoryFactory(author=editor, title="Kept title")
    form = change_form(django_app, story, user="editor")
    form["title"] = ""
    form["summary"] = "A new summary"
    form["_workflow_comment"] = "Ready now"

    page = press(form, "submit", user="editor")

    assert page.status_code == 200
    assert "This field is required." in page.text
    kept = page.forms["story_form"]
    assert kept["summary"].value == "A new summary"
    assert kept["_workflow_comment"].value == "Ready now"
    story.refresh_from_db()
    assert story.status == Status.DRAFT and story.summary != "A new summary"


def test_a_refused_step_undoes_the_save_and_keeps_the_input(django_app, moderator):
    story = StoryFactory(in_review=True, title="Old title")
    form = change_form(django_app, story, user="moderator")
    form["title"] = "New title"

    page = press(form, "request_changes", user="moderator")  # no comment: refused

    assert page.status_code == 200
    assert "“Request changes” was not taken and nothing was saved" in page.text
    assert "comment is required" in page.text
    assert page.forms["story_form"]["title"].value == "New title"
    story.refresh_from_db()
    assert (story.status, story.title) == (Status.IN_REVIEW, "Old title")
    assert not Transition.objects.exists()

    # With the comment the moderator asked for, the same page goes through.
    form = page.forms["story_form"]
    form["_workflow_comment"] = "Cite the report"
    press(form, "request_changes", user="moderator")
    story.refresh_from_db()
    assert (story.status, story.title) == (Status.CHANGES_REQUESTED, "New title")


def test_a_step_from_a_read_only_page_without_its_version_is_refused(django_app, editor):
    story = StoryFactory(in_review=True, author=editor)
    form = change_form(django_app, story, user="editor")
    assert "title" not in form.fields  # the editor may only view a submitted story
    form.field_order = [(n, f) for n, f in form.field_order if n != "seen_version"]
    del form.fields["seen_version"]

    page = press(form, "return_to_draft", user="editor")

    assert any("did not say which version" in m for m in messages_on(page))
    assert Story.objects.get(pk=story.pk).status == Status.IN_REVIEW


@pytest.mark.parametrize("step", ["publish", "no_such_step"])
def test_a_step_the_page_does_not_offer_is_refused_and_saves_nothing(django_app, editor, step):
    story = StoryFactory(author=editor, title="Kept title")
    form = fill(change_form(django_app, story, user="editor"), title="Edited")
    crafted = [*form.submit_fields(), ("_workflow", step)]

    page = django_app.post(change_url(story), crafted, user="editor")

    assert page.status_code == 200
    assert "nothing was saved" in page.text
    assert page.forms["story_form"]["title"].value == "Edited"
    story.refresh_from_db()
    assert (story.status, story.title) == (Status.DRAFT, "Kept title")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row estimate")
def test_the_unfiltered_story_list_of_a_large_archive_says_about_how_many(
    admin_client, monkeypatch
):
    from stories.admin import EstimatedCountPaginator

    StoryFactory.create_batch(3, published=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE stories_story")
    monkeypatch.setattr(EstimatedCountPaginator, "ESTIMATE_ABOVE", 0)

    url = reverse("admin:stories_story_changelist")
    unfiltered = admin_client.get(url)
    filtered = admin_client.get(f"{url}?status__exact=published")

    assert re.search(r"about \d+ stories", unfiltered.text)
    assert "about" not in re.search(r'<p class="paginator">(.*?)</p>', filtered.text, re.S)[1]
