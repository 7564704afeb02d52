"""Guards around the workflow that an editor's account once got past: who may send work back to
draft, what a moderator's identity-protection confirmation covers, share links of withdrawn items,
and dates nobody means."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stories import preview
from stories.models import RoundUpItem, Status, Story
from tests.factories import (
    OrganizationFactory,
    RoundUpFactory,
    StoryFactory,
    TopicFactory,
    region,
)

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:stories_{obj._meta.model_name}_change", args=[obj.pk])


# --- Returning to draft -----------------------------------------------------------------------


def test_an_editor_returns_their_own_submission_to_draft(django_app, editor):
    story = StoryFactory(in_review=True, author=editor)
    page = django_app.get(change_url(story), user="editor")
    page.forms["story_form"].submit("_workflow", value="return_to_draft").follow()
    story.refresh_from_db()
    assert story.status == Status.DRAFT


@pytest.mark.parametrize(
    "status", [Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED, Status.UNPUBLISHED]
)
def test_an_editor_cannot_return_someone_elses_item_to_draft(editor, other_editor, status):
    story = StoryFactory(status=status, author=other_editor)
    assert not story.may(editor, "return_to_draft")
    with pytest.raises(PermissionDenied):
        story.return_to_draft(editor)
    story.refresh_from_db()
    assert story.status == status


def test_an_editor_cannot_return_their_own_approved_item_to_draft(django_app, editor):
    story = StoryFactory(approved=True, author=editor)
    page = django_app.get(change_url(story), user="editor")
    assert "return_to_draft" not in page.text
    token = page.forms["logout-form"]["csrfmiddlewaretoken"].value
    response = django_app.post(
        reverse("admin:stories_story_workflow", args=[story.pk]),
        {
            "csrfmiddlewaretoken": token,
            "action": "return_to_draft",
            "seen_version": story.lock_version,
        },
        user="editor",
        expect_errors=True,
    )
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == Status.APPROVED


def test_an_editor_cannot_return_a_round_up_someone_else_submitted(editor, other_editor):
    roundup = RoundUpFactory(in_review=True, author=other_editor)
    with pytest.raises(PermissionDenied):
        roundup.return_to_draft(editor)


def test_a_moderator_returns_an_approved_item_to_draft(moderator):
    story = StoryFactory(approved=True)
    story.return_to_draft(moderator)
    assert story.status == Status.DRAFT


# --- Share links of withdrawn items -----------------------------------------------------------


def shared(story, by) -> str:
    link = preview.create_link(story, by=by)
    return preview.link_url(link).removeprefix("http://127.0.0.1:8000")


@pytest.mark.parametrize("step", ["take_down", "unpublish"])
def test_withdrawing_a_story_revokes_its_share_links(moderator, step):
    story = StoryFactory(published=True)
    url = shared(story, moderator)
    assert Client().get(url).status_code == 200
    getattr(story, step)(moderator, comment="It names a survivor")
    assert Client().get(url).status_code == 410


def test_a_take_down_time_passing_revokes_share_links(moderator):
    story = StoryFactory(published=True)
    url = shared(story, moderator)
    Story.objects.filter(pk=story.pk).update(unpublish_at=timezone.now())
    story.refresh_from_db()
    assert story.expire() is not None
    assert Client().get(url).status_code == 410


def test_taking_down_a_round_up_revokes_its_share_links(moderator):
    roundup = RoundUpFactory(published=True)
    url = preview.link_url(preview.create_link(roundup, by=moderator)).removeprefix(
        "http://127.0.0.1:8000"
    )
    roundup.take_down(moderator, comment="Wrong issue")
    assert Client().get(url).status_code == 410


# --- What the identity-protection confirmation covers -----------------------------------------


@pytest.fixture
def confirmed_story(editor, other_moderator):
    story = StoryFactory(
        involves_vulnerable_person=True, author=editor, tags=["shelter"], regions=[region("kenya")]
    )
    story.confirm_identity_protection(other_moderator)
    story.refresh_from_db()
    assert story.identity_protection_confirmed_at is not None
    return story


def set_slug(form):
    form["slug"] = "amina-14-mombasa"


def set_tags(form):
    form["tags"] = "shelter, Amina"


def set_source_name(form):
    form["source_name"] = "Amina's aunt"


def set_source_url(form):
    form["source_url"] = "https://example.org/amina"


def set_event_date(form):
    form["event_date"] = "2025-05-30"


def set_regions(form):
    form["regions"].force_value([region("kenya").pk, region("somalia").pk])


def set_organizations(form):
    form["organizations"].force_value([OrganizationFactory(name="Local shelter").pk])


def set_topics(form):
    form["topics"].force_value([TopicFactory(name="Child trafficking").pk])


@pytest.mark.parametrize(
    "change",
    [set_slug, set_tags, set_source_name, set_source_url, set_event_date, set_regions,
     set_organizations, set_topics],
    ids=lambda change: change.__name__.removeprefix("set_"),
)  # fmt: skip
def test_changing_anything_readers_see_voids_the_identity_confirmation(
    django_app, moderator, confirmed_story, change
):
    page = django_app.get(change_url(confirmed_story), user="moderator")
    form = page.forms["story_form"]
    change(form)
    form.submit("_continue").follow()
    confirmed_story.refresh_from_db()
    assert confirmed_story.identity_protection_confirmed_at is None
    assert confirmed_story.identity_protection_confirmed_by is None


def test_saving_without_changes_keeps_the_identity_confirmation(
    django_app, moderator, confirmed_story
):
    page = django_app.get(change_url(confirmed_story), user="moderator")
    page.forms["story_form"].submit("_continue").follow()
    confirmed_story.refresh_from_db()
    assert confirmed_story.identity_protection_confirmed_at is not None


def test_a_round_up_blurb_about_a_story_voids_its_identity_confirmation(
    django_app, moderator, confirmed_story
):
    roundup = RoundUpFactory(items=[confirmed_story])
    page = django_app.get(change_url(roundup), user="moderator")
    form = page.forms["roundup_form"]
    form["items-0-blurb"] = "Amina, 14, tells her story."
    form.submit("_continue").follow()
    assert RoundUpItem.objects.get().blurb == "Amina, 14, tells her story."
    confirmed_story.refresh_from_db()
    assert confirmed_story.identity_protection_confirmed_at is None


def test_an_editor_cannot_clear_the_child_or_survivor_flag(django_app, editor):
    story = StoryFactory(involves_vulnerable_person=True, author=editor)
    page = django_app.get(change_url(story), user="editor")
    form = page.forms["story_form"]
    assert "involves_vulnerable_person" not in form.fields
    # A crafted POST that leaves the box unticked changes nothing either.
    form.submit("_continue").follow()
    story.refresh_from_db()
    assert story.involves_vulnerable_person


def test_a_moderator_may_clear_the_child_or_survivor_flag(django_app, moderator):
    story = StoryFactory(involves_vulnerable_person=True)
    form = django_app.get(change_url(story), user="moderator").forms["story_form"]
    form["involves_vulnerable_person"] = False
    form.submit("_continue").follow()
    story.refresh_from_db()
    assert not story.involves_vulnerable_person


# --- Dates nobody means -----------------------------------------------------------------------


@pytest.mark.parametrize("year", ["0001", "1899", "2101", "9999"])
def test_a_publication_time_outside_the_plausible_years_is_refused_in_the_form(
    django_app, moderator, year
):
    story = StoryFactory(approved=True, title="Unchanged")
    form = django_app.get(change_url(story), user="moderator").forms["story_form"]
    form["published_at_0"] = f"{year}-01-01"
    form["published_at_1"] = "00:00"
    form["title"] = "Changed"
    page = form.submit("_continue")
    assert page.status_code == 200
    assert "Enter a date between the years 1900 and 2100." in page.text
    assert Story.objects.get(pk=story.pk).title == "Unchanged"


@pytest.mark.parametrize("field", ["deadline", "event_date"])
def test_a_deadline_or_event_date_outside_the_plausible_years_is_refused(django_app, editor, field):
    story = StoryFactory(author=editor)
    form = django_app.get(change_url(story), user="editor").forms["story_form"]
    form[field] = "0001-01-01"
    page = form.submit("_continue")
    assert "Enter a date between the years 1900 and 2100." in page.text


@pytest.mark.parametrize("typed", ["9999-12-31T23:59", "0001-01-01T00:00"])
def test_publish_at_outside_the_plausible_years_is_refused_with_a_message(
    django_app, moderator, typed
):
    story = StoryFactory(approved=True)
    form = django_app.get(change_url(story), user="moderator").forms["story_form"]
    form["_workflow_at"] = typed
    page = form.submit("_workflow", value="publish")
    assert page.status_code == 200
    assert "Enter a date between the years 1900 and 2100." in page.text
    assert page.forms["story_form"]["_workflow_at"].value == typed
    story.refresh_from_db()
    assert story.status == Status.APPROVED


def test_the_model_refuses_to_publish_at_an_implausible_time(moderator):
    story = StoryFactory(approved=True)
    with pytest.raises(ValidationError):
        story.publish(moderator, at=datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC))


@pytest.mark.parametrize(
    "values",
    [
        {"published_at": datetime.datetime(1, 1, 2, tzinfo=datetime.UTC)},
        {"unpublish_at": datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)},
        {"deadline": datetime.date(1, 1, 1)},
        {"event_date": datetime.date(3000, 1, 1)},
    ],
    ids=lambda values: next(iter(values)),
)
def test_the_database_refuses_implausible_dates(values):
    story = StoryFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.filter(pk=story.pk).update(**values)
