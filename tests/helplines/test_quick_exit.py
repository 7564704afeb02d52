"""The quick exit: on every public page unless switched off, with a note on clearing history."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from tests.factories import RoundUpFactory, StoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

NEUTRAL = "https://www.bbc.co.uk/weather"


@pytest.fixture
def public_pages():
    story = StoryFactory(published=True)
    roundup = RoundUpFactory(published=True, lead_story=story)
    return [
        "/",
        "/stories/",
        "/digests/",
        "/deadlines/",
        "/staying-safe/",
        story.get_absolute_url(),
        roundup.get_absolute_url(),
        "/regions/kenya/",
        "/topics/forced-labour/",
    ]


def exit_link(text: str) -> str | None:
    match = re.search(r'<a class="quick-exit-button" href="([^"]+)"[^>]*data-quick-exit>', text)
    return match.group(1) if match else None


def test_every_public_page_has_a_labelled_exit_link_to_a_neutral_site(client, public_pages):
    for url in public_pages:
        text = client.get(url).text
        assert exit_link(text) == NEUTRAL, url
        assert "Exit this page</a>" in text, url
        assert re.search(r'<script src="/static/js/quick-exit\.js" defer></script>', text), url
        assert 'href="/staying-safe/">how to stay safe</a>' in text, url


def test_the_exit_link_comes_right_after_the_skip_link(client):
    text = client.get("/").text
    links = re.findall(r"<a [^>]*>", text)
    assert 'class="skip-link"' in links[0]
    assert "data-quick-exit" in links[1]


def test_the_exit_link_sends_no_referrer(client):
    text = client.get("/").text
    assert re.search(r'class="quick-exit-button"[^>]*rel="nofollow noreferrer"', text)


def test_a_newsroom_can_switch_the_quick_exit_off(client, settings, public_pages):
    settings.QUICK_EXIT = False
    for url in public_pages:
        text = client.get(url).text
        assert "data-quick-exit" not in text, url
        assert "quick-exit.js" not in text, url
    # The safety page then says how to leave without it.
    assert "Close the tab" in client.get("/staying-safe/").text


def test_the_neutral_site_can_be_chosen(client, settings):
    settings.QUICK_EXIT_URL = "https://www.example.org/"
    assert exit_link(client.get("/").text) == "https://www.example.org/"


def test_the_staying_safe_page_explains_clearing_history(client):
    response = client.get("/staying-safe/")
    assert response.status_code == 200
    text = response.text
    assert "<h1>Staying safe while you read</h1>" in text
    assert "Clear your browsing history" in text
    assert "private window" in text
    assert "press the <kbd>Shift</kbd> key 3 times" in text


def test_the_page_shown_while_the_database_is_down_has_the_quick_exit_too(settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    client = Client(raise_request_exception=False)
    with mock.patch(
        "stories.views.HomeView.get_context_data", side_effect=OperationalError("down")
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert exit_link(response.content.decode()) == NEUTRAL


def test_the_admin_has_no_quick_exit(admin_client):
    assert "data-quick-exit" not in admin_client.get("/admin/").content.decode()


def test_a_neutral_site_that_is_not_https_is_refused():
    from tests.security.test_deployment import run

    result = run(["manage.py", "check"], DEBUG="1", QUICK_EXIT_URL="javascript:alert(1)")

    assert result.returncode != 0
    assert "QUICK_EXIT_URL must be an https:// address" in result.stderr
