"""No lost work: every save is a revision, revert restores a round-up's items, deletes recover."""

import pytest
from django.urls import reverse
from reversion.models import Version

from stories.models import RoundUp, RoundUpItem, Story
from tests.admin_pages import change_form, fill, save, save_changes
from tests.factories import RoundUpFactory, StoryFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def change_url(obj):
    return reverse(f"admin:stories_{obj._meta.model_name}_change", args=[obj.pk])


def test_every_admin_save_and_every_step_is_a_revision(django_app, moderator_client, moderator):
    story = StoryFactory(in_review=True)
    save_changes(django_app, story, user="moderator", title="First title")
    save_changes(django_app, story, user="moderator", title="Second title")
    story.refresh_from_db()
    story.approve(moderator)
    versions = Version.objects.get_for_object(story)
    # The version found on first opening (made outside the admin) is kept as a baseline.
    assert [v.field_dict["title"] for v in versions] == [
        "Second title",
        "Second title",
        "First title",
        story.slug.replace("-", " ").capitalize(),
    ]
    assert versions.last().revision.get_comment().startswith("Version as found")
    assert versions[0].revision.get_comment() == "In review → Approved"
    assert versions[0].revision.user == moderator


def test_a_story_revision_keeps_its_topics(django_app, moderator_client):
    first, second = TopicFactory(), TopicFactory()
    story = StoryFactory(topics=[first])
    save_changes(django_app, story, user="moderator")
    story.topics.set([second])
    Version.objects.get_for_object(story).last().revision.revert(delete=True)
    assert list(story.topics.all()) == [first]


def test_restoring_a_round_up_brings_back_its_items(moderator_client, django_app):
    a, b, c = StoryFactory(title="A"), StoryFactory(title="B"), StoryFactory(title="C")
    roundup = RoundUpFactory(items=[a, b])
    save_changes(django_app, roundup, user="moderator", title="Issue as first saved")
    first_version = Version.objects.get_for_object(roundup).first()
    # Second save: drop B, add C.
    form = change_form(django_app, roundup, user="moderator")
    fill(form, **{"title": "Issue changed", "items-1-DELETE": True, "items-2-story": c.pk})
    fill(form, **{"items-2-position": 3})
    assert save(form, user="moderator").status_code == 302
    assert [i.story.title for i in roundup.items.all()] == ["A", "C"]
    # Restore from the history screen, as staff would.
    history = django_app.get(
        reverse("admin:stories_roundup_history", args=[roundup.pk]), user="moderator"
    )
    revision_url = reverse("admin:stories_roundup_revision", args=[roundup.pk, first_version.pk])
    page = history.click(href=revision_url)
    cells = [td.get_text() for td in page.html.select("#version-differences td")]
    assert "Issue changed" in cells and "Issue as first saved" in cells
    assert RoundUp.objects.get(pk=roundup.pk).title == "Issue changed"  # viewing changes nothing
    page.forms["restore-form"].submit().follow()
    roundup.refresh_from_db()
    assert roundup.title == "Issue as first saved"
    assert [i.story.title for i in roundup.items.all()] == ["A", "B"]
    assert RoundUpItem.objects.count() == 2


def test_the_history_screen_lists_revisions(django_app, moderator_client):
    story = StoryFactory()
    save_changes(django_app, story, user="moderator", title="Once")
    save_changes(django_app, story, user="moderator", title="Twice")
    page = moderator_client.get(reverse("admin:stories_story_history", args=[story.pk]))
    assert page.status_code == 200
    assert page.content.decode().count("/history/") >= 2


def test_a_deleted_story_can_be_recovered(moderator_client, django_app):
    story = StoryFactory(title="Deleted by mistake")
    save_changes(django_app, story, user="moderator")
    delete_url = reverse("admin:stories_story_delete", args=[story.pk])
    assert moderator_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Story.objects.exists()
    recover_list = django_app.get(reverse("admin:stories_story_recoverlist"), user="moderator")
    assert "Deleted by mistake" in recover_list.text
    version = Version.objects.get_deleted(Story).get()
    page = recover_list.click(href=reverse("admin:stories_story_recover", args=[version.pk]))
    page.forms["recover-form"].submit().follow()
    assert Story.objects.get().title == "Deleted by mistake"


def test_editors_cannot_delete_stories(editor_client):
    story = StoryFactory()
    delete_url = reverse("admin:stories_story_delete", args=[story.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Story.objects.exists()


def test_staff_compare_two_revisions_field_by_field(django_app, editor_client):
    story = StoryFactory(title="Before", summary="Unchanged")
    save_changes(django_app, story, user="editor", title="After")
    url = reverse("admin:stories_story_compare", args=[story.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    assert [(c.label, c.old, c.new) for c in response.context["rows"]] == [
        ("Title", "Before", "After")
    ]
    older, newer = Version.objects.get_for_object(story).order_by("pk")
    swapped = editor_client.get(url, {"from": newer.pk, "to": older.pk})
    assert [(c.label, c.old, c.new) for c in swapped.context["rows"]] == [
        ("Title", "Before", "After")
    ]


def test_comparing_round_up_revisions_lists_item_changes(django_app, moderator_client):
    a, b = StoryFactory(title="A"), StoryFactory(title="B")
    roundup = RoundUpFactory(items=[a])
    save_changes(django_app, roundup, user="moderator")
    RoundUpItem.objects.create(roundup=roundup, story=b, position=2)
    save_changes(django_app, roundup, user="moderator")
    response = moderator_client.get(reverse("admin:stories_roundup_compare", args=[roundup.pk]))
    assert [(i.story, i.summary) for i in response.context["item_rows"]] == [
        ("B", "Added at position 2.")
    ]


def test_a_deleted_round_up_comes_back_with_its_items(moderator_client, django_app):
    a, b = StoryFactory(title="A"), StoryFactory(title="B")
    roundup = RoundUpFactory(items=[a, b], title="Lost issue")
    save_changes(django_app, roundup, user="moderator")
    delete_url = reverse("admin:stories_roundup_delete", args=[roundup.pk])
    assert moderator_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not RoundUpItem.objects.exists()
    version = Version.objects.get_deleted(RoundUp).get()
    recover_url = reverse("admin:stories_roundup_recover", args=[version.pk])
    django_app.get(recover_url, user="moderator").forms["recover-form"].submit().follow()
    recovered = RoundUp.objects.get()
    assert recovered.title == "Lost issue"
    assert [item.story.title for item in recovered.items.all()] == ["A", "B"]
