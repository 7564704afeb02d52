"""The admin lists' drill-down by publication date: the years and months that have items, found
without reading every item's date."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import Max, Min
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stories.models import EDITABLE_STATUSES, Status, Story
from stories.templatetags import admin_dates
from stories.templatetags.admin_dates import periods_with_items
from tests.factories import StoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def published(year: int, month: int, day: int = 15, hour: int = 12) -> Story:
    at = timezone.make_aware(datetime.datetime(year, month, day, hour))
    return StoryFactory(published=True, published_at=at)


@pytest.fixture
def archive():
    published(2019, 3)
    published(2021, 12, 31, 23)  # late on New Year's Eve, local time: still 2021
    published(2022, 1, 1, 0)
    published(2022, 7)
    StoryFactory()  # a draft: no publication time


def choices(page) -> list[str]:
    return [link.text.strip() for link in page.html.select(".xfull a, nav.toplinks a")]


def test_the_story_list_offers_the_years_with_stories(django_app, moderator, archive):
    page = django_app.get(reverse("admin:stories_story_changelist"), user="moderator")

    assert choices(page) == ["2019", "2021", "2022"]


def test_a_year_offers_its_months_with_stories(django_app, moderator, archive):
    page = django_app.get(reverse("admin:stories_story_changelist"), user="moderator")
    page = page.click("2022", href="published_at__year=2022")

    assert [c for c in choices(page) if c != "‹ All dates"] == ["January 2022", "July 2022"]


LISTS = {
    "every story": lambda user: Story.objects.all(),
    "my drafts": lambda user: Story.objects.filter(author=user, status__in=EDITABLE_STATUSES),
    "everything I wrote": lambda user: Story.objects.filter(author=user),
}


@pytest.mark.parametrize("length", ["short", "long"])
@pytest.mark.parametrize("kind", ["year", "month"])
@pytest.mark.parametrize("listed", LISTS)
def test_the_periods_are_the_ones_django_finds_by_reading_every_date(
    archive, editor, monkeypatch, listed, kind, length
):
    if length == "long":
        monkeypatch.setattr(admin_dates, "FEW_ITEMS", 0)
    taken_off = published(2018, 5)  # theirs, unpublished since: a draft with a date
    Story.objects.filter(pk=taken_off.pk).update(author=editor, status=Status.UNPUBLISHED)
    Story.objects.filter(pk=published(2020, 2).pk).update(author=editor)
    StoryFactory(author=editor)  # a draft of theirs, never published
    stories = LISTS[listed](editor)
    periods = admin_dates.IndexedPeriods(stories, "published_at")

    assert list(periods.datetimes("published_at", kind)) == list(
        stories.datetimes("published_at", kind)
    )
    assert periods_with_items(stories, "published_at", kind) == list(
        stories.datetimes("published_at", kind)
    )
    assert periods.aggregate(first=Min("published_at"), last=Max("published_at")) == (
        stories.aggregate(first=Min("published_at"), last=Max("published_at"))
    )


def test_the_drill_down_finds_the_first_and_last_date_once(django_app, editor, archive):
    StoryFactory(author=editor)  # a draft: "my drafts" has no date to drill into
    with CaptureQueriesContext(connection) as queries:
        page = django_app.get(
            reverse("admin:stories_story_changelist") + "?mine=drafts", user="editor"
        )

    assert page.status_code == 200
    bounds = [q["sql"] for q in queries.captured_queries if "MIN(" in q["sql"].upper()]
    assert len(bounds) == 1, bounds


@pytest.fixture
def long_lists(monkeypatch):
    """Every list counts as long, as the whole list of a large archive does."""
    monkeypatch.setattr(admin_dates, "FEW_ITEMS", 0)


def test_the_list_reads_no_date_of_every_story(django_app, moderator, archive, long_lists):
    with CaptureQueriesContext(connection) as queries:
        django_app.get(reverse("admin:stories_story_changelist"), user="moderator")

    dated = [q["sql"] for q in queries.captured_queries if "published_at" in q["sql"]]
    assert dated
    assert not [sql for sql in dated if "DISTINCT" in sql]
