"""The workflow as model methods and round-up services: who may do what, from which state."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from stories import services
from stories.models import Status, Story, Transition
from tests.factories import RoundUpFactory, StoryFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


def test_an_editor_submits_a_draft_and_the_step_is_logged(editor):
    story = StoryFactory(author=editor)
    transition = story.submit(editor, comment="Ready")
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    assert (transition.from_status, transition.to_status) == (Status.DRAFT, Status.IN_REVIEW)
    assert transition.by == editor and transition.comment == "Ready"
    assert list(story.transitions()) == [transition]


def test_a_moderator_takes_a_story_from_draft_to_published(editor, moderator):
    story = StoryFactory(author=editor)
    story.submit(editor)
    story.approve(moderator, comment="Good")
    story.publish(moderator)
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert story.is_published()
    assert Story.objects.published().filter(pk=story.pk).exists()
    steps = [(t.from_status, t.to_status) for t in reversed(story.transitions())]
    assert steps == [
        (Status.DRAFT, Status.IN_REVIEW),
        (Status.IN_REVIEW, Status.APPROVED),
        (Status.APPROVED, Status.PUBLISHED),
    ]


def test_publishing_with_a_future_time_schedules(moderator):
    story = StoryFactory(approved=True)
    at = timezone.now() + datetime.timedelta(days=2)
    story.publish(moderator, at=at)
    story.refresh_from_db()
    assert story.status == Status.SCHEDULED
    assert story.published_at == at.replace(microsecond=0)  # stored in whole seconds
    assert not story.is_published()


def test_an_approved_item_with_a_future_publication_time_is_scheduled_by_publish(moderator):
    at = timezone.now() + datetime.timedelta(hours=5)
    story = StoryFactory(approved=True, published_at=at)
    story.publish(moderator)
    story.refresh_from_db()
    assert story.status == Status.SCHEDULED and story.published_at == at.replace(microsecond=0)


def test_a_take_down_time_before_publication_is_refused(moderator):
    story = StoryFactory(approved=True, unpublish_at=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        story.publish(moderator)
    assert error.value.code == "unpublish_before_publish"


@pytest.mark.parametrize(
    "action",
    ["approve", "request_changes", "publish", "unpublish", "take_down"],
)
def test_an_editor_cannot_take_moderator_steps(editor, action):
    story = StoryFactory(in_review=True)
    with pytest.raises(PermissionDenied):
        getattr(story, action)(editor, comment="x") if action != "publish" else story.publish(
            editor
        )
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW
    assert not Transition.objects.exists()


def test_a_staff_user_without_a_group_cannot_submit():
    story = StoryFactory()
    with pytest.raises(PermissionDenied):
        story.submit(UserFactory(username="nobody"))


def test_nobody_acts_anonymously():
    story = StoryFactory()
    with pytest.raises(PermissionDenied):
        story.submit(None)


# Every action from every state: allowed where the workflow says so, refused elsewhere.
ALLOWED = {
    "submit": {Status.DRAFT, Status.CHANGES_REQUESTED, Status.UNPUBLISHED},
    "approve": {Status.IN_REVIEW},
    "request_changes": {Status.IN_REVIEW, Status.APPROVED},
    "publish": {Status.APPROVED, Status.SCHEDULED},
    "unpublish": {Status.PUBLISHED, Status.SCHEDULED},
    "take_down": {Status.PUBLISHED, Status.SCHEDULED},
    "return_to_draft": {
        Status.IN_REVIEW,
        Status.CHANGES_REQUESTED,
        Status.APPROVED,
        Status.UNPUBLISHED,
    },
}
TARGET = {
    "submit": Status.IN_REVIEW,
    "approve": Status.APPROVED,
    "request_changes": Status.CHANGES_REQUESTED,
    "publish": Status.PUBLISHED,
    "unpublish": Status.UNPUBLISHED,
    "take_down": Status.UNPUBLISHED,
    "return_to_draft": Status.DRAFT,
}


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("status", list(Status))
def test_every_action_from_every_state(moderator, action, status):
    published_at = timezone.now() - datetime.timedelta(hours=1)
    story = StoryFactory(status=status, published_at=published_at)
    if action == "publish":
        call = lambda: story.publish(moderator)  # noqa: E731
    else:
        call = lambda: getattr(story, action)(moderator, comment="Because")  # noqa: E731
    if status in ALLOWED[action]:
        call()
        story.refresh_from_db()
        assert story.status == TARGET[action]
        transition = Transition.objects.get()
        assert (transition.from_status, transition.to_status) == (status, TARGET[action])
    else:
        with pytest.raises(ValidationError) as error:
            call()
        assert error.value.code == "invalid_transition"
        story.refresh_from_db()
        assert story.status == status
        assert not Transition.objects.exists()


def test_requesting_changes_needs_a_comment(moderator):
    story = StoryFactory(in_review=True)
    with pytest.raises(ValidationError) as error:
        story.request_changes(moderator, comment="  ")
    assert error.value.code == "comment_required"
    story.request_changes(moderator, comment="Name the source.")
    story.refresh_from_db()
    assert story.status == Status.CHANGES_REQUESTED
    assert story.transitions()[0].comment == "Name the source."


def test_taking_down_needs_a_reason_and_removes_the_story_at_once(moderator):
    story = StoryFactory(published=True)
    with pytest.raises(ValidationError):
        story.take_down(moderator, comment="")
    story.take_down(moderator, comment="Identifies a survivor")
    assert not Story.objects.published().filter(pk=story.pk).exists()
    assert story.transitions()[0].comment == "Taken down: Identifies a survivor"


def test_a_stale_object_cannot_move_twice(moderator, other_moderator):
    story = StoryFactory(in_review=True)
    stale = Story.objects.get(pk=story.pk)
    story.approve(moderator)
    with pytest.raises(ValidationError) as error:
        stale.approve(other_moderator)
    assert error.value.code == "stale"
    assert Transition.objects.count() == 1


def test_transitions_bump_the_lock_version():
    story = StoryFactory()
    version = story.lock_version
    moderator = UserFactory(username="m", groups=["Moderators"])
    story.submit(moderator)
    assert story.lock_version == version + 1
    assert Story.objects.get(pk=story.pk).lock_version == version + 1


# --- Identity protection ---


def test_a_story_about_a_survivor_cannot_be_approved_before_identity_protection_is_confirmed(
    moderator, other_moderator
):
    story = StoryFactory(in_review=True, involves_vulnerable_person=True, author=moderator)
    with pytest.raises(ValidationError) as error:
        story.approve(other_moderator)
    assert error.value.code == "identity_protection_unconfirmed"
    with pytest.raises(ValidationError) as error:
        story.confirm_identity_protection(moderator)
    assert error.value.code == "own_story"
    story.confirm_identity_protection(other_moderator)
    story.refresh_from_db()
    assert story.identity_protection_confirmed_by == other_moderator
    assert story.identity_protection_confirmed_at is not None
    story.approve(moderator)
    assert Story.objects.get(pk=story.pk).status == Status.APPROVED


def test_an_editor_cannot_confirm_identity_protection(editor):
    story = StoryFactory(in_review=True, involves_vulnerable_person=True)
    with pytest.raises(PermissionDenied):
        story.confirm_identity_protection(editor)


# --- Round-ups ---


def test_submitting_a_round_up_submits_its_draft_and_sent_back_stories(editor):
    lead = StoryFactory()
    sent_back = StoryFactory(changes_requested=True)
    approved = StoryFactory(approved=True)
    roundup = RoundUpFactory(lead_story=lead, items=[sent_back, approved])
    services.roundup_submit(roundup=roundup, by=editor)
    statuses = {s.pk: s.status for s in Story.objects.all()}
    assert statuses == {
        lead.pk: Status.IN_REVIEW,
        sent_back.pk: Status.IN_REVIEW,
        approved.pk: Status.APPROVED,
    }
    roundup.refresh_from_db()
    assert roundup.status == Status.IN_REVIEW


def test_a_round_up_cannot_be_approved_while_a_story_is_not_approved(moderator):
    lead = StoryFactory(approved=True)
    pending = StoryFactory(in_review=True)
    roundup = RoundUpFactory(in_review=True, lead_story=lead, items=[pending])
    with pytest.raises(ValidationError) as error:
        services.roundup_approve(roundup=roundup, by=moderator)
    assert error.value.code == "stories_not_approved"
    assert pending.title in " ".join(error.value.messages)
    pending.approve(moderator)
    services.roundup_approve(roundup=roundup, by=moderator)
    roundup.refresh_from_db()
    assert roundup.status == Status.APPROVED


def test_a_round_up_whose_lead_story_is_a_draft_cannot_be_approved(moderator):
    roundup = RoundUpFactory(
        in_review=True, lead_story=StoryFactory(), items=[StoryFactory(published=True)]
    )
    with pytest.raises(ValidationError):
        roundup.approve(moderator)


def test_publishing_a_round_up_publishes_its_approved_stories(moderator):
    lead = StoryFactory(approved=True)
    item = StoryFactory(approved=True)
    old = StoryFactory(published=True)
    old_time = old.published_at
    roundup = RoundUpFactory(approved=True, lead_story=lead, items=[item, old])
    services.roundup_publish(roundup=roundup, by=moderator)
    assert set(Story.objects.published().values_list("pk", flat=True)) == {lead.pk, item.pk, old.pk}
    old.refresh_from_db()
    assert old.published_at == old_time
    roundup.refresh_from_db()
    assert roundup.is_published()


def test_scheduling_a_round_up_schedules_its_stories_for_the_same_time(moderator):
    item = StoryFactory(approved=True)
    roundup = RoundUpFactory(approved=True, items=[item])
    at = timezone.now() + datetime.timedelta(days=1)
    services.roundup_publish(roundup=roundup, by=moderator, at=at)
    item.refresh_from_db()
    roundup.refresh_from_db()
    assert (item.status, item.published_at) == (Status.SCHEDULED, at.replace(microsecond=0))
    assert (roundup.status, roundup.published_at) == (Status.SCHEDULED, at.replace(microsecond=0))


def test_publishing_a_round_up_is_all_or_nothing(moderator):
    good = StoryFactory(approved=True)
    # This one cannot be published: its take-down time has passed.
    bad = StoryFactory(approved=True, unpublish_at=timezone.now() - datetime.timedelta(days=1))
    roundup = RoundUpFactory(approved=True, items=[good, bad])
    with pytest.raises(ValidationError):
        services.roundup_publish(roundup=roundup, by=moderator)
    assert not Story.objects.exclude(status=Status.APPROVED).exists()
    roundup.refresh_from_db()
    assert roundup.status == Status.APPROVED
    assert not Transition.objects.exists()


def test_an_editor_cannot_publish_a_round_up_and_nothing_moves(editor):
    item = StoryFactory(approved=True)
    roundup = RoundUpFactory(approved=True, items=[item])
    with pytest.raises(PermissionDenied):
        services.roundup_publish(roundup=roundup, by=editor)
    item.refresh_from_db()
    assert item.status == Status.APPROVED


def test_content_is_locked_for_editors_but_not_moderators_once_submitted(editor, moderator):
    story = StoryFactory(in_review=True)
    assert not story.is_editable_by(editor)
    assert story.is_editable_by(moderator)
    assert StoryFactory(changes_requested=True).is_editable_by(editor)
