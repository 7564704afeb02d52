"""The seed digest the product owners shared, read as the issue promises."""

from __future__ import annotations

import datetime

import pytest

from stories.importer.analysis import analyse

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(newsroom_organizations, field_vocabulary, seed_text):
    return analyse(seed_text)


def accepted(suggestions) -> set[str]:
    return {s.slug or s.name for s in suggestions if s.accepted}


def test_the_seed_reads_as_a_lead_story_and_six_items_in_order(seed):
    assert seed.title == "OSCE leaders call for concerted action to address child trafficking"
    assert seed.introduction.startswith("The OSCE’s anti-trafficking conference highlights")
    assert [story.lead for story in seed.stories] == [True] + [False] * 6
    openings = [story.body[:30] for story in seed.stories]
    assert openings == [
        "Anti-trafficking experts and l",
        "Sweden has reaffirmed its supp",
        "Hestia, The Salvation Army and",
        "The final group of 78 Kenyans ",
        "This analysis of labour migrat",
        "Dozens of technology firms are",
        "The UN Office of the High Comm",
    ]


def test_the_lead_names_the_organizations_the_conference_heard_from(seed):
    assert {
        "osce", "asean-acwc", "asean-act", "winrock-international", "usaid",
        "us-department-of-labor", "freedom-collaborative", "la-strada-international",
    } <= accepted(seed.stories[0].organizations)  # fmt: skip


def test_the_last_item_is_a_call_for_input_closing_on_30_june_2025(seed):
    call = seed.stories[-1]
    assert call.deadline == datetime.date(2025, 6, 30)
    assert call.call_for_input
    assert [story.deadline for story in seed.stories[:-1]] == [None] * 6


def test_the_kenyans_item_is_placed_in_kenya_myanmar_and_thailand(seed):
    kenyans = seed.stories[3]
    assert {"kenya", "myanmar", "thailand"} <= accepted(kenyans.places)
    triggers = {kenyans.text[start:end] for s in kenyans.places for start, end in s.spans}
    assert {"Kenyans", "Nairobi", "Myanmar", "Thailand"} <= triggers


def test_items_get_short_headline_case_titles_and_their_first_sentence_as_summary(seed):
    sweden = seed.stories[1]
    assert sweden.title_proposed
    assert sweden.title == "Sweden Has Reaffirmed Its Support for IOM and Its Efforts"
    assert sweden.summary.startswith("Sweden has reaffirmed its support for the International")
    assert sweden.summary.endswith("the State Secretary to the Minister for Migration.")
    assert all(len(story.title) <= 100 for story in seed.stories)
    # A long name is kept whole rather than cut at the target length ("… on the Rights").
    assert seed.stories[-1].title.endswith("Committee on the Rights of the Child")
    assert not seed.stories[0].title_proposed


def test_direct_quotes_are_kept_verbatim(seed, seed_text):
    for story in seed.stories:
        assert story.body in seed_text
    assert "“put victims first”" in seed.stories[2].body
    assert seed.stories[0].body.endswith(
        "re-envision what the leadership in combating trafficking will look like going forward.”"
    )


def test_a_known_acronym_defined_with_a_new_long_name_offers_the_name_as_an_alias(seed):
    asean_act = next(s for s in seed.stories[0].organizations if s.slug == "asean-act")
    # The record knows "ASEAN-Australia Counter Trafficking program": dashes differ, not names.
    assert asean_act.alias == ""
    osce = next(s for s in seed.stories[0].organizations if s.slug == "osce")
    assert osce.confidence > 0.9 and len(osce.spans) >= 3
