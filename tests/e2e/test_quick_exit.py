"""The quick exit in a real browser, under the site's Content-Security-Policy."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEUTRAL = "https://www.bbc.co.uk/weather"


@pytest.fixture
def neutral_site(page):
    """The neutral site, answered by the browser itself: the tests reach no outside server."""
    visits = []

    def answer(route):
        visits.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>Sunny")

    page.route(re.compile(r"^https://www\.bbc\.co\.uk/.*"), answer)
    return visits


def open_page(page, path="/"):
    page.goto(path)
    # The script is deferred: it has run once the document's load event fired.
    page.wait_for_load_state("load")
    assert page.locator("[data-quick-exit]").is_visible()


def test_the_exit_button_replaces_the_page_and_back_does_not_return(page, neutral_site):
    page.goto("/deadlines/")
    open_page(page, "/stories/")

    page.click("text=Exit this page")

    page.wait_for_url(NEUTRAL)
    assert neutral_site == [NEUTRAL]
    # The page was replaced in the tab's history, not added after it.
    page.go_back()
    assert page.url.endswith("/deadlines/")
    assert page.policy_violations == []


def test_pressing_shift_three_times_leaves_the_page(page, neutral_site):
    open_page(page)

    for _ in range(3):
        page.keyboard.press("Shift")

    page.wait_for_url(NEUTRAL)
    assert page.policy_violations == []


def test_shift_for_capital_letters_does_not_leave_the_page(page, neutral_site):
    open_page(page, "/stories/")
    page.click("#id_q")

    page.keyboard.press("Shift")
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+B")
    page.keyboard.press("Shift")

    page.wait_for_timeout(300)
    assert page.url.endswith("/stories/")
    assert neutral_site == []


def test_the_exit_button_is_the_first_stop_after_the_skip_link(page, neutral_site):
    open_page(page)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip().endswith("Exit this page")
    page.keyboard.press("Enter")

    page.wait_for_url(NEUTRAL)
    assert page.policy_violations == []
