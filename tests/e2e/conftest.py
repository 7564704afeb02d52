"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import re
import sys
import threading
import traceback
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from stories.management.commands.screenshots import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "correct horse battery staple"
# How long an action or a page may take before the journey fails: a liveness bound, not a speed
# check. Generous, because the suite shares a small CI machine with the database and a browser.
ACTION_TIMEOUT_MS = 30_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    if report.failed and report.when == "call":
        # A journey that timed out waiting for a page: where was the live server's thread?
        report.sections.append(("Python threads when the journey failed", thread_stacks()))
    return report


def thread_stacks() -> str:
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    return "\n".join(
        f"--- {names.get(ident, ident)}\n{''.join(traceback.format_stack(frame))}"
        for ident, frame in sys._current_frames().items()
    )


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread while the browser is open; the
    # tests' own ORM calls (and the database flush after each) are still plain synchronous code,
    # which Django's async-safety guard would refuse. Module scope: the loop stops with the
    # journeys, not with the whole run.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _reference_data(reference_data):
    """Every journey starts from the places and themes the data migrations load."""


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser tab; a screenshot lands in test-artifacts/ when the test fails."""
    context = new_context(browser, live_server)
    page = context.new_page()
    page.policy_violations = []
    page.on(
        "console",
        lambda message: (
            page.policy_violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::")[-1])
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def second_page(browser, live_server):
    """A second person's browser: its own context, so its own session."""
    context = new_context(browser, live_server)
    yield context.new_page()
    context.close()


def new_context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    return context


def sign_in(page, username: str) -> None:
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
