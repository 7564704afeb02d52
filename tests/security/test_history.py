"""The history screens are no way around the workflow: each attack an editor's account tried.

Every request here is what a signed-in browser can send: a CSRF token taken from a page the
user may open, and the fields the restore page renders.
"""

from __future__ import annotations

import datetime

import pytest
import reversion
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from organizations.models import Organization
from stories.cache import content_version
from stories.models import RoundUp, Status, Story, Topic, Transition
from tests.factories import OrganizationFactory, RoundUpFactory, StoryFactory, TopicFactory

pytestmark = pytest.mark.django_db


def saved_version(obj) -> Version:
    """Save the object's current state as a version, as any admin save does."""
    with reversion.create_revision():
        reversion.add_to_revision(obj)
    return Version.objects.get_for_object(obj).first()


def revision_url(obj, version) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_revision", args=[obj.pk, version.pk])


def recover_url(model, version) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_recover", args=[version.pk])


def row(obj) -> dict:
    stored = type(obj)._base_manager.get(pk=obj.pk)
    return {field.attname: getattr(stored, field.attname) for field in obj._meta.concrete_fields}


def csrf_post(app, url: str, user: str, data: dict | None = None):
    """A POST with a valid CSRF token, as a crafted request from a signed-in browser is."""
    token = (
        app.get(reverse("admin:index"), user=user).forms["logout-form"]["csrfmiddlewaretoken"].value
    )
    return app.post(
        url, {"csrfmiddlewaretoken": token, **(data or {})}, user=user, expect_errors=True
    )


def restore(app, obj, version, user: str, comment: str = ""):
    """Open the saved version as the user and press Restore, as the page renders it."""
    page = app.get(revision_url(obj, version), user=user)
    form = page.forms["restore-form"]
    form["comment"] = comment
    return form.submit().follow()


# --- The five reproductions -----------------------------------------------------------------


def test_an_editor_cannot_republish_a_story_a_moderator_took_down(django_app, editor, moderator):
    story = StoryFactory(published=True, author=editor, title="Shelter opens in Nairobi")
    while_live = saved_version(story)
    story.take_down(moderator, "It names a survivor.")
    story.refresh_from_db()

    response = csrf_post(
        django_app, revision_url(story, while_live), "editor", {"seen_version": story.lock_version}
    )

    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == Status.UNPUBLISHED
    assert not Story.objects.published().exists()
    assert [t.to_status for t in story.transitions()] == [Status.UNPUBLISHED]


def test_a_moderator_restoring_a_live_version_of_a_taken_down_story_keeps_it_off_the_site(
    django_app, editor, moderator
):
    story = StoryFactory(published=True, author=editor, title="Shelter opens in Nairobi")
    while_live = saved_version(story)
    story.take_down(moderator, "It names a survivor.")
    Story.objects.filter(pk=story.pk).update(title="Shelter opens")

    restore(django_app, story, while_live, "moderator", comment="Title as first written")

    story.refresh_from_db()
    assert story.title == "Shelter opens in Nairobi"
    assert story.status == Status.UNPUBLISHED
    assert not story.is_published()
    step = story.transitions().first()
    assert (step.from_status, step.to_status, step.by) == (
        Status.UNPUBLISHED,
        Status.UNPUBLISHED,
        moderator,
    )
    assert "Restored the version saved on" in step.comment
    assert "Title as first written" in step.comment


def test_an_editor_cannot_put_back_text_a_moderator_redacted_from_a_live_story(
    django_app, editor, moderator
):
    story = StoryFactory(published=True, author=editor, body="Amina, 14, from Mombasa, said…")
    unredacted = saved_version(story)
    story.body = "A girl from the coast said…"
    story.save()

    response = csrf_post(
        django_app, revision_url(story, unredacted), "editor", {"seen_version": story.lock_version}
    )

    assert response.status_code == 403
    story.refresh_from_db()
    assert story.body == "A girl from the coast said…"
    assert story.is_published()


def test_restoring_text_to_a_live_story_proposes_it_for_review_and_leaves_readers_alone(
    django_app, editor, moderator
):
    story = StoryFactory(published=True, author=editor, body="Amina, 14, from Mombasa, said…")
    unredacted = saved_version(story)
    story.body = "A girl from the coast said…"
    story.save()

    page = restore(django_app, story, unredacted, "moderator")

    story.refresh_from_db()
    assert story.body == "A girl from the coast said…"
    assert story.is_published()
    revision = story.pending_revision()
    assert revision.content["body"] == "Amina, 14, from Mombasa, said…"
    assert revision.status == Status.DRAFT
    assert "readers keep seeing it unchanged" in page.text
    step = story.transitions().first()
    assert step.pending_changes
    assert "as proposed changes" in step.comment


def test_an_editor_cannot_unpublish_and_rewrite_a_live_story(django_app, editor, moderator):
    story = StoryFactory(author=editor, title="An early draft title")
    as_draft = saved_version(story)
    Story.objects.filter(pk=story.pk).update(title="The published title")
    story.refresh_from_db()
    story.status = Status.APPROVED
    story.save()
    story.publish(moderator)

    response = csrf_post(
        django_app, revision_url(story, as_draft), "editor", {"seen_version": story.lock_version}
    )

    assert response.status_code == 403
    story.refresh_from_db()
    assert story.title == "The published title"
    assert story.is_published()


def test_an_editor_cannot_recreate_a_story_a_moderator_deleted(django_app, editor, moderator):
    story = StoryFactory(published=True, author=editor, title="Deleted for a reason")
    with reversion.create_revision():
        reversion.add_to_revision(story)
    version = Version.objects.get_for_object(story).first()
    story.delete()

    assert csrf_post(django_app, recover_url(Story, version), "editor").status_code == 403
    assert (
        django_app.get(
            reverse("admin:stories_story_recoverlist"), user="editor", expect_errors=True
        ).status_code
        == 403
    )
    assert not Story.objects.exists()


def test_a_recovered_story_comes_back_as_a_draft_with_its_step_recorded(
    django_app, editor, moderator
):
    story = StoryFactory(published=True, author=editor, title="Deleted by mistake")
    version = saved_version(story)
    story.delete()

    page = django_app.get(reverse("admin:stories_story_recoverlist"), user="moderator")
    assert "Deleted by mistake" in page.text
    page = page.click(href=recover_url(Story, version)).forms["recover-form"].submit().follow()

    recovered = Story.objects.get()
    assert recovered.pk == int(version.object_id)
    assert recovered.title == "Deleted by mistake"
    assert recovered.status == Status.DRAFT
    assert recovered.author == editor
    assert not Story.objects.published().exists()
    step = recovered.transitions().get()
    assert (step.from_status, step.to_status, step.by) == (
        Status.PUBLISHED,
        Status.DRAFT,
        moderator,
    )
    assert "comes back as a draft" in page.text


def test_an_editor_cannot_republish_an_unpublished_round_up(django_app, editor, moderator):
    lead = StoryFactory(published=True, author=editor)
    roundup = RoundUpFactory(published=True, author=editor, lead_story=lead, items=[lead])
    while_live = saved_version(roundup)
    roundup.unpublish(moderator)
    roundup.refresh_from_db()

    response = csrf_post(
        django_app,
        revision_url(roundup, while_live),
        "editor",
        {"seen_version": roundup.lock_version},
    )

    assert response.status_code == 403
    roundup.refresh_from_db()
    assert roundup.status == Status.UNPUBLISHED
    assert not RoundUp.objects.published().exists()


def test_restoring_a_live_version_of_an_unpublished_round_up_leaves_it_unpublished(
    django_app, editor, moderator
):
    a, b = StoryFactory(published=True, title="A"), StoryFactory(published=True, title="B")
    roundup = RoundUpFactory(published=True, author=editor, title="As published", items=[a, b])
    while_live = saved_version(roundup)
    roundup.unpublish(moderator)
    roundup.items.filter(story=b).delete()
    RoundUp.objects.filter(pk=roundup.pk).update(title="Renamed")

    restore(django_app, roundup, while_live, "moderator")

    roundup.refresh_from_db()
    assert roundup.title == "As published"
    assert [item.story.title for item in roundup.items.all()] == ["A", "B"]
    assert roundup.status == Status.UNPUBLISHED
    assert not RoundUp.objects.published().exists()


# --- A restore brings back content, never the workflow's own state -----------------------------


WORKFLOW_STATE = [
    "status", "published_at", "unpublish_at", "author_id", "involves_vulnerable_person",
    "identity_protection_confirmed_by_id", "identity_protection_confirmed_at",
]  # fmt: skip


def test_a_restore_brings_back_the_text_and_none_of_the_workflow_state(
    django_app, editor, other_editor, moderator, other_moderator
):
    story = StoryFactory(unpublished=True, author=editor, title="As first written")
    story.unpublish_at = story.published_at + datetime.timedelta(days=30)
    story.involves_vulnerable_person = True
    story.save()
    story.confirm_identity_protection(other_moderator)
    old = saved_version(story)
    # Since then: saved a few times, the mark cleared by a moderator, re-timed and handed over.
    now = timezone.now().replace(microsecond=0)
    Story.objects.filter(pk=story.pk).update(
        title="Rewritten",
        lock_version=F("lock_version") + 3,
        published_at=now - datetime.timedelta(hours=5),
        unpublish_at=None,
        author=other_editor,
        involves_vulnerable_person=False,
        identity_protection_confirmed_by=None,
        identity_protection_confirmed_at=None,
    )
    before = row(story)

    restore(django_app, story, old, "moderator")

    after = row(story)
    assert after["title"] == "As first written"
    assert {name: after[name] for name in WORKFLOW_STATE} == {
        name: before[name] for name in WORKFLOW_STATE
    }
    assert after["lock_version"] >= before["lock_version"] > old.field_dict["lock_version"]


def test_restoring_the_version_a_moderator_confirmed_does_not_bring_the_confirmation_back(
    django_app, editor, moderator, other_moderator
):
    story = StoryFactory(author=editor, involves_vulnerable_person=True, title="Confirmed text")
    story.confirm_identity_protection(other_moderator)
    confirmed = saved_version(story)
    # Edited and edited back: the text is as confirmed, but nobody has looked at it again.
    for title in ("Amina, 14, tells her story", "Confirmed text"):
        story.refresh_from_db()
        story.title = title
        story.content_edited(["title"])
        story.save()

    restore(django_app, story, confirmed, "moderator")

    story.refresh_from_db()
    assert story.title == "Confirmed text"
    assert story.identity_protection_confirmed_at is None
    assert story.identity_protection_confirmed_by is None
    with pytest.raises(ValidationError) as refused:
        story.check_ready()
    assert refused.value.code == "identity_protection_unconfirmed"


# --- Versions of something else ---------------------------------------------------------------


def make_story():
    return StoryFactory(published=True)


def make_roundup():
    return RoundUpFactory(published=True)


def make_organization():
    return OrganizationFactory()


def make_topic():
    return TopicFactory()


MAKERS = {
    "story": make_story,
    "roundup": make_roundup,
    "organization": make_organization,
    "topic": make_topic,
}


@pytest.mark.parametrize("target", MAKERS)
@pytest.mark.parametrize("source", MAKERS)
def test_a_version_of_another_object_never_applies(
    django_app, moderator, superuser, target, source
):
    obj = MAKERS[target]()
    other = MAKERS[source]()
    foreign = saved_version(other)
    saved_version(obj)
    before = (row(obj), content_version())

    response = csrf_post(django_app, revision_url(obj, foreign), "admin", {"seen_version": "0"})

    assert response.status_code == 404
    assert (row(obj), content_version()) == before


@pytest.mark.parametrize("target", MAKERS)
@pytest.mark.parametrize("source", MAKERS)
def test_recover_takes_only_a_deleted_object_of_the_same_model(
    django_app, superuser, target, source
):
    model = type(MAKERS[target]())
    other = MAKERS[source]()
    version = saved_version(other)
    if source != target:
        other_model = type(other)
        other.delete()
        response = csrf_post(django_app, recover_url(model, version), "admin")
        assert response.status_code == 404
        assert not other_model._base_manager.filter(pk=version.object_id).exists()
    else:
        # Same model, but the object still exists: nothing to recover, nothing written.
        count = model._base_manager.count()
        response = csrf_post(django_app, recover_url(model, version), "admin")
        assert response.status_code == 200
        assert "was not deleted" in response.text
        assert model._base_manager.count() == count


# --- The history screen of a deleted object ---------------------------------------------------


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.parametrize("user", ["editor", "admin"])
def test_the_history_screen_of_a_deleted_object_brings_nothing_back(
    django_app, editor, superuser, kind, user
):
    obj = MAKERS[kind]()
    version = saved_version(obj)
    model, pk = type(obj), obj.pk
    obj.delete()
    url = revision_url(model(pk=pk), version)
    steps = Transition.objects.count()

    assert django_app.get(url, user=user, expect_errors=True).status_code in (403, 404)
    response = csrf_post(django_app, url, user, {"seen_version": "0", "comment": ""})

    assert response.status_code in (403, 404)
    assert not model._base_manager.filter(pk=pk).exists()
    assert Transition.objects.count() == steps


def test_an_editor_cannot_restore_a_topic(django_app, editor):
    topic = TopicFactory(name="Orphanage trafficking", description="First")
    first = saved_version(topic)
    Topic.objects.filter(pk=topic.pk).update(description="Second")

    assert csrf_post(django_app, revision_url(topic, first), "editor").status_code == 403
    assert Topic.objects.get(pk=topic.pk).description == "Second"


def test_a_moderator_restores_an_organization_and_the_step_is_saved(django_app, moderator):
    organization = OrganizationFactory(name="Mekong Club", description="As first written")
    first = saved_version(organization)
    Organization.objects.filter(pk=organization.pk).update(description="Rewritten")

    restore(django_app, organization, first, "moderator")

    assert Organization.objects.get(pk=organization.pk).description == "As first written"
    latest = Version.objects.get_for_object(organization).first()
    assert latest.revision.user == moderator
    assert latest.revision.get_comment().startswith("Restored the version saved on")


# --- Showing a version writes nothing; a restore needs the version the page showed -----------


def test_opening_a_saved_version_changes_nothing_readers_see(django_app, moderator):
    story = StoryFactory(published=True, title="Now")
    Story.objects.filter(pk=story.pk).update(title="Then")
    story.refresh_from_db()
    then = saved_version(story)
    Story.objects.filter(pk=story.pk).update(title="Now")
    version_before = content_version()

    page = django_app.get(revision_url(story, then), user="moderator")

    assert "Then" in page.text and "Now" in page.text
    assert Story.objects.get(pk=story.pk).title == "Now"
    assert content_version() == version_before
    assert not Transition.objects.exists()


def test_a_restore_without_the_version_the_page_showed_is_refused(django_app, moderator):
    story = StoryFactory(title="First")
    first = saved_version(story)
    story.title = "Second"
    story.save()

    page = django_app.get(revision_url(story, first), user="moderator")
    form = page.forms["restore-form"]
    form["seen_version"] = ""
    refused = form.submit().follow()

    assert "nothing was restored" in refused.text
    assert Story.objects.get(pk=story.pk).title == "Second"


def test_a_restore_from_a_page_opened_before_someone_else_saved_is_refused(django_app, moderator):
    story = StoryFactory(title="First")
    first = saved_version(story)
    page = django_app.get(revision_url(story, first), user="moderator")
    story.title = "Saved meanwhile"
    story.save()

    refused = page.forms["restore-form"].submit().follow()

    assert "nothing was restored" in refused.text
    assert Story.objects.get(pk=story.pk).title == "Saved meanwhile"
