"""The shape of a digest: its title, introduction, lead story and items.

Digests come in a few common shapes, and this reads each of them:
- a headline, a standfirst, the lead story, then a line such as "Here's a round-up of other
  news:" and one paragraph per item;
- headings ("## Sweden backs IOM in Africa", or a short line with no full stop) over each story;
- "In brief:" (or "Also this week", "Other news") followed by paragraphs or bullet points;
- bullet lists ("- ", "* ", "• ", "1. ") with one item per bullet.
Text with none of these becomes one story, so nothing pasted is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–]|\d{1,2}[.)])\s+")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*:?$|^__(.+?)__:?$")
# A line that opens the round-up part of a digest.
_SECTION = re.compile(
    r"\b(?:round-?up|in brief|briefly|also this week|other news|more news|news in brief|"
    r"elsewhere|in other news|other noteworthy|quick reads|short news|news roundup)\b",
    re.IGNORECASE,
)


@dataclass
class Block:
    kind: str  # "heading", "section", "bullet" or "paragraph"
    text: str


@dataclass
class ParsedStory:
    lead: bool
    title: str  # empty when the text gives none: one is proposed from the body
    body: str


@dataclass
class ParsedDigest:
    title: str
    introduction: str
    stories: list[ParsedStory] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _is_heading_line(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 20
        and len(line) <= 160
        and not re.search(r"[.;,:]$", line)
        and not _BULLET.match(line)
        and (line[:1].isupper() or line[:1].isdigit() or line[:1] in "“\"‘'")
    )


def blocks(text: str) -> list[Block]:
    """Headings, section lines, bullet items and paragraphs, in order."""
    result: list[Block] = []
    paragraph: list[str] = []
    has_blank_lines = "\n\n" in text

    def flush():
        if paragraph:
            result.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()

    lines = text.split("\n")
    for number, raw in enumerate(lines):
        line = raw.strip()
        following = lines[number + 1].strip() if number + 1 < len(lines) else ""
        if not line:
            flush()
            continue
        bold = _BOLD_LINE.match(line)
        if _MARKDOWN_HEADING.match(line) or bold:
            flush()
            heading = _MARKDOWN_HEADING.sub("", line) if not bold else (bold[1] or bold[2])
            kind = "section" if _is_section(heading.rstrip(":")) else "heading"
            result.append(Block(kind, heading.strip().rstrip(":").strip()))
        elif _BULLET.match(line):
            flush()
            result.append(Block("bullet", _BULLET.sub("", line)))
        elif line.endswith(":") and len(line.split()) <= 16 and not paragraph:
            flush()
            result.append(Block("section", line.rstrip(":").strip()))
        elif _is_section(line) and len(line.split()) <= 8 and not paragraph:
            result.append(Block("section", line))
        elif (
            not paragraph
            and _is_heading_line(line)
            and (has_blank_lines or len(line) < 100)
            # A hard-wrapped paragraph goes on in lower case on the next line.
            and not following[:1].islower()
        ):
            result.append(Block("heading", line))
        elif result and result[-1].kind == "bullet" and not has_blank_lines and not paragraph:
            result[-1].text += " " + line  # a bullet's text wrapped onto the next line
        else:
            paragraph.append(line)
            if not has_blank_lines:
                flush()  # without blank lines, each line is its own paragraph
    flush()
    # A "heading" line that is the last thing in the text, or followed only by another heading,
    # is a short paragraph ("Read more online"), not a story's headline.
    for index, block in enumerate(result):
        following = result[index + 1] if index + 1 < len(result) else None
        if block.kind == "heading" and index > 0 and (following is None):
            block.kind = "paragraph"
    return result


def _is_section(line: str) -> bool:
    return bool(_SECTION.search(line))


def parse(text: str) -> ParsedDigest:
    items = blocks(text)
    digest = ParsedDigest(title="", introduction="")
    if not items:
        return digest

    # The digest's own headline and standfirst.
    position = 0
    if items[0].kind == "heading":
        digest.title = items[0].text
        position = 1
        if (
            position < len(items) - 1
            and items[position].kind == "paragraph"
            and len(items[position].text) <= 700
            and items[position + 1].kind != "paragraph"
        ):
            digest.introduction = items[position].text
            position += 1
    rest = items[position:]

    structured = any(block.kind in ("heading", "section", "bullet") for block in rest)
    if not structured:
        body = "\n\n".join(block.text for block in rest)
        if not body and digest.introduction:
            body, digest.introduction = digest.introduction, ""
        if not re.search(r"\w", body):
            return digest  # a headline alone: no story
        digest.stories.append(ParsedStory(lead=True, title="", body=body))
        if not digest.title:
            digest.notices.append(
                "No headline, headings or list of items were recognised: the text was imported "
                "as one story. Separate stories with headings, bullet points or an “In brief:” "
                "line to import them one by one."
            )
        elif len(rest) > 1:
            digest.notices.append(
                "No headings, bullet points or “In brief:” line separate the stories, so "
                "everything under the headline became one story."
            )
        return digest

    _read_stories(digest, rest)
    return digest


def _read_stories(digest: ParsedDigest, rest: list[Block]) -> None:
    in_round_up = False
    current: ParsedStory | None = None

    def close():
        nonlocal current
        if current is not None and (current.body or current.title):
            digest.stories.append(current)
        current = None

    for block in rest:
        if block.kind == "section":
            close()
            in_round_up = True
        elif block.kind == "heading":
            close()
            current = ParsedStory(lead=not in_round_up and not digest.stories, title=block.text,
                                  body="")  # fmt: skip
        elif block.kind == "bullet":
            close()
            digest.stories.append(ParsedStory(lead=False, title="", body=block.text))
            in_round_up = True
        elif current is not None and (current.lead or current.title):
            current.body = f"{current.body}\n\n{block.text}".strip()
        elif in_round_up:
            digest.stories.append(ParsedStory(lead=False, title="", body=block.text))
        else:
            # Paragraphs before any heading or section: the lead story, without a headline.
            current = current or ParsedStory(lead=not digest.stories, title="", body="")
            current.body = f"{current.body}\n\n{block.text}".strip()
    close()
    # A heading with nothing under it ("Read the full digest online") is not a story, nor is a
    # stray bullet with no words.
    digest.stories = [story for story in digest.stories if re.search(r"\w", story.body)]
    if not any(story.lead for story in digest.stories) and digest.stories:
        digest.notices.append("No lead story was recognised: every story is a round-up item.")
