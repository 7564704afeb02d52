"""Places as digests write them, read through the alias data generated into
stories/data/place_aliases.json and the regions the migrations load."""

from __future__ import annotations

import pytest

from stories.importer.analysis import analyse

pytestmark = pytest.mark.django_db


def places(sentence: str) -> dict[str, str]:
    """What the review screen ticks for an item, slug: name."""
    story = analyse(f"Digest\n\nIn brief:\n\n- {sentence}").stories[0]
    return {s.slug: s.name for s in story.places if s.accepted}


@pytest.mark.parametrize(
    ("sentence", "slug", "name"),
    [
        ("Kenyans returned home.", "kenya", "Kenya"),
        ("Workers moved from Vietnam.", "vietnam", "Vietnam"),
        ("Workers moved from Viet Nam.", "vietnam", "Vietnam"),
        ("Charities in the UK met.", "united-kingdom", "United Kingdom"),
        ("Projects in the Balkans closed.", "western-balkans", "Western Balkans"),
        ("Migration in sub-Saharan Africa was discussed.", "sub-saharan-africa",
         "Sub-Saharan Africa"),
        ("Experts met in Vienna.", "austria", "Austria"),
        ("The group arrived in Nairobi.", "kenya", "Kenya"),
        ("Cases across the OSCE region remain high.", "osce", "OSCE participating States"),
    ],
    ids=["demonym", "short-form", "official-name", "code", "the-balkans", "sub-saharan", "city",
         "capital", "grouping"],
)  # fmt: skip
def test_a_place_is_found_by_the_words_digests_use_for_it(sentence, slug, name):
    assert places(sentence) == {slug: name}


@pytest.mark.parametrize(
    "sentence",
    ["The ukulele players met.", "The English version and the American edition differ."],
    ids=["inside-a-word", "common-words"],
)
def test_words_that_only_look_like_places_are_not_places(sentence):
    assert places(sentence) == {}
