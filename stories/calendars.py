"""The deadlines as an iCalendar feed (/deadlines.ics) that calendar apps subscribe to.

It takes the deadlines finder's query string (`?region=asean&topic=…`, `closed=1` for the
archive) through the same FilterSet, so a subscription holds what the finder shows. Each call
is one event on its deadline: all day, or at its closing time in the site's time zone.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from stories.filters import DeadlineFilter
from stories.models import Story
from stories.views import absolute

# A calendar app fetches the whole file every few hours: the next calls, not the whole archive.
EVENTS = 200


def calendar_name(filterset: DeadlineFilter) -> str:
    labels = [label for name, _, label in filterset.active() if name != "closed"]
    kind = "closed calls" if filterset.show_closed else "open calls"
    return f"{settings.SITE_NAME}: {kind}" + (f" on {', '.join(labels)}" if labels else "")


def deadline_event(story: Story, host: str) -> Event:
    event = Event()
    url = absolute(story.get_absolute_url())
    # Stable across renames and edits, so a calendar updates the event instead of adding one.
    event.add("uid", f"deadline-{story.pk}@{host}")
    event.add("summary", f"Deadline: {story.title}")
    event.add("dtstamp", story.updated_at or timezone.now())
    closing = story.deadline_at()
    if closing is not None:
        event.add("dtstart", closing)
        event.add("dtend", closing)
    else:
        event.add("dtstart", story.deadline)
        event.add("dtend", story.deadline + datetime.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a deadline does not make the day busy
    event.add("url", url)
    event.add("description", f"{story.summary}\n\n{url}")
    return event


def deadline_calendar(request: HttpRequest) -> HttpResponse:
    filterset = DeadlineFilter(
        data=request.GET, queryset=Story.objects.published().without_bodies()
    )
    host = urlsplit(settings.SITE_URL).hostname or "newsroom"
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name(filterset))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    query = filterset.normalised_query()
    finder = reverse("stories:deadline_list") + (f"?{query}" if query else "")
    calendar.add("url", absolute(finder))
    for story in filterset.qs[:EVENTS]:
        calendar.add_component(deadline_event(story, host))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response
