"""The admin at a laptop's width (1280 px): nothing scrolls sideways, titles get room."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.e2e.conftest import sign_in
from tests.factories import RoundUpFactory, StoryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_TITLE = (
    "Regional consultation on preventing child and forced marriage in the context of "
    "trafficking in persons invites contributions from civil society"
)


def sideways_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_the_round_up_form_does_not_scroll_sideways_at_1280_px(page, moderator):
    stories = [StoryFactory(title=f"{LONG_TITLE} ({n})") for n in range(3)]
    roundup = RoundUpFactory(items=stories, lead_story=stories[0])
    roundup.items.update(blurb="A blurb long enough to fill its box. " * 12)
    sign_in(page, "moderator")
    page.goto(reverse("admin:stories_roundup_change", args=[roundup.pk]))
    page.wait_for_load_state("load")
    assert page.viewport_size["width"] == 1280
    assert sideways_overflow(page) <= 0


def test_the_story_list_gives_titles_room_at_1280_px(page, moderator):
    for n in range(5):
        StoryFactory(published=True, title=f"{LONG_TITLE} ({n})", source_name="OSCE")
    sign_in(page, "moderator")
    page.goto(reverse("admin:stories_story_changelist"))
    page.wait_for_load_state("load")
    assert sideways_overflow(page) <= 0
    title_width = page.locator("#result_list th.field-title").first.bounding_box()["width"]
    table_width = page.locator("#result_list").bounding_box()["width"]
    assert title_width >= 250 and title_width >= 0.3 * table_width, (title_width, table_width)
