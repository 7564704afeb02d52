"""The "Get help" box on country, region and story pages."""

from __future__ import annotations

import re

import pytest

from helplines.models import Helpline
from tests.factories import HelplineFactory, StoryFactory, region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def help_boxes(text: str) -> list[str]:
    return re.findall(r'<aside class="help-box".*?</aside>', text, re.DOTALL)


def test_a_country_page_shows_its_hotline_with_a_number_to_call(client):
    text = client.get("/regions/united-kingdom/").text

    [box] = help_boxes(text)
    assert '<h2 id="help-united-kingdom">Get help in United Kingdom</h2>' in box
    assert '<a href="tel:08000121700">08000 121 700</a>' in box
    assert "Modern Slavery &amp; Exploitation Helpline" in box
    assert "24 hours, every day" in box
    assert "Demo data: our moderators have not checked this contact yet." in box
    assert "We have no contact" not in box


def test_a_text_number_is_an_sms_link(client):
    [box] = help_boxes(client.get("/regions/united-states/").text)
    assert '<a href="tel:18883737888">1-888-373-7888</a>' in box
    assert '<a href="sms:233733">233733</a>' in box


def test_a_country_without_contacts_shows_its_region_s_and_says_so(client):
    [box] = help_boxes(client.get("/regions/france/").text)
    assert "Get help in France" in box
    assert "We have no contact for France yet: these serve Europe." in box
    assert '<a href="tel:112">112</a>' in box


def test_then_the_international_ones(client):
    [box] = help_boxes(client.get("/regions/kenya/").text)
    assert "We have no contact for Kenya yet: these help people anywhere." in box
    assert 'href="https://www.iom.int"' in box


def test_a_region_and_a_grouping_page_show_the_box_too(client):
    assert "European emergency number" in help_boxes(client.get("/regions/europe/").text)[0]
    assert "Get help in OSCE" in help_boxes(client.get("/regions/osce/").text)[0]


def test_a_verified_contact_shows_when_it_was_checked(client, moderator):
    contact = Helpline.objects.get(region__slug="united-kingdom")
    contact.verify(by=moderator)

    [box] = help_boxes(client.get("/regions/united-kingdom/").text)
    assert "Demo data" not in box
    assert "Checked on <time" in box


def test_no_box_where_there_is_no_contact_at_all(client):
    Helpline.objects.all().delete()
    assert help_boxes(client.get("/regions/kenya/").text) == []


def test_a_story_tagged_with_countries_shows_help_for_each(client):
    story = StoryFactory(
        published=True, regions=[region("united-kingdom"), region("kenya"), region("africa")]
    )

    boxes = help_boxes(client.get(story.get_absolute_url()).text)

    assert len(boxes) == 2  # a region is not a country: no box of its own
    assert "Get help in Kenya" in boxes[0]  # places in name order
    assert "Get help in United Kingdom" in boxes[1]


def test_countries_with_the_same_contacts_share_one_box(client):
    story = StoryFactory(published=True, regions=[region("kenya"), region("uganda")])

    [box] = help_boxes(client.get(story.get_absolute_url()).text)

    assert "Get help in Kenya and Uganda" in box
    assert "We have no contact for Kenya and Uganda yet" in box


def test_a_story_with_no_country_has_no_box(client):
    story = StoryFactory(published=True, regions=[region("africa")])
    assert help_boxes(client.get(story.get_absolute_url()).text) == []


def test_a_new_contact_shows_at_once_on_cached_pages(client):
    assert "Kenya Hotline" not in client.get("/regions/kenya/").text
    HelplineFactory(region=region("kenya"), name="Kenya Hotline")
    assert "Kenya Hotline" in client.get("/regions/kenya/").text


def test_cached_pages_move_on_when_a_contact_changes(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert "Kenya Hotline" not in client.get("/regions/kenya/").text
    HelplineFactory(region=region("kenya"), name="Kenya Hotline")
    assert "Kenya Hotline" in client.get("/regions/kenya/").text
    Helpline.objects.get(name="Kenya Hotline").delete()
    assert "Kenya Hotline" not in client.get("/regions/kenya/").text
