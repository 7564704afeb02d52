"""The facet picker in a real browser: type inside a facet, tick a match, apply, under the CSP."""

from __future__ import annotations

import re

import pytest

from stories.models import Region
from tests.factories import StoryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_reader_finds_a_place_the_facet_does_not_list_by_typing_part_of_its_name(page):
    countries = list(Region.objects.countries().order_by("name")[:20])
    for country in countries:
        StoryFactory(published=True, title=f"News from {country.name}", regions=[country])
    # Twelve countries are listed, all with one story, by name: the last is not.
    wanted = countries[-1]

    page.goto("/stories/")
    assert page.locator(f"#f-region-{wanted.slug}").count() == 0
    page.fill("#picker-region", wanted.name[:5])
    page.check(f"#pick-region-{wanted.slug}")
    page.click(".apply-top button")

    # Only what was chosen goes into the URL: no q=&from=&to=&sort=newest.
    page.wait_for_url(re.compile(rf"/stories/\?region={wanted.slug}$"))
    assert page.locator(".results-count").inner_text().startswith("1 ")
    assert page.locator(f"text=News from {wanted.name}").count() == 1
    assert page.policy_violations == []


def test_without_javascript_the_facet_links_to_its_full_list(browser, live_server):
    for country in Region.objects.countries().order_by("name")[:20]:
        StoryFactory(published=True, regions=[country])
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()

    page.goto("/stories/")
    assert page.locator("#picker-region").count() == 0
    page.click("text=All places with results")
    page.wait_for_url("**/stories/options/region/")
    page.locator("[data-option]").last.click()
    page.wait_for_url(re.compile(r"/stories/\?region="))
    context.close()
