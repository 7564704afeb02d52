"""Scheduled items go public at their time by themselves; the command makes records catch up."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from stories import services
from stories.models import Status, Story, Transition
from tests.factories import RoundUpFactory, StoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def run() -> str:
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


@pytest.fixture
def scheduled_story(moderator):
    with time_machine.travel(NOON - datetime.timedelta(days=1), tick=False):
        story = StoryFactory(approved=True, title="Embargoed report")
        story.publish(moderator, at=NOON)
    return story


def test_a_scheduled_story_becomes_public_at_its_time_without_the_command(client, scheduled_story):
    url = scheduled_story.get_absolute_url()
    with time_machine.travel(NOON - datetime.timedelta(minutes=1), tick=False):
        assert client.get(url).status_code == 404
        assert not Story.objects.published().exists()
        assert b"Embargoed report" not in client.get(reverse("stories:story_list")).content
    with time_machine.travel(NOON + datetime.timedelta(minutes=1), tick=False):
        assert client.get(url).status_code == 200
        assert list(Story.objects.published()) == [scheduled_story]
        assert b"Embargoed report" in client.get(reverse("stories:story_list")).content


def test_the_command_flips_due_items_only_and_logs_them(scheduled_story, moderator):
    with time_machine.travel(NOON - datetime.timedelta(minutes=1), tick=False):
        assert run() == "Published 0, unpublished 0.\n"
    scheduled_story.refresh_from_db()
    assert scheduled_story.status == Status.SCHEDULED
    with time_machine.travel(NOON + datetime.timedelta(minutes=1), tick=False):
        assert run() == "Published 1, unpublished 0.\n"
    scheduled_story.refresh_from_db()
    assert scheduled_story.status == Status.PUBLISHED
    last = scheduled_story.transitions()[0]
    assert (last.from_status, last.to_status, last.by) == (
        Status.SCHEDULED,
        Status.PUBLISHED,
        None,
    )


def test_running_the_command_twice_moves_each_item_once(scheduled_story):
    with time_machine.travel(NOON + datetime.timedelta(minutes=1), tick=False):
        run()
        assert run() == "Published 0, unpublished 0.\n"
    assert Transition.objects.filter(to_status=Status.PUBLISHED).count() == 1


def test_two_runners_holding_the_same_item_move_it_once(scheduled_story):
    # Both runs loaded the item before either wrote: only the conditional UPDATE decides.
    first = Story.objects.get(pk=scheduled_story.pk)
    second = Story.objects.get(pk=scheduled_story.pk)
    with time_machine.travel(NOON + datetime.timedelta(minutes=1), tick=False):
        assert first.go_live() is not None
        assert second.go_live() is None
    assert Transition.objects.filter(to_status=Status.PUBLISHED).count() == 1


def test_a_rescheduled_item_is_not_published_at_the_old_time(scheduled_story):
    stale = Story.objects.get(pk=scheduled_story.pk)
    Story.objects.filter(pk=scheduled_story.pk).update(
        published_at=NOON + datetime.timedelta(days=7)
    )
    with time_machine.travel(NOON + datetime.timedelta(minutes=1), tick=False):
        assert stale.go_live() is None
    assert Story.objects.get(pk=scheduled_story.pk).status == Status.SCHEDULED


def test_the_command_notifies_the_author_when_the_item_goes_live(
    scheduled_story, mailoutbox, django_capture_on_commit_callbacks
):
    author = scheduled_story.author
    with (
        time_machine.travel(NOON + datetime.timedelta(minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run()
    assert [mail.to for mail in mailoutbox] == [[author.email]]
    assert "published" in mailoutbox[0].subject


def test_expired_items_are_hidden_at_their_time_and_unpublished_by_the_command():
    story = StoryFactory(
        published=True, published_at=NOON - datetime.timedelta(days=3), unpublish_at=NOON
    )
    with time_machine.travel(NOON - datetime.timedelta(minutes=1), tick=False):
        assert story.is_published()
        run()
        assert Story.objects.get(pk=story.pk).status == Status.PUBLISHED
    with time_machine.travel(NOON + datetime.timedelta(minutes=1), tick=False):
        assert not Story.objects.published().exists()
        assert run() == "Published 0, unpublished 1.\n"
    assert Story.objects.get(pk=story.pk).status == Status.UNPUBLISHED


def test_a_scheduled_round_up_and_its_stories_go_live_together(moderator):
    with time_machine.travel(NOON - datetime.timedelta(days=1), tick=False):
        item = StoryFactory(approved=True)
        roundup = RoundUpFactory(approved=True, items=[item])
        services.roundup_publish(roundup=roundup, by=moderator, at=NOON)
    with time_machine.travel(NOON + datetime.timedelta(seconds=1), tick=False):
        assert run() == "Published 2, unpublished 0.\n"
    item.refresh_from_db()
    roundup.refresh_from_db()
    assert item.status == roundup.status == Status.PUBLISHED


def test_scheduled_times_are_shown_with_their_time_zone(moderator_client, scheduled_story):
    page = moderator_client.get(reverse("admin:stories_story_change", args=[scheduled_story.pk]))
    assert "2 Mar 2026 13:00 CET" in page.content.decode()
    assert timezone.get_current_timezone_name() == "Europe/Vienna"
