"""The deadlines finder and its iCalendar feed: open calls by default, closed ones as an archive."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from stories.models import Topic
from tests.factories import OrganizationFactory, StoryFactory, region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def calls():
    forced = Topic.objects.get(slug="forced-labour")
    ilo = OrganizationFactory(name="ILO", slug="ilo")
    return {
        "thailand": StoryFactory(
            published=True, title="Thai call", deadline=days(10), regions=[region("thailand")],
            topics=[forced], organizations=[ilo],
        ),
        "kenya": StoryFactory(
            published=True, title="Kenyan call", deadline=days(3), regions=[region("kenya")],
            deadline_time=datetime.time(17, 0),
        ),
        "today": StoryFactory(published=True, title="Closing today", deadline=days(0)),
        "closed": StoryFactory(
            published=True, title="Closed Thai call", deadline=days(-5),
            regions=[region("thailand")],
        ),
        "older": StoryFactory(published=True, title="Older closed call", deadline=days(-40)),
        "draft": StoryFactory(title="Draft call", deadline=days(4)),
        "none": StoryFactory(published=True, title="No deadline"),
    }  # fmt: skip


def titles(response) -> list[str]:
    return [story.title for story in response.context["page_obj"]]


# --- The finder -----------------------------------------------------------------------------


def test_open_calls_are_listed_soonest_first(client, calls):
    response = client.get("/deadlines/")

    assert response.status_code == 200
    assert titles(response) == ["Closing today", "Kenyan call", "Thai call"]
    assert "<h1>Open calls</h1>" in response.text


def test_closed_calls_are_an_archive_latest_first(client, calls):
    response = client.get("/deadlines/?closed=1")

    assert titles(response) == ["Closed Thai call", "Older closed call"]
    assert "<h1>Closed calls: Closed calls</h1>" not in response.text
    assert 'href="/deadlines/">Open calls</a>' in response.text


def test_calls_filter_by_theme_place_and_organization(client, calls):
    assert titles(client.get("/deadlines/?topic=forced-labour")) == ["Thai call"]
    assert titles(client.get("/deadlines/?region=asean")) == ["Thai call"]
    assert titles(client.get("/deadlines/?region=asean&closed=1")) == ["Closed Thai call"]
    assert titles(client.get("/deadlines/?organization=ilo")) == ["Thai call"]
    assert titles(client.get("/deadlines/?region=africa")) == ["Kenyan call"]


def test_facets_count_only_the_calls_shown(client, calls):
    response = client.get("/deadlines/")
    regions = {o.slug: o.count for f in response.context["facets"] if f.name == "region"
               for o in f.options}  # fmt: skip
    assert regions["asean"] == 1  # the closed Thai call is not counted
    archive = client.get("/deadlines/?closed=1")
    regions = {o.slug: o.count for f in archive.context["facets"] if f.name == "region"
               for o in f.options}  # fmt: skip
    assert regions["asean"] == 1 and "kenya" not in regions


def test_the_story_finder_and_the_deadlines_finder_do_not_share_counts(client, calls):
    stories = client.get("/stories/?region=thailand")
    deadlines = client.get("/deadlines/?region=thailand")
    assert stories.context["result_count"] == 2
    assert deadlines.context["result_count"] == 1


def test_each_card_shows_its_deadline_once_with_a_time_zone_where_it_has_a_time(client, calls):
    text = client.get("/deadlines/").text

    kenyan = re.search(r'<article class="card">(?:(?!</article>).)*Kenyan call.*?</article>',
                       text, re.DOTALL).group(0)  # fmt: skip
    assert kenyan.count("Deadline:") == 1
    zone = timezone.localtime(calls["kenya"].deadline_at()).strftime("%Z")
    assert f"{days(3):%-d %B %Y}, 17:00 {zone}" in kenyan
    thai = re.search(r'<article class="card">(?:(?!</article>).)*Thai call.*?</article>',
                     text, re.DOTALL).group(0)  # fmt: skip
    assert thai.count("Deadline:") == 1
    assert f'Deadline: <time datetime="{days(10):%Y-%m-%d}">{days(10):%-d %B %Y}</time>' in thai


def test_the_page_links_its_calendar_and_feeds_with_the_same_filters(client, calls):
    text = client.get("/deadlines/?region=asean").text
    assert 'href="/deadlines.ics?region=asean">calendar (iCalendar)</a>' in text
    assert 'href="/feeds/stories/?open=1&amp;region=asean">RSS feed</a>' in text


def test_bad_input_on_the_deadlines_finder_is_a_message_not_an_error(client, calls):
    for query in ["region=nowhere", "closed=maybe", "page=abc", "topic=%00"]:
        response = client.get(f"/deadlines/?{query}")
        assert response.status_code in (200, 404), query


def test_a_deadline_time_needs_a_date():
    from django.core.exceptions import ValidationError

    story = StoryFactory.build(deadline=None, deadline_time=datetime.time(9, 0))
    with pytest.raises(ValidationError) as error:
        story.clean()
    assert error.value.error_dict["deadline_time"][0].code == "deadline_time_without_date"


# --- The iCalendar feed ---------------------------------------------------------------------


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_holds_the_open_calls_as_events(client, calls):
    calendar = parse(client.get("/deadlines.ics"))

    assert set(events(calendar)) == {
        "Deadline: Closing today", "Deadline: Kenyan call", "Deadline: Thai call"
    }  # fmt: skip
    assert str(calendar["version"]) == "2.0"
    assert "open calls" in str(calendar["x-wr-calname"])


def test_a_call_without_a_time_is_an_all_day_event_with_a_link_back(client, calls):
    event = events(parse(client.get("/deadlines.ics")))["Deadline: Thai call"]

    assert event.decoded("dtstart") == days(10)
    assert event.decoded("dtend") == days(11)
    url = f"http://127.0.0.1:8000{calls['thailand'].get_absolute_url()}"
    assert str(event["url"]) == url
    assert url in str(event["description"])
    assert str(event["uid"]).startswith(f"deadline-{calls['thailand'].pk}@")


def test_a_call_with_a_time_is_a_timed_event_in_the_site_s_zone(client, calls, settings):
    calendar = parse(client.get("/deadlines.ics"))
    event = events(calendar)["Deadline: Kenyan call"]

    start = event.decoded("dtstart")
    assert isinstance(start, datetime.datetime)
    assert start == datetime.datetime.combine(
        days(3), datetime.time(17, 0), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )
    assert event["dtstart"].params["TZID"] == settings.TIME_ZONE
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == [settings.TIME_ZONE]


def test_the_calendar_takes_the_finder_s_filters(client, calls):
    asean = events(parse(client.get("/deadlines.ics?region=asean")))
    assert list(asean) == ["Deadline: Thai call"]
    archive = events(parse(client.get("/deadlines.ics?region=asean&closed=1")))
    assert list(archive) == ["Deadline: Closed Thai call"]
    themed = events(parse(client.get("/deadlines.ics?topic=forced-labour&organization=ilo")))
    assert list(themed) == ["Deadline: Thai call"]
    calendar = parse(client.get("/deadlines.ics?region=asean"))
    assert str(calendar["x-wr-calname"]).endswith("open calls on ASEAN")
    assert str(calendar["url"]).endswith("/deadlines/?region=asean")


def test_the_calendar_never_shows_a_draft_and_survives_bad_input(client, calls):
    for query in ["", "region=nowhere", "closed=maybe", "q=%00", "topic=" + "x" * 500]:
        response = client.get(f"/deadlines.ics?{query}")
        assert response.status_code == 200, query
        assert b"Draft call" not in response.content
        Calendar.from_ical(response.content)
