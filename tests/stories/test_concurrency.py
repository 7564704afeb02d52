"""Two people editing the same item: the later save is refused, shows what changed, keeps input.

Every test submits the page as it is rendered (django-webtest), so a version input the page does
not render makes the check fail here as it does in a browser.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Version

from stories.models import RoundUp, RoundUpItem, Status, Story
from tests.factories import RoundUpFactory, StoryFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def change_url(obj):
    return reverse(f"admin:stories_{obj._meta.model_name}_change", args=[obj.pk])


def changelist(model="story"):
    return reverse(f"admin:stories_{model}_changelist")


def errors(page) -> str:
    return " ".join(e.text for e in page.html.select(".errornote, .errorlist"))


@pytest.fixture
def alice_and_bob(editorial_groups):
    return [UserFactory(username=name, groups=["Editors"]) for name in ("alice", "bob")]


def test_the_change_forms_render_the_version_they_show(django_app, alice_and_bob):
    story = StoryFactory()
    roundup = RoundUpFactory(items=[StoryFactory()])
    for obj in (story, roundup):
        form = django_app.get(change_url(obj), user="alice").forms[f"{obj._meta.model_name}_form"]
        assert form["seen_version"].value == str(obj.lock_version)


def test_the_second_save_over_a_changed_story_is_refused_and_keeps_the_input(
    django_app, alice_and_bob
):
    story = StoryFactory(title="Original title", summary="Original summary")
    alice_form = django_app.get(change_url(story), user="alice").forms["story_form"]
    bob_form = django_app.get(change_url(story), user="bob").forms["story_form"]

    alice_form["title"] = "Alice's title"
    assert alice_form.submit("_continue", user="alice").status_code == 302
    bob_form["summary"] = "Bob's summary"
    response = bob_form.submit("_continue", user="bob")

    assert response.status_code == 200
    assert "Someone else saved this story while you were editing (alice" in errors(response)
    assert "Title: now “Alice's title”" in errors(response)
    assert "Summary" not in errors(response)
    again = response.forms["story_form"]
    assert again["summary"].value == "Bob's summary"
    story.refresh_from_db()
    assert (story.title, story.summary) == ("Alice's title", "Original summary")

    # Bob has seen the conflict; saving the form again replaces Alice's version on purpose.
    assert again.submit("_continue", user="bob").status_code == 302
    story.refresh_from_db()
    assert (story.title, story.summary) == ("Original title", "Bob's summary")


def test_a_save_from_a_page_that_does_not_say_its_version_is_refused(django_app, alice_and_bob):
    story = StoryFactory(title="Original title")
    form = django_app.get(change_url(story), user="alice").forms["story_form"]
    form["title"] = "Alice's title"
    # As the page rendered before the input was in the form's fieldsets.
    form.field_order = [(name, field) for name, field in form.field_order if name != "seen_version"]
    del form.fields["seen_version"]

    response = form.submit("_continue", user="alice")

    assert response.status_code == 200
    assert "the page did not say which version of this story it showed" in errors(response)
    assert "Title: now “Original title”" in errors(response)
    assert response.forms["story_form"]["title"].value == "Alice's title"
    assert Story.objects.get(pk=story.pk).title == "Original title"


@pytest.mark.parametrize("crafted", ["", "abc", "-1", "99999999999999999999"])
def test_a_save_with_a_version_that_is_not_the_current_one_is_refused(
    django_app, alice_and_bob, crafted
):
    story = StoryFactory(title="Original title")
    form = django_app.get(change_url(story), user="alice").forms["story_form"]
    form["title"] = "Alice's title"
    form["seen_version"].force_value(crafted)
    response = form.submit("_continue", user="alice")
    assert response.status_code == 200
    assert Story.objects.get(pk=story.pk).title == "Original title"


def test_a_workflow_step_in_between_also_refuses_a_stale_form(django_app, moderator):
    story = StoryFactory(in_review=True)
    form = django_app.get(change_url(story), user="moderator").forms["story_form"]
    story.approve(moderator)
    form["title"] = "Late"
    response = form.submit("_continue", user="moderator")
    assert response.status_code == 200
    assert "Someone else saved this story" in errors(response)
    assert Story.objects.get(pk=story.pk).title != "Late"


def test_a_stale_round_up_form_is_refused_with_what_changed(django_app, alice_and_bob):
    lead = StoryFactory(title="New lead")
    roundup = RoundUpFactory(introduction="Old introduction")
    alice_form = django_app.get(change_url(roundup), user="alice").forms["roundup_form"]
    bob_form = django_app.get(change_url(roundup), user="bob").forms["roundup_form"]
    alice_form["lead_story"].force_value(str(lead.pk))
    assert alice_form.submit("_continue", user="alice").status_code == 302
    bob_form["title"] = "Bob's title"
    response = bob_form.submit("_continue", user="bob")
    assert response.status_code == 200
    assert "Lead story: now “New lead”" in errors(response)
    assert RoundUp.objects.get(pk=roundup.pk).title != "Bob's title"


def test_a_change_to_a_round_ups_items_refuses_a_stale_save_of_the_round_up(
    django_app, alice_and_bob
):
    roundup = RoundUpFactory(introduction="Old introduction", items=[StoryFactory()])
    alice_form = django_app.get(change_url(roundup), user="alice").forms["roundup_form"]
    bob_form = django_app.get(change_url(roundup), user="bob").forms["roundup_form"]
    alice_form["items-0-blurb"] = "Alice's blurb"
    assert alice_form.submit("_continue", user="alice").status_code == 302
    bob_form["items-0-blurb"] = "Bob's blurb"
    bob_form["introduction"] = "Bob's introduction"
    response = bob_form.submit("_continue", user="bob")
    assert response.status_code == 200
    assert "Someone else saved this round-up while you were editing (alice" in errors(response)
    assert response.forms["roundup_form"]["items-0-blurb"].value == "Bob's blurb"
    assert RoundUpItem.objects.get().blurb == "Alice's blurb"
    assert RoundUp.objects.get(pk=roundup.pk).introduction == "Old introduction"


def test_the_history_never_names_the_version_input(django_app, alice_and_bob):
    story = StoryFactory(title="Original title")
    form = django_app.get(change_url(story), user="alice").forms["story_form"]
    form["title"] = "New title"
    form.submit("_continue", user="alice").follow()
    entry = LogEntry.objects.get(object_id=str(story.pk))
    assert entry.get_change_message() == "Changed Title."
    comment = Version.objects.get_for_object(story).first().revision.comment
    assert "seen_version" not in comment and "Seen version" not in comment


# --- Bulk actions ----------------------------------------------------------------------------


def bulk(page, action: str, *objects, user: str):
    form = page.forms["changelist-form"]
    form["action"] = action
    wanted = {str(obj.pk) for obj in objects}
    for checkbox in form.fields["_selected_action"]:
        checkbox.checked = checkbox._value in wanted
    return form.submit("index", user=user).follow()


def test_a_bulk_step_leaves_alone_an_item_changed_after_the_list_was_opened(django_app, moderator):
    changed = StoryFactory(in_review=True, title="Changed meanwhile")
    untouched = StoryFactory(in_review=True, title="Untouched")
    page = django_app.get(changelist(), user="moderator")
    changed.title = "Changed meanwhile, again"
    changed.save()

    response = bulk(page, "approve", changed, untouched, user="moderator")

    assert "“Changed meanwhile, again”: not changed. It was changed after you opened" in (
        response.text
    )
    assert Story.objects.get(pk=changed.pk).status == Status.IN_REVIEW
    assert Story.objects.get(pk=untouched.pk).status == Status.APPROVED


def test_a_bulk_step_from_a_list_that_does_not_say_when_it_was_opened_is_refused(
    django_app, moderator
):
    story = StoryFactory(in_review=True)
    page = django_app.get(changelist(), user="moderator")
    page.forms["changelist-form"]["list_opened"].force_value("forged")

    response = bulk(page, "approve", story, user="moderator")

    assert "Nothing was done: the list did not say when you opened it" in response.text
    assert Story.objects.get(pk=story.pk).status == Status.IN_REVIEW


def test_no_editorial_list_edits_items_in_place():
    """List editing would save stories without the version check; none offers it."""
    from django.contrib import admin

    for model in (Story, RoundUp):
        assert not admin.site._registry[model].list_editable


# --- The model --------------------------------------------------------------------------------


def test_a_stale_copy_cannot_take_a_step_someone_else_took(moderator, other_moderator):
    story = StoryFactory(in_review=True)
    seen_by_second = Story.objects.get(pk=story.pk)
    story.request_changes(moderator, comment="Needs a source")
    with pytest.raises(Exception):  # noqa: B017 - the stale copy is refused
        seen_by_second.approve(other_moderator)
    assert Story.objects.get(pk=story.pk).status == Status.CHANGES_REQUESTED


def test_every_save_bumps_the_version():
    story = StoryFactory()
    first = story.lock_version
    story.save()
    story.save(update_fields=["title"])
    assert Story.objects.get(pk=story.pk).lock_version == first + 2
