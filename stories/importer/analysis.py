"""A pasted digest read into stories with their suggestions: what the review screen shows and
what `manage.py import_digest --dry-run` prints. Nothing here writes to the database."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from stories.importer.deadlines import find_deadline
from stories.importer.headlines import plain, propose_title, sentences, summary_of
from stories.importer.matching import Document
from stories.importer.names import acronym_definitions
from stories.importer.structure import parse
from stories.importer.suggestions import (
    Suggestion,
    Vocabulary,
    suggest_organizations,
    suggest_places,
    suggest_themes,
)
from stories.importer.text import MAX_STORIES, DigestTextError, clean_text
from stories.models import StoryKind

_URL = re.compile(r"\]\((https?://[^)\s]+)\)|(https?://[^\s)\]>\"]+)")


@dataclass
class StoryAnalysis:
    lead: bool
    title: str
    title_proposed: bool
    summary: str
    body: str
    text: str  # what the suggestions were found in: the given title and the body
    deadline: datetime.date | None = None
    deadline_span: tuple[int, int] | None = None
    source_url: str = ""
    organizations: list[Suggestion] = field(default_factory=list)
    places: list[Suggestion] = field(default_factory=list)
    themes: list[Suggestion] = field(default_factory=list)

    @property
    def call_for_input(self) -> bool:
        return self.deadline is not None

    @property
    def kind(self) -> str:
        """The type to propose: in a digest, an item with a closing date is a call for input."""
        return StoryKind.CALL_FOR_INPUT if self.call_for_input else StoryKind.NEWS

    def suggestions(self) -> list[Suggestion]:
        return [*self.organizations, *self.places, *self.themes]

    def snippet(self, span: tuple[int, int], width: int = 60) -> SafeString:
        """The words around a span, the span itself marked."""
        start, end = span
        before = self.text[max(0, start - width) : start]
        after = self.text[end : end + width]
        if start > width:
            before = "…" + before.split(" ", 1)[-1]
        if end + width < len(self.text):
            after = after.rsplit(" ", 1)[0] + "…"
        return mark_safe(  # noqa: S308 - every piece is escaped here
            f"{escape(before)}<mark>{escape(self.text[start:end])}</mark>{escape(after)}"
        )

    def as_json(self) -> dict:
        return {
            "lead": self.lead,
            "title": self.title,
            "summary": self.summary,
            "body": self.body,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "organizations": [
                {"name": s.name, "slug": s.slug, "new": s.new}
                for s in self.organizations
                if s.accepted
            ],
            "places": [{"name": s.name, "slug": s.slug} for s in self.places if s.accepted],
            "themes": [{"name": s.name, "slug": s.slug} for s in self.themes if s.accepted],
        }


@dataclass
class DigestAnalysis:
    title: str
    introduction: str
    text: str  # the cleaned text, which the review form carries to the confirmation
    stories: list[StoryAnalysis]
    notices: list[str]

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "introduction": self.introduction,
            "stories": [story.as_json() for story in self.stories],
        }


def analyse(raw: str, *, vocabulary: Vocabulary | None = None) -> DigestAnalysis:
    """Read a pasted digest; a DigestTextError says why one cannot be read."""
    text = clean_text(raw)
    parsed = parse(text)
    if not parsed.stories:
        raise DigestTextError(
            "No story was found in the text, only a headline or section titles: paste the "
            "stories too.",
            code="no_stories",
        )
    if len(parsed.stories) > MAX_STORIES:
        raise DigestTextError(
            f"The text reads as {len(parsed.stories)} stories; an import takes at most "
            f"{MAX_STORIES}. Import the digest in parts.",
            code="too_many_stories",
        )
    vocabulary = vocabulary or Vocabulary()
    documents = []
    stories = []
    for story in parsed.stories:
        given = plain(story.title)
        text_analysed = f"{given}\n\n{story.body}" if given else story.body
        documents.append(Document(text_analysed))
        stories.append(
            StoryAnalysis(
                lead=story.lead,
                title=given or propose_title(story.body) or plain(story.body)[:80],
                title_proposed=not given,
                summary=summary_of(story.body),
                body=story.body,
                text=text_analysed,
            )
        )
    # A name defined with its acronym in one story is known by that acronym in the others.
    for document in documents:
        for detected in acronym_definitions(document):
            if detected.acronym not in vocabulary.by_acronym:
                vocabulary.introduce(detected)

    for story, document in zip(stories, documents, strict=True):
        story.organizations = suggest_organizations(document, vocabulary)
        org_spans = [span for s in story.organizations for span in s.spans]
        story.places = suggest_places(document, vocabulary, org_spans)
        opening = sentences(story.body)
        lede_end = len(story.text) - len(story.body) + (len(opening[0]) if opening else 0)
        story.themes = suggest_themes(document, vocabulary, lede_end)
        deadline = find_deadline(story.text)
        if deadline is not None:
            story.deadline = deadline.date
            story.deadline_span = (deadline.start, deadline.end)
        link = _URL.search(story.body)
        if link:
            story.source_url = link.group(1) or link.group(2).rstrip(".,;")

    title = parsed.title or (stories[0].title if stories else "")
    return DigestAnalysis(
        title=plain(title),
        introduction=plain(parsed.introduction),
        text=text,
        stories=stories,
        notices=parsed.notices,
    )
