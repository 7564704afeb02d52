"""Alerts match exactly what the finder shows, once per story and occasion, in local windows."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from newsletters import alerts, sending, tasks
from newsletters.alerts import stories_published
from newsletters.models import Alert, DeliveryStatus, Subscription
from newsletters.selections import matching, selection_from
from stories.models import Topic
from tests.factories import (
    OrganizationFactory,
    StoryFactory,
    SubscriptionFactory,
    TopicFactory,
    region,
)

pytestmark = pytest.mark.django_db

VIENNA = zoneinfo.ZoneInfo("Europe/Vienna")


def alerts_to(mailoutbox, address: str) -> list:
    return [
        m
        for m in mailoutbox
        if m.to == [address] and "alert-" in m.extra_headers.get("List-Id", "")
    ]


@pytest.fixture
def archive(db):
    labour = TopicFactory(name="Forced labour", slug="forced-labour")
    child = TopicFactory(name="Child trafficking", slug="child-trafficking")
    mekong = OrganizationFactory(name="Mekong Club", slug="mekong-club")
    iom = OrganizationFactory(name="IOM", slug="iom")
    india, asia, kenya = region("india"), region("asia"), region("kenya")
    soon = timezone.localdate() + datetime.timedelta(days=5)
    stories = [
        StoryFactory(
            published=True,
            title="Kiln workers freed",
            topics=[labour],
            regions=[india],
            tags=["kilns"],
        ),
        StoryFactory(
            published=True,
            title="Fishing fleets",
            topics=[labour],
            regions=[asia],
            organizations=[mekong],
        ),
        StoryFactory(
            published=True,
            title="Orphanage trafficking",
            topics=[child],
            regions=[kenya],
            organizations=[iom],
        ),
        StoryFactory(
            published=True,
            title="Call for input on kilns",
            topics=[labour],
            regions=[india],
            deadline=soon,
            kind="call-for-input",
        ),
        StoryFactory(
            published=True,
            title="Closed call",
            kind="call-for-input",
            topics=[child],
            deadline=timezone.localdate() - datetime.timedelta(days=1),
        ),
        StoryFactory(
            published=True,
            title="IOM report on Kenya",
            kind="report",
            regions=[kenya],
            organizations=[iom],
            tags=["reports"],
        ),
        StoryFactory(
            title="Draft on kilns", topics=[labour], regions=[india], kind="call-for-input"
        ),
        StoryFactory(scheduled=True, title="Scheduled on kilns", topics=[labour]),
        StoryFactory(unpublished=True, title="Taken down on kilns", topics=[labour]),
    ]
    return stories


COMBINATIONS = [
    "",
    "topic=forced-labour",
    "topic=child-trafficking",
    "region=asia",
    "region=india",
    "topic=forced-labour&region=asia",
    "organization=iom",
    "organization=mekong-club&topic=forced-labour",
    "tag=kilns",
    "tag=reports&region=kenya",
    "open=1",
    "open=1&topic=forced-labour",
    "q=kilns",
    "q=kilns&region=india",
    "topic=forced-labour&topic=child-trafficking",
    "type=call-for-input",
    "type=call-for-input&region=asia",
    "type=call-for-input&open=1",
    "type=report&type=call-for-input&topic=forced-labour",
    "type=event",
]


@pytest.mark.parametrize("query", COMBINATIONS)
def test_an_alert_matches_exactly_what_its_finder_url_shows(client, archive, no_page_cache, query):
    page = client.get(f"/stories/?{query}")
    shown = {story.pk for story in page.context["page_obj"].object_list}
    selection = selection_from(page.wsgi_request.GET)
    assert not selection.errors
    matched = set(matching(selection.query).values_list("pk", flat=True))
    assert matched == shown
    assert not {s.pk for s in archive if not s.is_published()} & matched


def test_the_selection_is_named_as_the_finder_names_it(archive):
    from django.http import QueryDict

    selection = selection_from(QueryDict("region=asia&topic=forced-labour&sort=relevance&page=2"))
    assert selection.name == "Forced labour, Asia"
    assert selection.query == "region=asia&topic=forced-labour"


def test_a_selection_with_a_type_is_stored_and_named_as_the_finder_names_it(archive):
    from django.http import QueryDict

    selection = selection_from(QueryDict("type=call-for-input&region=india&sort=newest"))

    assert selection.name == "Calls for input, India"
    assert selection.query == "region=india&type=call-for-input"
    assert {s.title for s in matching(selection.query)} == {"Call for input on kilns"}


def test_an_alert_for_a_type_that_does_not_exist_matches_nothing(archive):
    from django.http import QueryDict

    assert selection_from(QueryDict("type=opinion")).errors
    # A stored selection that no longer reads as one holds nothing rather than everything.
    assert not matching("type=opinion").exists()


def test_an_immediate_alert_goes_out_once_when_a_matching_story_is_published(
    archive, moderator, mailoutbox
):
    reader = SubscriptionFactory(
        alert=True, frequency="immediately", query="topic=forced-labour", name="Forced labour"
    )
    other = SubscriptionFactory(
        alert=True, frequency="immediately", query="region=kenya", name="Kenya"
    )
    story = StoryFactory(
        approved=True, title="Brick kiln raid", topics=[Topic.objects.get(slug="forced-labour")]
    )
    story.publish(moderator)
    sent = alerts_to(mailoutbox, reader.subscriber.email)
    assert [m.subject for m in sent] == ["New in Forced labour: Brick kiln raid"]
    assert not alerts_to(mailoutbox, other.subscriber.email)
    message = sent[0]
    assert "List-Unsubscribe" in message.extra_headers
    assert "/stories/?topic=forced-labour" in message.body
    assert "Brick kiln raid" in message.alternatives[0][0]

    # A minor edit, a take-down and a republication: no second alert about it.
    story.refresh_from_db()
    story.summary = "A typo fixed."
    story.save()
    story.unpublish(moderator)
    story.refresh_from_db()
    story.status = "approved"
    story.save()
    story.publish(moderator)
    stories_published([story.pk])
    assert len(alerts_to(mailoutbox, reader.subscriber.email)) == 1


def test_a_correction_alerts_once_per_occasion(archive, mailoutbox):
    reader = SubscriptionFactory(
        alert=True, frequency="immediately", query="tag=kilns", name="kilns"
    )
    story = archive[0]
    stories_published([story.pk], occasion="corrected-1")
    stories_published([story.pk], occasion="corrected-1")
    sent = alerts_to(mailoutbox, reader.subscriber.email)
    assert [m.subject for m in sent] == ["Corrected in kilns: Kiln workers freed"]
    stories_published([story.pk], occasion="corrected-2")
    assert len(alerts_to(mailoutbox, reader.subscriber.email)) == 2
    with pytest.raises(ValueError):
        stories_published([story.pk], occasion="Corrected!")


@pytest.mark.parametrize(
    ("occasion", "subject"),
    [("correction-7", "Corrected in kilns: "), ("update-8", "Updated in kilns: ")],
)
def test_published_corrections_and_updates_say_what_they_are(
    archive, mailoutbox, occasion, subject
):
    reader = SubscriptionFactory(
        alert=True, frequency="immediately", query="tag=kilns", name="kilns"
    )
    stories_published([archive[0].pk], occasion=occasion)
    [message] = alerts_to(mailoutbox, reader.subscriber.email)
    assert message.subject == subject + "Kiln workers freed"
    assert message.body.startswith(subject.split(" in")[0].upper())


def test_no_alert_is_ever_sent_about_a_draft_or_a_story_not_yet_live(archive, mailoutbox):
    reader = SubscriptionFactory(alert=True, frequency="immediately", query="", name="All stories")
    draft, scheduled, taken_down = archive[6], archive[7], archive[8]
    stories_published([draft.pk, scheduled.pk, taken_down.pk])
    assert not alerts_to(mailoutbox, reader.subscriber.email)
    assert not Alert.objects.exists()


def test_a_story_taken_down_before_its_alert_is_sent_is_left_out(archive, mailoutbox):
    reader = SubscriptionFactory(alert=True, frequency="immediately", query="", name="All stories")
    story = archive[0]
    [pk] = alerts.match_immediate([story.pk], "published")
    story.status = "unpublished"
    story.save()
    sending.send_alerts([pk], final=True)
    assert not alerts_to(mailoutbox, reader.subscriber.email)
    assert Alert.objects.get(pk=pk).status == DeliveryStatus.EMPTY


def test_pending_and_unsubscribed_addresses_get_no_alerts(archive, mailoutbox):
    pending = SubscriptionFactory(alert=True, pending=True, frequency="immediately", query="")
    stories_published([archive[0].pk])
    assert not alerts_to(mailoutbox, pending.subscriber.email)


def test_a_selection_whose_theme_is_deleted_keeps_what_remains_or_is_retired(archive, mailoutbox):
    TopicFactory(name="Passing theme", slug="passing-theme")
    both = SubscriptionFactory(
        alert=True, frequency="immediately", name="Forced labour, Passing theme",
        query="topic=forced-labour&topic=passing-theme",
    )  # fmt: skip
    only = SubscriptionFactory(
        alert=True, frequency="immediately", query="region=kenya&topic=passing-theme",
        name="Passing theme, Kenya",
    )  # fmt: skip
    Topic.objects.filter(slug="passing-theme").delete()
    new = StoryFactory(
        published=True,
        title="New on labour",
        topics=[Topic.objects.get(slug="forced-labour")],
        regions=[region("kenya")],
    )
    stories_published([new.pk])
    assert [m.subject for m in alerts_to(mailoutbox, both.subscriber.email)] == [
        "New in Forced labour, Passing theme: New on labour"
    ]
    assert not alerts_to(mailoutbox, only.subscriber.email)
    only.refresh_from_db()
    assert only.status == Subscription.Status.RETIRED
    assert "no longer exists" in only.retired_note
    # The reader sees why on their page.
    from newsletters.tokens import manage_token

    html = Client().get(f"/subscriptions/{manage_token(only.subscriber)}/").content.decode()
    assert "No longer sent" in html


# --- Daily and weekly windows ---------------------------------------------------------------------


def local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VIENNA)


def utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


@pytest.mark.parametrize(
    ("now", "start", "end", "hours"),
    [
        # Autumn: the clocks go back on Sunday 25 October 2026, the day has 25 hours.
        (local(2026, 10, 25, 9, 0), local(2026, 10, 24, 7), local(2026, 10, 25, 7), 25),
        # Spring: forward on Sunday 29 March 2026, 23 hours.
        (local(2026, 3, 29, 7, 0), local(2026, 3, 28, 7), local(2026, 3, 29, 7), 23),
        # Before the hour, the window is the day before's.
        (local(2026, 3, 30, 6, 59), local(2026, 3, 28, 7), local(2026, 3, 29, 7), 23),
        (local(2026, 7, 1, 12, 0), local(2026, 6, 30, 7), local(2026, 7, 1, 7), 24),
    ],
)
def test_daily_windows_end_at_the_same_local_hour_across_a_clock_change(
    settings, now, start, end, hours
):
    settings.TIME_ZONE = "Europe/Vienna"
    with timezone.override(VIENNA):
        got_start, got_end = alerts.window("daily", now)
    assert (got_start, got_end) == (start, end)
    # In UTC: Python subtracts two times of one zone as wall-clock times.
    assert utc(got_end) - utc(got_start) == datetime.timedelta(hours=hours)
    assert timezone.localtime(got_end, VIENNA).hour == 7


def test_weekly_windows_run_monday_to_monday_at_the_local_hour_across_a_clock_change(settings):
    settings.TIME_ZONE = "Europe/Vienna"
    with timezone.override(VIENNA):
        start, end = alerts.window("weekly", local(2026, 10, 28, 12))
    assert (start, end) == (local(2026, 10, 19, 7), local(2026, 10, 26, 7))
    assert utc(end) - utc(start) == datetime.timedelta(days=7, hours=1)


def test_daily_and_weekly_alerts_list_each_story_in_exactly_one_window_across_dst(
    settings, mailoutbox
):
    settings.TIME_ZONE = "Europe/Vienna"
    timezone.activate(VIENNA)
    labour = TopicFactory(name="Forced labour", slug="forced-labour")
    with time_machine.travel(local(2026, 10, 20, 12)):
        daily = SubscriptionFactory(
            alert=True, frequency="daily", query="topic=forced-labour", name="Forced labour"
        )
        weekly = SubscriptionFactory(
            alert=True, frequency="weekly", query="topic=forced-labour", name="Forced labour"
        )
        immediate = SubscriptionFactory(
            alert=True, frequency="immediately", query="topic=forced-labour", name="Forced labour"
        )
    times = {
        "Saturday evening": local(2026, 10, 24, 20),
        "Sunday 06:59 (after the change)": local(2026, 10, 25, 6, 59),
        "Sunday 07:00": local(2026, 10, 25, 7, 0),
        "Draft": None,
    }
    for title, at in times.items():
        if at is None:
            StoryFactory(title=title, topics=[labour])
        else:
            StoryFactory(title=title, topics=[labour], status="published", published_at=at)

    def run(at):
        with time_machine.travel(at):
            tasks.schedule_alert_batches()
            tasks.schedule_alert_batches()  # a second run of the beat sends nothing more

    run(local(2026, 10, 25, 7, 5))
    run(local(2026, 10, 26, 7, 5))
    run(local(2026, 10, 26, 7, 5))
    daily_mails = alerts_to(mailoutbox, daily.subscriber.email)
    weekly_mails = alerts_to(mailoutbox, weekly.subscriber.email)
    assert [m.subject for m in daily_mails] == [
        "2 new stories in Forced labour",
        "New in Forced labour: Sunday 07:00",
    ]
    assert "Saturday evening" in daily_mails[0].body and "06:59" in daily_mails[0].body
    assert [m.subject for m in weekly_mails] == ["3 new stories in Forced labour"]
    assert "Draft" not in weekly_mails[0].body
    assert not alerts_to(mailoutbox, immediate.subscriber.email)  # not batched
    keys = sorted(Alert.objects.filter(subscription=daily).values_list("key", flat=True))
    assert keys == ["daily:2026-10-25T07:00:00+01:00", "daily:2026-10-26T07:00:00+01:00"]


def test_a_window_with_no_new_stories_sends_nothing(settings, mailoutbox):
    subscription = SubscriptionFactory(
        alert=True, frequency="daily", query="q=nothing", name="“nothing”"
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, hours=1)):
        tasks.schedule_alert_batches()
    assert not alerts_to(mailoutbox, subscription.subscriber.email)
    assert Alert.objects.get(subscription=subscription).status == DeliveryStatus.EMPTY
