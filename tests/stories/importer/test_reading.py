"""Reading text: cleaning, shapes, word boundaries, headlines and deadlines."""

from __future__ import annotations

import datetime

import pytest

from stories.importer.deadlines import find_deadline
from stories.importer.headlines import headline_case, propose_title, sentences, summary_of
from stories.importer.matching import Document, PhraseIndex, lemma
from stories.importer.structure import parse
from stories.importer.text import DigestTextError, clean_text, html_to_text
from tests.stories.importer.conftest import DIGESTS


def test_control_characters_are_removed_and_word_line_breaks_kept():
    text = clean_text("Title\x0bsecond line\r\n\r\nA\x00B\u202eC\u200bD\ufeff\x07 end\x0cnext")

    assert text == "Title\nsecond line\n\nABCD end\n\nnext"


@pytest.mark.parametrize("raw", ["", "   ", "\x00\x01\n\t", "<p> </p><br><div></div>"])
def test_text_without_words_is_refused(raw):
    with pytest.raises(DigestTextError) as refused:
        clean_text(raw)
    assert refused.value.code == "empty"


def test_html_keeps_its_structure_and_links_and_drops_scripts_and_styles():
    text = html_to_text(
        "<h1>Digest</h1><p>Intro &amp; more</p><style>p{}</style><ul><li>One "
        '<a href="https://example.org/a">link</a></li><li>Two</li></ul>'
        "<script>alert(1)</script><a href='javascript:x'>bad</a>"
    )

    assert text == "# Digest\n\nIntro & more\n\n- One [link](https://example.org/a)\n- Two\n\nbad"


@pytest.mark.parametrize(
    ("name", "titles", "leads"),
    [
        ("headings.md", ["OSCE experts urge states to step up the fight against child "
                         "trafficking", "Sweden reaffirms its support for IOM in Africa",
                         "Kenyans freed from Myanmar scam compounds are back home",
                         "UN child rights committee invites comments on access to justice"],
         [True, False, False, False]),
        ("bullets.txt", ["OSCE conference puts children at the centre of anti-trafficking work",
                         "", "", "", ""], [True, False, False, False, False]),
        ("in_brief.txt", ["UK charities call on the government to put victims first",
                          "", "", "", ""], [True, False, False, False, False]),
        ("pasted.html", ["OSCE leaders call for action on child trafficking", "", "", ""],
         [True, False, False, False]),
    ],
)  # fmt: skip
def test_each_shape_of_digest_reads_as_its_stories(name, titles, leads):
    digest = parse(clean_text((DIGESTS / name).read_text(encoding="utf-8")))

    assert [story.title for story in digest.stories] == titles
    assert [story.lead for story in digest.stories] == leads
    assert digest.title and digest.introduction
    assert all(story.body for story in digest.stories)


def test_bullet_items_keep_their_whole_text():
    digest = parse(clean_text((DIGESTS / "bullets.txt").read_text(encoding="utf-8")))

    assert digest.stories[2].body.endswith(
        "a project of the Business & Human Rights Resource Centre."
    )
    assert digest.stories[4].body.startswith("The final group of 78 Kenyans")


def test_hard_wrapped_email_paragraphs_are_joined():
    digest = parse("Digest\n\nIntro line.\n\nIn brief:\n\nFirst item wraps\nonto a second line.\n\n"
                   "Second item.")  # fmt: skip

    assert [story.body for story in digest.stories] == [
        "First item wraps onto a second line.",
        "Second item.",
    ]


def test_a_paragraph_without_structure_is_one_story_with_a_notice():
    digest = parse("Just one long paragraph. It has several sentences. None is a heading.")

    assert len(digest.stories) == 1 and digest.stories[0].lead
    assert "imported as one story" in digest.notices[0]


def test_acronyms_match_on_word_boundaries_and_in_their_case():
    index = PhraseIndex()
    index.add("ILO", "ilo")
    index.add("International Labour Organization", "ilo")
    index.add("Walk Free", "walk-free")
    document = Document(
        "The ILO’s report. Philosophers in Iloilo, the ilo, WILO and the international labour "
        "organization; we walk free. Walk Free said. ILO-backed."
    )

    found = [match.text(document) for match in index.find(document)]

    assert found == ["ILO’s", "Walk Free", "ILO"]


def test_the_longest_phrase_wins_and_names_do_not_run_across_punctuation():
    index = PhraseIndex()
    index.add("ASEAN", "asean")
    index.add("ASEAN-Australia Counter Trafficking", "asean-act")
    index.add("Kenya Thailand", "nonsense")
    document = Document("the ASEAN–Australia Counter Trafficking program, ASEAN, Kenya. Thailand")

    assert [m.payloads for m in index.find(document)] == [["asean-act"], ["asean"]]


def test_lemmas_join_plurals_and_verb_forms():
    assert lemma("orphanages") == lemma("orphanage")
    assert lemma("funded") == lemma("funding") == lemma("funds") == lemma("fund")
    assert lemma("children’s".replace("’", "'")) == "child"
    assert lemma("organizations") != lemma("organ")


def test_sentences_do_not_end_at_abbreviations():
    assert sentences("The U.S. Department of Labor stopped. Mr. Smith agreed. Then 3 more.") == [
        "The U.S. Department of Labor stopped.",
        "Mr. Smith agreed.",
        "Then 3 more.",
    ]


def test_headline_case_keeps_acronyms_names_and_small_words():
    assert headline_case("sweden backs the IOM in sub-saharan africa") == (
        "Sweden Backs the IOM in Sub-Saharan Africa"
    )
    assert headline_case("KnowTheChain finds firms at risk") == "KnowTheChain Finds Firms at Risk"


def test_a_proposed_title_is_short_and_uses_a_defined_acronym():
    title = propose_title(
        "Sweden has reaffirmed its support for the International Organization for Migration "
        "(IOM) and its efforts to address migration issues across the continent."
    )
    assert title == "Sweden Has Reaffirmed Its Support for IOM and Its Efforts"


def test_a_proposed_title_does_not_end_inside_a_name():
    # Made-up names: sentences whose subject alone passes the target length.
    title = propose_title(
        "The Office of the Northwind Commissioner for Example Affairs’ Panel on the Rights of the "
        "Reader now asks everyone for comments on its draft."
    )
    assert title == (
        "The Office of the Northwind Commissioner for Example Affairs’ Panel on the Rights of the "
        "Reader"
    )
    # A name longer than any headline is cut, not dropped.
    title = propose_title(
        "The Office of the Northwind Commissioner for Example Affairs’ Panel on the Rights of the "
        "Sample Reader and Listener now asks everyone for comments on its draft."
    )
    assert title.startswith("The Office of the Northwind Commissioner") and len(title) <= 80
    # One that starts late is left out: the headline ends before it.
    title = propose_title(
        "Officials from eleven sample towns met the Office of the Northwind Commissioner for "
        "Example Affairs’ Panel on the Rights of the Reader."
    )
    assert title == "Officials from Eleven Sample Towns Met"


def test_a_summary_stays_under_the_field_limit():
    summary = summary_of("word " * 400 + ".")
    assert len(summary) <= 600 and summary.endswith("…")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deadline for inputs is 30 June 2025.", datetime.date(2025, 6, 30)),
        ("Comments must be submitted by 31 October 2025.", datetime.date(2025, 10, 31)),
        ("Applications close on Friday, 1 March 2026.", datetime.date(2026, 3, 1)),
        ("Submissions are due by March 3, 2026.", datetime.date(2026, 3, 3)),
        ("The conference took place on 3 May 2025.", None),
        ("The deadline is 31 June 2025.", None),
    ],
)
def test_deadlines_are_read_where_the_text_announces_one(text, expected):
    found = find_deadline(text)
    assert (found.date if found else None) == expected
