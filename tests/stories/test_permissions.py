"""Who may take which workflow step, asked over HTTP as a person would: the full matrix."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from stories.models import Status, Story, Transition
from tests.factories import RoundUpFactory, StoryFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

# action: (state it starts from, state it leads to)
STEPS = {
    "submit": (Status.DRAFT, Status.IN_REVIEW),
    "approve": (Status.IN_REVIEW, Status.APPROVED),
    "request_changes": (Status.IN_REVIEW, Status.CHANGES_REQUESTED),
    "publish": (Status.APPROVED, Status.PUBLISHED),
    "unpublish": (Status.PUBLISHED, Status.UNPUBLISHED),
    "take_down": (Status.PUBLISHED, Status.UNPUBLISHED),
    "return_to_draft": (Status.CHANGES_REQUESTED, Status.DRAFT),
}
EDITOR_MAY = {"submit"}


def client_for(role):
    client = Client()
    if role == "anonymous":
        return client
    if role == "superuser":
        user = UserFactory(username="root", is_superuser=True)
    else:
        user = UserFactory(username=role, groups=[{"editor": "Editors"}.get(role, "Moderators")])
    client.force_login(user)
    return client


def make(kind, status):
    live = status == Status.PUBLISHED
    published_at = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC) if live else None
    if kind == "story":
        return StoryFactory(status=status, published_at=published_at)
    # A round-up whose story is ready, so only the permission decides.
    return RoundUpFactory(
        status=status, published_at=published_at, items=[StoryFactory(approved=True)]
    )


@pytest.mark.parametrize("kind", ["story", "roundup"])
@pytest.mark.parametrize("action", list(STEPS))
@pytest.mark.parametrize("role", ["anonymous", "editor", "moderator", "superuser"])
def test_permission_matrix(role, action, kind):
    start, end = STEPS[action]
    obj = make(kind, start)
    client = client_for(role)
    url = reverse(f"admin:stories_{kind}_workflow", args=[obj.pk])
    # A hand-made request, as only some of these steps have a button for this role.
    data = {"action": action, "comment": "Because", "seen_version": obj.lock_version}
    response = client.post(url, data)
    obj.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response.url
        assert obj.status == start
    elif role == "editor" and action not in EDITOR_MAY:
        # return_to_draft too: these items are someone else's (tests/stories/test_workflow_guards)
        assert response.status_code == 403
        assert obj.status == start
        assert not Transition.objects.exists()
    else:
        assert response.status_code == 302
        assert obj.status == end
        assert Transition.objects.filter(to_status=end).exists()


def test_the_groups_hold_the_workflow_permissions():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    moderators = set(
        Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True)
    )
    assert {"submit_story", "submit_roundup", "change_story", "add_roundup"} <= editors
    assert not {"approve_story", "publish_story", "approve_roundup", "publish_roundup"} & editors
    assert editors < moderators
    assert {"approve_story", "publish_story", "approve_roundup", "publish_roundup"} <= moderators


def test_a_staff_user_outside_the_groups_cannot_open_or_move_stories():
    story = StoryFactory()
    client = Client()
    client.force_login(UserFactory(username="outsider"))
    url = reverse("admin:stories_story_workflow", args=[story.pk])
    assert client.post(url, {"action": "submit"}).status_code == 403
    assert Story.objects.get(pk=story.pk).status == Status.DRAFT
