"""Saving a confirmed import: all of it or nothing, as drafts, by people allowed to."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organizations.models import Organization
from stories.importer.analysis import analyse
from stories.importer.services import (
    ConfirmedDigest,
    ConfirmedStory,
    NewOrganization,
    confirmed_defaults,
    digest_import,
)
from stories.models import RoundUp, Story
from tests.factories import RoundUpFactory, StoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def digest(*stories: ConfirmedStory, number: int = 7) -> ConfirmedDigest:
    return ConfirmedDigest(
        number=number, title="Weekly digest", introduction="", stories=list(stories)
    )


def story(title: str, **extra) -> ConfirmedStory:
    return ConfirmedStory(lead=False, title=title, summary="A summary.", body="A body.", **extra)


def test_a_failure_at_the_last_step_leaves_nothing_behind(editor, monkeypatch):
    from stories.importer import services

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services.RoundUpItem.objects, "bulk_create", fail)
    stories = (story("First", new_organizations=[NewOrganization("Mekong Club")]), story("Two"))

    with pytest.raises(RuntimeError):
        digest_import(digest=digest(*stories), by=editor)

    assert not Story.objects.exists() and not RoundUp.objects.exists()
    assert not Organization.objects.filter(name="Mekong Club").exists()


def test_a_taken_issue_number_is_refused(editor):
    RoundUpFactory(number=7)

    with pytest.raises(ValidationError, match="Issue number 7 is taken"):
        digest_import(digest=digest(story("First")), by=editor)
    assert not Story.objects.exists()


def test_titles_that_exist_get_their_own_slugs(editor):
    StoryFactory(title="Kenyans return", slug="kenyans-return")

    roundup = digest_import(digest=digest(story("Kenyans return"), story("Kenyans return")),
                            by=editor)  # fmt: skip

    slugs = [item.story.slug for item in roundup.items.order_by("position")]
    assert slugs == ["kenyans-return-2", "kenyans-return-3"]


def test_one_new_organization_named_in_two_stories_is_created_once(editor):
    mekong = NewOrganization("Mekong Club")
    roundup = digest_import(
        digest=digest(story("One", new_organizations=[mekong]),
                      story("Two", new_organizations=[NewOrganization("mekong club")])),
        by=editor,
    )  # fmt: skip

    assert Organization.objects.filter(name__iexact="mekong club").count() == 1
    assert all(item.story.organizations.count() == 1 for item in roundup.items.all())


def test_someone_without_the_right_to_add_stories_may_not_import(db):
    viewer = UserFactory(username="viewer")

    with pytest.raises(PermissionDenied):
        digest_import(digest=digest(story("One")), by=viewer)
    assert not RoundUp.objects.exists()


def test_creating_organizations_needs_the_right_to_add_them(editor):
    from django.contrib.auth.models import Permission

    editor.groups.get().permissions.remove(Permission.objects.get(codename="add_organization"))
    editor = type(editor).objects.get(pk=editor.pk)  # a fresh permission cache

    with pytest.raises(PermissionDenied):
        digest_import(
            digest=digest(story("One", new_organizations=[NewOrganization("Mekong Club")])),
            by=editor,
        )


def test_the_defaults_save_what_the_review_ticks(editor, newsroom_organizations):
    analysis = analyse("Digest\n\nIn brief:\n\n- The ILO and Walk Free met in Nairobi. The "
                       "deadline for comments is 1 May 2026.")  # fmt: skip

    roundup = digest_import(digest=confirmed_defaults(analysis), by=editor)

    item = roundup.items.get().story
    assert set(item.organizations.values_list("slug", flat=True)) == {"ilo", "walk-free"}
    assert list(item.regions.values_list("slug", flat=True)) == ["kenya"]
    assert str(item.deadline) == "2026-05-01" and item.kind == "call-for-input"
    assert not item.tags.exists()
    assert roundup.lead_story is None
