"""Whatever is pasted, the import reads it or says why not; it never fails otherwise."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stories.importer.analysis import analyse
from stories.importer.suggestions import Vocabulary
from stories.importer.text import MAX_CHARACTERS, DigestTextError

pytestmark = pytest.mark.django_db

pieces = st.sampled_from(
    ["\n", "\n\n", "- ", "• ", "## ", "In brief:", "<p>", "</li>", "<h2>", "(", ")", "OSCE",
     "(IOM)", "Kenyans", "’s", "deadline is 31 June 2025", "by 1 May 2026", "\x0b", "\x00",
     "\u202e", "&amp;", "[link](https://example.org)", "  ", ".", ":", "U.S.", "—"]
)  # fmt: skip
texts = st.lists(st.one_of(pieces, st.text(max_size=40)), max_size=60).map("".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts)
def test_any_text_is_read_or_refused_with_a_reason(text, newsroom_organizations):
    vocabulary = Vocabulary()
    try:
        analysis = analyse(text, vocabulary=vocabulary)
    except DigestTextError as refused:
        assert refused.message
        return
    assert analysis.stories
    for story in analysis.stories:
        assert story.title and len(story.title) <= 255
        assert len(story.summary) <= 600
        assert "\x00" not in story.body and "\u202e" not in story.body
        for suggestion in story.suggestions():
            for start, end in suggestion.spans:
                assert 0 <= start < end <= len(story.text)
    assert analysis.as_json()["stories"]


# Texts at the size limit built to be slow to read: a sentence that never ends in capitalised
# words, a name defined again and again either way round, and nothing but brackets.
SLOW_TEXTS = {
    "one-endless-sentence": "Word " * (MAX_CHARACTERS // 5),
    "a-name-defined-again": "The European Labour Authority (ELA) " * (MAX_CHARACTERS // 36),
    "an-acronym-defined-again": "ELA (European Labour Authority) " * (MAX_CHARACTERS // 32),
    "only-brackets": "(IOM) " * (MAX_CHARACTERS // 6),
}


@pytest.mark.parametrize("text", SLOW_TEXTS.values(), ids=SLOW_TEXTS.keys())
def test_the_largest_text_is_read_well_inside_a_request_timeout(text):
    # The review page and the confirmation each read the whole text, in a request the server
    # ends after 30 seconds; a text that takes minutes would end it with an error page. The
    # time is this thread's CPU time: other work on a busy machine does not count against it.
    started = time.thread_time()
    analysis = analyse(text)
    elapsed = time.thread_time() - started

    assert analysis.stories
    assert elapsed < 10, f"{elapsed:.1f} s"
