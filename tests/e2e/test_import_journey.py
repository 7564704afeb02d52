"""Importing a digest in a real browser: paste the seed, review, accept, confirm."""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from stories.models import RoundUp, Status
from tests.e2e.conftest import sign_in
from tests.factories import OrganizationFactory
from tests.stories.importer.conftest import ORGANIZATIONS, seed_path

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

READING_SECONDS = 60


def test_an_editor_pastes_the_seed_reviews_it_and_gets_a_draft_round_up_in_order(page, editor):
    import_module("stories.migrations.0011_theme_keywords").add_keywords(apps, None)
    for name, acronym, slug, aliases in ORGANIZATIONS:
        OrganizationFactory(name=name, acronym=acronym, slug=slug, aliases="\n".join(aliases))

    sign_in(page, "editor")
    page.goto(reverse("admin:stories_roundup_changelist"))
    page.click("text=Import a digest")
    page.fill("#id_text", seed_path().read_text(encoding="utf-8"))
    # Reading the seed (and creating its stories) takes the importer a second or two alone,
    # much longer on a machine that also runs another suite: the wait covers that.
    page.click("input[value='Read the digest']", timeout=READING_SECONDS * 1000)

    page.wait_for_selector("#digest-review", timeout=READING_SECONDS * 1000)
    assert page.input_value("#id_title") == (
        "OSCE leaders call for concerted action to address child trafficking"
    )
    kenyans = page.locator("#story-3")
    assert kenyans.locator("mark", has_text="Kenyans").count() == 1
    assert kenyans.get_by_label(re.compile(r"^\s*Thailand ")).is_checked()
    assert page.input_value("#id_story-6-deadline") == "2025-06-30"
    page.fill("#id_story-1-title", "Sweden backs IOM's work in Africa")
    # The editor rejects one suggestion and accepts the rest as ticked.
    page.locator("#story-2").get_by_label(re.compile(r"^\s*Policy and legislation ")).uncheck()
    page.click("button[value=confirm]", timeout=READING_SECONDS * 1000)

    page.wait_for_url(
        re.compile(r"/admin/stories/roundup/\d+/change/$"), timeout=READING_SECONDS * 1000
    )
    assert "draft round-up with 7 draft stories" in page.inner_text(".messagelist")
    listed = page.locator("#roundup-review tbody tr td:first-child a").all_inner_texts()
    assert listed[0] == "OSCE leaders call for concerted action to address child trafficking"
    assert listed[1:3] == [
        "Sweden backs IOM's work in Africa",
        "Hestia, The Salvation Army and 11 Other Organizations Supporting Survivors",
    ]
    assert len(listed) == 7
    roundup = RoundUp.objects.get()
    assert roundup.status == Status.DRAFT and roundup.author == editor
    hestia = roundup.items.get(position=2).story
    assert not hestia.topics.filter(slug="policy-and-legislation").exists()
    assert page.policy_violations == []
