"""Two people editing the same item: the later save is refused, shows what changed, keeps input."""

import pytest
from django.test import Client
from django.urls import reverse

from stories.models import RoundUp, Status, Story
from tests.admin_forms import change_form_data
from tests.factories import RoundUpFactory, StoryFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def change_url(obj):
    return reverse(f"admin:stories_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def alice_and_bob():
    clients = []
    for name in ("alice", "bob"):
        client = Client()
        client.force_login(UserFactory(username=name, groups=["Editors"]))
        clients.append(client)
    return clients


def test_the_second_save_over_a_changed_story_is_refused_and_keeps_the_input(alice_and_bob):
    alice, bob = alice_and_bob
    story = StoryFactory(title="Original title", summary="Original summary")
    alice_page = alice.get(change_url(story))
    bob_page = bob.get(change_url(story))

    assert alice.post(change_url(story), change_form_data(alice_page, title="Alice's title"))[
        "Location"
    ]
    response = bob.post(change_url(story), change_form_data(bob_page, summary="Bob's summary"))

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Someone else saved this story while you were editing (alice" in errors
    assert "Title: now “Alice's title”" in errors
    assert "Summary" not in errors
    assert "Bob&#x27;s summary" in response.content.decode()
    story.refresh_from_db()
    assert (story.title, story.summary) == ("Alice's title", "Original summary")

    # Bob has seen the conflict; saving the form again replaces Alice's version on purpose.
    again = bob.post(change_url(story), change_form_data(response))
    assert again.status_code == 302
    story.refresh_from_db()
    assert (story.title, story.summary) == ("Original title", "Bob's summary")


def test_a_workflow_step_in_between_also_refuses_a_stale_form(moderator_client, moderator):
    story = StoryFactory(in_review=True)
    page = moderator_client.get(change_url(story))
    story.approve(moderator)
    response = moderator_client.post(change_url(story), change_form_data(page, title="Late"))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert Story.objects.get(pk=story.pk).title != "Late"


def test_a_stale_round_up_form_is_refused_with_what_changed(alice_and_bob):
    alice, bob = alice_and_bob
    lead = StoryFactory(title="New lead")
    roundup = RoundUpFactory(introduction="Old introduction")
    alice_page = alice.get(change_url(roundup))
    bob_page = bob.get(change_url(roundup))
    alice.post(change_url(roundup), change_form_data(alice_page, lead_story=lead.pk))
    response = bob.post(change_url(roundup), change_form_data(bob_page, title="Bob's title"))
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Lead story: now “New lead”" in errors
    assert RoundUp.objects.get(pk=roundup.pk).title != "Bob's title"


def test_bulk_actions_do_not_move_an_item_someone_else_moved_meanwhile(moderator, other_moderator):
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
